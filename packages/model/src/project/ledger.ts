// The ledger of one projection: income less expenditure by FY, the Safety Valve's conditional
// payments, and the cumulative balance (spec §5, §7).
import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { stabilityGrantAmount } from "../compile/stability-grant.js";
import type { SafetyValvePayment, Trajectory } from "./trajectory.js";

/** What the ledger adds up besides the placements: a projection's income and other expenditure by FY. */
export type LedgerParts = Pick<
  Trajectory,
  "hnb" | "transfer" | "otherIncome" | "lineCosts" | "staffing" | "implementation" | "stabilityGrantOn"
>;

/** How far short of its target (£) an in-year balance may fall and still earn a Safety Valve payment: half a penny, for floating-point noise. */
export const SAFETY_VALVE_TOLERANCE = 0.005;

/** The balances of a ledger by FY. */
export interface LedgerArrays {
  /** The Stability Grant paid by FY (part of income). */
  readonly stabilityGrant: Float64Array;
  readonly income: Float64Array;
  readonly expenditure: Float64Array;
  readonly inYear: Float64Array;
  readonly cumulative: Float64Array;
}

/** The balances of a ledger (spec §6) and the Safety Valve payments it made, by lever id. */
export interface Ledger extends LedgerArrays {
  readonly safetyValve: SafetyValvePayment[];
  readonly paid: ReadonlyMap<string, Float64Array>;
}

/**
 * The ledger (spec §6) from a projection's parts and its placements' cost summed by FY. An income
 * line of a Safety Valve lever is conditional: the payment is made only if the in-year balance
 * without it meets that year's target (what the line held is ignored).
 * @example balanceLedger(model, t, sumByYear(t.placementCosts, 6)).cumulative // t.cumulative again
 */
export function balanceLedger(
  model: Model,
  parts: LedgerParts,
  placementSum: ArrayLike<number>,
  into?: LedgerArrays,
): Ledger {
  const n = model.horizon + 1;
  const { hnb, transfer, otherIncome, lineCosts, staffing, implementation } = parts;
  const grant = parts.stabilityGrantOn ? model.income.stabilityGrant : undefined;
  // The Safety Valve lever of each income line (undefined for the others); most scenarios have
  // none, and only a lever's own line (lever set) can be one.
  let conditional: (Extract<LeverModel, { type: "safetyValve" }> | undefined)[] | undefined;
  const paid = new Map<string, Float64Array>();
  for (let i = 0; i < otherIncome.length; i++) {
    const id = (otherIncome[i] as LedgerParts["otherIncome"][number]).lever;
    if (id === undefined) continue;
    const lever = model.levers.find((l) => l.id === id);
    if (lever?.type !== "safetyValve") continue;
    conditional ??= otherIncome.map(() => undefined);
    conditional[i] = lever;
    paid.set(lever.id, new Float64Array(n));
  }
  // Every FY of the arrays is written below.
  const income = into?.income ?? new Float64Array(n);
  const expenditure = into?.expenditure ?? new Float64Array(n);
  const inYear = into?.inYear ?? new Float64Array(n);
  const cumulative = into?.cumulative ?? new Float64Array(n);
  const stabilityGrant = (into?.stabilityGrant ?? new Float64Array(n)).fill(0);
  const safetyValve: SafetyValvePayment[] = [];
  let balance = model.openingBalance;
  for (let k = 0; k < n; k++) {
    let inc = (hnb[k] ?? 0) + (transfer[k] ?? 0);
    // A conditional line holds nothing until its payment is made.
    for (let i = 0; i < otherIncome.length; i++)
      inc += conditional?.[i] ? 0 : ((otherIncome[i] as LedgerParts["otherIncome"][number]).amounts[k] ?? 0);
    let exp = placementSum[k] as number;
    for (const c of lineCosts) exp += c[k] ?? 0;
    for (const s of staffing) if (s.model.fundedBy === "HNB") exp += s.cost[k] ?? 0;
    for (const g of implementation) exp += g.cost[k] ?? 0;
    const before = inc - exp;
    if (conditional)
      for (const lever of conditional) {
        if (!lever) continue;
        const amount = lever.payments[k] ?? 0;
        if (amount <= 0) continue;
        const target = lever.targets[k] ?? 0;
        // Met to the half penny: a balance that equals its target by hand can come out a few
        // billionths of a pound short in floating point, and must not lose the payment for it.
        const met = before >= target - SAFETY_VALVE_TOLERANCE;
        if (met) {
          (paid.get(lever.id) as Float64Array)[k] = amount;
          inc += amount;
        }
        safetyValve.push({ lever: lever.id, k, amount, target, inYearBefore: before, paid: met });
      }
    // The Stability Grant pays off the deficit at the end of deficitFY (spec §11), whose closing
    // balance is already known; added after the Safety Valve test, whose targets are the
    // underlying in-year balance, not a one-off payment towards the historic deficit.
    if (grant && k === grant.paidK) {
      const closing = grant.deficitK < 0 ? model.openingBalance : (cumulative[grant.deficitK] as number);
      const amount = stabilityGrantAmount(grant, closing);
      stabilityGrant[k] = amount;
      inc += amount;
    }
    income[k] = inc;
    expenditure[k] = exp;
    inYear[k] = inc - exp;
    balance += inc - exp;
    cumulative[k] = balance;
  }
  return { income, expenditure, inYear, cumulative, stabilityGrant, safetyValve, paid };
}

/**
 * Per-year sums of series, added in the order given (as the ledger adds placements), onto `start`
 * (zeros by default) from series `from` on; with `partial`, the running sum after each series.
 * @example sumByYear([Float64Array.of(1, 2), Float64Array.of(3, 4)], 2) // [4, 6]
 */
export function sumByYear(
  series: readonly ArrayLike<number>[],
  n: number,
  start?: ArrayLike<number>,
  from = 0,
  partial?: Float64Array[],
): Float64Array {
  const sum = start ? Float64Array.from(start) : new Float64Array(n);
  for (let i = from; i < series.length; i++) {
    const c = series[i] as ArrayLike<number>;
    for (let k = 0; k < n; k++) sum[k] = (sum[k] as number) + (c[k] ?? 0);
    partial?.push(Float64Array.from(sum));
  }
  return sum;
}

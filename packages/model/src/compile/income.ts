import type { Scenario } from "../scenario/schema.js";
import { fyLabel } from "../units/time.js";
import { hnbAllocation, importExportAdjustment } from "./place-funding.js";
import { compound, rateArray } from "./rates.js";
import { normaliseStabilityGrant, type StabilityGrantModel } from "./stability-grant.js";

/** Approval a Schools Block transfer needs: up to 0.5% Schools Forum, above it a disapplication request. */
export type TransferRoute = "schools-forum" | "disapplication";

/** Above this share of the Schools Block a transfer needs a disapplication request, not only Schools Forum approval. */
export const SCHOOLS_FORUM_LIMIT = 0.005;

/**
 * The approval a transfer rate needs (spec §5), decided on the rate as a percentage rounded to 4
 * decimal places (0.5000%), so a formula such as 0.1 * 0.05 = 0.005000000000000001 is still 0.5%.
 * @example transferRoute(0.005) === "schools-forum"; transferRoute(0.01) === "disapplication"
 */
export function transferRoute(rate: number): TransferRoute {
  return Math.round(rate * 1e6) <= SCHOOLS_FORUM_LIMIT * 1e6 ? "schools-forum" : "disapplication";
}

/** A per-FY income source (explicit amounts). */
export interface IncomeSource {
  readonly id: string;
  readonly label: string;
  readonly amounts: Float64Array;
}

/** Income as per-year arrays. */
export interface IncomeModel {
  readonly hnb: Float64Array;
  /** Schools Block allocation (0 when the scenario has none). */
  readonly schoolsBlock: Float64Array;
  readonly transferRate: Float64Array;
  readonly other: readonly IncomeSource[];
  /** Other movements out of the Schools Block: they count towards the transfer limit, not towards income. */
  readonly schoolsBlockMovements: readonly IncomeSource[];
  /** Set when the HNB allocation is projected per head of the 2–18 population (issue #18); typed otherwise. */
  readonly hnbPerHead?: HnbPerHead;
  /** The High Needs Stability Grant (spec §11), where the scenario has one. */
  readonly stabilityGrant?: StabilityGrantModel;
}

/** The HNB allocation projected from per-head funding × the 2–18 population, within floor and cap. */
export interface HnbPerHead {
  readonly population: Float64Array;
  /** What the formula gives per head before protection (index 0: the base FY's own per head). */
  readonly formulaPerHead: Float64Array;
  /** Per head after the floor and cap (index 0: amount / population in the base FY). */
  readonly perHead: Float64Array;
  /** The limit that bound each FY (null at index 0 and where none did). */
  readonly bound: readonly ("floor" | "cap" | null)[];
}

/** The id of the import/export adjustment among the other income lines. */
export const IMPORT_EXPORT_ID = "import-export";

/** Amounts keyed by FY label as an array over the reported years. @example fyAmounts({ "2025-26": 5 }, 2025, 1) // → [0, 5] */
export function fyAmounts(
  map: Readonly<Record<string, number>>,
  baseYear: number,
  horizon: number,
): Float64Array {
  const out = new Float64Array(horizon + 1);
  for (let k = 0; k <= horizon; k++) out[k] = map[fyLabel(baseYear + k)] ?? 0;
  return out;
}

/** Normalises the scenario's income (spec §5). @example normaliseIncome(s.income, 2025, 5).hnb[0] === s.income.hnb.amount */
export function normaliseIncome(
  income: Scenario["income"],
  baseYear: number,
  horizon: number,
  planStatus?: NonNullable<Scenario["plan"]>["status"],
): IncomeModel {
  const grow = (amount: number, growth: Parameters<typeof rateArray>[0]) =>
    compound(rateArray(growth, baseYear, horizon)).map((f) => f * amount);
  const sb = income.schoolsBlock;
  const perHead = income.hnb.perHead
    ? hnbPerHead(income.hnb.amount, income.hnb.perHead, baseYear, horizon)
    : undefined;
  const importExport = income.importExport;
  // The grant is conditional on DfE approving the plan: a plan DfE has not approved earns none.
  const stabilityGrant =
    planStatus === "not-approved" ? undefined : normaliseStabilityGrant(income.stabilityGrant, baseYear);
  return {
    ...(stabilityGrant ? { stabilityGrant } : {}),
    hnb: perHead
      ? perHead.perHead.map((h, k) => (k === 0 ? income.hnb.amount : h * (perHead.population[k] ?? 0)))
      : grow(income.hnb.amount, income.hnb.growth),
    ...(perHead ? { hnbPerHead: perHead } : {}),
    schoolsBlock: sb ? grow(sb.amount, sb.growth) : new Float64Array(horizon + 1),
    transferRate: sb ? fyAmounts(sb.transferRate, baseYear, horizon) : new Float64Array(horizon + 1),
    other: [
      ...income.other.map((o) => ({
        id: o.id,
        label: o.label,
        amounts: fyAmounts(o.amounts, baseYear, horizon),
      })),
      ...(importExport
        ? [
            {
              id: IMPORT_EXPORT_ID,
              label: "Import/export adjustment",
              amounts: Float64Array.from(
                importExportAdjustment(
                  Array.from(fyAmounts(importExport.netImported, baseYear, horizon)),
                  importExport.rate,
                ),
              ),
            },
          ]
        : []),
    ],
    schoolsBlockMovements: (sb?.otherMovements ?? []).map((o) => ({
      id: o.id,
      label: o.label,
      amounts: fyAmounts(o.amounts, baseYear, horizon),
    })),
  };
}

/**
 * The allocation per head of the 2–18 population: the base FY's per head is amount / population, and
 * each later FY's is the formula's figure kept within [floor, cap] of the year before (hnbAllocation).
 * @example hnbPerHead(1000, { population: { "2024-25": 1, "2025-26": 1 }, formula: { "2025-26": 1200 }, floor: 0, cap: 0.1 }, 2025, 1).perHead // [1000, 1100]
 */
export function hnbPerHead(
  amount: number,
  p: NonNullable<Scenario["income"]["hnb"]["perHead"]>,
  baseYear: number,
  horizon: number,
): HnbPerHead {
  const population = fyAmounts(p.population, baseYear, horizon);
  const formula = fyAmounts(p.formula, baseYear, horizon);
  const base = (population[0] ?? 0) > 0 ? amount / (population[0] as number) : 0;
  const later =
    horizon > 0
      ? hnbAllocation({
          basePerHead: base,
          formulaPerHead: Array.from(formula.subarray(1)),
          population: Array.from(population.subarray(1)),
          floor: p.floor,
          cap: p.cap,
        })
      : { perHead: [], bound: [] };
  formula[0] = base;
  return {
    population,
    formulaPerHead: formula,
    perHead: Float64Array.from([base, ...later.perHead]),
    bound: [null, ...later.bound],
  };
}

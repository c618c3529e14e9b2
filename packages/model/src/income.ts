import { compound, rateArray } from "./rates.js";
import type { TransferRoute } from "./result.js";
import type { Scenario } from "./schema.js";
import { fyLabel } from "./time.js";

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
}

/** Amounts keyed by FY label as an array over the reported years. @example fyAmounts({ "2025-26": 5 }, 2025, 1) -> [0, 5] */
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
export function normaliseIncome(income: Scenario["income"], baseYear: number, horizon: number): IncomeModel {
  const grow = (amount: number, growth: Parameters<typeof rateArray>[0]) =>
    compound(rateArray(growth, baseYear, horizon)).map((f) => f * amount);
  const sb = income.schoolsBlock;
  return {
    hnb: grow(income.hnb.amount, income.hnb.growth),
    schoolsBlock: sb ? grow(sb.amount, sb.growth) : new Float64Array(horizon + 1),
    transferRate: sb ? fyAmounts(sb.transferRate, baseYear, horizon) : new Float64Array(horizon + 1),
    other: income.other.map((o) => ({
      id: o.id,
      label: o.label,
      amounts: fyAmounts(o.amounts, baseYear, horizon),
    })),
    schoolsBlockMovements: (sb?.otherMovements ?? []).map((o) => ({
      id: o.id,
      label: o.label,
      amounts: fyAmounts(o.amounts, baseYear, horizon),
    })),
  };
}

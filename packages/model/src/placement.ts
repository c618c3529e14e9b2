import type { Category } from "./category.js";
import { isMethod } from "./growth.js";
import { compound, rateArray } from "./rates.js";
import type { Placement, RateInput } from "./schema.js";

/** A placement type as per-year arrays (index k = census year B+k / FY_{B+k}). */
export interface PlacementModel {
  readonly id: string;
  readonly label: string;
  readonly category: Category;
  readonly count: number;
  /** N(B-1) for academic phasing: the history value for B-1 where given, otherwise N(B). */
  readonly previousCount: number;
  readonly growth: Float64Array;
  /** c(FY_B+k) before any unit-cost lever: unitCost · Π(1 + inflation). */
  readonly unitCost: Float64Array;
}

/** Normalises a validated placement. @example normalisePlacement(p, 2025, 5).unitCost[0] === p.unitCost */
export function normalisePlacement(
  p: Placement,
  baseYear: number,
  horizon: number,
  growth: RateInput = isMethod(p.growth) ? 0 : p.growth,
): PlacementModel {
  const inflation = compound(rateArray(p.costInflation, baseYear, horizon));
  return {
    id: p.id,
    label: p.label,
    category: p.category,
    count: p.count,
    previousCount: p.history?.[String(baseYear - 1)] ?? p.count,
    growth: rateArray(growth, baseYear, horizon),
    unitCost: inflation.map((f) => f * p.unitCost),
  };
}

/** Counts N(B+k) = N(B+k-1) · (1 + g(B+k)), unrounded. @example projectCounts(100, Float64Array.of(0, 0.1)) -> [100, 110] */
export function projectCounts(
  count: number,
  growth: Float64Array,
  out = new Float64Array(growth.length),
): Float64Array {
  let n = count;
  for (let k = 0; k < growth.length; k++) {
    if (k > 0) n *= 1 + (growth[k] ?? 0);
    out[k] = n;
  }
  return out;
}

/** The phasings of spec §2: what share of which census counts a financial year pays for. */
export type Phasing = "census" | "academic";

/**
 * Cost by FY: `census` N(Y)·c(FY_Y); `academic` c(FY_Y)·(5/12·N(Y-1) + 7/12·N(Y)).
 * @example phasedCost("academic", [120], 100, [1000])[0] === 1000 * (5 / 12 * 100 + 7 / 12 * 120)
 */
export function phasedCost(
  phasing: Phasing,
  counts: ArrayLike<number>,
  previousCount: number,
  unitCosts: ArrayLike<number>,
  out = new Float64Array(counts.length),
): Float64Array {
  for (let k = 0; k < counts.length; k++) {
    const n = counts[k] ?? 0;
    const places =
      phasing === "census" ? n : (5 / 12) * (k === 0 ? previousCount : (counts[k - 1] ?? 0)) + (7 / 12) * n;
    out[k] = places * (unitCosts[k] ?? 0);
  }
  return out;
}

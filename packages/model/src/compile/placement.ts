import { isMethod } from "../growth/growth.js";
import type { Category } from "../scenario/category.js";
import type { Placement, RateInput } from "../scenario/schema.js";
import type { Provider, S251Line, TopUpBand } from "./place-funding.js";
import { compound, rateArray } from "./rates.js";

/** A placement costed as commissioned places × rate + pupils placed × top-up (issue #18), as per-year arrays. */
export interface PlacesModel {
  /** Commissioned places by census year B+k (a year left out keeps the year before's); undefined: paid per pupil only. */
  readonly places?: Float64Array;
  /** Places the year before the base year. */
  readonly placesBefore?: number;
  readonly rate?: number;
  readonly onRoll?: boolean;
  readonly fill?: readonly number[];
  readonly provider: Provider;
  readonly bands?: readonly TopUpBand[];
  /** Index of the placement that takes the pupils the places cannot hold. */
  readonly overflow?: number;
}

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
  /** Set when the placement is costed by places and top-ups; unitCost is then the top-up per pupil. */
  readonly places?: PlacesModel;
  /** The s251 line of its top-ups or fees, where the scenario names one (else its category's). */
  readonly s251: S251Line | undefined;
  /** Shares of its top-ups by s251 line, where the scenario splits them. */
  readonly s251Split: Readonly<Record<string, number>> | undefined;
}

/** Normalises a validated placement. @example normalisePlacement(p, 2025, 5).unitCost[0] === p.unitCost */
export function normalisePlacement(
  p: Placement,
  baseYear: number,
  horizon: number,
  growth: RateInput = isMethod(p.growth) ? 0 : p.growth,
  placementIds: readonly string[] = [],
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
    ...(p.places ? { places: normalisePlaces(p.places, baseYear, horizon, placementIds) } : {}),
    // Always present (undefined when not named): one object shape for every placement.
    s251: p.s251 as S251Line | undefined,
    s251Split: p.s251Split,
  };
}

/**
 * Commissioned places as an array over census years B..B+H: each year takes its own entry or, left
 * out, the year before's. @example normalisePlaces({ commissioned: { 2025: 10, 2027: 30 }, provider: "maintained" }, 2025, 3).places // [10, 10, 30, 30]
 */
export function normalisePlaces(
  p: NonNullable<Placement["places"]>,
  baseYear: number,
  horizon: number,
  placementIds: readonly string[] = [],
): PlacesModel {
  let places: Float64Array | undefined;
  let placesBefore = 0;
  if (p.commissioned) {
    const map = p.commissioned;
    places = new Float64Array(horizon + 1);
    let last = map[String(baseYear)] ?? 0;
    for (let k = 0; k <= horizon; k++) {
      last = map[String(baseYear + k)] ?? last;
      places[k] = last;
    }
    placesBefore = map[String(baseYear - 1)] ?? places[0] ?? 0;
  }
  const overflow = p.overflow === undefined ? -1 : placementIds.indexOf(p.overflow);
  return {
    provider: p.provider,
    ...(places ? { places, placesBefore } : {}),
    ...(p.rate !== undefined ? { rate: p.rate } : {}),
    ...(p.onRoll !== undefined ? { onRoll: p.onRoll } : {}),
    ...(p.fill ? { fill: [...p.fill] } : {}),
    ...(p.bands ? { bands: p.bands.map((b) => ({ ...b })) } : {}),
    ...(overflow >= 0 ? { overflow } : {}),
  };
}

/** Counts N(B+k) = N(B+k-1) · (1 + g(B+k)), unrounded. @example projectCounts(100, Float64Array.of(0, 0.1)) // → [100, 110] */
export function projectCounts(
  count: number,
  growth: Float64Array,
  out: Float64Array = new Float64Array(growth.length),
): Float64Array {
  let n = count;
  for (let k = 0; k < growth.length; k++) {
    if (k > 0) n *= 1 + (growth[k] ?? 0);
    out[k] = n;
  }
  return out;
}

// The spread of new EHC plans' growth. With a `demand` section new plans set the EHCP level (the
// placements' growth sets only their mix), so a simulation that draws only the placements' growth
// leaves the level's uncertainty out. New plans' growth is drawn like a placement type's: a constant
// shift, once per path, whose 3-year log variance is the one the residuals of past forecasts show.
import { type BandModel, typeGrowthSd } from "./type-uncertainty.js";

/**
 * The variance components of new plans' log forecast errors, e² = h²·a + b/n (n the base year's
 * new plans), fitted by scripts/study-newplans-bands.mjs (section 1) on the forecast `hnb import`
 * writes (pooled `auto` towards England's EHCP trend) for every authority of the DfE SEN2 2022
 * release, origins January 2019–2021, targets up to January 2022 (890 forecasts). No scale tuned.
 */
export const NEW_PLANS_BANDS: BandModel = {
  types: {},
  pooled: { a: 0.01413558349356714, b: 0.3532969329681187 },
  scales: [1],
};

/** Where the spread of `uncertainty.newPlansGrowth: auto` comes from, in words (the workbook's and JSON's). */
export const NEW_PLANS_BASIS =
  "new plans' forecast errors: DfE SEN2 2022 release, every authority, origins 2019–2021 (scripts/study-newplans-bands.mjs)";

/**
 * The sd of the constant shift in new plans' growth a simulation draws, for an authority making
 * `count` new plans a year: √(9a + b/n) / 3, as typeGrowthSd works out a placement type's.
 * @example newPlansGrowthSd(800) // ≈ 0.119
 */
export function newPlansGrowthSd(count: number): number {
  return typeGrowthSd("newPlans", count, NEW_PLANS_BANDS);
}

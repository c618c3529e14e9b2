// Internals of @hnb/model for its own tests, the benchmarks and studies: the pipeline's machinery,
// not the public API (which is ./index.ts). Names here may change without notice.

export { compiledOf } from "./compile/compile.js";
export { normalisePlaces } from "./compile/placement.js";
export {
  projectSubsets,
  type Subsets,
  sequentialSavings,
  shapleyShares,
  subsetValues,
} from "./derive/attribution.js";
export { costAvoidanceOf, overridePosition, safetyValveOf } from "./derive/forecast.js";
export {
  type AutoChoice,
  autoGrowth,
  GROWTH_SD_CAP,
  GROWTH_SD_PRIOR,
  GROWTH_SD_PRIOR_WEIGHT,
  Z80,
} from "./growth/auto-growth.js";
export {
  AUTO_CANDIDATES,
  DEFAULT_YEARS,
  methodName,
  POOLED_OWN_WEIGHT,
  REFERENCE_TREND,
  type Requirement,
  requirement,
} from "./growth/calibration.js";
export { historyPoints, referenceOf, totalReference, totalSeries, trendOf } from "./growth/growth.js";
export { ownTrend } from "./growth/pooling.js";
export { levelConstants } from "./growth/type-growth.js";
export { hnbAllocationView, placeFundingRows } from "./project/place-costs.js";
export { finalBalance, inflatedUnitCost } from "./project/projection.js";
export { normalQuantile, uniforms } from "./simulate/random.js";

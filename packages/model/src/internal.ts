// Internals of @hnb/model for its own tests, the benchmarks and studies: the pipeline's machinery,
// not the public API (which is ./index.ts). Names here may change without notice.
export {
  projectSubsets,
  type Subsets,
  sequentialSavings,
  shapleyShares,
  subsetValues,
} from "./attribution.js";
export {
  type AutoChoice,
  autoGrowth,
  GROWTH_SD_CAP,
  GROWTH_SD_PRIOR,
  GROWTH_SD_PRIOR_WEIGHT,
  Z80,
} from "./backtest.js";
export {
  AUTO_CANDIDATES,
  DEFAULT_YEARS,
  methodName,
  POOLED_OWN_WEIGHT,
  REFERENCE_TREND,
  type Requirement,
  requirement,
} from "./calibration.js";
export { compiledOf } from "./compile.js";
export { costAvoidanceOf, overridePosition, safetyValveOf } from "./forecast.js";
export { historyPoints, referenceOf, totalReference, totalSeries, trendOf } from "./growth.js";
export { hnbAllocationView, placeFundingRows } from "./place-costs.js";
export { normalisePlaces } from "./placement.js";
export { ownTrend } from "./pooling.js";
export { finalBalance, inflatedUnitCost } from "./projection.js";
export { normalQuantile, uniforms } from "./random.js";

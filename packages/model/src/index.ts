// The public API of @hnb/model: the pure, deterministic engine (no I/O, no clock, no global state).

export {
  type BacktestMethod,
  type BacktestOptions,
  type BacktestRecord,
  type BacktestSeries,
  type BacktestSummary,
  commonOnly,
  HOLDOUT_METHODS,
  rollingOrigin,
  summarise,
} from "./analyse/backtest.js";
export {
  type ComparedScenario,
  type Comparison,
  ComparisonError,
  compareScenarios,
  type InputDifference,
  MAX_COMPARED_INPUTS,
  type ScenarioDifference,
} from "./analyse/comparison.js";
export { type ChangeDetail, changeDetails, changeWords, inputLabel } from "./analyse/comparison-words.js";
export {
  GOAL_SEEK_PARAMETERS,
  type GoalSeekParameter,
  type GoalSeekRequest,
  type GoalSeekResult,
  goalSeek,
  goalSeekRange,
} from "./analyse/goal-seek.js";
export {
  MONITORING_VERSION,
  MONTHS,
  type Monitoring,
  type MonitoringLine,
  type MonitoringResult,
  MonitoringSchema,
  monitor,
  monthKey,
  movementSince,
  PROFILE_TOLERANCE,
  parseMonitoring,
  parseReportedMonitoring,
  type ReportedMonitoring,
  ReportedMonitoringSchema,
  RUN_RATE_TOLERANCE,
  runRateWarnings,
} from "./analyse/monitoring.js";
export {
  type AuthoritySeries,
  NATIONAL_UNIT_COSTS,
  summariseTypes,
  TYPE_METHODS,
  type TypeBacktestOptions,
  type TypeBacktestRecord,
  type TypeBacktestSummary,
  type TypeMeasure,
  type TypeTarget,
  typeBacktest,
  typeTargets,
} from "./analyse/type-backtest.js";
export { type Compiled, compile } from "./compile/compile.js";
export {
  ageingShares,
  BAND_WIDTHS,
  type BandValues,
  type CessationEstimate,
  type DemandInput,
  DemandInputError,
  type DemandRow,
  demandProjection,
  demandTotals,
  estimateCessation,
  PLAUSIBLE_CESSATION,
  projectDemand,
} from "./compile/demand.js";
export { type DemandEstimates, type DemandModel, normaliseDemand } from "./compile/demand-model.js";
export { SCHOOLS_FORUM_LIMIT, type TransferRoute, transferRoute } from "./compile/income.js";
export { LEVER_TYPE_NAMES, type LeverKind, leverKind } from "./compile/mitigation.js";
export { type Model, normalise } from "./compile/model.js";
export {
  type HnbAllocation,
  type HnbAllocationInput,
  hnbAllocation,
  IMPORT_EXPORT_RATE,
  importExportAdjustment,
  meanTopUp,
  PLACE_FUNDING,
  type PlaceFundedCost,
  type PlaceFundedInput,
  type PlaceFundingDefault,
  type Presentation,
  type Provider,
  placeFundedCost,
  placeFundingRate,
  type Recoupment,
  type RecoupmentInput,
  reconcileGrossNet,
  recoupment,
  type S251Line,
  s251Lines,
  type TopUpBand,
} from "./compile/place-funding.js";
export {
  eligibleDeficitOf,
  STABILITY_GRANT_ID,
  STABILITY_GRANT_LABEL,
  type StabilityGrantModel,
  stabilityGrantAmount,
} from "./compile/stability-grant.js";
export { staffingBaseCost } from "./compile/staffing.js";
export {
  attribute,
  bridge,
  costAvoidance,
  forecast,
  grantEffectByYear,
  leverGroups,
  leversAt,
  leverTotals,
  leverYearsBeforeGrant,
  type Projected,
  projectAll,
  run,
  safetyValve,
  stabilityGrantRows,
  toForecast,
} from "./derive/forecast.js";
export { forecastName } from "./derive/forecast-name.js";
export { firstBalancedYear, ledgerRows } from "./derive/ledger.js";
export { leverBaseYearWarnings } from "./derive/lever-base-year.js";
export { BASE_YEAR_TOLERANCE, baseYearWarnings, NATIONAL_SPEND_PER_EHCP } from "./derive/plausibility.js";
export type {
  BridgeRow,
  CostAvoidanceRow,
  DemandOutput,
  Forecast,
  ForecastResult,
  GrantRow,
  HnbAllocationRow,
  IncomeRow,
  InputWarning,
  LedgerRow,
  LeverAt,
  LeverSaving,
  LeverTotals,
  LineRow,
  OverrideGrantPosition,
  OverrideGrantSide,
  OverridePosition,
  PlaceFundingRow,
  PlacementRow,
  SafetyValvePaymentRow,
  SafetyValveView,
  SavingPair,
  ShiftWarning,
  StabilityGrantRow,
  StaffingRow,
  TransferRow,
  UnitCostWarning,
} from "./derive/result.js";
export {
  demandWarnings,
  firstNonFinite,
  illustrativeInputs,
  inputWarnings,
  shiftWarnings,
  UNIT_COST_RANGES,
  UNIT_COST_TOLERANCE,
  type UnitCostRange,
  unitCostWarnings,
} from "./derive/sanity.js";
export {
  estimateGrowth,
  GROWTH_METHODS,
  type GrowthMethod,
  type HistoryPoint,
  type MethodSpec,
  NAIVE_METHODS,
  NotEnoughHistory,
} from "./growth/calibration.js";
export { NEW_PLANS_BANDS, NEW_PLANS_BASIS, newPlansGrowthSd } from "./growth/flow-uncertainty.js";
export {
  autoGrowthSd,
  type GrowthRecord,
  growthWarnings,
  PLAUSIBLE_GROWTH,
  RECORDING_BREAK,
  resolveGrowths,
  type YearsKeyedBy,
} from "./growth/growth.js";
export { POOLING, type PooledGrowth, pooledBand, pooledGrowth, TUNED_THROUGH } from "./growth/pooling.js";
export {
  type AuthorityGrowth,
  authorityGrowth,
  type LevelConstants,
  PLACEMENT_LEVEL,
  poolTowards,
  TYPE_POOLING,
  type TypePoolingConstants,
} from "./growth/type-growth.js";
export {
  type BandModel,
  fitBandModel,
  fitVariance,
  TYPE_BANDS,
  type TypeResidual,
  type TypeVariance,
  typeGrowthSd,
  typeLogVariance,
} from "./growth/type-uncertainty.js";
export {
  type PlaceFundedTrajectory,
  type S251Statement,
  type S251StatementRow,
  s251Statement,
} from "./project/place-costs.js";
export { allLevers, type LeverMask, NO_LEVERS, project, type Trajectory } from "./project/projection.js";
export { countBasedLines } from "./project/s251-assign.js";
export {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  type AgeGroup,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
} from "./scenario/category.js";
export { FIELD_KIND_MEANING, FIELD_KINDS, type FieldKind } from "./scenario/field-kind.js";
export { arithmetic, evaluateFormula, type FormulaResult } from "./scenario/formula.js";
export { scenarioJsonSchema } from "./scenario/json-schema.js";
export { closest, didYouMean, editDistance } from "./scenario/names.js";
export { NEED_CODES, type NeedCode, PRIMARY_NEEDS } from "./scenario/needs.js";
export {
  ERROR_CODES,
  type ErrorCode,
  HnbError,
  isProblemCode,
  PROBLEM_CODES,
  type ProblemCode,
} from "./scenario/problem.js";
export {
  FIGURE_FIELDS,
  type FigureKind,
  illustrativePaths,
  isMarkedIllustrative,
  itemFigures,
  type Sourced,
  type SourcedFigure,
  sourceOf,
} from "./scenario/provenance.js";
export {
  type Distribution,
  GROWTH_METHOD_NAMES,
  type GrowthInput,
  type GrowthMethodInput,
  type Line,
  MITIGATION_TYPES,
  type Mitigation,
  type MitigationType,
  PLAN_STATUSES,
  type Placement,
  type RateInput,
  SCHEMA_VERSION,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
  type StaffingLine,
  type Uncertainty,
} from "./scenario/schema.js";
export { fieldKind, kindsByField } from "./scenario/schema-kinds.js";
export { describeUnsafe, escapeUnsafe, firstUnsafe, isUnsafeCode } from "./scenario/text-safety.js";
export {
  formatPath,
  formatProblems,
  MAX_LEVERS,
  type ParseResult,
  type Problem,
  parseScenario,
  ScenarioError,
  scenarioOrThrow,
} from "./scenario/validate.js";
export { distributionText, quantileOf } from "./simulate/random.js";
export { betterEnd } from "./simulate/tornado-ends.js";
export {
  type Assumption,
  assumptions,
  type Band,
  SIMULATION_MEMORY_BUDGET,
  type SimulateOptions,
  simulate,
  simulationBytes,
  simulationFigures,
  type TornadoRow,
  tornado,
  type UncertaintyOutput,
  type UncertaintyResult,
  uncertaintyOf,
} from "./simulate/uncertainty.js";
export {
  formatMoney,
  formatNumber,
  fromPounds,
  type MoneyFormat,
  type MoneyUnit,
  roundMoney,
} from "./units/money.js";
export { censusYears, financialYears, fyLabel, fyYear, longDate } from "./units/time.js";

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
} from "./backtest.js";
export {
  estimateGrowth,
  GROWTH_METHODS,
  type GrowthMethod,
  type HistoryPoint,
  type MethodSpec,
  NAIVE_METHODS,
  NotEnoughHistory,
} from "./calibration.js";
export {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  type AgeGroup,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
} from "./category.js";
export {
  type ComparedScenario,
  type Comparison,
  ComparisonError,
  compareScenarios,
  type InputDifference,
  MAX_COMPARED_INPUTS,
  type ScenarioDifference,
} from "./comparison.js";
export { type Compiled, compile } from "./compile.js";
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
} from "./demand.js";
export { type DemandEstimates, type DemandModel, normaliseDemand } from "./demand-model.js";
export {
  attribute,
  bridge,
  costAvoidance,
  forecast,
  leverGroups,
  leverTotals,
  type Projected,
  projectAll,
  run,
  safetyValve,
  stabilityGrantRows,
  toForecast,
} from "./forecast.js";
export { arithmetic, evaluateFormula, type FormulaResult } from "./formula.js";
export {
  GOAL_SEEK_PARAMETERS,
  type GoalSeekParameter,
  type GoalSeekRequest,
  type GoalSeekResult,
  goalSeek,
} from "./goal-seek.js";
export {
  type GrowthRecord,
  growthWarnings,
  PLAUSIBLE_GROWTH,
  RECORDING_BREAK,
  resolveGrowths,
} from "./growth.js";
export { SCHOOLS_FORUM_LIMIT, transferRoute } from "./income.js";
export { scenarioJsonSchema } from "./json-schema.js";
export { firstBalancedYear, ledgerRows } from "./ledger.js";
export { LEVER_TYPE_NAMES, type LeverKind, leverKind } from "./mitigation.js";
export { type Model, normalise } from "./model.js";
export {
  formatMoney,
  formatNumber,
  fromPounds,
  type MoneyFormat,
  type MoneyUnit,
  roundMoney,
} from "./money.js";
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
} from "./monitoring.js";
export { closest, didYouMean, editDistance } from "./names.js";
export { NEED_CODES, type NeedCode, PRIMARY_NEEDS } from "./needs.js";
export {
  type PlaceFundedTrajectory,
  type S251Statement,
  type S251StatementRow,
  s251Statement,
} from "./place-costs.js";
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
} from "./place-funding.js";
export { BASE_YEAR_TOLERANCE, baseYearWarnings, NATIONAL_SPEND_PER_EHCP } from "./plausibility.js";
export { POOLING, type PooledGrowth, pooledBand, pooledGrowth, TUNED_THROUGH } from "./pooling.js";
export { allLevers, type LeverMask, NO_LEVERS, project, type Trajectory } from "./projection.js";
export {
  FIGURE_FIELDS,
  type FigureKind,
  illustrativePaths,
  isMarkedIllustrative,
  itemFigures,
  type Sourced,
  type SourcedFigure,
  sourceOf,
} from "./provenance.js";
export { distributionText, quantileOf } from "./random.js";
export type {
  BridgeRow,
  CostAvoidanceRow,
  DemandOutput,
  Forecast,
  ForecastResult,
  GrantRow,
  HnbAllocationRow,
  IncomeRow,
  LedgerRow,
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
  StabilityGrantRow,
  StaffingRow,
  TransferRoute,
  TransferRow,
} from "./result.js";
export {
  demandWarnings,
  firstNonFinite,
  type InputWarning,
  illustrativeInputs,
  inputWarnings,
  type ShiftWarning,
  shiftWarnings,
  UNIT_COST_RANGES,
  UNIT_COST_TOLERANCE,
  type UnitCostRange,
  type UnitCostWarning,
  unitCostWarnings,
} from "./sanity.js";
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
} from "./schema.js";
export {
  eligibleDeficitOf,
  STABILITY_GRANT_ID,
  STABILITY_GRANT_LABEL,
  type StabilityGrantModel,
  stabilityGrantAmount,
} from "./stability-grant.js";
export { staffingBaseCost } from "./staffing.js";
export { censusYears, financialYears, fyLabel, fyYear } from "./time.js";
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
} from "./uncertainty.js";
export {
  formatPath,
  formatProblems,
  MAX_LEVERS,
  type ParseResult,
  type Problem,
  parseScenario,
  ScenarioError,
  scenarioOrThrow,
} from "./validate.js";

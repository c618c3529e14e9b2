// The public API of @hnb/model: the pure, deterministic engine (no I/O, no clock, no global state).
export { sequentialSavings, shapleyShares, subsetValues } from "./attribution.js";
export {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  type AgeGroup,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
} from "./category.js";
export {
  attribute,
  type BridgeRow,
  bridge,
  type CostAvoidanceRow,
  costAvoidance,
  forecast,
  run,
  type SafetyValveView,
  safetyValve,
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
export { SCHOOLS_FORUM_LIMIT, transferRoute } from "./income.js";
export { scenarioJsonSchema } from "./json-schema.js";
export { firstBalancedYear, ledgerRows } from "./ledger.js";
export { type Model, normalise } from "./model.js";
export { fromPounds, type MoneyUnit, roundMoney } from "./money.js";
export {
  allLevers,
  finalBalance,
  type LeverMask,
  NO_LEVERS,
  project,
  type Trajectory,
} from "./projection.js";
export type {
  Forecast,
  ForecastResult,
  IncomeRow,
  LedgerRow,
  LeverSaving,
  LineRow,
  PlacementRow,
  StaffingRow,
  TransferRoute,
  TransferRow,
} from "./result.js";
export {
  type Line,
  type Mitigation,
  type MitigationType,
  type Placement,
  type RateInput,
  SCHEMA_VERSION,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
  type StaffingLine,
} from "./schema.js";
export { staffingBaseCost } from "./staffing.js";
export { censusYears, financialYears, fyLabel, fyYear } from "./time.js";
export {
  closest,
  formatPath,
  formatProblems,
  MAX_LEVERS,
  type ParseResult,
  type Problem,
  parseScenario,
  ScenarioError,
  scenarioOrThrow,
} from "./validate.js";

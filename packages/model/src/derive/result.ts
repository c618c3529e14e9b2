import type { BandValues, DemandClamp, DemandRow } from "../compile/demand.js";
import type { DemandEstimates } from "../compile/demand-model.js";
import type { TransferRoute } from "../compile/income.js";
import type { GrowthRecord } from "../growth/growth.js";
import type { Category } from "../scenario/category.js";
import type { NeedCode } from "../scenario/needs.js";

/** One financial year of the DSG ledger (spec §6). Money in £, unrounded; positive is a surplus. */
export interface LedgerRow {
  fy: string;
  income: number;
  expenditure: number;
  inYear: number;
  cumulative: number;
  /** High Needs Block allocation. */
  hnb: number;
  /** Schools Block transfer into the High Needs Block. */
  transfer: number;
  /** Other income (explicit amounts, plus grants in the mitigated forecast). */
  otherIncome: number;
  /** Only when the scenario has one: the High Needs Stability Grant paid in the FY (spec §11), part of income. */
  stabilityGrant?: number;
  /** Σ placement costs. */
  placementCost: number;
  /** Σ other expenditure lines. */
  lineCost: number;
  /** Σ HNB-funded staffing (general-fund staffing is excluded from the ledger). */
  staffingCost: number;
  /** Σ implementation spend of grant levers (mitigated forecast only). */
  implementationCost: number;
  /**
   * Only when an academy placement has commissioned places (issue #18): the academy place funding the
   * ESFA pays directly and deducts from the HNB allocation. `hnb`, `income` and `expenditure` are gross
   * of it; the net presentation takes it off both sides, so the in-year balance is the same in both.
   */
  recoupment?: number;
  /** income − recoupment (with `recoupment` only). */
  netIncome?: number;
  /** expenditure − recoupment (with `recoupment` only). */
  netExpenditure?: number;
}

/** A placement costed by places and top-ups in one census year / financial year (issue #18). */
export interface PlaceFundingRow {
  id: string;
  label: string;
  category: Category;
  provider: "maintained" | "academy";
  census: number;
  fy: string;
  /** Pupils needing a place here: the projected count before any overflow. */
  pupils: number;
  /** Commissioned places paid for in the FY (0 when paid per pupil only). */
  places: number;
  /** Places that could be filled (new places fill by the fill profile). */
  capacity: number;
  placed: number;
  /** Pupils the places could not hold: costed at the overflow placement when one is named, nowhere otherwise. */
  unplaced: number;
  emptyPlaces: number;
  /** £ a place a year. */
  rate: number;
  /** places × rate, paid whether the places are filled or not. */
  placeFunding: number;
  /** The part of placeFunding paying for empty places. */
  emptyPlaceCost: number;
  /** placed × top-up (the placement's unit cost). */
  topUps: number;
  /** Top-ups by band, when bands are given. */
  topUpsByBand?: Record<string, number>;
  /** placeFunding + topUps: the placement's cost. */
  cost: number;
  /** Academy place funding deducted from the allocation (0 for maintained). */
  recouped: number;
  /** The cost by s251 line (the lines add up to cost). */
  s251: Record<string, number>;
}

/** The HNB allocation projected per head of the 2–18 population, one FY (issue #18). */
export interface HnbAllocationRow {
  fy: string;
  population: number;
  /** Per head before protection (the base FY: amount / population). */
  formulaPerHead: number;
  perHead: number;
  bound: "floor" | "cap" | null;
  allocation: number;
}

/** One placement type in one census year / financial year (spec §8). `cost` follows the phasing, so it may differ from count × unitCost. */
export interface PlacementRow {
  id: string;
  label: string;
  category: Category;
  /** The s251 line of its top-ups or fees, where the scenario names one (else its category's default). */
  s251?: string;
  /** Shares of its top-ups by s251 line, where the scenario splits them. */
  s251Split?: Record<string, number>;
  census: number;
  fy: string;
  count: number;
  unitCost: number;
  cost: number;
}

/** One other-expenditure line in one financial year. */
export interface LineRow {
  id: string;
  label: string;
  s251?: string;
  fy: string;
  cost: number;
}

/** One staffing line in one financial year; general-fund lines are reported but excluded from the ledger. */
export interface StaffingRow {
  id: string;
  role: string;
  fy: string;
  cost: number;
  fundedBy: "HNB" | "general-fund";
  /** The s251 line the scenario names for the post, if any. */
  s251?: string;
  /** Set when the line is added by a `staffing` mitigation. */
  lever?: string;
}

/** A Schools Block transfer in one financial year (only years with a rate above 0 are listed). */
export interface TransferRow {
  fy: string;
  rate: number;
  amount: number;
  /** Other movements out of the Schools Block that year, which count towards the limit. */
  movements: { id: string; label: string; amount: number }[];
  /** (transfer + movements) / Schools Block: the rate the approval route is decided on. */
  totalRate: number;
  needs: TransferRoute;
}

/** Other income in one financial year, by source (explicit income lines and, when mitigated, grants). */
export interface IncomeRow {
  id: string;
  label: string;
  fy: string;
  amount: number;
  /** Set when the income is a `grant` mitigation. */
  lever?: string;
}

/** One forecast (unmitigated or mitigated): the shape of spec §8. */
export interface Forecast {
  ledger: LedgerRow[];
  placements: PlacementRow[];
  lines: LineRow[];
  staffing: StaffingRow[];
  transfers: TransferRow[];
  otherIncome: IncomeRow[];
  /** Only when a placement has `places`: place funding, top-ups and s251 lines of each such placement. */
  placeFunding?: PlaceFundingRow[];
}

/** A lever's saving on the final cumulative balance (positive improves it). */
export interface LeverSaving {
  id: string;
  label: string;
  type: string;
  /** Savings spend less; funding brings money in (transfers, grants net of their spend, Safety Valve payments). */
  kind: "saving" | "funding";
  sequential: number;
  shapley: number;
  /** The lever's saving on each FY's in-year balance (sequential and Shapley); they add up to the two above. */
  byYear: { fy: string; sequential: number; shapley: number }[];
  /**
   * Only with a Stability Grant (spec §11): the change in the grant this lever causes, sequential and
   * Shapley (negative: a saving made before the end of deficitFY lowers the grant by share × itself).
   * `sequential` and `shapley` above are net of it; `beforeGrant` is the saving as if no grant took any back.
   */
  stabilityGrantEffect?: SavingPair;
  beforeGrant?: SavingPair;
  /**
   * Attribution by ledger side (issue #32): a saving's share of the fall in spending (expenditure less
   * grant levers' implementation spend), or a funding lever's share of the money received net of
   * that spend, shared among the funding levers with every saving in place. With the levers' effects
   * on the Stability Grant these add up to mitigated minus unmitigated.
   */
  side: SavingPair & { basis: "expenditure" | "income" };
  /** Savings levers, where the plan has Safety Valve payments: the payments their lower spending made possible (inside the funding levers' shares, shown apart). */
  paymentsEnabled?: SavingPair;
}

/** Sequential and Shapley subtotals of a group of levers. */
export interface SavingPair {
  sequential: number;
  shapley: number;
}

/** Savings and funding apart, and together (the whole gap between mitigated and unmitigated). */
export interface LeverTotals {
  savings: SavingPair;
  funding: SavingPair;
  total: SavingPair;
  /**
   * By ledger side (issue #32): savings = the fall in spending; funding = the money received net of
   * grant spend (transfers, grants, Safety Valve payments); stabilityGrant = the change in the grant
   * between the forecasts. The three add up to total.
   */
  bySide: { savings: SavingPair; funding: SavingPair; stabilityGrant?: SavingPair };
}

/** The deficit when the statutory override ends, against the council's usable reserves. */
export interface OverridePosition {
  /** The end date, YYYY-03-31. */
  ends: string;
  /** The financial year that ends on that date. */
  fy: string;
  /** Whether that FY is one of the reported years. */
  withinHorizon: boolean;
  unmitigated?: number;
  mitigated?: number;
  usableReserves?: number;
  /** −cumulative / usable reserves when in deficit (0 in surplus). */
  unmitigatedShareOfReserves?: number;
  mitigatedShareOfReserves?: number;
  /** Only with a Stability Grant paid by the override's end: the position with and without it, and what no grant covers. */
  stabilityGrant?: OverrideGrantPosition;
  /** Reported FYs after the override's end: from April 2028 under the central arrangements announced for SEND costs. */
  laterYears: string[];
  /**
   * Only when the horizon runs past the override's end and there are levers: each lever's effect on
   * the cumulative balance at the override's end (its in-year shares to that FY), which add up to
   * the gap between the forecasts then; `levers` itself is at the last reported FY.
   */
  levers?: LeverAt[];
}

/**
 * A lever's effect on the cumulative balance at one FY (spec §7 at that FY rather than the last):
 * sequential and Shapley, net of the Stability Grant; with a grant, its effect on the grant paid by
 * then and the effect before it (net − grant effect), as on LeverSaving.
 */
export interface LeverAt {
  id: string;
  label: string;
  kind: "saving" | "funding";
  fy: string;
  sequential: number;
  shapley: number;
  stabilityGrantEffect?: SavingPair;
  beforeGrant?: SavingPair;
}

/** The position at the override's end with and without the Stability Grant, per forecast (spec §11). */
export interface OverrideGrantPosition {
  /** The FY whose closing deficit the grant pays off, and the first FY after it. */
  deficitFY: string;
  accruedFrom: string;
  unmitigated?: OverrideGrantSide;
  mitigated?: OverrideGrantSide;
}

/** One forecast's position at the override's end, split into what the grant leaves and what accrued since. */
export interface OverrideGrantSide {
  /** The cumulative balance at the override's end with the grant (the ledger's) and as if none were paid. */
  withGrant: number;
  withoutGrant: number;
  /** The grant received by the override's end. */
  grant: number;
  /** The balance at the end of deficitFY plus the grant: the historic part the grant leaves (negative = deficit). */
  historicRemaining: number;
  /** In-year balances after deficitFY to the override's end, the grant left out: the part no grant covers. */
  accruedSince: number;
  /** −accruedSince / usable reserves when it is a deficit (0 otherwise), where reserves are given. */
  accruedShareOfReserves?: number;
  /** −withoutGrant / usable reserves (0 in surplus), where reserves are given. */
  withoutGrantShareOfReserves?: number;
}

/** The Stability Grant one forecast receives (spec §11 JSON rows). */
export interface StabilityGrantRow {
  forecast: "unmitigated" | "mitigated";
  deficitFY: string;
  /** The forecast's balance at the end of deficitFY (negative = deficit). */
  closingBalance: number;
  /** The deficit the grant is computed on: given, or −closingBalance − excluded (never below 0). */
  eligibleDeficit: number;
  /** Whether eligibleDeficit was given in the scenario (the figure DfE will use) or computed. */
  eligibleGiven: boolean;
  excluded: number;
  share: number;
  amount: number;
  paidIn: string;
  condition: string;
}

/** A grant lever's income and the implementation spend it pays for, over the horizon (mitigated, confidence applied). */
export interface GrantRow {
  id: string;
  label: string;
  income: number;
  spend: number;
  net: number;
  /** Why the grant carries no spend of its own, where it carries none. */
  spendReason?: string;
}

/** One conditional Safety Valve payment of the mitigated forecast. */
export interface SafetyValvePaymentRow {
  lever: string;
  fy: string;
  amount: number;
  /** The in-year balance the agreement requires that year. */
  target: number;
  /** The in-year balance before the payment. */
  inYearBefore: number;
  /** Paid when the target was met, withheld when not. */
  paid: boolean;
}

/** The object `hnb forecast --json` prints (spec §8); fields may be added, never renamed. */
export interface ForecastResult {
  scenario: string;
  baseYear: number;
  horizon: number;
  phasing: "census" | "academic";
  financialYears: string[];
  censusYears: number[];
  openingBalance: number;
  unmitigated: Forecast;
  mitigated: Forecast;
  levers: LeverSaving[];
  /** Inputs whose source marks them illustrative or that have none: outputs built on them say "illustrative figures". */
  illustrative: string[];
  /** The scenario's EHCPs by primary need, where it gives them: reported, never costed. */
  ehcpsByNeed?: {
    census: number;
    counts: Partial<Record<NeedCode, number | undefined>>;
    source?: string | undefined;
  };
  /** Unit costs far outside the published national range, with the evidence. */
  unitCostWarnings: UnitCostWarning[];
  /** Placement shifts that asked to move more pupils than their source held, with what they moved. */
  shiftWarnings: ShiftWarning[];
  /** Inputs under which the balances are not a DSG position (an allocation of £0 in every year). */
  inputWarnings: InputWarning[];
  /** The base year against its allocation, its spend per EHCP against the national one, and missing kinds of spend (issue #29). */
  baseYearWarnings: InputWarning[];
  /** Savings and funding subtotals. */
  leverTotals: LeverTotals;
  /** Only with a Stability Grant (spec §11): what each forecast it applies to receives. */
  stabilityGrant?: StabilityGrantRow[];
  /** Only where the scenario names its recovery plan (for most authorities their local SEND reform plan). */
  plan?: { name: string; status: string; submitted?: string };
  /** Each grant's income, implementation spend and net effect. */
  grants: GrantRow[];
  /** The cumulative deficit when the statutory override ends. */
  statutoryOverride: OverridePosition;
  /** Safety Valve payments of the mitigated forecast, paid or withheld. */
  safetyValvePayments: SafetyValvePaymentRow[];
  /** Placements whose growth was estimated from history: the method asked for, the one used, the rate. */
  calibration: GrowthRecord[];
  /** When the in-year balance reaches zero and stays there, and the path with and without the funding levers. */
  safetyValve: SafetyValveView;
  /** The bridge (waterfall) from the unmitigated to the mitigated final balance, Shapley shares. */
  bridge: BridgeRow[];
  /** Cost avoidance of every placement shift by FY. */
  costAvoidance: CostAvoidanceRow[];
  /**
   * Only when the allocation is projected per head (`income.hnb.perHead`): basis "per-head" with the
   * figures. Absent, the allocation is the typed amount grown by `income.hnb.growth`.
   */
  hnbAllocation?: { basis: "per-head"; rows: HnbAllocationRow[] };
  /** With a demand section: the stock-flow rows of both forecasts and what was estimated. */
  demand?: DemandOutput;
}

/** The demand model's figures: for each forecast, census year and age band, stock = previous + newPlans − ceased + agedIn − agedOut. */
export interface DemandOutput {
  rows: (DemandRow & { forecast: "unmitigated" | "mitigated" })[];
  /** The base census by band (the stock the rows start from). */
  base: { census: number; stock: BandValues };
  estimates: DemandEstimates;
  /** Rates that levers pushed out of range in the mitigated forecast, and the value used. */
  clamps: DemandClamp[];
}

/** One step of the bridge (waterfall) from the unmitigated to the mitigated final cumulative balance. */
export interface BridgeRow {
  kind: "start" | "lever" | "end";
  /** For a lever: whether it is a saving or funding. */
  group?: "saving" | "funding";
  id: string;
  label: string;
  /** The lever's saving (its share), or the balance for start and end. */
  value: number;
  /** Running balance after this step. */
  total: number;
}

/** Cost avoidance of one shift lever in one FY, as authorities report it. */
export interface CostAvoidanceRow {
  lever: string;
  fy: string;
  census: number;
  /** Moved stock M(Y) at the census (after confidence and the source cap). */
  moved: number;
  /** Moved places paid for in the FY: M(Y) under census phasing, 5/12·M(Y-1) + 7/12·M(Y) under academic. */
  places: number;
  /** Source unit cost − destination unit cost in the FY (mitigated unit costs). */
  perPlace: number;
  /** places × perPlace. */
  avoided: number;
}

/** The Safety Valve view of a scenario. */
export interface SafetyValveView {
  /** First FY from which the in-year balance stays at zero or better for the rest of the horizon, or null. */
  unmitigatedBalancedIn: string | null;
  mitigatedBalancedIn: string | null;
  /** The funding levers (transfers, grants, Safety Valve payments), left out of the "savings only" path. */
  contributions: string[];
  /** Cumulative balance by FY: unmitigated, mitigated, and mitigated with savings only (no funding levers). */
  path: { fy: string; unmitigated: number; mitigated: number; mitigatedWithoutContributions: number }[];
}

/** A unit cost outside the published range, with the evidence. */
export interface UnitCostWarning {
  id: string;
  unitCost: number;
  low: number;
  high: number;
  message: string;
}

/** A placement shift that asked to move more than its source held: what it asked and what it moved. */
export interface ShiftWarning {
  lever: string;
  /** The first census year the shift was held back. */
  census: number;
  asked: number;
  moved: number;
  message: string;
}

/** An input that makes the forecast read as something it is not, with what to do. */
export interface InputWarning {
  path: string;
  message: string;
}

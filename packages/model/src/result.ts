import type { Category } from "./category.js";
import type { GrowthRecord } from "./growth.js";

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
  /** Σ placement costs. */
  placementCost: number;
  /** Σ other expenditure lines. */
  lineCost: number;
  /** Σ HNB-funded staffing (general-fund staffing is excluded from the ledger). */
  staffingCost: number;
}

/** One placement type in one census year / financial year (spec §8). `cost` follows the phasing, so it may differ from count × unitCost. */
export interface PlacementRow {
  id: string;
  label: string;
  category: Category;
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
  /** Set when the line is added by a `staffing` mitigation. */
  lever?: string;
}

/** Approval a Schools Block transfer needs: up to 0.5% Schools Forum, above it a disapplication request. */
export type TransferRoute = "schools-forum" | "disapplication";

/** A Schools Block transfer in one financial year (only years with a rate above 0 are listed). */
export interface TransferRow {
  fy: string;
  rate: number;
  amount: number;
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
}

/** A lever's saving on the final cumulative balance (positive improves it). */
export interface LeverSaving {
  id: string;
  label: string;
  type: string;
  sequential: number;
  shapley: number;
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
  /** Placements whose growth was estimated from history: the method asked for, the one used, the rate. */
  calibration: GrowthRecord[];
}

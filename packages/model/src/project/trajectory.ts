// The result of one projection: every figure of one forecast as per-year arrays.
import type { DemandClamp, DemandRow } from "../compile/demand.js";
import type { StaffingModel } from "../compile/staffing.js";
import type { PlaceFundedTrajectory } from "./place-costs.js";

/** Every figure of one forecast as per-year arrays (index k is census year / FY B+k), unrounded. */
export interface Trajectory {
  /** N_p(B+k) after growth levers and shifts. */
  readonly counts: Float64Array[];
  readonly unitCosts: Float64Array[];
  /** Cost by FY per placement; empty when projected lean (only the balances are wanted). */
  readonly placementCosts: Float64Array[];
  /** Placements costed by places and top-ups (issue #18), by placement index; undefined for the others. */
  readonly placeFunding: readonly (PlaceFundedTrajectory | undefined)[];
  /** Academy place funding the ESFA pays and deducts from the HNB allocation, by FY (zeros without it). */
  readonly recoupment: Float64Array;
  readonly lineCosts: Float64Array[];
  /** The scenario's staffing lines, then those of active staffing levers. */
  readonly staffing: readonly { model: StaffingModel; lever?: string | undefined; cost: Float64Array }[];
  readonly hnb: Float64Array;
  readonly transferRate: Float64Array;
  readonly transfer: Float64Array;
  /** The scenario's other income, then active grant levers (scaled by confidence) and Safety Valve payments made. */
  readonly otherIncome: readonly {
    id: string;
    label: string;
    lever?: string | undefined;
    amounts: Float64Array;
  }[];
  /** Whether this projection receives the Stability Grant (spec §11): always with `forecasts: both`, with its lever otherwise. */
  readonly stabilityGrantOn: boolean;
  /** The Stability Grant paid by FY (income; zeros without one or when this projection does not receive it). */
  readonly stabilityGrant: Float64Array;
  /** Implementation spend of active grant levers (scaled by confidence), part of expenditure. */
  readonly implementation: readonly { id: string; label: string; lever: string; cost: Float64Array }[];
  /** Each active Safety Valve lever's payments: the target, the in-year balance before the payment, paid or withheld. */
  readonly safetyValve: readonly SafetyValvePayment[];
  /** With a demand section: the stock-flow rows by census and band, and any rate levers pushed out of range. */
  readonly demand?:
    | { readonly rows: readonly DemandRow[]; readonly clamps: readonly DemandClamp[] }
    | undefined;
  /** Moved stock M(Y) per lever (zeros for levers that are not active shifts). */
  readonly moved: Float64Array[];
  readonly income: Float64Array;
  readonly expenditure: Float64Array;
  readonly inYear: Float64Array;
  readonly cumulative: Float64Array;
}

/** One conditional Safety Valve payment in one FY (spec §7 funding): paid only when the in-year balance before it meets the target. */
export interface SafetyValvePayment {
  lever: string;
  k: number;
  amount: number;
  target: number;
  inYearBefore: number;
  paid: boolean;
}

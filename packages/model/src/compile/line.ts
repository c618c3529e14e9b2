import type { Line } from "../scenario/schema.js";
import { scheduledCost } from "./rates.js";

/** An other-expenditure line as per-year costs before any line lever. */
export interface LineModel {
  readonly id: string;
  readonly label: string;
  readonly s251: string | undefined;
  /** A_l(FY_B+k): amount · Π(1 + inflation) inside its years, 0 outside (spec §3). */
  readonly cost: Float64Array;
}

/** Normalises a validated line. @example normaliseLine({ id: "x", label: "X", amount: 100, inflation: 0.1 }, 2025, 1).cost // → [100, 110] */
export function normaliseLine(l: Line, baseYear: number, horizon: number): LineModel {
  const cost = scheduledCost(l.amount, l.inflation, baseYear, horizon, l.firstFY, l.lastFY);
  return { id: l.id, label: l.label, s251: l.s251, cost };
}

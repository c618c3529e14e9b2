import type { StaffingLine } from "../scenario/schema.js";
import { scheduledCost } from "./rates.js";

/** A staffing line as per-year costs. */
export interface StaffingModel {
  readonly id: string;
  readonly role: string;
  readonly group: string | undefined;
  readonly fundedBy: "HNB" | "general-fund";
  /** The s251 line the scenario names for the post, if any. */
  readonly s251: string | undefined;
  /** S_s(FY_B+k) = (fte · unitCost + lumpSum) · Π(1 + payAward) inside its years, else 0 (spec §4). */
  readonly cost: Float64Array;
}

/** The annual cost at base-year prices: fte × unitCost + lumpSum. @example staffingBaseCost({ fte: 4, unitCost: 91600 }) === 366400 */
export function staffingBaseCost(s: Pick<StaffingLine, "fte" | "unitCost" | "lumpSum">): number {
  return (s.fte ?? 0) * (s.unitCost ?? 0) + (s.lumpSum ?? 0);
}

/** Normalises a validated staffing line; pay awards compound from the base year whatever the start year. @example normaliseStaffing(staffingLine, 2025, 3).cost */
export function normaliseStaffing(s: StaffingLine, baseYear: number, horizon: number): StaffingModel {
  const cost = scheduledCost(staffingBaseCost(s), s.payAward, baseYear, horizon, s.firstFY, s.lastFY);
  return {
    id: s.id,
    role: s.role,
    group: s.group,
    fundedBy: s.fundedBy,
    s251: s.s251,
    cost,
  };
}

import type { Scenario } from "../scenario/schema.js";
import { fyYear } from "../units/time.js";

/** The id the grant carries as a funding lever when it is paid with the plan only (spec §11). */
export const STABILITY_GRANT_ID = "stabilityGrant";

/** What the grant is called in every output. */
export const STABILITY_GRANT_LABEL = "High Needs Stability Grant";

/**
 * The High Needs Stability Grant normalised to year indices (spec §11). Index k is FY B+k; the
 * deficit year may be the FY before the base (k = −1: the opening balance is its closing balance).
 */
export interface StabilityGrantModel {
  readonly condition: string;
  readonly share: number;
  readonly deficitFY: string;
  readonly paidIn: string;
  /** Index of deficitFY (−1 for the FY before the base, whose closing balance is the opening balance). */
  readonly deficitK: number;
  /** Index of paidIn (≥ 0, after deficitK). */
  readonly paidK: number;
  /** The eligible deficit DfE will use, where given; otherwise each forecast's own closing deficit. */
  readonly eligibleDeficit: number | undefined;
  readonly excluded: number;
  /** "mitigated": paid only with the plan, as a funding lever of its own (id stabilityGrant). */
  readonly forecasts: "both" | "mitigated";
}

/**
 * Normalises a validated scenario's grant against its base year, or undefined without one.
 * @example normaliseStabilityGrant(s.income.stabilityGrant, 2025)?.paidK === 2 // 2026-27 from base FY 2024-25
 */
export function normaliseStabilityGrant(
  g: Scenario["income"]["stabilityGrant"],
  baseYear: number,
): StabilityGrantModel | undefined {
  if (!g) return undefined;
  return {
    condition: g.condition,
    share: g.share,
    deficitFY: g.deficitFY,
    paidIn: g.paidIn,
    deficitK: (fyYear(g.deficitFY) as number) - baseYear,
    paidK: (fyYear(g.paidIn) as number) - baseYear,
    eligibleDeficit: g.eligibleDeficit,
    excluded: g.excluded,
    forecasts: g.forecasts,
  };
}

/**
 * The grant a forecast receives (spec §11): share × the eligible deficit, which is the given figure
 * or the forecast's own closing deficit at the end of deficitFY less the non-High-Needs part (never
 * below zero: a surplus earns nothing).
 * @example stabilityGrantAmount({ share: 0.9, eligibleDeficit: undefined, excluded: 0 }, -61_200_000) === 55_080_000
 */
export function stabilityGrantAmount(
  g: Pick<StabilityGrantModel, "share" | "eligibleDeficit" | "excluded">,
  closingBalance: number,
): number {
  return g.share * eligibleDeficitOf(g, closingBalance);
}

/**
 * The eligible deficit of a forecast whose balance at the end of deficitFY is `closingBalance`.
 * @example eligibleDeficitOf({ eligibleDeficit: undefined, excluded: 1_000_000 }, -5_000_000) === 4_000_000
 */
export function eligibleDeficitOf(
  g: Pick<StabilityGrantModel, "eligibleDeficit" | "excluded">,
  closingBalance: number,
): number {
  return g.eligibleDeficit ?? Math.max(0, -closingBalance - g.excluded);
}

import { type GrowthRecord, type ResolvedGrowths, resolveGrowths } from "../growth/growth.js";
import type { Scenario } from "../scenario/schema.js";
import { censusYears, financialYears, type Phasing } from "../units/time.js";
import { type DemandModel, normaliseDemand } from "./demand-model.js";
import { type IncomeModel, normaliseIncome } from "./income.js";
import { type LineModel, normaliseLine } from "./line.js";
import { type LeverModel, normaliseLever } from "./mitigation.js";
import { normalisePlacement, type PlacementModel } from "./placement.js";
import { STABILITY_GRANT_ID, STABILITY_GRANT_LABEL } from "./stability-grant.js";
import { normaliseStaffing, type StaffingModel } from "./staffing.js";

/** A scenario normalised to per-year arrays: what the projection computes from. Index k is census year / FY B+k. */
export interface Model {
  readonly name: string;
  readonly baseYear: number;
  readonly horizon: number;
  readonly phasing: Phasing;
  readonly openingBalance: number;
  readonly censusYears: readonly number[];
  readonly financialYears: readonly string[];
  readonly placements: readonly PlacementModel[];
  readonly lines: readonly LineModel[];
  readonly staffing: readonly StaffingModel[];
  readonly income: IncomeModel;
  readonly levers: readonly LeverModel[];
  /** The demand section normalised (stock, flows, rates, the placements it drives), where given. */
  readonly demand?: DemandModel;
  /** Which method and rate each placement's growth came from, where it was estimated from history. */
  readonly calibration: readonly GrowthRecord[];
}

/**
 * Normalises a validated scenario (the pipeline's second step), with the growth parseScenario
 * resolved when it is passed, so history is calibrated once per run.
 * @example normalise(scenario).financialYears[0] === fyLabel(scenario.baseYear)
 */
export function normalise(s: Scenario, resolved?: ResolvedGrowths): Model {
  assertValidated(s);
  const growths = resolved ?? resolveGrowths(s);
  const demand = normaliseDemand(s);
  const { baseYear: B, horizon: H } = s;
  const placementIds = s.placements.map((p) => p.id);
  const lineIds = s.lines.map((l) => l.id);
  return {
    name: s.name,
    baseYear: B,
    horizon: H,
    phasing: s.phasing,
    openingBalance: s.openingBalance,
    censusYears: censusYears(B, H),
    financialYears: financialYears(B, H),
    placements: s.placements.map((p, i) => normalisePlacement(p, B, H, growths.rates[i], placementIds)),
    lines: s.lines.map((l) => normaliseLine(l, B, H)),
    staffing: s.staffing.map((st) => normaliseStaffing(st, B, H)),
    income: normaliseIncome(s.income, B, H, s.plan?.status),
    levers: [
      ...s.mitigations.map((m) => normaliseLever(m, B, H, placementIds, lineIds)),
      // A grant paid with the plan only is a funding lever of its own (spec §11), last, so the
      // levers still add up to mitigated minus unmitigated.
      ...(s.income.stabilityGrant?.forecasts === "mitigated" && s.plan?.status !== "not-approved"
        ? [
            {
              id: STABILITY_GRANT_ID,
              label: STABILITY_GRANT_LABEL,
              confidence: 1,
              type: "stabilityGrant" as const,
            },
          ]
        : []),
    ],
    calibration: growths.records,
    ...(demand ? { demand } : {}),
  };
}

/**
 * Throws when handed something that did not come from parseScenario: a raw object would otherwise
 * run through the engine and return NaN figures (a missing array or a string where a number goes).
 * @example assertValidated(scenarioOrThrow(raw)) // returns; assertValidated({}) throws
 */
export function assertValidated(s: Scenario): void {
  const problems: string[] = [];
  const finite = (v: unknown, path: string) => {
    if (typeof v !== "number" || !Number.isFinite(v))
      problems.push(`${path} is ${JSON.stringify(v) ?? "undefined"}`);
  };
  const list = (v: unknown, path: string) => {
    if (!Array.isArray(v)) problems.push(`${path} is not a list`);
  };
  if (s === null || typeof s !== "object") problems.push("the scenario is not an object");
  else {
    finite(s.baseYear, "baseYear");
    finite(s.horizon, "horizon");
    finite(s.openingBalance, "openingBalance");
    if (s.phasing !== "census" && s.phasing !== "academic")
      problems.push("phasing is not census or academic");
    for (const key of ["placements", "lines", "staffing", "mitigations"] as const) list(s[key], key);
    finite(s.income?.hnb?.amount, "income.hnb.amount");
    if (Array.isArray(s.placements))
      s.placements.forEach((p, i) => {
        finite(p?.count, `placements[${i}].count`);
        finite(p?.unitCost, `placements[${i}].unitCost`);
      });
  }
  if (problems.length)
    throw new TypeError(
      `forecast needs a validated scenario (use parseScenario or scenarioOrThrow first): ${problems.slice(0, 5).join("; ")}`,
    );
}

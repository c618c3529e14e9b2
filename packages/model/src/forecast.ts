import { sequentialSavings, shapleyShares, subsetValues } from "./attribution.js";
import { transferRoute } from "./income.js";
import { firstBalancedYear, ledgerRows } from "./ledger.js";
import { type Model, normalise } from "./model.js";
import { allLevers, NO_LEVERS, project, type Trajectory } from "./projection.js";
import type { Forecast, ForecastResult, LeverSaving } from "./result.js";
import type { Scenario } from "./schema.js";
import { type ParseResult, parseScenario } from "./validate.js";

/** Rows of one forecast (spec §8 shape) from its trajectory: the pipeline's "present" step. @example toForecast(model, project(model, NO_LEVERS)).ledger */
export function toForecast(model: Model, t: Trajectory): Forecast {
  const fys = model.financialYears;
  const years = model.censusYears;
  return {
    ledger: ledgerRows(model, t),
    placements: model.placements.flatMap((p, pi) =>
      fys.map((fy, k) => ({
        id: p.id,
        label: p.label,
        category: p.category,
        census: years[k] ?? 0,
        fy,
        count: t.counts[pi]?.[k] ?? 0,
        unitCost: t.unitCosts[pi]?.[k] ?? 0,
        cost: t.placementCosts[pi]?.[k] ?? 0,
      })),
    ),
    lines: model.lines.flatMap((l, li) =>
      fys.map((fy, k) => ({
        id: l.id,
        label: l.label,
        ...(l.s251 !== undefined ? { s251: l.s251 } : {}),
        fy,
        cost: t.lineCosts[li]?.[k] ?? 0,
      })),
    ),
    staffing: t.staffing.flatMap((s) =>
      fys.map((fy, k) => ({
        id: s.model.id,
        role: s.model.role,
        fy,
        cost: s.cost[k] ?? 0,
        fundedBy: s.model.fundedBy,
        ...(s.lever !== undefined ? { lever: s.lever } : {}),
      })),
    ),
    transfers: fys.flatMap((fy, k) => {
      const rate = t.transferRate[k] ?? 0;
      return rate > 0 ? [{ fy, rate, amount: t.transfer[k] ?? 0, needs: transferRoute(rate) }] : [];
    }),
    otherIncome: t.otherIncome.flatMap((o) =>
      fys.flatMap((fy, k) => {
        const amount = o.amounts[k] ?? 0;
        return amount !== 0
          ? [{ id: o.id, label: o.label, fy, amount, ...(o.lever ? { lever: o.lever } : {}) }]
          : [];
      }),
    ),
  };
}

/** Each lever's sequential saving and Shapley share on the final cumulative balance (spec §7). @example attribute(normalise(s))[0].shapley */
export function attribute(model: Model): LeverSaving[] {
  const n = model.levers.length;
  if (n === 0) return [];
  const values = subsetValues(model);
  const sequential = sequentialSavings(values, n);
  const shapley = shapleyShares(values, n);
  return model.levers.map((l, i) => ({
    id: l.id,
    label: l.label,
    type: l.type,
    sequential: sequential[i] ?? 0,
    shapley: shapley[i] ?? 0,
  }));
}

/**
 * The forecast of a validated scenario: normalise → project unmitigated → apply levers → attribute → present.
 * @example forecast(scenario).mitigated.ledger.at(-1)?.cumulative
 */
export function forecast(scenario: Scenario): ForecastResult {
  const model = normalise(scenario);
  const unmitigated = project(model, NO_LEVERS);
  const mitigated = project(model, allLevers(model));
  const levers = attribute(model);
  return {
    scenario: scenario.name,
    baseYear: model.baseYear,
    horizon: model.horizon,
    phasing: model.phasing,
    financialYears: [...model.financialYears],
    censusYears: [...model.censusYears],
    openingBalance: model.openingBalance,
    unmitigated: toForecast(model, unmitigated),
    mitigated: toForecast(model, mitigated),
    levers,
    calibration: [...model.calibration],
  };
}

/**
 * The whole pipeline from raw data: parse → normalise → project → apply levers → attribute → present.
 * @example run(yaml.parse(text)) // { ok: true, result } or { ok: false, problems }
 */
export function run(
  raw: unknown,
): { ok: true; result: ForecastResult; scenario: Scenario } | Extract<ParseResult, { ok: false }> {
  const parsed = parseScenario(raw);
  if (!parsed.ok) return parsed;
  return { ok: true, scenario: parsed.scenario, result: forecast(parsed.scenario) };
}

/** One step of the bridge (waterfall) from the unmitigated to the mitigated final cumulative balance. */
export interface BridgeRow {
  kind: "start" | "lever" | "end";
  id: string;
  label: string;
  /** The lever's saving (its share), or the balance for start and end. */
  value: number;
  /** Running balance after this step. */
  total: number;
}

/**
 * The bridge table: unmitigated final balance, one row per lever, mitigated final balance. Uses
 * Shapley shares by default (order-free), or sequential savings.
 * @example bridge(result).at(-1)?.total === result.mitigated.ledger.at(-1)?.cumulative
 */
export function bridge(result: ForecastResult, basis: "shapley" | "sequential" = "shapley"): BridgeRow[] {
  const start = result.unmitigated.ledger.at(-1)?.cumulative ?? 0;
  const end = result.mitigated.ledger.at(-1)?.cumulative ?? 0;
  const fy = result.financialYears.at(-1) ?? "";
  const rows: BridgeRow[] = [
    { kind: "start", id: "unmitigated", label: `Unmitigated ${fy}`, value: start, total: start },
  ];
  let total = start;
  for (const l of result.levers) {
    total += l[basis];
    rows.push({ kind: "lever", id: l.id, label: l.label, value: l[basis], total });
  }
  rows.push({ kind: "end", id: "mitigated", label: `Mitigated ${fy}`, value: end, total: end });
  return rows;
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

/**
 * Cost avoidance of every placement shift: moved places × (source unit cost − destination unit cost) per FY.
 * @example costAvoidance(scenario) // BCP: an INMSS place at £49k against a bespoke one at £18k avoids £31k a place
 */
export function costAvoidance(scenario: Scenario): CostAvoidanceRow[] {
  const model = normalise(scenario);
  const t = project(model, allLevers(model));
  const rows: CostAvoidanceRow[] = [];
  model.levers.forEach((lever, i) => {
    if (lever.type !== "placementShift") return;
    const moved = t.moved[i] as Float64Array;
    model.financialYears.forEach((fy, k) => {
      const m = moved[k] ?? 0;
      const places =
        model.phasing === "census" ? m : (5 / 12) * (k > 0 ? (moved[k - 1] ?? 0) : 0) + (7 / 12) * m;
      const perPlace = (t.unitCosts[lever.from]?.[k] ?? 0) - (t.unitCosts[lever.to]?.[k] ?? 0);
      rows.push({
        lever: lever.id,
        fy,
        census: model.censusYears[k] ?? 0,
        moved: m,
        places,
        perPlace,
        avoided: places * perPlace,
      });
    });
  });
  return rows;
}

/** The Safety Valve view of a scenario. */
export interface SafetyValveView {
  /** First FY with an in-year balance of zero or better, or null when not within the horizon. */
  unmitigatedBalancedIn: string | null;
  mitigatedBalancedIn: string | null;
  /** The grant levers treated as named contributions (DBV grant, Safety Valve, council). */
  contributions: string[];
  /** Cumulative balance by FY: unmitigated, mitigated, and mitigated without the contributions. */
  path: { fy: string; unmitigated: number; mitigated: number; mitigatedWithoutContributions: number }[];
}

/**
 * When the in-year balance first turns non-negative, and the cumulative path with and without named contributions.
 * @example safetyValve(scenario).mitigatedBalancedIn // "2028-29" or null ("not within the horizon")
 */
export function safetyValve(scenario: Scenario): SafetyValveView {
  const model = normalise(scenario);
  const all = allLevers(model);
  let withoutGrants = all;
  const contributions: string[] = [];
  model.levers.forEach((l, i) => {
    if (l.type === "grant") {
      withoutGrants -= 2 ** i;
      contributions.push(l.id);
    }
  });
  const un = project(model, NO_LEVERS);
  const mit = project(model, all);
  const bare = project(model, withoutGrants);
  return {
    unmitigatedBalancedIn: firstBalancedYear(ledgerRows(model, un)) ?? null,
    mitigatedBalancedIn: firstBalancedYear(ledgerRows(model, mit)) ?? null,
    contributions,
    path: model.financialYears.map((fy, k) => ({
      fy,
      unmitigated: un.cumulative[k] ?? 0,
      mitigated: mit.cumulative[k] ?? 0,
      mitigatedWithoutContributions: bare.cumulative[k] ?? 0,
    })),
  };
}

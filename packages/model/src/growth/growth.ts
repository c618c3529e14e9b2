// A placement's growth as the projection uses it: typed-in rates pass through; a method is
// estimated from the placement's history, and what was used is recorded for the output.

import type { GrowthMethodInput, Placement, RateInput } from "../scenario/schema.js";
import { autoGrowth } from "./auto-growth.js";
import {
  DEFAULT_YEARS,
  estimateGrowth,
  type GrowthMethod,
  type HistoryPoint,
  methodName,
  NotEnoughHistory,
  RECORDING_BREAK,
} from "./calibration.js";
import { pooledGrowth } from "./pooling.js";
import { authorityGrowth, TYPE_POOLING } from "./type-growth.js";
import { TYPE_BANDS, typeGrowthSd } from "./type-uncertainty.js";

/** Which method and rate a placement's growth came from, reported beside the forecast. */
export interface GrowthRecord {
  id: string;
  label: string;
  /** The method as written: "auto", or e.g. "cagr-3". */
  requested: string;
  /** The method applied, in words. */
  used: string;
  /** The annual growth rate of the first forecast year (pooled auto fades towards the reference after it). */
  rate: number;
  /** The rate of every forecast year, keyed by census year. */
  rates: Record<string, number>;
  /** Census years of history read (the base year included). */
  points: number;
  /** For auto: the reference population, its trend, the own trend, and the weight on the own trend. */
  reference?: string;
  referenceRate?: number;
  ownRate?: number;
  weight?: number;
  /** For auto: the noise variance of the series' annual log growth, which sets the weight and the band. */
  noise?: number;
  /** For auto: the authority's pooled lead over the reference's total trend in the first forecast year, added to each type's reference trend. */
  authorityLead?: number;
  /** For combined: each candidate method's rate and weight. */
  weights?: { method: string; rate: number; weight: number }[];
  /** For combined: weighted mean absolute percentage error of the candidates on the history's own rolling origins. */
  backtestError?: number;
  /** For combined: rolling-origin forecasts the choice rests on. */
  evidence?: number;
  /** sd of a growth-rate shift (drives `uncertainty.growth: auto`). */
  growthSd?: number;
  /** The sd the history's noise implies, where the simulation caps growthSd below it. */
  impliedSd?: number;
  /** Why the estimate needs a second look: a rate outside the plausible range, or a recording break in the history. */
  warnings: string[];
}

/**
 * Annual growth rates the tool applies without a warning. Authority EHCP totals grew by 0% to 20%
 * a year over 2015–2022 (DfE SEN2); a placement type may grow faster while it is new, so the
 * range is wider, but a rate outside it is more often a recording break than a trend.
 */
export const PLAUSIBLE_GROWTH = { min: -0.1, max: 0.25 } as const;

// RECORDING_BREAK lives in calibration.ts, which type-level auto reads too (growth.ts imports it).
export { RECORDING_BREAK } from "./calibration.js";

/**
 * How a series' years are said in its warnings: census years as the points are keyed (placements),
 * or the calendar years a demand flow is keyed by in the file (flows.newPlans, flows.requests),
 * which are the census year less one.
 */
export type YearsKeyedBy = "census" | "calendar";

/**
 * Warnings on an estimated growth: rates outside PLAUSIBLE_GROWTH, and level shifts in the history
 * (a count that doubles or halves in a year), each with its evidence, in the years the file keys
 * the series by.
 * @example growthWarnings(points, { "2023": 0.4 }) // ["rate 40.0% a year in 2023 is outside …"]
 */
export function growthWarnings(
  points: readonly HistoryPoint[],
  rates: Readonly<Record<string, number>>,
  keyedBy: YearsKeyedBy = "census",
): string[] {
  const out: string[] = [];
  // A flow of calendar year Y arrives by the census of January Y + 1, which keys its points and rates.
  const year = (census: number | string) => (keyedBy === "calendar" ? Number(census) - 1 : Number(census));
  const years = keyedBy === "calendar" ? "calendar years " : "";
  const outside = Object.entries(rates).filter(
    ([, r]) => r < PLAUSIBLE_GROWTH.min || r > PLAUSIBLE_GROWTH.max,
  );
  if (outside.length) {
    const [census, r] = outside[0] as [string, number];
    out.push(
      `rate ${(100 * r).toFixed(1)}% a year in ${keyedBy === "calendar" ? "calendar year " : ""}${year(census)}${outside.length > 1 ? ` (and ${outside.length - 1} more year${outside.length > 2 ? "s" : ""})` : ""} is outside the plausible range ${100 * PLAUSIBLE_GROWTH.min}% to +${100 * PLAUSIBLE_GROWTH.max}%: check the history or give a rate`,
    );
  }
  const breaks: string[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as HistoryPoint;
    const b = points[i] as HistoryPoint;
    if (Math.max(a.count, b.count) < RECORDING_BREAK.minCount || b.year - a.year !== 1) continue;
    const ratio = a.count > 0 ? b.count / a.count : Number.POSITIVE_INFINITY;
    if (ratio >= RECORDING_BREAK.ratio || ratio <= 1 / RECORDING_BREAK.ratio)
      breaks.push(`${a.count} → ${b.count} (${years}${year(a.year)} → ${year(b.year)})`);
  }
  if (breaks.length)
    out.push(
      `history has ${breaks.length === 1 ? "a possible recording break" : "possible recording breaks"}: ${breaks.join(", ")}; the estimate leans on the reference trend, but check the series`,
    );
  return out;
}

/** A placement's counts as history points: history before the base year, then the base count. @example historyPoints(p, 2022).at(-1) */
export function historyPoints(p: Pick<Placement, "count" | "history">, baseYear: number): HistoryPoint[] {
  const points = Object.entries(p.history ?? {})
    .map(([year, count]) => ({ year: Number(year), count }))
    .filter((h) => h.year < baseYear)
    .sort((a, b) => a.year - b.year);
  points.push({ year: baseYear, count: p.count });
  return points;
}

/**
 * The authority's own total: the sum of placements in census years where every placement with a
 * count has a figure. It serves as the reference where a scenario gives none.
 * @example totalSeries(scenario.placements, 2022).at(-1)?.count
 */
export function totalSeries(
  placements: readonly Pick<Placement, "count" | "history">[],
  baseYear: number,
): HistoryPoint[] {
  const counted = placements.filter((p) => p.count > 0);
  const histories = counted.map((p) => new Map(historyPoints(p, baseYear).map((h) => [h.year, h.count])));
  const years = [...new Set(histories.flatMap((h) => [...h.keys()]))].sort((a, b) => a - b);
  return years.flatMap((year) =>
    histories.every((h) => h.has(year))
      ? [{ year, count: histories.reduce((a, h) => a + (h.get(year) ?? 0), 0) }]
      : [],
  );
}

/** The trend of a series as known at an origin: its CAGR over `years` years (default 3) to it. @example trendOf(series)(2019, 5) */
export function trendOf(
  series: readonly HistoryPoint[],
): (origin: number, years?: number) => number | undefined {
  const at = new Map(series.map((p) => [p.year, p.count]));
  return (origin, years = 3) => {
    const now = at.get(origin);
    const then = at.get(origin - years);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / years) - 1 : undefined;
  };
}

/** The authority's own total trend, which pooled estimates borrow strength from where there is no reference. @example totalReference(scenario.placements, 2022)(2022) */
export function totalReference(
  placements: readonly Pick<Placement, "count" | "history">[],
  baseYear: number,
): (origin: number, years?: number) => number | undefined {
  return trendOf(totalSeries(placements, baseYear));
}

/** A scenario's reference series (spec §10), or the sum of its placements where it gives none. @example referenceOf(scenario).name === "England" */
export function referenceOf(s: {
  baseYear: number;
  placements: readonly Pick<Placement, "count" | "history">[];
  reference?: { name: string; history: Readonly<Record<string, number>> } | undefined;
}): { name: string; series: HistoryPoint[] } {
  if (s.reference)
    return {
      name: s.reference.name,
      series: Object.entries(s.reference.history)
        .map(([y, count]) => ({ year: Number(y), count }))
        .sort((a, b) => a.year - b.year),
    };
  return { name: "the scenario's own total", series: totalSeries(s.placements, s.baseYear) };
}

/** Whether a growth input names a method rather than rates. @example isMethod({ method: "auto" }) */
export function isMethod(g: unknown): g is GrowthMethodInput {
  return g !== null && typeof g === "object" && "method" in g;
}

const perYear = (baseYear: number, rates: readonly number[]) =>
  Object.fromEntries(rates.map((r, j) => [String(baseYear + j + 1), r]));

/**
 * Resolves a placement's growth to rates, estimating it from history when it names a method.
 * Throws NotEnoughHistory (with how much is needed) when the history is too short. `simulated`
 * false (a demand flow's growth, which simulations do not draw) leaves out the warning on the cap
 * of its simulated sd; `keyedBy` "calendar" (a flow, keyed by calendar year in the file) says its
 * warnings' years as the file keys them.
 * @example resolveGrowth(p, 2022, 5, reference).rate // a per-year map when p.growth is { method: "auto" }
 */
export function resolveGrowth(
  p: Placement,
  baseYear: number,
  horizon: number,
  reference: { name: string; series: readonly HistoryPoint[] },
  simulated = true,
  keyedBy: YearsKeyedBy = "census",
): { rate: RateInput; record?: GrowthRecord } {
  if (!isMethod(p.growth)) return { rate: p.growth };
  const points = historyPoints(p, baseYear);
  const base = { id: p.id, label: p.label, points: points.length };
  const trend = trendOf(reference.series);
  const finish = (
    record: Omit<GrowthRecord, "warnings">,
    extra: string[] = [],
  ): { rate: RateInput; record: GrowthRecord } => ({
    rate: record.rates,
    record: { ...record, warnings: [...growthWarnings(points, record.rates, keyedBy), ...extra] },
  });
  if (p.growth.method === "auto") {
    const g = pooledGrowth(points, reference.series, horizon);
    // Only a placement's growth is drawn in simulation (a demand flow's is not): only it is capped.
    const capped =
      simulated && g.impliedSd > g.growthSd
        ? [
            `its history's noise implies a growth sd of ${(100 * g.impliedSd).toFixed(0)} points a year; simulations cap it at ${(100 * g.growthSd).toFixed(0)} (give uncertainty.placements.${p.id}.growth to set your own)`,
          ]
        : [];
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    return finish(
      {
        ...base,
        requested: "auto",
        used:
          g.own === undefined
            ? `${reference.name} trend ${pct(g.reference)} (no own trend: fewer than 3 recent counts)`
            : `pooled: own ${pct(g.own)}, ${reference.name} ${pct(g.reference)}, weight on own ${Math.round(100 * g.weight)}%`,
        rate: g.rates[0] ?? 0,
        rates: perYear(baseYear, g.rates),
        reference: reference.name,
        referenceRate: g.reference,
        ...(g.own === undefined ? {} : { ownRate: g.own }),
        weight: g.weight,
        noise: g.noise,
        growthSd: g.growthSd,
        ...(g.impliedSd > g.growthSd ? { impliedSd: g.impliedSd } : {}),
      },
      capped,
    );
  }
  if (p.growth.method === "combined") {
    const choice = autoGrowth(points, trend);
    const top = choice.weights.slice(0, 3).map((w) => `${w.method} ${Math.round(w.weight * 100)}%`);
    return finish({
      ...base,
      requested: "combined",
      used: `weighted: ${top.join(", ")}${choice.weights.length > 3 ? ", …" : ""}`,
      rate: choice.rate,
      rates: perYear(baseYear, Array(horizon).fill(choice.rate)),
      weights: choice.weights,
      backtestError: choice.score,
      evidence: choice.evidence,
      growthSd: choice.sd,
    });
  }
  const method = p.growth.method as GrowthMethod;
  const spec = { method, years: p.growth.years ?? DEFAULT_YEARS[method] };
  const rate = estimateGrowth(
    points,
    spec,
    trend(baseYear, spec.years) ?? trendAtLast(reference.series, spec.years),
  );
  return finish({
    ...base,
    requested: methodName(spec),
    used: method === "reference" ? `${reference.name} ${methodName(spec)}` : methodName(spec),
    rate,
    rates: perYear(baseYear, Array(horizon).fill(rate)),
    ...(method === "reference" || method === "pooled" ? { reference: reference.name } : {}),
  });
}

// A reference that ends before the base year still has a trend: the one at its last year.
function trendAtLast(series: readonly HistoryPoint[], years: number): number | undefined {
  const last = series[series.length - 1];
  return last ? trendOf(series)(last.year, years) : undefined;
}

/** Every placement's growth resolved, the records of estimated ones, and the placements whose history is too short. */
export interface ResolvedGrowths {
  rates: RateInput[];
  records: GrowthRecord[];
  problems: { index: number; message: string }[];
}

/** Resolves every placement's growth once, with the scenario's reference (or its own total) as the pooled reference. @example resolveGrowths(scenario).records */
export function resolveGrowths(s: {
  baseYear: number;
  horizon: number;
  placements: readonly Placement[];
  reference?: ScenarioReference | undefined;
}): ResolvedGrowths {
  const reference = referenceOf(s);
  const typed = typeLevelAuto(s, reference);
  const out: ResolvedGrowths = { rates: [], records: [], problems: [] };
  s.placements.forEach((p, index) => {
    try {
      const r = typed.get(p.id) ?? resolveGrowth(p, s.baseYear, s.horizon, reference);
      out.rates.push(r.rate);
      if (r.record) out.records.push(r.record);
    } catch (e) {
      if (!(e instanceof NotEnoughHistory)) throw e;
      out.rates.push(0);
      out.problems.push({
        index,
        message: `not enough history: ${e.message}; give \`history\` for earlier census years or a growth rate`,
      });
    }
  });
  return out;
}

/** A scenario's reference (spec §10): the total series and, optionally, a series per placement id. */
export interface ScenarioReference {
  name: string;
  history: Readonly<Record<string, number>>;
  placements?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
}

/** The SEN2 placement type whose pooled residuals give a category's growth uncertainty (NONE: every type's pooled). */
const BAND_TYPE: Readonly<Record<string, string>> = {
  MmSoA: "mainstream",
  RPSEN: "resourced",
  MdSSA: "special",
  NMISS: "inmss",
  HspAP: "ap",
  P16FE: "post16",
  OTHER: "other",
};

/** The growth sd a simulation draws for a placement under `growth: auto`: its type's pooled residuals at its count (docs/accuracy.md). @example autoGrowthSd(p) */
export function autoGrowthSd(p: Pick<Placement, "category" | "count">): number {
  return typeGrowthSd(BAND_TYPE[p.category] ?? "", p.count, TYPE_BANDS);
}

const seriesOf = (history: Readonly<Record<string, number>>): HistoryPoint[] =>
  Object.entries(history)
    .map(([y, count]) => ({ year: Number(y), count }))
    .sort((a, b) => a.year - b.year);

/**
 * Type-level `auto` (issue #31) for every placement whose growth is `{ method: auto }`, together:
 * each pooled towards its own type's reference (reference.placements[id]) or the total reference,
 * shifted by the authority's pooled lead over the reference (the sum of those placements).
 */
function typeLevelAuto(
  s: {
    baseYear: number;
    horizon: number;
    placements: readonly Placement[];
    reference?: ScenarioReference | undefined;
  },
  reference: { name: string; series: HistoryPoint[] },
): Map<string, { rate: RateInput; record: GrowthRecord }> {
  const auto = s.placements.filter((p) => isMethod(p.growth) && p.growth.method === "auto");
  const out = new Map<string, { rate: RateInput; record: GrowthRecord }>();
  if (!auto.length) return out;
  const typeRefs = s.reference?.placements ?? {};
  const g = authorityGrowth(
    {
      types: auto.map((p) => ({
        id: p.id,
        points: historyPoints(p, s.baseYear),
        reference: typeRefs[p.id] ? seriesOf(typeRefs[p.id] as Record<string, number>) : undefined,
      })),
      total: totalSeries(auto, s.baseYear),
      reference: reference.series,
      horizon: s.horizon,
    },
    TYPE_POOLING,
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lead = Math.expm1(g.total.logRates[0] ?? 0) - Math.expm1(g.total.reference);
  auto.forEach((p, i) => {
    const t = g.types[i];
    if (!t) return;
    const points = historyPoints(p, s.baseYear);
    const refName = t.referenceName === "type" ? `${reference.name} ${p.id}` : reference.name;
    const own = t.own === undefined ? undefined : Math.expm1(t.own);
    const rates = perYear(s.baseYear, t.rates);
    const record: GrowthRecord = {
      id: p.id,
      label: p.label,
      points: points.length,
      requested: "auto",
      used:
        own === undefined
          ? `${refName} trend ${pct(Math.expm1(t.reference))}${TYPE_POOLING.hierarchy ? `, authority lead ${pct(lead)}` : ""} (no own trend: fewer than 3 recent counts)`
          : `pooled: own ${pct(own)}, ${refName} ${pct(Math.expm1(t.reference))}${TYPE_POOLING.hierarchy ? ` + authority lead ${pct(lead)}` : ""}, weight on own ${Math.round(100 * t.weight)}%`,
      rate: t.rates[0] ?? 0,
      rates,
      reference: refName,
      referenceRate: Math.expm1(t.reference),
      ...(own === undefined ? {} : { ownRate: own }),
      weight: t.weight,
      noise: t.noise,
      ...(TYPE_POOLING.hierarchy ? { authorityLead: lead } : {}),
      growthSd: autoGrowthSd(p),
      warnings: growthWarnings(points, rates),
    };
    out.set(p.id, { rate: rates, record });
  });
  return out;
}

// A placement's growth as the projection uses it: typed-in rates pass through; a method is
// estimated from the placement's history, and what was used is recorded for the output.
import { autoGrowth } from "./backtest.js";
import {
  DEFAULT_YEARS,
  estimateGrowth,
  type GrowthMethod,
  type HistoryPoint,
  methodName,
  NotEnoughHistory,
} from "./calibration.js";
import type { GrowthMethodInput, Placement, RateInput } from "./schema.js";

/** Which method and rate a placement's growth came from, reported beside the forecast. */
export interface GrowthRecord {
  id: string;
  label: string;
  /** The method as written: "auto", or e.g. "cagr-3". */
  requested: string;
  /** The method applied (for auto, the weighted combination, heaviest methods first). */
  used: string;
  /** The annual growth rate applied to every forecast year. */
  rate: number;
  /** Census years of history read (the base year included). */
  points: number;
  /** For auto: each candidate method's rate and weight. */
  weights?: { method: string; rate: number; weight: number }[];
  /** For auto: weighted mean absolute percentage error of the candidates on the history's own rolling origins. */
  backtestError?: number;
  /** For auto: rolling-origin forecasts the choice rests on. */
  evidence?: number;
  /** For auto: sd of the annual growth-rate error (drives `uncertainty.growth: auto`). */
  growthSd?: number;
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
 * The authority's own total trend, which pooled estimates borrow strength from: CAGR over 3 years
 * of the sum of placements, in years where every placement with a count has a figure.
 * @example totalReference(scenario.placements, 2022)(2022)
 */
export function totalReference(
  placements: readonly Pick<Placement, "count" | "history">[],
  baseYear: number,
): (origin: number) => number | undefined {
  const totals = new Map<number, number>();
  const counted = placements.filter((p) => p.count > 0);
  const years = new Set(counted.flatMap((p) => historyPoints(p, baseYear).map((h) => h.year)));
  for (const y of years) {
    let sum = 0;
    let complete = true;
    for (const p of counted) {
      const h = historyPoints(p, baseYear).find((x) => x.year === y);
      if (h === undefined) complete = false;
      else sum += h.count;
    }
    if (complete) totals.set(y, sum);
  }
  return (origin) => {
    const now = totals.get(origin);
    const then = totals.get(origin - 3);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / 3) - 1 : undefined;
  };
}

/** Whether a growth input names a method rather than rates. @example isMethod({ method: "auto" }) */
export function isMethod(g: unknown): g is GrowthMethodInput {
  return g !== null && typeof g === "object" && "method" in g;
}

/**
 * Resolves a placement's growth to rates, estimating it from history when it names a method.
 * Throws NotEnoughHistory (with how much is needed) when the history is too short.
 * @example resolveGrowth(p, 2022).rate // 0.087 when p.growth is { method: "auto" }
 */
export function resolveGrowth(
  p: Placement,
  baseYear: number,
  reference?: (origin: number) => number | undefined,
): { rate: RateInput; record?: GrowthRecord } {
  if (!isMethod(p.growth)) return { rate: p.growth };
  const points = historyPoints(p, baseYear);
  const base = { id: p.id, label: p.label, points: points.length };
  if (p.growth.method === "auto") {
    const choice = autoGrowth(points, reference);
    const top = choice.weights.slice(0, 3).map((w) => `${w.method} ${Math.round(w.weight * 100)}%`);
    return {
      rate: choice.rate,
      record: {
        ...base,
        requested: "auto",
        used: `weighted: ${top.join(", ")}${choice.weights.length > 3 ? ", …" : ""}`,
        rate: choice.rate,
        weights: choice.weights,
        backtestError: choice.score,
        evidence: choice.evidence,
        growthSd: choice.sd,
      },
    };
  }
  const method = p.growth.method as GrowthMethod;
  const spec = { method, years: p.growth.years ?? DEFAULT_YEARS[method] };
  const rate = estimateGrowth(points, spec, reference?.(baseYear));
  return { rate, record: { ...base, requested: methodName(spec), used: methodName(spec), rate } };
}

/** Every placement's growth resolved, the records of estimated ones, and the placements whose history is too short. */
export interface ResolvedGrowths {
  rates: RateInput[];
  records: GrowthRecord[];
  problems: { index: number; message: string }[];
}

/** Resolves every placement's growth once, with the authority's total trend as the pooled reference. @example resolveGrowths(scenario).records */
export function resolveGrowths(s: { baseYear: number; placements: readonly Placement[] }): ResolvedGrowths {
  const reference = s.placements.some((p) => isMethod(p.growth))
    ? totalReference(s.placements, s.baseYear)
    : undefined;
  const out: ResolvedGrowths = { rates: [], records: [], problems: [] };
  s.placements.forEach((p, index) => {
    try {
      const r = resolveGrowth(p, s.baseYear, reference);
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

// Rolling-origin backtests: for each origin year, fit on history up to it, forecast 1–3 years
// ahead, and score against what happened. `auto` is itself backtested honestly: at each origin it
// chooses its method from the history before that origin only.
import { medianSorted } from "simple-statistics";
import {
  AUTO_CANDIDATES,
  estimateGrowth,
  type HistoryPoint,
  type MethodSpec,
  methodName,
  NAIVE_METHODS,
  NotEnoughHistory,
  REFERENCE_TREND,
} from "../growth/calibration.js";
import { pooledBand, pooledGrowth } from "../growth/pooling.js";

/** z such that 80% of a normal lies within ±z: the 10th–90th percentile band. */
export const Z80 = 1.2815515655446004;

/**
 * The pooled prior for the sd of the annual growth-rate error, and its weight in rolling-origin
 * forecasts of own evidence. Chosen on the all-authority backtest of the DfE SEN2 2022 release
 * (totals 2010–2022, origins 2015–2021) so that auto's 10–90% bands cover about 80% of outcomes at
 * 1–3 years ahead (README, "Calibration"): tuned in sample, so check it on each new release.
 */
export const GROWTH_SD_PRIOR = 0.08;
export const GROWTH_SD_PRIOR_WEIGHT = 12;

/** What `auto` estimated for one history: a combination of the candidate methods weighted by their backtest accuracy. */
export interface AutoChoice {
  /** The combined annual growth rate. */
  rate: number;
  /** Each candidate's rate and weight (weights add up to 1), heaviest first. */
  weights: { method: string; rate: number; weight: number }[];
  /** Weighted mean absolute percentage error of the candidates on the history's own rolling origins. */
  score: number;
  /** Rolling-origin forecasts the weights rest on. */
  evidence: number;
  /** sd of the annual growth-rate error: the candidates' own errors shrunk towards GROWTH_SD_PRIOR, capped at GROWTH_SD_CAP. */
  sd: number;
}

/** The largest growth-error sd auto reports: a few series with recording breaks imply more than any plausible growth. */
export const GROWTH_SD_CAP = 0.3;

const SELECTION_HORIZONS = [1, 2, 3];

/** A constant-growth forecast from an origin scored against each horizon's outcome, where there is one. */
function outcomes(
  points: readonly HistoryPoint[],
  origin: HistoryPoint,
  rate: number,
  horizons: readonly number[],
): { horizon: number; forecast: number; actual: number; ape: number; delta: number }[] {
  const out: { horizon: number; forecast: number; actual: number; ape: number; delta: number }[] = [];
  for (const h of horizons) {
    const actual = points.find((p) => p.year === origin.year + h);
    if (!actual || actual.count <= 0) continue;
    const forecast = origin.count * (1 + rate) ** h;
    out.push({
      horizon: h,
      forecast,
      actual: actual.count,
      ape: Math.abs(forecast - actual.count) / actual.count,
      // The constant shift to the growth rate that would have hit the outcome exactly.
      delta: (actual.count / origin.count) ** (1 / h) - 1 - rate,
    });
  }
  return out;
}

/** Errors of one method at every rolling origin of one history: APE and the implied annual growth error. */
function originErrors(
  points: readonly HistoryPoint[],
  spec: MethodSpec,
  horizons: readonly number[],
  reference?: (origin: number, years?: number) => number | undefined,
): { ape: number; delta: number }[] {
  const out: { ape: number; delta: number }[] = [];
  for (let o = 0; o < points.length - 1; o++) {
    const origin = points[o] as HistoryPoint;
    if (origin.count <= 0) continue;
    let rate: number;
    try {
      rate = estimateGrowth(points.slice(0, o + 1), spec, reference?.(origin.year, spec.years));
    } catch (e) {
      if (e instanceof NotEnoughHistory) continue;
      throw e;
    }
    for (const o of outcomes(points, origin, rate, horizons)) out.push(o);
  }
  return out;
}

/**
 * `combined` (the first release's `auto`): every candidate method is backtested on the history's
 * own rolling origins (1–3 years ahead) and the candidates' rates are combined with weights
 * 1 / (their mean absolute percentage error). Kept as a named method and a backtest baseline.
 * @example autoGrowth(points).rate
 */
export function autoGrowth(
  points: readonly HistoryPoint[],
  reference?: (origin: number, years?: number) => number | undefined,
  candidates: readonly MethodSpec[] = AUTO_CANDIDATES,
): AutoChoice {
  if (points.length < 3)
    throw new NotEnoughHistory(
      `auto needs at least 3 census years of history to weigh methods by backtest, found ${points.length}`,
    );
  const lastYear = (points[points.length - 1] as HistoryPoint).year;
  const scored: { method: string; rate: number; score: number; errors: { ape: number; delta: number }[] }[] =
    [];
  for (const spec of candidates) {
    const errors = originErrors(points, spec, SELECTION_HORIZONS, reference);
    if (errors.length === 0) continue;
    let rate: number;
    try {
      rate = estimateGrowth(points, spec, reference?.(lastYear, spec.years));
    } catch (e) {
      if (e instanceof NotEnoughHistory) continue;
      throw e;
    }
    scored.push({
      method: methodName(spec),
      rate,
      score: errors.reduce((a, e) => a + e.ape, 0) / errors.length,
      errors,
    });
  }
  if (scored.length === 0)
    throw new NotEnoughHistory("auto found no method with a rolling origin in this history");
  // A perfect score would take every weight; the floor (0.1 percentage point) keeps weights finite.
  const raw = scored.map((c) => 1 / (c.score + 1e-3));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = scored
    .map((c, i) => ({ method: c.method, rate: c.rate, weight: (raw[i] as number) / total }))
    .sort((a, b) => b.weight - a.weight);
  let evidence = 0;
  let own = 0;
  let score = 0;
  scored.forEach((c, i) => {
    const w = (raw[i] as number) / total;
    own += (w * c.errors.reduce((a, e) => a + e.delta * e.delta, 0)) / c.errors.length;
    score += w * c.score;
    evidence = Math.max(evidence, c.errors.length);
  });
  const sd = Math.min(
    GROWTH_SD_CAP,
    Math.sqrt(
      (evidence * own + GROWTH_SD_PRIOR_WEIGHT * GROWTH_SD_PRIOR ** 2) / (evidence + GROWTH_SD_PRIOR_WEIGHT),
    ),
  );
  return { rate: weights.reduce((a, w) => a + w.weight * w.rate, 0), weights, score, evidence, sd };
}

/** One forecast of one series from one origin by one method, scored against what happened. */
export interface BacktestRecord {
  series: string;
  method: string;
  origin: number;
  horizon: number;
  forecast: number;
  actual: number;
  /** Absolute percentage error |forecast − actual| / actual. */
  ape: number;
  /** For `combined`: the heaviest-weighted method at this origin; for `auto`: the weight on the own trend. */
  chosen?: string;
  /** For `auto` and `combined`: the 10th–90th percentile band of the count. */
  p10?: number;
  p90?: number;
}

/** A history to backtest: an authority's total, or one placement type of one authority. */
export interface BacktestSeries {
  key: string;
  points: readonly HistoryPoint[];
}

/** Options of a rolling-origin backtest. */
/** A method a backtest can score: a named single-series method, pooled `auto`, or `combined`. */
export type BacktestMethod = MethodSpec | "auto" | "combined";

/** The methods of a holdout table: pooled auto, combined, the naive methods and the reference trend. */
export const HOLDOUT_METHODS: readonly BacktestMethod[] = [
  "auto",
  "combined",
  ...NAIVE_METHODS,
  REFERENCE_TREND,
];

export interface BacktestOptions {
  methods?: readonly BacktestMethod[];
  horizons?: readonly number[];
  /** Only origins in this range (census years). */
  firstOrigin?: number;
  lastOrigin?: number;
  /** The trend pooled estimates borrow from, as known at an origin over `years` (e.g. national growth). */
  reference?: (origin: number, years?: number) => number | undefined;
  /** The reference series itself (e.g. England's EHCPs), which pooled `auto` reads up to each origin. */
  referenceSeries?: readonly HistoryPoint[];
  /** Points before this census year are ignored (e.g. 2015 for the 2015–2022 window). */
  fromYear?: number;
}

/**
 * Rolling-origin backtest of every method on every series: fit up to each origin, forecast each
 * horizon ahead, record the absolute percentage error; `auto` also records its choice and band.
 * @example rollingOrigin([{ key: "Bristol", points }], { horizons: [1, 2, 3] })
 */
export function rollingOrigin(
  series: readonly BacktestSeries[],
  options: BacktestOptions = {},
): BacktestRecord[] {
  const methods = options.methods ?? [
    "auto",
    "combined",
    { method: "flat", years: 0 },
    ...AUTO_CANDIDATES,
    REFERENCE_TREND,
  ];
  const horizons = options.horizons ?? [1, 2, 3];
  const longest = Math.max(...horizons);
  const out: BacktestRecord[] = [];
  for (const s of series) {
    const points = s.points.filter((p) => p.year >= (options.fromYear ?? -Infinity));
    for (let o = 0; o < points.length - 1; o++) {
      const origin = points[o] as HistoryPoint;
      if (origin.year < (options.firstOrigin ?? -Infinity) || origin.year > (options.lastOrigin ?? Infinity))
        continue;
      if (origin.count <= 0) continue;
      const fitted = points.slice(0, o + 1);
      // Only what was known at the origin: the reference up to it.
      const known = options.referenceSeries?.filter((p) => p.year <= origin.year);
      for (const m of methods) {
        let rates: number[];
        let chosen: string | undefined;
        let band: ((forecast: number, h: number) => [number, number]) | undefined;
        try {
          if (m === "auto") {
            const g = pooledGrowth(fitted, known, longest);
            rates = g.rates;
            chosen = `weight ${g.weight.toFixed(2)}`;
            band = (f, h) => pooledBand(f, h, g.bandNoise);
          } else if (m === "combined") {
            const c = autoGrowth(fitted, options.reference);
            rates = Array(longest).fill(c.rate);
            chosen = c.weights[0]?.method ?? "";
            band = (_, h) => [
              origin.count * Math.max(0, 1 + c.rate - Z80 * c.sd) ** h,
              origin.count * (1 + c.rate + Z80 * c.sd) ** h,
            ];
          } else
            rates = Array(longest).fill(estimateGrowth(fitted, m, options.reference?.(origin.year, m.years)));
        } catch (e) {
          if (e instanceof NotEnoughHistory) continue;
          throw e;
        }
        for (const h of horizons) {
          const actual = points.find((p) => p.year === origin.year + h);
          if (!actual || actual.count <= 0) continue;
          let forecast = origin.count;
          for (let j = 0; j < h; j++) forecast *= 1 + (rates[j] ?? 0);
          const record: BacktestRecord = {
            series: s.key,
            method: typeof m === "string" ? m : methodName(m),
            origin: origin.year,
            horizon: h,
            forecast,
            actual: actual.count,
            ape: Math.abs(forecast - actual.count) / actual.count,
          };
          if (band) {
            record.chosen = chosen ?? "";
            [record.p10, record.p90] = band(forecast, h);
          }
          out.push(record);
        }
      }
    }
  }
  return out;
}

/** Backtest error of one method at one horizon. */
export interface BacktestSummary {
  method: string;
  horizon: number;
  /** Forecasts scored. */
  n: number;
  medianApe: number;
  meanApe: number;
  /** For `auto`: the share of outcomes inside its 10th–90th percentile band. */
  coverage?: number;
}

/** Median and mean absolute percentage error per method and horizon (and auto's band coverage). @example summarise(rollingOrigin(backtestSeriesList)) */
export function summarise(records: readonly BacktestRecord[]): BacktestSummary[] {
  const groups = new Map<string, BacktestRecord[]>();
  for (const r of records) {
    const key = `${r.method}\u0000${r.horizon}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: BacktestSummary[] = [];
  for (const g of groups.values()) {
    const first = g[0] as BacktestRecord;
    const apes = g.map((r) => r.ape).sort((a, b) => a - b);
    const summary: BacktestSummary = {
      method: first.method,
      horizon: first.horizon,
      n: g.length,
      medianApe: medianSorted(apes),
      meanApe: apes.reduce((a, b) => a + b, 0) / apes.length,
    };
    const banded = g.filter((r) => r.p10 !== undefined && r.p90 !== undefined);
    if (banded.length)
      summary.coverage =
        banded.filter((r) => r.actual >= (r.p10 as number) && r.actual <= (r.p90 as number)).length /
        banded.length;
    out.push(summary);
  }
  const order = (m: string) => (m === "auto" ? -2 : m === "combined" ? -1 : 0);
  return out.sort(
    (a, b) => order(a.method) - order(b.method) || a.method.localeCompare(b.method) || a.horizon - b.horizon,
  );
}

/** Only the forecasts every method made (same series, origin and horizon), so methods are compared on equal terms. @example summarise(commonOnly(records)) */
export function commonOnly(records: readonly BacktestRecord[]): BacktestRecord[] {
  const methods = new Set(records.map((r) => r.method));
  const count = new Map<string, number>();
  const key = (r: BacktestRecord) => `${r.series}\u0000${r.origin}\u0000${r.horizon}`;
  for (const r of records) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
  return records.filter((r) => count.get(key(r)) === methods.size);
}

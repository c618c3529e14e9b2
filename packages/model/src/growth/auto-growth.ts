// `auto` growth: every candidate method backtested on the history's own rolling origins, their
// rates combined by accuracy, and the growth-error sd the bands use. Growth resolution calls it
// for a placement's history; analyse/backtest.ts scores it honestly at each origin.
import {
  AUTO_CANDIDATES,
  estimateGrowth,
  type HistoryPoint,
  type MethodSpec,
  methodName,
  NotEnoughHistory,
} from "./calibration.js";

/** z such that 80% of a normal lies within ±z: the 10th–90th percentile band. */
export const Z80 = 1.2815515655446004;

/**
 * The pooled prior for the sd of the annual growth-rate error, and its weight in rolling-origin
 * forecasts of own evidence. Chosen on the all-authority backtest of the DfE SEN2 2022 release
 * (totals 2010–2022, origins 2015–2021) so that auto's 10–90% bands cover about 80% of outcomes at
 * 1–3 years ahead (docs/calibration-and-uncertainty.md): tuned in sample, so check it on each new
 * release.
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

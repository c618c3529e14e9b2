// Growth pooled towards a reference population (spec §10): `auto`. One authority's placement series
// is short and noisy (recording breaks such as 21 → 53 → 204), so its own trend is trusted only as
// far as its noise allows, the rest coming from the reference's trend (empirical-Bayes shrinkage).
//
// Every constant below was chosen on the DfE SEN2 2022 release using only forecasts whose targets
// are January 2019 or earlier, then scored once on the holdout (origin 2019, targets 2020–2022):
// docs/calibration-and-uncertainty.md. Growth constants (ownYears … damping): origins 2015–2018
// (3,402 / 2,542 / 1,690 placement-level forecasts at 1 / 2 / 3 years). The bands were chosen by the
// rule in scripts/study-pooling.mjs (nested, as-known validation at origins 2016–2018; candidates:
// noise over 6, 4 or 3 years or by MAD, or none; fitted on the last 1, 2, 3 or all known target
// years). They were tuned on placement-type series, the series scenarios forecast; authority totals
// are smoother and would want other constants (the same rule found none that met issue #13's targets).
import type { HistoryPoint } from "./calibration.js";

/**
 * The last census year whose figures chose `auto`'s constants (targets up to January 2019): a
 * forecast is out of sample only from an origin at or after it (its targets all come later).
 */
export const TUNED_THROUGH = 2019;

/** The constants of pooled `auto`, estimated on SEN2 placement series with targets up to January 2019. */
export const POOLING = {
  /** Years of history the own trend (log-linear) reads back from the base. */
  ownYears: 3,
  /** Years over which the reference's trend (CAGR) is read. */
  referenceYears: 3,
  /** Years of annual growths the noise of a series is measured over. */
  noiseYears: 6,
  /** Between-authority variance of true log-growth deviations from the reference. */
  tau2: 0.001219,
  /** Scale on a series' noise in the weight w = τ² / (τ² + c·s²). */
  c: 2,
  /** Noise variance of annual log growth assumed where a series has fewer than two growths. */
  v0: 0.04694,
  /** The own deviation from the reference fades by this factor each forecast year. */
  damping: 0.6,
  /**
   * The largest growth sd a simulation draws for one placement (10 points a year). A judgement, not
   * calibrated: series with recording breaks imply 50 points and more, which would make every fan
   * span billions; a placement whose noise implies more is flagged with the figure.
   */
  sdCap: 0.1,
  /** Years of annual growths the band's noise is measured over (the rule of scripts/study-pooling.mjs chose 4). */
  bandNoiseYears: 4,
  /**
   * 10th and 90th percentiles of z = log(actual / forecast) / sqrt(h · v) by horizon h = 1, 2, 3
   * (later years use h = 3), v the noise over bandNoiseYears. Fitted on the placement forecasts
   * whose targets are January 2017–2019 (3,039 / 2,881 / 2,721 forecasts at 1 / 2 / 3 years): the
   * noise window and the target window the rule of scripts/study-pooling.mjs chose, by nested
   * validation at origins 2016–2018 (each fitted only on what was known at its origin), where these
   * bands covered 82.1 / 81.0 / 81.4%. Holdout: docs/calibration-and-uncertainty.md.
   */
  bands: [
    [-1.536, 2.989],
    [-1.416, 3.457],
    [-1.332, 3.715],
  ] as readonly (readonly [number, number])[],
} as const;

/**
 * The sd of a growth-rate shift, drawn once per path, whose 3-year 10–90% band matches the
 * calibrated band's width: 3 · Z80 · sd = (q90 − q10) / 2 · √(3v).
 */
const SD_PER_ROOT_V = (() => {
  const [q10, q90] = POOLING.bands[2] as readonly [number, number];
  return (((q90 - q10) / 2) * Math.sqrt(3)) / (3 * 1.2815515655446004);
})();

/** What pooled `auto` estimated for one placement. */
export interface PooledGrowth {
  /** Growth rate in forecast year j (index j − 1), j = 1 … horizon. */
  rates: number[];
  /** The own trend's annual growth (log-linear), or undefined without three positive counts in its window. */
  own?: number;
  /** The reference trend's annual growth. */
  reference: number;
  /** Weight on the own deviation from the reference (0: the reference's trend, 1: the own trend). */
  weight: number;
  /** Noise variance of the series' annual log growth over noiseYears (v): sets the weight. */
  noise: number;
  /** The same over bandNoiseYears: scales the calibrated band and the simulation's sd. */
  bandNoise: number;
  /** sd of a constant growth shift matching the calibrated 3-year band (for simulation), at most POOLING.sdCap. */
  growthSd: number;
  /** The sd the noise implies before the cap. */
  impliedSd: number;
}

const log = Math.log;

/** The variance of annual log growths between consecutive census years in the `years` before the origin (v0 with fewer than two). @example noiseOver(points, 2022, 6) */
export function noiseOver(
  points: readonly HistoryPoint[],
  origin: number,
  years: number,
  v0: number = POOLING.v0,
): number {
  const growths: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as HistoryPoint;
    const b = points[i] as HistoryPoint;
    if (b.year - a.year === 1 && a.year >= origin - years && a.count > 0 && b.count > 0)
      growths.push(log(b.count) - log(a.count));
  }
  if (growths.length < 2) return v0;
  const mean = growths.reduce((x, y) => x + y, 0) / growths.length;
  return growths.reduce((x, y) => x + (y - mean) ** 2, 0) / (growths.length - 1);
}

/** The reference's annual log growth over the last `years` years to `origin` (or its last year before it). @example referenceTrend(englandSeries, 2022, 3) */
export function referenceTrend(
  reference: readonly HistoryPoint[],
  origin: number,
  years: number,
): number | undefined {
  // In year order whatever order the caller gave (a map's entries may run newest first).
  const known = reference.filter((p) => p.year <= origin && p.count > 0).sort((a, b) => a.year - b.year);
  const last = known[known.length - 1];
  if (!last) return undefined;
  const first = known.find((p) => p.year >= last.year - years);
  if (!first || first.year === last.year) return undefined;
  return (log(last.count) - log(first.count)) / (last.year - first.year);
}

/**
 * A series' own trend: the log-linear slope of its positive counts in the `years` before the origin
 * (undefined with fewer than three), and the span of years it covers.
 * @example ownTrend(points, 2022, 3).own
 */
export function ownTrend(
  points: readonly HistoryPoint[],
  origin: number,
  years: number,
): { own?: number; span: number } {
  const window = points.filter((p) => p.year >= origin - years && p.count > 0);
  if (window.length < 3) return { span: 0 };
  const n = window.length;
  const mx = window.reduce((a, p) => a + p.year, 0) / n;
  const my = window.reduce((a, p) => a + log(p.count), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of window) {
    sxy += (p.year - mx) * (log(p.count) - my);
    sxx += (p.year - mx) ** 2;
  }
  return { own: sxy / sxx, span: origin - (window[0] as HistoryPoint).year };
}

/**
 * Pooled growth of a placement from its history (points ascending; the last is the base) and a
 * reference series: log growth in forecast year j = g_ref + w · (g_own − g_ref) · 0.6^(j−1), with
 * w = τ² / (τ² + 2 · v / span) from the series' own noise v.
 * @example pooledGrowth(points, englandSeries, 5).rates[0]
 */
export function pooledGrowth(
  points: readonly HistoryPoint[],
  reference: readonly HistoryPoint[] | undefined,
  horizon: number,
): PooledGrowth {
  const base = points[points.length - 1];
  const origin = base?.year ?? 0;
  const noise = noiseOver(points, origin, POOLING.noiseYears);
  // The bands (and the simulation's sd, matched to them) scale with the noise of a shorter window.
  const bandNoise = noiseOver(points, origin, POOLING.bandNoiseYears);
  const impliedSd = SD_PER_ROOT_V * Math.sqrt(bandNoise);
  const growthSd = Math.min(impliedSd, POOLING.sdCap);
  // Nothing to grow: the rates are 0, but the reference trend is still the reference's own (shown
  // beside the series as England's trend, which a 0 would misstate).
  if (!base || base.count <= 0) {
    const shown = (base && reference && referenceTrend(reference, base.year, POOLING.referenceYears)) ?? 0;
    return {
      rates: Array(horizon).fill(0),
      reference: shown,
      weight: 0,
      noise,
      bandNoise,
      growthSd,
      impliedSd,
    };
  }
  const { own, span } = ownTrend(points, origin, POOLING.ownYears);
  // Without a reference the own trend stands alone; without either, the count stays flat.
  const ref = (reference && referenceTrend(reference, origin, POOLING.referenceYears)) ?? own ?? 0;
  const weight = own === undefined ? 0 : POOLING.tau2 / (POOLING.tau2 + (POOLING.c * noise) / span);
  const deviation = own === undefined ? 0 : own - ref;
  const rates = Array.from({ length: horizon }, (_, j) =>
    Math.expm1(ref + weight * deviation * POOLING.damping ** j),
  );
  return {
    rates,
    ...(own === undefined ? {} : { own: Math.expm1(own) }),
    reference: Math.expm1(ref),
    weight,
    noise,
    bandNoise,
    growthSd,
    impliedSd,
  };
}

/**
 * The calibrated 10–90% band of a pooled forecast h years ahead: forecast · exp(q · √(h · v)).
 * @example pooledBand(1200, 2, 0.01) // [p10, p90]
 */
export function pooledBand(forecast: number, horizon: number, noise: number): [number, number] {
  const [q10, q90] = POOLING.bands[Math.min(horizon, POOLING.bands.length) - 1] ?? [0, 0];
  const scale = Math.sqrt(horizon * noise);
  return [forecast * Math.exp(q10 * scale), forecast * Math.exp(q90 * scale)];
}

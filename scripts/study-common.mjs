// What the accuracy studies (study-pooling.mjs, study-reference-type.mjs) share: the release they
// read, the origins of the rule, and the arithmetic their mirror of packages/model/src/growth/pooling.ts
// uses (each study checks its mirror reproduces the package's auto exactly before using it).
// usage: imported by the studies; run one of them, e.g. node scripts/study-pooling.mjs [DIR]
import "./help.mjs";
import { nationalReference, readSen2Dir } from "@hnb/io";

/** The release folder (first argument not starting with --, else ../shared/data/sen2-2022), read, with England's series in year order. */
export async function loadRelease() {
  const dir =
    process.argv.slice(2).find((a) => !a.startsWith("--")) ??
    new URL("../../shared/data/sen2-2022", import.meta.url).pathname;
  const data = await readSen2Dir(dir);
  const referenceSeries = [...data.national.entries()]
    .map(([year, count]) => ({ year, count }))
    .sort((a, b) => a.year - b.year);
  return { dir, data, referenceSeries, reference: nationalReference(data) };
}

/** The first origin with three counts for an own trend, the holdout origin, and the validation origins. */
export const FIRST_ORIGIN = 2012;
export const HOLDOUT = 2019;
export const VALIDATION = [2016, 2017, 2018];

export const log = Math.log;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Quantile by linear interpolation (R type 7, as simple-statistics' quantileSorted) of a sorted array. */
export const quantile = (sorted, p) => {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
};

export const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}` : "-");

/** The reference's annual log growth over `years` to the origin (mirrors pooling.ts). */
export function referenceTrend(known, origin, years) {
  const k = known.filter((p) => p.year <= origin && p.count > 0);
  const last = k[k.length - 1];
  if (!last) return undefined;
  const first = k.find((p) => p.year >= last.year - years);
  if (!first || first.year === last.year) return undefined;
  return (log(last.count) - log(first.count)) / (last.year - first.year);
}

/** Annual log growths between consecutive census years in the `years` before the origin. */
export function growthsOver(points, origin, years) {
  const g = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (b.year - a.year === 1 && a.year >= origin - years && a.count > 0 && b.count > 0)
      g.push(log(b.count) - log(a.count));
  }
  return g;
}

/** Sample variance of the growths, or v0 with fewer than two. */
export function variance(g, v0) {
  if (g.length < 2) return v0;
  const m = g.reduce((a, b) => a + b, 0) / g.length;
  return g.reduce((a, b) => a + (b - m) ** 2, 0) / (g.length - 1);
}

/** A forecast path from a base count and a rate for each year ahead. */
export function compoundPath(base, rates) {
  let f = base;
  return rates.map((r) => {
    f *= 1 + r;
    return f;
  });
}

/** One case's scored forecasts: each outcome h years ahead against the path's h-th value, with `extra` fields. */
export function forecastRecords(c, path, extra = {}) {
  return c.outcomes.map(({ h, actual }) => {
    const forecast = path[h - 1];
    return {
      key: c.key,
      origin: c.origin,
      h,
      target: c.origin + h,
      forecast,
      actual,
      ape: Math.abs(forecast - actual) / actual,
      ...extra(forecast, actual),
    };
  });
}

/** Pooled rates for each year ahead from a reference trend, an own trend and its noise, under constants K (mirrors pooling.ts, with τ² = ∞ for the own trend alone and τ² = 0 for the reference alone). */
export function pooledRatesFrom(ref, own, noise, span, horizon, K) {
  const weight =
    own === undefined
      ? 0
      : K.tau2 === Infinity
        ? 1
        : K.tau2 === 0
          ? 0
          : K.tau2 / (K.tau2 + (K.c * noise) / span);
  const dev = own === undefined ? 0 : own - ref;
  return Array.from({ length: horizon }, (_, j) => Math.expm1(ref + weight * dev * K.damping ** j));
}

// Growth uncertainty by placement type from pooled residuals (issue #31). The log error of a type's
// forecast h years ahead, log(actual / forecast), has variance h²·a + b / n: a trend part a that
// grows with the horizon, and a level part b / n that shrinks with the base count n (a small series
// is noisy: a handful of pupils recorded elsewhere is a large share). a and b are fitted per type on
// the residuals of every authority's forecasts (scripts/study-type-growth.mjs), not capped by hand;
// `scales` (one per horizon) are set so the 10–90% bands of totals and spend cover 80% in validation (docs/accuracy.md).

/** One type's variance components: trend a (per year², log units) and level b (log units × pupils). */
export interface TypeVariance {
  a: number;
  b: number;
}

/** The band model: components by SEN2 type id, the pooled ones for any other placement, and a scale on the variance by horizon (later horizons take the last). */
export interface BandModel {
  types: Readonly<Record<string, TypeVariance>>;
  pooled: TypeVariance;
  scales: readonly number[];
}

/**
 * Variance of log(actual / forecast) for a type with base count n, h years ahead: scale_h·(h²·a + b / n)
 * (n at least 1).
 * @example typeLogVariance("special", 1000, 3, TYPE_BANDS)
 */
export function typeLogVariance(id: string, count: number, horizon: number, model: BandModel): number {
  const v = model.types[id] ?? model.pooled;
  const scale = model.scales[Math.min(horizon, model.scales.length) - 1] ?? 1;
  return scale * (horizon * horizon * v.a + v.b / Math.max(1, count));
}

/**
 * The sd of a constant annual growth shift that gives a type's 3-year log variance (what a
 * simulation draws once per path): √(V(3, n)) / 3.
 * @example typeGrowthSd("inmss", 90, TYPE_BANDS)
 */
export function typeGrowthSd(id: string, count: number, model: BandModel): number {
  return Math.sqrt(typeLogVariance(id, count, 3, model)) / 3;
}

/** A residual: a type's log error h years ahead from base count n. */
export interface TypeResidual {
  id: string;
  count: number;
  horizon: number;
  error: number;
}

/**
 * Least-squares fit of e² = h²·a + b / n on residuals, a and b kept non-negative.
 * @example fitVariance([{ id: "special", count: 100, horizon: 1, error: 0.1 }])
 */
export function fitVariance(residuals: readonly TypeResidual[]): TypeVariance {
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let sxz = 0;
  let syz = 0;
  for (const r of residuals) {
    const x = r.horizon * r.horizon;
    const y = 1 / Math.max(1, r.count);
    const z = r.error * r.error;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sxz += x * z;
    syz += y * z;
  }
  const det = sxx * syy - sxy * sxy;
  let a = det > 0 ? (sxz * syy - syz * sxy) / det : 0;
  let b = det > 0 ? (syz * sxx - sxz * sxy) / det : 0;
  // A negative component: refit the other alone.
  if (a < 0 || !Number.isFinite(a)) {
    a = 0;
    b = syy > 0 ? Math.max(0, syz / syy) : 0;
  } else if (b < 0 || !Number.isFinite(b)) {
    b = 0;
    a = sxx > 0 ? Math.max(0, sxz / sxx) : 0;
  }
  return { a, b };
}

/**
 * A band model fitted on residuals: each type's components, the pooled ones, and the given scales.
 * @example fitBandModel([{ id: "special", count: 900, horizon: 3, error: -0.2 }], [1, 1, 1])
 */
export function fitBandModel(residuals: readonly TypeResidual[], scales: readonly number[] = [1]): BandModel {
  const ids = [...new Set(residuals.map((r) => r.id))].sort();
  return {
    types: Object.fromEntries(ids.map((id) => [id, fitVariance(residuals.filter((r) => r.id === id))])),
    pooled: fitVariance(residuals),
    scales,
  };
}

/**
 * The band model in use: fitted by scripts/study-type-growth.mjs (docs/accuracy.md, step 3 with
 * amendment A2) on the log errors of type-level `auto`'s forecasts of every authority in the DfE SEN2
 * 2022 release from origins 2019–2021 (targets up to January 2022: 6,072 type forecasts), its
 * scales set so totals' and spend's 10–90% bands covered 80% there at the worse of the two.
 */
export const TYPE_BANDS: BandModel = {
  types: {
    mainstream: { a: 0.012448269133205308, b: 0.5193000363011454 },
    resourced: { a: 0.03359503135113489, b: 4.551235013269374 },
    special: { a: 0.0009080574484450802, b: 0.7796317647771018 },
    inmss: { a: 0.013600927036540974, b: 0.20773536165404974 },
    ap: { a: 0.1022352279691335, b: 1.0394864184649222 },
    post16: { a: 0.01182375746093983, b: 0.3921938002794223 },
    other: { a: 0.018855767746780154, b: 14.887239844656172 },
  },
  pooled: { a: 0.030497467382615672, b: 1.4733462775389807 },
  scales: [0.9041318837584541, 0.7897038027412473, 0.7897038027412473],
};

// Growth that knows the placement type (issue #31): each placement type of an authority pools its own
// trend towards England's trend FOR THAT TYPE, optionally shifted by the authority's own pooled lead
// over England (type within authority within England), and the authority's types may be held to its
// pooled total. The structure and constants in use are TYPE_POOLING; the study that chose them
// (scripts/study-type-growth.mjs) and its rule are in docs/accuracy.md.
import { type HistoryPoint, RECORDING_BREAK } from "./calibration.js";
import { noiseOver, ownTrend, POOLING, referenceTrend } from "./pooling.js";

/** One level's pooling constants: own trend window, reference window, noise window, τ², c, v0 and damping (as POOLING). */
export interface LevelConstants {
  ownYears: number;
  referenceYears: number;
  noiseYears: number;
  tau2: number;
  c: number;
  v0: number;
  damping: number;
}

/** The structure and constants of type-level `auto`. */
export interface TypePoolingConstants {
  /** Pooling of one placement type's own trend. */
  type: LevelConstants;
  /** Pooling of the authority's total (used by `hierarchy` and `constrain`). */
  total: LevelConstants;
  /** Each type pools towards England's trend for the same type (false: England's total, today's auto). */
  typeReference: boolean;
  /** A type's prior trend is its reference's plus the authority's pooled lead over England's total. */
  hierarchy: boolean;
  /** Each forecast year, the types are scaled to add up to the authority's pooled total. */
  constrain: boolean;
}

/** The pooled growth of one series against a prior trend (log growth per forecast year). */
export interface LevelGrowth {
  /** Log growth in forecast year j (index j − 1). */
  logRates: number[];
  /** Own log-linear trend (log growth), where there are three positive counts in the window. */
  own?: number;
  /** The prior's log growth in the first forecast year. */
  prior: number;
  weight: number;
  noise: number;
}

/**
 * Pools a series' own trend towards a prior path of log growths: year j = prior_j + w·(own − prior_1)·d^(j−1),
 * w = τ² / (τ² + c·v / span). A series with no count at its base does not grow.
 * @example poolTowards(points, [0.08, 0.08], POOLING).logRates
 */
export function poolTowards(
  points: readonly HistoryPoint[],
  prior: readonly number[],
  k: LevelConstants,
): LevelGrowth {
  const base = points[points.length - 1];
  const origin = base?.year ?? 0;
  const noise = noiseOver(points, origin, k.noiseYears, k.v0);
  const first = prior[0] ?? 0;
  if (!base || base.count <= 0) return { logRates: prior.map(() => 0), prior: first, weight: 0, noise };
  const { own, span } = ownTrend(points, origin, k.ownYears);
  // τ² = 0 with a series without noise is 0/0: the reference alone, not NaN.
  const weight = own === undefined || k.tau2 === 0 ? 0 : k.tau2 / (k.tau2 + (k.c * noise) / span);
  const lead = own === undefined ? 0 : own - first;
  return {
    logRates: prior.map((p, j) => p + weight * lead * k.damping ** j),
    ...(own === undefined ? {} : { own }),
    prior: first,
    weight,
    noise,
  };
}

/** A placement type of one authority: its history (the last point is the base) and England's series for the type. */
export interface TypeInput {
  id: string;
  points: readonly HistoryPoint[];
  /** England's series for the same type; without one the type pools towards England's total. */
  reference?: readonly HistoryPoint[] | undefined;
}

/** What type-level `auto` estimated for one authority. */
export interface AuthorityGrowth {
  /** The authority's pooled total: log growth per forecast year, own trend, weight. */
  total: LevelGrowth & { reference: number };
  types: (LevelGrowth & {
    id: string;
    reference: number;
    referenceName: "type" | "total";
    rates: number[];
  })[];
}

/**
 * Growth of every placement type of one authority (rates per forecast year, j = 1 … horizon): pooled
 * towards England's same-type trend, shifted by the authority's pooled lead where `hierarchy`, and
 * scaled each year to the authority's pooled total where `constrain`.
 * @example authorityGrowth({ types: [{ id: "special", points, reference: series }], total: history, reference: englandSeries, horizon: 3 }).types[0]?.rates
 */
export function authorityGrowth(
  input: {
    types: readonly TypeInput[];
    /** The authority's total series (the base is its last point). */
    total: readonly HistoryPoint[];
    /** England's total series. */
    reference: readonly HistoryPoint[];
    horizon: number;
  },
  k: TypePoolingConstants = TYPE_POOLING,
): AuthorityGrowth {
  const { horizon } = input;
  const totalBase = input.total[input.total.length - 1];
  const origin = totalBase?.year ?? input.types[0]?.points.at(-1)?.year ?? 0;
  const trendOf = (series: readonly HistoryPoint[] | undefined, years: number) =>
    series?.length ? referenceTrend(series, origin, years) : undefined;
  // England's type trend only where its window has no recording break (post-16 from 67 in 2015,
  // other placements' new categories in 2019): otherwise the type falls back to England's total.
  const typeTrend = (series: readonly HistoryPoint[] | undefined, years: number) =>
    series && cleanWindow(series, origin, years) ? trendOf(series, years) : undefined;
  const england = trendOf(input.reference, k.total.referenceYears) ?? 0;
  const totalPrior = Array(horizon).fill(england) as number[];
  const total = { ...poolTowards(input.total, totalPrior, k.total), reference: england };
  // The authority's pooled lead over England, year by year (0 where there is no own total trend).
  const lead = total.logRates.map((r) => r - england);
  const types = input.types.map((t) => {
    const ownRef = k.typeReference ? typeTrend(t.reference, k.type.referenceYears) : undefined;
    const reference = ownRef ?? trendOf(input.reference, k.type.referenceYears) ?? 0;
    const prior = Array.from({ length: horizon }, (_, j) => reference + (k.hierarchy ? (lead[j] ?? 0) : 0));
    const g = poolTowards(t.points, prior, k.type);
    return {
      id: t.id,
      ...g,
      reference,
      referenceName: (ownRef === undefined ? "total" : "type") as "type" | "total",
      rates: g.logRates.map(Math.expm1),
    };
  });
  if (k.constrain && totalBase && totalBase.count > 0) {
    // Paths of the types and of the pooled total; each year the types take the total's level.
    const bases = input.types.map((t) => Math.max(0, t.points.at(-1)?.count ?? 0));
    const sumBase = bases.reduce((a, b) => a + b, 0);
    if (sumBase > 0) {
      let totalPath = sumBase;
      const paths = bases.slice();
      const before = bases.slice();
      for (let j = 0; j < horizon; j++) {
        totalPath *= Math.exp(total.logRates[j] ?? 0);
        types.forEach((t, i) => {
          paths[i] = (paths[i] as number) * Math.exp(t.logRates[j] ?? 0);
        });
        const scale = totalPath / paths.reduce((a, b) => a + b, 0);
        types.forEach((t, i) => {
          paths[i] = (paths[i] as number) * scale;
          const prev = before[i] as number;
          const r = prev > 0 ? (paths[i] as number) / prev - 1 : 0;
          t.rates[j] = r;
          t.logRates[j] = prev > 0 ? Math.log1p(r) : 0;
          before[i] = paths[i] as number;
        });
      }
    }
  }
  return { total, types };
}

/**
 * Whether a reference series has a positive count in every year of the `years` to the origin and no
 * recording break between them (a change of RECORDING_BREAK.ratio or more in a year).
 * @example cleanWindow(series, 2018, 3) // false for England's post-16: 67 → 11,772 in 2015–2016
 */
export function cleanWindow(series: readonly HistoryPoint[], origin: number, years: number): boolean {
  const by = new Map(series.map((p) => [p.year, p.count]));
  for (let y = origin - years; y <= origin; y++) {
    const v = by.get(y) ?? 0;
    if (v <= 0) return false;
    const prev = by.get(y - 1);
    if (y > origin - years && prev !== undefined) {
      const ratio = v / prev;
      if (ratio >= RECORDING_BREAK.ratio || ratio <= 1 / RECORDING_BREAK.ratio) return false;
    }
  }
  return true;
}

/** One level's constants picked out of a wider set (POOLING, a study's grid point), nothing else carried. @example levelConstants({ ...POOLING, tau2: 0 }).tau2 === 0 */
export function levelConstants(k: LevelConstants): LevelConstants {
  return {
    ownYears: k.ownYears,
    referenceYears: k.referenceYears,
    noiseYears: k.noiseYears,
    tau2: k.tau2,
    c: k.c,
    v0: k.v0,
    damping: k.damping,
  };
}

/** The constants of POOLING as one level's constants. */
export const PLACEMENT_LEVEL: LevelConstants = levelConstants(POOLING);

/**
 * Type-level `auto` as chosen by the rule of docs/accuracy.md (candidate `type+hierarchy`): each
 * type pooled towards England's same-type trend plus the authority's pooled lead over England's
 * total, POOLING's constants at both levels (the authority-total τ² chosen from four on targets up
 * to January 2022 was POOLING's), no total constraint (it failed the origin-2019 check).
 */
export const TYPE_POOLING: TypePoolingConstants = {
  type: PLACEMENT_LEVEL,
  total: PLACEMENT_LEVEL,
  typeReference: true,
  hierarchy: true,
  constrain: false,
};

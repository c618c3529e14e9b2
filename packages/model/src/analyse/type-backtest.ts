// Scoring where the money is (issue #31): one authority's forecast of every placement type from one
// origin, scored on its total, its placement spend (Σ type count × national unit cost) and its type
// mix (the cost-weighted absolute error across types), against the naive methods applied to the same
// series. The rule, the unit costs and the figures are in docs/accuracy.md.
import { medianSorted } from "simple-statistics";
import { Z80 } from "../growth/auto-growth.js";
import {
  estimateGrowth,
  type HistoryPoint,
  type MethodSpec,
  methodName,
  NAIVE_METHODS,
  NotEnoughHistory,
  REFERENCE_TREND,
} from "../growth/calibration.js";
import { pooledBand, pooledGrowth } from "../growth/pooling.js";
import {
  authorityGrowth,
  cleanWindow,
  TYPE_POOLING,
  type TypePoolingConstants,
} from "../growth/type-growth.js";
import { type BandModel, TYPE_BANDS, typeLogVariance } from "../growth/type-uncertainty.js";

/**
 * National cost per EHCP a year by SEN2 placement type (place funding plus top-up), the weights of
 * placement spend. From ../shared/domain.md: maintained special schools and academies £26k
 * (2023/24), independent and non-maintained special schools £64k (2024/25), mainstream £8,662 (the
 * one published average top-up, Lincolnshire 2022/23), resourced provision and post-16 £6,000 place
 * funding plus that top-up; alternative provision is given special schools' £26k (domain.md has no
 * AP figure); other placements (early years, NEET, educated elsewhere, awaiting provision, unknown)
 * £0, as the HNB pays no place or fee for most of them.
 */
export const NATIONAL_UNIT_COSTS: Readonly<Record<string, number>> = {
  mainstream: 8_662,
  resourced: 6_000 + 8_662,
  special: 26_000,
  inmss: 64_000,
  ap: 26_000,
  post16: 6_000 + 8_662,
  other: 0,
};

/** One authority's series: its total and each placement type, history and outcomes together. */
export interface AuthoritySeries {
  key: string;
  total: readonly HistoryPoint[];
  types: readonly { id: string; points: readonly HistoryPoint[] }[];
  /** Census years whose placement is unknown for too many plans to score the types (their total still counts). */
  unscoredTypeYears?: readonly number[];
}

/** What an authority-level backtest is scored against and with. */
export interface TypeBacktestOptions {
  origin: number;
  horizons?: readonly number[];
  /** England's total series and its series by placement type (read up to the origin only). */
  england: readonly HistoryPoint[];
  englandTypes: Readonly<Record<string, readonly HistoryPoint[]>>;
  unitCosts?: Readonly<Record<string, number>>;
  constants?: TypePoolingConstants;
  bands?: BandModel;
}

/** The measure a record scores. */
export type TypeMeasure = "total" | "spend" | "mix";

/** One method's forecast of one authority's measure h years ahead. */
export interface TypeBacktestRecord {
  series: string;
  method: string;
  measure: TypeMeasure;
  origin: number;
  horizon: number;
  forecast: number;
  actual: number;
  /** APE for total and spend; Σ c·|f − a| / Σ c·a for mix. */
  error: number;
  p10?: number;
  p90?: number;
}

/** Methods of the authority-level backtest: type-level auto, today's auto, the naive methods and England's trends. */
export const TYPE_METHODS = [
  "auto",
  "auto-2022",
  ...NAIVE_METHODS.map(methodName),
  methodName(REFERENCE_TREND),
  "reference-type-3",
  "reference-type-5",
] as const;

const at = (points: readonly HistoryPoint[], year: number) => points.find((p) => p.year === year)?.count;
const upTo = (points: readonly HistoryPoint[], year: number) => points.filter((p) => p.year <= year);

/** A constant-rate path for `horizon` years from a base. */
function pathOf(base: number, rates: readonly number[], horizon: number): number[] {
  const out: number[] = [];
  let f = base;
  for (let j = 0; j < horizon; j++) {
    f *= 1 + (rates[j] ?? rates[rates.length - 1] ?? 0);
    out.push(f);
  }
  return out;
}

/** England's same-type CAGR over `years` to the origin, where its window is clean (cleanWindow). */
function typeTrend(series: readonly HistoryPoint[] | undefined, origin: number, years: number) {
  if (!series || !cleanWindow(series, origin, years)) return undefined;
  return ((at(series, origin) as number) / (at(series, origin - years) as number)) ** (1 / years) - 1;
}

/** A single-series method's rates (constant), or undefined where its history is too short. */
function naiveRates(
  points: readonly HistoryPoint[],
  spec: MethodSpec,
  reference: number | undefined,
  horizon: number,
): number[] | undefined {
  try {
    return Array(horizon).fill(estimateGrowth(points, spec, reference));
  } catch (e) {
    if (e instanceof NotEnoughHistory) return undefined;
    throw e;
  }
}

/**
 * Every method's forecast of every authority from one origin, scored on totals, spend and mix, with
 * auto's 10–90% bands. Types are scored only where every type is known at the origin and the target
 * (and the target is not an unscored year); totals wherever the total is known at both.
 * @example typeBacktest([{ key: "Bristol", total: series, types: [{ id: "special", points }] }], { origin: 2022, england: englandSeries, englandTypes: {} })
 */
export function typeBacktest(
  authorities: readonly AuthoritySeries[],
  options: TypeBacktestOptions,
): TypeBacktestRecord[] {
  const horizons = options.horizons ?? [1, 2, 3];
  const horizon = Math.max(...horizons);
  const origin = options.origin;
  const costs = options.unitCosts ?? NATIONAL_UNIT_COSTS;
  const k = options.constants ?? TYPE_POOLING;
  const bands = options.bands ?? TYPE_BANDS;
  const england = upTo(options.england, origin);
  const englandTypes = Object.fromEntries(
    Object.entries(options.englandTypes).map(([id, s]) => [id, upTo(s, origin)]),
  );
  const englandRate = (years: number) => {
    const now = at(england, origin);
    const then = at(england, origin - years);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / years) - 1 : undefined;
  };
  const out: TypeBacktestRecord[] = [];
  for (const a of authorities) {
    const total = upTo(a.total, origin);
    const totalBase = at(a.total, origin);
    const types = a.types.map((t) => ({ id: t.id, fitted: upTo(t.points, origin), all: t.points }));
    const typesKnown = types.length > 0 && types.every((t) => at(t.all, origin) !== undefined);
    const cost = (id: string) => costs[id] ?? 0;
    // Each method's path for every type (undefined where a type cannot be forecast by it) and for the total.
    const typePaths = new Map<string, number[][] | undefined>();
    const totalPaths = new Map<string, number[] | undefined>();
    // 10–90% bands by method: of the total and of spend, given the forecast and the horizon.
    type Band = (forecast: number, h: number) => [number, number];
    const totalBand = new Map<string, Band>();
    const spendBand = new Map<string, Band>();
    const lognormal =
      (variance: (h: number) => number): Band =>
      (f, h) => {
        const sd = Math.sqrt(variance(h));
        return [f * Math.exp(-Z80 * sd), f * Math.exp(Z80 * sd)];
      };
    const perType = (rates: (t: (typeof types)[number]) => number[] | undefined) => {
      const paths: number[][] = [];
      for (const t of types) {
        const r = rates(t);
        if (!r) return undefined;
        paths.push(pathOf(at(t.all, origin) as number, r, horizon));
      }
      return paths;
    };
    const sumOf = (paths: number[][] | undefined) =>
      paths
        ? Array.from({ length: horizon }, (_, j) => paths.reduce((s, p) => s + (p[j] as number), 0))
        : undefined;
    if (typesKnown) {
      const g = authorityGrowth(
        {
          types: types.map((t) => ({ id: t.id, points: t.fitted, reference: englandTypes[t.id] })),
          total,
          reference: england,
          horizon,
        },
        k,
      );
      const autoPaths = g.types.map((t, i) =>
        pathOf(at(types[i]?.all ?? [], origin) as number, t.rates, horizon),
      );
      typePaths.set("auto", autoPaths);
      totalPaths.set("auto", sumOf(autoPaths));
      // Each type's log variance h years ahead, aggregated by the delta method (types independent, as a simulation draws them).
      const aggregate =
        (paths: number[][], weight: (id: string) => number, variance: (i: number, h: number) => number) =>
        (h: number) => {
          const parts = paths.map((p, i) => (p[h - 1] as number) * weight(types[i]?.id ?? ""));
          const sum = parts.reduce((x, y) => x + y, 0);
          return sum > 0 ? parts.reduce((v, x, i) => v + (x / sum) ** 2 * variance(i, h), 0) : 0;
        };
      const typeVariance = (i: number, h: number) => {
        const t = types[i] as (typeof types)[number];
        return typeLogVariance(t.id, at(t.all, origin) as number, h, bands);
      };
      totalBand.set("auto", lognormal(aggregate(autoPaths, () => 1, typeVariance)));
      spendBand.set("auto", lognormal(aggregate(autoPaths, cost, typeVariance)));
      // Today's simulation: a constant growth shift per type, sd from its own noise, capped at POOLING.sdCap.
      const today = types.map((t) => pooledGrowth(t.fitted, england, horizon));
      const todayPaths = perType((t) => today[types.indexOf(t)]?.rates) as number[][];
      typePaths.set("auto-2022", todayPaths);
      spendBand.set(
        "auto-2022",
        lognormal(aggregate(todayPaths, cost, (i, h) => (h * (today[i]?.growthSd ?? 0)) ** 2)),
      );
      for (const spec of [...NAIVE_METHODS, REFERENCE_TREND])
        typePaths.set(
          methodName(spec),
          perType((t) => naiveRates(t.fitted, spec, englandRate(spec.years), horizon)),
        );
      for (const years of [3, 5])
        typePaths.set(
          `reference-type-${years}`,
          perType((t) => {
            const r = typeTrend(englandTypes[t.id], origin, years) ?? englandRate(years);
            return r === undefined ? undefined : Array(horizon).fill(r);
          }),
        );
      for (const [m, p] of typePaths) if (m !== "auto") totalPaths.set(m, sumOf(p));
    }
    // Totals of the single-series methods are forecast on the total series itself, as `hnb backtest --level total`.
    if (totalBase !== undefined && totalBase > 0) {
      const today = pooledGrowth(total, england, horizon);
      totalPaths.set("auto-2022", pathOf(totalBase, today.rates, horizon));
      totalBand.set("auto-2022", (f, h) => pooledBand(f, h, today.bandNoise));
      for (const spec of [...NAIVE_METHODS, REFERENCE_TREND]) {
        const r = naiveRates(total, spec, englandRate(spec.years), horizon);
        totalPaths.set(methodName(spec), r ? pathOf(totalBase, r, horizon) : undefined);
      }
      // Bottom-up totals need every type; without them auto's total is the pooled total alone.
      if (!totalPaths.get("auto")) {
        const g = authorityGrowth({ types: [], total, reference: england, horizon }, k);
        totalPaths.set("auto", pathOf(totalBase, g.total.logRates.map(Math.expm1), horizon));
      }
    }
    for (const h of horizons) {
      const target = origin + h;
      const actualTotal = at(a.total, target);
      if (totalBase !== undefined && totalBase > 0 && actualTotal !== undefined && actualTotal > 0)
        for (const [method, path] of totalPaths) {
          if (!path) continue;
          const forecast = path[h - 1] as number;
          const r: TypeBacktestRecord = {
            series: a.key,
            method,
            measure: "total",
            origin,
            horizon: h,
            forecast,
            actual: actualTotal,
            error: Math.abs(forecast - actualTotal) / actualTotal,
          };
          const band = totalBand.get(method);
          if (band) [r.p10, r.p90] = band(forecast, h);
          out.push(r);
        }
      const actuals = types.map((t) => at(t.all, target));
      if (!typesKnown || actuals.some((x) => x === undefined) || a.unscoredTypeYears?.includes(target))
        continue;
      const actualSpend = types.reduce((s, t, i) => s + cost(t.id) * (actuals[i] as number), 0);
      if (actualSpend <= 0) continue;
      for (const [method, paths] of typePaths) {
        if (!paths) continue;
        const f = paths.map((p) => p[h - 1] as number);
        const spend = types.reduce((s, t, i) => s + cost(t.id) * (f[i] as number), 0);
        const mixError =
          types.reduce((s, t, i) => s + cost(t.id) * Math.abs((f[i] as number) - (actuals[i] as number)), 0) /
          actualSpend;
        const r: TypeBacktestRecord = {
          series: a.key,
          method,
          measure: "spend",
          origin,
          horizon: h,
          forecast: spend,
          actual: actualSpend,
          error: Math.abs(spend - actualSpend) / actualSpend,
        };
        const band = spendBand.get(method);
        if (band) [r.p10, r.p90] = band(spend, h);
        out.push(r, {
          series: a.key,
          method,
          measure: "mix",
          origin,
          horizon: h,
          forecast: spend,
          actual: actualSpend,
          error: mixError,
        });
      }
    }
  }
  return out;
}

/** One method's error on one measure at one horizon, on the forecasts every method made. */
export interface TypeBacktestSummary {
  method: string;
  measure: TypeMeasure;
  horizon: number;
  n: number;
  medianError: number;
  /** For auto: the share of outcomes inside its 10–90% band, and the median band width relative to the forecast. */
  coverage?: number;
  medianWidth?: number;
}

/**
 * Median error per method, measure and horizon, each measure compared on the forecasts every method
 * that forecasts it made (same authority and horizon), with auto's coverage and band width.
 * @example summariseTypes(typeBacktest([], { origin: 2022, england: englandSeries, englandTypes: {} }))
 */
export function summariseTypes(records: readonly TypeBacktestRecord[]): TypeBacktestSummary[] {
  // A method with no forecast at all of a measure (CAGR-5 of post-16 from 2019: no 2014 count) is
  // left out of that measure's comparison rather than emptying it; the others meet on common ground.
  const methods = new Map<string, Set<string>>();
  for (const r of records) {
    const m = methods.get(r.measure) ?? new Set<string>();
    m.add(r.method);
    methods.set(r.measure, m);
  }
  const key = (r: TypeBacktestRecord) => `${r.measure}\u0000${r.series}\u0000${r.horizon}`;
  const count = new Map<string, number>();
  for (const r of records) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
  const groups = new Map<string, TypeBacktestRecord[]>();
  for (const r of records) {
    if (count.get(key(r)) !== methods.get(r.measure)?.size) continue;
    const g = `${r.method}\u0000${r.measure}\u0000${r.horizon}`;
    const list = groups.get(g);
    if (list) list.push(r);
    else groups.set(g, [r]);
  }
  const out: TypeBacktestSummary[] = [];
  for (const g of groups.values()) {
    const first = g[0] as TypeBacktestRecord;
    const s: TypeBacktestSummary = {
      method: first.method,
      measure: first.measure,
      horizon: first.horizon,
      n: g.length,
      medianError: medianSorted(g.map((r) => r.error).sort((a, b) => a - b)),
    };
    const banded = g.filter((r) => r.p10 !== undefined && r.p90 !== undefined);
    if (banded.length) {
      s.coverage =
        banded.filter((r) => r.actual >= (r.p10 as number) && r.actual <= (r.p90 as number)).length /
        banded.length;
      s.medianWidth = medianSorted(
        banded.map((r) => ((r.p90 as number) - (r.p10 as number)) / r.forecast).sort((a, b) => a - b),
      );
    }
    out.push(s);
  }
  const order = TYPE_METHODS as readonly string[];
  const measures: TypeMeasure[] = ["total", "spend", "mix"];
  return out.sort(
    (a, b) =>
      measures.indexOf(a.measure) - measures.indexOf(b.measure) ||
      order.indexOf(a.method) - order.indexOf(b.method) ||
      a.horizon - b.horizon,
  );
}

/** One target of issue #31, judged on a summary. */
export interface TypeTarget {
  target: string;
  /** auto's figure and the figure it is judged against (a bound or another method's). */
  value: number;
  /** The other method's figure or the bound (undefined for a range). */
  against?: number;
  /** What it is judged against, in words. */
  versus: string;
  pass: boolean;
}

/** The single-series naive methods of the total targets. */
const TOTAL_NAIVE = NAIVE_METHODS.map(methodName);
/** The naive methods of the spend and mix targets: the single-series ones, England's total and same-type trends. */
const SPEND_NAIVE = [...TOTAL_NAIVE, methodName(REFERENCE_TREND), "reference-type-3", "reference-type-5"];

/**
 * Issue #31's targets on a summary: totals below `reference-5` and every single-series naive method
 * at each horizon (and ≤ 6.5% at 3 years), spend and mix at 3 years at least 2 points below the best
 * naive method, coverage of totals and spend within 72–88%, spend's 3-year band narrower than today's.
 * @example typeTargets(summariseTypes([])).filter((t) => !t.pass)
 */
export function typeTargets(summary: readonly TypeBacktestSummary[]): TypeTarget[] {
  const get = (method: string, measure: TypeMeasure, h: number) =>
    summary.find((s) => s.method === method && s.measure === measure && s.horizon === h);
  const out: TypeTarget[] = [];
  const best = (methods: readonly string[], measure: TypeMeasure, h: number) =>
    methods
      .map((m) => ({ m, e: get(m, measure, h)?.medianError }))
      .filter((x): x is { m: string; e: number } => x.e !== undefined)
      .sort((a, b) => a.e - b.e)[0];
  for (const h of [1, 2, 3]) {
    const auto = get("auto", "total", h)?.medianError;
    const ref = get(methodName(REFERENCE_TREND), "total", h)?.medianError;
    if (auto !== undefined && ref !== undefined)
      out.push({
        target: `total ${h} yr below England's 5-year trend`,
        value: auto,
        against: ref,
        versus: "reference-5",
        pass: auto < ref,
      });
    const naive = best(TOTAL_NAIVE, "total", h);
    if (auto !== undefined && naive)
      out.push({
        target: `total ${h} yr below every single-series naive`,
        value: auto,
        against: naive.e,
        versus: naive.m,
        pass: auto < naive.e,
      });
  }
  const auto3 = get("auto", "total", 3)?.medianError;
  if (auto3 !== undefined)
    out.push({
      target: "total 3 yr moonshot ≤ 6.5%",
      value: auto3,
      against: 0.065,
      versus: "6.5%",
      pass: auto3 <= 0.065,
    });
  for (const measure of ["spend", "mix"] as const) {
    const auto = get("auto", measure, 3)?.medianError;
    const naive = best(SPEND_NAIVE, measure, 3);
    if (auto !== undefined && naive)
      out.push({
        target: `${measure} 3 yr at least 2 points below the best naive`,
        value: auto,
        against: naive.e - 0.02,
        versus: `${naive.m} ${(100 * naive.e).toFixed(1)}% − 2 points`,
        pass: auto <= naive.e - 0.02 + 1e-12,
      });
  }
  for (const measure of ["total", "spend"] as const)
    for (const h of [1, 2, 3]) {
      const c = get("auto", measure, h)?.coverage;
      if (c !== undefined)
        out.push({
          target: `${measure} ${h} yr 10–90% coverage in 72–88%`,
          value: c,
          versus: "72–88%",
          pass: c >= 0.72 && c <= 0.88,
        });
    }
  const width = get("auto", "spend", 3)?.medianWidth;
  const today = get("auto-2022", "spend", 3)?.medianWidth;
  if (width !== undefined && today !== undefined)
    out.push({
      target: "spend 3 yr median 10–90 width narrower than today's",
      value: width,
      against: today,
      versus: "auto-2022",
      pass: width < today,
    });
  return out;
}

import { linearRegression } from "simple-statistics";

// Growth estimated from history. Every method reads (census year, count) points in ascending
// order, so a missing year shortens the evidence rather than being read as a zero.

/** The growth methods, each a rule a finance team could apply by hand. */
export const GROWTH_METHODS = [
  "flat",
  "last",
  "cagr",
  "ols",
  "loglinear",
  "weighted",
  "pooled",
  "reference",
] as const;
export type GrowthMethod = (typeof GROWTH_METHODS)[number];

/** A method with its window: `years` is the span of history it reads (CAGR-3 reads 3 years). */
export interface MethodSpec {
  method: GrowthMethod;
  years: number;
}

/** Default windows: CAGR over 3 years, trends over 5, weighted recent growth over the last 3 steps. */
export const DEFAULT_YEARS: Record<GrowthMethod, number> = {
  flat: 0,
  last: 1,
  cagr: 3,
  ols: 5,
  loglinear: 5,
  weighted: 3,
  pooled: 3,
  reference: 5,
};

/** The weight a pooled estimate gives the placement's own CAGR; the rest goes to the reference trend. */
export const POOLED_OWN_WEIGHT = 0.5;

/** A year-on-year change this large, on counts of at least RECORDING_BREAK.minCount, is taken for a recording break. */
export const RECORDING_BREAK = { ratio: 2, minCount: 10 } as const;

/** One census year's count. */
export interface HistoryPoint {
  year: number;
  count: number;
}

/** Thrown when a method needs more history than there is; the message says how much. */
export class NotEnoughHistory extends Error {
  override name = "NotEnoughHistory";
}

/** A method's name as users write it and reports show it: "cagr-3", "last", "auto". @example methodName({ method: "cagr", years: 3 }) === "cagr-3" */
export function methodName(spec: MethodSpec): string {
  return spec.method === "flat" || spec.method === "last" ? spec.method : `${spec.method}-${spec.years}`;
}

/** What a method needs: census years of history, and how far back they must reach. */
export interface Requirement {
  points: number;
  /** Years between the first and the last census read (CAGR-3 reaches 3 years back). */
  span: number;
}

/** What a method needs of a history. @example requirement({ method: "cagr", years: 3 }) // { points: 2, span: 3 } */
export function requirement(spec: MethodSpec): Requirement {
  switch (spec.method) {
    case "flat":
    case "reference":
      return { points: 1, span: 0 };
    case "last":
      return { points: 2, span: 1 };
    case "ols":
    case "loglinear":
      return { points: 3, span: 2 };
    case "weighted":
      return { points: spec.years + 1, span: spec.years };
    case "cagr":
    case "pooled":
      return { points: 2, span: spec.years };
  }
}

/** Whether a history meets a method's requirement, or why not. */
function check(points: readonly HistoryPoint[], spec: MethodSpec): void {
  const need = requirement(spec);
  const first = points[0];
  const last = points[points.length - 1];
  const span = first && last ? last.year - first.year : 0;
  if (points.length >= need.points && span >= need.span) return;
  const have =
    first && last
      ? span
        ? `${points.length} census years (${first.year}–${last.year})`
        : `1 census year (${last.year})`
      : "none";
  const back =
    need.span && last
      ? ` reaching ${need.span} year${need.span > 1 ? "s" : ""} back (to ${last.year - need.span})`
      : "";
  throw new NotEnoughHistory(
    `${methodName(spec)} needs at least ${need.points} census years of history${back}, found ${have}`,
  );
}

/**
 * The annual growth rate a method estimates from history (points ascending by year; the last one is
 * the base). `reference` is the trend a pooled estimate borrows strength from.
 * @example estimateGrowth([{ year: 2021, count: 100 }, { year: 2022, count: 110 }], { method: "last", years: 1 }) // 0.1
 */
export function estimateGrowth(
  points: readonly HistoryPoint[],
  spec: MethodSpec,
  reference?: number,
): number {
  check(points, spec);
  const last = points[points.length - 1] as HistoryPoint;
  // Nothing to grow: a type with no placements stays empty whatever the method says.
  if (last.count <= 0) return 0;
  const since = (years: number) => points.filter((p) => p.year >= last.year - years);
  switch (spec.method) {
    case "flat":
      return 0;
    case "last": {
      const prev = points[points.length - 2] as HistoryPoint;
      return annualised(prev, last);
    }
    case "cagr": {
      const window = since(spec.years);
      return annualised(window[0] as HistoryPoint, last);
    }
    case "ols": {
      const window = since(spec.years);
      if (window.length < 3)
        throw new NotEnoughHistory(
          `${methodName(spec)} needs 3 census years in its window, found ${window.length}`,
        );
      const { slope, intercept } = fit(window.map((p) => [p.year, p.count]));
      const fitted = intercept + slope * last.year;
      // The trend's slope as a share of where the trend line ends: growth in the next year.
      return fitted > 0 ? slope / fitted : 0;
    }
    case "loglinear": {
      const window = since(spec.years).filter((p) => p.count > 0);
      if (window.length < 3)
        throw new NotEnoughHistory(
          `${methodName(spec)} needs 3 census years with counts above zero, found ${window.length}`,
        );
      return Math.expm1(fit(window.map((p) => [p.year, Math.log(p.count)])).slope);
    }
    case "weighted": {
      const tail = points.slice(-(spec.years + 1));
      let sum = 0;
      let weights = 0;
      for (let i = 1; i < tail.length; i++) {
        sum += i * annualised(tail[i - 1] as HistoryPoint, tail[i] as HistoryPoint);
        weights += i;
      }
      return sum / weights;
    }
    case "pooled": {
      const own = annualised(since(spec.years)[0] as HistoryPoint, last);
      return reference === undefined ? own : POOLED_OWN_WEIGHT * own + (1 - POOLED_OWN_WEIGHT) * reference;
    }
    case "reference":
      if (reference === undefined)
        throw new NotEnoughHistory(
          `${methodName(spec)} needs a reference series reaching ${spec.years} years back (the scenario's \`reference\`, or history for every placement)`,
        );
      return reference;
  }
}

function annualised(from: HistoryPoint, to: HistoryPoint): number {
  const years = to.year - from.year;
  if (years <= 0 || from.count <= 0) return 0;
  return (to.count / from.count) ** (1 / years) - 1;
}

function fit(xy: readonly (readonly [number, number])[]): { slope: number; intercept: number } {
  const { m, b } = linearRegression(xy.map(([x, y]) => [x, y]));
  return { slope: m, intercept: b };
}

/** Counts a constant growth rate produces h years after the last point. @example projectFrom(100, 0.1, 2) // ≈ 121 */
export function projectFrom(count: number, rate: number, horizon: number): number {
  return count * (1 + rate) ** horizon;
}

/** The reference population's trend applied to the series' own base: the baseline pooled `auto` must not lose to. */
export const REFERENCE_TREND: MethodSpec = { method: "reference", years: 5 };

/** The naive methods the issue asks `auto` to beat: flat, last year, CAGR-3, CAGR-5, linear trend. */
export const NAIVE_METHODS: readonly MethodSpec[] = [
  { method: "flat", years: 0 },
  { method: "last", years: 1 },
  { method: "cagr", years: 3 },
  { method: "cagr", years: 5 },
  { method: "ols", years: 5 },
];

/** The methods `auto` weighs by rolling-origin backtest on the placement's own history (flat is the baseline it is judged against, not a candidate). */
export const AUTO_CANDIDATES: readonly MethodSpec[] = [
  ...NAIVE_METHODS.filter((m) => m.method !== "flat"),
  { method: "loglinear", years: 5 },
  { method: "weighted", years: 3 },
  { method: "pooled", years: 3 },
];

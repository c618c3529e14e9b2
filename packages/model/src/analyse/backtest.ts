// Rolling-origin backtests: for each origin year, fit on history up to it, forecast 1–3 years
// ahead, and score against what happened. `auto` is itself backtested honestly: at each origin it
// chooses its method from the history before that origin only.
import { medianSorted } from "simple-statistics";
import { autoGrowth, Z80 } from "../growth/auto-growth.js";
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

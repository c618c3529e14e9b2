// Uncertainty: growth, unit-cost inflation and lever delivery drawn per path from their
// distributions; both forecasts are projected with the same draws, and only the per-path figures
// reported are kept (typed arrays), so memory grows with paths × figures, nothing else.
import type { HistoryPoint } from "./calibration.js";
import { type Compiled, compiledOf } from "./compile.js";
import { type GrowthRecord, historyPoints, referenceOf, resolveGrowths } from "./growth.js";
import type { LeverModel } from "./mitigation.js";
import type { Model } from "./model.js";
import { pooledGrowth } from "./pooling.js";
import { allLevers, type Draw, inflatedUnitCost, inflationRates, NO_LEVERS, project } from "./projection.js";
import { quantileOf, uniforms } from "./random.js";
import type { Distribution, Scenario } from "./schema.js";
import { quantilesSelect } from "./select.js";

/** One uncertain assumption of a scenario and the distribution it is drawn from. */
export interface Assumption {
  kind: "growth" | "costInflation" | "delivery";
  /** Placement id (growth), lever id (delivery), or "all" (cost inflation). */
  id: string;
  label: string;
  distribution: Distribution;
  /** "auto" when the distribution comes from backtest errors of the history. */
  origin: "auto" | "given";
}

/**
 * The uncertain assumptions of a scenario, with `auto` growth resolved to a normal distribution
 * whose sd comes from the placement's own backtest errors (shrunk towards the pooled prior).
 * Placements with no placements at the base year carry no growth uncertainty (nothing to grow).
 * @example assumptions(scenario).list.map((a) => a.label)
 */
export function assumptions(
  s: Scenario,
  records: readonly GrowthRecord[] = resolveGrowths(s).records,
): {
  list: Assumption[];
  problems: { path: (string | number)[]; message: string }[];
} {
  const u = s.uncertainty;
  const list: Assumption[] = [];
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (!u) return { list, problems };
  const byId = new Map(records.map((r) => [r.id, r]));
  let reference: HistoryPoint[] | undefined;
  s.placements.forEach((p) => {
    const own = u.placements?.[p.id]?.growth;
    const g = own ?? u.growth;
    if (g === undefined || p.count <= 0) return;
    const path =
      own !== undefined ? ["uncertainty", "placements", p.id, "growth"] : ["uncertainty", "growth"];
    if (g !== "auto") {
      list.push({ kind: "growth", id: p.id, label: `Growth: ${p.label}`, distribution: g, origin: "given" });
      return;
    }
    let sd = byId.get(p.id)?.growthSd;
    if (sd === undefined) {
      const points = historyPoints(p, s.baseYear);
      // Noise is measured on annual growths; without two of them the sd would be the prior's, not the placement's.
      if (points.length < 3) {
        problems.push({
          path,
          message: `"auto" for placement "${p.id}" needs at least 3 census years of history to measure its noise, found ${points.length}; give its history or a distribution`,
        });
        return;
      }
      reference ??= referenceOf(s).series;
      sd = pooledGrowth(points, reference, s.horizon).growthSd;
    }
    list.push({
      kind: "growth",
      id: p.id,
      label: `Growth: ${p.label}`,
      distribution: { distribution: "normal", mean: 0, sd },
      origin: "auto",
    });
  });
  if (u.costInflation)
    list.push({
      kind: "costInflation",
      id: "all",
      label: "Unit-cost inflation",
      distribution: u.costInflation,
      origin: "given",
    });
  for (const m of s.mitigations) {
    // Staffing and transfer levers are not scaled by confidence: there is no delivery to draw.
    if (m.type === "staffing" || m.type === "transfer") continue;
    const d = u.levers?.[m.id] ?? u.delivery;
    if (d)
      list.push({
        kind: "delivery",
        id: m.id,
        label: `Delivery: ${m.label ?? m.id}`,
        distribution: d,
        origin: "given",
      });
  }
  return { list, problems };
}

/** Where each assumption's draw goes: a placement's growth, all unit costs, or a lever's confidence (index). */
type Target =
  | { kind: "growth"; index: number }
  | { kind: "costInflation" }
  | { kind: "delivery"; index: number };

// Resolved once per simulation, so a path's draw is applied without searching by id.
function targetsOf(base: Model, list: readonly Assumption[]): Target[] {
  return list.map((a): Target => {
    if (a.kind === "costInflation") return { kind: "costInflation" };
    if (a.kind === "growth")
      return { kind: "growth", index: base.placements.findIndex((p) => p.id === a.id) };
    return { kind: "delivery", index: base.levers.findIndex((l) => l.id === a.id) };
  });
}

/** The lever confidences and the growth and inflation shifts of one draw of every assumption (values in assumption order). */
function drawOf(
  base: Model,
  targets: readonly Target[],
  values: ArrayLike<number>,
  rates?: readonly Float64Array[],
): { draw: Draw; confidence: Float64Array } {
  const growth = new Float64Array(base.placements.length);
  let inflation = 0;
  const confidence = new Float64Array(base.levers.length);
  for (let i = 0; i < confidence.length; i++) confidence[i] = (base.levers[i] as LeverModel).confidence;
  for (let j = 0; j < targets.length; j++) {
    const t = targets[j] as Target;
    const v = values[j] ?? 0;
    if (t.kind === "growth") {
      if (t.index >= 0) growth[t.index] = v;
    } else if (t.kind === "costInflation") inflation = v;
    else if (t.index >= 0) confidence[t.index] = Math.min(1, Math.max(0, (confidence[t.index] ?? 1) * v));
  }
  // Both forecasts of a path share its unit costs: worked out once, from the rates worked out once.
  const unitCosts =
    inflation !== 0 && rates
      ? base.placements.map((p, pi) => inflatedUnitCost(p.unitCost, inflation, rates[pi]))
      : undefined;
  return { draw: { growth, inflation, ...(unitCosts ? { unitCosts } : {}) }, confidence };
}

/** Percentiles of one figure across paths. */
export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** The bands `--paths` adds to the output: counts by placement and census year, balances by FY, both forecasts. */
export interface UncertaintyResult {
  paths: number;
  seed: number;
  assumptions: Assumption[];
  placements: ({ id: string; forecast: "unmitigated" | "mitigated"; census: number } & Band)[];
  ledger: ({ fy: string; forecast: "unmitigated" | "mitigated"; measure: "inYear" | "cumulative" } & Band)[];
}

/** Options of a simulation: paths, seed and an optional progress callback. */
export interface SimulateOptions {
  paths?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The most memory a simulation may keep for its per-path figures: 2 GiB. */
export const SIMULATION_MEMORY_BUDGET = 2 * 1024 ** 3;

/**
 * The bytes a simulation keeps: one double per path for each placement's count and each balance
 * (in-year and cumulative), every year, both forecasts. Checked before simulating, so a run that
 * would exhaust memory is refused up front.
 * @example simulationBytes(scenario, 2000) // 8 · 2000 · 2 · 7 · (13 + 2) for the default scenario
 */
export function simulationBytes(
  s: Pick<Scenario, "horizon" | "placements" | "mitigations">,
  paths: number,
): number {
  const forecasts = s.mitigations.length ? 2 : 1;
  return 8 * paths * forecasts * (s.horizon + 1) * (s.placements.length + 2);
}

/**
 * Simulates the scenario's uncertainty: every path draws each assumption once, projects the
 * unmitigated and mitigated forecasts with the same draws, and keeps only the reported figures.
 * Same seed, same numbers.
 * @example simulate(scenario, { paths: 2000, seed: 1 }).ledger.find((r) => r.measure === "cumulative")
 */
export function simulate(input: Scenario | Compiled, options: SimulateOptions = {}): UncertaintyResult {
  const { scenario: s, model: base } = compiledOf(input);
  const paths = options.paths ?? s.uncertainty?.paths ?? 2000;
  const seed = options.seed ?? s.uncertainty?.seed ?? 1;
  const { list } = assumptions(s, base.calibration);
  const targets = targetsOf(base, list);
  const rates = base.placements.map((p) => inflationRates(p.unitCost));
  const n = base.horizon + 1;
  const P = base.placements.length;
  const forecasts = base.levers.length ? (["unmitigated", "mitigated"] as const) : (["unmitigated"] as const);
  const all = allLevers(base);
  // Column-major per figure: counts[f][p][k] and balances[f][m][k] each hold one value per path.
  // A column is stored only once a path differs from the first (base-year counts, placements
  // without growth uncertainty never do), so memory goes to the figures that vary.
  const column = () => new Column(paths);
  const counts = forecasts.map(() => Array.from({ length: P }, () => Array.from({ length: n }, column)));
  const balances = forecasts.map(() => [0, 1].map(() => Array.from({ length: n }, column)));
  const next = uniforms(seed);
  const values = new Float64Array(list.length);
  const every = Math.max(1, Math.floor(paths / 100));
  for (let path = 0; path < paths; path++) {
    for (let j = 0; j < list.length; j++)
      values[j] = quantileOf((list[j] as Assumption).distribution, next());
    const { draw, confidence } = drawOf(base, targets, values, rates);
    for (let f = 0; f < forecasts.length; f++) {
      const t = project(base, f === 0 ? NO_LEVERS : all, confidence, draw, { lean: true });
      const cf = counts[f] as Column[][];
      for (let p = 0; p < P; p++) {
        const src = t.counts[p] as Float64Array;
        const dst = cf[p] as Column[];
        for (let k = 0; k < n; k++) (dst[k] as Column).set(path, src[k] ?? 0);
      }
      const bf = balances[f] as Column[][];
      for (let k = 0; k < n; k++) {
        ((bf[0] as Column[])[k] as Column).set(path, t.inYear[k] ?? 0);
        ((bf[1] as Column[])[k] as Column).set(path, t.cumulative[k] ?? 0);
      }
    }
    if (options.onProgress && ((path + 1) % every === 0 || path + 1 === paths))
      options.onProgress(path + 1, paths);
  }
  const result: UncertaintyResult = { paths, seed, assumptions: list, placements: [], ledger: [] };
  forecasts.forEach((forecast, f) => {
    base.placements.forEach((p, pi) => {
      for (let k = 0; k < n; k++)
        result.placements.push({
          id: p.id,
          forecast,
          census: base.baseYear + k,
          ...(((counts[f] as Column[][])[pi] as Column[])[k] as Column).band(),
        });
    });
    (["inYear", "cumulative"] as const).forEach((measure, m) => {
      for (let k = 0; k < n; k++)
        result.ledger.push({
          fy: base.financialYears[k] as string,
          forecast,
          measure,
          ...(((balances[f] as Column[][])[m] as Column[])[k] as Column).band(),
        });
    });
  });
  return result;
}

// One figure's values across paths: a single number while every path so far gave the same one
// (compared with Object.is, so −0 and +0 stay apart as the sort order keeps them), else an array.
class Column {
  private values: Float64Array | undefined;
  private first = 0;
  constructor(private readonly paths: number) {}
  set(path: number, v: number): void {
    if (this.values) this.values[path] = v;
    else if (path === 0) this.first = v;
    else if (!Object.is(v, this.first)) {
      this.values = new Float64Array(this.paths);
      this.values.fill(this.first, 0, path);
      this.values[path] = v;
    }
  }
  // Percentiles by selection, not a full sort: the same values as quantileSorted on the sorted
  // column (select.test.ts checks it); a constant column's percentiles are its value.
  band(): Band {
    if (!this.values) return { p10: this.first, p50: this.first, p90: this.first };
    const [p10, p50, p90] = quantilesSelect(this.values, [0.1, 0.5, 0.9]) as [number, number, number];
    return { p10, p50, p90 };
  }
}

/** One row of the tornado: the final cumulative balance with one assumption at its 10th and 90th percentile, the others at their median. */
export interface TornadoRow {
  kind: Assumption["kind"];
  id: string;
  label: string;
  /** Balance with the assumption at its 10th percentile. */
  low: number;
  /** Balance with the assumption at its 90th percentile. */
  high: number;
  /** Balance with every assumption at its median. */
  central: number;
}

/**
 * The tornado table for the final cumulative balance (mitigated when there are levers), widest
 * swing first.
 * @example tornado(scenario).rows[0]?.label // the assumption that moves the deficit most
 */
export function tornado(input: Scenario | Compiled): {
  fy: string;
  forecast: "unmitigated" | "mitigated";
  rows: TornadoRow[];
} {
  const { scenario: s, model: base } = compiledOf(input);
  const { list } = assumptions(s, base.calibration);
  const targets = targetsOf(base, list);
  const mask = base.levers.length ? allLevers(base) : NO_LEVERS;
  const final = (values: Float64Array) => {
    const { draw, confidence } = drawOf(base, targets, values);
    const c = project(base, mask, confidence, draw, { lean: true }).cumulative;
    return c[c.length - 1] ?? 0;
  };
  const medians = Float64Array.from(list, (a) => quantileOf(a.distribution, 0.5));
  const central = final(medians);
  const rows = list.map((a, j): TornadoRow => {
    const at = (p: number) => {
      const v = Float64Array.from(medians);
      v[j] = quantileOf(a.distribution, p);
      return final(v);
    };
    return { kind: a.kind, id: a.id, label: a.label, low: at(0.1), high: at(0.9), central };
  });
  rows.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  return {
    fy: base.financialYears[base.financialYears.length - 1] as string,
    forecast: mask ? "mitigated" : "unmitigated",
    rows,
  };
}

/** Bands from simulated paths plus the tornado table: what `--paths` adds to the result as `uncertainty`. */
export type UncertaintyOutput = UncertaintyResult & { tornado: ReturnType<typeof tornado> };

/**
 * The simulate stage of the pipeline: bands and tornado of one compiled scenario.
 * @example uncertaintyOf(compile(scenario), { paths: 2000, seed: 1 }).tornado.rows[0]
 */
export function uncertaintyOf(input: Scenario | Compiled, options: SimulateOptions = {}): UncertaintyOutput {
  const compiled = compiledOf(input);
  return { ...simulate(compiled, options), tornado: tornado(compiled) };
}

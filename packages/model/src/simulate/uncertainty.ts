// Uncertainty: growth, unit-cost inflation, lever delivery and (with a demand section) new plans'
// growth and cessations drawn per path from their distributions; both forecasts are projected with the same draws, and only the per-path figures
// reported are kept (typed arrays), so memory grows with paths × figures, nothing else.

import { type Compiled, compiledOf } from "../compile/compile.js";
import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import type { PlacementModel } from "../compile/placement.js";
import {
  allLevers,
  balanceLedger,
  type Draw,
  growthCuts,
  inflatedUnitCost,
  inflationRates,
  NO_LEVERS,
  placementCounts,
  project,
  sumByYear,
  workspaceOf,
} from "../project/projection.js";
import type { Scenario } from "../scenario/schema.js";
import { phasedCost } from "../units/time.js";
import { type Assumption, assumptions } from "./assumptions.js";
import { quantileOf, uniforms } from "./random.js";
import { orderStatistics, quantileOfStatistics, quantilesSelect } from "./select.js";

export { type Assumption, assumptions } from "./assumptions.js";

/** Where each assumption's draw goes: a placement's growth, all unit costs, a lever's confidence (index), or a demand flow. */
type Target =
  | { kind: "growth"; index: number }
  | { kind: "costInflation" }
  | { kind: "delivery"; index: number }
  | { kind: "newPlans" }
  | { kind: "cessation" };

// Resolved once per simulation, so a path's draw is applied without searching by id.
function targetsOf(base: Model, list: readonly Assumption[]): Target[] {
  const placement = new Map(base.placements.map((p, i) => [p.id, i]));
  const lever = new Map(base.levers.map((l, i) => [l.id, i]));
  return list.map((a): Target => {
    if (a.kind === "costInflation" || a.kind === "newPlans" || a.kind === "cessation")
      return { kind: a.kind };
    if (a.kind === "growth") return { kind: "growth", index: placement.get(a.id) ?? -1 };
    return { kind: "delivery", index: lever.get(a.id) ?? -1 };
  });
}

// Arrays one simulation reuses for every path's draw.
interface DrawBuffers {
  growth: Float64Array;
  confidence: Float64Array;
  /** Each placement's inflated unit costs. */
  inflated: Float64Array[];
}

function drawBuffers(base: Model): DrawBuffers {
  return {
    growth: new Float64Array(base.placements.length),
    confidence: new Float64Array(base.levers.length),
    inflated: base.placements.map(() => new Float64Array(base.horizon + 1)),
  };
}

/**
 * The lever confidences and the growth, inflation and demand-flow shifts of one draw of every
 * assumption (values in assumption order). With `into`, written into its arrays instead of new ones.
 */
function drawOf(
  base: Model,
  targets: readonly Target[],
  values: ArrayLike<number>,
  rates?: readonly Float64Array[],
  into?: DrawBuffers,
): { draw: Draw; confidence: Float64Array } {
  const growth = into ? into.growth.fill(0) : new Float64Array(base.placements.length);
  let inflation = 0;
  let flow = 0;
  let cessation = 0;
  const confidence = into ? into.confidence : new Float64Array(base.levers.length);
  for (let i = 0; i < confidence.length; i++) confidence[i] = (base.levers[i] as LeverModel).confidence;
  for (let j = 0; j < targets.length; j++) {
    const t = targets[j] as Target;
    const v = values[j] ?? 0;
    if (t.kind === "growth") {
      if (t.index >= 0) growth[t.index] = v;
    } else if (t.kind === "costInflation") inflation = v;
    else if (t.kind === "newPlans") flow = v;
    else if (t.kind === "cessation") cessation = v;
    else if (t.index >= 0) confidence[t.index] = Math.min(1, Math.max(0, (confidence[t.index] ?? 1) * v));
  }
  // Both forecasts of a path share its unit costs: worked out once, from the rates worked out once.
  let unitCosts: Float64Array[] | undefined;
  if (inflation !== 0 && rates) {
    unitCosts = into ? into.inflated : new Array(base.placements.length);
    for (let pi = 0; pi < base.placements.length; pi++)
      unitCosts[pi] = inflatedUnitCost(
        (base.placements[pi] as PlacementModel).unitCost,
        inflation,
        rates[pi],
        into?.inflated[pi],
      );
  }
  // One object shape for every draw, so the projection's optimised code never meets another.
  return { draw: { growth, inflation, unitCosts, flow, cessation }, confidence };
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
 * Which placements' counts a simulation derives instead of storing. Their counts follow from their
 * own growth draw alone, so they are not stored: they rise with the draw, and their percentiles are
 * the counts at the draw's percentiles (one column a placement instead of one a year and forecast).
 * In the mitigated forecast the same holds, with the same values, when no growth reduction names them.
 */
function keptColumns(
  base: Model,
  workspace = workspaceOf(base),
): { derived: boolean[]; sameWhenMitigated: boolean[] } {
  const tied = coupledPlacements(base);
  const derived = base.placements.map((_, pi) => ownDrawOnly(base, pi, tied));
  const cutBits = base.levers.reduce(
    (bits, l, i) => (l.type === "growthReduction" ? bits | (1 << i) : bits),
    0,
  );
  const sameWhenMitigated = derived.map((d, pi) => d && ((workspace.touches[pi] as number) & cutBits) === 0);
  return { derived, sameWhenMitigated };
}

/**
 * The figures a simulation keeps for each path (one double each, at most): the counts it cannot
 * derive from a draw, by year and forecast; the in-year and cumulative balances by year and
 * forecast; one growth draw for each placement whose counts it derives.
 * @example simulationFigures(compile(scenario))
 */
export function simulationFigures(input: Scenario | Compiled): number {
  const { model: base } = compiledOf(input);
  const n = base.horizon + 1;
  const forecasts = base.levers.length ? 2 : 1;
  const { derived, sameWhenMitigated } = keptColumns(base);
  let figures = forecasts * 2 * n;
  derived.forEach((d, pi) => {
    if (d) figures += 1;
    else figures += n;
    if (forecasts === 2 && !sameWhenMitigated[pi]) figures += n;
  });
  return figures;
}

/**
 * The bytes a simulation keeps at most: 8 a figure a path (see simulationFigures). Checked before
 * simulating, so a run that would exhaust memory is refused up front.
 * @example simulationBytes(compile(scenario), 2000)
 */
export function simulationBytes(input: Scenario | Compiled, paths: number): number {
  return 8 * paths * simulationFigures(input);
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
  const forecasts = base.levers.length ? (["unmitigated", "mitigated"] as const) : (["unmitigated"] as const);
  const all = allLevers(base);
  const workspace = workspaceOf(base);
  const { derived, sameWhenMitigated } = keptColumns(base, workspace);
  // Column-major per figure: one value per path. A column is stored only once a path differs from
  // the first, so memory goes to the figures that vary.
  const column = () => new Column(paths);
  const counts = forecasts.map((_, f) =>
    base.placements.map((_, pi) =>
      (f === 0 ? derived[pi] : sameWhenMitigated[pi]) ? undefined : Array.from({ length: n }, column),
    ),
  );
  const draws = base.placements.map((_, pi) => (derived[pi] ? column() : undefined));
  const balances = forecasts.map(() => [0, 1].map(() => Array.from({ length: n }, column)));
  // Every stored column in the order a path's figures are written, and a block of paths written row
  // by row first: storing each path's figures straight into their columns touches a cache line per
  // figure per path; a block is then stored a few consecutive paths per column at once.
  const columns: Column[] = [];
  const storedCounts = forecasts.map((_, f) => {
    const list: number[] = [];
    (counts[f] as (Column[] | undefined)[]).forEach((byYear, pi) => {
      if (!byYear) return;
      list.push(pi);
      columns.push(...byYear);
    });
    columns.push(...(balances[f] as Column[][]).flat());
    return list;
  });
  const drawn = draws.flatMap((c, pi) => (c ? [pi] : []));
  for (const pi of drawn) columns.push(draws[pi] as Column);
  const width = columns.length;
  const block = new Float64Array(BLOCK * width);
  const flush = (first: number, rows: number) => {
    for (let c = 0; c < width; c++) {
      const col = columns[c] as Column;
      for (let r = 0; r < rows; r++) col.set(first + r, block[r * width + c] as number);
    }
  };
  const buffers = drawBuffers(base);
  const next = uniforms(seed);
  const values = new Float64Array(list.length);
  const every = Math.max(1, Math.floor(paths / 100));
  for (let path = 0; path < paths; path++) {
    for (let j = 0; j < list.length; j++)
      values[j] = quantileOf((list[j] as Assumption).distribution, next());
    const { draw, confidence } = drawOf(base, targets, values, rates, buffers);
    let at = (path % BLOCK) * width;
    for (let f = 0; f < forecasts.length; f++) {
      const t = project(base, f === 0 ? NO_LEVERS : all, confidence, draw, { lean: true, into: workspace });
      for (const pi of storedCounts[f] as number[]) {
        const src = t.counts[pi] as Float64Array;
        for (let k = 0; k < n; k++) block[at++] = src[k] as number;
      }
      for (let k = 0; k < n; k++) block[at++] = t.inYear[k] as number;
      for (let k = 0; k < n; k++) block[at++] = t.cumulative[k] as number;
    }
    for (const pi of drawn) block[at++] = draw.growth[pi] as number;
    if ((path + 1) % BLOCK === 0 || path + 1 === paths) flush(path - (path % BLOCK), (path % BLOCK) + 1);
    if (options.onProgress && ((path + 1) % every === 0 || path + 1 === paths))
      options.onProgress(path + 1, paths);
  }
  // The bands of derived counts: the counts at the draw's order statistics, interpolated as the
  // percentiles of stored columns are. Worked out once a placement, shared by both forecasts.
  const derivedBands = draws.map((c, pi) => (c ? c.mappedBands(countsAtDraw(base, pi)) : undefined));
  const result: UncertaintyResult = { paths, seed, assumptions: list, placements: [], ledger: [] };
  forecasts.forEach((forecast, f) => {
    base.placements.forEach((p, pi) => {
      const byYear = (counts[f] as (Column[] | undefined)[])[pi];
      for (let k = 0; k < n; k++)
        result.placements.push({
          id: p.id,
          forecast,
          census: base.baseYear + k,
          ...(byYear ? (byYear[k] as Column).band() : ((derivedBands[pi] as Band[])[k] as Band)),
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

/**
 * Whether placement `pi`'s unmitigated counts on a path are a non-decreasing function of its own
 * growth draw and nothing else: no other placement's counts move them (flows, shifts, places and
 * overflow) and no growth rate is below −100% (where the clamp of a drawn shift would make a path
 * with no draw differ from one with a zero draw). The count is then at least 0 and each year's
 * factor 1 + g at least 0, so every year's count rises with the draw.
 */
function ownDrawOnly(model: Model, pi: number, tied: Uint8Array): boolean {
  const p = model.placements[pi] as PlacementModel;
  if (!(p.count >= 0) || tied[pi] === 1) return false;
  for (let k = 1; k < p.growth.length; k++) if (!((p.growth[k] as number) >= -1)) return false;
  return true;
}

/** 1 for each placement whose counts other placements' counts move (demand flows, shifts, places and overflow). */
function coupledPlacements(model: Model): Uint8Array {
  const tied = new Uint8Array(model.placements.length);
  for (const pi of model.demand?.driven ?? []) tied[pi] = 1;
  model.placements.forEach((p, pi) => {
    if (!p.places) return;
    tied[pi] = 1;
    if (p.places.overflow !== undefined) tied[p.places.overflow] = 1;
  });
  for (const l of model.levers)
    if (l.type === "placementShift") {
      tied[l.from] = 1;
      tied[l.to] = 1;
    }
  return tied;
}

/** Placement pi's counts by year with its growth shifted by a draw, as the projection works them out. */
function countsAtDraw(model: Model, pi: number): (dg: number) => Float64Array {
  const p = model.placements[pi] as PlacementModel;
  const seen = new Map<number, Float64Array>();
  return (dg) => {
    let c = seen.get(dg);
    if (!c) {
      c = placementCounts(p, pi, dg, [], new Float64Array(model.horizon + 1));
      seen.set(dg, c);
    }
    return c;
  };
}

// Paths written row by row before they are stored by column (see simulate).
const BLOCK = 16;
const BANDS = [0.1, 0.5, 0.9];

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
  /**
   * The bands, year by year, of a figure that rises with this column's values: `at(v)[k]` at
   * the column's order statistics, interpolated as band() interpolates.
   */
  mappedBands(at: (v: number) => Float64Array): Band[] {
    const n = at(this.first).length;
    if (!this.values) {
      const c = at(this.first);
      return Array.from(c, (v) => ({ p10: v, p50: v, p90: v }));
    }
    const stats = orderStatistics(this.values, BANDS);
    return Array.from({ length: n }, (_, k) => {
      const [p10, p50, p90] = BANDS.map((p) =>
        quantileOfStatistics(stats, this.paths, p, (v) => at(v)[k] as number),
      );
      return { p10, p50, p90 } as Band;
    });
  }
  // Percentiles by selection, not a full sort: the same values as quantileSorted on the sorted
  // column (select.test.ts checks it); a constant column's percentiles are its value.
  band(): Band {
    if (!this.values) return { p10: this.first, p50: this.first, p90: this.first };
    const [p10, p50, p90] = quantilesSelect(this.values, BANDS) as [number, number, number];
    return { p10, p50, p90 };
  }
}

/**
 * One row of the tornado: the final cumulative balance with one assumption at its 10th and 90th
 * percentile, the others at the values the central forecast uses (no growth or inflation shift,
 * each lever's own confidence), so each bar starts at the forecast the paper quotes.
 */
export interface TornadoRow {
  kind: Assumption["kind"];
  id: string;
  label: string;
  /** Balance with the assumption at its 10th percentile. */
  low: number;
  /** Balance with the assumption at its 90th percentile. */
  high: number;
  /** The central forecast's balance: every assumption at the value the central forecast uses. */
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
  const workspace = workspaceOf(base);
  const final = (values: Float64Array) => {
    const { draw, confidence } = drawOf(base, targets, values);
    const c = project(base, mask, confidence, draw, { lean: true, into: workspace }).cumulative;
    return c[c.length - 1] ?? 0;
  };
  // Each assumption at the value the central forecast uses: no shift to growth or unit-cost
  // inflation, a delivery factor of 1 (each lever's own confidence). Not the distributions'
  // medians: a skewed distribution's median (inflation, delivery) would move every bar's start
  // away from the forecast the paper quotes.
  const centres = Float64Array.from(list, (a) => (a.kind === "delivery" ? 1 : 0));
  const middle = drawOf(base, targets, centres);
  // The central projection in full, keeping each placement's cost. A growth assumption on a
  // placement no other placement's counts depend on moves that placement's counts and cost alone:
  // it is re-costed and the ledger re-balanced, instead of projecting every placement again (the
  // same arithmetic in the same order, so the same numbers; tornado linear in placements).
  const whole = project(base, mask, middle.confidence, middle.draw);
  const central = whole.cumulative[whole.cumulative.length - 1] ?? 0;
  const cuts = growthCuts(base, mask, middle.confidence);
  const n = base.horizon + 1;
  const tied = coupledPlacements(base);
  // The running sum of the central placement costs after each placement.
  const before: Float64Array[] = [];
  sumByYear(whole.placementCosts, n, undefined, 0, before);
  const rows = list.map((a, j): TornadoRow => {
    const t = targets[j] as Target;
    const at = (p: number) => {
      const value = quantileOf(a.distribution, p);
      if (t.kind === "growth" && t.index >= 0 && tied[t.index] === 0) {
        const pi = t.index;
        const placement = base.placements[pi] as PlacementModel;
        const shifted = value !== 0 || middle.draw.inflation !== 0;
        const counts = placementCounts(placement, pi, shifted ? value : undefined, cuts, new Float64Array(n));
        const cost = phasedCost(
          base.phasing,
          counts,
          placement.previousCount,
          whole.unitCosts[pi] as Float64Array,
        );
        // The placements before pi add up as in the central projection: start from their running
        // sum, add pi's new cost, then the rest in order (half the additions of a full re-sum).
        const sum = sumByYear([cost], n, before[pi - 1]);
        const c = balanceLedger(base, whole, sumByYear(whole.placementCosts, n, sum, pi + 1)).cumulative;
        return c[c.length - 1] ?? 0;
      }
      const v = Float64Array.from(centres);
      v[j] = value;
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

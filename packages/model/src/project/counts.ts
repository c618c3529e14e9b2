// Placement counts by census year: growth with its levers' cuts, the flow-driven total of EHCP
// placements, and the shifts that move stock between placements (spec §3, §7).
import type { DemandClamp, DemandRow } from "../compile/demand.js";
import { demandCounts, flowLevers } from "../compile/demand-model.js";
import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { type PlacementModel, projectCounts } from "../compile/placement.js";
import { confidenceAt, type Draw, type LeverMask, on, type Workspace } from "./workspace.js";

/**
 * Growth levers change the rate; counts compound from it. A drawn shift applies first, clamped at
 * −100%, then the active reductions in declared order.
 * @example grownCounts(model, mask, undefined, undefined, {} as Parameters<typeof grownCounts>[4])
 */
export function grownCounts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  draw: Draw | undefined,
  ws: Workspace,
): Float64Array[] {
  const cutBits = mask & ws.typeBits.growthReduction;
  const cuts = cutBits === 0 ? NO_CUTS : growthCuts(model, mask, confidence);
  const P = model.placements.length;
  for (let pi = 0; pi < P; pi++) {
    const p = model.placements[pi] as PlacementModel;
    const dg = draw ? (draw.growth[pi] as number) : 0;
    const shifted = draw !== undefined && (dg !== 0 || draw.inflation !== 0);
    const mine = ((ws.touches[pi] as number) & cutBits) !== 0;
    placementCounts(p, pi, shifted ? dg : undefined, mine ? cuts : NO_CUTS, ws.counts[pi] as Float64Array);
  }
  return ws.counts;
}

/**
 * With a demand section the EHCP placements' total follows the flows (new plans, cessations,
 * ageing); each keeps the share of that total its own growth gives it: growth sets the mix, the
 * flows the level. A simulation's draw shifts the flows (new plans' growth, cessations). The base
 * year is unchanged (the stock is scaled to the placements' total).
 * @example flowDrivenCounts(model, mask, undefined, counts)
 */
export function flowDrivenCounts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  counts: Float64Array[],
  draw?: Draw,
): { rows: DemandRow[]; clamps: DemandClamp[] } | undefined {
  const section = model.demand;
  if (!section) return undefined;
  const n = model.horizon + 1;
  const flows = demandCounts(
    section,
    model.baseYear,
    model.horizon,
    flowLevers(
      model.levers,
      (i) => on(mask, i),
      (i) => confidenceAt(model, confidence, i),
    ),
    draw ? { flow: draw.flow ?? 0, cessation: draw.cessation ?? 0 } : undefined,
  );
  for (let k = 1; k < n; k++) {
    let mix = 0;
    for (const pi of section.driven) mix += (counts[pi] as Float64Array)[k] as number;
    if (mix > 0)
      for (const pi of section.driven) {
        const c = counts[pi] as Float64Array;
        c[k] = ((c[k] as number) * (flows.totals[k] as number)) / mix;
      }
  }
  return { rows: flows.rows, clamps: flows.clamps };
}

/**
 * Shifts move stock after growth (moved stock does not grow). Shifts from one source share its
 * pre-shift count pro rata when together they ask for more than it holds, so the result does not
 * depend on the order levers are declared in. Only active shifts move stock; every other lever
 * shares one array of zeros.
 * @example shiftedStock(model, mask, undefined, counts, {} as Parameters<typeof shiftedStock>[4], false)
 */
export function shiftedStock(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  counts: Float64Array[],
  ws: Workspace,
  lean: boolean,
): Float64Array[] {
  const n = model.horizon + 1;
  const none = ws.zeros;
  const shifts = mask & ws.typeBits.placementShift;
  const moved: Float64Array[] = new Array(model.levers.length);
  for (let i = 0; i < model.levers.length; i++)
    moved[i] = shifts & (1 << i) ? (lean ? (ws.shifts.moved[i] as Float64Array) : new Float64Array(n)) : none;
  if (shifts !== 0) applyShifts(model, mask, (i) => confidenceAt(model, confidence, i), counts, moved, ws);
  return moved;
}

// Active shifts move stock after growth: what each asks (confidence × cumulative moves), shared
// pro rata when the shifts from one source together ask for more than its pre-shift count.
function applyShifts(
  model: Model,
  mask: LeverMask,
  conf: (i: number) => number,
  counts: Float64Array[],
  moved: Float64Array[],
  ws: Workspace,
): void {
  const n = model.horizon + 1;
  const levers = model.levers;
  // Per source placement, what the active shifts ask of it (the workspace's array, zeroed first).
  const sources: number[] = [];
  for (let i = 0; i < levers.length; i++) {
    const lever = levers[i] as LeverModel;
    if (lever.type !== "placementShift" || !on(mask, i)) continue;
    const c = conf(i);
    const want = moved[i] as Float64Array;
    const total = ws.shifts.requested[lever.from] as Float64Array;
    if (!sources.includes(lever.from)) {
      total.fill(0);
      sources.push(lever.from);
    }
    for (let k = 0; k < n; k++) {
      want[k] = c * (lever.cumulativeMoves[k] ?? 0);
      total[k] = (total[k] ?? 0) + (want[k] ?? 0);
    }
  }
  // The sources' pre-shift counts, copied before any shift moves stock.
  for (const pi of sources) (ws.shifts.preShift[pi] as Float64Array).set(counts[pi] as Float64Array);
  for (let i = 0; i < levers.length; i++) {
    const lever = levers[i] as LeverModel;
    if (lever.type !== "placementShift" || !on(mask, i)) continue;
    const m = moved[i] as Float64Array;
    const source = ws.shifts.preShift[lever.from] as Float64Array;
    const total = ws.shifts.requested[lever.from] as Float64Array;
    const from = counts[lever.from] as Float64Array;
    const to = counts[lever.to] as Float64Array;
    for (let k = 0; k < n; k++) {
      const t = total[k] ?? 0;
      const available = source[k] ?? 0;
      if (t > available) m[k] = ((m[k] ?? 0) * available) / t;
      from[k] = (from[k] ?? 0) - (m[k] ?? 0);
      to[k] = (to[k] ?? 0) + (m[k] ?? 0);
    }
  }
}

/** An active growth reduction as a projection applies it: who it names, its cut by year, its confidence. */
export interface GrowthCut {
  readonly member: Uint8Array;
  readonly cut: Float64Array;
  readonly c: number;
}

const NO_CUTS: readonly GrowthCut[] = [];

/** The growth reductions a mask applies, in declared order, with their confidence. @example growthCuts(model, allLevers(model)).length */
export function growthCuts(model: Model, mask: LeverMask, confidence?: ArrayLike<number>): GrowthCut[] {
  const cuts: GrowthCut[] = [];
  for (let i = 0; i < model.levers.length; i++) {
    const lever = model.levers[i] as LeverModel;
    if (lever.type === "growthReduction" && on(mask, i))
      cuts.push({ member: lever.member, cut: lever.cut, c: confidence?.[i] ?? lever.confidence ?? 1 });
  }
  return cuts;
}

/**
 * One placement's counts N(B+k) in a projection: its growth, shifted by a drawn `dg` (the result
 * clamped at −100%) when one is given, less the active cuts that name it, in declared order.
 * @example model.placements.map((q, i) => placementCounts(q, i, 0.01, [], new Float64Array(model.horizon + 1))) // growth 1 point higher
 */
export function placementCounts(
  p: PlacementModel,
  pi: number,
  dg: number | undefined,
  cuts: readonly GrowthCut[],
  out: Float64Array,
): Float64Array {
  const n = out.length;
  let mine = false;
  for (const x of cuts) if (x.member[pi] === 1) mine = true;
  if (dg === undefined && !mine) return projectCounts(p.count, p.growth, out);
  let count = p.count;
  out[0] = count;
  for (let k = 1; k < n; k++) {
    let g = p.growth[k] as number;
    if (dg !== undefined) g = Math.max(-1, g + dg);
    if (mine) for (const x of cuts) if (x.member[pi] === 1) g = g - x.c * (x.cut[k] as number);
    count *= 1 + g;
    out[k] = count;
  }
  return out;
}

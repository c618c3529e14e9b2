import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import type { PlacementModel } from "../compile/placement.js";
import type { StaffingModel } from "../compile/staffing.js";
import { phasedCost } from "../units/time.js";
import { flowDrivenCounts, grownCounts, shiftedStock } from "./counts.js";
import { balanceLedger, sumByYear } from "./ledger.js";
import { type PlaceFundedTrajectory, placeFundedCosts } from "./place-costs.js";
import type { Trajectory } from "./trajectory.js";
import {
  confidenceAt,
  type Draw,
  type LeverMask,
  on,
  type ProjectedParts,
  type Workspace,
  workspaceOf,
} from "./workspace.js";

export { type GrowthCut, growthCuts, placementCounts } from "./counts.js";
export {
  balanceLedger,
  type Ledger,
  type LedgerArrays,
  type LedgerParts,
  SAFETY_VALVE_TOLERANCE,
  sumByYear,
} from "./ledger.js";
export type { SafetyValvePayment, Trajectory } from "./trajectory.js";
export { allLevers, type Draw, type LeverMask, NO_LEVERS, type Workspace, workspaceOf } from "./workspace.js";

// No placement costed by places: one empty list serves every such projection.
const NOT_PLACE_FUNDED: readonly (PlaceFundedTrajectory | undefined)[] = Object.freeze([]);

/**
 * Options of a projection: `lean` keeps only what the balances need (no per-placement cost arrays);
 * `into` works in a workspace's arrays, which the next projection into it overwrites.
 */
export interface ProjectOptions {
  lean?: boolean;
  into?: Workspace;
}

/**
 * Projects a normalised scenario with the selected levers (spec §2–§7). `confidence` replaces each
 * lever's confidence and `draw` shifts growth and inflation (uncertainty paths draw them this way).
 * @example project(normalise(s), NO_LEVERS).cumulative // the unmitigated cumulative balance by FY
 */
export function project(
  model: Model,
  mask: LeverMask,
  confidence?: ArrayLike<number>,
  draw?: Draw,
  options: ProjectOptions = {},
): Trajectory {
  const n = model.horizon + 1;
  const ws = options.into ?? workspaceOf(model);
  if (ws.model !== model)
    throw new Error("project: the workspace was made for another model (workspaceOf(model))");
  // The steps of a projection, each its own function: a simulation runs this thousands of times
  // from cold, and V8 optimises small functions sooner, apart, and without throwing the others away
  // when one meets a shape it has not seen (measured: one function took 30-50 ms to compile, 4 times).
  const counts = grownCounts(model, mask, confidence, draw, ws);
  const demand = model.demand ? flowDrivenCounts(model, mask, confidence, counts, draw) : undefined;
  const moved = shiftedStock(model, mask, confidence, counts, ws, options.lean === true);
  const unitCosts = leveredUnitCosts(model, mask, confidence, draw, ws);
  // Place-funded placements first: the pupils their places cannot hold join their overflow placement.
  const placeFunding = ws.funded ? placeFundedCosts(model, counts, unitCosts) : NOT_PLACE_FUNDED;
  const recoupment = recoupmentOf(placeFunding, ws);
  // Lean (simulation): the placements' costs are summed by FY in placement order, as the ledger
  // sums them, through one scratch array instead of one array a placement.
  const placementCosts = options.lean ? [] : costsByPlacement(model, counts, unitCosts, placeFunding);
  const placementSum = options.lean
    ? leanPlacementSum(model, counts, unitCosts, placeFunding, ws)
    : sumByYear(placementCosts, n);
  const parts = options.lean
    ? reusedLedgerParts(model, mask, confidence, ws)
    : ledgerParts(model, mask, confidence);
  const ledger = balanceLedger(model, parts, placementSum, ws.ledger);
  // Safety Valve income is what the ledger paid.
  for (const o of parts.otherIncome) {
    const paid = o.lever === undefined ? undefined : ledger.paid.get(o.lever);
    if (paid) o.amounts = paid;
  }
  const { income, expenditure, inYear, cumulative, safetyValve, stabilityGrant } = ledger;
  return {
    counts,
    unitCosts,
    placementCosts,
    placeFunding,
    recoupment,
    lineCosts: parts.lineCosts,
    staffing: parts.staffing,
    hnb: parts.hnb,
    transferRate: parts.transferRate,
    transfer: parts.transfer,
    otherIncome: parts.otherIncome,
    implementation: parts.implementation,
    stabilityGrantOn: parts.stabilityGrantOn,
    stabilityGrant,
    safetyValve,
    moved,
    income,
    expenditure,
    inYear,
    cumulative,
    // Always present (undefined without a demand section): one object shape for every projection.
    demand,
  };
}

// The active levers of one kind with their confidence, in declared order.
function activeChanges(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  type: "unitCostChange" | "lineChange",
): { lever: LeverModel; c: number }[] {
  const out: { lever: LeverModel; c: number }[] = [];
  for (let i = 0; i < model.levers.length; i++) {
    const lever = model.levers[i] as LeverModel;
    if (lever.type === type && on(mask, i)) out.push({ lever, c: confidenceAt(model, confidence, i) });
  }
  return out;
}

// A cost series scaled by (1 + confidence · change) from each active change's FY on, for the
// changes that name series `index`: the series itself when none does (never written to);
// otherwise a new array, or `out`.
function scaledSeries(
  base: Float64Array,
  index: number,
  active: readonly { lever: LeverModel; c: number }[],
  out?: Float64Array,
): Float64Array {
  const n = base.length;
  let cost = base;
  for (const { lever, c } of active) {
    if ((lever as { member: Uint8Array }).member[index] !== 1) continue;
    const change = (lever as { change: Float64Array }).change;
    const next = out ?? new Float64Array(n);
    for (let k = 0; k < n; k++) next[k] = (cost[k] as number) * (1 + c * (change[k] ?? 0));
    cost = next;
  }
  return cost;
}

// Each placement's unit costs: its own, inflated by a draw, then scaled by the active unit-cost
// changes that name it (into the workspace's array for it).
function leveredUnitCosts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  draw: Draw | undefined,
  ws: Workspace,
): Float64Array[] {
  const n = model.horizon + 1;
  const unitCosts: Float64Array[] = ws.unitCostOf;
  const changeBits = mask & ws.typeBits.unitCostChange;
  const levers = changeBits === 0 ? [] : activeChanges(model, mask, confidence, "unitCostChange");
  for (let pi = 0; pi < model.placements.length; pi++) {
    const p = model.placements[pi] as PlacementModel;
    const inflated =
      draw && draw.inflation !== 0
        ? (draw.unitCosts?.[pi] ?? inflatedUnitCost(p.unitCost, draw.inflation))
        : p.unitCost;
    if (((ws.touches[pi] as number) & changeBits) === 0) {
      unitCosts[pi] = inflated;
      continue;
    }
    const scratch = ws.unitCosts[pi] ?? new Float64Array(n);
    ws.unitCosts[pi] = scratch;
    unitCosts[pi] = scaledSeries(inflated, pi, levers, scratch);
  }
  return unitCosts;
}

// Academy place funding recouped, by FY, into the workspace's array (its sums reset: a workspace's
// arrays outlive one projection only in lean runs, see ProjectOptions).
function recoupmentOf(
  placeFunding: readonly (PlaceFundedTrajectory | undefined)[],
  ws: Workspace,
): Float64Array {
  const recoupment = ws.recoupment.fill(0);
  for (const f of placeFunding) f?.recouped.forEach((r, k) => (recoupment[k] = (recoupment[k] ?? 0) + r));
  return recoupment;
}

// Each placement's cost by FY: its places and top-ups when place-funded, else count × unit cost phased.
function costsByPlacement(
  model: Model,
  counts: readonly Float64Array[],
  unitCosts: readonly Float64Array[],
  placeFunding: readonly (PlaceFundedTrajectory | undefined)[],
): Float64Array[] {
  return model.placements.map(
    (p, pi) =>
      placeFunding[pi]?.total ??
      phasedCost(model.phasing, counts[pi] as Float64Array, p.previousCount, unitCosts[pi] as Float64Array),
  );
}

// The placements' costs summed by FY in placement order, as sumByYear(costsByPlacement(…)) adds
// them, into the workspace's scratch array.
function leanPlacementSum(
  model: Model,
  counts: readonly Float64Array[],
  unitCosts: readonly Float64Array[],
  placeFunding: readonly (PlaceFundedTrajectory | undefined)[],
  ws: Workspace,
): Float64Array {
  const n = model.horizon + 1;
  const sum = ws.placementSum.fill(0);
  for (let pi = 0; pi < model.placements.length; pi++) {
    const f = ws.funded ? placeFunding[pi]?.total : undefined;
    if (f) for (let k = 0; k < n; k++) sum[k] = (sum[k] as number) + (f[k] as number);
    else
      phasedCost(
        model.phasing,
        counts[pi] as Float64Array,
        (model.placements[pi] as PlacementModel).previousCount,
        unitCosts[pi] as Float64Array,
        sum,
        true,
      );
  }
  return sum;
}

// The ledger parts of a lean projection: the workspace's for this selection, with what depends on
// confidence (line changes, grant income and spend) worked out again in their arrays, as
// ledgerParts works it out; new ones for a selection not among the last two.
function reusedLedgerParts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  ws: Workspace,
): ProjectedParts {
  const parts = ws.parts.get(mask);
  if (!parts) {
    if (ws.parts.size >= 2) ws.parts.clear();
    const made = ledgerParts(model, mask, confidence);
    ws.parts.set(mask, made);
    return made;
  }
  if ((mask & ws.typeBits.lineChange) !== 0) {
    const lineLevers = activeChanges(model, mask, confidence, "lineChange");
    model.lines.forEach((l, li) => {
      const cost = parts.lineCosts[li] as Float64Array;
      if (cost !== l.cost) scaledSeries(l.cost, li, lineLevers, cost);
    });
  }
  if ((mask & ws.typeBits.grant) !== 0)
    for (let i = 0; i < model.levers.length; i++) {
      const lever = model.levers[i] as LeverModel;
      if (lever.type !== "grant" || !on(mask, i)) continue;
      const c = confidenceAt(model, confidence, i);
      const income = parts.otherIncome.find((o) => o.lever === lever.id) as { amounts: Float64Array };
      const spend = parts.implementation.find((g) => g.lever === lever.id) as { cost: Float64Array };
      for (let k = 0; k < lever.amounts.length; k++) income.amounts[k] = c * (lever.amounts[k] as number);
      for (let k = 0; k < lever.spend.length; k++) spend.cost[k] = c * (lever.spend[k] as number);
    }
  return parts;
}

// Income and expenditure besides the placements: the scenario's lines (scaled by active line
// changes), staffing, other income and transfer, with the active staffing, transfer, grant and
// Safety Valve levers' parts.
function ledgerParts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
): ProjectedParts {
  const n = model.horizon + 1;
  const levers = model.levers;
  const lineLevers = activeChanges(model, mask, confidence, "lineChange");
  const lineCosts = model.lines.map((l, li) => scaledSeries(l.cost, li, lineLevers));
  // One shape for the scenario's lines and the levers' (lever undefined for the scenario's own).
  const staffing: { model: StaffingModel; lever: string | undefined; cost: Float64Array }[] =
    model.staffing.map((s) => ({ model: s, lever: undefined, cost: s.cost }));
  // Every income line has the same shape (lever undefined for the scenario's own), so the ledger's
  // optimised loop sees one.
  const otherIncome: { id: string; label: string; lever: string | undefined; amounts: Float64Array }[] =
    model.income.other.map((o) => ({ id: o.id, label: o.label, lever: undefined, amounts: o.amounts }));
  const implementation: { id: string; label: string; lever: string; cost: Float64Array }[] = [];
  let transferRate = model.income.transferRate;
  for (let i = 0; i < levers.length; i++) {
    const lever = levers[i] as LeverModel;
    if (!on(mask, i)) continue;
    if (lever.type === "staffing") {
      for (const s of lever.staffing) staffing.push({ model: s, lever: lever.id, cost: s.cost });
    } else if (lever.type === "transfer") {
      transferRate = transferRate.map((r, k) => (lever.sets[k] ? (lever.rate[k] ?? 0) : r));
    } else if (lever.type === "grant") {
      const c = confidenceAt(model, confidence, i);
      otherIncome.push({
        id: lever.id,
        label: lever.label,
        lever: lever.id,
        amounts: lever.amounts.map((a) => c * a),
      });
      implementation.push({
        id: lever.id,
        label: lever.label,
        lever: lever.id,
        cost: lever.spend.map((a) => c * a),
      });
    } else if (lever.type === "safetyValve") {
      // Its payments are worked out by the ledger (conditional on the in-year balance).
      otherIncome.push({ id: lever.id, label: lever.label, lever: lever.id, amounts: new Float64Array(n) });
    }
  }
  const transfer = transferRate.map((r, k) => r * (model.income.schoolsBlock[k] ?? 0));
  const grant = model.income.stabilityGrant;
  // Paid in every projection, or (paid with the plan only) in those that apply its lever.
  const stabilityGrantOn =
    grant !== undefined &&
    (grant.forecasts === "both" || levers.some((l, i) => l.type === "stabilityGrant" && on(mask, i)));
  return {
    hnb: model.income.hnb,
    transfer,
    transferRate,
    otherIncome,
    lineCosts,
    staffing,
    implementation,
    stabilityGrantOn,
  };
}

/** The year-on-year inflation of a unit-cost series (0 where the year before costs nothing). @example inflationRates(Float64Array.of(100, 103))[1] // ≈ 0.03 */
export function inflationRates(unitCost: Float64Array): Float64Array {
  const rates = new Float64Array(unitCost.length);
  for (let k = 1; k < unitCost.length; k++) {
    const prev = unitCost[k - 1] ?? 0;
    rates[k] = prev > 0 ? (unitCost[k] ?? 0) / prev - 1 : 0;
  }
  return rates;
}

/**
 * A unit-cost series with its year-on-year inflation shifted by `shift` (the factor clamped at 0).
 * @example inflatedUnitCost(Float64Array.of(100, 103), 0.01) // ≈ [100, 104]
 */
export function inflatedUnitCost(
  unitCost: Float64Array,
  shift: number,
  rates: Float64Array = inflationRates(unitCost),
  out: Float64Array = new Float64Array(unitCost.length),
): Float64Array {
  const n = unitCost.length;
  out[0] = unitCost[0] ?? 0;
  for (let k = 1; k < n; k++) out[k] = (out[k - 1] ?? 0) * Math.max(0, 1 + (rates[k] as number) + shift);
  return out;
}

/** The cumulative balance at the last reported FY: the figure savings are attributed on. @example finalBalance(project(m, NO_LEVERS)) */
export function finalBalance(t: Trajectory): number {
  return t.cumulative[t.cumulative.length - 1] ?? 0;
}

import type { DemandClamp, DemandRow } from "../compile/demand.js";
import { demandCounts, flowLevers } from "../compile/demand-model.js";
import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { type PlacementModel, projectCounts } from "../compile/placement.js";
import { stabilityGrantAmount } from "../compile/stability-grant.js";
import type { StaffingModel } from "../compile/staffing.js";
import { phasedCost } from "../units/time.js";
import { type PlaceFundedTrajectory, placeFundedCosts } from "./place-costs.js";

/** Every figure of one forecast as per-year arrays (index k is census year / FY B+k), unrounded. */
export interface Trajectory {
  /** N_p(B+k) after growth levers and shifts. */
  readonly counts: Float64Array[];
  readonly unitCosts: Float64Array[];
  /** Cost by FY per placement; empty when projected lean (only the balances are wanted). */
  readonly placementCosts: Float64Array[];
  /** Placements costed by places and top-ups (issue #18), by placement index; undefined for the others. */
  readonly placeFunding: readonly (PlaceFundedTrajectory | undefined)[];
  /** Academy place funding the ESFA pays and deducts from the HNB allocation, by FY (zeros without it). */
  readonly recoupment: Float64Array;
  readonly lineCosts: Float64Array[];
  /** The scenario's staffing lines, then those of active staffing levers. */
  readonly staffing: readonly { model: StaffingModel; lever?: string | undefined; cost: Float64Array }[];
  readonly hnb: Float64Array;
  readonly transferRate: Float64Array;
  readonly transfer: Float64Array;
  /** The scenario's other income, then active grant levers (scaled by confidence) and Safety Valve payments made. */
  readonly otherIncome: readonly {
    id: string;
    label: string;
    lever?: string | undefined;
    amounts: Float64Array;
  }[];
  /** Whether this projection receives the Stability Grant (spec §11): always with `forecasts: both`, with its lever otherwise. */
  readonly stabilityGrantOn: boolean;
  /** The Stability Grant paid by FY (income; zeros without one or when this projection does not receive it). */
  readonly stabilityGrant: Float64Array;
  /** Implementation spend of active grant levers (scaled by confidence), part of expenditure. */
  readonly implementation: readonly { id: string; label: string; lever: string; cost: Float64Array }[];
  /** Each active Safety Valve lever's payments: the target, the in-year balance before the payment, paid or withheld. */
  readonly safetyValve: readonly SafetyValvePayment[];
  /** With a demand section: the stock-flow rows by census and band, and any rate levers pushed out of range. */
  readonly demand?:
    | { readonly rows: readonly DemandRow[]; readonly clamps: readonly DemandClamp[] }
    | undefined;
  /** Moved stock M(Y) per lever (zeros for levers that are not active shifts). */
  readonly moved: Float64Array[];
  readonly income: Float64Array;
  readonly expenditure: Float64Array;
  readonly inYear: Float64Array;
  readonly cumulative: Float64Array;
}

/** One conditional Safety Valve payment in one FY (spec §7 funding): paid only when the in-year balance before it meets the target. */
export interface SafetyValvePayment {
  lever: string;
  k: number;
  amount: number;
  target: number;
  inYearBefore: number;
  paid: boolean;
}

/** A lever selection: bit i set means lever i (in declared order) is applied. @example allLevers(model) === 0b111 for three levers */
export type LeverMask = number;

/** The mask that applies no lever (the unmitigated forecast). */
export const NO_LEVERS: LeverMask = 0;

/** The mask that applies every lever (the mitigated forecast). @example allLevers(normalise(s)) */
export function allLevers(model: Model): LeverMask {
  // A shift keeps small masks small integers (V8 stores 2 ** n - 1 as a double, which deoptimises
  // the code that tested masks as integers).
  const n = model.levers.length;
  return n < 30 ? (1 << n) - 1 : 2 ** n - 1;
}

// Bit i of the mask; masks of up to 31 levers fit a 32-bit integer (validation allows 16).
const on = (mask: LeverMask, i: number) =>
  i < 31 ? ((mask >>> i) & 1) === 1 : Math.floor(mask / 2 ** i) % 2 === 1;

/** One path's draw of the uncertain assumptions: a growth shift per placement and one unit-cost inflation shift. */
export interface Draw {
  /** Added to each placement's growth in every forecast year (the result clamped at −100%). */
  readonly growth: Float64Array;
  /** Added to every placement's unit-cost inflation in every forecast year (the factor clamped at 0). */
  readonly inflation: number;
  /** The unit costs that inflation shift gives, per placement, when already worked out for the path. */
  readonly unitCosts?: readonly Float64Array[] | undefined;
}

/**
 * What a projection of one model works in: arrays for the counts, levered unit costs, cost sums and
 * ledger, and facts about the model worked out once. A simulation makes one and reuses it for
 * thousands of projections, so a trajectory projected into it (its counts, unit costs and balances)
 * is valid only until the next projection into the same workspace. So are its ledger parts (lines,
 * staffing, income): a simulation alternates two lever selections, and the parts of the last two are
 * kept and refreshed with each projection's confidences rather than made again.
 */
export interface Workspace {
  /** The model the workspace was made for: its arrays and cached parts fit no other. */
  readonly model: Model;
  readonly counts: Float64Array<ArrayBuffer>[];
  /** By placement, made when a unit-cost lever first applies to it. */
  readonly unitCosts: (Float64Array<ArrayBuffer> | undefined)[];
  /** The unit-cost series each placement uses in a projection: its own, a draw's, or one in unitCosts. */
  readonly unitCostOf: Float64Array[];
  /** Bit i set when lever i (a growth reduction or unit-cost change) names the placement. */
  readonly touches: Int32Array;
  /** Bit i set in the entry of lever i's type: a mask's levers of one type are `mask & typeBits[type]`. */
  readonly typeBits: Readonly<Record<LeverModel["type"], number>>;
  /** Whether any placement is costed by places and top-ups. */
  readonly funded: boolean;
  /** Per-FY arrays a lean projection works in: zeros (never written), sums, the ledger's. */
  readonly zeros: Float64Array;
  readonly recoupment: Float64Array;
  readonly placementSum: Float64Array;
  readonly ledger: LedgerArrays;
  /** Shifts' scratch: each shift lever's moved stock (lean runs), and by source placement the stock the active shifts ask of it and its count before they move any. */
  readonly shifts: {
    readonly moved: Float64Array[];
    readonly requested: (Float64Array | undefined)[];
    readonly preShift: (Float64Array | undefined)[];
  };
  /** The ledger parts of the last two lever selections projected lean into this workspace. */
  readonly parts: Map<LeverMask, ProjectedParts>;
}

/** A workspace for projections of `model`. @example project(model, NO_LEVERS, undefined, undefined, { lean: true, into: workspaceOf(model) }) */
export function workspaceOf(model: Model): Workspace {
  const n = model.horizon + 1;
  const P = model.placements.length;

  // Validation allows 16 levers; a lever mask past 31 bits could not be tested with integer ands.
  if (model.levers.length > 31)
    throw new Error(`a projection takes at most 31 levers, found ${model.levers.length}`);
  const touches = new Int32Array(P);
  const typeBits: Record<LeverModel["type"], number> = {
    growthReduction: 0,
    placementShift: 0,
    unitCostChange: 0,
    lineChange: 0,
    staffing: 0,
    transfer: 0,
    grant: 0,
    safetyValve: 0,
    newPlansChange: 0,
    cessationChange: 0,
    conversionChange: 0,
    stabilityGrant: 0,
  };
  const sources = new Set<number>();
  model.levers.forEach((lever, i) => {
    typeBits[lever.type] |= 1 << i;
    if (lever.type === "placementShift") sources.add(lever.from);
    if (lever.type !== "growthReduction" && lever.type !== "unitCostChange") return;
    for (let pi = 0; pi < P; pi++)
      if (lever.member[pi] === 1) touches[pi] = (touches[pi] as number) | (1 << i);
  });
  return {
    model,
    counts: model.placements.map(() => new Float64Array(n)),
    unitCosts: [],
    unitCostOf: model.placements.map((p) => p.unitCost),
    touches,
    typeBits,
    funded: model.placements.some((p) => p.places),
    zeros: new Float64Array(n),
    recoupment: new Float64Array(n),
    placementSum: new Float64Array(n),
    shifts: {
      moved: model.levers.map(() => new Float64Array(n)),
      requested: model.placements.map((_, pi) => (sources.has(pi) ? new Float64Array(n) : undefined)),
      preShift: model.placements.map((_, pi) => (sources.has(pi) ? new Float64Array(n) : undefined)),
    },
    parts: new Map(),
    ledger: {
      stabilityGrant: new Float64Array(n),
      income: new Float64Array(n),
      expenditure: new Float64Array(n),
      inYear: new Float64Array(n),
      cumulative: new Float64Array(n),
    },
  };
}

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
  const demand = model.demand ? flowDrivenCounts(model, mask, confidence, counts) : undefined;
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

// Lever i's confidence in a projection: the one given for it, else its own.
function confidenceAt(model: Model, confidence: ArrayLike<number> | undefined, i: number): number {
  return confidence?.[i] ?? model.levers[i]?.confidence ?? 1;
}

// Growth levers change the rate; counts compound from it. A drawn shift applies first, clamped at
// −100%, then the active reductions in declared order.
function grownCounts(
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

// With a demand section the EHCP placements' total follows the flows (new plans, cessations,
// ageing); each keeps the share of that total its own growth gives it: growth sets the mix, the
// flows the level. The base year is unchanged (the stock is scaled to the placements' total).
function flowDrivenCounts(
  model: Model,
  mask: LeverMask,
  confidence: ArrayLike<number> | undefined,
  counts: Float64Array[],
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

// Shifts move stock after growth (moved stock does not grow). Shifts from one source share its
// pre-shift count pro rata when together they ask for more than it holds, so the result does not
// depend on the order levers are declared in. Only active shifts move stock; every other lever
// shares one array of zeros.
function shiftedStock(
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

/** What the ledger adds up besides the placements, as a projection makes it, with the transfer rate it used. */
interface ProjectedParts extends LedgerParts {
  readonly transferRate: Float64Array;
  /** Mutable: a Safety Valve line's amounts become what the ledger paid. */
  readonly otherIncome: { id: string; label: string; lever: string | undefined; amounts: Float64Array }[];
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

/** What the ledger adds up besides the placements: a projection's income and other expenditure by FY. */
export type LedgerParts = Pick<
  Trajectory,
  "hnb" | "transfer" | "otherIncome" | "lineCosts" | "staffing" | "implementation" | "stabilityGrantOn"
>;

/** How far short of its target (£) an in-year balance may fall and still earn a Safety Valve payment: half a penny, for floating-point noise. */
export const SAFETY_VALVE_TOLERANCE = 0.005;

/** The balances of a ledger by FY. */
export interface LedgerArrays {
  /** The Stability Grant paid by FY (part of income). */
  readonly stabilityGrant: Float64Array;
  readonly income: Float64Array;
  readonly expenditure: Float64Array;
  readonly inYear: Float64Array;
  readonly cumulative: Float64Array;
}

/** The balances of a ledger (spec §6) and the Safety Valve payments it made, by lever id. */
export interface Ledger extends LedgerArrays {
  readonly safetyValve: SafetyValvePayment[];
  readonly paid: ReadonlyMap<string, Float64Array>;
}

/**
 * The ledger (spec §6) from a projection's parts and its placements' cost summed by FY. An income
 * line of a Safety Valve lever is conditional: the payment is made only if the in-year balance
 * without it meets that year's target (what the line held is ignored).
 * @example balanceLedger(model, t, sumByYear(t.placementCosts, 6)).cumulative // t.cumulative again
 */
export function balanceLedger(
  model: Model,
  parts: LedgerParts,
  placementSum: ArrayLike<number>,
  into?: LedgerArrays,
): Ledger {
  const n = model.horizon + 1;
  const { hnb, transfer, otherIncome, lineCosts, staffing, implementation } = parts;
  const grant = parts.stabilityGrantOn ? model.income.stabilityGrant : undefined;
  // The Safety Valve lever of each income line (undefined for the others); most scenarios have
  // none, and only a lever's own line (lever set) can be one.
  let conditional: (Extract<LeverModel, { type: "safetyValve" }> | undefined)[] | undefined;
  const paid = new Map<string, Float64Array>();
  for (let i = 0; i < otherIncome.length; i++) {
    const id = (otherIncome[i] as LedgerParts["otherIncome"][number]).lever;
    if (id === undefined) continue;
    const lever = model.levers.find((l) => l.id === id);
    if (lever?.type !== "safetyValve") continue;
    conditional ??= otherIncome.map(() => undefined);
    conditional[i] = lever;
    paid.set(lever.id, new Float64Array(n));
  }
  // Every FY of the arrays is written below.
  const income = into?.income ?? new Float64Array(n);
  const expenditure = into?.expenditure ?? new Float64Array(n);
  const inYear = into?.inYear ?? new Float64Array(n);
  const cumulative = into?.cumulative ?? new Float64Array(n);
  const stabilityGrant = (into?.stabilityGrant ?? new Float64Array(n)).fill(0);
  const safetyValve: SafetyValvePayment[] = [];
  let balance = model.openingBalance;
  for (let k = 0; k < n; k++) {
    let inc = (hnb[k] ?? 0) + (transfer[k] ?? 0);
    // A conditional line holds nothing until its payment is made.
    for (let i = 0; i < otherIncome.length; i++)
      inc += conditional?.[i] ? 0 : ((otherIncome[i] as LedgerParts["otherIncome"][number]).amounts[k] ?? 0);
    let exp = placementSum[k] as number;
    for (const c of lineCosts) exp += c[k] ?? 0;
    for (const s of staffing) if (s.model.fundedBy === "HNB") exp += s.cost[k] ?? 0;
    for (const g of implementation) exp += g.cost[k] ?? 0;
    const before = inc - exp;
    if (conditional)
      for (const lever of conditional) {
        if (!lever) continue;
        const amount = lever.payments[k] ?? 0;
        if (amount <= 0) continue;
        const target = lever.targets[k] ?? 0;
        // Met to the half penny: a balance that equals its target by hand can come out a few
        // billionths of a pound short in floating point, and must not lose the payment for it.
        const met = before >= target - SAFETY_VALVE_TOLERANCE;
        if (met) {
          (paid.get(lever.id) as Float64Array)[k] = amount;
          inc += amount;
        }
        safetyValve.push({ lever: lever.id, k, amount, target, inYearBefore: before, paid: met });
      }
    // The Stability Grant pays off the deficit at the end of deficitFY (spec §11), whose closing
    // balance is already known; added after the Safety Valve test, whose targets are the
    // underlying in-year balance, not a one-off payment towards the historic deficit.
    if (grant && k === grant.paidK) {
      const closing = grant.deficitK < 0 ? model.openingBalance : (cumulative[grant.deficitK] as number);
      const amount = stabilityGrantAmount(grant, closing);
      stabilityGrant[k] = amount;
      inc += amount;
    }
    income[k] = inc;
    expenditure[k] = exp;
    inYear[k] = inc - exp;
    balance += inc - exp;
    cumulative[k] = balance;
  }
  return { income, expenditure, inYear, cumulative, stabilityGrant, safetyValve, paid };
}

/**
 * Per-year sums of series, added in the order given (as the ledger adds placements), onto `start`
 * (zeros by default) from series `from` on; with `partial`, the running sum after each series.
 * @example sumByYear([Float64Array.of(1, 2), Float64Array.of(3, 4)], 2) // [4, 6]
 */
export function sumByYear(
  series: readonly ArrayLike<number>[],
  n: number,
  start?: ArrayLike<number>,
  from = 0,
  partial?: Float64Array[],
): Float64Array {
  const sum = start ? Float64Array.from(start) : new Float64Array(n);
  for (let i = from; i < series.length; i++) {
    const c = series[i] as ArrayLike<number>;
    for (let k = 0; k < n; k++) sum[k] = (sum[k] as number) + (c[k] ?? 0);
    partial?.push(Float64Array.from(sum));
  }
  return sum;
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

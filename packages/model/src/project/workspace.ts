// Lever masks (which levers a projection applies) and the reusable workspace a projection writes
// into, so the many projections of attribution and simulation allocate once.
import type { LeverModel } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import type { LedgerArrays, LedgerParts } from "./ledger.js";

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

/** Whether lever i is on in the mask; masks of up to 31 levers fit a 32-bit integer (validation allows 16). @example on(0b101, 2) === true */
export const on = (mask: LeverMask, i: number) =>
  i < 31 ? ((mask >>> i) & 1) === 1 : Math.floor(mask / 2 ** i) % 2 === 1;

/** One path's draw of the uncertain assumptions: a growth shift per placement, one unit-cost inflation shift, and the demand flows' shifts. */
export interface Draw {
  /** Added to each placement's growth in every forecast year (the result clamped at −100%). */
  readonly growth: Float64Array;
  /** Added to every placement's unit-cost inflation in every forecast year (the factor clamped at 0). */
  readonly inflation: number;
  /** The unit costs that inflation shift gives, per placement, when already worked out for the path. */
  readonly unitCosts?: readonly Float64Array[] | undefined;
  /** With a demand section: added to the growth of new plans (or requests) in every forecast year. */
  readonly flow?: number;
  /** With a demand section: rate points added to every band's cessation rate. */
  readonly cessation?: number;
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

/** What the ledger adds up besides the placements, as a projection makes it, with the transfer rate it used. */
export interface ProjectedParts extends LedgerParts {
  readonly transferRate: Float64Array;
  /** Mutable: a Safety Valve line's amounts become what the ledger paid. */
  readonly otherIncome: { id: string; label: string; lever: string | undefined; amounts: Float64Array }[];
}

/** Lever i's confidence in a projection: the one given for it, else its own. @example confidenceAt(model, undefined, 0) */
export function confidenceAt(model: Model, confidence: ArrayLike<number> | undefined, i: number): number {
  return confidence?.[i] ?? model.levers[i]?.confidence ?? 1;
}

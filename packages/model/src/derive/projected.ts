import { leverKind } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { allLevers, type LeverMask, NO_LEVERS, type Trajectory } from "../project/projection.js";
import { projectSubsets, type Subsets } from "./attribution.js";

/** The projections a forecast derives its figures from, each run once. */
export interface Projected {
  readonly unmitigated: Trajectory;
  readonly mitigated: Trajectory;
  /** Every lever except the funding ones: the Safety Valve view's "savings only" path. */
  readonly savingsOnly: Trajectory;
  /** Every subset of levers (2^n projections), for attribution. */
  readonly subsets: Subsets;
}

/** The mask of every saving lever (funding levers left out). @example savingsMask(model) */
export function savingsMask(model: Model): LeverMask {
  let mask = allLevers(model);
  model.levers.forEach((l, i) => {
    if (leverKind(l.type) === "funding") mask -= 2 ** i;
  });
  return mask;
}

/**
 * The pipeline's project stage: every subset of levers projected exactly once (2^n projections;
 * one without levers), the unmitigated, mitigated and savings-only trajectories among them.
 * @example projectAll(compile(s).model).mitigated.cumulative
 */
export function projectAll(model: Model, onProgress?: (done: number, total: number) => void): Projected {
  const all = allLevers(model);
  const bare = savingsMask(model);
  const subsets = projectSubsets(model, [NO_LEVERS, all, bare], onProgress);
  const kept = (mask: LeverMask) => subsets.kept.get(mask) as Trajectory;
  return { unmitigated: kept(NO_LEVERS), mitigated: kept(all), savingsOnly: kept(bare), subsets };
}

import type { Model } from "../compile/model.js";
import { type LeverMask, project, type Trajectory, workspaceOf } from "../project/projection.js";

/** Every subset of levers projected once: the final cumulative balance and each FY's in-year balance per mask, and the trajectories asked to be kept. */
export interface Subsets {
  /** Final cumulative balance by mask (2^n values). */
  readonly final: Float64Array;
  /** In-year balance by FY k, then mask: inYear[k][mask]. */
  readonly inYear: readonly Float64Array[];
  /** The whole trajectory of each mask asked for. */
  readonly kept: ReadonlyMap<LeverMask, Trajectory>;
  /** With a Stability Grant: the grant each subset receives (2^n values), for each lever's effect on it. */
  readonly grant?: Float64Array;
  /**
   * The two sides of the ledger per subset, summed over the reported years (issue #32): spending
   * (expenditure less grant levers' implementation spend) and funding (income less the Stability
   * Grant, net of that implementation spend). final = opening + funding − spend + grant.
   */
  readonly spend: Float64Array;
  readonly funding: Float64Array;
  /** With a Safety Valve lever: the payments each subset is paid (2^n values). */
  readonly payments?: Float64Array;
  /** How many projections were run (2^n: each subset exactly once). */
  readonly projections: number;
}

/**
 * Projects every subset of levers exactly once (2^n projections), keeping the per-FY in-year
 * balances attribution needs and the whole trajectories of the masks in `keep`.
 * @example projectSubsets(model, [0, allLevers(model)]).kept.get(0) // the unmitigated trajectory
 */
export function projectSubsets(
  model: Model,
  keep: readonly LeverMask[] = [],
  onProgress?: (done: number, total: number) => void,
  confidence?: ArrayLike<number>,
): Subsets {
  const size = 2 ** model.levers.length;
  const years = model.financialYears.length;
  const final = new Float64Array(size);
  const inYear = Array.from({ length: years }, () => new Float64Array(size));
  const grant = model.income.stabilityGrant ? new Float64Array(size) : undefined;
  const spend = new Float64Array(size);
  const funding = new Float64Array(size);
  const payments = model.levers.some((l) => l.type === "safetyValve") ? new Float64Array(size) : undefined;
  const kept = new Map<LeverMask, Trajectory>();
  const wanted = new Set(keep);
  // A very large scenario (thousands of placement types, 16 levers) takes minutes: say how far it is.
  const every = Math.max(1, Math.floor(size / 100));
  // Subsets whose trajectory is not kept are projected lean, in one reused workspace.
  const workspace = workspaceOf(model);
  for (let mask: LeverMask = 0; mask < size; mask++) {
    const t = wanted.has(mask)
      ? project(model, mask, confidence)
      : project(model, mask, confidence, undefined, { lean: true, into: workspace });
    final[mask] = t.cumulative[years - 1] as number;
    for (let k = 0; k < years; k++) (inYear[k] as Float64Array)[mask] = t.inYear[k] as number;
    if (grant) grant[mask] = t.stabilityGrant.reduce((a, v) => a + v, 0);
    const sides = ledgerSides(t);
    spend[mask] = sides.spend;
    funding[mask] = sides.funding;
    if (payments) payments[mask] = t.safetyValve.reduce((a, p) => a + (p.paid ? p.amount : 0), 0);
    if (wanted.has(mask)) kept.set(mask, t);
    if (onProgress && (mask % every === 0 || mask === size - 1)) onProgress(mask + 1, size);
  }
  return {
    final,
    inYear,
    kept,
    projections: size,
    spend,
    funding,
    ...(grant ? { grant } : {}),
    ...(payments ? { payments } : {}),
  };
}

/**
 * A trajectory's spending and funding over the reported years (issue #32): grant levers' implementation
 * spend is netted off their income, on the funding side, and the Stability Grant is on neither.
 * @example ledgerSides(project(model, NO_LEVERS)).spend // Σ expenditure
 */
export function ledgerSides(
  t: Pick<Trajectory, "income" | "expenditure" | "stabilityGrant" | "implementation">,
): { spend: number; funding: number } {
  let spend = 0;
  let funding = 0;
  for (let k = 0; k < t.income.length; k++) {
    let implementation = 0;
    for (const g of t.implementation) implementation += g.cost[k] ?? 0;
    spend += (t.expenditure[k] ?? 0) - implementation;
    funding += (t.income[k] ?? 0) - (t.stabilityGrant[k] ?? 0) - implementation;
  }
  return { spend, funding };
}

/**
 * Sequential and Shapley shares among some levers only (`members`, indices in declared order), of
 * the values the subsets give with the levers in `fixed` always applied: the funding levers' shares
 * of the money received, with every saving lever in place.
 * @example sharesAmong(projectSubsets(model).funding, [0], NO_LEVERS).shapley // lever 0's share of the money received
 */
export function sharesAmong(
  values: Float64Array,
  members: readonly number[],
  fixed: LeverMask,
): { sequential: number[]; shapley: number[] } {
  const m = members.length;
  const compact = new Float64Array(2 ** m);
  for (let c = 0; c < compact.length; c++) {
    let mask = fixed;
    members.forEach((lever, j) => {
      if (Math.floor(c / 2 ** j) % 2 === 1) mask += 2 ** lever;
    });
    compact[c] = values[mask] ?? 0;
  }
  return { sequential: sequentialSavings(compact, m), shapley: shapleyShares(compact, m) };
}

/**
 * The final cumulative balance for every subset of levers, indexed by mask (2^n forecasts, each once).
 * @example subsetValues(model)[0] // the unmitigated final balance
 */
export function subsetValues(
  model: Model,
  confidence?: ArrayLike<number>,
  onProgress?: (done: number, total: number) => void,
): Float64Array {
  return projectSubsets(model, [], onProgress, confidence).final;
}

/**
 * Each lever's sequential saving: the improvement in the final cumulative balance when it is added
 * after the levers declared before it. They add up to mitigated minus unmitigated.
 * @example sequentialSavings(subsetValues(model), 3) // [s1, s2, s3]
 */
export function sequentialSavings(values: Float64Array, leverCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < leverCount; i++) {
    const before = 2 ** i - 1;
    out.push((values[before + 2 ** i] ?? 0) - (values[before] ?? 0));
  }
  return out;
}

/**
 * Each lever's Shapley share: its marginal saving averaged over every order of the levers,
 * computed exactly from the 2^n subset values. Adds up to mitigated minus unmitigated and does
 * not depend on declaration order.
 * @example shapleyShares(subsetValues(model), 3) // [φ1, φ2, φ3]
 */
export function shapleyShares(values: Float64Array, leverCount: number): number[] {
  const n = leverCount;
  // weight(s) = s!(n−s−1)!/n!: the share of orders in which a given set of s levers comes first.
  const weight: number[] = [];
  for (let s = 0; s < n; s++) {
    let w = 1 / n;
    for (let j = 1; j <= s; j++) w *= j / (n - j);
    weight.push(w);
  }
  const popcount = (m: number) => {
    let c = 0;
    for (let x = m; x > 0; x = Math.floor(x / 2)) c += x % 2;
    return c;
  };
  const shares = new Array<number>(n).fill(0);
  for (let mask = 0; mask < values.length; mask++) {
    const size = popcount(mask);
    for (let i = 0; i < n; i++) {
      const bit = 2 ** i;
      if (Math.floor(mask / bit) % 2 === 1) continue;
      shares[i] = (shares[i] ?? 0) + (weight[size] ?? 0) * ((values[mask + bit] ?? 0) - (values[mask] ?? 0));
    }
  }
  return shares;
}

import { normalise } from "./model.js";
import { allLevers, project } from "./projection.js";
import type { Mitigation, Scenario } from "./schema.js";
import { financialYears } from "./time.js";

/** The lever parameters goal seek can vary, and the range searched when none is given ([no effort, most effort]). */
export const GOAL_SEEK_PARAMETERS = {
  reduction: { types: ["growthReduction"], range: [0, 0.5] },
  confidence: {
    types: ["growthReduction", "placementShift", "unitCostChange", "lineChange", "grant"],
    range: [0, 1],
  },
  change: { types: ["unitCostChange", "lineChange"], range: [0, -0.5] },
  movesPerYear: { types: ["placementShift"], range: [0, 1000] },
  transferRate: { types: ["transfer"], range: [0, 0.05] },
  amountPerYear: { types: ["grant"], range: [0, 100_000_000] },
} as const satisfies Record<
  string,
  { types: readonly Mitigation["type"][]; range: readonly [number, number] }
>;

/** A parameter goal seek can vary. */
export type GoalSeekParameter = keyof typeof GOAL_SEEK_PARAMETERS;

/** What to solve for: the lever, its parameter, the FY whose in-year balance must reach zero, the range. */
export interface GoalSeekRequest {
  lever: string;
  parameter: GoalSeekParameter;
  targetFY: string;
  /** [no effort, most effort]; the answer is the value nearest the first that balances the year. */
  range?: readonly [number, number];
  /** Stop when the bracket is narrower than this (default 1e-9 of the range). */
  tolerance?: number;
}

/** The answer: the least effort that balances the target year, or why there is none in the range. */
export type GoalSeekResult =
  | { ok: true; value: number; inYear: number; iterations: number }
  | { ok: false; reason: string; atMostEffort: number };

// The scenario with one lever parameter set: levers are plain data, so a copy with one field changed.
function withParameter(s: Scenario, index: number, parameter: GoalSeekParameter, value: number): Scenario {
  const m = s.mitigations[index] as Mitigation;
  let changed: Mitigation;
  if (parameter === "movesPerYear" && m.type === "placementShift") {
    changed = { ...m, moves: Object.fromEntries(Object.keys(m.moves).map((y) => [y, value])) };
  } else if (parameter === "transferRate" && m.type === "transfer") {
    changed = {
      ...m,
      transferRate: Object.fromEntries(Object.keys(m.transferRate).map((fy) => [fy, value])),
    };
  } else if (parameter === "amountPerYear" && m.type === "grant") {
    changed = { ...m, amounts: Object.fromEntries(Object.keys(m.amounts).map((fy) => [fy, value])) };
  } else {
    changed = { ...m, [parameter]: value } as Mitigation;
  }
  return { ...s, mitigations: s.mitigations.map((x, i) => (i === index ? changed : x)) };
}

/**
 * Finds the least effort on one lever parameter that brings the mitigated in-year balance of the
 * target FY to zero (bisection; assumes more effort never worsens the balance), or says that no
 * value in the range does.
 * @example goalSeek(s, { lever: "inclusion", parameter: "reduction", targetFY: "2028-29" }) // { ok: true, value: 0.031, ... }
 */
export function goalSeek(s: Scenario, request: GoalSeekRequest): GoalSeekResult {
  const index = s.mitigations.findIndex((m) => m.id === request.lever);
  const lever = s.mitigations[index];
  const spec = GOAL_SEEK_PARAMETERS[request.parameter];
  if (!lever)
    return { ok: false, reason: `no lever "${request.lever}" in the scenario`, atMostEffort: Number.NaN };
  if (!(spec.types as readonly string[]).includes(lever.type)) {
    return {
      ok: false,
      reason: `parameter "${request.parameter}" does not apply to a ${lever.type} lever (it applies to ${spec.types.join(", ")})`,
      atMostEffort: Number.NaN,
    };
  }
  const k = financialYears(s.baseYear, s.horizon).indexOf(request.targetFY);
  if (k < 0)
    return {
      ok: false,
      reason: `${request.targetFY} is not a reported financial year of the scenario`,
      atMostEffort: Number.NaN,
    };
  const [lo0, hi0] = request.range ?? spec.range;
  const inYear = (v: number) => {
    const model = normalise(withParameter(s, index, request.parameter, v));
    return project(model, allLevers(model)).inYear[k] ?? 0;
  };
  const atLeast = inYear(lo0);
  if (atLeast >= 0) return { ok: true, value: lo0, inYear: atLeast, iterations: 0 };
  const atMost = inYear(hi0);
  if (atMost < 0) {
    return {
      ok: false,
      reason: `no ${request.parameter} from ${lo0} to ${hi0} on lever "${request.lever}" balances ${request.targetFY}: at ${hi0} the in-year balance is still ${Math.round(atMost).toLocaleString("en-GB")}`,
      atMostEffort: atMost,
    };
  }
  let lo = lo0;
  let hi = hi0;
  const tolerance = request.tolerance ?? Math.abs(hi0 - lo0) * 1e-9;
  let iterations = 0;
  while (Math.abs(hi - lo) > tolerance && iterations < 200) {
    const mid = (lo + hi) / 2;
    if (inYear(mid) >= 0) hi = mid;
    else lo = mid;
    iterations++;
  }
  return { ok: true, value: hi, inYear: inYear(hi), iterations };
}

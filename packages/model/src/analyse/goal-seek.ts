import type { TransferRoute } from "../compile/income.js";
import { normalise } from "../compile/model.js";
import { forecast } from "../derive/forecast.js";
import { allLevers, project } from "../project/projection.js";
import { closest } from "../scenario/names.js";
import type { Mitigation, Scenario } from "../scenario/schema.js";
import { parseScenario } from "../scenario/validate.js";
import { formatMoney } from "../units/money.js";
import { financialYears } from "../units/time.js";

/** A parameter's valid values, as schema.ts bounds the lever field it sets (min/max inclusive, above exclusive). */
export interface GoalSeekBounds {
  min?: number;
  above?: number;
  max?: number;
  /** How the bounds read in a message. */
  expects: string;
}

/**
 * The lever parameters goal seek can vary: the lever types each applies to, the range searched when none
 * is given ([no effort, most effort]) and the values the scenario schema (schema.ts) accepts for the field.
 */
export const GOAL_SEEK_PARAMETERS = {
  reduction: {
    types: ["growthReduction"],
    range: [0, 0.5],
    valid: { min: 0, max: 1, expects: "between 0 and 1 (a reduction in the growth rate)" },
  },
  confidence: {
    types: ["growthReduction", "placementShift", "unitCostChange", "lineChange", "grant"],
    range: [0, 1],
    valid: { min: 0, max: 1, expects: "between 0 and 1" },
  },
  change: {
    types: ["unitCostChange", "lineChange", "newPlansChange", "conversionChange", "cessationChange"],
    range: [0, -0.5],
    valid: { above: -1, expects: "a finite rate above -1" },
  },
  movesPerYear: {
    types: ["placementShift"],
    range: [0, 1000],
    valid: { min: 0, expects: "a finite number, zero or more" },
  },
  transferRate: {
    types: ["transfer"],
    range: [0, 0.05],
    valid: { min: 0, max: 1, expects: "a rate between 0 and 1 (0% to 100%)" },
  },
  amountPerYear: {
    types: ["grant"],
    range: [0, 100_000_000],
    valid: { min: 0, expects: "a finite amount, zero or more" },
  },
} as const satisfies Record<
  string,
  { types: readonly Mitigation["type"][]; range: readonly [number, number]; valid: GoalSeekBounds }
>;

// Where a lever type's field runs the other way, or within other bounds, than the parameter's
// default: more cessations are the effort (change up to +0.2, 20 points), and the flow levers'
// changes take the schema's bounds for their type (schema-levers.ts).
const BY_TYPE: Partial<
  Record<
    GoalSeekParameter,
    Partial<Record<Mitigation["type"], { range: readonly [number, number]; valid: GoalSeekBounds }>>
  >
> = {
  change: {
    newPlansChange: {
      range: [0, -0.5],
      valid: { above: -1, max: 10, expects: "a fraction above -1, e.g. -0.1 for 10% fewer new plans" },
    },
    conversionChange: {
      range: [0, -0.5],
      valid: { min: -1, max: 1, expects: "rate points between -1 and 1, e.g. -0.05" },
    },
    cessationChange: {
      range: [0, 0.2],
      valid: { min: -1, max: 1, expects: "rate points between -1 and 1, e.g. 0.02" },
    },
  },
};

/** The range searched by default ([no effort, most effort]) for a parameter on a lever type. @example goalSeekRange("change", "cessationChange") // [0, 0.2] */
export function goalSeekRange(parameter: GoalSeekParameter, type?: string): readonly [number, number] {
  return byType(parameter, type)?.range ?? GOAL_SEEK_PARAMETERS[parameter].range;
}

function byType(parameter: GoalSeekParameter, type: string | undefined) {
  const table = BY_TYPE[parameter];
  return type !== undefined && table && Object.hasOwn(table, type)
    ? table[type as Mitigation["type"]]
    : undefined;
}

/** A parameter goal seek can vary. */
export type GoalSeekParameter = keyof typeof GOAL_SEEK_PARAMETERS;

/** Whether a name is a goal-seek parameter (own keys only: "constructor" is not). @example isGoalSeekParameter("reduction") === true */
export function isGoalSeekParameter(name: string): name is GoalSeekParameter {
  return Object.hasOwn(GOAL_SEEK_PARAMETERS, name);
}

/** The parameters goal seek can vary on a lever of a type. @example goalSeekParametersFor("transfer") // ["transferRate"] */
export function goalSeekParametersFor(type: string): GoalSeekParameter[] {
  return (Object.keys(GOAL_SEEK_PARAMETERS) as GoalSeekParameter[]).filter((p) =>
    (GOAL_SEEK_PARAMETERS[p].types as readonly string[]).includes(type),
  );
}

/** Why a value is not one a parameter can take on a lever type (non-finite or outside the schema's bounds), or undefined. @example goalSeekValueProblem("confidence", 50) === "must be between 0 and 1" */
export function goalSeekValueProblem(
  parameter: GoalSeekParameter,
  v: number,
  type?: string,
): string | undefined {
  const b: GoalSeekBounds = byType(parameter, type)?.valid ?? GOAL_SEEK_PARAMETERS[parameter].valid;
  const outside =
    !Number.isFinite(v) ||
    (b.min !== undefined && v < b.min) ||
    (b.above !== undefined && v <= b.above) ||
    (b.max !== undefined && v > b.max);
  return outside ? `must be ${b.expects}` : undefined;
}

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

/** The request field a refused request is wrong in; `range` names the end (0: no effort, 1: most effort). */
export type GoalSeekField = "lever" | "parameter" | "targetFY" | "range" | "tolerance";

/**
 * The answer: the least effort that balances the target year, or why there is none in the range; a
 * refused request (no such lever, parameter or FY, an invalid or overflowing range) names its `field`,
 * with `end` for a range and `suggestion` when a known name is close to a misspelt one.
 */
export type GoalSeekResult =
  | {
      ok: true;
      value: number;
      inYear: number;
      iterations: number;
      /**
       * Set when the answer does not bring the balance to zero: "balanced" (the year balances with no
       * effort), or "jump" (the balance steps past zero here, from `below` just short of the value:
       * a Safety Valve payment, say).
       */
      note?: "balanced" | "jump";
      below?: number;
      /**
       * For a transfer rate: the approval the answer needs in the target year, decided on the
       * transfer plus that year's other Schools Block movements (spec §5), with that total rate.
       */
      approval?: { needs: TransferRoute; totalRate: number };
    }
  | {
      ok: false;
      reason: string;
      atMostEffort: number;
      field?: GoalSeekField;
      end?: 0 | 1;
      suggestion?: string;
    };

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

// A refused request: the reason, the request field it concerns and, for a misspelt name, the closest known one.
function refuse(
  reason: string,
  field: GoalSeekField,
  extra: { end?: 0 | 1; suggestion?: string | undefined } = {},
): GoalSeekResult {
  return {
    ok: false,
    reason,
    atMostEffort: Number.NaN,
    field,
    ...(extra.end === undefined ? {} : { end: extra.end }),
    ...(extra.suggestion === undefined ? {} : { suggestion: extra.suggestion }),
  };
}

// Pounds as the ledgers write them: a deficit in brackets, never a minus sign.
const readable = (v: number) => formatMoney(v, { symbol: true });

/**
 * Finds the least effort on one lever parameter that brings the mitigated in-year balance of the
 * target FY to zero (bisection; assumes more effort never worsens the balance), or says that no
 * value in the range does; every figure of an answer is finite.
 * @example goalSeek(s, { lever: "inclusion", parameter: "reduction", targetFY: "2028-29" }) // { ok: true, value: 0.031, ... }
 */
export function goalSeek(s: Scenario, request: GoalSeekRequest): GoalSeekResult {
  const index = s.mitigations.findIndex((m) => m.id === request.lever);
  const lever = s.mitigations[index];
  if (!lever) {
    const ids = s.mitigations.map((m) => m.id);
    return refuse(`no lever "${request.lever}" in the scenario`, "lever", {
      suggestion: closest(String(request.lever), ids),
    });
  }
  const applicable = goalSeekParametersFor(lever.type);
  const takes =
    applicable.length > 0
      ? `a ${lever.type} lever takes ${applicable.join(", ")}`
      : `goal seek can vary no parameter of a ${lever.type} lever`;
  // Own keys only: "constructor", "__proto__" or "toString" are not parameters.
  if (typeof request.parameter !== "string" || !isGoalSeekParameter(request.parameter)) {
    return refuse(`unknown parameter "${String(request.parameter)}": ${takes}`, "parameter", {
      suggestion: closest(String(request.parameter), applicable),
    });
  }
  const parameter = request.parameter;
  const spec = GOAL_SEEK_PARAMETERS[parameter];
  if (!applicable.includes(parameter)) {
    return refuse(
      `parameter "${parameter}" does not apply to a ${lever.type} lever (it applies to ${spec.types.join(", ")}; ${takes})`,
      "parameter",
    );
  }
  const range: readonly [number, number] = request.range ?? goalSeekRange(parameter, lever.type);
  for (const end of [0, 1] as const) {
    const problem = goalSeekValueProblem(parameter, range[end], lever.type);
    if (problem) return refuse(`${parameter} ${problem} (got ${range[end]})`, "range", { end });
  }
  const [lo0, hi0] = range;
  const tolerance = request.tolerance ?? Math.abs(hi0 - lo0) * 1e-9;
  if (!Number.isFinite(tolerance) || tolerance < 0)
    return refuse(`tolerance must be a finite number, zero or more (got ${tolerance})`, "tolerance");
  const years = financialYears(s.baseYear, s.horizon);
  const k = years.indexOf(request.targetFY);
  if (k < 0) {
    return refuse(
      `${request.targetFY} is not a reported financial year of the scenario (${years[0]} to ${years[years.length - 1]})`,
      "targetFY",
      { suggestion: closest(String(request.targetFY), years) },
    );
  }
  // The in-year balance with any Stability Grant left out: the grant pays off the historic deficit
  // once, and a year balanced by it would tell a Forum nothing about the spending (spec §11).
  const inYear = (v: number) => {
    const model = normalise(withParameter(s, index, parameter, v));
    const t = project(model, allLevers(model));
    return (t.inYear[k] ?? 0) - (t.stabilityGrant[k] ?? 0);
  };
  // A bound so large the forecast overflows would answer Infinity or NaN: refused instead.
  const overflow = (v: number, end: 0 | 1) =>
    refuse(
      `at ${parameter} ${v} the forecast overflows (the ${request.targetFY} in-year balance is not a finite number); use a smaller bound`,
      "range",
      { end },
    );
  // The most effort searched must be a scenario the forecast accepts (a growth reduction past
  // −100% growth, say): a figure from one it would refuse answers nothing.
  const invalid = parseScenario(withParameter(s, index, parameter, hi0));
  if (!invalid.ok)
    return refuse(
      `at ${parameter} ${hi0} the scenario is not valid (${invalid.problems[0]?.path}: ${invalid.problems[0]?.message}); search a narrower range`,
      "range",
      { end: 1 },
    );
  const atLeast = inYear(lo0);
  if (!Number.isFinite(atLeast)) return overflow(lo0, 0);
  if (atLeast >= 0) return { ok: true, value: lo0, inYear: atLeast, iterations: 0, note: "balanced" };
  const atMost = inYear(hi0);
  if (!Number.isFinite(atMost)) return overflow(hi0, 1);
  if (atMost < 0) {
    // A lever whose years do not reach the target year cannot move it, whatever its value.
    const moves = Math.abs(atMost - atLeast) > 1e-6 * Math.max(1, Math.abs(atLeast));
    const searched = request.range
      ? ""
      : ` (the default range; --min and --max search further: the parameter takes ${(byType(parameter, lever.type)?.valid ?? spec.valid).expects})`;
    return {
      ok: false,
      reason: moves
        ? `no ${parameter} from ${lo0} to ${hi0} on lever "${request.lever}" balances ${request.targetFY}${searched}: at ${hi0} the in-year balance is still ${readable(atMost)}`
        : `lever "${request.lever}" does not change the ${request.targetFY} in-year balance (${readable(atMost)}) at any ${parameter}: its years do not reach ${request.targetFY}`,
      atMostEffort: atMost,
    };
  }
  let lo = lo0;
  let hi = hi0;
  let iterations = 0;
  while (Math.abs(hi - lo) > tolerance && iterations < 200) {
    // Halves first: (lo + hi) / 2 overflows when both ends are near the largest double.
    const mid = lo / 2 + hi / 2;
    const balance = inYear(mid);
    if (Number.isFinite(balance) && balance >= 0) hi = mid;
    else lo = mid;
    iterations++;
  }
  const balance = inYear(hi);
  if (!Number.isFinite(hi) || !Number.isFinite(balance)) return overflow(hi, 1);
  const approval =
    parameter === "transferRate"
      ? approvalAt(withParameter(s, index, parameter, hi), request.targetFY)
      : undefined;
  const extra = approval ? { approval } : {};
  // Bisection keeps lo short of balancing: a pound or more past zero at hi is a step, not a root.
  if (balance >= 1)
    return { ok: true, value: hi, inYear: balance, iterations, note: "jump", below: inYear(lo), ...extra };
  return { ok: true, value: hi, inYear: balance, iterations, ...extra };
}

// The approval a year's transfer needs in the mitigated forecast, as the forecast reports it.
function approvalAt(s: Scenario, fy: string): { needs: TransferRoute; totalRate: number } | undefined {
  const row = forecast(s).mitigated.transfers.find((t) => t.fy === fy);
  return row ? { needs: row.needs, totalRate: row.totalRate } : undefined;
}

import { readScenarioFile } from "@hnb/io";
import {
  formatMoney,
  formatNumber,
  GOAL_SEEK_PARAMETERS,
  type GoalSeekParameter,
  goalSeek,
  goalSeekRange,
  SCHOOLS_FORUM_LIMIT,
  type Scenario,
  type TransferRoute,
} from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";

const USAGE = `usage: hnb goal-seek FILE --lever ID --parameter NAME --target FY [--min X --max Y] [--json]
  parameters: ${Object.keys(GOAL_SEEK_PARAMETERS).join(", ")}
  --min and --max bound the values searched (for change, the more negative the more effort; on a cessationChange lever, the more positive)`;

// What a refused goal seek says beyond its reason (GoalSeekResult's optional fields, read defensively).
interface Refusal {
  reason: string;
  field?: string;
  end?: number;
  suggestion?: string;
}

const didYouMean = (suggestion: string | undefined) =>
  suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;

/** A goal-seek answer as a finance user reads it. @example describeAnswer("reduction", 0.0312) === "3.12 percentage points (0.0312)" */
export function describeAnswer(parameter: GoalSeekParameter, v: number, type?: string): string {
  // Cessation and conversion changes are rate points added to a rate, not a proportional change.
  if (parameter === "change" && (type === "cessationChange" || type === "conversionChange"))
    return `${(v * 100).toFixed(2)} percentage points (${Number(v.toPrecision(4))})`;
  switch (parameter) {
    case "reduction":
      return `${(v * 100).toFixed(2)} percentage points (${Number(v.toPrecision(4))})`;
    case "change":
    case "transferRate":
    case "confidence":
      return `${(v * 100).toFixed(2)}% (${Number(v.toPrecision(4))})`;
    case "movesPerYear":
      return `${v.toFixed(1)} placements a year`;
    case "amountPerYear":
      return `${pounds(v)} a year`;
  }
}

// Pounds as the ledgers write them: a deficit in brackets, never a minus sign.
const pounds = (v: number) => formatMoney(v, { symbol: true });

/**
 * What the answer means once the lever applies it: a growth reduction at the lever's confidence and
 * ramp; a transfer rate with the approval it needs that year.
 * @example answerContext(scenario, "early-intervention", "reduction", { value: 0.3662, approval: undefined })
 */
function answerContext(
  scenario: Scenario,
  lever: string,
  parameter: GoalSeekParameter,
  result: { value: number; approval?: { needs: TransferRoute; totalRate: number } | undefined },
): string {
  const m = scenario.mitigations.find((x) => x.id === lever);
  if (parameter === "reduction" && m?.type === "growthReduction") {
    const c = m.confidence;
    const ramp =
      m.rampYears > 1 ? `, ramping in over ${m.rampYears} years from ${m.from}` : ` from ${m.from}`;
    return c < 1
      ? ` The lever applies it at its ${formatNumber(100 * c, 1)}% confidence${ramp}: ${(100 * result.value * c).toFixed(2)} points off the growth rate once ramped in.`
      : ` The lever applies it in full${ramp}.`;
  }
  if (result.approval) {
    const rate = `${(100 * result.approval.totalRate).toFixed(2)}% of the Schools Block with the year's other movements`;
    return result.approval.needs === "disapplication"
      ? ` That is ${rate}, above the ${100 * SCHOOLS_FORUM_LIMIT}% Schools Forum limit: it needs a disapplication request to the Secretary of State.`
      : ` That is ${rate}, within the ${100 * SCHOOLS_FORUM_LIMIT}% limit: Schools Forum approval.`;
  }
  return "";
}

/** `hnb goal-seek`: the least effort on one lever that balances the in-year position of a target FY. @example await goalSeekCommand(["s.yaml", "--lever", "inclusion", "--parameter", "reduction", "--target", "2028-29"], io) */
export async function goalSeekCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      lever: { type: "string" },
      parameter: { type: "string" },
      target: { type: "string" },
      min: { type: "string" },
      max: { type: "string" },
      json: { type: "boolean" },
    },
    USAGE,
  );
  const [file] = positionals;
  const { lever, parameter, target } = values;
  if (
    !file ||
    positionals.length > 1 ||
    typeof lever !== "string" ||
    typeof parameter !== "string" ||
    typeof target !== "string"
  ) {
    throw new UsageError(`FILE, --lever, --parameter and --target are required\n${USAGE}`);
  }
  const bound = (name: "min" | "max") => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a finite number, got "${String(v)}"`);
    return n;
  };
  const given = { min: bound("min"), max: bound("max") };
  const flagValue = (name: "min" | "max") => values[name] ?? "(default)";
  if (given.min !== undefined && given.max !== undefined && given.min > given.max)
    throw new UsageError(
      `--min ${values.min} is above --max ${values.max}: --min must not be more than --max`,
    );
  const read = await readScenarioFile(file);
  if (!read.ok) return reportProblems(file, read.problems, io);
  // Own keys only: "constructor" or "__proto__" are not parameters (goalSeek then lists the lever's).
  const known = Object.hasOwn(GOAL_SEEK_PARAMETERS, parameter);
  const p = parameter as GoalSeekParameter;
  const leverType = read.scenario.mitigations.find((m) => m.id === lever)?.type;
  let range: readonly [number, number] | undefined;
  // Effort grows downwards when the default range runs from high to low (change: 0 to -0.5 on a
  // unit cost, 0 to +0.2 on cessations): the range is the lever type's.
  let down = false;
  if (known) {
    const [noEffort, mostEffort] = goalSeekRange(p, leverType);
    down = mostEffort < noEffort;
    const min = given.min ?? Math.min(noEffort, mostEffort);
    const max = given.max ?? Math.max(noEffort, mostEffort);
    const said = (name: "min" | "max", n: number) =>
      values[name] === undefined ? `the default --${name} of ${p} (${n})` : `--${name} ${values[name]}`;
    if (min > max)
      throw new UsageError(
        `${said("min", min)} is above ${said("max", max)}: --min must not be more than --max`,
      );
    range = down ? [max, min] : [min, max];
  }
  const result = goalSeek(read.scenario, {
    lever,
    parameter: p,
    targetFY: target,
    // The default range is the model's own (its answers then say that --min and --max search further).
    ...(range === undefined || (given.min === undefined && given.max === undefined) ? {} : { range }),
  });
  if (!result.ok) {
    const refusal: Refusal = result;
    const hint = didYouMean(refusal.suggestion);
    switch (refusal.field) {
      case "lever": {
        const ids = read.scenario.mitigations.map((m) => m.id).join(", ");
        io.err(`${file}: --lever: ${refusal.reason}${hint || ` (levers: ${ids})`}\n`);
        return EXIT.badInput;
      }
      case "targetFY":
        io.err(`${file}: --target: ${refusal.reason}${hint}\n`);
        return EXIT.badInput;
      case "parameter":
        throw new UsageError(`--parameter: ${refusal.reason}${hint}`);
      case "range": {
        const flag = (refusal.end === 1) !== down ? "max" : "min";
        throw new UsageError(`--${flag} ${flagValue(flag)}: ${refusal.reason}`);
      }
      case undefined:
        break;
      default:
        throw new UsageError(refusal.reason);
    }
  }
  if (values.json) io.out(`${JSON.stringify({ lever, parameter, targetFY: target, range, ...result })}\n`);
  else if (result.ok)
    io.out(
      result.note === "balanced"
        ? `${lever}: the ${target} in-year balance is already ${pounds(result.inYear)} at ${parameter} ${describeAnswer(p, result.value, leverType)}, the least effort searched: nothing more is needed (searched ${range?.[0]} to ${range?.[1]}).\n`
        : result.note === "jump"
          ? `${lever}: no ${parameter} brings the ${target} in-year balance to exactly £0: it steps from ${pounds(result.below ?? 0)} to ${pounds(result.inYear)} at ${describeAnswer(p, result.value, leverType)}, the least effort that balances it (a Safety Valve payment or another step; searched ${range?.[0]} to ${range?.[1]}).\n`
          : `${lever}: ${parameter} of ${describeAnswer(p, result.value, leverType)} brings the ${target} in-year balance to ${pounds(result.inYear)} (searched ${range?.[0]} to ${range?.[1]}).${answerContext(read.scenario, lever, p, result)}\n`,
    );
  else io.out(`${lever}: ${result.reason}.\n`);
  // Which figure the answer balances, where it could be read two ways (spec §11).
  const grant = read.scenario.income.stabilityGrant;
  if (!values.json && grant)
    io.out(
      `The in-year balance here leaves out the High Needs Stability Grant (${grant.paidIn}): it pays off the deficit to ${grant.deficitFY} once and funds no year's spending.\n`,
    );
  return result.ok ? EXIT.ok : EXIT.badInput;
}

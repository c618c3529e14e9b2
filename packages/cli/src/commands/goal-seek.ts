import { readScenarioFile } from "@hnb/io";
import { GOAL_SEEK_PARAMETERS, type GoalSeekParameter, goalSeek } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";

const USAGE = `usage: hnb goal-seek FILE --lever ID --parameter NAME --target FY [--min X --max Y] [--json]
  parameters: ${Object.keys(GOAL_SEEK_PARAMETERS).join(", ")}`;

/** A goal-seek answer as a finance user reads it. @example describeValue("reduction", 0.0312) === "3.12 percentage points (0.0312)" */
export function describeValue(parameter: GoalSeekParameter, v: number): string {
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
      return `£${Math.round(v).toLocaleString("en-GB")} a year`;
  }
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
  if (!(parameter in GOAL_SEEK_PARAMETERS))
    throw new UsageError(`unknown parameter "${parameter}"\n${USAGE}`);
  const bound = (name: "min" | "max") => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (typeof v !== "string" || !Number.isFinite(n))
      throw new UsageError(`--${name} must be a number, got "${String(v)}"`);
    return n;
  };
  const p = parameter as GoalSeekParameter;
  const [lo, hi] = GOAL_SEEK_PARAMETERS[p].range;
  const range = [bound("min") ?? lo, bound("max") ?? hi] as const;
  const read = await readScenarioFile(file);
  if (!read.ok) return reportProblems(file, read.problems, io);
  const result = goalSeek(read.scenario, { lever, parameter: p, targetFY: target, range });
  if (values.json) io.out(`${JSON.stringify({ lever, parameter, targetFY: target, range, ...result })}\n`);
  else if (result.ok)
    io.out(
      `${lever}: ${parameter} of ${describeValue(p, result.value)} brings the ${target} in-year balance to £${Math.round(result.inYear).toLocaleString("en-GB")} (searched ${range[0]} to ${range[1]}).\n`,
    );
  else io.out(`${lever}: ${result.reason}.\n`);
  return result.ok ? EXIT.ok : EXIT.badInput;
}

import { statSync } from "node:fs";
import { readScenarioSource, scenarioFileBytes, scenarioFormatOf, writeFileAtomic } from "@hnb/io";
import { parseScenario } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";

/** Word for word the usage line of `hnb convert`. */
export const CONVERT_USAGE = "usage: hnb convert IN --out OUT";

/**
 * `hnb convert IN --out OUT`: a scenario from YAML, JSON or an input workbook to any of the three
 * (the form follows OUT's extension: .yaml/.yml, .json, .xlsx); figures, formulas and TODOs as written.
 * @example await convertCommand(["data/default-scenario.yaml", "--out", "plan.xlsx"], processConsole())
 */
export async function convertCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: "string" } }, CONVERT_USAGE);
  const input = positionals[0];
  if (input === undefined || positionals.length > 1)
    throw new UsageError(
      `${input === undefined ? "missing the scenario file" : "expected one scenario file"}\n${CONVERT_USAGE}`,
    );
  const out = values.out;
  if (out === undefined)
    throw new UsageError(`--out is required: the file to write (.yaml, .json or .xlsx)\n${CONVERT_USAGE}`);
  const format = scenarioFormatOf(out);
  if (!format)
    throw new UsageError(
      `--out ${out}: the extension says the form to write: .yaml (or .yml), .json or .xlsx\n${CONVERT_USAGE}`,
    );
  // The file written may be a scenario someone filled in: convert never replaces one.
  if (statSync(out, { throwIfNoEntry: false })) {
    io.err(
      `hnb convert: ${out} already exists: convert never replaces a file, which may hold inputs you filled in; remove it or choose another --out. Nothing was written.\n`,
    );
    return EXIT.badInput;
  }
  const read = await readScenarioSource(input);
  if (!read.ok) return reportProblems(input, read.problems, io);
  if (read.data === null || typeof read.data !== "object" || Array.isArray(read.data)) {
    io.err(
      `${input}: (scenario): a scenario is a map of fields (schema, name, baseYear, …), not ${Array.isArray(read.data) ? "a list" : "a single value"}; nothing was written.\n`,
    );
    return EXIT.badInput;
  }
  await writeFileAtomic(out, await scenarioFileBytes(read.data, format, read.notes));
  // Converting is faithful whatever the scenario still lacks; what it lacks is said, not refused.
  const check = parseScenario(read.data);
  const left = check.ok ? [] : check.problems;
  const todo = left.filter((p) => p.code === "not-filled-in").length;
  const note =
    left.length === 0
      ? "a valid scenario"
      : todo === left.length
        ? `${todo} input${todo === 1 ? "" : "s"} still to fill in (marked TODO; hnb validate ${out} lists them)`
        : `${left.length} problem${left.length === 1 ? "" : "s"} to fix (hnb validate ${out} lists them)`;
  io.err(`hnb convert: wrote ${out} from ${input}: ${note}\n`);
  return EXIT.ok;
}

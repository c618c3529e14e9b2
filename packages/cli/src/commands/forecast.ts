import { forumPack } from "@hnb/charts";
import { readScenarioFile, refuseInputsInside, writeFilesAtomic } from "@hnb/io";
import {
  compile,
  type ForecastResult,
  firstNonFinite,
  forecast,
  formatNumber,
  type Scenario,
  SIMULATION_MEMORY_BUDGET,
  simulationBytes,
  simulationFigures,
  type UncertaintyOutput,
  uncertaintyOf,
} from "@hnb/model";
import { type Console, EXIT, hasControlCharacters, parseCommand, UsageError } from "../console.js";
import { readWordingOption } from "../paper-wording.js";
import { reportProblems } from "../problems.js";
import { progress } from "../progress.js";
import { optimiseSooner } from "../tier-up.js";
import { leverTable } from "./lever-table.js";
import { readable, readableUncertainty } from "./readable.js";

export { overrideLine, placeFundingReport, readable, readableUncertainty, warningLines } from "./readable.js";

export { leverTable };

/** The usage line of `hnb forecast`. */
export const FORECAST_USAGE =
  "usage: hnb forecast FILE [--json] [--out DIR] [--paths N] [--seed S] [--source TEXT] [--wording FILE] [--quiet]";
const USAGE = FORECAST_USAGE;

/** What `forecast` and `paper` both compute from a scenario file: the scenario, its forecast and, with --paths, its uncertainty. */
export interface ScenarioRun {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
}

/**
 * Reads, compiles and forecasts a scenario file (and simulates it with `paths`): the one path from a
 * file to figures for every command that writes a forecast; a number is the exit code of a refusal
 * already reported on stderr.
 * @example const run = await runScenario("data/default-scenario.yaml", { quiet: true }, io, FORECAST_USAGE)
 */
export async function runScenario(
  file: string,
  parsed: { paths?: number | undefined; seed?: number | undefined; quiet: boolean },
  io: Console,
  usage: string,
): Promise<ScenarioRun | number> {
  const read = await readScenarioFile(file);
  if (!read.ok) return reportProblems(file, read.problems, io);
  const scenario = read.scenario;
  if (parsed.paths !== undefined && !scenario.uncertainty) {
    io.err(
      `${file}: uncertainty: --paths needs an \`uncertainty\` section in the scenario (growth, costInflation or delivery distributions); see docs/calibration-and-uncertainty.md\n`,
    );
    return EXIT.badInput;
  }
  // One pass: compile once (growth resolved once, by validation), project, derive, simulate, present.
  const compiled = compile(scenario, read.growths);
  if (parsed.paths !== undefined) {
    const bytes = simulationBytes(compiled, parsed.paths);
    if (bytes > SIMULATION_MEMORY_BUDGET) {
      const most = Math.floor((parsed.paths * SIMULATION_MEMORY_BUDGET) / bytes);
      throw new UsageError(
        `--paths ${parsed.paths} would keep ${(bytes / 1024 ** 3).toFixed(1)} GiB of simulated figures (${formatNumber(simulationFigures(compiled))} a path: counts by year and forecast, 2 balances by year and forecast, a growth draw for placement types whose counts follow from it; × ${formatNumber(parsed.paths)} paths × 8 bytes); the budget is ${SIMULATION_MEMORY_BUDGET / 1024 ** 3} GiB: use at most --paths ${most}\n${usage}`,
      );
    }
  }
  const attributing = progress(io, "hnb: attributing savings", parsed.quiet);
  const result = forecast(compiled, { onProgress: attributing.update });
  attributing.finish();
  let uncertainty: UncertaintyOutput | undefined;
  if (parsed.paths !== undefined) {
    const bar = progress(io, "hnb: simulating paths", parsed.quiet);
    optimiseSooner();
    uncertainty = uncertaintyOf(compiled, {
      paths: parsed.paths,
      ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
      onProgress: bar.update,
    });
    bar.finish();
  }
  const payload = uncertainty ? { ...result, uncertainty } : result;
  // Every figure printed or written must be a finite number; an overflow is refused, never shown as £NaN.
  const bad = firstNonFinite(payload);
  if (bad !== undefined) {
    io.err(
      `${file}: the forecast overflows at ${bad}: some inputs are too large to compute with (check counts, unit costs, growth and distributions); nothing was written.\n`,
    );
    return EXIT.badInput;
  }
  return { scenario, result, ...(uncertainty ? { uncertainty } : {}) };
}

/** `hnb forecast FILE [--json] [--out DIR]`. @example await forecastCommand(["data/default-scenario.yaml", "--json"], processConsole()) */
export async function forecastCommand(args: readonly string[], io: Console): Promise<number> {
  const parsed = parse(args);
  const { file, json, out } = parsed;
  // The pack replaces its whole folder: a scenario inside it would be deleted with the old pack.
  // Said before the forecast is worked out; the writer checks again.
  const inputs: Record<string, string> = { [file]: "the scenario file" };
  if (parsed.wording !== undefined) inputs[parsed.wording] = "the --wording file";
  if (out !== undefined) await refuseInputsInside(out, inputs);
  const wording = await readWordingOption(parsed.wording, io);
  if (typeof wording === "number") return wording;
  const run = await runScenario(file, parsed, io, USAGE);
  if (typeof run === "number") return run;
  const { scenario, result, uncertainty } = run;
  const payload = uncertainty ? { ...result, uncertainty } : result;
  if (out !== undefined) {
    // Everything is rendered in memory first, so a failure leaves no partial output folder.
    const bar = progress(io, "hnb: rendering charts", parsed.quiet);
    const files = await forumPack(
      {
        scenario,
        result,
        ...(uncertainty ? { uncertainty } : {}),
        ...(parsed.source !== undefined ? { source: parsed.source } : {}),
        ...(wording ? { wording } : {}),
      },
      bar.update,
    );
    bar.finish();
    await writeFilesAtomic(out, files, { inputs });
    if (!parsed.quiet) io.err(`hnb: wrote ${Object.keys(files).join(", ")} to ${out}\n`);
  }
  if (json) io.out(`${JSON.stringify(payload)}\n`);
  else if (out === undefined || !parsed.quiet) {
    io.out(readable(result));
    if (uncertainty) io.out(readableUncertainty(uncertainty, result));
  }
  return EXIT.ok;
}

// Control characters would reach the SVG text of every chart.
function plainSource(text: string, usage: string): string {
  if (hasControlCharacters(text) || text.trim() === "")
    throw new UsageError(`--source must be plain text, not empty or with control characters\n${usage}`);
  return text.trim();
}

/** The flags `forecast` and `paper` share (after each one's own), as parseCommand takes them. @example RUN_FLAGS.paths.type === "string" */
export const RUN_FLAGS = {
  quiet: { type: "boolean" },
  paths: { type: "string" },
  seed: { type: "string" },
  source: { type: "string" },
  wording: { type: "string" },
} as const;

/** The one scenario file `forecast` and `paper` take; none or more is a usage error ending with `usage`. @example oneScenarioFile(["a.yaml"], FORECAST_USAGE) === "a.yaml" */
export function oneScenarioFile(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1)
    throw new UsageError(
      `${positionals.length ? "expected one scenario file" : "missing the scenario file"}\n${usage}`,
    );
  return positionals[0] as string;
}

/**
 * The options a forecast is run with, checked: --paths, --seed (only with --paths), --source. `forecast`
 * and `paper` share them; a bad one is a usage error ending with `usage`.
 * @example runOptions({ paths: "200" }, FORECAST_USAGE).paths === 200
 */
export function runOptions(
  values: { paths?: string | undefined; seed?: string | undefined; source?: string | undefined },
  usage: string,
): { paths: number | undefined; seed: number | undefined; source: string | undefined } {
  // Without --paths nothing is simulated, so a seed would be ignored with nothing said.
  if (values.seed !== undefined && values.paths === undefined)
    throw new UsageError(
      `--seed sets the simulation's seed and needs --paths N (the scenario's own seed is used with --paths alone)\n${usage}`,
    );
  const number = (text: string, flag: string, min: number, max: number) => {
    try {
      return whole(text, flag, min, max);
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
  };
  return {
    paths: values.paths === undefined ? undefined : number(values.paths, "--paths", 1, 1_000_000),
    seed: values.seed === undefined ? undefined : number(values.seed, "--seed", 0, 4_294_967_295),
    source: values.source === undefined ? undefined : plainSource(values.source, usage),
  };
}

function parse(args: readonly string[]) {
  const { values, positionals } = parseCommand(
    args,
    {
      json: { type: "boolean" },
      out: { type: "string" },
      ...RUN_FLAGS,
    },
    USAGE,
  );
  const file = oneScenarioFile(positionals, USAGE);
  const options = runOptions(values, USAGE);
  // The wording is the paper's, and only a pack holds the paper.
  if (values.wording !== undefined && values.out === undefined)
    throw new UsageError(`--wording sets the wording of the pack's paper.docx and needs --out DIR\n${USAGE}`);
  return {
    file,
    json: values.json === true,
    out: values.out,
    quiet: values.quiet === true,
    ...options,
    wording: values.wording,
  };
}

function whole(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new Error(
      `${flag} must be a whole number from ${formatNumber(min)} to ${formatNumber(max)}, got "${text}"`,
    );
  return n;
}

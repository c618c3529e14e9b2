import { PackError } from "@hnb/io";
import { backtestCommand } from "./commands/backtest.js";
import { forecastCommand } from "./commands/forecast.js";
import { goalSeekCommand } from "./commands/goal-seek.js";
import { importCommand } from "./commands/import.js";
import { validateCommand } from "./commands/validate.js";
import { type Console, EXIT, UsageError } from "./console.js";

const HELP = `hnb: High Needs Block (DSG) forecasts

usage:
  hnb validate FILE                      check a scenario: every problem at once, or a summary
  hnb forecast FILE [--json] [--out DIR] unmitigated and mitigated forecast
      --json     print the result object (spec §8) on stdout and nothing else
      --out DIR  write forecast.json, ledger.csv, placements.csv, levers.csv, every chart as
                 .svg and .png, chart-descriptions.md and management-plan.xlsx into DIR
      --paths N  simulate N paths of the scenario's uncertainty section: adds percentile
                 bands, the tornado table (and the fan and tornado charts with --out)
      --seed S   the random seed (default: the scenario's, else 1); same seed, same numbers
      --quiet    no progress or file list on stderr
  hnb goal-seek FILE --lever ID --parameter NAME --target FY [--min X] [--max Y] [--json]
                                         the least effort on one lever that brings the target
                                         year's mitigated in-year balance to zero
  hnb import DIR --authority NAME [--base-year Y] [--horizon H] [--out FILE]
                                         an authority's DfE SEN2 history (2022 or 2023+ release
                                         layout) as a scenario skeleton with growth: auto
  hnb backtest DIR [--authority NAME] [--level total|placement] [--from YEAR] [--json] [--out DIR]
                                         rolling-origin backtest of every growth method, 1-3
                                         years ahead, for one authority or all of them
  hnb help                               this text
`;

type Command = (args: readonly string[], io: Console) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  forecast: forecastCommand,
  "goal-seek": goalSeekCommand,
  import: importCommand,
  backtest: backtestCommand,
};

/**
 * Runs the command line and returns the exit code; bad input and usage print a message, never a stack trace.
 * @example await main(["validate", "data/default-scenario.yaml"], processConsole()) === 0
 */
export async function main(argv: readonly string[], io: Console): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`hnb: unknown command "${name}"\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hnb ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const io_ = ioProblem(error);
    if (io_) {
      io.err(`hnb ${name}: ${io_}\n`);
      return EXIT.badInput;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`hnb ${name}: internal error: ${message}\n`);
    return EXIT.internal;
  }
}

// What an operating-system error means for the user, by its code.
const ERRNO: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "is a folder, not a file",
  EEXIST: "already exists",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "over the disk quota",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EBUSY: "the file or folder is busy",
  EXDEV: "cannot move across file systems",
  EINVAL: "not a valid path here",
};

/**
 * A message naming the file and what went wrong, for an error from reading or writing files (an
 * operating-system error, or the pack writer's refusal); undefined for anything else (a bug).
 * @example ioProblem(Object.assign(new Error("x"), { code: "EACCES", path: "/out" })) === "cannot write or read /out: permission denied (EACCES)"
 */
export function ioProblem(error: unknown): string | undefined {
  if (error instanceof PackError) return error.message;
  const e = error as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  if (typeof code !== "string" || !(code in ERRNO)) return undefined;
  return `cannot write or read ${e?.path ?? "a file"}: ${ERRNO[code]} (${code})`;
}

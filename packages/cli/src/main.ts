import { createRequire } from "node:module";
import { didYouMean, GOAL_SEEK_PARAMETERS } from "@hnb/model";
import { backtestCommand } from "./commands/backtest.js";
import { COMPARE_USAGE, compareCommand } from "./commands/compare.js";
import { CONVERT_USAGE, convertCommand } from "./commands/convert.js";
import { FORECAST_USAGE, forecastCommand } from "./commands/forecast.js";
import { goalSeekCommand } from "./commands/goal-seek.js";
import { importCommand } from "./commands/import.js";
import { MONITOR_USAGE, monitorCommand } from "./commands/monitor.js";
import { PAPER_USAGE, paperCommand } from "./commands/paper.js";
import { validateCommand } from "./commands/validate.js";
import { type Console, EXIT } from "./console.js";
import { exitStatus } from "./exit.js";
import { safeConsole } from "./safe-console.js";

type Command = (args: readonly string[], io: Console) => Promise<number>;

interface CommandSpec {
  run: Command;
  /** Word for word the usage line the command prints under its own usage errors (test/cli-ergonomics.test.ts checks). */
  usage: string;
  /** One line for the overview. */
  about: string;
  /** The options, one a line, for `hnb COMMAND --help`. */
  options: string;
}

// The one list of commands: the overview, each command's --help, the did-you-mean and the usage
// line added to a usage error are all derived from it, so a command added here is added everywhere.
const COMMANDS: Record<string, CommandSpec> = {
  validate: {
    run: validateCommand,
    usage: "usage: hnb validate FILE",
    about: "check a scenario: every problem at once, or a summary",
    options: "",
  },
  forecast: {
    run: forecastCommand,
    usage: FORECAST_USAGE,
    about: "the unmitigated and mitigated forecast",
    options: `  --json     print the result object (spec §8) on stdout and nothing else
  --out DIR  write forecast.json, ledger.csv, placements.csv, levers.csv, every chart as
             .svg and .png, chart-descriptions.md, management-plan.xlsx and paper.docx into DIR
  --paths N  simulate N paths of the scenario's uncertainty section: adds percentile
             bands, the tornado table (and the fan and tornado charts with --out)
  --seed S   the random seed (default: the scenario's, else 1); same seed, same numbers
  --source TEXT  the source line under every chart (default: the scenario's name)
  --wording FILE the wording of paper.docx (see hnb paper --print-wording)
  --quiet    no progress or file list on stderr`,
  },
  paper: {
    run: paperCommand,
    usage: PAPER_USAGE,
    about: "the Schools Forum paper (Word), every figure computed from the forecast",
    options: `  --out PAPER.docx  the file to write (replaced whole, only once it is complete)
  --paths N         simulate N paths: adds the bands, the fan chart and the tornado
  --seed S          the random seed (default: the scenario's, else 1)
  --source TEXT     the source line under every chart (default: the scenario's name)
  --wording FILE    YAML or JSON replacing any of the paper's fixed texts (docs/forum-paper.md)
  --print-wording   print the default wording, to copy into a wording file
  --quiet           no progress or file name on stderr`,
  },
  "goal-seek": {
    run: goalSeekCommand,
    usage: "usage: hnb goal-seek FILE --lever ID --parameter NAME --target FY [--min X --max Y] [--json]",
    about: "the least effort on one lever that brings a year's mitigated in-year balance to zero",
    options: `  --lever ID       the mitigation lever to vary (its id in the scenario)
  --parameter NAME one of: ${Object.keys(GOAL_SEEK_PARAMETERS).join(", ")}
  --target FY      the financial year to balance, e.g. 2027-28
  --min X --max Y  bound the values searched (for change, the more negative the more effort)
  --json           print the answer as one JSON object`,
  },
  import: {
    run: importCommand,
    usage:
      "usage: hnb import DIR --authority NAME|CODE [--base-year Y] [--horizon H] [--reference national|region] [--out FILE]",
    about: "an authority's DfE SEN2 history as a scenario skeleton with growth: auto",
    options: `  DIR                       a DfE SEN2 release (2022 or 2023+ layout)
  --authority NAME|CODE     the authority: a name, or a new or old LA code
  --base-year Y             the base census year (default: the latest in DIR)
  --horizon H               years to forecast (default 5)
  --reference national|region  the trend growth is pooled towards (default national)
  --out FILE                write the scenario to FILE instead of stdout (YAML);
                            FILE.xlsx writes an input workbook, FILE.json JSON`,
  },
  convert: {
    run: convertCommand,
    usage: CONVERT_USAGE,
    about: "a scenario from YAML, JSON or an input workbook (.xlsx) to another of the three",
    options: `  IN         the scenario: .yaml/.yml, .json or an .xlsx input workbook
  --out OUT  the file to write; its extension gives the form (.yaml, .json, .xlsx);
             an existing file is never replaced`,
  },
  backtest: {
    run: backtestCommand,
    usage:
      "usage: hnb backtest DIR [--authority NAME|CODE] [--level total|placement] [--from YEAR | --holdout YEAR] [--json] [--out DIR] [--quiet]",
    about: "rolling-origin backtest of every growth method, 1-3 years ahead",
    options: `  --authority NAME|CODE    one authority (default: all of them)
  --level total|placement  backtest total EHCPs or each placement type
  --from YEAR              the first forecast origin (default 2015)
  --holdout YEAR           one origin only (placement level unless --level says otherwise)
  --json                   print the results as one JSON object
  --out DIR                write backtest.json, the CSVs and the error chart into DIR
  --quiet                  no progress or file list on stderr`,
  },
  monitor: {
    run: monitorCommand,
    usage: MONITOR_USAGE,
    about: "in-year monitoring: forecast outturn against budget, and the movement since the last report",
    options: `  FILE             a monitoring file (hnb-monitoring/1) naming its scenario
  --previous FILE  the previous report's monitoring file: the movement is measured against it
  --json           print the monitoring result as one JSON object
  --out DIR        write monitoring.json, monitoring.txt, monitoring.xlsx (formulas) and the
                   charts (.svg, .png, chart-descriptions.md) into DIR
  --quiet          no file list on stderr`,
  },
  compare: {
    run: compareCommand,
    usage: COMPARE_USAGE,
    about: "scenarios side by side, and the input differences that explain their balances",
    options: `  --names a,b,c  a name for each scenario (default: the file names)
  --json         print the comparison as one JSON object
  --out DIR      write comparison.json, comparison.txt, comparison.xlsx (formulas) and the
                 charts (.svg, .png, chart-descriptions.md) into DIR
  --quiet        no file list on stderr`,
  },
};

// `help` and `version` answer before any command runs, so they sit apart from COMMANDS.
const BUILT_IN: Record<string, string> = {
  help: "this text; hnb help COMMAND (or hnb COMMAND --help): that command's usage and options",
  version: "the version of hnb (also hnb --version)",
};

const NAMES = [...Object.keys(COMMANDS), ...Object.keys(BUILT_IN)];

// Own keys only: "constructor" or "toString" typed as a command must be unknown, not Object's.
const commandNamed = (name: string) => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);

/** The version in packages/cli/package.json (src/ and dist/ are both one folder below it). */
const VERSION: string = createRequire(import.meta.url)("../package.json").version;

function commandList(): string {
  const width = Math.max(...NAMES.map((n) => n.length));
  const about = (n: string) => commandNamed(n)?.about ?? BUILT_IN[n] ?? "";
  return NAMES.map((n) => `  ${n.padEnd(width)}  ${about(n)}\n`).join("");
}

function overview(): string {
  return `hnb: High Needs Block (DSG) forecasts\n\nusage: hnb COMMAND [ARGS]\n\ncommands:\n${commandList()}\nhnb COMMAND --help shows a command's usage and options.\n`;
}

function commandHelp(name: string, spec: CommandSpec): string {
  return `${spec.usage}\n\n${name}: ${spec.about}\n${spec.options ? `\n${spec.options}\n` : ""}`;
}

function unknownCommand(name: string, io: Console): number {
  io.err(`hnb: unknown command "${name}"${didYouMean(name, NAMES)}\ncommands:\n${commandList()}`);
  return EXIT.usage;
}

// Only before a `--`: after it, "--help" is a positional (a file may be called that).
const asksForHelp = (args: readonly string[]) => {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
};

/**
 * Runs the command line and returns the exit code; bad input and usage print a message, never a stack trace.
 * @example await main(["validate", "data/default-scenario.yaml"], processConsole()) === 0
 */
export async function main(argv: readonly string[], console: Console): Promise<number> {
  // The one place user text reaches the terminal: every command writes through it.
  const io = safeConsole(console);
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(overview());
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || (name === "help" && args.length === 0)) {
    io.out(overview());
    return EXIT.ok;
  }
  if (name === "--version" || name === "version") {
    io.out(`hnb ${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === "help") {
    const topic = args[0] ?? "";
    const spec = commandNamed(topic);
    if (!spec && !Object.hasOwn(BUILT_IN, topic)) return unknownCommand(topic, io);
    io.out(spec ? commandHelp(topic, spec) : overview());
    return EXIT.ok;
  }
  const spec = commandNamed(name);
  if (!spec) return unknownCommand(name, io);
  if (asksForHelp(args)) {
    io.out(commandHelp(name, spec));
    return EXIT.ok;
  }
  try {
    return await spec.run(args, io);
  } catch (error) {
    // Every error a command lets through is reported here, its exit status by its code (exit.ts).
    const status = exitStatus(error, (e) => ioProblem(e) !== undefined);
    const message = error instanceof Error ? error.message : String(error);
    if (status === EXIT.usage) {
      // Some commands' errors leave the usage line out; every usage error ends with it.
      const usage = message.includes(spec.usage) ? "" : `\n${spec.usage}`;
      io.err(`hnb ${name}: ${message}${usage}\n`);
    } else if (status === EXIT.internal) io.err(`hnb ${name}: internal error: ${message}\n`);
    else io.err(`hnb ${name}: ${ioProblem(error) ?? message}\n`);
    return status;
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
 * A message naming the file and what went wrong, for an operating-system error from reading or
 * writing files; undefined for anything else (the tool's own errors carry their message and code).
 * @example ioProblem(Object.assign(new Error("x"), { code: "EACCES", path: "/out" })) === "cannot write or read /out: permission denied (EACCES)"
 */
export function ioProblem(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  if (typeof code !== "string" || !(code in ERRNO)) return undefined;
  return `cannot write or read ${e?.path === undefined ? "a file" : targetOf(e.path)}: ${ERRNO[code]} (${code})`;
}

// The writers work in hidden names beside the target (a pack's staging folder, a file's temporary
// copy: packages/io/src/output/write.ts); an error names the target the user asked for instead.
function targetOf(path: string): string {
  return path
    .replace(/(^|[\\/])\.([^\\/]+)\.hnb-(?:new|old)-[0-9a-f]+(?=[\\/]|$)/, "$1$2")
    .replace(/(^|[\\/])\.([^\\/]+)\.[0-9a-f]{12}\.tmp$/, "$1$2");
}

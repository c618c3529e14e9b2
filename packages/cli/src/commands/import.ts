import { statSync } from "node:fs";
import { join } from "node:path";
import {
  authorityHistory,
  scenarioFileBytes,
  scenarioFormatOf,
  scenarioSkeleton,
  scenarioYaml,
  writeFileAtomic,
} from "@hnb/io";
import { parseScenario } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { importSummary } from "../import-summary.js";
import { loadSen2 } from "../sen2.js";

const USAGE =
  "usage: hnb import DIR --authority NAME|CODE [--base-year Y] [--horizon H] [--reference national|region] [--out FILE]";

/** `hnb import DIR --authority NAME`: an authority's SEN2 history as a scenario skeleton (YAML). @example await importCommand(["../shared/data/sen2-2022", "--authority", "Bristol"], io) */
export async function importCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      authority: { type: "string" },
      "base-year": { type: "string" },
      horizon: { type: "string" },
      reference: { type: "string" },
      out: { type: "string" },
    },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one folder of DfE SEN2 statistics\n${USAGE}`);
  if (!values.authority)
    throw new UsageError(`--authority is required (a name, or a new or old LA code)\n${USAGE}`);
  const whole = (flag: string, text: string | undefined, min: number, max: number) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
      throw new UsageError(
        `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}\n${USAGE}`,
      );
    return Number(text);
  };
  // The form follows the extension: an input workbook for .xlsx, JSON for .json, YAML otherwise.
  const format = values.out === undefined ? "yaml" : (scenarioFormatOf(values.out) ?? "yaml");
  const baseYear = whole("--base-year", values["base-year"], 2000, 2100);
  const horizon = whole("--horizon", values.horizon, 1, 30);
  const reference = values.reference ?? "national";
  if (reference !== "national" && reference !== "region")
    throw new UsageError(
      `--reference must be "national" or "region", got ${JSON.stringify(reference)}\n${USAGE}`,
    );
  const loaded = await loadSen2("import", positionals[0] as string, values.authority, io);
  if (!loaded?.authority) return EXIT.badInput;
  const history = authorityHistory(loaded.data, loaded.authority);
  // A Sen2FileError (the authority's figures cannot make a skeleton) reaches main, which says why.
  const skeleton = scenarioSkeleton(
    history,
    {
      ...(baseYear !== undefined ? { baseYear } : {}),
      ...(horizon !== undefined ? { horizon } : {}),
      reference,
    },
    loaded.data,
  );
  // The skeleton's only problems must be the inputs it leaves for the user, or they start from a broken file.
  const check = parseScenario(skeleton);
  const broken = check.ok ? [] : check.problems.filter((p) => p.code !== "not-filled-in");
  // The readers refuse what would break it; should a figure still get through, it is the
  // statistics' to correct (bad input), named by the scenario field it would fill.
  if (broken.length) {
    for (const p of broken)
      io.err(
        `hnb import: the statistics for ${history.authority.name} give a scenario that would not validate: ${p.path}: ${p.message}\n`,
      );
    return EXIT.badInput;
  }
  const toFill = check.ok ? [] : check.problems;
  // An authority whose figures stop before the release's latest census was reorganised or abolished:
  // its base year is then its own last census, said where the user will read it.
  const latest = Math.max(...loaded.data.national.keys());
  const last = history.years.at(-1) ?? latest;
  const ended =
    last < latest
      ? `${history.authority.name}'s figures stop at the ${last} census, before the release's latest (${latest}): it was probably reorganised or abolished${baseYear === undefined ? `, so its base year is ${last}` : ""}.`
      : undefined;
  if (ended) io.err(`hnb import: ${ended}\n`);
  // What the import read, said on stderr and kept in the file: the counts, placements not recorded,
  // the flows' identity and where the cessation rates come from.
  const summary = importSummary(history, skeleton, latest);
  for (const line of summary) io.err(`hnb import: ${line}\n`);
  const header = [
    `# ${history.authority.name} (${history.authority.newCode}, ${history.authority.oldCode}) from DfE SEN2 statistics, ${history.layout} release layout.`,
    `# Census years ${history.years[0]}–${history.years[history.years.length - 1]}; ${history.missing.count} suppressed or missing cells${history.missing.count ? `: ${history.missing.cells.slice(0, 5).join("; ")}${history.missing.count > 5 ? "; …" : ""}` : ""}.`,
    ...(loaded.note ? [`# ${loaded.note}`] : []),
    ...(ended ? [`# ${ended}`] : []),
    ...(history.unknownSums.length
      ? [
          `# Placement counts left unknown, a part of them missing where other authorities report it (never read as zero): ${history.unknownSums.join("; ")}.`,
        ]
      : []),
    ...history.breaks.map((b) => `# Series note: ${b}.`),
    ...summary.map((line) => `# ${line}`),
    `# Unit costs, inflation, income, the s251 lines and the opening balance are not in SEN2: ${toFill.length} inputs are marked TODO,`,
    "# each naming where the figure comes from. `hnb validate` lists them; `hnb forecast` refuses to run until each is a figure.",
    '# Give every figure you type its source in the item\'s `sources` (e.g. sources: { unitCost: "s251 outturn 2024-25, line 1.2.3" }):',
    "# a figure without a source is marked illustrative in the readable forecast, the workbook and the charts.",
    "# growth: auto pools each type's own SEN2 trend towards the reference series; SEN2 placement series can carry",
    "# recording breaks: review the rates and warnings `hnb validate` and `hnb forecast` print before relying on them.",
  ].join("\n");
  const text = scenarioYaml(skeleton, header, { lineWidth: 0 });
  if (values.out) {
    // A scenario file may hold inputs someone filled in: a skeleton never replaces one.
    const existing = statSync(values.out, { throwIfNoEntry: false });
    if (existing) {
      io.err(
        existing.isDirectory()
          ? `hnb import: --out ${values.out} is a folder: give the scenario file to write, e.g. ${join(values.out, "scenario.yaml")}. Nothing was written.\n`
          : `hnb import: ${values.out} already exists: import never replaces a file, which may hold inputs you filled in; remove it or choose another --out. Nothing was written.\n`,
      );
      return EXIT.badInput;
    }
    await writeFileAtomic(
      values.out,
      format === "yaml"
        ? text
        : await scenarioFileBytes(
            skeleton,
            format,
            header.split("\n").map((l) => l.replace(/^# ?/, "")),
          ),
    );
    io.err(
      `hnb import: wrote ${values.out}; fill in its ${toFill.length} TODO inputs (hnb validate lists them)\n`,
    );
  } else io.out(text);
  return EXIT.ok;
}

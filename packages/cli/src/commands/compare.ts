import { chartFiles, comparisonPackCharts } from "@hnb/charts";
import { comparisonWorkbook, readScenarioFile, writeFilesAtomic } from "@hnb/io";
import { type Comparison, compareScenarios, type Scenario } from "@hnb/model";
import { type Console, EXIT, hasControlCharacters, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";
import { poundsThousands, textTable, thousands } from "../table.js";

/** The usage line of `hnb compare`. */
export const COMPARE_USAGE =
  "usage: hnb compare A.yaml B.yaml [C.yaml …] [--names a,b,c] [--json] [--out DIR] [--quiet]";

/** Scenarios side by side and what explains their differences, £ thousands. @example comparisonText(compareScenarios([central, best])) */
export function comparisonText(c: Comparison): string {
  const k = thousands;
  const names = c.scenarios.map((s) => s.name);
  const out = [
    `Scenarios side by side (${c.forecast} forecasts), cumulative DSG balance, £ thousands (deficits in brackets; each figure is rounded on its own, so shares may differ from their total by 1)`,
    textTable(
      ["FY", ...names],
      c.financialYears.map((fy, i) => [fy, ...c.scenarios.map((s) => k(s.ledger[i]?.cumulative ?? 0))]),
    ),
  ];
  for (const d of c.differences) {
    out.push(
      "",
      `${d.name} against ${names[0]}: ${poundsThousands(Math.abs(d.total))} ${d.total >= 0 ? "better" : "worse"} on the ${c.financialYears.at(-1)} cumulative balance, explained by the inputs that differ (Shapley shares: positive makes ${d.name} better off${d.grouped ? "; grouped by section, as more than 12 inputs differ" : ""})`,
    );
    out.push(
      textTable(
        ["Input", "Change", "Share"],
        [...d.inputs.map((i) => [i.label, i.change, k(i.share)]), ["Total", "", k(d.total)]],
        [1],
      ),
    );
    if (d.inputs.length === 0) out.push("No input that enters the forecast differs.");
    if (d.textOnly?.length) out.push(`Differ only in label or source (no share): ${d.textOnly.join(", ")}.`);
  }
  return `${out.join("\n")}\n`;
}

/** `hnb compare A B …`: ledgers side by side and the input differences behind them. @example await compareCommand(["best.yaml", "central.yaml"], io) */
export async function compareCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      names: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      quiet: { type: "boolean" },
    },
    COMPARE_USAGE,
  );
  if (positionals.length < 2) throw new UsageError(`expected at least two scenario files\n${COMPARE_USAGE}`);
  const names = values.names?.split(",").map((n) => n.trim());
  if (names) {
    const given = names.filter((n) => n !== "");
    if (names.length !== positionals.length || given.length !== names.length)
      throw new UsageError(
        `--names gives ${given.length} name${given.length === 1 ? "" : "s"} for ${positionals.length} scenarios: give one name each, separated by commas\n${COMPARE_USAGE}`,
      );
    // Each name heads a column and labels a line: two alike could not be told apart.
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined)
      throw new UsageError(
        `--names gives "${twice}" twice: give each scenario its own name\n${COMPARE_USAGE}`,
      );
    if (names.some(hasControlCharacters))
      throw new UsageError(`--names must be plain text, without control characters\n${COMPARE_USAGE}`);
  }
  const scenarios: Scenario[] = [];
  for (const file of positionals) {
    const read = await readScenarioFile(file);
    if (!read.ok) return reportProblems(file, read.problems, io);
    scenarios.push(read.scenario);
  }
  // Without --names each column is headed by its scenario's own name, or by its file where two
  // scenarios share a name. A ComparisonError reaches main, which says why.
  const own = scenarios.map((sc) => sc.name);
  const c: Comparison = compareScenarios(
    scenarios,
    names ?? (new Set(own).size === own.length ? own : positionals),
  );
  if (values.out !== undefined) {
    const base = scenarios[0] as Scenario;
    const ctx = {
      scenario: c.scenarios.map((x) => x.name).join(" · "),
      baseYear: base.baseYear,
      source: `Source: hnb compare of ${positionals.join(", ")}`,
    };
    const charts = await chartFiles(comparisonPackCharts(c, ctx));
    await writeFilesAtomic(
      values.out,
      {
        "comparison.json": `${JSON.stringify(c, null, 2)}\n`,
        "comparison.txt": comparisonText(c),
        "comparison.xlsx": await comparisonWorkbook(c),
        ...charts,
      },
      { inputs: Object.fromEntries(positionals.map((f) => [f, "the scenario file"])) },
    );
    if (!values.quiet)
      io.err(
        `hnb: wrote comparison.json, comparison.txt, comparison.xlsx, ${Object.keys(charts).join(", ")} to ${values.out}\n`,
      );
  }
  if (values.json) io.out(`${JSON.stringify(c)}\n`);
  else if (values.out === undefined || !values.quiet) io.out(comparisonText(c));
  return EXIT.ok;
}

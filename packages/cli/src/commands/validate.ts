import { readScenarioFile } from "@hnb/io";
import { CATEGORIES, financialYears, forecast, formatNumber, type Scenario } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";
import { poundsThousands, textTable } from "../table.js";
import { warningLines } from "./forecast.js";

const USAGE = "usage: hnb validate FILE";

/** A valid scenario at a glance: one line naming it, then a two-column table of what it holds. @example scenarioSummary(scenario).split("\n")[0] === "Bristol 2022 base case (default scenario) (Bristol, City of, 801): base census January 2022, forecast to January 2028." */
export function scenarioSummary(s: Scenario): string {
  const fys = financialYears(s.baseYear, s.horizon);
  const ehcps = s.placements.filter((p) => p.category !== "NONE").reduce((a, p) => a + p.count, 0);
  const categories = [...new Set(s.placements.map((p) => p.category))].map((c) => CATEGORIES[c]).join("; ");
  const staffing =
    s.staffing.length +
    s.mitigations.reduce((a, m) => a + (m.type === "staffing" ? m.staffing.length : 0), 0);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const generalFund = [
    ...s.staffing,
    ...s.mitigations.flatMap((m) => (m.type === "staffing" ? m.staffing : [])),
  ].filter((x) => x.fundedBy === "general-fund").length;
  const estimated = s.placements.filter((p) => typeof p.growth === "object" && "method" in p.growth).length;
  const authority = s.authority
    ? `${s.authority.name}${s.authority.code ? `, ${s.authority.code}` : ""}`
    : undefined;
  const end = s.baseYear + s.horizon;
  const first = `${s.name}${authority ? ` (${authority})` : ""}: base census January ${s.baseYear}, forecast to January ${end}.`;
  const rows: [string, string][] = [
    ["Scenario", s.name],
    ["Authority", authority ?? "not named"],
    ["Base census", `January ${s.baseYear}`],
    ["Horizon", `${plural(s.horizon, "year")}, to January ${end} (${fys[0]} to ${fys.at(-1)})`],
    ["Phasing", s.phasing],
    ["Placement types", s.placements.length ? `${s.placements.length} (${categories})` : "none"],
    ["EHCPs at base", formatNumber(ehcps, 3)],
    ["Lines", plural(s.lines.length, "other expenditure line")],
    [
      "Staffing lines",
      // A lever's staffing costs only in the mitigated forecast: said apart from the scenario's own.
      `${s.staffing.length} in the scenario${staffing > s.staffing.length ? `, ${staffing - s.staffing.length} in levers (mitigated forecast only)` : ""}${generalFund ? `; ${plural(generalFund, "line")} funded by the general fund, outside the ledger` : ""}`,
    ],
    [
      "Other income",
      `${plural(s.income.other.length, "source")}${s.income.importExport ? ", and the import/export adjustment" : ""}`,
    ],
    ["Opening balance", poundsThousands(s.openingBalance)],
    [
      "Levers",
      s.mitigations.length
        ? `${s.mitigations.length} (${s.mitigations.map((m) => m.id).join(", ")})`
        : "none",
    ],
    ["Growth from history", estimated ? plural(estimated, "placement type") : "none"],
    [
      "Uncertainty",
      s.uncertainty
        ? `${formatNumber(s.uncertainty.paths)} paths, seed ${s.uncertainty.seed} (use --paths to simulate)`
        : "none",
    ],
  ];
  // Long lists (categories, lever ids) wrap onto rows of their own, so the table stays terminal-wide.
  const wrapped = rows.flatMap(([k, v]) =>
    wrap(v, 72).map((line, i): [string, string] => [i ? "" : k, line]),
  );
  return `${first}\n${textTable(["Input", "Value"], wrapped, [1])}`;
}

// Greedy word wrap; a word longer than the width keeps its own line.
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** `hnb validate FILE`: every problem at once, or a summary table. @example await validateCommand(["data/default-scenario.yaml"], processConsole()) */
export async function validateCommand(args: readonly string[], io: Console): Promise<number> {
  const { positionals } = parseCommand(args, {}, USAGE);
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new UsageError(
      `${file === undefined ? "missing the scenario file" : "expected one scenario file"}\n${USAGE}`,
    );
  const parsed = await readScenarioFile(file);
  if (!parsed.ok) return reportProblems(file, parsed.problems, io);
  io.out(`${file}: valid.\n${scenarioSummary(parsed.scenario)}\n`);
  const result = forecast(parsed.scenario);
  const warnings = warningLines(result);
  if (result.illustrative.length)
    io.out(
      `Illustrative figures (marked illustrative, or given no source): ${result.illustrative.join(", ")}.\n`,
    );
  if (warnings.length) io.out(`Check before relying on it:\n${warnings.map((w) => `  - ${w}\n`).join("")}`);
  return EXIT.ok;
}

import { readScenarioFile } from "@hnb/io";
import { CATEGORIES, financialYears, forecast, type Scenario } from "@hnb/model";
import { type Console, EXIT } from "../console.js";
import { reportProblems } from "../problems.js";
import { thousands } from "../table.js";
import { warningLines } from "./forecast.js";

/** A one-paragraph summary of a valid scenario. @example summarise(scenario) // "Bristol 2022 base case (Bristol, City of, 801): base census January 2022 ..." */
export function summarise(s: Scenario): string {
  const fys = financialYears(s.baseYear, s.horizon);
  const ehcps = s.placements.filter((p) => p.category !== "NONE").reduce((a, p) => a + p.count, 0);
  const categories = [...new Set(s.placements.map((p) => p.category))].map((c) => CATEGORIES[c]).join("; ");
  const staffing =
    s.staffing.length +
    s.mitigations.reduce((a, m) => a + (m.type === "staffing" ? m.staffing.length : 0), 0);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const estimated = s.placements.filter((p) => typeof p.growth === "object" && "method" in p.growth).length;
  return [
    `${s.name}${s.authority ? ` (${s.authority.name}${s.authority.code ? `, ${s.authority.code}` : ""})` : ""}:`,
    `base census January ${s.baseYear}, forecast to January ${s.baseYear + s.horizon} (${fys[0]} to ${fys.at(-1)}, ${s.phasing} phasing);`,
    s.placements.length
      ? `${plural(s.placements.length, "placement type")} (${ehcps.toLocaleString("en-GB")} EHCPs at the base census; ${categories}),`
      : "no placement types,",
    `${plural(s.lines.length, "other expenditure line")}, ${plural(staffing, "staffing line")}, ${plural(s.income.other.length, "other income source")},`,
    `opening DSG balance £${thousands(s.openingBalance).trim()}k, and ${plural(s.mitigations.length, "mitigation lever")}${s.mitigations.length ? ` (${s.mitigations.map((m) => m.id).join(", ")})` : ""}.`,
    ...(estimated ? [`Growth is estimated from history for ${plural(estimated, "placement type")}.`] : []),
    ...(s.uncertainty
      ? [
          `Uncertainty: ${s.uncertainty.paths.toLocaleString("en-GB")} paths, seed ${s.uncertainty.seed} (use --paths to simulate).`,
        ]
      : []),
  ].join(" ");
}

/** `hnb validate FILE`: every problem at once, or a one-paragraph summary. @example await validateCommand(["data/default-scenario.yaml"], processConsole()) */
export async function validateCommand(args: readonly string[], io: Console): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    io.err("usage: hnb validate FILE\n");
    return EXIT.usage;
  }
  const parsed = await readScenarioFile(file);
  if (!parsed.ok) return reportProblems(file, parsed.problems, io);
  io.out(`${file}: valid.\n${summarise(parsed.scenario)}\n`);
  const result = forecast(parsed.scenario);
  const warnings = warningLines(result);
  if (result.illustrative.length)
    io.out(`Illustrative figures (not from a source): ${result.illustrative.join(", ")}.\n`);
  if (warnings.length) io.out(`Check before relying on it:\n${warnings.map((w) => `  - ${w}\n`).join("")}`);
  return EXIT.ok;
}

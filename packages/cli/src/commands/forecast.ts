import { parseArgs } from "node:util";
import { readScenarioFile, writeFilesAtomic } from "@hnb/io";
import { bridge, costAvoidance, type ForecastResult, forecast, type Scenario, safetyValve } from "@hnb/model";
import { type Console, EXIT, UsageError } from "../console.js";
import { ledgerCsv, leversCsv, placementsCsv } from "../outputs.js";
import { reportProblems } from "../problems.js";
import { textTable, thousands } from "../table.js";

const USAGE = "usage: hnb forecast FILE [--json] [--out DIR] [--quiet]";

/** The JSON `hnb forecast --json` prints: spec §8's object plus the Safety Valve view, the bridge and cost avoidance. @example forecastJson(scenario).unmitigated.ledger */
export function forecastJson(scenario: Scenario, result: ForecastResult = forecast(scenario)) {
  const sv = safetyValve(scenario);
  return {
    ...result,
    safetyValve: sv,
    bridge: bridge(result),
    costAvoidance: costAvoidance(scenario),
  };
}

/** The readable report: both ledgers in £ thousands, the gap, transfers with their approval route, levers. @example readable(scenario, result) */
export function readable(scenario: Scenario, result: ForecastResult, sv = safetyValve(scenario)): string {
  const out: string[] = [];
  const k = thousands;
  out.push(`${result.scenario}: DSG High Needs forecast, £ thousands (figures in brackets are deficits)`, "");
  for (const which of ["unmitigated", "mitigated"] as const) {
    const f = result[which];
    if (which === "mitigated" && result.levers.length === 0) break;
    out.push(
      which === "unmitigated"
        ? "Unmitigated (the scenario as written)"
        : "Mitigated (after the recovery plan's levers)",
    );
    out.push(
      textTable(
        [
          "FY",
          "HNB",
          "Transfer",
          "Other inc.",
          "Income",
          "Placements",
          "Lines",
          "Staffing",
          "Expenditure",
          "In-year",
          "Cumulative",
        ],
        f.ledger.map((r) => [
          r.fy,
          k(r.hnb),
          k(r.transfer),
          k(r.otherIncome),
          k(r.income),
          k(r.placementCost),
          k(r.lineCost),
          k(r.staffingCost),
          k(r.expenditure),
          k(r.inYear),
          k(r.cumulative),
        ]),
      ),
      "",
    );
  }
  out.push(`Opening DSG balance (1 April ${scenario.baseYear - 1}): ${k(scenario.openingBalance).trim()}`);
  if (result.levers.length) {
    out.push("", "Unmitigated against mitigated");
    out.push(
      textTable(
        ["FY", "In-year unmit.", "In-year mit.", "Gap", "Cumulative unmit.", "Cumulative mit.", "Gap"],
        result.unmitigated.ledger.map((u, i) => {
          const m = result.mitigated.ledger[i] ?? u;
          return [
            u.fy,
            k(u.inYear),
            k(m.inYear),
            k(m.inYear - u.inYear),
            k(u.cumulative),
            k(m.cumulative),
            k(m.cumulative - u.cumulative),
          ];
        }),
      ),
    );
    out.push(
      "",
      `Lever savings on the ${result.financialYears.at(-1)} cumulative balance (positive improves it)`,
    );
    out.push(
      textTable(
        ["Lever", "Type", "Sequential", "Shapley"],
        [
          ...result.levers.map((l) => [l.label, l.type, k(l.sequential), k(l.shapley)]),
          [
            "Total",
            "",
            k(result.levers.reduce((a, l) => a + l.sequential, 0)),
            k(result.levers.reduce((a, l) => a + l.shapley, 0)),
          ],
        ],
      ),
    );
  }
  for (const which of ["unmitigated", "mitigated"] as const) {
    const transfers = result[which].transfers;
    if (which === "mitigated" && result.levers.length === 0) break;
    out.push("", `Schools Block transfers (${which})${transfers.length ? "" : ": none"}`);
    for (const t of transfers) {
      out.push(
        `  ${t.fy}: ${(t.rate * 100).toFixed(2)}% = £${k(t.amount).trim()}k, needs ${t.needs === "schools-forum" ? "Schools Forum approval (up to 0.5%)" : "a disapplication request to the Secretary of State (above 0.5%)"}`,
      );
    }
  }
  const when = (fy: string | null) => fy ?? "not within the horizon";
  out.push(
    "",
    `In-year balance first reaches zero or better: unmitigated ${when(sv.unmitigatedBalancedIn)}; mitigated ${when(sv.mitigatedBalancedIn)}.`,
  );
  return `${out.join("\n")}\n`;
}

/** `hnb forecast FILE [--json] [--out DIR]`. @example await forecastCommand(["data/default-scenario.yaml", "--json"], processConsole()) */
export async function forecastCommand(args: readonly string[], io: Console): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { file, json, out } = parsed;
  const read = await readScenarioFile(file);
  if (!read.ok) return reportProblems(file, read.problems, io);
  const scenario = read.scenario;
  const result = forecast(scenario);
  const payload = forecastJson(scenario, result);
  if (out !== undefined) {
    // Everything is rendered in memory first, so a failure leaves no partial output folder.
    const files: Record<string, string | Uint8Array> = {
      "forecast.json": `${JSON.stringify(payload, null, 2)}\n`,
      "ledger.csv": ledgerCsv(result),
      "placements.csv": placementsCsv(result),
      "levers.csv": leversCsv(result),
    };
    await writeFilesAtomic(out, files);
    if (!parsed.quiet) io.err(`hnb: wrote ${Object.keys(files).join(", ")} to ${out}\n`);
  }
  if (json) io.out(`${JSON.stringify(payload)}\n`);
  else if (out === undefined || !parsed.quiet) io.out(readable(scenario, result, payload.safetyValve));
  return EXIT.ok;
}

function parse(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean" }, out: { type: "string" }, quiet: { type: "boolean" } },
  });
  if (positionals.length !== 1)
    throw new Error(positionals.length ? "expected one scenario file" : "missing the scenario file");
  return {
    file: positionals[0] as string,
    json: values.json === true,
    out: values.out,
    quiet: values.quiet === true,
  };
}

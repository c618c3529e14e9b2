// Tables with nothing in them (issue #27): the self-check refuses a total over cells never written,
// so where a valid input leaves a table empty the workbook writes a row of 0s for the total to add
// up (as the s251 sheet's "No high needs expenditure"), or no total at all where a 0 would be a
// count no source gave. Each of these inputs built a formula over nothing before.
import {
  compareScenarios,
  forecast,
  monitor,
  parseMonitoring,
  parseScenario,
  type Scenario,
} from "@hnb/model";
import type ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { comparisonWorkbook, monitoringWorkbook } from "../../src/workbook/pack-workbooks.js";
import { dataScenario, plan, read } from "./fixtures.js";

function scenarioOf(extra: Record<string, unknown>): Scenario {
  const r = parseScenario({
    schema: "hnb-scenario/1",
    name: "Empty",
    baseYear: 2021,
    horizon: 1,
    openingBalance: 0,
    placements: [],
    income: { hnb: { amount: 1000 } },
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/** The rows of a sheet by number (row n at n - 1), each its cells from column A, a formula as "=…". */
function rows(book: ExcelJS.Workbook, sheet: string): unknown[][] {
  const ws = book.getWorksheet(sheet);
  const out: unknown[][] = Array.from({ length: ws?.rowCount ?? 0 }, () => []);
  ws?.eachRow((row, n) => {
    out[n - 1] = (row.values as unknown[])
      .slice(1)
      .map((v) => (v !== null && typeof v === "object" && "formula" in v ? `=${v.formula}` : v));
  });
  return out;
}

describe("a table with nothing in it", () => {
  test("a scenario that spends nothing: a row of 0s under the expenditure heading, which the total sums", async () => {
    const empty = scenarioOf({});
    const summary = rows(await plan({ scenario: empty, result: forecast(empty) }), "Financial summary");
    const at = summary.findIndex((r) => r[0] === "Expenditure by placement type");
    expect(summary.slice(at + 1, at + 3)).toEqual([
      ["No expenditure", 0, 0],
      ["Total expenditure", `=SUM(B${at + 2}:B${at + 2})`, `=SUM(C${at + 2}:C${at + 2})`],
    ]);
  });

  test("an age profile or a primary-need table with no count given: no total, rather than a 0 no source gave", async () => {
    const s = scenarioOf({
      placements: [{ id: "s", label: "Special", category: "MdSSA", count: 10, unitCost: 1 }],
      ehcpsByAge: { census: 2021, counts: {} },
      ehcpsByNeed: { census: 2021, counts: {} },
    });
    const ehcps = rows(await plan({ scenario: s, result: forecast(s) }), "EHCP numbers");
    expect(ehcps.find((r) => r[0] === "All EHCPs")).toEqual(["All EHCPs"]);
    const need = ehcps.findIndex((r) => r[0] === "Primary need");
    expect(ehcps[need + 1]).toEqual(["No primary need's count is given"]);
  });

  test("a monitored year with no line costed: a row of 0s the totals sum", async () => {
    const empty = scenarioOf({});
    const file = parseMonitoring({
      schema: "hnb-monitoring/1",
      name: "Empty monitoring",
      scenario: "empty.yaml",
      fy: "2021-22",
      budget: {},
    });
    if (!file.ok) throw new Error(JSON.stringify(file.problems));
    const m = monitor(file.monitoring, forecast(empty));
    if (!m.ok) throw new Error(JSON.stringify(m.problems));
    expect(m.result.lines).toEqual([]);
    const table = rows(await read(await monitoringWorkbook(m.result)), "Monitoring");
    expect(table.slice(3, 5)).toEqual([
      ["No line is costed in the year", 0, 0, 0, 0, 0],
      ["Total", "=SUM(B4:B4)", "=SUM(C4:C4)", "=SUM(D4:D4)", "=SUM(E4:E4)", "=SUM(F4:F4)"],
    ]);
  });

  test("scenarios that differ in no input value: a share of 0 the total sums, not a formula on the title row", async () => {
    const central = await dataScenario("default-scenario.yaml");
    const c = compareScenarios([central, { ...central, name: "Renamed copy" }], ["central", "renamed"]);
    expect(c.differences[0]?.inputs).toEqual([]);
    const difference = rows(await read(await comparisonWorkbook(c)), "Difference 1");
    expect(difference.slice(3, 5)).toEqual([
      ["No input value differs", "", 0],
      ["Total", undefined, "=SUM(C4:C4)"],
    ]);
  });
});

// The units an input workbook writes come from the kinds the schema declares, not from the words
// of a field's description; a workbook written before (its units guessed) still reads.
import { FIELD_KINDS } from "@hnb/model";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { readDataFile } from "../../src/scenario/scenario-file.js";
import { scenarioTree, treeAt } from "../../src/scenario/scenario-xlsx-layout.js";
import { readScenarioWorkbook } from "../../src/scenario/scenario-xlsx-read.js";
import { UNIT_OF_KIND, unitMatches, unitOf } from "../../src/scenario/scenario-xlsx-units.js";
import { scenarioWorkbook } from "../../src/scenario/scenario-xlsx-write.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;
const unitAt = (path: (string | number)[]) => unitOf(treeAt(scenarioTree(), path) ?? {}, path.map(String));

describe("a field's unit is its kind's", () => {
  test.each([
    [["openingBalance"], "£"],
    [["baseYear"], "census year"],
    [["horizon"], "years"],
    [["placements", 0, "count"], "count"],
    [["placements", 0, "unitCost"], "£"],
    [["placements", 0, "growth"], "rate (0.02 = 2%)"],
    // A year's growth (the guess gave "number": the map's values carry no description).
    [["placements", 0, "growth", "2026"], "rate (0.02 = 2%)"],
    [["placements", 0, "growth", "years"], "years"],
    [["placements", 0, "history", "2019"], "count"],
    [["placements", 0, "ageSplit", "under5"], "share (0 to 1)"],
    [["staffing", 0, "fte"], "FTE"],
    [["staffing", 0, "payAward", "2024"], "rate (0.02 = 2%)"],
    [["income", "hnb", "perHead", "population", "2025-26"], "count"],
    [["uncertainty", "seed"], "number"],
    [["uncertainty", "paths"], "count"],
    // A shift to cost inflation is a rate; a delivery factor (the guess: "rate", "rate or factor") a factor.
    [["uncertainty", "costInflation", "sd"], "rate (0.02 = 2%)"],
    [["uncertainty", "delivery", "mean"], "factor (1 = as planned)"],
    [["uncertainty", "delivery", "sd"], "factor (1 = as planned)"],
    // Text is by type, as before.
    [["placements", 0, "id"], "id (letters, digits, - _ .)"],
    [["name"], "text"],
    [["phasing"], "one of: census | academic"],
  ] as const)("%j is in %s", (path, unit) => {
    expect(unitAt([...path])).toBe(unit);
  });

  test("every kind has a unit", () => {
    expect(Object.keys(UNIT_OF_KIND).sort()).toEqual([...FIELD_KINDS].sort());
  });
});

describe("the units row of a workbook written before the kinds", () => {
  test("an earlier version's unit for a number is a unit, not a figure", () => {
    expect(unitMatches("count", "count")).toBe(true);
    expect(unitMatches("number", "count")).toBe(true);
    expect(unitMatches("rate or factor", "factor (1 = as planned)")).toBe(true);
    expect(unitMatches("comma-separated list: share (0 to 1)", "comma-separated list: share (0 to 1)")).toBe(
      true,
    );
    // A figure typed in the units row, or a number's unit under text, is still a problem.
    expect(unitMatches("8662", "£")).toBe(false);
    expect(unitMatches("number", "text")).toBe(false);
  });

  test("reads as the same scenario", async () => {
    const r = await readDataFile(`${ROOT}data/default-scenario.yaml`);
    if (!r.ok) throw new Error("default scenario");
    const bytes = await scenarioWorkbook(r.data);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Placements") as ExcelJS.Worksheet;
    const written: string[] = [];
    // The units the description regexes gave: "number" under counts and a year's growth.
    ws.getRow(1).eachCell((cell, c) => {
      const header = String(cell.value);
      written.push(String(ws.getCell(2, c).value));
      if (header === "count" || header.startsWith("history ") || header === "growth.years")
        ws.getCell(2, c).value = "number";
    });
    expect(written).toContain("count");
    const old = new Uint8Array(await wb.xlsx.writeBuffer());
    const [now, before] = [await readScenarioWorkbook(bytes), await readScenarioWorkbook(old)];
    if (!before.ok || !now.ok) throw new Error(JSON.stringify(before.ok ? now : before));
    expect(before.data).toEqual(now.data);
  });
});

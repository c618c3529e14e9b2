// The finance officer's review of management-plan.xlsx, read back with exceljs: no format shows a
// trailing dot, no cell is JSON or a code name, the workstream log has owner, milestone and status,
// the two seeds are told apart, and every sheet prints landscape, one page wide, with its header
// on every page. (That the totals are formulas giving the forecast's figures: workbook-formulas.test.ts.)

import { forecast, MITIGATION_TYPES, simulate } from "@hnb/model";
import type ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { FORMATS } from "../../src/workbook/formats.js";
import { ages, everyLever, numberIn, plan, workstream } from "./fixtures.js";

const scenario = workstream;
const result = forecast(scenario);
const wb = await plan({ scenario, result, uncertainty: simulate(scenario, { paths: 50, seed: 7 }) });

const agesBook = await plan({ scenario: ages, result: forecast(ages) });
const everyBook = await plan({ scenario: everyLever, result: forecast(everyLever) });
/** Every cell of every sheet of a workbook. */
function cells(book: ExcelJS.Workbook): { sheet: string; cell: ExcelJS.Cell }[] {
  const out: { sheet: string; cell: ExcelJS.Cell }[] = [];
  for (const ws of book.worksheets)
    ws.eachRow((row) => row.eachCell((cell) => out.push({ sheet: ws.name, cell })));
  return out;
}

// A format shows a trailing dot when a decimal point is followed by optional digits only (#).
function trailingDot(format: string): boolean {
  return format
    .split(";")
    .map((s) => s.replace(/\[[^\]]*\]|"[^"]*"/g, ""))
    .some((s) => /\.(?!0)/.test(s));
}

describe("management-plan.xlsx: number formats", () => {
  test("the trailing-dot check catches the formats the review found", () => {
    expect(trailingDot("#,##0.##")).toBe(true);
    expect(trailingDot("0.")).toBe(true);
    expect(trailingDot("#,##0;[Red](#,##0)")).toBe(false);
    expect(trailingDot("0.00%")).toBe(false);
  });

  test("every numeric cell has an allowed format, and none can show a trailing dot", () => {
    const allowed = new Set<string>([
      FORMATS.money,
      FORMATS.rate,
      FORMATS.count,
      FORMATS.plain,
      FORMATS.decimal,
    ]);
    for (const f of Object.values(FORMATS)) {
      expect(f).not.toMatch(/#\.##/);
      expect(trailingDot(f), f).toBe(false);
    }
    let numeric = 0;
    for (const book of [wb, agesBook, everyBook])
      for (const { sheet, cell } of cells(book)) {
        if (numberIn(cell) === undefined) continue;
        numeric++;
        expect(allowed.has(cell.numFmt), `${sheet}!${cell.address} has format ${cell.numFmt}`).toBe(true);
        expect(cell.numFmt).not.toMatch(/#\.##/);
      }
    expect(numeric).toBeGreaterThan(500);
  });

  test("EHCP counts are unrounded numbers shown as whole pupils", () => {
    const ws = wb.getWorksheet("EHCP numbers") as ExcelJS.Worksheet;
    let fractional = 0;
    ws.eachRow((row) =>
      row.eachCell((c, col) => {
        const n = numberIn(c);
        if (col > 1 && n !== undefined) {
          expect(c.numFmt).toBe("#,##0");
          if (!Number.isInteger(n)) fractional++;
        }
      }),
    );
    expect(fractional).toBeGreaterThan(10);
  });

  test("years and seeds are shown without a thousands separator", () => {
    const fieldFormat = (field: string) => {
      const found: string[] = [];
      wb.getWorksheet("Assumptions")?.eachRow((row) => {
        if (row.getCell(3).value === field) found.push(row.getCell(4).numFmt);
      });
      return found;
    };
    expect(fieldFormat("Base year")).toEqual(["0"]);
    expect(fieldFormat("From")).toEqual(["0"]);
    expect(fieldFormat("Seed in the scenario file")).toEqual(["0"]);
    wb.getWorksheet("Uncertainty")?.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith("Seed")) expect(row.getCell(2).numFmt).toBe("0");
    });
    // Year headers are text.
    expect(wb.getWorksheet("EHCP numbers")?.getRow(3).getCell(2).value).toBe("2022");
  });
});

describe("management-plan.xlsx: readable text", () => {
  const codes = new Set<string>([...MITIGATION_TYPES, ...everyLever.mitigations.map((m) => m.id)]);
  test("no cell is JSON, a lever type code or a lever id", () => {
    for (const book of [wb, agesBook, everyBook])
      for (const { sheet, cell } of cells(book)) {
        if (typeof cell.value !== "string") continue;
        const text = cell.value;
        const at = `${sheet}!${cell.address}: ${text.slice(0, 60)}`;
        expect(text.startsWith("{"), at).toBe(false);
        // A "[" may open only a citation tag the scenario's own source text begins with, e.g. "[DBV] theme A".
        if (text.startsWith("[")) expect(text, at).toMatch(/^\[[A-Za-z0-9]+\] /);
        expect(codes.has(text), at).toBe(false);
      }
  });

  test("maps read as text, lever types as words, lever ids as their labels", () => {
    const assumptions = new Map<string, unknown>();
    wb.getWorksheet("Assumptions")?.eachRow((row) =>
      assumptions.set(String(row.getCell(7).value), row.getCell(4).value),
    );
    expect(assumptions.get("mitigations.specialist-places.moves")).toBe("2023: 10; 2024: 10; 2025: 10");
    expect(assumptions.get("mitigations.specialist-places.type")).toBe("Placement shift");
    expect(assumptions.get("mitigations.specialist-places.fromPlacement")).toBe(
      "Independent and non-maintained special schools (INMSS)",
    );
    expect(assumptions.get("income.hnb.growth")).toBe(
      "2023: 10%; 2024: 6%; 2025: 4%; 2026: 3%; 2027: 3%; 2028: 3%",
    );
    const types: unknown[] = [];
    const levers: unknown[] = [];
    wb.getWorksheet("Mitigations")?.eachRow((row, n) => {
      if (n > 3 && row.getCell(3).numFmt === FORMATS.rate) {
        levers.push(row.getCell(1).value);
        types.push(row.getCell(2).value);
      }
    });
    expect(levers.length).toBe(result.levers.length);
    expect(new Set(levers)).toEqual(new Set(result.levers.map((l) => l.label)));
    // Safety Valve payments name their lever by its label too.
    const svRows: unknown[][] = [];
    everyBook.getWorksheet("Mitigations")?.eachRow((row) => {
      // (The savings-by-year table has a row of the lever's figures too: numbers, not its payments.)
      if (row.getCell(1).value === "Safety Valve agreement" && typeof row.getCell(2).value === "string")
        svRows.push((row.values as unknown[]).slice(1, 3));
    });
    expect(svRows).toEqual([
      ["Safety Valve agreement", "Safety Valve payments"],
      ["Safety Valve agreement", "2024-25"],
      ["Safety Valve agreement", "2025-26"],
    ]);
    expect(new Set(types)).toEqual(
      new Set([
        "Placement shift",
        "Growth reduction",
        "Unit cost change",
        "Line change",
        "Staffing investment",
        "Schools Block transfer",
        "Grant",
      ]),
    );
  });
});

describe("management-plan.xlsx: workstream log, seeds and printing", () => {
  test("each lever has owner, milestone and status, 'not given' where the scenario has none", () => {
    const ws = wb.getWorksheet("Mitigations") as ExcelJS.Worksheet;
    // After the shares, the Stability Grant's effect and the figure net of it (the default scenario has the grant).
    expect((ws.getRow(3).values as unknown[]).slice(6, 11)).toEqual([
      "Stability Grant effect",
      "Net of the grant",
      "Owner",
      "Milestone",
      "Status",
    ]);
    const rows = new Map<unknown, unknown[]>();
    // The first row of each label: the workstream log comes before the savings-by-year table.
    ws.eachRow((row) => {
      if (!rows.has(row.getCell(1).value))
        rows.set(row.getCell(1).value, (row.values as unknown[]).slice(8, 11));
    });
    const [first, ...rest] = result.levers.map((l) => l.label);
    expect(rows.get(first)).toEqual(["Head of SEND", "30 places open by Sept 2024", "On track"]);
    for (const label of rest) expect(rows.get(label)).toEqual(["not given", "not given", "not given"]);
    // With a Stability Grant the levers' years are before it, the grant's change in a row of its own.
    expect([...rows.keys()]).toContain(
      result.stabilityGrant
        ? "Savings by financial year: Shapley share of each year's in-year balance before the Stability Grant, £; the grant's change between the forecasts is its own row, in the year it is paid"
        : "Savings by financial year: Shapley share of each year's in-year balance, £",
    );
  });

  test("the seed used for the paths and the seed in the scenario file are labelled apart", () => {
    const rows = new Map<unknown, unknown>();
    wb.getWorksheet("Uncertainty")?.eachRow((row) => rows.set(row.getCell(1).value, row.getCell(2).value));
    expect(rows.get("Seed used for these paths")).toBe(7);
    expect(rows.get("Seed in the scenario file (Assumptions sheet)")).toBe(2022);
    expect(String(wb.getWorksheet("Uncertainty")?.getRow(2).getCell(1).value)).toContain(
      "seed used for these paths 7",
    );
    let fileSeed: unknown;
    wb.getWorksheet("Assumptions")?.eachRow((row) => {
      if (row.getCell(3).value === "Seed in the scenario file") fileSeed = row.getCell(4).value;
    });
    expect(fileSeed).toBe(scenario.uncertainty?.seed);
  });

  test("every sheet prints landscape, one page wide, with its title and header rows on every page", () => {
    expect(wb.worksheets.map((w) => w.name)).toContain("Uncertainty");
    // Sheets of several tables keep their titles on every page and freeze no header, which would
    // sit over another table's columns.
    const several = new Set(["Mitigations", "Uncertainty"]);
    for (const book of [wb, agesBook, everyBook])
      for (const ws of book.worksheets) {
        const p = ws.pageSetup;
        const one = !several.has(ws.name);
        expect([ws.name, p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.printTitlesRow]).toEqual([
          ws.name,
          "landscape",
          true,
          1,
          0,
          one ? "1:3" : "1:2",
        ]);
        expect((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0).toBe(one ? 3 : 0);
      }
  });
});

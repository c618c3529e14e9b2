// The management-plan workbook read back with exceljs: its numbers are the forecast's, as numbers
// with formats (totals and balances as formulas with their values cached), and two builds of the
// same forecast are byte-identical.

import { forecast, formatMoney, simulate } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { managementPlanWorkbook } from "../../src/workbook/workbook.js";
import { ages, dataScenario, places, plan, read } from "./fixtures.js";

const scenario = await dataScenario("default-scenario.yaml");
const result = forecast(scenario);
const bytes = await managementPlanWorkbook({ scenario, result });
const wb = await read(bytes);

const sheet = (name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** A cell's number: the value, or a formula's cached result. */
const value = (v: unknown): unknown =>
  v !== null && typeof v === "object" && "result" in v ? (v as { result: unknown }).result : v;

/** The row after `after` whose first cell is `label`, as values by column. */
function rowOf(name: string, label: string, after = ""): unknown[] {
  const ws = sheet(name);
  let armed = after === "";
  let found: unknown[] | undefined;
  ws.eachRow((row) => {
    const first = row.getCell(1).value;
    if (!armed && first === after) armed = true;
    else if (armed && found === undefined && first === label) found = (row.values as unknown[]).slice(2);
  });
  if (!found) throw new Error(`no row "${label}" after "${after}" in ${name}`);
  return found;
}

describe("management-plan.xlsx", () => {
  test("has the four management-plan sheets and the s251 statement", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Financial summary",
      "EHCP numbers",
      "Mitigations",
      "Assumptions",
      "s251",
    ]);
  });

  test("every ledger figure of both forecasts equals the forecast, as a number with a £ format", () => {
    for (const [block, f] of [
      ["Unmitigated forecast", result.unmitigated],
      ["Mitigated forecast", result.mitigated],
    ] as const) {
      const rows = {
        "High Needs Block allocation": f.ledger.map((l) => l.hnb),
        "Schools Block transfer": f.ledger.map((l) => l.transfer),
        "Total income": f.ledger.map((l) => l.income),
        "Total expenditure": f.ledger.map((l) => l.expenditure),
        // Income includes the Stability Grant, so the in-year balance does; the row after it leaves it out.
        "In-year balance (with the Stability Grant)": f.ledger.map((l) => l.inYear),
        "In-year balance before the Stability Grant": f.ledger.map((l) => l.inYear - (l.stabilityGrant ?? 0)),
      };
      for (const [label, expected] of Object.entries(rows)) {
        const got = rowOf("Financial summary", label, block);
        expect(got.every((v) => typeof value(v) === "number")).toBe(true);
        got.forEach((v, i) => expect(value(v) as number).toBeCloseTo(expected[i] as number, 6));
      }
      const cumulative = rowOf(
        "Financial summary",
        `Cumulative balance (opening ${formatMoney(result.openingBalance)})`,
        block,
      );
      cumulative.forEach((v, i) =>
        expect(value(v) as number).toBeCloseTo(f.ledger[i]?.cumulative as number, 6),
      );
    }
    const ws = sheet("Financial summary");
    let money = 0;
    ws.eachRow((row) => row.eachCell((c) => (c.numFmt === "#,##0;[Red](#,##0)" ? money++ : 0)));
    expect(money).toBeGreaterThan(100);
  });

  test("placement cost rows are the sums of the forecast's placement rows", () => {
    const p = result.unmitigated.placements.find((r) => r.id === "special");
    const got = rowOf("Financial summary", `${p?.label} (${p?.category})`, "Unmitigated forecast");
    result.financialYears.forEach((fy, i) =>
      expect(got[i] as number).toBeCloseTo(
        result.unmitigated.placements.find((r) => r.id === "special" && r.fy === fy)?.cost as number,
        6,
      ),
    );
  });

  test("EHCP numbers by category equal the forecast's counts", () => {
    const got = rowOf(
      "EHCP numbers",
      "NMSS or independent",
      "Unmitigated: EHCPs by DSG management-plan category",
    );
    result.censusYears.forEach((y, i) => {
      const want = result.unmitigated.placements
        .filter((p) => p.category === "NMISS" && p.census === y)
        .reduce((a, p) => a + p.count, 0);
      expect(got[i] as number).toBeCloseTo(want, 9);
    });
  });

  test("the workstream log carries each lever's share of its ledger side, its grant effect and the figure net of it", () => {
    for (const l of result.levers) {
      const got = rowOf("Mitigations", l.label);
      expect(got[2] as number).toBeCloseTo(l.side.sequential, 6);
      expect(got[3] as number).toBeCloseTo(l.side.shapley, 6);
      expect(got[4] as number).toBeCloseTo(l.stabilityGrantEffect?.shapley ?? Number.NaN, 6);
      expect(value(got[5])).toBeCloseTo(l.shapley, 6);
    }
  });

  test("header rows are frozen and columns fit", () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]?.state).toBe("frozen");
      expect(ws.getColumn(1).width ?? 0).toBeGreaterThan(10);
    }
  });

  test("the assumptions sheet lists every placement's unit cost with its source", () => {
    const ws = sheet("Assumptions");
    for (const p of scenario.placements) {
      let found = false;
      ws.eachRow((row) => {
        if (row.getCell(1).value === "Placement" && row.getCell(7).value === `placements.${p.id}.unitCost`) {
          found = true;
          expect(row.getCell(4).value).toBe(p.unitCost);
          expect(row.getCell(5).value).toBe(p.source ?? "not given");
        }
      });
      expect(found).toBe(true);
    }
  });

  test("with simulated paths, an Uncertainty sheet carries the bands as numbers", async () => {
    const u = simulate(scenario, { paths: 100, seed: 1 });
    const withBands = await plan({ scenario, result, uncertainty: u });
    const ws = withBands.getWorksheet("Uncertainty");
    let row: unknown[] = [];
    ws?.eachRow((x) => {
      if (x.getCell(1).value === "Mitigated cumulative, 90th percentile")
        row = (x.values as unknown[]).slice(2);
    });
    const want = u.ledger
      .filter((r) => r.forecast === "mitigated" && r.measure === "cumulative")
      .map((r) => r.p90);
    expect(row).toEqual(want);
  });

  test("two builds of the same forecast are byte-identical", async () => {
    expect(Buffer.from(await managementPlanWorkbook({ scenario, result })).equals(Buffer.from(bytes))).toBe(
      true,
    );
  });

  test("EHCPs by category and age group follow the placements' age splits (hand-computed)", async () => {
    const book = await plan({ scenario: ages, result: forecast(ages) });
    let row: unknown[] = [];
    let armed = false;
    book.getWorksheet("EHCP numbers")?.eachRow((x) => {
      if (String(x.getCell(1).value).includes("January 2026")) armed = true;
      else if (
        armed &&
        x.getCell(1).value === "Maintained special schools or special academies" &&
        row.length === 0
      )
        row = (x.values as unknown[]).slice(2);
    });
    // 2026: 220 placements; 25% aged 5 to 10 = 55, 75% aged 11 to 15 = 165.
    expect(row.slice(0, 6).map(value)).toEqual(
      [0, 55.00000000000001, 165, 0, 0, 220.00000000000003].map((v) => expect.closeTo(v, 9)),
    );
  });
});

describe("management-plan.xlsx: funding apart from savings, the override, the age profile", () => {
  test("the workstream log groups savings and funding, each with a subtotal that is the forecast's", () => {
    expect(rowOf("Mitigations", "Savings subtotal (lower spending)").slice(2, 4).map(value)).toEqual([
      result.leverTotals.bySide.savings.sequential,
      result.leverTotals.bySide.savings.shapley,
    ]);
    expect(rowOf("Mitigations", "Funding subtotal (money received)").slice(2, 4).map(value)).toEqual([
      result.leverTotals.bySide.funding.sequential,
      result.leverTotals.bySide.funding.shapley,
    ]);
    expect(value(rowOf("Mitigations", "Grant net: DBV grant")[0])).toBeCloseTo(50_000, 6);
  });
  test("the financial summary states the deficit when the override ends and its share of usable reserves", () => {
    expect(rowOf("Financial summary", "Ends")[0]).toBe("31 March 2028 (end of 2027-28)");
    expect(value(rowOf("Financial summary", "Cumulative balance then, unmitigated")[0])).toBe(
      result.statutoryOverride.unmitigated,
    );
    // A formula on the balance and the reserves, so typing the council's latest reserves updates it.
    // With the grant, three shares of reserves: the deficit carried then is the measure that counts.
    const share = rowOf(
      "Financial summary",
      "Deficit as a share of usable reserves, mitigated (with the Stability Grant received: the measure that counts)",
    )[0] as {
      formula: string;
      result: number;
    };
    expect(share.formula).toMatch(/^MAX\(0,-B\d+\)\/B\d+$/);
    expect(value(share)).toBe(result.statutoryOverride.mitigatedShareOfReserves);
    expect(rowOf("Financial summary", "Implementation spend of grants", "Mitigated forecast")).toEqual(
      result.mitigated.ledger.map((l) => l.implementationCost),
    );
  });
  test("every sheet of a scenario with illustrative inputs says so in its subtitle", () => {
    for (const name of ["Financial summary", "EHCP numbers", "Mitigations", "Assumptions"])
      expect(String(sheet(name).getRow(2).getCell(1).value)).toContain("illustrative figures");
  });
  test("without any category's age split the age table is not filled from the authority's whole caseload", async () => {
    const withAges = {
      ...scenario,
      ehcpsByAge: {
        census: 2022,
        counts: { under5: 10, age5to10: 300, age11to15: 400, age16to19: 200, age20to25: 40 },
      },
    };
    const book = await plan({ scenario: withAges, result: forecast(withAges) });
    const texts: string[] = [];
    book.getWorksheet("EHCP numbers")?.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts).toContain(
      "All EHCPs by age group, January 2022: the authority's whole caseload, not split by category",
    );
    expect(
      texts.some((t) => t.startsWith("EHCPs by category and age group: no category's age split is given")),
    ).toBe(true);
    // The authority's split is shown once, never copied into each category.
    expect(texts.filter((t) => t.startsWith("All EHCPs by age group")).length).toBe(1);
  });
  test("warnings are listed on the assumptions sheet with their evidence", () => {
    const warnings: string[] = [];
    sheet("Assumptions").eachRow((row) => {
      if (row.getCell(1).value === "Warning")
        warnings.push(`${row.getCell(2).value}: ${row.getCell(4).value}`);
    });
    const label = (id: string) => scenario.placements.find((p) => p.id === id)?.label;
    expect(warnings).toContain(`${label("inmss")}: ${result.unitCostWarnings[0]?.message}`);
    expect(
      warnings.some((w) => w.startsWith(`${label("resourced")}: history has possible recording breaks`)),
    ).toBe(true);
  });
});

describe("the assumptions sheet holds every input the figures need", () => {
  test("places, the rate they are paid at, the import/export adjustment; an illustrative part marks its input", async () => {
    const book = await plan({ scenario: places, result: forecast(places) });
    const rows = new Map<string, unknown[]>();
    book.getWorksheet("Assumptions")?.eachRow((row) => {
      const values = row.values as unknown[];
      rows.set(String(values[7]), values);
    });
    // 200 places at the guide's £10,000 (none given) reconcile the £2m of place funding in 2025-26.
    expect(rows.get("placements.special.places.commissioned")?.[4]).toBe("2026: 200; 2027: 220");
    expect(rows.get("placements.special.places.rate")?.slice(3, 7)).toEqual([
      "Rate (the operational guide's, as none is given)",
      10_000,
      expect.stringContaining("operational guide"),
      "yes",
    ]);
    expect(rows.get("income.importExport.netImported")?.[6]).toBe("yes");
    expect(rows.get("income.importExport.rate")?.[4]).toBe(6_000);
    // The default scenario's staffing lever: its line is marked illustrative, so the lever's row is.
    const staffing = [...(sheet("Assumptions").getRows(1, sheet("Assumptions").rowCount) ?? [])]
      .map((r) => r.values as unknown[])
      .find((v) => v[7] === "mitigations.educational-psychologists.staffing");
    expect(staffing?.[6]).toBe("yes");
  });
});

test("the s251 sheet says which placements it shows on the maintained top-up lines for want of a provider or a split", () => {
  const notes: string[] = [];
  sheet("s251").eachRow((row) => {
    const v = String(row.getCell(1).value ?? "");
    if (v.startsWith("Note:")) notes.push(v);
  });
  const note = notes.find((n) => n.includes("maintained schools' top-up lines")) ?? "";
  // Special schools split their top-ups by SEN2's maintained and academy counts: not named.
  expect(note).toContain("Bespoke co-located provision");
  expect(note).not.toContain("Maintained special schools and special academies");
  // A placement with no cost (hospital EHCPs, costed in their line) is no news.
  expect(note).not.toContain("Hospital school EHCPs");
  expect(note).toContain("s251Split");
  expect(note).toContain("places: { provider: academy }");
  expect(notes.join(" ")).toContain(
    "place funding of placements costed per pupil is on 1.0.2 at the operational guide's rate a placement (Resourced provision and SEN units £6,000, Maintained special schools and special academies £10,000",
  );
});

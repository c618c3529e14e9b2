// One definition per label with a Stability Grant (review of the Leeds walk-through): the in-year
// balance with the grant and before it each under its own name; the gap between the forecasts both
// ways; the savings by year before the grant, with the grant's change a row of its own (a staffing
// lever's cost is not a "saving" in the year the grant is paid); the total row mitigated less
// unmitigated in every column; the share of reserves that counts said apart from the context.
import { forecast, parseScenario, type Scenario } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { parseCsv } from "../../src/index.js";
import { ledgerCsv, leverYearsCsv } from "../../src/output/outputs.js";
import { numberIn, plan } from "./fixtures.js";

// 1,000 special school places at £30k growing 5% a year, a £20m opening deficit and the grant; a
// staffing lever with no firstFY (3 × £90k a year, charged from the base year 2024-25) and a 3% cut
// in unit costs from 2025-26.
const raw = {
  schema: "hnb-scenario/1",
  name: "Grant labels",
  baseYear: 2025,
  horizon: 4,
  openingBalance: -20_000_000,
  placements: [
    { id: "special", label: "Special", category: "MdSSA", count: 1000, unitCost: 30_000, growth: 0.05 },
  ],
  income: {
    hnb: { amount: 28_000_000, growth: 0.02 },
    stabilityGrant: { condition: "DfE approval of the local SEND reform plan" },
  },
  statutoryOverride: { usableReserves: 150_000_000 },
  mitigations: [
    {
      id: "invest",
      type: "staffing",
      staffing: [{ id: "eps", role: "Educational Psychologist", fte: 3, unitCost: 90_000 }],
    },
    { id: "banding", type: "unitCostChange", placements: ["special"], change: -0.03, fromFY: "2025-26" },
  ],
};
const parsed = parseScenario(raw);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const scenario: Scenario = parsed.scenario;
const result = forecast(scenario);
const wb = await plan({ scenario, result });
const fys = result.financialYears;

/** The numbers of every row whose first cell is `label`, in order, by FY column. */
function rows(sheet: string, label: string): number[][] {
  const out: number[][] = [];
  wb.getWorksheet(sheet)?.eachRow((row) => {
    if (row.getCell(1).value === label)
      out.push(fys.map((_, i) => numberIn(row.getCell(i + 2)) ?? Number.NaN));
  });
  return out;
}
const thousands = (xs: number[] | undefined) => (xs ?? []).map((x) => Math.round(x));
const labels = (sheet: string) => {
  const out: string[] = [];
  wb.getWorksheet(sheet)?.eachRow((row) => out.push(String(row.getCell(1).value)));
  return out;
};

describe("the in-year balance with and before the Stability Grant", () => {
  test("the financial summary has both, each named, for each forecast", () => {
    expect(labels("Financial summary")).not.toContain("In-year balance");
    for (const [i, f] of [result.unmitigated, result.mitigated].entries()) {
      expect(rows("Financial summary", "In-year balance (with the Stability Grant)")[i]).toEqual(
        f.ledger.map((l) => l.inYear),
      );
      const before = rows("Financial summary", "In-year balance before the Stability Grant")[i] ?? [];
      f.ledger.forEach((l, k) =>
        expect(before[k]).toBeCloseTo(l.inYear - (l.stabilityGrant ?? Number.NaN), 6),
      );
    }
  });
  test("the gap between the forecasts is given both ways: the readable comparison's is the one before the grant", () => {
    const gapWith = rows("Mitigations", "In-year (with the Stability Grant)")[0] ?? [];
    const gapBefore = rows("Mitigations", "In-year before the Stability Grant")[0] ?? [];
    expect(labels("Mitigations")).not.toContain("In-year");
    const paid = fys.indexOf(result.stabilityGrant?.[0]?.paidIn ?? "");
    fys.forEach((_, k) => {
      const u = result.unmitigated.ledger[k];
      const m = result.mitigated.ledger[k];
      expect(gapWith[k]).toBeCloseTo((m?.inYear ?? 0) - (u?.inYear ?? 0), 6);
      // They differ by the change in the grant, in the year it is paid, and only then.
      const change = k === paid ? (m?.stabilityGrant ?? 0) - (u?.stabilityGrant ?? 0) : 0;
      expect((gapWith[k] ?? 0) - (gapBefore[k] ?? 0)).toBeCloseTo(change, 6);
    });
    expect(paid).toBeGreaterThan(0);
  });
});

describe("savings by financial year keep the Stability Grant's change apart", () => {
  test("the staffing lever costs 3 × £90,000 in every year, the year the grant is paid included", () => {
    const [invest] = rows("Mitigations", "Staffing investment (invest)").slice(-1);
    expect(thousands(invest)).toEqual(fys.map(() => -270_000));
  });
  test("the grant's change is a row of its own in the year it is paid; with it, each year adds up to the in-year gap", () => {
    const [grant] = rows("Mitigations", "Stability Grant: change between the forecasts").slice(-1);
    const paidIn = result.stabilityGrant?.[0]?.paidIn;
    expect(paidIn).toBe("2026-27");
    // The staffing lever's £540k of cost to 31 March 2026 raises the grant by 90% of it, £486k.
    const invest = result.levers.find((l) => l.id === "invest");
    expect(invest?.stabilityGrantEffect?.shapley).toBeCloseTo(486_000, 6);
    fys.forEach((fy, k) => {
      const change = result.levers.reduce((a, l) => a + (l.stabilityGrantEffect?.shapley ?? 0), 0);
      expect(grant?.[k]).toBeCloseTo(fy === paidIn ? change : 0, 6);
    });
    const [total] = rows("Mitigations", "Total by year (the in-year gap, with the Stability Grant)");
    fys.forEach((_, k) =>
      expect(total?.[k]).toBeCloseTo(
        (result.mitigated.ledger[k]?.inYear ?? 0) - (result.unmitigated.ledger[k]?.inYear ?? 0),
        6,
      ),
    );
  });
  test("the workstream log's total is mitigated less unmitigated in every column, with the grant's change as its effect", () => {
    let cells: (number | undefined)[] = [];
    wb.getWorksheet("Mitigations")?.eachRow((row) => {
      if (row.getCell(1).value === "Total (mitigated less unmitigated)")
        cells = [4, 5, 6, 7].map((c) => numberIn(row.getCell(c)));
    });
    const gap =
      (result.mitigated.ledger.at(-1)?.cumulative ?? 0) - (result.unmitigated.ledger.at(-1)?.cumulative ?? 0);
    const change = result.leverTotals.bySide.stabilityGrant?.shapley ?? Number.NaN;
    expect(cells[0]).toBeCloseTo(gap, 4);
    expect(cells[1]).toBeCloseTo(gap, 4);
    expect(cells[2]).toBeCloseTo(change, 4);
    expect(cells[3]).toBeCloseTo(gap, 4);
  });
});

describe("the share of reserves that counts is said apart from the context", () => {
  test("the deficit carried with the grant is the measure that counts; accrued and without-grant shares are context", () => {
    const all = labels("Financial summary");
    expect(all).toContain(
      "Deficit as a share of usable reserves, mitigated (with the Stability Grant received: the measure that counts)",
    );
    expect(all.filter((l) => l.startsWith("Context: ")).sort()).toEqual(
      [
        "Context: accrued deficit as a share of usable reserves",
        "Context: deficit without the grant as a share of usable reserves (as if none were paid)",
      ]
        .flatMap((l) => [l, l])
        .sort(),
    );
  });
});

describe("the CSV files say which in-year balance and which part is the grant's", () => {
  test("ledger.csv: inYear with the grant, inYearBeforeGrant without", () => {
    const table = parseCsv(ledgerCsv(result));
    const [header, ...body] = table;
    const col = (name: string) => (header ?? []).indexOf(name);
    expect(col("inYearBeforeGrant")).toBe((header?.length ?? 0) - 1);
    for (const row of body) {
      const v = (name: string) => Number(row[col(name)]);
      expect(v("inYearBeforeGrant")).toBeCloseTo(v("inYear") - v("stabilityGrant"), 6);
    }
  });
  test("lever-savings-by-year.csv: each lever's effect on the grant, in the year it is paid", () => {
    const [header, ...body] = parseCsv(leverYearsCsv(result));
    const col = (name: string) => (header ?? []).indexOf(name);
    const invest = body.filter((r) => r[col("id")] === "invest");
    expect(invest.map((r) => Math.round(Number(r[col("stability_grant_effect_shapley")])))).toEqual([
      0, 0, 486_000, 0, 0,
    ]);
    // With the effect taken off, the lever costs the same £270k every year.
    expect(
      invest.map((r) =>
        Math.round(Number(r[col("shapley")]) - Number(r[col("stability_grant_effect_shapley")])),
      ),
    ).toEqual([-270_000, -270_000, -270_000, -270_000, -270_000]);
  });
});

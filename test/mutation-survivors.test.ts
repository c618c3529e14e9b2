// Figures a mutation run (58 one-line mutants of the engine, this round) showed no test would catch
// if they were wrong: each test here fails on the mutant it is named after, worked by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "@hnb/io";
import { forecast, monitor, parseMonitoring, parseScenario } from "@hnb/model";
import { inflatedUnitCost, normalisePlaces, trendOf } from "@hnb/model/internal";
import { describe, expect, test } from "vitest";
import { scratch } from "./support.js";

const scenarioOf = (raw: unknown) => {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  return r.scenario;
};

describe("figures no test caught before", () => {
  test("a transfer lever that sets a year to 0% stops the scenario's own transfer that year", () => {
    // Schools Block £10m, no growth, 0.5% in both years; the lever sets 2025-26 to 0.
    const s = scenarioOf({
      schema: "hnb-scenario/1",
      name: "T",
      baseYear: 2025,
      horizon: 1,
      openingBalance: 0,
      placements: [],
      income: {
        hnb: { amount: 1_000_000 },
        schoolsBlock: { amount: 10_000_000, transferRate: { "2024-25": 0.005, "2025-26": 0.005 } },
      },
      mitigations: [{ id: "stop", type: "transfer", transferRate: { "2025-26": 0 } }],
    });
    const r = forecast(s);
    const amount = (which: "unmitigated" | "mitigated", fy: string) =>
      r[which].transfers.find((t) => t.fy === fy)?.amount ?? 0;
    expect(amount("unmitigated", "2025-26")).toBeCloseTo(50_000, 6);
    expect(amount("mitigated", "2025-26")).toBe(0);
    expect(amount("mitigated", "2024-25")).toBeCloseTo(50_000, 6);
  });
  test("a trend is annualised over its own span: 100 → 161.051 over 5 years is 10% a year", () => {
    const t = trendOf([
      { year: 2016, count: 100 },
      { year: 2021, count: 161.051 },
    ]);
    expect(t(2021, 5)).toBeCloseTo(0.1, 12);
  });
  test("the places before the base census are the year before's, not the base year's", () => {
    const p = normalisePlaces({ commissioned: { 2025: 180, 2026: 200 }, provider: "maintained" }, 2026, 1);
    expect(p.placesBefore).toBe(180);
    expect([...(p.places ?? [])]).toEqual([200, 200]);
  });
  test("a drawn inflation shift below −100% leaves a unit cost at 0, never negative", () => {
    expect([...inflatedUnitCost(Float64Array.of(100, 103), -2)]).toEqual([100, 0]);
  });
  test("academic phasing: the base FY's unplaced pupils take the year before's from the pupils the places could not hold", async () => {
    // data/place-funding.yaml with academic phasing and 180 places at the 2025 census. Special:
    // 200 pupils at the base census (and before it: no history), places 180 then 200, of which
    // 20 new ones half fillable: capacity 190 at 2026. Unplaced before = 200 − 180 = 20; at 2026,
    // 200 − 190 = 10; FY 2025-26 = 5/12 × 20 + 7/12 × 10 = 14.1667.
    const dir = scratch("hnb-mut-");
    const file = join(dir, "academic.yaml");
    writeFileSync(
      file,
      readFileSync("data/place-funding.yaml", "utf8")
        .replace("\nplacements:", "\nphasing: academic\nplacements:")
        .replace(
          "commissioned: { 2026: 200, 2027: 220 }",
          "commissioned: { 2025: 180, 2026: 200, 2027: 220 }",
        ),
    );
    const r = forecast(await loadScenarioFile(file));
    const row = r.unmitigated.placeFunding?.find((x) => x.id === "special" && x.fy === "2025-26");
    expect(row?.unplaced).toBeCloseTo((5 / 12) * 20 + (7 / 12) * 10, 9);
    expect(row?.placed).toBeCloseTo((5 / 12) * 180 + (7 / 12) * 190, 9);
  });
  test("monitoring a place-funded scenario: the monitored year's net expenditure moves with the outturn", async () => {
    const s = await loadScenarioFile("data/place-funding.yaml");
    const result = forecast(s);
    const fy = result.financialYears[0] as string;
    const costs = new Map<string, number>();
    for (const p of result.mitigated.placements.filter((x) => x.fy === fy)) costs.set(p.id, p.cost);
    for (const l of result.mitigated.lines.filter((x) => x.fy === fy)) costs.set(l.id, l.cost);
    // One month closed, every line at a twelfth of its cost but special, £100,000 over.
    const month = Object.fromEntries(
      [...costs].map(([id, c]) => [id, c / 12 + (id === "special" ? 100_000 : 0)]),
    );
    const parsed = parseMonitoring({
      schema: "hnb-monitoring/1",
      name: "M1",
      scenario: "place-funding.yaml",
      fy,
      budget: Object.fromEntries([...costs].map(([id, c]) => [id, c])),
      actuals: { [`${Number(fy.slice(0, 4))}-04`]: month },
    });
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    const m = monitor(parsed.monitoring, result);
    if (!m.ok) throw new Error(m.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    const row = m.result.ledger[0];
    expect(row?.recoupment).toBeGreaterThan(0);
    expect((row?.expenditure ?? 0) - (row?.netExpenditure ?? 0)).toBeCloseTo(
      row?.recoupment ?? Number.NaN,
      6,
    );
    expect((row?.netIncome ?? 0) - (row?.netExpenditure ?? 0)).toBeCloseTo(row?.inYear ?? Number.NaN, 6);
    expect(row?.expenditure).toBeCloseTo((result.mitigated.ledger[0]?.expenditure ?? 0) + 100_000, 6);
  });
});

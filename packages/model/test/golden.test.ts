// Hand-computed golden cases, one group per section of the spec (../shared/spec/model.md). Every
// expected figure is worked out in the comments so a reader can check it with a calculator. §1–§6
// here; the levers of §7: golden-levers.test.ts; funding, the Safety Valve and the override:
// golden-funding.test.ts.
import { describe, expect, test } from "vitest";
import { ledgerRows } from "../src/derive/ledger.js";
import {
  censusYears,
  financialYears,
  forecast,
  fyLabel,
  fyYear,
  NO_LEVERS,
  normalise,
  project,
  transferRoute,
} from "../src/index.js";
import { workspaceOf } from "../src/project/projection.js";
import { yearValue } from "../src/units/time.js";
import { baseInput, valid } from "./helpers.js";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

describe("§1 time", () => {
  test("FY_Y runs April Y-1 to March Y and is labelled {Y-1}-{YY}", () => {
    expect(fyLabel(2026)).toBe("2025-26");
    expect(fyLabel(2000)).toBe("1999-00");
    expect(fyLabel(2100)).toBe("2099-00");
    expect(fyYear("2025-26")).toBe(2026);
    expect(fyYear("2025-27")).toBeUndefined();
    expect(fyYear("2025/26")).toBeUndefined();
  });
  test("a horizon of H reports H+1 financial years from the base FY", () => {
    expect(censusYears(2025, 2)).toEqual([2025, 2026, 2027]);
    expect(financialYears(2025, 2)).toEqual(["2024-25", "2025-26", "2026-27"]);
    const r = forecast(valid(baseInput()));
    expect(r.financialYears).toEqual(["2024-25", "2025-26", "2026-27"]);
    expect(r.unmitigated.ledger).toHaveLength(3);
  });
});

describe("§2 placements", () => {
  const placement = {
    id: "special",
    label: "Special",
    category: "MdSSA",
    count: 100,
    unitCost: 1000,
    costInflation: 0.05,
    growth: 0.1,
    history: { 2024: 90 },
  };
  test("census phasing: E = N(Y) · c(FY_Y)", () => {
    // N = 100, 110, 121; c = 1000, 1050, 1102.5; E = 100,000; 115,500; 133,402.5
    const r = forecast(valid(baseInput({ placements: [placement] })));
    const rows = r.unmitigated.placements;
    expect(rows.map((p) => p.census)).toEqual([2025, 2026, 2027]);
    [100, 110, 121].forEach((n, k) => close(rows[k]?.count ?? 0, n));
    [1000, 1050, 1102.5].forEach((c, k) => close(rows[k]?.unitCost ?? 0, c));
    [100_000, 115_500, 133_402.5].forEach((e, k) => close(rows[k]?.cost ?? 0, e));
  });
  test("academic phasing: E = c(FY_Y) · (5/12 · N(Y-1) + 7/12 · N(Y)), N(B-1) from history", () => {
    // FY 2024-25: 1000 · (5/12·90 + 7/12·100) = 1000 · 95.8333… = 95,833.33…
    // FY 2025-26: 1050 · (5/12·100 + 7/12·110) = 1050 · 105.8333… = 111,125
    // FY 2026-27: 1102.5 · (5/12·110 + 7/12·121) = 1102.5 · 116.41666… = 128,349.375
    const r = forecast(valid(baseInput({ phasing: "academic", placements: [placement] })));
    const costs = r.unmitigated.placements.map((p) => p.cost);
    close(costs[0] ?? 0, 95_833.333333);
    close(costs[1] ?? 0, 111_125);
    close(costs[2] ?? 0, 128_349.375);
  });
  test("academic phasing without history uses N(B) for N(B-1)", () => {
    const { history: _, ...noHistory } = placement;
    const r = forecast(valid(baseInput({ phasing: "academic", placements: [noHistory] })));
    close(r.unmitigated.placements[0]?.cost ?? 0, 100_000);
  });
  test("per-year growth and inflation maps apply to the step from Y-1 to Y", () => {
    // N = 100, 120 (2026: +20%), 108 (2027: −10%); c = 1000, 1000, 1100
    const r = forecast(
      valid(
        baseInput({
          placements: [
            {
              ...placement,
              history: undefined,
              growth: { 2026: 0.2, 2027: -0.1 },
              costInflation: { 2026: 0, 2027: 0.1 },
            },
          ],
        }),
      ),
    );
    const rows = r.unmitigated.placements;
    close(rows[1]?.count ?? 0, 120);
    close(rows[2]?.count ?? 0, 108);
    close(rows[2]?.cost ?? 0, 108 * 1100);
  });
});

describe("§3 other expenditure lines", () => {
  test("A_l = amount · Π(1 + i) inside its years, 0 outside", () => {
    // inflation 10%: 1000, 1100, 1210 — but active only in 2025-26: 0, 1100, 0
    const r = forecast(
      valid(
        baseInput({
          lines: [
            {
              id: "sen",
              label: "SEN support",
              amount: 1000,
              inflation: 0.1,
              firstFY: "2025-26",
              lastFY: "2025-26",
            },
          ],
        }),
      ),
    );
    expect(r.unmitigated.lines.map((l) => l.cost)).toEqual(
      [0, 1100.0000000000002, 0].map((x) => expect.closeTo(x, 6)),
    );
  });
});

describe("§4 staffing", () => {
  test("(fte · unitCost + lumpSum) · Π(1 + payAward) from the base year, inside its years", () => {
    // base cost 2 × 30,000 + 10,000 = 70,000; pay award 2% compounds from the base year:
    // 2024-25 inactive (0), 2025-26 70,000 × 1.02 = 71,400, 2026-27 70,000 × 1.0404 = 72,828
    const r = forecast(
      valid(
        baseInput({
          staffing: [
            {
              id: "team",
              role: "Assessment team",
              fte: 2,
              unitCost: 30000,
              lumpSum: 10000,
              payAward: 0.02,
              firstFY: "2025-26",
            },
            { id: "gf", role: "General fund post", lumpSum: 50000, fundedBy: "general-fund" },
          ],
        }),
      ),
    );
    const team = r.unmitigated.staffing.filter((s) => s.id === "team").map((s) => s.cost);
    close(team[0] ?? 1, 0);
    close(team[1] ?? 0, 71_400);
    close(team[2] ?? 0, 72_828);
    // General-fund staffing is reported but not in the DSG ledger.
    expect(r.unmitigated.staffing.filter((s) => s.id === "gf").map((s) => s.cost)).toEqual([
      50000, 50000, 50000,
    ]);
    close(r.unmitigated.ledger[1]?.staffingCost ?? 0, 71_400);
    close(r.unmitigated.ledger[1]?.expenditure ?? 0, 71_400);
  });
});

describe("§5 income", () => {
  test("HNB grows by its rate; a transfer is rate × Schools Block with its approval route", () => {
    // HNB 1,000,000 growing 5%: 1,000,000; 1,050,000; 1,102,500
    // Schools Block 100,000,000 growing 2%: 100m, 102m, 104.04m; rates 0, 0.5%, 1.5%
    // transfers: 0; 510,000 (Schools Forum); 1,560,600 (disapplication)
    const r = forecast(
      valid(
        baseInput({
          income: {
            hnb: { amount: 1_000_000, growth: 0.05 },
            schoolsBlock: {
              amount: 100_000_000,
              growth: 0.02,
              transferRate: { "2025-26": 0.005, "2026-27": 0.015 },
            },
            other: [{ id: "council", label: "Council", amounts: { "2024-25": 250_000 } }],
          },
        }),
      ),
    );
    const l = r.unmitigated.ledger;
    [1_000_000, 1_050_000, 1_102_500].forEach((v, k) => close(l[k]?.hnb ?? 0, v));
    expect(r.unmitigated.transfers).toEqual([
      {
        fy: "2025-26",
        rate: 0.005,
        amount: expect.closeTo(510_000, 6),
        movements: [],
        totalRate: expect.closeTo(0.005, 12),
        needs: "schools-forum",
      },
      {
        fy: "2026-27",
        rate: 0.015,
        amount: expect.closeTo(1_560_600, 6),
        movements: [],
        totalRate: expect.closeTo(0.015, 12),
        needs: "disapplication",
      },
    ]);
    close(l[0]?.income ?? 0, 1_250_000);
    close(l[2]?.income ?? 0, 1_102_500 + 1_560_600);
  });
  test("0.5% exactly needs Schools Forum; anything above needs disapplication", () => {
    expect(transferRoute(0.005)).toBe("schools-forum");
    // Decided on the percentage rounded to 4 places: 0.50001% is 0.5000%, and a formula's float error is no disapplication.
    expect(transferRoute(0.0050001)).toBe("schools-forum");
    expect(transferRoute(0.1 * 0.05)).toBe("schools-forum");
    expect(0.1 * 0.05).toBeGreaterThan(0.005);
    expect(transferRoute(0.005005)).toBe("disapplication");
    expect(transferRoute(0.001)).toBe("schools-forum");
  });
});

describe("§6 the ledger", () => {
  test("inYear = income − expenditure; cumulative runs on from the opening balance", () => {
    // income 100,000 flat; one placement 10 × 9,000 = 90,000 growing 10% a year in count:
    // expenditure 90,000; 99,000; 108,900 → inYear 10,000; 1,000; −8,900
    // cumulative from −5,000: 5,000; 6,000; −2,900
    const r = forecast(
      valid(
        baseInput({
          openingBalance: -5000,
          income: { hnb: { amount: 100_000 } },
          placements: [{ id: "p", label: "P", category: "MmSoA", count: 10, unitCost: 9000, growth: 0.1 }],
        }),
      ),
    );
    const l = r.unmitigated.ledger;
    [10_000, 1_000, -8_900].forEach((v, k) => close(l[k]?.inYear ?? 0, v));
    [5_000, 6_000, -2_900].forEach((v, k) => close(l[k]?.cumulative ?? 0, v));
  });
});

describe("a missing year is an error, never £0", () => {
  test("yearValue throws naming the series; the ledger rows read through it", () => {
    expect(yearValue(Float64Array.of(5, 7), 1, "income")).toBe(7);
    expect(() => yearValue(Float64Array.of(5), 1, "income")).toThrow(
      "income: no value for year index 1 (the series has 1)",
    );
    const model = normalise(valid(baseInput({ horizon: 1 })));
    const t = project(model, NO_LEVERS);
    expect(() => ledgerRows(model, { ...t, income: t.income.subarray(0, 1) })).toThrow(
      "income: no value for year index 1",
    );
  });
});

describe("a projection's workspace belongs to one model", () => {
  test("projecting into another model's workspace is refused, not answered with its arrays", () => {
    const a = normalise(valid(baseInput({ horizon: 2 })));
    const b = normalise(valid(baseInput({ horizon: 2 })));
    const ws = workspaceOf(a);
    expect(project(a, NO_LEVERS, undefined, undefined, { lean: true, into: ws }).cumulative).toEqual(
      project(a, NO_LEVERS).cumulative,
    );
    expect(() => project(b, NO_LEVERS, undefined, undefined, { lean: true, into: ws })).toThrow(
      "the workspace was made for another model",
    );
  });
});

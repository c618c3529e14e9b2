// Hand-computed golden cases, one group per section of the spec (../shared/spec/model.md). Every
// expected figure is worked out in the comments so a reader can check it with a calculator.
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

describe("§7 levers", () => {
  const twoPlacements = {
    placements: [
      { id: "main", label: "Mainstream", category: "MmSoA", count: 100, unitCost: 1000, growth: 0.1 },
      { id: "inmss", label: "INMSS", category: "NMISS", count: 50, unitCost: 50000 },
      { id: "bespoke", label: "Bespoke", category: "RPSEN", count: 0, unitCost: 18000 },
    ],
  };
  const only = (mitigation: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    forecast(valid(baseInput({ ...twoPlacements, horizon: 3, ...extra, mitigations: [mitigation] })));

  test("growthReduction with ramp and confidence", () => {
    // g = 10%; reduction 4 points from 2026 over 2 years at confidence 0.5:
    // 2026: 0.10 − 0.5·0.04·½ = 0.09 → 109; 2027: 0.10 − 0.02 = 0.08 → 117.72; 2028: 0.08 → 127.1376
    const r = only({
      id: "inc",
      type: "growthReduction",
      placements: ["main"],
      reduction: 0.04,
      from: 2026,
      rampYears: 2,
      confidence: 0.5,
    });
    const counts = r.mitigated.placements.filter((p) => p.id === "main").map((p) => p.count);
    [100, 109, 117.72, 127.1376].forEach((n, k) => close(counts[k] ?? 0, n));
    // Unmitigated is untouched: 100, 110, 121, 133.1
    close(r.unmitigated.placements[3]?.count ?? 0, 133.1);
  });

  test("placementShift moves stock after growth, capped at the source's count", () => {
    // moves 20 in 2026 and 20 in 2027 at confidence 0.75: M = 0, 15, 30, 30
    // inmss 50, 35, 20, 20; bespoke 0, 15, 30, 30. Cost in 2027-28 (census): 20·50,000 + 30·18,000
    const r = only({
      id: "shift",
      type: "placementShift",
      fromPlacement: "inmss",
      toPlacement: "bespoke",
      moves: { 2026: 20, 2027: 20 },
      confidence: 0.75,
    });
    const inmss = r.mitigated.placements.filter((p) => p.id === "inmss").map((p) => p.count);
    const bespoke = r.mitigated.placements.filter((p) => p.id === "bespoke").map((p) => p.count);
    expect(inmss).toEqual([50, 35, 20, 20]);
    expect(bespoke).toEqual([0, 15, 30, 30]);
    // Cap: 80 moves asked of a stock of 50 move only 50.
    const capped = only({
      id: "shift",
      type: "placementShift",
      fromPlacement: "inmss",
      toPlacement: "bespoke",
      moves: { 2026: 80 },
    });
    expect(capped.mitigated.placements.filter((p) => p.id === "inmss").map((p) => p.count)).toEqual([
      50, 0, 0, 0,
    ]);
    expect(capped.mitigated.placements.filter((p) => p.id === "bespoke").map((p) => p.count)).toEqual([
      0, 50, 50, 50,
    ]);
  });

  test("unitCostChange and lineChange from their FY, scaled by confidence", () => {
    // −10% at confidence 0.5 from 2026-27: main unit cost 1000, 1000, 950, 950
    const r = only({
      id: "band",
      type: "unitCostChange",
      placements: ["main"],
      change: -0.1,
      fromFY: "2026-27",
      confidence: 0.5,
    });
    expect(r.mitigated.placements.filter((p) => p.id === "main").map((p) => p.unitCost)).toEqual([
      1000, 1000, 950, 950,
    ]);
    // Line 2,000 cut by 20% from 2025-26: 2000, 1600, 1600, 1600
    const lines = { lines: [{ id: "ther", label: "Therapies", amount: 2000 }] };
    const l = only(
      { id: "comm", type: "lineChange", lines: ["ther"], change: -0.2, fromFY: "2025-26" },
      lines,
    );
    expect(l.mitigated.lines.map((x) => x.cost)).toEqual([2000, 1600, 1600, 1600]);
    expect(l.unmitigated.lines.map((x) => x.cost)).toEqual([2000, 2000, 2000, 2000]);
  });

  test("staffing, transfer and grant levers act on the mitigated forecast only", () => {
    const income = { income: { hnb: { amount: 0 }, schoolsBlock: { amount: 200_000_000 } } };
    const s = only(
      { id: "eps", type: "staffing", staffing: [{ id: "ep", role: "EP", fte: 4, unitCost: 91600 }] },
      income,
    );
    expect(s.unmitigated.staffing).toHaveLength(0);
    expect(s.mitigated.staffing.map((x) => x.cost)).toEqual([366_400, 366_400, 366_400, 366_400]);
    expect(s.levers[0]?.sequential).toBeCloseTo(-4 * 366_400, 6);
    // 1% of £200m = £2m in 2026-27, which needs a disapplication request.
    const t = only({ id: "t", type: "transfer", transferRate: { "2026-27": 0.01 } }, income);
    expect(t.unmitigated.transfers).toEqual([]);
    expect(t.mitigated.transfers).toEqual([
      {
        fy: "2026-27",
        rate: 0.01,
        amount: 2_000_000,
        movements: [],
        totalRate: 0.01,
        needs: "disapplication",
      },
    ]);
    // A £500k grant at confidence 0.8 is £400k of income; its £300k spend at 0.8 is £240k: net £160k.
    const g = only(
      {
        id: "dbv",
        type: "grant",
        amounts: { "2025-26": 500_000 },
        spend: { "2025-26": 300_000 },
        confidence: 0.8,
      },
      income,
    );
    expect(g.mitigated.ledger[1]?.otherIncome).toBe(400_000);
    expect(g.mitigated.ledger[1]?.implementationCost).toBe(240_000);
    expect(g.unmitigated.ledger[1]?.implementationCost).toBe(0);
    expect(g.levers[0]).toMatchObject({ kind: "funding", sequential: 160_000, shapley: 160_000 });
  });

  test("sequential savings and Shapley shares of two interacting levers", () => {
    // A cut of INMSS unit cost by 50% from 2025-26 (A) and a shift of all 50 INMSS places to bespoke
    // in 2026 (B), horizon 1 (census). Both act only in FY 2025-26, where INMSS costs 50 × 50,000 = 2,500,000.
    // Savings on the final cumulative balance: v(A) = 1,250,000; v(B) = 2,500,000 − 900,000 (bespoke
    // 50 × 18,000) = 1,600,000; v(AB) = 1,600,000 (nothing left in INMSS for A to cut)
    // sequential: A = 1,250,000, B = v(AB) − v(A) = 350,000
    // Shapley: A = ½(1,250,000 + 0) = 625,000; B = ½(1,600,000 + 350,000) = 975,000
    const r = forecast(
      valid(
        baseInput({
          ...twoPlacements,
          horizon: 1,
          mitigations: [
            { id: "A", type: "unitCostChange", placements: ["inmss"], change: -0.5, fromFY: "2025-26" },
            {
              id: "B",
              type: "placementShift",
              fromPlacement: "inmss",
              toPlacement: "bespoke",
              moves: { 2026: 50 },
            },
          ],
        }),
      ),
    );
    expect(r.levers.map((l) => [l.id, l.sequential, l.shapley])).toEqual([
      ["A", expect.closeTo(1_250_000, 6), expect.closeTo(625_000, 6)],
      ["B", expect.closeTo(350_000, 6), expect.closeTo(975_000, 6)],
    ]);
  });
});

describe("§7 funding kept apart from savings, the Safety Valve and the statutory override", () => {
  // One placement of 100 × £10,000 = £1,000,000 a year, flat; HNB income £900,000 a year; horizon 3
  // (FY 2024-25 … 2027-28); opening balance −£500,000. Unmitigated in-year −£100,000 every year.
  const base = (mitigations: unknown[], extra: Record<string, unknown> = {}) =>
    forecast(
      valid(
        baseInput({
          horizon: 3,
          openingBalance: -500_000,
          placements: [{ id: "p", label: "P", category: "MdSSA", count: 100, unitCost: 10_000 }],
          income: { hnb: { amount: 900_000 } },
          mitigations,
          ...extra,
        }),
      ),
    );
  test("savings and funding subtotals add up to the gap", () => {
    // Saving: unit cost −5% from 2025-26: £50,000 a year × 3 = £150,000. Funding: grant £200,000 in
    // 2025-26 with £120,000 spend: £80,000 net.
    const r = base([
      { id: "banding", type: "unitCostChange", placements: ["p"], change: -0.05, fromFY: "2025-26" },
      { id: "dbv", type: "grant", amounts: { "2025-26": 200_000 }, spend: { "2025-26": 120_000 } },
    ]);
    close(r.leverTotals.savings.shapley, 150_000);
    close(r.leverTotals.funding.shapley, 80_000);
    close(r.leverTotals.total.sequential, 230_000);
    const gap = (r.mitigated.ledger.at(-1)?.cumulative ?? 0) - (r.unmitigated.ledger.at(-1)?.cumulative ?? 0);
    close(r.leverTotals.savings.sequential + r.leverTotals.funding.sequential, gap);
    expect(r.levers.map((l) => l.kind)).toEqual(["saving", "funding"]);
  });
  test("Safety Valve payments are paid when the year's in-year target is met and withheld when it is not", () => {
    // Banding −15% from 2025-26: expenditure £850,000, in-year +£50,000 before any payment.
    // Payments £300,000 in 2025-26 (target 0: met, paid), £300,000 in 2026-27 (target +£60,000: missed,
    // withheld), £300,000 in 2027-28 (target −£20,000: met, paid).
    const r = base([
      { id: "banding", type: "unitCostChange", placements: ["p"], change: -0.15, fromFY: "2025-26" },
      {
        id: "sv",
        type: "safetyValve",
        payments: { "2025-26": 300_000, "2026-27": 300_000, "2027-28": 300_000 },
        inYearTargets: { "2026-27": 60_000, "2027-28": -20_000 },
      },
    ]);
    expect(r.safetyValvePayments.map((p) => [p.fy, p.amount, p.target, p.paid])).toEqual([
      ["2025-26", 300_000, 0, true],
      ["2026-27", 300_000, 60_000, false],
      ["2027-28", 300_000, -20_000, true],
    ]);
    r.safetyValvePayments.forEach((p) => close(p.inYearBefore, 50_000));
    // Cumulative: −500,000 −100,000 (2024-25) +350,000 +50,000 +350,000 = 150,000.
    close(r.mitigated.ledger.at(-1)?.cumulative ?? 0, 150_000);
    expect(r.levers.find((l) => l.id === "sv")).toMatchObject({ kind: "funding" });
    close(r.levers.find((l) => l.id === "sv")?.sequential ?? 0, 600_000);
  });
  test("a target met exactly by hand is met, whatever floating point leaves in the last digits", () => {
    // 2028-29 (census 2029): special 1,000 × 1.1^4 = 1,464.1 at £20,000; mainstream 1,000 × 1.05^4 =
    // 1,215.50625 at £10,000; income £28m: in-year −13,437,062.50 exactly, which floating point
    // makes −13,437,062.500000007.
    const r = forecast(
      valid(
        baseInput({
          horizon: 4,
          placements: [
            {
              id: "special",
              label: "Special",
              category: "MdSSA",
              count: 1000,
              unitCost: 20_000,
              growth: 0.1,
            },
            { id: "main", label: "Main", category: "MmSoA", count: 1000, unitCost: 10_000, growth: 0.05 },
          ],
          income: { hnb: { amount: 28_000_000 } },
          mitigations: [
            {
              id: "sv",
              type: "safetyValve",
              payments: { "2028-29": 5_000_000 },
              inYearTargets: { "2028-29": -13_437_062.5 },
            },
          ],
        }),
      ),
    );
    const [p] = r.safetyValvePayments;
    expect(p?.inYearBefore).not.toBe(-13_437_062.5);
    close(p?.inYearBefore ?? 0, -13_437_062.5);
    expect(p?.paid).toBe(true);
  });
  test("the deficit at the end of the override and its share of usable reserves", () => {
    // Unmitigated cumulative: −600,000 (2024-25), −700,000, −800,000, −900,000 (2027-28, ending 31 March 2028).
    const r = base([], { statutoryOverride: { usableReserves: 3_000_000 } });
    expect(r.statutoryOverride).toMatchObject({ ends: "2028-03-31", fy: "2027-28", withinHorizon: true });
    close(r.statutoryOverride.unmitigated ?? 0, -900_000);
    close(r.statutoryOverride.unmitigatedShareOfReserves ?? 0, 0.3);
    const early = base([], { statutoryOverride: { ends: "2026-03-31" } });
    expect(early.statutoryOverride.fy).toBe("2025-26");
    close(early.statutoryOverride.unmitigated ?? 0, -700_000);
    expect(early.statutoryOverride.usableReserves).toBeUndefined();
    const beyond = base([], { statutoryOverride: { ends: "2031-03-31" } });
    expect(beyond.statutoryOverride.withinHorizon).toBe(false);
  });
  test("in balance means from that year on: a surplus followed by a deficit does not count", () => {
    // Grant £250,000 in 2025-26 only (spend declared none): in-year −100,000; +150,000; −100,000; −100,000.
    const r = base([
      { id: "g", type: "grant", amounts: { "2025-26": 250_000 }, spend: {}, spendReason: "a contribution" },
    ]);
    expect(r.mitigated.ledger.map((l) => Math.sign(l.inYear))).toEqual([-1, 1, -1, -1]);
  });
  test("other Schools Block movements count towards the 0.5% limit", () => {
    // Schools Block £100m; transfer 0.4% = £400,000; a £200,000 top-slice to a fund: 0.6% in all → disapplication.
    const r = base([], {
      income: {
        hnb: { amount: 900_000 },
        schoolsBlock: {
          amount: 100_000_000,
          transferRate: { "2025-26": 0.004 },
          otherMovements: [{ id: "fund", label: "Innovation fund", amounts: { "2025-26": 200_000 } }],
        },
      },
    });
    expect(r.unmitigated.transfers).toEqual([
      {
        fy: "2025-26",
        rate: 0.004,
        amount: 400_000,
        movements: [{ id: "fund", label: "Innovation fund", amount: 200_000 }],
        totalRate: expect.closeTo(0.006, 12),
        needs: "disapplication",
      },
    ]);
    // The movement is not High Needs income: only the transfer is.
    close(r.unmitigated.ledger[1]?.income ?? 0, 900_000 + 400_000);
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

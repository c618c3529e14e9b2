// Hand-computed golden cases of spec §7 (../shared/spec/model.md): funding kept apart from savings,
// Safety Valve payments, the statutory override and the Schools Block limit. Every expected figure is
// worked out in the comments.
import { describe, expect, test } from "vitest";
import { forecast } from "../src/index.js";
import { baseInput, valid } from "./helpers.js";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

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

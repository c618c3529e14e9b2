// Levers at a year other than the last (review of the Leeds walk-through): each lever's effect on the
// balance when the statutory override ends, which adds up to the gap then; the savings by year
// with the Stability Grant's change in a row of its own; warnings for levers that change the base
// financial year (closed accounts); and a flow's recording breaks said in the calendar years the
// file keys it by.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  demandWarnings,
  forecast,
  leverBaseYearWarnings,
  leversAt,
  leverYearsBeforeGrant,
  type Scenario,
} from "../../src/index.js";
import { scenarioInput } from "../arbitrary.js";
import { baseInput, valid } from "../helpers.js";

const RUNS = 120;
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
const validScenario = () => scenarioInput().map((raw) => valid(raw));

describe("levers at a year (property)", () => {
  test("at every FY, each basis adds up to the cumulative gap then; at the last FY they are the lever table's", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        r.financialYears.forEach((fy, k) => {
          const at = leversAt(r, fy);
          const gap = (r.mitigated.ledger[k]?.cumulative ?? 0) - (r.unmitigated.ledger[k]?.cumulative ?? 0);
          for (const basis of ["sequential", "shapley"] as const) {
            expect(
              near(
                at.reduce((a, l) => a + l[basis], 0),
                gap,
              ),
            ).toBe(true);
            for (const l of at)
              if (l.stabilityGrantEffect)
                expect(near((l.beforeGrant?.[basis] ?? 0) + l.stabilityGrantEffect[basis], l[basis])).toBe(
                  true,
                );
          }
        });
        const last = leversAt(r, r.financialYears.at(-1) as string);
        last.forEach((l, i) => {
          const lever = r.levers[i];
          expect(near(l.shapley, lever?.shapley ?? Number.NaN)).toBe(true);
          expect(near(l.sequential, lever?.sequential ?? Number.NaN)).toBe(true);
          expect(near(l.stabilityGrantEffect?.shapley ?? 0, lever?.stabilityGrantEffect?.shapley ?? 0)).toBe(
            true,
          );
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("the JSON's statutoryOverride.levers: only when the horizon runs past the override, adding up to the gap then", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const o = r.statutoryOverride;
        const past = o.withinHorizon && o.laterYears.length > 0 && r.levers.length > 0;
        expect(o.levers !== undefined).toBe(past);
        if (!o.levers) return;
        const gap = (o.mitigated ?? 0) - (o.unmitigated ?? 0);
        expect(
          near(
            o.levers.reduce((a, l) => a + l.shapley, 0),
            gap,
          ),
        ).toBe(true);
        expect(
          near(
            o.levers.reduce((a, l) => a + l.sequential, 0),
            gap,
          ),
        ).toBe(true);
        expect(o.levers.every((l) => l.fy === o.fy)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("savings by year before the grant, and the grant's change in its own row, add up to each year's in-year gap", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const years = leverYearsBeforeGrant(r);
        const granted = r.levers.some((l) => l.stabilityGrantEffect);
        expect(years.grant !== undefined).toBe(granted && (r.stabilityGrant?.length ?? 0) > 0);
        r.financialYears.forEach((fy, k) => {
          const gap = (r.mitigated.ledger[k]?.inYear ?? 0) - (r.unmitigated.ledger[k]?.inYear ?? 0);
          for (const basis of ["sequential", "shapley"] as const) {
            const levers = years.levers.reduce((a, l) => a + (l.years[k]?.[basis] ?? 0), 0);
            expect(near(levers + (years.grant?.[k]?.[basis] ?? 0), gap)).toBe(true);
          }
          // The grant's change falls in the year it is paid, and nowhere else.
          const paidIn = r.stabilityGrant?.[0]?.paidIn;
          if (years.grant && fy !== paidIn) expect(years.grant[k]?.shapley).toBe(0);
        });
        // A lever's years add up to its share before the grant (its share where there is none).
        for (const { lever, years: ys } of years.levers)
          expect(
            near(
              ys.reduce((a, y) => a + y.shapley, 0),
              lever.beforeGrant?.shapley ?? lever.shapley,
            ),
          ).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

// A scenario whose staffing lever has no firstFY and a Stability Grant: the case the reviewer found
// (a staffing lever's 2024-25 cost raised the deficit the grant pays off, so its 2026-27 "saving" was
// the grant's 90% of its cost).
const withGrant = () =>
  valid(
    baseInput({
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
    }),
  );

describe("the Stability Grant by year and at the override's end (hand-checked)", () => {
  const r = forecast(withGrant());
  test("the staffing lever costs £270k every year; the grant's 90% of its cost before April 2026 is in the grant's row", () => {
    const years = leverYearsBeforeGrant(r);
    const invest = years.levers.find((l) => l.lever.id === "invest");
    // 3 × £90,000 a year, no pay award: a cost in every year, 2026-27 included.
    expect(invest?.years.map((y) => Math.round(y.shapley))).toEqual([
      -270_000, -270_000, -270_000, -270_000, -270_000,
    ]);
    // 2024-25 and 2025-26 cost £540k before the deficit year ends: the grant rises by 90% of it, in 2026-27.
    const grantRow = years.grant?.map((y) => Math.round(y.shapley));
    const investEffect = r.levers.find((l) => l.id === "invest")?.stabilityGrantEffect?.shapley ?? 0;
    expect(Math.round(investEffect)).toBe(486_000);
    expect(grantRow?.[2]).toBe(Math.round(r.leverTotals.bySide.stabilityGrant?.shapley ?? Number.NaN));
    expect(grantRow?.filter((_, k) => k !== 2)).toEqual([0, 0, 0, 0]);
  });
  test("at 31 March 2028 the levers add up to the gap then, not to the gap at the horizon's end", () => {
    const o = r.statutoryOverride;
    expect(o.fy).toBe("2027-28");
    expect(o.laterYears).toEqual(["2028-29"]);
    const at = o.levers ?? [];
    const gap2028 = (o.mitigated ?? 0) - (o.unmitigated ?? 0);
    expect(at.reduce((a, l) => a + l.shapley, 0)).toBeCloseTo(gap2028, 4);
    const invest = at.find((l) => l.id === "invest");
    // Four years of £270k (2024-25 to 2027-28), less the grant's £486k.
    expect(invest?.beforeGrant?.shapley).toBeCloseTo(-1_080_000, 4);
    expect(invest?.shapley).toBeCloseTo(-594_000, 4);
    expect(r.levers.find((l) => l.id === "invest")?.shapley).toBeCloseTo(-864_000, 4);
  });
  test("a horizon ending at the override's end has no second lever table", () => {
    const s = withGrant();
    const short = forecast({ ...s, horizon: 3 } as Scenario);
    expect(short.statutoryOverride.laterYears).toEqual([]);
    expect("levers" in short.statutoryOverride).toBe(false);
  });
});

describe("levers that change the base financial year are said, with the field's path", () => {
  test("a staffing line with no firstFY (the Leeds case)", () => {
    const r = forecast(withGrant());
    const w = r.baseYearWarnings.filter((x) => x.path.startsWith("mitigations."));
    expect(w.map((x) => x.path)).toEqual(["mitigations.invest.staffing.eps.firstFY"]);
    expect(w[0]?.message).toContain("2024-25, the base year, whose figures are the outturn you typed");
    expect(w[0]?.message).toContain('firstFY "2025-26"');
  });
  test("each FY-keyed field (fromFY, transferRate, amounts, spend) at the base year; census-keyed levers start after it", () => {
    const s = valid(
      baseInput({
        baseYear: 2025,
        horizon: 2,
        placements: [
          { id: "inmss", label: "Independent", category: "NMISS", count: 100, unitCost: 60_000 },
          { id: "special", label: "Special", category: "MdSSA", count: 500, unitCost: 25_000 },
        ],
        income: { hnb: { amount: 20_000_000 }, schoolsBlock: { amount: 300_000_000 } },
        mitigations: [
          {
            id: "later",
            type: "placementShift",
            fromPlacement: "inmss",
            toPlacement: "special",
            moves: { 2026: 10 },
          },
          {
            id: "banding",
            type: "unitCostChange",
            placements: ["special"],
            change: -0.02,
            fromFY: "2024-25",
          },
          { id: "transfer", type: "transfer", transferRate: { "2024-25": 0.005, "2025-26": 0.005 } },
          { id: "dbv", type: "grant", amounts: { "2024-25": 100_000 }, spend: { "2025-26": 100_000 } },
          { id: "growth", type: "growthReduction", placements: ["special"], reduction: 0.02, from: 2026 },
          {
            id: "paid-later",
            type: "staffing",
            staffing: [{ id: "x", role: "X", lumpSum: 50_000, firstFY: "2025-26" }],
          },
          {
            id: "council",
            type: "staffing",
            staffing: [{ id: "y", role: "Y", lumpSum: 50_000, fundedBy: "general-fund" }],
          },
        ],
      }),
    );
    expect(leverBaseYearWarnings(s).map((w) => w.path)).toEqual([
      "mitigations.banding.fromFY",
      "mitigations.transfer.transferRate.2024-25",
      "mitigations.dbv.amounts.2024-25",
    ]);
    expect(leverBaseYearWarnings(s)[0]?.message).toBe(
      '2024-25 is not after the base year, so the lever changes 2024-25, the base year, whose figures are the outturn you typed: give fromFY "2025-26" or later',
    );
  });
  test("every lever that changes the base year's income or expenditure is warned about (property)", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const warned = new Set(leverBaseYearWarnings(s).map((w) => w.path.split(".")[1]));
        for (const m of s.mitigations) {
          const r = forecast({ ...s, mitigations: [m] });
          const u = r.unmitigated.ledger[0];
          const g = r.mitigated.ledger[0];
          if (!u || !g) continue;
          // The Stability Grant paid with the plan only is the grant's, not this lever's.
          const changed =
            !near(u.expenditure, g.expenditure) ||
            !near(u.income - (u.stabilityGrant ?? 0), g.income - (g.stabilityGrant ?? 0));
          if (changed) expect(warned.has(m.id)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("a demand flow's recording breaks are said in the calendar years the file keys it by", () => {
  test("flows.newPlans 2021: 548, 2022: 6078 reads as calendar years 2021 → 2022", () => {
    const s = valid(
      baseInput({
        baseYear: 2025,
        horizon: 2,
        placements: [{ id: "special", label: "Special", category: "MdSSA", count: 1000, unitCost: 25_000 }],
        flows: { newPlans: { 2019: 594, 2020: 563, 2021: 548, 2022: 6078, 2023: 958, 2024: 773 } },
        demand: {
          history: {
            2024: { under5: 100, age5to10: 300, age11to15: 300, age16to19: 200, age20to25: 50 },
            2025: { under5: 100, age5to10: 320, age11to15: 330, age16to19: 200, age20to25: 50 },
          },
          newPlans: { growth: { method: "auto" }, split: "estimated" },
          cessation: { under5: 0.05, age5to10: 0.05, age11to15: 0.05, age16to19: 0.05, age20to25: 0.05 },
        },
      }),
    );
    const w = demandWarnings(forecast(s).demand).find((x) => x.path === "demand.newPlans.growth");
    expect(w?.message).toContain("548 → 6078 (calendar years 2021 → 2022)");
    expect(w?.message).toContain("6078 → 958 (calendar years 2022 → 2023)");
  });
});

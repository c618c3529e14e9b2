// With a demand section, new plans set the EHCP level and the placements' growth only their mix:
// the simulation must draw new plans' growth, or a scenario whose placements all cost the same has
// no spread at all. Hand-worked: stock in one band that nothing leaves, so the total is the base
// plus every new plan, and each new plan costs the same.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  AGE_GROUP_KEYS,
  assumptions,
  betterEnd,
  forecast,
  NEW_PLANS_BANDS,
  newPlansGrowthSd,
  quantileOf,
  simulate,
  tornado,
} from "../../src/index.js";
import { baseInput, problems, valid } from "../helpers.js";

const ZERO = Object.fromEntries(AGE_GROUP_KEYS.map((b) => [b, 0]));
const UNIT = 10_000;

// Base census 2025, 3 forecast years, census phasing, no income. 100 EHCPs, all under 5: with no
// cessations and ageing of a fifth a year, none reaches the top band in 3 years, so none leaves.
// 20 new plans a year (calendar 2024), all under 5, growth 0 before the draw: total(2025 + k) =
// 100 + 20·Σ_{j=1..k} (1 + d)^j for a draw d; both placements cost £10,000, so the mix is moot.
const input = (uncertainty: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  baseInput({
    baseYear: 2025,
    horizon: 3,
    phasing: "census",
    placements: [
      { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 60, unitCost: UNIT, growth: 0.05 },
      { id: "special", label: "Special", category: "MdSSA", count: 40, unitCost: UNIT, growth: 0 },
    ],
    flows: { newPlans: { 2024: 20 } },
    demand: {
      history: { 2025: { ...ZERO, under5: 100 } },
      newPlans: { growth: 0, split: { ...ZERO, under5: 1 } },
      cessation: ZERO,
    },
    uncertainty,
    ...over,
  });
const GROWTH = { growth: { distribution: "normal", sd: 0.05 } };
// The final cumulative balance for a new plans' growth shift d: −£10,000 × Σ_{k=0..3} total(2025 + k).
const finalBalance = (d: number) => {
  let sum = 0;
  for (let k = 0; k <= 3; k++) {
    let total = 100;
    for (let j = 1; j <= k; j++) total += 20 * (1 + d) ** j;
    sum += total;
  }
  return -UNIT * sum;
};

describe("new plans' growth is drawn when a demand section sets the level", () => {
  const scenario = valid(input(GROWTH));
  const sd = Math.sqrt(9 * NEW_PLANS_BANDS.pooled.a + NEW_PLANS_BANDS.pooled.b / 20) / 3;

  test("the assumption: new plans' sd from the fitted components at the base year's 20 new plans", () => {
    expect(newPlansGrowthSd(20)).toBeCloseTo(sd, 15);
    const list = assumptions(scenario).list;
    expect(list.map((a) => [a.kind, a.label])).toEqual([
      ["newPlans", "New EHCPs a year"],
      ["growth", "Share of EHCPs: Mainstream"],
      ["growth", "Share of EHCPs: Special"],
    ]);
    expect(list[0]?.distribution).toEqual({ distribution: "normal", mean: 0, sd });
    expect(list[0]?.origin).toBe("auto");
  });

  test("equal unit costs: p10 < p50 < p90 in later years, at the balances the draws' percentiles give", () => {
    const u = simulate(scenario, { paths: 20_000, seed: 7 });
    const last = u.ledger.find((r) => r.measure === "cumulative" && r.fy === "2027-28");
    // The final balance falls as the draw rises: its p10 is the draw's p90.
    const at = (p: number) => finalBalance(quantileOf({ distribution: "normal", mean: 0, sd }, p));
    expect(last?.p10).toBeCloseTo(at(0.9), -4);
    expect(last?.p50).toBeCloseTo(at(0.5), -4);
    expect(last?.p90).toBeCloseTo(at(0.1), -4);
    for (const fy of ["2025-26", "2026-27", "2027-28"]) {
      const r = u.ledger.find((x) => x.measure === "cumulative" && x.fy === fy);
      expect(r?.p10).toBeLessThan(r?.p50 ?? Number.NaN);
      expect(r?.p50).toBeLessThan(r?.p90 ?? Number.NaN);
    }
    // The base year is certain; the central forecast is the undrawn path.
    const base = u.ledger.find((r) => r.measure === "cumulative" && r.fy === "2024-25");
    expect(base?.p10).toBe(base?.p90);
    expect(forecast(scenario).unmitigated.ledger.at(-1)?.cumulative).toBeCloseTo(finalBalance(0), 6);
  });

  test("the tornado's new plans bar: the draw's 10th and 90th percentile, hand-worked, and its better end", () => {
    const t = tornado(scenario);
    const row = t.rows.find((r) => r.kind === "newPlans");
    const q = (p: number) => quantileOf({ distribution: "normal", mean: 0, sd }, p);
    expect(row?.label).toBe("New EHCPs a year");
    expect(row?.low).toBeCloseTo(finalBalance(q(0.1)), 4);
    expect(row?.high).toBeCloseTo(finalBalance(q(0.9)), 4);
    expect(row?.central).toBeCloseTo(finalBalance(0), 6);
    expect(betterEnd(row as { low: number; high: number })).toBe("low");
    // Every placement costs the same: a share moves no money.
    for (const r of t.rows.filter((x) => x.kind === "growth")) expect(r.high - r.low).toBeCloseTo(0, 4);
  });

  test("with requests × conversion the label says so; a given distribution replaces auto", () => {
    const requests = valid(
      input(
        { ...GROWTH, newPlansGrowth: { distribution: "uniform", min: -0.1, max: 0.1 } },
        {
          flows: { requests: { 2024: 40 } },
          demand: {
            history: { 2025: { ...ZERO, under5: 100 } },
            newPlans: { split: { ...ZERO, under5: 1 } },
            requests: { growth: 0, conversion: 0.5 },
            cessation: ZERO,
          },
        },
      ),
    );
    const [first] = assumptions(requests).list;
    expect(first).toMatchObject({
      kind: "newPlans",
      label: "New EHCPs a year (requests × conversion)",
      distribution: { distribution: "uniform", min: -0.1, max: 0.1 },
      origin: "given",
    });
    // Requests 40 × 0.5 = 20 new plans a year: the same totals as above for the same shift.
    const t = tornado(requests).rows.find((r) => r.kind === "newPlans");
    expect(t?.low).toBeCloseTo(finalBalance(-0.08), 4);
    expect(t?.high).toBeCloseTo(finalBalance(0.08), 4);
  });

  test("a cessation distribution is drawn as rate points on every band", () => {
    const s = valid(input({ ...GROWTH, cessationRate: { distribution: "uniform", min: 0, max: 0.1 } }));
    const row = tornado(s).rows.find((r) => r.kind === "cessation");
    // At its 10th percentile (1 point), 1% of each year's opening stock ceases; at its 90th (9 points) more
    // cease, so less is spent: the 90th percentile is the better end.
    expect(row?.label).toBe("Plans ceasing a year (rate)");
    let stock = 100;
    let sum = stock;
    for (let k = 1; k <= 3; k++) {
      stock = stock * (1 - 0.01) + 20;
      sum += stock;
    }
    expect(row?.low).toBeCloseTo(-UNIT * sum, 4);
    expect(row?.high).toBeGreaterThan(row?.low ?? Number.NaN);
  });

  test("without growth uncertainty nothing new is drawn; without a demand section newPlans is refused", () => {
    expect(
      assumptions(valid(input({ costInflation: { distribution: "normal", sd: 0.01 } }))).list.map(
        (a) => a.kind,
      ),
    ).toEqual(["costInflation"]);
    const { flows: _f, demand: _d, ...plain } = input({ newPlansGrowth: "auto" });
    expect(problems(plain)).toEqual([
      {
        code: "cross-field",
        path: "uncertainty.newPlansGrowth",
        message:
          "draws one of the demand section's flows, and this scenario has no demand section: remove it, or add one (docs/demand-flows.md)",
      },
    ]);
  });
});

describe("tornado ends on random demand scenarios (fast-check)", () => {
  // Unit costs, growth and new plans drawn at random: whichever end leaves the higher balance is
  // the better one, whatever the assumption's kind; betterEnd reads it from the balances.
  const arb = fc.record({
    costs: fc.tuple(...[0, 1, 2].map(() => fc.integer({ min: 1_000, max: 80_000 }))),
    growth: fc.tuple(...[0, 1, 2].map(() => fc.double({ min: -0.1, max: 0.2, noNaN: true }))),
    newPlans: fc.integer({ min: 1, max: 500 }),
    npGrowth: fc.double({ min: -0.1, max: 0.2, noNaN: true }),
    sd: fc.double({ min: 0.001, max: 0.2, noNaN: true }),
  });
  test("for every bar, betterEnd names the end with the higher balance", () => {
    fc.assert(
      fc.property(arb, ({ costs, growth, newPlans, npGrowth, sd }) => {
        const s = valid(
          input(
            { growth: { distribution: "normal", sd } },
            {
              placements: ["MmSoA", "MdSSA", "NMISS"].map((category, i) => ({
                id: `p${i}`,
                label: `P${i}`,
                category,
                count: 10 + 20 * i,
                unitCost: costs[i],
                growth: growth[i],
              })),
              flows: { newPlans: { 2024: newPlans } },
              demand: {
                history: { 2025: { ...ZERO, under5: 60, age5to10: 30 } },
                newPlans: { growth: npGrowth, split: { ...ZERO, under5: 0.5, age5to10: 0.5 } },
                cessation: ZERO,
              },
            },
          ),
        );
        for (const r of tornado(s).rows) {
          const end = betterEnd(r);
          if (end === "low") expect(r.low).toBeGreaterThan(r.high);
          else if (end === "high") expect(r.high).toBeGreaterThan(r.low);
          else expect(r.low).toBe(r.high);
        }
        // More new plans never leave a better balance when every placement costs money.
        const np = tornado(s).rows.find((r) => r.kind === "newPlans");
        expect(np && betterEnd(np)).toBe("low");
      }),
      { numRuns: 40 },
    );
  });
});

// EHCP demand as flows (issue #17): cessation rates estimated from history.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ageingShares,
  DemandInputError,
  demandTotals,
  estimateCessation,
  PLAUSIBLE_CESSATION,
  projectDemand,
} from "../../src/compile/demand.js";
import { AGE_GROUP_KEYS } from "../../src/scenario/category.js";
import { all, bands, bandsOf, near, RUNS } from "./demand-fixtures.js";

describe("cessation from history", () => {
  test("totals only: a pooled ratio of the residual, leavers at 25 included (and noted)", () => {
    // 2023: 1000 + 120 − 1050 = 70 ceased of 1000; 2024: 1050 + 130 − 1100 = 80 of 1050.
    // Pooled: 150 / 2050 = 0.0731707… (the median of 7% and 7.619% would be 7.31%).
    const e = estimateCessation([
      { census: 2022, stock: 1000 },
      { census: 2023, stock: 1050, newPlans: 120 },
      { census: 2024, stock: 1100, newPlans: 130 },
    ]);
    expect(e.level).toBe("total");
    expect(e.rate).toBeCloseTo(150 / 2050, 12);
    expect(e.byBand).toEqual(all(e.rate));
    expect(e.years).toEqual([2023, 2024]);
    expect(e.warnings).toEqual([]);
    expect(e.notes[0]).toMatch(/leaving at 25/);
  });

  test("stock by band: one rate, the top band's leavers at 25 taken out by its ageing share", () => {
    // Leavers if none ceased: 60 / 6 = 10. Outflow 1000 + 120 − 1050 = 70 = c · 1000 + (1 − c) · 10,
    // so c = (70 − 10) / (1000 − 10) = 60 / 990.
    const e = estimateCessation([
      { census: 2022, stock: bands([100, 300, 340, 200, 60]) },
      { census: 2023, stock: bands([110, 310, 360, 210, 60]), newPlans: 120 },
    ]);
    expect(e.level).toBe("common");
    expect(e.rate).toBeCloseTo(60 / 990, 12);
  });

  test("given cessations are used as they are", () => {
    const e = estimateCessation([
      { census: 2022, stock: 1000 },
      { census: 2023, stock: 1050, ceased: 40 },
      { census: 2025, stock: 1100, newPlans: 130 }, // no 2024: the pair is skipped
    ]);
    expect(e.rate).toBe(0.04);
    expect(e.years).toEqual([2023]);
  });

  test("a rate outside the plausible range is clamped with its evidence", () => {
    // 100 + 10 − 200 = −90 ceased: −90%, a recording break rather than a rate.
    const e = estimateCessation([
      { census: 2020, stock: 100 },
      { census: 2021, stock: 200, newPlans: 10 },
    ]);
    expect(e.rate).toBe(PLAUSIBLE_CESSATION.min);
    expect(e.warnings).toEqual([
      {
        band: "all",
        estimate: -0.9,
        used: 0,
        range: [0, 0.5],
        evidence: [{ census: 2021, opening: 100, newPlans: 10, closing: 200, ceased: -90, rate: -0.9 }],
        message: expect.stringMatching(/-90\.0% a year is outside 0%–50%: 0\.0% is used/),
      },
    ]);
  });

  test("no consecutive years is refused", () => {
    expect(() =>
      estimateCessation([
        { census: 2020, stock: 1 },
        { census: 2022, stock: 2, newPlans: 1 },
      ]),
    ).toThrow(DemandInputError);
  });

  test("by band, the estimate inverts the kernel: a projected history gives back its rates", () => {
    const arb = fc.record({
      stock: bandsOf(fc.double({ min: 10, max: 5000, noNaN: true })),
      newPlans: fc.array(bandsOf(fc.double({ min: 0, max: 500, noNaN: true })), {
        minLength: 1,
        maxLength: 6,
      }),
      ageing: bandsOf(fc.double({ min: 0, max: 0.9, noNaN: true })),
      cessation: bandsOf(fc.double({ min: 0, max: 0.5, noNaN: true })),
    });
    fc.assert(
      fc.property(arb, ({ stock, newPlans, ageing, cessation }) => {
        const rows = projectDemand({
          baseYear: 2018,
          horizon: newPlans.length,
          stock,
          newPlans,
          ageing,
          cessation,
        });
        const history = [
          { census: 2018, stock },
          ...newPlans.map((n, k) => ({
            census: 2019 + k,
            newPlans: n,
            stock: bands(rows.filter((r) => r.census === 2019 + k).map((r) => r.stock)),
          })),
        ];
        const e = estimateCessation(history, { ageing });
        expect(e.level).toBe("band");
        for (const b of AGE_GROUP_KEYS) expect(near(e.byBand[b], cessation[b])).toBe(true);
        // Only rounding can push an estimate past the range's edge.
        for (const w of e.warnings) expect(Math.abs(w.estimate - w.used)).toBeLessThan(1e-9);
      }),
      { numRuns: RUNS },
    );
  });

  test("with one rate for every band and total new plans, the common estimate recovers it", () => {
    const ageing = ageingShares();
    const stock = bands([150, 600, 700, 400, 150]);
    const newPlans = [all(30), all(32), all(35)];
    const rows = projectDemand({ baseYear: 2020, horizon: 3, stock, newPlans, ageing, cessation: all(0.06) });
    const totals = demandTotals(rows);
    const e = estimateCessation(
      [
        { census: 2020, stock },
        ...totals.map((t) => ({
          census: t.census,
          stock: bands(rows.filter((r) => r.census === t.census).map((r) => r.stock)),
          newPlans: t.newPlans,
        })),
      ],
      { ageing },
    );
    expect(e.level).toBe("common");
    expect(e.rate).toBeCloseTo(0.06, 12);
  });
});

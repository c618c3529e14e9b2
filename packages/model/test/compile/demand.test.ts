// EHCP demand as flows (issue #17): the stock-flow kernel by hand, its refusals, its levers and the
// ageing shares. Against an independent matrix implementation: demand-matrix.test.ts; the cessation
// estimator: demand-cessation.test.ts.
import { describe, expect, test } from "vitest";
import {
  ageingShares,
  DemandInputError,
  type DemandLevers,
  demandProjection,
  demandTotals,
  projectDemand,
} from "../../src/compile/demand.js";
import { AGE_GROUP_KEYS } from "../../src/scenario/category.js";
import { all, fromRequests, golden, row } from "./demand-fixtures.js";

describe("the kernel by hand", () => {
  test("year 1 and year 2 of the first two bands", () => {
    // Census 2026, under5: opening 100; ceased 0.05 × 100 = 5; agedOut 0.2 × (100 − 5) = 19;
    //   agedIn 0 (nothing below); stock 100 + 10 − 5 + 0 − 19 = 86.
    // Census 2026, age5to10: opening 100; ceased 5; agedOut 19; agedIn = under5's agedOut = 19;
    //   stock 100 + 10 − 5 + 19 − 19 = 105 (and likewise 105 in the three bands above).
    // Total 2026: 86 + 4 × 105 = 506 = 500 + 50 new − 25 ceased − 19 leaving at 25.
    // Census 2027, under5: opening 86; ceased 4.3; agedOut 0.2 × 81.7 = 16.34; stock 86 + 10 − 4.3 − 16.34 = 75.36.
    // Census 2027, age5to10: opening 105; ceased 5.25; agedOut 0.2 × 99.75 = 19.95; agedIn 16.34;
    //   stock 105 + 10 − 5.25 + 16.34 − 19.95 = 106.14.
    const rows = projectDemand(golden());
    expect(rows).toHaveLength(15);
    expect(row(rows, 2026, "under5")).toEqual({
      census: 2026,
      band: "under5",
      stock: 86,
      newPlans: 10,
      ceased: 5,
      agedIn: 0,
      agedOut: 19,
    });
    expect(row(rows, 2026, "age5to10")).toEqual({
      census: 2026,
      band: "age5to10",
      stock: 105,
      newPlans: 10,
      ceased: 5,
      agedIn: 19,
      agedOut: 19,
    });
    expect(row(rows, 2026, "age20to25").stock).toBe(105);
    expect(demandTotals(rows)[0]).toEqual({
      census: 2026,
      stock: 506,
      newPlans: 50,
      ceased: 25,
      agedIn: 76,
      agedOut: 95,
    });
    const u = row(rows, 2027, "under5");
    expect(u.ceased).toBeCloseTo(4.3, 12);
    expect(u.agedOut).toBeCloseTo(16.34, 12);
    expect(u.stock).toBeCloseTo(75.36, 12);
    const v = row(rows, 2027, "age5to10");
    expect(v.ceased).toBeCloseTo(5.25, 12);
    expect(v.agedIn).toBe(u.agedOut);
    expect(v.agedOut).toBeCloseTo(19.95, 12);
    expect(v.stock).toBeCloseTo(106.14, 12);
  });

  test("rows run year by year, bands in template order; a zero horizon projects nothing", () => {
    const rows = projectDemand(golden());
    expect(rows.map((r) => `${r.census}:${r.band}`).slice(0, 6)).toEqual([
      ...AGE_GROUP_KEYS.map((b) => `2026:${b}`),
      "2027:under5",
    ]);
    expect(projectDemand(golden({ horizon: 0, newPlans: [] }))).toEqual([]);
  });

  test("new plans from requests × conversion", () => {
    const rows = projectDemand(fromRequests([all(40), all(40), all(40)], [0.25, 0.5, 0.5]));
    expect(row(rows, 2026, "age11to15").newPlans).toBe(10);
    expect(row(rows, 2027, "age11to15").newPlans).toBe(20);
    // With conversion 0.25 in year 1, year 1 is the golden year exactly.
    expect(row(rows, 2026, "under5").stock).toBe(86);
  });
});

describe("refusals", () => {
  test("rates outside 0–1, negative counts and missing years are refused, not clamped", () => {
    expect(() => projectDemand(golden({ ageing: { ...all(0.2), age16to19: 1.2 } }))).toThrow(
      /ageing.age16to19 is 1.2/,
    );
    expect(() => projectDemand(golden({ cessation: { ...all(0.05), under5: -0.01 } }))).toThrow(
      DemandInputError,
    );
    expect(() => projectDemand(golden({ stock: { ...all(100), age5to10: -1 } }))).toThrow(/stock.age5to10/);
    expect(() => projectDemand(golden({ newPlans: [all(10)] }))).toThrow(/newPlans has 1 years/);
    expect(() =>
      projectDemand(golden({ requests: [all(1), all(1), all(1)], conversion: [1, 1, 1] })),
    ).toThrow(/not both/);
    const { requests: _, ...noRequests } = fromRequests([all(1), all(1), all(1)], [1, 1, 1]);
    expect(() => projectDemand(noRequests)).toThrow(/either newPlans or both/);
    expect(() =>
      projectDemand(golden({ levers: { newPlansChange: { change: -0.1, confidence: 1.5 } } })),
    ).toThrow(/confidence/);
  });
});

describe("flow levers", () => {
  test("newPlansChange −10% at confidence 0.5 cuts new plans by exactly 5% from its year, not before", () => {
    const plain = projectDemand(golden());
    const lever = projectDemand(
      golden({ levers: { newPlansChange: { change: -0.1, confidence: 0.5, from: 2027 } } }),
    );
    for (const b of AGE_GROUP_KEYS) {
      expect(row(lever, 2026, b)).toEqual(row(plain, 2026, b));
      expect(row(lever, 2027, b).newPlans).toBeCloseTo(9.5, 12);
      expect(row(lever, 2028, b).newPlans).toBeCloseTo(9.5, 12);
    }
    // The stock differs from the lever's year on: 2027's under5 has 0.5 fewer plans.
    expect(row(lever, 2027, "under5").stock - row(plain, 2027, "under5").stock).toBeCloseTo(-0.5, 12);
  });

  test("a lever on some bands leaves the others alone", () => {
    const plain = projectDemand(golden());
    const lever = projectDemand(
      golden({ levers: { newPlansChange: { change: -0.2, bands: ["age20to25"] } } }),
    );
    expect(row(lever, 2026, "age20to25").newPlans).toBeCloseTo(8, 12);
    expect(row(lever, 2026, "age16to19")).toEqual(row(plain, 2026, "age16to19"));
  });

  test("cessationChange adds rate points to ceased, and less remains to age on", () => {
    const plain = projectDemand(golden());
    const lever = projectDemand(
      golden({ levers: { cessationChange: { change: 0.04, confidence: 0.5, bands: ["age16to19"] } } }),
    );
    // 2026 age16to19: rate 0.05 + 0.02 = 0.07: ceased 7, agedOut 0.2 × 93 = 18.6, stock 100 + 10 − 7 + 19 − 18.6 = 103.4.
    const r = row(lever, 2026, "age16to19");
    expect(r.ceased).toBeCloseTo(7, 12);
    expect(r.ceased).toBeGreaterThan(row(plain, 2026, "age16to19").ceased);
    expect(r.agedOut).toBeCloseTo(18.6, 12);
    expect(r.stock).toBeCloseTo(103.4, 12);
    expect(row(lever, 2026, "age20to25").agedIn).toBeCloseTo(18.6, 12);
    expect(row(lever, 2026, "age11to15")).toEqual(row(plain, 2026, "age11to15"));
  });

  test("conversionChange needs requests and a conversion rate", () => {
    expect(() => projectDemand(golden({ levers: { conversionChange: { change: -0.05 } } }))).toThrow(
      /conversionChange .*no requests and conversion rate/,
    );
    const withRequests = fromRequests([all(40), all(40), all(40)], [0.25, 0.25, 0.25], {
      conversionChange: { change: -0.05, from: 2028 },
    });
    const rows = projectDemand(withRequests);
    expect(row(rows, 2027, "under5").newPlans).toBe(10);
    expect(row(rows, 2028, "under5").newPlans).toBeCloseTo(8, 12);
  });

  test("zero levers, or levers at confidence 0, equal the plain run exactly", () => {
    const plain = projectDemand(golden());
    const zero: DemandLevers = {
      newPlansChange: [{ change: 0 }, { change: -0.3, confidence: 0 }],
      cessationChange: { change: 0, bands: ["under5"] },
    };
    expect(projectDemand(golden({ levers: zero }))).toEqual(plain);
    expect(projectDemand(golden({ levers: {} }))).toEqual(plain);
  });

  test("rates pushed outside 0–1 by levers are clamped and reported; stocks stay ≥ 0", () => {
    const p = demandProjection(
      golden({
        cessation: all(0.95),
        levers: {
          cessationChange: { change: 0.2, bands: ["under5"] },
          newPlansChange: { change: -1.5, from: 2028 },
        },
      }),
    );
    expect(p.clamps).toContainEqual({
      census: 2026,
      band: "under5",
      quantity: "cessation rate",
      requested: expect.closeTo(1.15, 12),
      used: 1,
    });
    expect(p.clamps).toContainEqual({
      census: 2028,
      band: "age5to10",
      quantity: "new plans factor",
      requested: -0.5,
      used: 0,
    });
    expect(row(p.rows, 2026, "under5")).toMatchObject({ ceased: 100, agedOut: 0, stock: 10 });
    expect(row(p.rows, 2028, "age5to10").newPlans).toBe(0);
    for (const r of p.rows) expect(r.stock).toBeGreaterThanOrEqual(0);
    expect(demandProjection(golden()).clamps).toEqual([]);
  });
});

describe("ageing shares", () => {
  test("1 / band width by default, with widths overridable", () => {
    expect(ageingShares()).toEqual({
      under5: 1 / 5,
      age5to10: 1 / 6,
      age11to15: 1 / 5,
      age16to19: 1 / 4,
      age20to25: 1 / 6,
    });
    expect(ageingShares({ under5: 2 }).under5).toBe(0.5);
    expect(() => ageingShares({ age5to10: 0 })).toThrow(DemandInputError);
  });
});

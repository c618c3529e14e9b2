// EHCP demand as flows (issue #17): the stock-flow kernel by hand, against an independent matrix
// implementation, its levers, and the cessation and ageing estimators.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  ageingShares,
  type BandValues,
  type DemandInput,
  DemandInputError,
  type DemandLevers,
  type DemandRow,
  demandProjection,
  demandTotals,
  estimateCessation,
  type FlowLever,
  PLAUSIBLE_CESSATION,
  projectDemand,
} from "../../src/compile/demand.js";
import { AGE_GROUP_KEYS, type AgeGroup } from "../../src/scenario/category.js";

const RUNS = 200;

const all = (v: number): BandValues => ({ under5: v, age5to10: v, age11to15: v, age16to19: v, age20to25: v });
const bands = (values: readonly number[]): BandValues =>
  Object.fromEntries(AGE_GROUP_KEYS.map((b, i) => [b, values[i] ?? 0])) as BandValues;

/** |a − b| within 1e-9 of the larger magnitude (1e-9 absolute near zero). */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const row = (rows: DemandRow[], census: number, band: AgeGroup) =>
  rows.find((r) => r.census === census && r.band === band) as DemandRow;

/** The golden input: 100 in every band, 10 new plans a band a year, 5% ceasing, a fifth ageing on. */
const golden = (overrides: Partial<DemandInput> = {}): DemandInput => ({
  baseYear: 2025,
  horizon: 3,
  stock: all(100),
  newPlans: [all(10), all(10), all(10)],
  ageing: all(0.2),
  cessation: all(0.05),
  ...overrides,
});

/** The golden input with new plans from requests × conversion instead. */
const fromRequests = (
  requests: BandValues[],
  conversion: number[],
  levers: DemandLevers = {},
): DemandInput => {
  const { newPlans: _, ...rest } = golden();
  return { ...rest, requests, conversion, levers };
};

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

// ---------------------------------------------------------------------------------------------
// An independent implementation: the whole band vector per year through a transition matrix,
// x(Y) = M(Y) · x(Y−1) + n(Y), with M's diagonal the share that stays (neither ceasing nor ageing
// on) and its sub-diagonal the share of the band below that ages in. Levers are turned into
// per-year, per-band parameter tables first.

type Matrix = number[][];

function leverTable(
  list: FlowLever | readonly FlowLever[] | undefined,
  years: number[],
): Matrix /* [year][band] */ {
  const ls: readonly FlowLever[] = list === undefined ? [] : Array.isArray(list) ? list : [list as FlowLever];
  return years.map((y) =>
    AGE_GROUP_KEYS.map((b) =>
      ls
        .filter(
          (l) => (l.from === undefined || y >= l.from) && (l.bands === undefined || l.bands.includes(b)),
        )
        .reduce((s, l) => s + l.change * (l.confidence ?? 1), 0),
    ),
  );
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function referenceDemand(input: DemandInput) {
  const n = AGE_GROUP_KEYS.length;
  const years = Array.from({ length: input.horizon }, (_, k) => input.baseYear + 1 + k);
  const dCess = leverTable(input.levers?.cessationChange, years);
  const dConv = leverTable(input.levers?.conversionChange, years);
  const dNew = leverTable(input.levers?.newPlansChange, years);
  const a = AGE_GROUP_KEYS.map((b) => input.ageing[b]);
  let x = AGE_GROUP_KEYS.map((b) => input.stock[b]);
  const out: {
    stock: number[];
    newPlans: number[];
    ceased: number[];
    agedIn: number[];
    agedOut: number[];
  }[] = [];
  years.forEach((_, k) => {
    const c = AGE_GROUP_KEYS.map((b, i) => clamp01(input.cessation[b] + (dCess[k]?.[i] ?? 0)));
    const inflow = AGE_GROUP_KEYS.map((b, i) => {
      const base = input.newPlans
        ? (input.newPlans[k]?.[b] ?? 0)
        : (input.requests?.[k]?.[b] ?? 0) * clamp01((input.conversion?.[k] ?? 0) + (dConv[k]?.[i] ?? 0));
      return base * Math.max(0, 1 + (dNew[k]?.[i] ?? 0));
    });
    const M: Matrix = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        const ci = c[i] ?? 0;
        const ai = a[i] ?? 0;
        if (j === i) return (1 - ci) * (1 - ai);
        if (j === i - 1) return (a[j] ?? 0) * (1 - (c[j] ?? 0));
        return 0;
      }),
    );
    const next = M.map((mRow, i) => mRow.reduce((s, m, j) => s + m * (x[j] ?? 0), 0) + (inflow[i] ?? 0));
    const ceased = x.map((v, i) => (c[i] ?? 0) * v);
    const agedOut = x.map((v, i) => (a[i] ?? 0) * (1 - (c[i] ?? 0)) * v);
    const agedIn = agedOut.map((_, i) => (i === 0 ? 0 : (agedOut[i - 1] ?? 0)));
    out.push({ stock: next, newPlans: inflow, ceased, agedIn, agedOut });
    x = next;
  });
  return out;
}

const count = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5000, noNaN: true }));
const share = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const bandsOf = (arb: fc.Arbitrary<number>) => fc.tuple(arb, arb, arb, arb, arb).map(bands);

const leverArb = (baseYear: number, horizon: number) =>
  fc.record(
    {
      change: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      confidence: share,
      from: fc.integer({ min: baseYear, max: baseYear + horizon + 1 }),
      bands: fc.subarray([...AGE_GROUP_KEYS]),
    },
    { requiredKeys: ["change"] },
  ) as fc.Arbitrary<FlowLever>;

const demandInput: fc.Arbitrary<DemandInput> = fc
  .record({ baseYear: fc.integer({ min: 2018, max: 2030 }), horizon: fc.integer({ min: 0, max: 8 }) })
  .chain(({ baseYear, horizon }) => {
    const perYear = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: horizon, maxLength: horizon });
    const levers = fc.array(leverArb(baseYear, horizon), { maxLength: 2 });
    return fc.oneof(
      fc.record({
        baseYear: fc.constant(baseYear),
        horizon: fc.constant(horizon),
        stock: bandsOf(count),
        newPlans: perYear(bandsOf(count)),
        ageing: bandsOf(share),
        cessation: bandsOf(share),
        levers: fc.record({ newPlansChange: levers, cessationChange: levers }),
      }),
      fc.record({
        baseYear: fc.constant(baseYear),
        horizon: fc.constant(horizon),
        stock: bandsOf(count),
        requests: perYear(bandsOf(count)),
        conversion: perYear(share),
        ageing: bandsOf(share),
        cessation: bandsOf(share),
        levers: fc.record({ newPlansChange: levers, cessationChange: levers, conversionChange: levers }),
      }),
    );
  });

describe("the kernel against an independent matrix implementation", () => {
  test("the identity holds exactly, bands sum to the totals, stocks stay ≥ 0, and rows match to 1e-9", () => {
    fc.assert(
      fc.property(demandInput, (input) => {
        const rows = projectDemand(input);
        const ref = referenceDemand(input);
        expect(rows).toHaveLength(input.horizon * AGE_GROUP_KEYS.length);
        const previous = new Map(AGE_GROUP_KEYS.map((b) => [b, input.stock[b]]));
        rows.forEach((r, idx) => {
          const k = Math.floor(idx / AGE_GROUP_KEYS.length);
          const i = idx % AGE_GROUP_KEYS.length;
          expect(r.census).toBe(input.baseYear + 1 + k);
          expect(r.band).toBe(AGE_GROUP_KEYS[i]);
          const opening = previous.get(r.band) as number;
          expect(r.stock).toBe(opening + r.newPlans - r.ceased + r.agedIn - r.agedOut);
          for (const v of [r.stock, r.newPlans, r.ceased, r.agedIn, r.agedOut])
            expect(v).toBeGreaterThanOrEqual(0);
          const want = ref[k];
          expect(near(r.stock, want?.stock[i] ?? Number.NaN)).toBe(true);
          expect(near(r.newPlans, want?.newPlans[i] ?? Number.NaN)).toBe(true);
          expect(near(r.ceased, want?.ceased[i] ?? Number.NaN)).toBe(true);
          expect(near(r.agedIn, want?.agedIn[i] ?? Number.NaN)).toBe(true);
          expect(near(r.agedOut, want?.agedOut[i] ?? Number.NaN)).toBe(true);
          previous.set(r.band, r.stock);
        });
        let last = AGE_GROUP_KEYS.reduce((s, b) => s + input.stock[b], 0);
        demandTotals(rows).forEach((t, k) => {
          const refTotal = (ref[k]?.stock ?? []).reduce((s, v) => s + v, 0);
          expect(near(t.stock, refTotal)).toBe(true);
          const inYear = rows.filter((r) => r.census === t.census);
          expect(t.stock).toBe(inYear.reduce((s, r) => s + r.stock, 0));
          // The system loses only cessations and the young people leaving at 25.
          const leaving = inYear.at(-1)?.agedOut ?? 0;
          expect(near(t.stock, last + t.newPlans - t.ceased - leaving)).toBe(true);
          last = t.stock;
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("levers at confidence 0 change nothing", () => {
    fc.assert(
      fc.property(demandInput, (input) => {
        const off = (l: FlowLever | readonly FlowLever[] | undefined) =>
          (Array.isArray(l) ? l : l === undefined ? [] : [l]).map((x: FlowLever) => ({
            ...x,
            confidence: 0,
          }));
        const levers = input.levers ?? {};
        const { levers: _, ...plain } = input;
        const muted: DemandLevers = {
          newPlansChange: off(levers.newPlansChange),
          cessationChange: off(levers.cessationChange),
          ...(plain.requests ? { conversionChange: off(levers.conversionChange) } : {}),
        };
        expect(projectDemand({ ...plain, levers: muted })).toEqual(projectDemand(plain));
      }),
      { numRuns: RUNS },
    );
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

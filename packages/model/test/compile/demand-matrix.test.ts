// EHCP demand as flows (issue #17): the kernel against an independent matrix implementation.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type DemandInput,
  type DemandLevers,
  demandTotals,
  type FlowLever,
  projectDemand,
} from "../../src/compile/demand.js";
import { AGE_GROUP_KEYS } from "../../src/scenario/category.js";
import { bandsOf, count, near, RUNS, share } from "./demand-fixtures.js";

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

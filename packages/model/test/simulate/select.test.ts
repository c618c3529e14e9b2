// Percentiles by selection against the definition the engine uses: simple-statistics' quantileSorted
// on the column sorted by Float64Array.prototype.sort. Equal means Object.is, bit for bit.
import fc from "fast-check";
import { quantileSorted } from "simple-statistics";
import { describe, expect, test } from "vitest";
import { quantileSelect, quantilesSelect } from "../../src/simulate/select.js";

const BANDS = [0.1, 0.5, 0.9];

/** What the engine computes today: sort, then quantileSorted. */
function bySorting(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => quantileSorted(sorted as unknown as number[], p));
}

function bySelection(values: readonly number[], ps: readonly number[]): number[] {
  return quantilesSelect(Float64Array.from(values), ps);
}

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

// Doubles of every kind (±0, ±Infinity, NaN, subnormals) and columns full of ties.
const anyDouble = fc.double();
const fewValues = fc.constantFrom(-0, 0, 1, -1, 2.5, 1e6, Number.NaN, Number.POSITIVE_INFINITY);
const balances = fc.double({ min: -5e8, max: 5e8, noNaN: true });
const columns = fc.oneof(
  fc.array(anyDouble, { minLength: 1, maxLength: 60 }),
  fc.array(fewValues, { minLength: 1, maxLength: 60 }),
  fc.array(balances, { minLength: 1, maxLength: 3000 }),
  fc.array(fc.oneof(fewValues, balances), { minLength: 601, maxLength: 2500 }),
);

describe("quantilesSelect matches sorting + quantileSorted", () => {
  test("p10, p50, p90 on random columns (fast-check)", () => {
    fc.assert(
      fc.property(columns, (values) => same(bySelection(values, BANDS), bySorting(values, BANDS))),
      { numRuns: 300 },
    );
  });

  test("any p in [0, 1], in any order, several at once", () => {
    const ps = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5)), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(columns, ps, (values, p) => same(bySelection(values, p), bySorting(values, p))),
      { numRuns: 200 },
    );
  });

  test("one p at a time, and 10,000 paths of a seeded column", () => {
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = Array.from({ length: 10_000 }, () => -3e7 + 6e7 * next());
    for (const p of [...BANDS, 0, 1, 0.25, 0.75])
      expect(Object.is(quantileSelect(Float64Array.from(values), p), bySorting(values, [p])[0])).toBe(true);
    expect(same(bySelection(values, BANDS), bySorting(values, BANDS))).toBe(true);
  });

  // From 2,048 values the order statistics come from counting into buckets: columns long enough
  // for it, with ties at the maximum and minimum, ±0, NaN, clusters and values a rounding apart.
  test("long columns (bucket counting): every p, ties, extremes, clusters", () => {
    const cluster = fc.double({ min: 1000, max: 1000.000001, noNaN: true });
    const edge = fc.constantFrom(-0, 0, 5e8, -5e8, Number.NaN, 1000, 1000.000001);
    const long = fc.oneof(
      fc.array(fc.oneof(balances, edge), { minLength: 2048, maxLength: 6000 }),
      fc.array(fc.oneof(cluster, edge), { minLength: 2048, maxLength: 6000 }),
      fc.array(fc.oneof(fc.constantFrom(-0, 0, 1), cluster), { minLength: 2048, maxLength: 4000 }),
      fc.array(fc.oneof(anyDouble, balances), { minLength: 2048, maxLength: 4000 }),
    );
    const ps = fc.array(
      fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.1, 0.5, 0.9)),
      {
        minLength: 1,
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(long, ps, (values, p) => same(bySelection(values, p), bySorting(values, p))),
      { numRuns: 150 },
    );
  });

  test("hand-worked: type 7 interpolation", () => {
    expect(quantilesSelect(Float64Array.of(5, 1, 4, 2, 3), [0.1, 0.5, 0.9])).toEqual([1.4, 3, 4.6]);
    expect(quantileSelect(Float64Array.of(3, 1, 2), 0.5)).toBe(2);
    expect(Object.is(quantileSelect(Float64Array.of(0, -0), 0), -0)).toBe(true);
    expect(quantileSelect(Float64Array.of(Number.NaN, 1), 1)).toBeNaN();
  });

  test("throws as quantileSorted does", () => {
    expect(() => quantileSelect(new Float64Array(0), 0.5)).toThrow(
      "quantile requires at least one data point.",
    );
    expect(() => quantileSelect(Float64Array.of(1), 1.5)).toThrow("quantiles must be between 0 and 1");
    expect(() => quantileSelect(Float64Array.of(1), -0.1)).toThrow("quantiles must be between 0 and 1");
  });
});

// The demand kernel's test inputs: band values, the golden input, fast-check arbitraries.
import fc from "fast-check";
import type { BandValues, DemandInput, DemandLevers, DemandRow } from "../../src/compile/demand.js";
import { AGE_GROUP_KEYS, type AgeGroup } from "../../src/scenario/category.js";

/** Runs of each property. */
export const RUNS = 200;

/** The same value in every age band. */
export const all = (v: number): BandValues => ({
  under5: v,
  age5to10: v,
  age11to15: v,
  age16to19: v,
  age20to25: v,
});
/** Band values in the template's order. */
export const bands = (values: readonly number[]): BandValues =>
  Object.fromEntries(AGE_GROUP_KEYS.map((b, i) => [b, values[i] ?? 0])) as BandValues;

/** |a − b| within 1e-9 of the larger magnitude (1e-9 absolute near zero). */
export const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** One band's row of one census year. */
export const row = (rows: DemandRow[], census: number, band: AgeGroup) =>
  rows.find((r) => r.census === census && r.band === band) as DemandRow;

/** The golden input: 100 in every band, 10 new plans a band a year, 5% ceasing, a fifth ageing on. */
export const golden = (overrides: Partial<DemandInput> = {}): DemandInput => ({
  baseYear: 2025,
  horizon: 3,
  stock: all(100),
  newPlans: [all(10), all(10), all(10)],
  ageing: all(0.2),
  cessation: all(0.05),
  ...overrides,
});

/** The golden input with new plans from requests × conversion instead. */
export const fromRequests = (
  requests: BandValues[],
  conversion: number[],
  levers: DemandLevers = {},
): DemandInput => {
  const { newPlans: _, ...rest } = golden();
  return { ...rest, requests, conversion, levers };
};

/** A count: 0 or up to 5,000. */
export const count = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5000, noNaN: true }));
/** A share: 0, 1 or between. */
export const share = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
/** Band values, each drawn from `arb`. */
export const bandsOf = (arb: fc.Arbitrary<number>) => fc.tuple(arb, arb, arb, arb, arb).map(bands);

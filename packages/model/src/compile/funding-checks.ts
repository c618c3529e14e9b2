// The checks every place-funding calculation makes of its inputs (a RangeError naming the field),
// and the per-year series they take.
import { type Phasing, phasedCost } from "../units/time.js";

/** Throws a RangeError naming the field and what is wrong with it. @example fail("places", "cannot be negative (got -1)") */
export function fail(field: string, problem: string): never {
  throw new RangeError(`${field} ${problem}`);
}

/** Refuses a value that is not finite or below `min`, naming the field. @example checkNumber(10, "places") */
export function checkNumber(value: number, field: string, min = 0): void {
  if (!Number.isFinite(value)) fail(field, `must be a finite number (got ${value})`);
  if (value < min)
    fail(field, min === 0 ? `cannot be negative (got ${value})` : `must be at least ${min} (got ${value})`);
}

/** Refuses an empty series, one of another length, or a value in it checkNumber refuses; returns its length. @example checkSeries([10, 12], "places", 2) === 2 */
export function checkSeries(
  values: readonly number[],
  field: string,
  length: number | undefined,
  min = 0,
): number {
  if (values.length === 0) fail(field, "needs at least one year");
  if (length !== undefined && values.length !== length)
    fail(field, `has ${values.length} year(s) but the other arrays have ${length}`);
  values.forEach((v, k) => {
    checkNumber(v, `${field}[${k}]`, min);
  });
  return values.length;
}

/** One value a year for n years: a number repeated, or a checked series of length n copied. @example perYear(5, 3, "rate") // [5, 5, 5] */
export function perYear(value: number | readonly number[], n: number, field: string): number[] {
  if (typeof value === "number") {
    checkNumber(value, field);
    return Array.from({ length: n }, () => value);
  }
  checkSeries(value, field, n);
  return [...value];
}

/** Values by census year as financial-year amounts under the scenario's phasing (weights 1 unless given). @example phased("academic", [10, 12], 8) */
export function phased(
  phasing: Phasing,
  values: readonly number[],
  before: number,
  weights?: readonly number[],
) {
  return Array.from(phasedCost(phasing, values, before, weights ?? values.map(() => 1)));
}

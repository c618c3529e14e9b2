// Academy recoupment (issue #18): the place funding the ESFA pays academies directly, taken off the
// HNB allocation, and the gross and net presentations of it.
import type { Phasing } from "../units/time.js";
import { checkNumber, checkSeries, fail, perYear, phased } from "./funding-checks.js";

/** Inputs to recoupment: academy places and the authority's gross figures. */
export interface RecoupmentInput {
  /** Commissioned places in academies, free schools and colleges in the authority's area, by year. */
  readonly academyPlaces: readonly number[];
  /** £ a place a year, one rate or one per year. */
  readonly rate: number | readonly number[];
  /** HNB allocation before recoupment, by FY. */
  readonly allocation: readonly number[];
  /** High-needs spend including the academy place funding, by FY. */
  readonly spend: readonly number[];
  /** Default `census`; `academic` blends academic-year places 5/12 + 7/12 as the ESFA's deductions do. */
  readonly phasing?: Phasing;
  /** `academic` only: academy places the year before year 0; default academyPlaces[0]. */
  readonly placesBefore?: number;
}

/** One presentation of the ledger: allocation, spend and in-year balance (allocation − spend), by FY. */
export interface Presentation {
  readonly allocation: number[];
  readonly spend: number[];
  readonly inYear: number[];
}

/** Recouped place funding and the ledger presented gross and net of it. */
export interface Recoupment {
  readonly recouped: number[];
  /** Allocation before recoupment; spend includes the academy place funding. */
  readonly gross: Presentation;
  /** Allocation after recoupment; spend excludes the place funding the ESFA pays directly. */
  readonly net: Presentation;
}

/**
 * Academy place funding deducted from the HNB allocation, with the ledger gross and net of it.
 * @example recoupment({ academyPlaces: [100], rate: 10_000, allocation: [50e6], spend: [52e6] }).net.allocation // [49000000]
 */
export function recoupment(input: RecoupmentInput): Recoupment {
  const phasing = input.phasing ?? "census";
  if (phasing !== "census" && phasing !== "academic")
    fail("phasing", `must be "census" or "academic" (got ${String(phasing)})`);
  const n = checkSeries(input.academyPlaces, "academyPlaces", undefined);
  checkSeries(input.allocation, "allocation", n);
  checkSeries(input.spend, "spend", n);
  const rate = perYear(input.rate, n, "rate");
  const before = input.placesBefore ?? input.academyPlaces[0] ?? 0;
  checkNumber(before, "placesBefore");
  const recouped = phased(phasing, input.academyPlaces, before, rate);
  recouped.forEach((r, k) => {
    // Gross spend must contain what the ESFA pays, or the net spend would be negative.
    if ((input.spend[k] ?? 0) < r)
      fail(
        `spend[${k}]`,
        `(${input.spend[k]}) is below the recouped place funding (${r}): give the gross spend`,
      );
  });
  const present = (allocation: number[], spend: number[]): Presentation => ({
    allocation,
    spend,
    inYear: allocation.map((a, k) => a - (spend[k] ?? 0)),
  });
  return {
    recouped,
    gross: present([...input.allocation], [...input.spend]),
    net: present(
      input.allocation.map((a, k) => a - (recouped[k] ?? 0)),
      input.spend.map((s, k) => s - (recouped[k] ?? 0)),
    ),
  };
}

/**
 * Gross minus net in-year balance by FY: recoupment moves the same amount out of both sides, so every
 * entry is 0 up to floating-point rounding.
 * @example reconcileGrossNet(recoupment({ academyPlaces: [100], rate: 10_000, allocation: [50e6], spend: [52e6] })) // [0]
 */
export function reconcileGrossNet(r: Recoupment): number[] {
  return r.gross.inYear.map((g, k) => g - (r.net.inYear[k] ?? 0));
}

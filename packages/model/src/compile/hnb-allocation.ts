// The HNB allocation projected per head within a floor and a cap, and the import/export adjustment.
import { checkNumber, checkSeries, fail } from "./funding-checks.js";

/** The import/export adjustment's default rate: £6,000 a pupil, the place-funding rate the HNB formula uses. */
export const IMPORT_EXPORT_RATE = 6_000;

/**
 * Income from pupils educated here but resident elsewhere, net of those exported: positive for a net importer.
 * @example importExportAdjustment([10, -5]) // [60000, -30000]
 */
export function importExportAdjustment(
  netImportedPupils: readonly number[],
  rate = IMPORT_EXPORT_RATE,
): number[] {
  checkSeries(netImportedPupils, "netImportedPupils", undefined, Number.NEGATIVE_INFINITY);
  checkNumber(rate, "rate");
  return netImportedPupils.map((p) => p * rate);
}

/** Inputs to the High Needs allocation from per-head funding. */
export interface HnbAllocationInput {
  /** Funding per head of the 2–18 population in the year before year 0: the floor and cap measure from it. */
  readonly basePerHead: number;
  /** Per-head funding the formula gives before protection, by FY. */
  readonly formulaPerHead: readonly number[];
  /** The 2–18 population projection, by FY. */
  readonly population: readonly number[];
  /** Least year-on-year change in per-head funding, e.g. 0.07 for +7%. */
  readonly floor: number;
  /** Greatest year-on-year change in per-head funding, e.g. 0.10 for +10%. */
  readonly cap: number;
}

/** The High Needs allocation by FY and what set each year's per-head rate. */
export interface HnbAllocation {
  readonly allocation: number[];
  readonly perHead: number[];
  /** The limit that bound, or null where the formula's own figure lay within [floor, cap]. */
  readonly bound: ("floor" | "cap" | null)[];
}

/**
 * Per-head funding kept within [floor, cap] of the year before, times the 2–18 population.
 * @example hnbAllocation({ basePerHead: 1000, formulaPerHead: [1200], population: [100], floor: 0.07, cap: 0.1 }) // { allocation: [110000], perHead: [1100], bound: ["cap"] }
 */
export function hnbAllocation(input: HnbAllocationInput): HnbAllocation {
  const n = checkSeries(input.formulaPerHead, "formulaPerHead", undefined);
  checkSeries(input.population, "population", n);
  checkNumber(input.basePerHead, "basePerHead");
  checkNumber(input.floor, "floor", -1);
  checkNumber(input.cap, "cap", -1);
  if (input.floor > input.cap) fail("floor", `(${input.floor}) cannot exceed the cap (${input.cap})`);
  const perHead: number[] = [];
  const bound: ("floor" | "cap" | null)[] = [];
  let previous = input.basePerHead;
  for (const formula of input.formulaPerHead) {
    const low = previous * (1 + input.floor);
    const high = previous * (1 + input.cap);
    const limit = formula < low ? "floor" : formula > high ? "cap" : null;
    previous = limit === "floor" ? low : limit === "cap" ? high : formula;
    perHead.push(previous);
    bound.push(limit);
  }
  return {
    allocation: perHead.map((h, k) => h * (input.population[k] ?? 0)),
    perHead,
    bound,
  };
}

// Values by EHCP age band (issue #17): their checks (the demand kernel refuses what fails them),
// and the ageing shares between bands.
import { AGE_GROUP_KEYS, type AgeGroup } from "../scenario/category.js";
import { HnbError } from "../scenario/problem.js";

/** A value for each of the five age bands. @example const s: BandValues = { under5: 1, age5to10: 2, age11to15: 3, age16to19: 4, age20to25: 5 } */
export type BandValues = Readonly<Record<AgeGroup, number>>;

/** Thrown for input the kernel refuses (negative stock, a rate outside 0–1, a lever it cannot apply). */
export class DemandInputError extends HnbError {
  override name = "DemandInputError";
  constructor(message: string) {
    super("demand-input-refused", message);
  }
}

/** Whether x is a share: finite, from 0 to 1. @example isShare(0.5) === true */
export const isShare = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

/** Throws a DemandInputError naming the band whose value fails `ok`, or the bands when missing. @example checkBands("ageing", ageingShares(), isShare, "from 0 to 1") */
export function checkBands(
  what: string,
  v: BandValues | undefined,
  ok: (x: number) => boolean,
  range: string,
) {
  if (v === undefined) throw new DemandInputError(`${what} is missing`);
  for (const b of AGE_GROUP_KEYS)
    if (!ok(v[b])) throw new DemandInputError(`${what}.${b} is ${v[b]}: it must be ${range}`);
}

/** Whether x is finite and not negative. @example nonNegative(0) === true */
export const nonNegative = (x: number) => Number.isFinite(x) && x >= 0;

/** Ages each band covers (age on 31 August): under 5 is 0–4, …, 20–25 is six years, leaving at 25. */
export const BAND_WIDTHS: BandValues = { under5: 5, age5to10: 6, age11to15: 5, age16to19: 4, age20to25: 6 };

/**
 * Ageing shares as 1 / band width, which assumes plans spread evenly over the ages in a band. Under 5s
 * cluster at ages 3–4, so their real share is higher; prefer shares from single-age data where given.
 * @example ageingShares().age16to19 === 0.25
 */
export function ageingShares(widths: Partial<Record<AgeGroup, number>> = {}): BandValues {
  const out = {} as Record<AgeGroup, number>;
  for (const b of AGE_GROUP_KEYS) {
    const w = widths[b] ?? BAND_WIDTHS[b];
    if (!Number.isFinite(w) || w < 1)
      throw new DemandInputError(`width of ${b} is ${w}: a band covers at least one year of age`);
    out[b] = 1 / w;
  }
  return out;
}

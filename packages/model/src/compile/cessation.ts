// Estimating the cessation rate from the demand history: stock(Y-1) + new plans(Y) - stock(Y),
// leavers at 25 taken out, with the evidence and warnings beside the estimate.
import { AGE_GROUP_KEYS, type AgeGroup } from "../scenario/category.js";
import {
  ageingShares,
  type BandValues,
  checkBands,
  DemandInputError,
  isShare,
  nonNegative,
} from "./age-bands.js";

/**
 * Cessation rates outside this range are clamped with a warning. A negative residual rate means the
 * stock grew by more than the new plans explain, and above half a band's plans ending in one year is
 * far beyond what authorities report; either is more likely a recording break or mismatched series
 * (new plans and stock from different releases) than a rate to project.
 */
export const PLAUSIBLE_CESSATION = { min: 0, max: 0.5 } as const;

/**
 * One census year of history. `newPlans` and `ceased` are the flows between the previous census and
 * this one (SEN2 census Y reports new plans made in calendar year Y−1). Totals or by band.
 */
export interface DemandHistoryPoint {
  readonly census: number;
  readonly stock: number | BandValues;
  readonly newPlans?: number | BandValues;
  /** Plans ceased (not counting those ageing out at 25); the residual is used where absent. */
  readonly ceased?: number | BandValues;
}

/** One year's arithmetic behind an estimated rate. */
export interface CessationEvidence {
  readonly census: number;
  /** Stock at the previous census (for "common", less the expected leavers at 25: the stock exposed). */
  readonly opening: number;
  readonly newPlans: number;
  readonly closing: number;
  readonly agedIn?: number;
  readonly ceased: number;
  readonly rate: number;
}

/** A rate estimated outside PLAUSIBLE_CESSATION, the rate used, and the years it rests on. */
export interface CessationWarning {
  readonly band: AgeGroup | "all";
  readonly estimate: number;
  readonly used: number;
  readonly range: readonly [number, number];
  readonly evidence: readonly CessationEvidence[];
  readonly message: string;
}

/**
 * Estimated cessation rates. `level` says what the history supported: "band" (stock and new plans or
 * cessations by band: each band's own rate), "common" (stock by band: one rate for all bands, with
 * the leavers at 25 taken out) or "total" (totals only: one rate that still includes the leavers at 25).
 */
export interface CessationEstimate {
  /** One rate for all bands (pooled over bands and years), clamped. */
  readonly rate: number;
  /** The rate for each band, clamped. */
  readonly byBand: BandValues;
  readonly level: "band" | "common" | "total";
  /** Census years whose flows were used. */
  readonly years: readonly number[];
  readonly warnings: readonly CessationWarning[];
  /** Caveats on the level reached (e.g. leavers at 25 counted as cessations). */
  readonly notes: readonly string[];
}

const total = (v: number | BandValues) =>
  typeof v === "number" ? v : AGE_GROUP_KEYS.reduce((a, b) => a + v[b], 0);

const byBand = (v: number | BandValues | undefined): v is BandValues => typeof v === "object";

/**
 * Cessation rates from history as a pooled ratio, Σ ceased / Σ opening stock over the years, where
 * ceased(Y) = stock(Y−1) + newPlans(Y) − stock(Y) unless cessations are given.
 * @example estimateCessation([{ census: 2022, stock: 1000 }, { census: 2023, stock: 1050, newPlans: 120 }]).rate === 0.07
 */
export function estimateCessation(
  history: readonly DemandHistoryPoint[],
  options: { ageing?: BandValues; range?: { min: number; max: number } } = {},
): CessationEstimate {
  // Pooled rather than the median of yearly rates: it weights years by the stock at risk (the maximum
  // likelihood estimate of a constant rate), and SEN2 gives only a handful of years, too few for a
  // median to be steadier than a ratio. A recording break shows in the warning's yearly evidence.
  const ageing = options.ageing ?? ageingShares();
  checkBands("ageing", ageing, isShare, "a share between 0 and 1");
  const range = options.range ?? PLAUSIBLE_CESSATION;
  const at = new Map(history.map((h) => [h.census, h]));
  const pairs = [...at.values()]
    .sort((a, b) => a.census - b.census)
    .flatMap((cur) => {
      const prev = at.get(cur.census - 1);
      return prev && (cur.newPlans !== undefined || cur.ceased !== undefined) ? [{ prev, cur }] : [];
    });
  if (!pairs.length)
    throw new DemandInputError(
      "estimating cessations needs two consecutive census years, the later with new plans or cessations",
    );
  for (const { prev, cur } of pairs)
    for (const [what, v] of [
      [`stock[${prev.census}]`, prev.stock],
      [`stock[${cur.census}]`, cur.stock],
      [`newPlans[${cur.census}]`, cur.newPlans],
      [`ceased[${cur.census}]`, cur.ceased],
    ] as const)
      if (byBand(v)) checkBands(what, v, nonNegative, "a count of 0 or more");
      else if (v !== undefined && !nonNegative(v))
        throw new DemandInputError(`${what} is ${v}: it must be a count of 0 or more`);
  const top = AGE_GROUP_KEYS[AGE_GROUP_KEYS.length - 1] as AgeGroup;
  const bandStocks = pairs.every(({ prev, cur }) => byBand(prev.stock) && byBand(cur.stock));
  const bandFlows = pairs.every(({ cur }) =>
    cur.ceased !== undefined ? byBand(cur.ceased) : byBand(cur.newPlans),
  );
  // The band-level solve divides by 1 − ageing; with everything ageing out, a band's cessations cannot be told apart.
  const level =
    bandStocks && bandFlows && AGE_GROUP_KEYS.every((b) => ageing[b] < 1)
      ? "band"
      : bandStocks
        ? "common"
        : "total";
  const warnings: CessationWarning[] = [];
  const notes: string[] = [];
  const clamp = (band: AgeGroup | "all", ceased: number, opening: number, evidence: CessationEvidence[]) => {
    const estimate = opening > 0 ? ceased / opening : 0;
    const used = Math.min(range.max, Math.max(range.min, estimate));
    if (used !== estimate)
      warnings.push({
        band,
        estimate,
        used,
        range: [range.min, range.max],
        evidence,
        message: `cessation rate ${(100 * estimate).toFixed(1)}% a year${band === "all" ? "" : ` for ${band}`} is outside ${100 * range.min}%–${100 * range.max}%: ${(100 * used).toFixed(1)}% is used; check the stock and new-plans series for a recording break`,
      });
    return used;
  };
  const years = pairs.map(({ cur }) => cur.census);

  if (level === "band") {
    // Invert the kernel band by band, so a history the kernel produced gives back its rates:
    // stock_b(Y) = (1 − a_b)(stock_b(Y−1) − C_b) + agedIn_b + N_b, agedIn_b = a_{b−1}(stock_{b−1}(Y−1) − C_{b−1}).
    const ceasedSum = AGE_GROUP_KEYS.map(() => 0);
    const openSum = AGE_GROUP_KEYS.map(() => 0);
    const evidence: CessationEvidence[][] = AGE_GROUP_KEYS.map(() => []);
    for (const { prev, cur } of pairs) {
      const s0 = prev.stock as BandValues;
      const s1 = cur.stock as BandValues;
      let agedIn = 0;
      AGE_GROUP_KEYS.forEach((b, i) => {
        const a = ageing[b];
        const given = byBand(cur.ceased) ? cur.ceased[b] : undefined;
        const n = byBand(cur.newPlans) ? cur.newPlans[b] : 0;
        const ceased = given ?? s0[b] - (s1[b] - agedIn - n) / (1 - a);
        ceasedSum[i] = (ceasedSum[i] as number) + ceased;
        openSum[i] = (openSum[i] as number) + s0[b];
        evidence[i]?.push({
          census: cur.census,
          opening: s0[b],
          newPlans: n,
          closing: s1[b],
          agedIn,
          ceased,
          rate: s0[b] > 0 ? ceased / s0[b] : 0,
        });
        agedIn = a * (s0[b] - ceased);
      });
    }
    const allCeased = ceasedSum.reduce((x, y) => x + y, 0);
    const allOpen = openSum.reduce((x, y) => x + y, 0);
    const rate = clamp("all", allCeased, allOpen, []);
    const out = {} as Record<AgeGroup, number>;
    AGE_GROUP_KEYS.forEach((b, i) => {
      if ((openSum[i] as number) > 0)
        out[b] = clamp(b, ceasedSum[i] as number, openSum[i] as number, evidence[i] ?? []);
      else {
        out[b] = rate;
        notes.push(`${b} had no plans at the opening censuses: the common rate is used`);
      }
    });
    return { rate, byBand: out, level, years, warnings, notes };
  }

  // One rate for every band. With band stocks, the leavers at 25 are separated using the top band's
  // ageing share: outflow = c·S + a_top·(1 − c)·S_top, so c = (outflow − a_top·S_top) / (S − a_top·S_top).
  // Given cessations exclude leavers already, so nothing is taken out of them.
  let ceasedSum = 0;
  let exposedSum = 0;
  const evidence: CessationEvidence[] = [];
  for (const { prev, cur } of pairs) {
    const s0 = total(prev.stock);
    const s1 = total(cur.stock);
    const n = cur.newPlans === undefined ? 0 : total(cur.newPlans);
    const leaving = level === "common" ? ageing[top] * (prev.stock as BandValues)[top] : 0;
    const given = cur.ceased !== undefined;
    const ceased = given ? total(cur.ceased as number | BandValues) : s0 + n - s1 - leaving;
    const exposed = given ? s0 : s0 - leaving;
    ceasedSum += ceased;
    exposedSum += exposed;
    evidence.push({
      census: cur.census,
      opening: exposed,
      newPlans: n,
      closing: s1,
      ceased,
      rate: exposed > 0 ? ceased / exposed : 0,
    });
  }
  if (level === "total")
    notes.push(
      "stock by band was not given: the rate counts young people leaving at 25 as cessations, and the projection ages them out as well, so cessations are overstated",
    );
  const rate = clamp("all", ceasedSum, exposedSum, evidence);
  const out = {} as Record<AgeGroup, number>;
  for (const b of AGE_GROUP_KEYS) out[b] = rate;
  return { rate, byBand: out, level, years, warnings, notes };
}

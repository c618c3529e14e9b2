// EHCP demand as flows by age band (issue #17): a stock-flow kernel and the estimators that feed it.
// A growth rate on a total cannot say whether plans grow because more start or fewer end, nor fill
// the DfE template's five age groups; flows can, and the recovery levers (fewer new plans, more
// plans ceasing, fewer requests converted) act on flows, not on totals.
//
// Timing: census Y is the January SEN2 census. The flows of row Y are those between census Y−1 and
// census Y, so `newPlans` of census Y are the plans made in calendar year Y−1 (which SEN2's census-Y
// release reports). Estimation keys history the same way, so an estimate feeds straight back in.
//
// Out-of-range inputs are refused (DemandInputError): a cessation rate of 1.2 is a data error, and
// clamping it silently would hide that. Rates that only leave [0, 1] once levers are added (confidence
// draws, stacked levers) are clamped instead, and every clamp is reported by `demandProjection`.
import { AGE_GROUP_KEYS, type AgeGroup } from "../scenario/category.js";

/** A value for each of the five age bands. @example const s: BandValues = { under5: 1, age5to10: 2, age11to15: 3, age16to19: 4, age20to25: 5 } */
export type BandValues = Readonly<Record<AgeGroup, number>>;

/**
 * A lever on one flow. Its effective change is `change × confidence`, applied to the census years
 * from `from` on (the flows arriving by that census) and to `bands` (default all).
 */
export interface FlowLever {
  /** newPlansChange: fractional (−0.1 is 10% fewer); cessationChange, conversionChange: rate points. */
  readonly change: number;
  /** Bands the lever acts on; all five when absent. */
  readonly bands?: readonly AgeGroup[];
  /** First census year whose flows it changes; the first forecast census when absent. */
  readonly from?: number;
  /** Share of the change delivered, 0–1; 1 when absent. */
  readonly confidence?: number;
}

/** The flow levers; several of one kind add up (their effective changes are summed). */
export interface DemandLevers {
  /** Changes new plans by a fraction: new plans × (1 + Σ change × confidence). */
  readonly newPlansChange?: FlowLever | readonly FlowLever[];
  /** Adds rate points to the cessation rate: rate + Σ change × confidence. */
  readonly cessationChange?: FlowLever | readonly FlowLever[];
  /** Adds rate points to the conversion of requests into plans; needs `requests` and `conversion`. */
  readonly conversionChange?: FlowLever | readonly FlowLever[];
}

/**
 * What the kernel projects from. New plans come either from `newPlans` or from `requests ×
 * conversion`, never both. Per-year arrays are indexed k = 0 … horizon−1 for census baseYear+1+k.
 */
export interface DemandInput {
  /** The base census year: `stock` is its January count. */
  readonly baseYear: number;
  /** Forecast census years after the base. */
  readonly horizon: number;
  /** EHCPs by band at the base census. */
  readonly stock: BandValues;
  /** New plans by band arriving by each forecast census (already projected). */
  readonly newPlans?: readonly BandValues[];
  /** Requests for assessment by band in each forecast year; with `conversion`, new plans = requests × conversion. */
  readonly requests?: readonly BandValues[];
  /** Share of requests that become plans, per forecast year. */
  readonly conversion?: readonly number[];
  /** Share of each band's stock left after cessations that moves up a band each year (top band: leaves at 25). */
  readonly ageing: BandValues;
  /** Share of each band's opening stock whose plans cease each year. */
  readonly cessation: BandValues;
  readonly levers?: DemandLevers;
}

/** One census year and band of the projection; `stock = opening + newPlans − ceased + agedIn − agedOut`. */
export interface DemandRow {
  readonly census: number;
  readonly band: AgeGroup;
  readonly stock: number;
  readonly newPlans: number;
  readonly ceased: number;
  readonly agedIn: number;
  readonly agedOut: number;
}

/** A rate or factor that levers pushed outside its range, and the value used instead. */
export interface DemandClamp {
  readonly census: number;
  readonly band: AgeGroup;
  readonly quantity: "cessation rate" | "conversion rate" | "new plans factor";
  /** The value with levers applied, before clamping. */
  readonly requested: number;
  readonly used: number;
}

/** The projection with the clamps that levers forced. */
export interface DemandProjection {
  readonly rows: DemandRow[];
  readonly clamps: DemandClamp[];
}

/** Thrown for input the kernel refuses (negative stock, a rate outside 0–1, a lever it cannot apply). */
export class DemandInputError extends Error {
  override name = "DemandInputError";
}

const levers = (l: FlowLever | readonly FlowLever[] | undefined): readonly FlowLever[] =>
  l === undefined ? [] : Array.isArray(l) ? (l as readonly FlowLever[]) : [l as FlowLever];

const isShare = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

function checkBands(what: string, v: BandValues | undefined, ok: (x: number) => boolean, range: string) {
  if (v === undefined) throw new DemandInputError(`${what} is missing`);
  for (const b of AGE_GROUP_KEYS)
    if (!ok(v[b])) throw new DemandInputError(`${what}.${b} is ${v[b]}: it must be ${range}`);
}

const nonNegative = (x: number) => Number.isFinite(x) && x >= 0;

function checkInput(input: DemandInput): void {
  const { horizon } = input;
  if (!Number.isInteger(input.baseYear))
    throw new DemandInputError(`baseYear ${input.baseYear} is not a year`);
  if (!Number.isInteger(horizon) || horizon < 0)
    throw new DemandInputError(`horizon ${horizon} must be a whole number of years, 0 or more`);
  checkBands("stock", input.stock, nonNegative, "a count of 0 or more");
  checkBands("ageing", input.ageing, isShare, "a share between 0 and 1");
  checkBands("cessation", input.cessation, isShare, "a share between 0 and 1");
  const perYear = (name: string, a: readonly unknown[] | undefined) => {
    if (a !== undefined && a.length < horizon)
      throw new DemandInputError(`${name} has ${a.length} years; the horizon needs ${horizon}`);
  };
  perYear("newPlans", input.newPlans);
  perYear("requests", input.requests);
  perYear("conversion", input.conversion);
  const fromRequests = input.requests !== undefined || input.conversion !== undefined;
  if (input.newPlans !== undefined && fromRequests)
    throw new DemandInputError("give newPlans, or requests with a conversion rate, not both");
  if (input.newPlans === undefined && !(input.requests && input.conversion))
    throw new DemandInputError("new plans need either newPlans or both requests and conversion");
  for (let k = 0; k < horizon; k++) {
    const census = input.baseYear + 1 + k;
    if (input.newPlans)
      checkBands(`newPlans[${census}]`, input.newPlans[k], nonNegative, "a count of 0 or more");
    if (input.requests)
      checkBands(`requests[${census}]`, input.requests[k], nonNegative, "a count of 0 or more");
    const c = input.conversion?.[k];
    if (input.conversion && !isShare(c ?? Number.NaN))
      throw new DemandInputError(`conversion[${census}] is ${c}: it must be a share between 0 and 1`);
  }
  const l = input.levers ?? {};
  if (levers(l.conversionChange).length && !input.requests)
    throw new DemandInputError(
      "conversionChange changes how many requests become plans, but this demand has no requests and conversion rate: model requests, or use newPlansChange",
    );
  for (const [kind, list] of Object.entries(l) as [string, FlowLever | readonly FlowLever[]][])
    levers(list).forEach((lever, i) => {
      const at = `${kind}[${i}]`;
      if (!Number.isFinite(lever.change)) throw new DemandInputError(`${at}.change is ${lever.change}`);
      if (lever.confidence !== undefined && !isShare(lever.confidence))
        throw new DemandInputError(`${at}.confidence is ${lever.confidence}: it must be between 0 and 1`);
      if (lever.from !== undefined && !Number.isInteger(lever.from))
        throw new DemandInputError(`${at}.from ${lever.from} is not a census year`);
      for (const b of lever.bands ?? [])
        if (!AGE_GROUP_KEYS.includes(b)) throw new DemandInputError(`${at}.bands has unknown band ${b}`);
    });
}

/** Σ change × confidence of the levers acting on this census and band; exactly 0 (not −0) when none do. */
function leverSum(list: readonly FlowLever[], census: number, band: AgeGroup): number {
  let sum = 0;
  for (const l of list)
    if (census >= (l.from ?? Number.NEGATIVE_INFINITY) && (l.bands?.includes(band) ?? true))
      sum += l.change * (l.confidence ?? 1);
  return sum;
}

/**
 * Projects EHCPs by band with the clamps levers forced. Within a year and band: ceased = rate ×
 * opening; agedOut = ageing × (opening − ceased); agedIn = the band below's agedOut.
 * @example demandProjection(input).clamps.length === 0
 */
export function demandProjection(input: DemandInput): DemandProjection {
  checkInput(input);
  const newPlansLevers = levers(input.levers?.newPlansChange);
  const cessationLevers = levers(input.levers?.cessationChange);
  const conversionLevers = levers(input.levers?.conversionChange);
  const rows: DemandRow[] = [];
  const clamps: DemandClamp[] = [];
  // Levers without any effect leave the base value untouched, so a zero-lever run equals the plain run bit for bit.
  const adjusted = (
    base: number,
    delta: number,
    lo: number,
    hi: number,
    census: number,
    band: AgeGroup,
    quantity: DemandClamp["quantity"],
  ) => {
    if (delta === 0) return base;
    const requested = base + delta;
    const used = Math.min(hi, Math.max(lo, requested));
    if (used !== requested) clamps.push({ census, band, quantity, requested, used });
    return used;
  };
  let opening = AGE_GROUP_KEYS.map((b) => input.stock[b]);
  for (let k = 0; k < input.horizon; k++) {
    const census = input.baseYear + 1 + k;
    const closing: number[] = [];
    let agedIn = 0;
    AGE_GROUP_KEYS.forEach((band, i) => {
      const open = opening[i] as number;
      const rate = adjusted(
        input.cessation[band],
        leverSum(cessationLevers, census, band),
        0,
        1,
        census,
        band,
        "cessation rate",
      );
      let arriving: number;
      if (input.newPlans) arriving = (input.newPlans[k] as BandValues)[band];
      else {
        // checkInput has made sure requests and conversion cover every forecast year.
        const requests = input.requests as readonly BandValues[];
        const conversions = input.conversion as readonly number[];
        const conversion = adjusted(
          conversions[k] as number,
          leverSum(conversionLevers, census, band),
          0,
          1,
          census,
          band,
          "conversion rate",
        );
        arriving = (requests[k] as BandValues)[band] * conversion;
      }
      const factor = adjusted(
        1,
        leverSum(newPlansLevers, census, band),
        0,
        Number.POSITIVE_INFINITY,
        census,
        band,
        "new plans factor",
      );
      const newPlans = factor === 1 ? arriving : arriving * factor;
      const ceased = rate * open;
      const agedOut = input.ageing[band] * (open - ceased);
      // Evaluated in the identity's own order, so stock(Y) === stock(Y−1) + newPlans − ceased + agedIn − agedOut
      // holds exactly. It cannot go negative: rounding is monotone, ceased ≤ open and agedOut ≤ open − ceased.
      const stock = open + newPlans - ceased + agedIn - agedOut;
      rows.push({ census, band, stock, newPlans, ceased, agedIn, agedOut });
      closing.push(stock);
      agedIn = agedOut;
    });
    opening = closing;
  }
  return { rows, clamps };
}

/**
 * EHCP stock and flows by forecast census year and band (year by year, bands in template order).
 * @example projectDemand(input).filter((r) => r.census === 2026).length === 5
 */
export function projectDemand(input: DemandInput): DemandRow[] {
  return demandProjection(input).rows;
}

/** A census year's rows summed over bands; agedOut − agedIn is the young people leaving at 25. */
export interface DemandTotal {
  readonly census: number;
  readonly stock: number;
  readonly newPlans: number;
  readonly ceased: number;
  readonly agedIn: number;
  readonly agedOut: number;
}

/**
 * Totals per census year (the sum of the bands), in the rows' year order.
 * @example demandTotals(projectDemand(input))[0]?.stock
 */
export function demandTotals(rows: readonly DemandRow[]): DemandTotal[] {
  const byYear = new Map<number, { -readonly [K in keyof DemandTotal]: DemandTotal[K] }>();
  for (const r of rows) {
    const t = byYear.get(r.census) ?? {
      census: r.census,
      stock: 0,
      newPlans: 0,
      ceased: 0,
      agedIn: 0,
      agedOut: 0,
    };
    t.stock += r.stock;
    t.newPlans += r.newPlans;
    t.ceased += r.ceased;
    t.agedIn += r.agedIn;
    t.agedOut += r.agedOut;
    byYear.set(r.census, t);
  }
  return [...byYear.values()];
}

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

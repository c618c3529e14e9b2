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
import { type BandValues, checkBands, DemandInputError, isShare, nonNegative } from "./age-bands.js";

export { ageingShares, BAND_WIDTHS, type BandValues, DemandInputError } from "./age-bands.js";
export {
  type CessationEstimate,
  type CessationEvidence,
  type CessationWarning,
  type DemandHistoryPoint,
  estimateCessation,
  PLAUSIBLE_CESSATION,
} from "./cessation.js";

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

/** One kind's flow levers as a list, however given. @example leverList({ change: -0.1 }).length === 1 */
export const leverList = (l: FlowLever | readonly FlowLever[] | undefined): readonly FlowLever[] =>
  l === undefined ? [] : Array.isArray(l) ? (l as readonly FlowLever[]) : [l as FlowLever];

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
  if (leverList(l.conversionChange).length && !input.requests)
    throw new DemandInputError(
      "conversionChange changes how many requests become plans, but this demand has no requests and conversion rate: model requests, or use newPlansChange",
    );
  for (const [kind, list] of Object.entries(l) as [string, FlowLever | readonly FlowLever[]][])
    leverList(list).forEach((lever, i) => {
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
  const newPlansLevers = leverList(input.levers?.newPlansChange);
  const cessationLevers = leverList(input.levers?.cessationChange);
  const conversionLevers = leverList(input.levers?.conversionChange);
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

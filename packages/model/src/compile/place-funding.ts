// Place funding, top-ups, recoupment, import/export and the High Needs allocation (issue #18).
//
// Every array is indexed by financial year k = 0..n-1 (FY k runs April to March), like the rest of the
// engine. Place funding is set per academic year in the operational guide, so each function that takes
// place numbers offers the engine's two phasings (see `Phasing` in time.ts):
// - `census` (the default): the arrays already hold what each financial year funds. This is the default
//   because a scenario's places and pupils are typed per FY and the engine's default phasing is census;
//   blending arrays typed per FY would push 5/12 of every year's change into the following year.
// - `academic`: the arrays hold academic-year values (entry k is the academic year that starts in
//   September inside FY k) and FY k pays 5/12 of academic year k-1 (April to August) and 7/12 of
//   academic year k (September to March). Use it where places are commissioned per academic year, as the
//   operational guide does and as the ESFA's deductions for academy places follow.
import type { Category } from "../scenario/category.js";
import { type Phasing, phasedCost } from "../units/time.js";

/** The s251 high-needs expenditure lines this module fills (labels as in the DfE s251 budget statement). */
export const s251Lines = {
  "1.0.2": "High needs place funding within the Individual Schools Budget",
  "1.2.1": "Top-up funding – maintained schools",
  "1.2.2": "Top-up funding – academies, free schools and colleges",
  "1.2.3": "Top-up and other funding – non-maintained and independent providers",
  "1.2.4": "Additional high needs targeted funding for mainstream schools and academies",
  "1.2.5": "SEN support services",
  "1.2.6": "Hospital education services",
  "1.2.7": "Other alternative provision services",
  "1.2.8": "Support for inclusion",
  "1.2.9": "Special schools and PRUs in financial difficulty",
  "1.2.10": "PFI/BSF costs at special schools, AP/PRUs and post-16 institutions",
  "1.2.11": "Direct payments (SEN and disability)",
  "1.2.13": "Therapies and other health-related services",
} as const;

/** An s251 line code. @example const l: S251Line = "1.0.2" */
export type S251Line = keyof typeof s251Lines;

/** Who runs the setting: the ESFA pays academies', free schools' and colleges' place funding directly (recoupment). */
export type Provider = "maintained" | "academy";

/** A category's default place funding and the s251 lines its costs go to. */
export interface PlaceFundingDefault {
  /** £ a commissioned place a year; null where the category has no place funding (top-up or fee only). */
  readonly rate: number | null;
  /** Resourced provision only: the rate when the pupil is not on the host school's roll. */
  readonly notOnRollRate?: number;
  /** Where place funding goes; null with no place funding. */
  readonly placeLine: S251Line | null;
  /** Where top-ups (or fees) go, by provider, because s251 splits maintained from academy top-ups. */
  readonly topUpLine: Readonly<Record<Provider, S251Line>>;
  readonly source: string;
}

const GUIDE =
  "DfE, High needs funding: 2025 to 2026 operational guide (updated 17 December 2024), place funding";

/**
 * Default place-funding rates for 2025-26 by DSG category. The £10,000 and £6,000 rates have stood
 * since the place-plus system began in 2013-14, so they serve as defaults for later years until a
 * scenario says otherwise.
 */
export const PLACE_FUNDING: Readonly<Record<Category, PlaceFundingDefault>> = {
  MmSoA: {
    rate: null,
    placeLine: null,
    topUpLine: { maintained: "1.2.1", academy: "1.2.2" },
    source: `${GUIDE}: mainstream schools get no place funding; they meet the first £6,000 of additional support from their notional SEN budget (element 2) and the HNB pays the top-up above it`,
  },
  RPSEN: {
    rate: 6_000,
    notOnRollRate: 10_000,
    placeLine: "1.0.2",
    topUpLine: { maintained: "1.2.1", academy: "1.2.2" },
    source: `${GUIDE}: SEN units and resourced provision, £6,000 a place for pupils on the school's roll (the school's formula funding covers the rest), £10,000 a place where they are not`,
  },
  MdSSA: {
    rate: 10_000,
    placeLine: "1.0.2",
    topUpLine: { maintained: "1.2.1", academy: "1.2.2" },
    source: `${GUIDE}: maintained special schools, special academies and special free schools, £10,000 a place`,
  },
  NMISS: {
    rate: null,
    placeLine: null,
    topUpLine: { maintained: "1.2.3", academy: "1.2.3" },
    source: `${GUIDE}: independent special schools charge a fee per pupil with no place funding; non-maintained special schools' £10,000 places are funded by the department directly, so the authority pays the fee or top-up only`,
  },
  HspAP: {
    rate: 10_000,
    placeLine: "1.0.2",
    topUpLine: { maintained: "1.2.1", academy: "1.2.2" },
    source: `${GUIDE}: pupil referral units, AP academies and AP free schools, £10,000 a pre-16 place; hospital education is funded as a service (s251 1.2.6) and other AP services go to 1.2.7`,
  },
  P16FE: {
    rate: 6_000,
    placeLine: "1.0.2",
    topUpLine: { maintained: "1.2.1", academy: "1.2.2" },
    source: `${GUIDE}: FE colleges, school sixth forms and specialist post-16 institutions, £6,000 a place (element 2) on top of the 16 to 19 formula funding (element 1)`,
  },
  OTHER: {
    rate: null,
    placeLine: null,
    topUpLine: { maintained: "1.2.11", academy: "1.2.11" },
    source: `${GUIDE}: other placements and direct payments have no place funding`,
  },
  NONE: {
    rate: null,
    placeLine: null,
    topUpLine: { maintained: "1.2.4", academy: "1.2.4" },
    source: `${GUIDE}: pupil-level funding without an EHCP (non-statutory top-ups) has no place funding`,
  },
};

/** One top-up band: the share of pupils in it and its element 3 top-up in £ a year. */
export interface TopUpBand {
  readonly band: string;
  readonly share: number;
  readonly topUp: number;
}

/** A placement costed as commissioned places × place funding + pupils × top-up. */
export interface PlaceFundedInput {
  readonly category: Category;
  /** Default "maintained"; "academy" covers academies, free schools and colleges. */
  readonly provider?: Provider;
  /**
   * Commissioned places by year. Omit for settings costed per pupil only (independent fees, mainstream
   * top-ups): then no place funding is paid and pupils are not limited by capacity.
   */
  readonly places?: readonly number[];
  /** Pupils (EHCPs) needing a place in this setting by year. */
  readonly pupils: readonly number[];
  /** £ a place a year, one rate or one per year; default the category's rate (0 where it has none). */
  readonly rate?: number | readonly number[];
  /** Resourced provision only: pupils not on the host school's roll take the higher default rate. */
  readonly onRoll?: boolean;
  /** Element 3 top-up (or fee) per pupil a year: one amount, or bands whose shares sum to 1. */
  readonly topUp: number | readonly TopUpBand[];
  /**
   * Share of NEW places that can be filled in their 1st, 2nd, … year; the last share holds thereafter.
   * Default [1]: every place fills at once.
   */
  readonly fill?: readonly number[];
  /** Places commissioned the year before year 0, all fillable; default places[0] (no new places in year 0). */
  readonly placesBefore?: number;
  /** `academic` phasing only: pupils the year before year 0; default pupils[0]. */
  readonly pupilsBefore?: number;
  /** Default `census`: see the note at the top of this file. */
  readonly phasing?: Phasing;
  /** The s251 line of the top-ups where the category's default is not right; place funding stays on 1.0.2. */
  readonly s251?: S251Line;
}

/** Costs of a place-funded placement, per financial year. */
export interface PlaceFundedCost {
  /** FY-equivalent commissioned places (blended under academic phasing). */
  readonly places: number[];
  /** Places that could be filled: new places fill by the fill profile (without places: the pupils, no limit). */
  readonly capacity: number[];
  /** Pupils placed here: pupils, limited to the capacity. */
  readonly placed: number[];
  /** Pupils above the capacity: they need a place elsewhere and are costed nowhere here. */
  readonly unplaced: number[];
  readonly emptyPlaces: number[];
  /** places × rate, paid whether the places are filled or not. */
  readonly placeFunding: number[];
  /** The part of placeFunding that pays for empty places (included in it, not extra). */
  readonly emptyPlaceCost: number[];
  /** placed × top-up. */
  readonly topUps: number[];
  /** Top-ups by band when bands were given (their sum is topUps). */
  readonly topUpsByBand: Readonly<Record<string, number[]>>;
  /** placeFunding + topUps. */
  readonly total: number[];
  /** The total split by s251 line (the lines sum to total). */
  readonly s251: Readonly<Partial<Record<S251Line, number[]>>>;
}

const TOLERANCE = 1e-9;

function fail(field: string, problem: string): never {
  throw new RangeError(`${field} ${problem}`);
}

function checkNumber(value: number, field: string, min = 0): void {
  if (!Number.isFinite(value)) fail(field, `must be a finite number (got ${value})`);
  if (value < min)
    fail(field, min === 0 ? `cannot be negative (got ${value})` : `must be at least ${min} (got ${value})`);
}

function checkSeries(values: readonly number[], field: string, length: number | undefined, min = 0): number {
  if (values.length === 0) fail(field, "needs at least one year");
  if (length !== undefined && values.length !== length)
    fail(field, `has ${values.length} year(s) but the other arrays have ${length}`);
  values.forEach((v, k) => {
    checkNumber(v, `${field}[${k}]`, min);
  });
  return values.length;
}

function perYear(value: number | readonly number[], n: number, field: string): number[] {
  if (typeof value === "number") {
    checkNumber(value, field);
    return Array.from({ length: n }, () => value);
  }
  checkSeries(value, field, n);
  return [...value];
}

function phased(phasing: Phasing, values: readonly number[], before: number, weights?: readonly number[]) {
  return Array.from(phasedCost(phasing, values, before, weights ?? values.map(() => 1)));
}

/** The effective top-up of a banding: its share-weighted mean. @example meanTopUp([{ band: "A", share: 1, topUp: 9000 }]) === 9000 */
export function meanTopUp(topUp: number | readonly TopUpBand[]): number {
  if (typeof topUp === "number") {
    checkNumber(topUp, "topUp");
    return topUp;
  }
  if (topUp.length === 0) fail("topUp", "needs at least one band");
  let shares = 0;
  let mean = 0;
  const seen = new Set<string>();
  topUp.forEach((b, i) => {
    if (seen.has(b.band)) fail(`topUp[${i}].band`, `repeats "${b.band}"`);
    seen.add(b.band);
    checkNumber(b.share, `topUp[${i}].share`);
    checkNumber(b.topUp, `topUp[${i}].topUp`);
    shares += b.share;
    mean += b.share * b.topUp;
  });
  // Shares that do not cover every pupil would cost some pupils at nothing (or some twice).
  if (Math.abs(shares - 1) > TOLERANCE) fail("topUp shares", `must sum to 1 (they sum to ${shares})`);
  return mean;
}

/**
 * Places fillable in each year. Closures take the newest places first, because those are the emptiest,
 * so a cut never empties a place that is already full while a new one stays open.
 */
function fillableCapacity(places: readonly number[], before: number, fill: readonly number[]): number[] {
  let established = before;
  const cohorts: { size: number; opened: number }[] = [];
  let previous = before;
  return places.map((p, k) => {
    let change = p - previous;
    previous = p;
    if (change > 0) cohorts.push({ size: change, opened: k });
    while (change < 0) {
      const newest = cohorts.at(-1);
      const from = newest ? newest.size : established;
      const cut = Math.min(from, -change);
      if (newest) {
        newest.size -= cut;
        if (newest.size <= 0) cohorts.pop();
      } else {
        established -= cut;
        if (cut === 0) break;
      }
      change += cut;
    }
    let capacity = established;
    for (const c of cohorts) capacity += c.size * (fill[Math.min(k - c.opened, fill.length - 1)] ?? 1);
    return Math.min(p, capacity);
  });
}

/**
 * The rate a placement's places are paid at, £ a place a year: its own, else the operational
 * guide's for its category (resourced provision off the host school's roll at the higher rate);
 * 0 where the category has no place funding.
 * @example placeFundingRate("RPSEN", undefined, false) === 10000
 */
export function placeFundingRate(category: Category, rate?: number, onRoll?: boolean): number {
  const defaults = PLACE_FUNDING[category];
  return rate ?? (onRoll === false ? defaults.notOnRollRate : defaults.rate) ?? 0;
}

/**
 * Place funding paid for every commissioned place, filled or not, plus a top-up per pupil placed.
 * @example placeFundedCost({ category: "MdSSA", places: [20, 20], placesBefore: 0, pupils: [20, 20], topUp: 15_000, fill: [0.5, 1] }).total // [350000, 500000]
 */
export function placeFundedCost(input: PlaceFundedInput): PlaceFundedCost {
  const phasing = input.phasing ?? "census";
  if (phasing !== "census" && phasing !== "academic")
    fail("phasing", `must be "census" or "academic" (got ${String(phasing)})`);
  const defaults = PLACE_FUNDING[input.category];
  if (!defaults) fail("category", `is not a DSG category (got ${String(input.category)})`);
  const provider = input.provider ?? "maintained";
  if (provider !== "maintained" && provider !== "academy")
    fail("provider", `must be "maintained" or "academy" (got ${String(provider)})`);

  const years = input.places ? checkSeries(input.places, "places", undefined) : undefined;
  const n = checkSeries(input.pupils, "pupils", years);
  const fill = input.fill ?? [1];
  if (fill.length === 0) fail("fill", "needs at least one share");
  fill.forEach((f, i) => {
    checkNumber(f, `fill[${i}]`);
    if (f > 1) fail(`fill[${i}]`, `is a share of the new places and cannot exceed 1 (got ${f})`);
  });
  const mean = meanTopUp(input.topUp);
  const pupilsBefore = input.pupilsBefore ?? input.pupils[0] ?? 0;
  checkNumber(pupilsBefore, "pupilsBefore");

  const placed = input.places ? [] : [...input.pupils];
  let places = Array.from({ length: n }, () => 0);
  let capacity: number[] = [];
  let rate = places;
  let placesBefore = 0;
  if (input.places) {
    if (input.onRoll !== undefined && input.category !== "RPSEN")
      fail("onRoll", "applies to resourced provision (RPSEN) only");
    rate = perYear(input.rate ?? placeFundingRate(input.category, undefined, input.onRoll), n, "rate");
    places = [...input.places];
    placesBefore = input.placesBefore ?? places[0] ?? 0;
    checkNumber(placesBefore, "placesBefore");
    capacity = fillableCapacity(places, placesBefore, fill);
    capacity.forEach((c, k) => {
      placed.push(Math.min(input.pupils[k] ?? 0, c));
    });
  } else {
    if (input.rate !== undefined) fail("places", "are needed for a place-funding rate to pay anything");
    if (input.fill !== undefined) fail("places", "are needed for a fill profile to limit anything");
  }
  const unplaced = input.pupils.map((p, k) => p - (placed[k] ?? 0));

  // Places that existed before year 0 are established, so the year before is as full as its pupils allow.
  const placedBefore = input.places ? Math.min(pupilsBefore, placesBefore) : pupilsBefore;
  const fyPlaces = phased(phasing, places, placesBefore);
  const fyPlaced = phased(phasing, placed, placedBefore);
  const placeFunding = phased(phasing, places, placesBefore, rate);
  const placedFunding = phased(phasing, placed, placedBefore, rate);
  const topUps = fyPlaced.map((p) => p * mean);
  const topUpsByBand: Record<string, number[]> = {};
  if (typeof input.topUp !== "number")
    for (const b of input.topUp) topUpsByBand[b.band] = fyPlaced.map((p) => p * b.share * b.topUp);
  const total = placeFunding.map((f, k) => f + (topUps[k] ?? 0));

  const s251: Partial<Record<S251Line, number[]>> = {};
  const add = (line: S251Line, amounts: readonly number[]) => {
    const to = s251[line] ?? amounts.map(() => 0);
    s251[line] = to.map((v, k) => v + (amounts[k] ?? 0));
  };
  // A per-place payment where the guide has none (a block contract with an independent school, say) is a
  // payment to that provider, so s251 records it with the provider's fees rather than as place funding.
  const topUpLine = input.s251 ?? defaults.topUpLine[provider];
  if (input.places && placeFunding.some((v) => v !== 0)) add(defaults.placeLine ?? topUpLine, placeFunding);
  add(topUpLine, topUps);

  return {
    places: fyPlaces,
    capacity: input.places ? phased(phasing, capacity, placesBefore) : fyPlaced,
    placed: fyPlaced,
    unplaced: phased(phasing, unplaced, pupilsBefore - placedBefore),
    // Without commissioned places there are no places to stand empty (pupils are paid per head).
    emptyPlaces: input.places ? fyPlaces.map((p, k) => p - (fyPlaced[k] ?? 0)) : fyPlaces.map(() => 0),
    placeFunding,
    emptyPlaceCost: placeFunding.map((f, k) => f - (placedFunding[k] ?? 0)),
    topUps,
    topUpsByBand,
    total,
    s251,
  };
}

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

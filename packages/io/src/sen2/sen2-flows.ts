// The files of the DfE "Education, health and care plans" release (2025 on) beyond the caseload and
// the new plans: ceased_plans.csv (plans ceased in the calendar year, by reason and age when ceased)
// and sen_needs_all_plans.csv (EHCPs at January by primary need). The CSV reading itself (suppression
// codes, duplicates, cut-off files) is csv-table.ts's: these take its tables and keep what the import uses.
import type { AgeGroup, NeedCode } from "@hnb/model";
import { PLACE_COLUMNS, type Table } from "./csv-table.js";

/** The part of a read CSV file these readers use. */
export type CsvTable = Pick<Table, "rows" | "lines" | "year" | "get" | "count" | "unique">;

/** Where a row is: its geographic level and authority (registering the authority as it goes). */
type Where = (row: string[], line: number) => { level: string; code: string; name: string };

/** Plans ceased in one calendar year by one authority. */
export interface CeasedYear {
  /** Every plan ceased in the year (total_ceased). */
  total: number | null;
  /** Of which the maximum age was reached (max_age). */
  maxAge: number | null;
  /** Of which transferred to another authority (transfer): the plan goes on, elsewhere. */
  transfer: number | null;
  /** By management-plan age band of the age when the plan ceased: all reasons and maximum age reached. */
  byAge: Partial<Record<AgeGroup, { total: number | null; maxAge: number | null }>>;
  /** Ceased plans whose age is not known (in no band). */
  ageUnknown: number | null;
}

// The columns that place a row of the 2025 release's breakdown files: its year, authority and breakdown.
const ROW_KEYS = [...PLACE_COLUMNS, "la_name", "breakdown_topic", "breakdown"] as const;

/** The columns ceased_plans.csv must have. */
export const CEASED_COLUMNS = [...ROW_KEYS, "max_age", "transfer", "total_ceased"] as const;

/** EHCPs by primary need at one census. */
export interface NeedsAtCensus {
  census: number;
  /** ehc_plans: all plans (the needs add up to it). */
  total: number | null;
  counts: Partial<Record<NeedCode, number | null>>;
}

/** sen_needs_all_plans.csv's count columns and the need each counts. */
export const NEED_COLUMNS: Readonly<Record<string, NeedCode>> = {
  number_asd: "ASD",
  number_hi: "HI",
  number_mld: "MLD",
  number_msi: "MSI",
  number_pd: "PD",
  number_pmld: "PMLD",
  number_semh: "SEMH",
  number_slcn: "SLCN",
  number_sld: "SLD",
  number_spld: "SPLD",
  number_vi: "VI",
  number_oth: "OTH",
  number_need_unknown: "notRecorded",
};

/** The columns sen_needs_all_plans.csv must have. */
export const NEEDS_COLUMNS = [...ROW_KEYS, "ehc_plans", ...Object.keys(NEED_COLUMNS)];

/**
 * The management-plan age band of a single year of age as the 2025 release labels it ("age 10",
 * "under 3", "age 2 and under", "age 20 and over", "Aged 7"), or undefined (unknown, or over 25).
 * @example singleAgeGroup("age 16") === "age16to19"
 */
export function singleAgeGroup(label: string): AgeGroup | undefined {
  const t = label.trim().toLowerCase();
  const under = /^(?:age[d]?\s*)?(?:under\s*(\d+)|(\d+)\s*and\s*under)$/.exec(t);
  if (under) return Number(under[1] ?? under[2]) <= 5 ? "under5" : undefined;
  const over = /^(?:age[d]?\s*)?(\d+)\s*and\s*over$/.exec(t);
  if (over) return Number(over[1]) >= 20 && Number(over[1]) <= 25 ? "age20to25" : undefined;
  const one = /^age[d]?\s*(\d+)$/.exec(t);
  if (!one) return undefined;
  const age = Number(one[1]);
  if (age < 5) return "under5";
  if (age <= 10) return "age5to10";
  if (age <= 15) return "age11to15";
  if (age <= 19) return "age16to19";
  return age <= 25 ? "age20to25" : undefined;
}

// A band's sum over single years: unknown once any year in it is (never read as short).
const add = (a: number | null | undefined, b: number | null) =>
  a === null || b === null ? null : (a ?? 0) + b;

/**
 * Plans ceased by authority and calendar year from ceased_plans.csv: the totals of the "All ceased
 * EHC plans" rows, and by age band from the "Age plan ceased" rows.
 * @example ceasedFrom({ rows: [], lines: [], year: () => 0, get: () => undefined, count: () => null, unique: () => {} }, () => ({ level: "National", code: "", name: "" }), () => true).size === 0
 */
export function ceasedFrom(
  t: CsvTable,
  where: Where,
  whole: (row: string[]) => boolean,
): Map<string, Map<number, CeasedYear>> {
  const out = new Map<string, Map<number, CeasedYear>>();
  const yearOf = (code: string, year: number): CeasedYear => {
    const years = out.get(code) ?? new Map<number, CeasedYear>();
    out.set(code, years);
    const y = years.get(year) ?? { total: null, maxAge: null, transfer: null, byAge: {}, ageUnknown: null };
    years.set(year, y);
    return y;
  };
  t.rows.forEach((row, i) => {
    const line = t.lines[i] as number;
    const { level, code } = where(row, line);
    if (level !== "Local authority") return;
    const year = t.year(row, line);
    const topic = (t.get(row, "breakdown_topic") ?? "").trim();
    const breakdown = (t.get(row, "breakdown") ?? "").trim();
    if (whole(row)) {
      t.unique(`${code}\u0000${year}\u0000all`, line);
      const y = yearOf(code, year);
      y.total = t.count(row, "total_ceased", line);
      y.maxAge = t.count(row, "max_age", line);
      y.transfer = t.count(row, "transfer", line);
      return;
    }
    if (!/\bage\b/i.test(topic) || /start|held/i.test(topic)) return;
    t.unique(`${code}\u0000${year}\u0000${breakdown}`, line);
    const y = yearOf(code, year);
    const band = singleAgeGroup(breakdown);
    if (!band) {
      if (/unknown/i.test(breakdown))
        y.ageUnknown = add(y.ageUnknown ?? undefined, t.count(row, "total_ceased", line));
      return;
    }
    const before = y.byAge[band];
    y.byAge[band] = {
      total: add(before?.total, t.count(row, "total_ceased", line)),
      maxAge: add(before?.maxAge, t.count(row, "max_age", line)),
    };
  });
  return out;
}

/**
 * EHCPs by primary need from sen_needs_all_plans.csv (the "All EHC plans" rows), by authority.
 * A suppressed need is missing (null) and named in `missing`, never read as zero.
 * @example needsFrom({ rows: [], lines: [], year: () => 0, get: () => undefined, count: () => null, unique: () => {} }, () => ({ level: "National", code: "", name: "" }), () => true, []).size === 0
 */
export function needsFrom(
  t: CsvTable,
  where: Where,
  whole: (row: string[]) => boolean,
  missing: string[],
): Map<string, NeedsAtCensus> {
  const out = new Map<string, NeedsAtCensus>();
  const latest = new Map<string, number>();
  t.rows.forEach((row, i) => {
    const line = t.lines[i] as number;
    const { level, code, name } = where(row, line);
    if (level !== "Local authority" || !whole(row)) return;
    const census = t.year(row, line, true);
    t.unique(`${code}\u0000${census}`, line);
    // One census is kept: the latest (the release has one; a later one replaces an earlier).
    if ((latest.get(code) ?? -1) > census) return;
    latest.set(code, census);
    const counts: NeedsAtCensus["counts"] = {};
    for (const [column, need] of Object.entries(NEED_COLUMNS)) {
      const v = t.count(row, column, line);
      if (v === null) missing.push(`${name} ${census} ${column}`);
      counts[need] = v;
    }
    out.set(code, { census, total: t.count(row, "ehc_plans", line), counts });
  });
  return out;
}

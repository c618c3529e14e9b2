// Readers for the DfE "Education, health and care plans" statistics (SEN2) in the two layouts users
// download from explore-education-statistics: the 2022 release (sen2_estab_caseload.csv,
// sen2_age_caseload.csv, sen2_estab_new_plans.csv) and the 2023+ release (caseload.csv,
// newplans.csv, requests.csv). Suppressed or not-applicable cells become missing (null), are counted
// and reported, and are never read as zero. Anything else that is not a count (a negative number,
// text, a duplicated row, a broken quote, a file that is not UTF-8) stops the read with the file and
// line, because a misread count silently becomes a wrong forecast.
import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  type AgeGroup,
  describeUnsafe,
  editDistance,
  firstUnsafe,
  formatNumber,
  type HistoryPoint,
  HnbError,
} from "@hnb/model";
import { NotARegularFile, readRegularFile } from "../scenario/regular-file.js";
import {
  placementOfEstablishment,
  SEN2_2023_COLUMNS,
  SEN2_PLACEMENTS,
  UNKNOWN_PLACEMENT_LIMIT,
} from "./establishment-map.js";
import {
  CEASED_COLUMNS,
  type CeasedYear,
  ceasedFrom,
  NEEDS_COLUMNS,
  type NeedsAtCensus,
  needsFrom,
  singleAgeGroup,
} from "./sen2-flows.js";
import {
  type CeasedRates,
  ceasedRates,
  defaultHorizon,
  type FlowIdentityRow,
  flowIdentity,
  fyOf,
  s251Lines,
  skeletonIncome,
  stabilityGrantBlock,
  todo,
  unitCostTodo,
} from "./skeleton-parts.js";
import { typeReferences } from "./type-reference.js";

/** The release layout a file set follows. */
export type Sen2Layout = "2022" | "2023";

/** A local authority as the statistics name it. */
export interface AuthorityRef {
  name: string;
  newCode: string;
  oldCode: string;
  region?: string;
}

type YearMap<T> = Map<number, T>;

/** Parsed SEN2 statistics: per authority (by new code) and year, counts by placement type and age, and flows. */
export interface Sen2Data {
  layout: Sen2Layout;
  /** The files read, by name (for the source line of an import). */
  files: string[];
  authorities: AuthorityRef[];
  /** authority new code → census year → placement id → count (null: every contributing cell missing). */
  placements: Map<string, YearMap<Map<string, number | null>>>;
  /** authority new code → census year → total caseload. */
  totals: Map<string, YearMap<number | null>>;
  /** authority new code → census year → age group → count. */
  ages: Map<string, YearMap<Map<AgeGroup, number | null>>>;
  /** authority new code → calendar year → new EHC plans made in the year. */
  newPlans: Map<string, YearMap<number | null>>;
  /** authority new code → calendar year → requests for an EHC needs assessment received. */
  requests: Map<string, YearMap<number | null>>;
  /** National totals by census year (the trend pooled estimates borrow from). */
  national: YearMap<number>;
  /** England by census year and placement type, mapped as the authorities' rows are (each type's own reference trend); from January 2023 "unknown" holds the plans with no known placement, left out of other. */
  nationalPlacements: YearMap<Map<string, number | null>>;
  /** authority new code → census year → plans whose placement is unknown (2023+ layout, from January 2023; null: suppressed). */
  unknownPlacements: Map<string, YearMap<number | null>>;
  /** Regional totals by region name and census year. */
  regions: Map<string, YearMap<number>>;
  /** Missing cells: "authority year field" for each suppressed or not-applicable value read. */
  missingCells: string[];
  /**
   * Placement counts left unknown (null) because a part of them is missing for the authority while
   * other authorities report it that year ("Bristol 2022 special: special_la_maintained"): summing
   * the known parts would read the missing one as zero. A part no authority reports that year (a
   * column the collection did not have yet) adds nothing and leaves the sum known.
   */
  unknownSums: string[];
  /** ceased_plans.csv: plans ceased by authority and calendar year, with the reasons and ages the import uses. */
  ceased?: Map<string, YearMap<CeasedYear>>;
  /** sen_needs_all_plans.csv: EHCPs by primary need at one census, by authority. */
  needs?: Map<string, NeedsAtCensus>;
}

/** DfE's codes for a value that is suppressed (c, x, low), not applicable (z) or not available. */
const MISSING = new Set(["x", "z", "c", ":", "..", "low", "u", ""]);

/** A cell as a number, or null when suppressed or not applicable. @example cellValue("x") === null */
export function cellValue(text: string | undefined): number | null {
  const t = (text ?? "").trim();
  if (MISSING.has(t.toLowerCase())) return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Thrown for a file that cannot be read as DfE statistics; the message names the file and line. */
export class Sen2FileError extends HnbError {
  override name = "Sen2FileError";
  constructor(message: string) {
    super("bad-sen2-file", message);
  }
}

/** Parses CSV text (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM) into rows of fields; an unterminated quote throws. @example parseCsv('a,"b,c"\n1,2') */
export function parseCsv(text: string, file = "the CSV text"): string[][] {
  return parseCsvLines(text, file).rows;
}

/**
 * {@link parseCsv} with the line each row starts on (blank lines are skipped and a quoted field may
 * span lines, so a row's index is not its line), for messages that name the line.
 * @example parseCsvLines('a\n\n1').lines // [1, 3]
 */
export function parseCsvLines(text: string, file = "the CSV text"): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      line++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") {
        rows.push(row);
        lines.push(rowLine);
      }
      row = [];
      rowLine = line;
    } else field += ch;
  }
  // Without this, one stray quote would swallow the rest of the file into a single field.
  if (quoted) throw new Sen2FileError(`${file} line ${quoteLine}: a quote is opened and never closed`);
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

interface Table {
  file: string;
  rows: string[][];
  /** The line each row starts on. */
  lines: number[];
  has: (col: string) => boolean;
  get: (row: string[], col: string) => string | undefined;
  /** A text cell that reaches outputs (a name or code): one line, else throws naming the line. */
  text: (row: string[], col: string, line: number) => string;
  /** The census or calendar year of a row's time_period: "2022", or "201819" where `academic` (January 2019); else throws naming the line. */
  year: (row: string[], line: number, academic?: boolean) => number;
  /** A count cell: a number ≥ 0, or null for DfE's suppression codes; anything else throws naming the line. */
  count: (row: string[], col: string, line: number) => number | null;
  /** Throws when a row with the same key was already read (a duplicated row would double every count). */
  unique: (key: string, line: number) => void;
}

function table(text: string, file: string, required: readonly string[]): Table {
  // No DfE cell holds a control or bidirectional character: one would reach the terminal, the
  // scenario written by import and every file of a pack.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bad = bom + firstUnsafe(text.slice(bom), { lineBreaks: true });
  if (bad >= bom)
    throw new Sen2FileError(
      `${file} line ${text.slice(0, bad).split("\n").length}: holds ${describeUnsafe(text.charCodeAt(bad))}, which DfE files never do: download the file again`,
    );
  const parsed = parseCsvLines(text, file);
  const [header, ...rows] = parsed.rows;
  const lines = parsed.lines.slice(1);
  if (!header) throw new Sen2FileError(`${file} is empty`);
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const absent = required.filter((c) => !index.has(c));
  if (absent.length)
    throw new Sen2FileError(
      `${file} lacks the column${absent.length > 1 ? "s" : ""} ${absent.join(", ")}: is it a DfE SEN2 file?`,
    );
  if (!rows.length) throw new Sen2FileError(`${file} has its header and no rows of figures`);
  // A row short of fields is a file cut off (a download stopped part-way) or damaged: its counts
  // would read as missing, and every figure after it would be lost, with nothing said.
  rows.forEach((row, i) => {
    if (row.length !== header.length)
      throw new Sen2FileError(
        `${file} line ${lines[i]}: ${row.length} fields where the header has ${header.length}: the file looks cut off or damaged; download it again`,
      );
  });
  const get = (row: string[], col: string) => {
    const i = index.get(col);
    return i === undefined ? undefined : row[i];
  };
  const seen = new Map<string, number>();
  return {
    file,
    rows,
    lines,
    has: (c) => index.has(c),
    get,
    text: (row, col, line) => {
      const value = get(row, col) ?? "";
      if (/[\r\n]/.test(value))
        throw new Sen2FileError(
          `${file} line ${line}: ${col} holds a line break (${JSON.stringify(value.slice(0, 40))}): a name or code is one line; download the file again`,
        );
      return value;
    },
    year: (row, line, academic = false) => {
      const raw = (get(row, "time_period") ?? "").trim();
      const year = periodYear(raw, academic);
      if (year === undefined)
        throw new Sen2FileError(
          `${file} line ${line}: time_period is ${JSON.stringify(raw.slice(0, 40))}, not a year (${academic ? 'e.g. "2022", or "202122" for the academic year 2021/22' : 'e.g. "2022"'})`,
        );
      return year;
    },
    count: (row, col, line) => {
      const raw = (get(row, col) ?? "").trim();
      if (MISSING.has(raw.toLowerCase())) return null;
      const n = countOf(raw);
      if (n === undefined)
        throw new Sen2FileError(
          `${file} line ${line}: ${col} is ${JSON.stringify(raw.slice(0, 40))}, not a count (a number of zero or more, at most ${formatNumber(MAX_COUNT)}) or a DfE suppression code (x, z, c)`,
        );
      return n;
    },
    unique: (key, line) => {
      const first = seen.get(key);
      if (first !== undefined)
        throw new Sen2FileError(
          `${file} line ${line} repeats line ${first} (${key.split("\u0000").join(", ")}): a duplicated row would double its counts`,
        );
      seen.set(key, line);
    },
  };
}

// Far above England's total (about 640,000 EHC plans), far below any overflow.
const MAX_COUNT = 10_000_000;

// A count as DfE writes it, in decimal digits only (with thousands commas and, in derived columns,
// a decimal part): Number() would also read "0x236" as 566, "1e308" and "Infinity".
function countOf(raw: string): number | undefined {
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(raw)) return undefined;
  const n = Number(raw.replace(/,/g, ""));
  return n <= MAX_COUNT ? n : undefined;
}

// A time_period as a year: four digits, or with `academic` six ("201819", the January 2019 census);
// anything else (a typo such as "20l6") is undefined, never NaN.
function periodYear(raw: string, academic: boolean): number | undefined {
  const m = academic ? /^(\d{4})(\d{2})?$/.exec(raw) : /^(\d{4})()$/.exec(raw);
  if (!m) return undefined;
  const first = Number(m[1]);
  if (first < 1990 || first > 2100) return undefined;
  if (!m[2]) return first;
  return Number(m[2]) === (first + 1) % 100 ? first + 1 : undefined;
}

function emptyData(layout: Sen2Layout): Sen2Data {
  return {
    layout,
    files: [],
    authorities: [],
    placements: new Map(),
    totals: new Map(),
    ages: new Map(),
    newPlans: new Map(),
    requests: new Map(),
    national: new Map(),
    nationalPlacements: new Map(),
    unknownPlacements: new Map(),
    regions: new Map(),
    missingCells: [],
    unknownSums: [],
  };
}

/**
 * The parts of placement sums as they are read: which columns some authority reports each year, and
 * the parts missing for one authority. `settle` then leaves unknown (null) every sum with a missing
 * part that other authorities report that year.
 */
class SumParts {
  private readonly reported = new Map<number, Set<string>>();
  private readonly gaps: { code: string; name: string; year: number; placement: string; column: string }[] =
    [];
  part(
    code: string,
    name: string,
    year: number,
    placement: string,
    column: string,
    value: number | null,
  ): void {
    if (value === null) this.gaps.push({ code, name, year, placement, column });
    else getOrSet(this.reported, year, () => new Set()).add(column);
  }
  settle(data: Sen2Data): void {
    const named = new Set<string>();
    for (const g of this.gaps) {
      if (!this.reported.get(g.year)?.has(g.column)) continue;
      data.placements.get(g.code)?.get(g.year)?.set(g.placement, null);
      const key = `${g.name} ${g.year} ${g.placement}`;
      if (!named.has(key)) {
        named.add(key);
        data.unknownSums.push(`${key}: ${g.column}`);
      }
    }
  }
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

// A sum in which a missing part makes the part unknown, but known parts still count: null only when
// every part is missing. SumParts then leaves unknown a sum whose missing part other authorities
// report that year, so a suppressed school type is never read as zero.
function addTo(map: Map<string, number | null>, key: string, value: number | null, sign = 1): void {
  const before = map.get(key);
  if (value === null) {
    if (before === undefined) map.set(key, null);
  } else map.set(key, (before ?? 0) + sign * value);
}

function register(data: Sen2Data, seen: Set<string>, ref: AuthorityRef): void {
  if (!ref.newCode || seen.has(ref.newCode)) return;
  seen.add(ref.newCode);
  data.authorities.push(ref);
}

/** The management-plan age group of a label in either layout ("Under 5", "Age 5 to 10", "Aged 11-15"), or undefined. @example ageGroupOf("Age 16 to 19") === "age16to19" */
export function ageGroupOf(label: string): AgeGroup | undefined {
  const t = label.toLowerCase();
  if (/under\s*5|0\s*(to|-|–)\s*4/.test(t)) return "under5";
  const m = /(\d+)\s*(?:to|-|–)\s*(\d+)/.exec(t);
  if (!m) return undefined;
  const key = `${m[1]}-${m[2]}`;
  return ({ "5-10": "age5to10", "11-15": "age11to15", "16-19": "age16to19", "20-25": "age20to25" } as const)[
    key as "5-10"
  ];
}

// Rows common to every file: the level, the authority (registered), the year.
function place(
  data: Sen2Data,
  seen: Set<string>,
  t: Table,
  row: string[],
  line: number,
): { level: string; code: string; name: string; region: string } {
  const level = t.get(row, "geographic_level") ?? "";
  const code = t.text(row, "new_la_code", line);
  const name = t.text(row, "la_name", line);
  const region = t.text(row, "region_name", line);
  if (level === "Local authority") {
    // An authority row names its authority: without a name or code it could be no one's.
    const blank = [
      ["la_name", name],
      ["new_la_code", code],
    ].find(([, v]) => (v ?? "").trim() === "");
    if (blank)
      throw new Sen2FileError(
        `${t.file} line ${line}: ${blank[0]} is empty on a Local authority row: download the file again`,
      );
    register(data, seen, { name, newCode: code, oldCode: t.text(row, "old_la_code", line), region });
  }
  return { level, code, name, region };
}

// One flow file (new plans or requests): the authority total of each calendar year.
function readFlow(
  data: Sen2Data,
  seen: Set<string>,
  into: Map<string, YearMap<number | null>>,
  t: Table,
  valueColumn: string,
  isTotal: (row: string[]) => boolean,
  what: string,
): void {
  t.rows.forEach((row, i) => {
    if (!isTotal(row)) return;
    const line = t.lines[i] as number;
    const year = t.year(row, line);
    const { level, code, name } = place(data, seen, t, row, line);
    if (level !== "Local authority") return;
    t.unique(`${code}\u0000${year}`, line);
    const value = t.count(row, valueColumn, line);
    if (value === null) data.missingCells.push(`${name} ${year} ${what}`);
    getOrSet(into, code, () => new Map()).set(year, value);
  });
}

/** Parses the 2022 release (establishment caseload; optionally the age caseload and new plans). @example parseSen2_2022({ estab: text }) */
export function parseSen2_2022(files: { estab: string; age?: string; newPlans?: string }): Sen2Data {
  const data = emptyData("2022");
  const seen = new Set<string>();
  const parts = new SumParts();
  const t = table(files.estab, "sen2_estab_caseload.csv", [
    "time_period",
    "geographic_level",
    "new_la_code",
    "la_name",
    "establishment_type",
    "establishment_group",
    "Total_all",
  ]);
  data.files.push(t.file);
  t.rows.forEach((row, i) => {
    const line = t.lines[i] as number;
    const year = t.year(row, line);
    const type = t.get(row, "establishment_type") ?? "";
    const group = t.get(row, "establishment_group") ?? "";
    const { level, code, name, region } = place(data, seen, t, row, line);
    t.unique([level, code, region, year, type, group].join("\u0000"), line);
    const value = t.count(row, "Total_all", line);
    const grand = type === "Total" && group === "Total";
    if (level === "National" && grand) {
      if (value !== null) data.national.set(year, value);
      return;
    }
    if (level === "National" && type !== "Total") {
      addTo(
        getOrSet(data.nationalPlacements, year, () => new Map()),
        placementOfEstablishment(type),
        value,
      );
      return;
    }
    if (level === "Regional" && grand) {
      if (value !== null) getOrSet(data.regions, region, () => new Map()).set(year, value);
      return;
    }
    if (level !== "Local authority") return;
    if (type === "Total") {
      // Group subtotals repeat their establishment rows: only the grand total is kept.
      if (grand) getOrSet(data.totals, code, () => new Map()).set(year, value);
      return;
    }
    if (value === null) data.missingCells.push(`${name} ${year} ${type}`);
    parts.part(code, name, year, placementOfEstablishment(type), type, value);
    addTo(
      getOrSet(
        getOrSet(data.placements, code, () => new Map()),
        year,
        () => new Map(),
      ),
      placementOfEstablishment(type),
      value,
    );
  });
  if (files.age) {
    const a = table(files.age, "sen2_age_caseload.csv", [
      "time_period",
      "geographic_level",
      "new_la_code",
      "characteristic_age",
      "Total_all",
    ]);
    data.files.push(a.file);
    a.rows.forEach((row, i) => {
      const line = a.lines[i] as number;
      const year = a.year(row, line);
      const { level, code, name } = place(data, seen, a, row, line);
      if (level !== "Local authority") return;
      const group = ageGroupOf(a.get(row, "characteristic_age") ?? "");
      if (!group) return;
      a.unique(`${code}\u0000${year}\u0000${group}`, line);
      const value = a.count(row, "Total_all", line);
      if (value === null) data.missingCells.push(`${name} ${year} ${AGE_GROUPS[group]}`);
      getOrSet(
        getOrSet(data.ages, code, () => new Map()),
        year,
        () => new Map(),
      ).set(group, value);
    });
  }
  if (files.newPlans) {
    const n = table(files.newPlans, "sen2_estab_new_plans.csv", [
      "time_period",
      "geographic_level",
      "new_la_code",
      "establishment_type",
      "establishment_group",
      "Total_new_all",
    ]);
    data.files.push(n.file);
    readFlow(
      data,
      seen,
      data.newPlans,
      n,
      "Total_new_all",
      (row) => n.get(row, "establishment_type") === "Total" && n.get(row, "establishment_group") === "Total",
      "new plans",
    );
  }
  parts.settle(data);
  return data;
}

/** Census year of a time_period: "201819" (academic year 2018/19) is the January 2019 census; "2022" is 2022. @example censusYearOf("201819") === 2019 */
export function censusYearOf(period: string): number {
  const p = period.trim();
  return /^\d{6}$/.test(p) ? Number(p.slice(0, 4)) + 1 : Number(p);
}

// In the 2023+ layout each file has a breakdown_topic; the whole-population rows are those whose
// breakdown repeats the topic ("All EHC plans" / "All EHC plans") or say "Total".
function isWhole(t: Table, row: string[]): boolean {
  if (!t.has("breakdown_topic")) return true;
  const topic = (t.get(row, "breakdown_topic") ?? "").trim().toLowerCase();
  const breakdown = (t.get(row, "breakdown") ?? "").trim().toLowerCase();
  return topic === "total" || breakdown === "total" || topic === breakdown;
}

/** Parses the 2023+ release: caseload.csv, and optionally newplans.csv, requests.csv, ceased_plans.csv and sen_needs_all_plans.csv. @example parseSen2_2023({ caseload: text }).authorities.length */
export function parseSen2_2023(files: {
  caseload: string;
  newPlans?: string;
  requests?: string;
  ceased?: string;
  needs?: string;
}): Sen2Data {
  const data = emptyData("2023");
  const seen = new Set<string>();
  const sums = new SumParts();
  const t = table(files.caseload, "caseload.csv", [
    "time_period",
    "geographic_level",
    "new_la_code",
    "la_name",
    "ehcplans",
  ]);
  data.files.push(t.file);
  const columns = [
    ...new Set(Object.values(SEN2_2023_COLUMNS).flatMap((parts) => parts.map(([c]) => c))),
  ].filter((c) => c !== "@total");
  const absent = columns.filter((c) => !t.has(c));
  if (absent.length)
    throw new Sen2FileError(
      `caseload.csv lacks the establishment column${absent.length > 1 ? "s" : ""} ${absent.join(", ")}: is it the 2023+ layout of the DfE release?`,
    );
  t.rows.forEach((row, i) => {
    const line = t.lines[i] as number;
    const year = t.year(row, line, true);
    const topic = (t.get(row, "breakdown_topic") ?? "").trim();
    const breakdown = (t.get(row, "breakdown") ?? "").trim();
    const { level, code, name, region } = place(data, seen, t, row, line);
    t.unique([level, code, region, year, topic, breakdown].join("\u0000"), line);
    const total = t.count(row, "ehcplans", line);
    const whole = isWhole(t, row);
    if (level === "National" && whole) {
      if (total !== null) data.national.set(year, total);
      data.nationalPlacements.set(year, columnSums(t, row, line, total));
      return;
    }
    if (level === "Regional" && whole) {
      if (total !== null) getOrSet(data.regions, region, () => new Map()).set(year, total);
      return;
    }
    if (level !== "Local authority") return;
    if (!whole) {
      // Age rows appear from 202324 on, under "Child or young persons age": the current age, one row
      // a year of age in the 2025 release ("age 10"), or a band. "Age when plan started" is not it.
      if (!/\bage\b/i.test(topic) || /start|when|ceased/i.test(topic)) return;
      const band = ageGroupOf(breakdown);
      const group = band ?? singleAgeGroup(breakdown);
      if (group) {
        if (total === null) data.missingCells.push(`${name} ${year} ${band ? AGE_GROUPS[group] : breakdown}`);
        const ages = getOrSet(
          getOrSet(data.ages, code, () => new Map()),
          year,
          () => new Map(),
        );
        // Single years add up to their band; one missing year leaves the band unknown (never short).
        if (band) ages.set(group, total);
        else {
          const before = ages.get(group);
          ages.set(group, total === null || before === null ? null : (before ?? 0) + total);
        }
      }
      return;
    }
    getOrSet(data.totals, code, () => new Map()).set(year, total);
    // "x" before January 2023 is "not collected", not a suppressed count: only later years are kept.
    if (t.has("placement_unknown") && year >= 2023)
      getOrSet(data.unknownPlacements, code, () => new Map()).set(
        year,
        t.count(row, "placement_unknown", line),
      );
    const counts = getOrSet(
      getOrSet(data.placements, code, () => new Map()),
      year,
      () => new Map<string, number | null>(),
    );
    for (const [placement, parts] of Object.entries(SEN2_2023_COLUMNS)) {
      let sum = 0;
      let missing = false;
      let known = false;
      const residual = parts.some(([, sign]) => sign < 0);
      for (const [column, sign] of parts) {
        const v = column === "@total" ? total : t.count(row, column, line);
        if (!residual) sums.part(code, name, year, placement, column, v);
        if (v === null) {
          missing = true;
          data.missingCells.push(`${name} ${year} ${column === "@total" ? "ehcplans" : column}`);
        } else {
          known = true;
          sum += sign * v;
        }
      }
      // A residual with an unknown part is unknown; a sum of parts keeps its known parts unless
      // other authorities report the missing one (SumParts).
      counts.set(placement, (residual && missing) || !known ? null : sum);
    }
    // From 2023 (person-level records) some plans have no placement recorded: they are in the total
    // and in no type, so they come out of "other" (the remainder) and are kept apart.
    if (t.has("placement_unknown")) {
      // Read above into unknownPlacements (from January 2023; "x" before it is "not collected").
      const unknown = data.unknownPlacements.get(code)?.get(year) ?? null;
      const other = counts.get("other");
      if (unknown !== null && other !== null && other !== undefined) counts.set("other", other - unknown);
    }
  });
  settleUnknownPlacements(data);
  const flows = [
    [files.newPlans, "newplans.csv", "new_ehc_plans", data.newPlans, "new plans"],
    [files.requests, "requests.csv", "requests_received_in_year", data.requests, "requests"],
  ] as const;
  for (const [text, file, column, into, what] of flows) {
    if (text === undefined) continue;
    const f = table(text, file, ["time_period", "geographic_level", "new_la_code", column]);
    data.files.push(f.file);
    readFlow(data, seen, into, f, column, (row) => isWhole(f, row), what);
  }
  // Plans ceased and primary needs (2025 release on): their authorities are the caseload's.
  const extra = [
    [
      files.ceased,
      "ceased_plans.csv",
      CEASED_COLUMNS,
      (x: Table) => {
        data.ceased = ceasedFrom(
          x,
          (row, line) => place(data, seen, x, row, line),
          (row) => isWhole(x, row),
        );
      },
    ],
    [
      files.needs,
      "sen_needs_all_plans.csv",
      NEEDS_COLUMNS,
      (x: Table) => {
        data.needs = needsFrom(
          x,
          (row, line) => place(data, seen, x, row, line),
          (row) => isWhole(x, row),
          data.missingCells,
        );
      },
    ],
  ] as const;
  for (const [text, file, required, read] of extra) {
    if (text === undefined) continue;
    const x = table(text, file, required);
    data.files.push(x.file);
    read(x);
  }
  sums.settle(data);
  return data;
}

// A year in which some authority reports placement_unknown had the column: an authority whose cell
// is suppressed there has an unknown remainder ("other"), never one that silently holds them.
function settleUnknownPlacements(data: Sen2Data): void {
  const byCode = data.unknownPlacements;
  const reported = new Set<number>();
  for (const years of byCode.values()) for (const [y, v] of years) if (v !== null) reported.add(y);
  for (const [code, years] of byCode)
    for (const [y, v] of years) {
      if (v !== null || !reported.has(y)) continue;
      const counts = data.placements.get(code)?.get(y);
      if (!counts) continue;
      counts.set("other", null);
      const name = data.authorities.find((a) => a.newCode === code)?.name ?? code;
      data.missingCells.push(`${name} ${y} placement_unknown`);
      data.unknownSums.push(`${name} ${y} other: placement_unknown`);
    }
}

// England's placement counts from its whole-population row, by the same column sums as an
// authority's (a sum with a missing part is unknown: England's rows suppress nothing in practice).
// Plans whose placement is unknown (from January 2023: 12,127, 6,724, 19,339) are a recording
// artefact, not a type: they are kept apart as "unknown" and out of other placements' trend, which
// they would double (England's other 35,270 → 73,613 in 2022–2025 with them, 54,274 without).
function columnSums(t: Table, row: string[], line: number, total: number | null): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [placement, parts] of Object.entries(SEN2_2023_COLUMNS)) {
    let sum: number | null = 0;
    for (const [column, sign] of parts) {
      const v = column === "@total" ? total : t.count(row, column, line);
      sum = v === null || sum === null ? null : sum + sign * v;
    }
    out.set(placement, sum);
  }
  const unknown = t.has("placement_unknown") ? cellValue(t.get(row, "placement_unknown")) : null;
  const other = out.get("other");
  if (unknown !== null && other !== null && other !== undefined) {
    out.set("other", other - unknown);
    out.set("unknown", unknown);
  }
  return out;
}

/** Reads a file as UTF-8 text, refusing other encodings (a Latin-1 export would mangle authority names). */
async function readUtf8(path: string): Promise<string> {
  // The largest DfE file is about 12 MB; a file far larger is not the statistics, and would exhaust
  // memory. A FIFO or a device (a link to /dev/zero) would never end: the same check as a scenario's.
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, MAX_SEN2_BYTES);
  } catch (error) {
    if (!(error instanceof NotARegularFile)) throw error;
    throw new Sen2FileError(
      error.why === "too-large"
        ? `${basename(path)} is ${(error.size / 1024 ** 2).toFixed(0)} MB; DfE SEN2 files are under ${MAX_SEN2_BYTES / 1024 ** 2} MB: is it the right file?`
        : `${path} is not a regular file (a folder, pipe or device): give the CSV file downloaded from ${SEN2_SOURCE}`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Sen2FileError(
      `${basename(path)} is not UTF-8 text (DfE publishes UTF-8; was it re-saved in another encoding, e.g. by Excel?)`,
    );
  }
}

/** The largest SEN2 file read (the 2022 release's biggest file is about 12 MB). */
export const MAX_SEN2_BYTES = 200 * 1024 ** 2;

/** Where users download the statistics, named in every message about a missing file. */
export const SEN2_SOURCE =
  'DfE, "Education, health and care plans" (explore-education-statistics.service.gov.uk, "Download all data")';

/** Reads a folder of SEN2 files in either layout. @example await readSen2Dir("../shared/data/sen2-2022") */
export async function readSen2Dir(dir: string): Promise<Sen2Data> {
  const at = (name: string) => join(dir, name);
  const optional = async (name: string) => (existsSync(at(name)) ? await readUtf8(at(name)) : undefined);
  const drop = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
      [K in keyof T]: Exclude<T[K], undefined>;
    };
  if (existsSync(at("sen2_estab_caseload.csv")))
    return parseSen2_2022({
      estab: await readUtf8(at("sen2_estab_caseload.csv")),
      ...drop({
        age: await optional("sen2_age_caseload.csv"),
        newPlans: await optional("sen2_estab_new_plans.csv"),
      }),
    });
  if (existsSync(at("caseload.csv")))
    return parseSen2_2023({
      caseload: await readUtf8(at("caseload.csv")),
      ...drop({
        newPlans: await optional("newplans.csv"),
        requests: await optional("requests.csv"),
        ceased: await optional("ceased_plans.csv"),
        needs: await optional("sen_needs_all_plans.csv"),
      }),
    });
  const found = statSync(dir, { throwIfNoEntry: false });
  if (!found) throw new Sen2FileError(`${dir} does not exist: give the folder of the DfE SEN2 statistics`);
  if (!found.isDirectory())
    throw new Sen2FileError(`${dir} is a file, not a folder: give the folder that holds the SEN2 CSV files`);
  throw new Sen2FileError(
    `${dir} holds no DfE SEN2 statistics: expected sen2_estab_caseload.csv (2022 release) or caseload.csv (2023+ release), from ${SEN2_SOURCE}`,
  );
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** The outcome of looking an authority up. */
export type AuthorityLookup =
  | {
      ok: true;
      authority: AuthorityRef;
      /**
       * Where the name or old code also names other authorities (one reorganised away, such as
       * Dorset's county before 2019): the one chosen is the one with the latest census, and this
       * says which others there are and how to ask for them.
       */
      note?: string;
    }
  | { ok: false; message: string; suggestions: string[] };

/** Finds an authority by name (any case or punctuation; a unique prefix such as "Bristol" works), new code (E06000023) or old code (801). @example findAuthority(data, "Bristol") */
export function findAuthority(data: Sen2Data, query: string): AuthorityLookup {
  const q = norm(query);
  const exact = data.authorities.filter(
    (a) =>
      norm(a.name) === q ||
      a.newCode.toLowerCase() === query.trim().toLowerCase() ||
      a.oldCode === query.trim(),
  );
  if (exact.length) {
    // A name or old code can outlive a reorganisation (Dorset, Buckinghamshire): the current
    // authority is the one with the latest census, and the others are named, never silently dropped.
    const years = (a: AuthorityRef) => [...(data.totals.get(a.newCode)?.keys() ?? [])].sort((x, y) => x - y);
    const span = (a: AuthorityRef) => {
      const y = years(a);
      return y.length ? (y.length > 1 ? `${y[0]}–${y.at(-1)}` : `${y[0]}`) : "no census";
    };
    const latest = (a: AuthorityRef) => years(a).at(-1) ?? -1;
    const [chosen, ...others] = [...exact].sort((x, y) => latest(y) - latest(x));
    const authority = chosen as AuthorityRef;
    if (!others.length) return { ok: true, authority };
    return {
      ok: true,
      authority,
      note: `"${query}" names ${exact.length} authorities in the statistics: ${authority.name} (${authority.newCode}, ${authority.oldCode}; census ${span(authority)}) is used, the one with the latest census; ${others.map((a) => `${a.name} (${a.newCode}, ${a.oldCode}; census ${span(a)})`).join("; ")} ${others.length > 1 ? "are" : "is"} another: give its new code (${others.map((a) => a.newCode).join(", ")}) to import it. Their figures are not combined.`,
    };
  }
  if ([...data.regions.keys()].some((r) => norm(r) === q) || q === "england")
    return {
      ok: false,
      suggestions: [],
      message: `"${query}" is ${q === "england" ? "the national total" : "a region"}, not a local authority: name an authority, e.g. one of its boroughs or counties`,
    };
  const starts = data.authorities.filter(
    (a) => norm(a.name).startsWith(q) || norm(a.name).split(" ").includes(q),
  );
  if (starts.length === 1 && starts[0]) return { ok: true, authority: starts[0] };
  // Two authorities of one name (a county before and after a reorganisation) are told apart by code.
  const named = (a: AuthorityRef) =>
    data.authorities.filter((b) => b.name === a.name).length > 1 ? `${a.name} (${a.newCode})` : a.name;
  const suggestions = (starts.length > 1 ? starts : data.authorities)
    .map((a) => ({ a, d: editDistance(q, norm(a.name)) }))
    .sort((x, y) => x.d - y.d || x.a.name.localeCompare(y.a.name))
    .slice(0, 5)
    .map((x) => named(x.a));
  return {
    ok: false,
    suggestions,
    message: `${starts.length > 1 ? `"${query}" matches ${starts.length} authorities` : `no authority "${query}" in the statistics`}; closest: ${suggestions.join("; ")}`,
  };
}

/** One authority's history, per placement type and age group, with its flows and what was missing. */
export interface AuthorityHistory {
  authority: AuthorityRef;
  layout: Sen2Layout;
  files: string[];
  years: number[];
  total: (number | null)[];
  byPlacement: {
    id: string;
    label: string;
    category: (typeof SEN2_PLACEMENTS)[number]["category"];
    counts: (number | null)[];
  }[];
  byAge: Record<AgeGroup, (number | null)[]>;
  /** Calendar year → new EHC plans made in the year, and requests received (where the release has them). */
  newPlans: Map<number, number | null>;
  requests: Map<number, number | null>;
  missing: { count: number; cells: string[] };
  /** Placement counts left unknown because a part other authorities report is missing ("2022 special: special_la_maintained"). */
  unknownSums: string[];
  /** Years absent in the middle of the series, and known breaks in the statistics. */
  breaks: string[];
  /** EHCPs whose placement was not recorded, by year (2023+ layout; null where the release has no such column). */
  placementUnknown: (number | null)[];
  /** Calendar year → plans ceased (ceased_plans.csv), where the release has them. */
  ceased: Map<number, CeasedYear>;
  /** EHCPs by primary need at one census (sen_needs_all_plans.csv), where the release has them. */
  needs?: NeedsAtCensus;
}

/** An authority's history from parsed statistics. @example authorityHistory(data, found.authority).total */
export function authorityHistory(data: Sen2Data, authority: AuthorityRef): AuthorityHistory {
  const totals = data.totals.get(authority.newCode) ?? new Map<number, number | null>();
  const placements = data.placements.get(authority.newCode) ?? new Map();
  const ages = data.ages.get(authority.newCode) ?? new Map();
  const years = [...new Set([...totals.keys(), ...placements.keys()])].sort((a, b) => a - b);
  const breaks: string[] = [];
  for (let i = 1; i < years.length; i++) {
    const gap = (years[i] as number) - (years[i - 1] as number);
    if (gap > 1)
      breaks.push(
        `no figures for ${Array.from({ length: gap - 1 }, (_, k) => (years[i - 1] as number) + k + 1).join(", ")}`,
      );
  }
  if (data.layout === "2022" && years.some((y) => y >= 2014 && y <= 2018))
    breaks.push(
      "2014–2018: statements converted to EHC plans; counts here are statements plus plans (Total_all), a consistent series",
    );
  const prefix = `${authority.name} `;
  const cells = data.missingCells.filter((c) => c.startsWith(prefix));
  return {
    authority,
    layout: data.layout,
    files: [...data.files],
    years,
    total: years.map((y) => totals.get(y) ?? null),
    byPlacement: SEN2_PLACEMENTS.map((p) => ({
      ...p,
      counts: years.map((y) => placements.get(y)?.get(p.id) ?? null),
    })),
    byAge: Object.fromEntries(
      AGE_GROUP_KEYS.map((k) => [k, years.map((y) => ages.get(y)?.get(k) ?? null)]),
    ) as Record<AgeGroup, (number | null)[]>,
    newPlans: new Map(data.newPlans.get(authority.newCode) ?? []),
    requests: new Map(data.requests.get(authority.newCode) ?? []),
    missing: { count: cells.length, cells },
    unknownSums: data.unknownSums.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length)),
    breaks,
    placementUnknown: years.map((y) => data.unknownPlacements.get(authority.newCode)?.get(y) ?? null),
    ceased: new Map(data.ceased?.get(authority.newCode) ?? []),
    ...(data.needs?.has(authority.newCode)
      ? { needs: data.needs.get(authority.newCode) as NeedsAtCensus }
      : {}),
  };
}

/** A series as history points, missing years left out. @example historySeries(h.years, h.total) */
export function historySeries(years: readonly number[], counts: readonly (number | null)[]): HistoryPoint[] {
  return years.flatMap((year, i) =>
    counts[i] === null || counts[i] === undefined ? [] : [{ year, count: counts[i] as number }],
  );
}

/** The population whose trend a skeleton's `reference` carries (spec §10). */
export type ReferenceChoice = "national" | "region";

/** Options of a scenario skeleton. */
export interface SkeletonOptions {
  baseYear?: number;
  horizon?: number;
  /** Earliest history year kept (default: 7 years before the base). */
  firstYear?: number;
  /** The reference trend: England (default) or the authority's region. */
  reference?: ReferenceChoice;
}

/** The reference series of an authority up to a census year: England or its region. @example referenceSeries(data, bristol, "national", 2022).name === "England" */
export function referenceSeries(
  data: Sen2Data,
  authority: AuthorityRef,
  choice: ReferenceChoice,
  upTo: number,
): { name: string; history: Record<string, number> } {
  const series = choice === "region" ? data.regions.get(authority.region ?? "") : data.national;
  if (!series || series.size === 0)
    throw new Sen2FileError(
      choice === "region"
        ? `the statistics have no regional totals for ${authority.name}'s region (${authority.region || "not named"}); use --reference national`
        : "the statistics have no national totals (geographic_level National)",
    );
  const history = Object.fromEntries(
    [...series.entries()]
      .filter(([y]) => y <= upTo)
      .sort(([a], [b]) => a - b)
      .map(([y, v]) => [String(y), v]),
  );
  return { name: choice === "region" ? `${authority.region} (region)` : "England", history };
}

/** The first census whose stock changes the flows explain: the conversion of statements to EHC plans ended in March 2018. */
export const FIRST_FLOW_CENSUS = 2019;

/** What an import says beside its skeleton: the release it read, placements not recorded, the flows' identity. */
export interface SkeletonNotes {
  /** "DfE SEN2 reporting year 2025": the source every imported figure names. */
  release: string;
  /** Census years whose placement counts are left out of every type's history (too many not recorded). */
  leftOut: number[];
  /** One sentence per census with placements not recorded (2023+ layout). */
  unknownPlacements: string[];
  flows: FlowIdentityRow[];
  /** Cessation rates written from ceased_plans.csv, where the release has them. */
  cessation?: CeasedRates;
}

// The caseload columns each placement type is counted from, as its source says.
function countColumns(id: string, layout: Sen2Layout): string {
  if (layout === "2022") return "sen2_estab_caseload.csv, Total_all of its establishment types";
  const parts = (SEN2_2023_COLUMNS[id] ?? []).map(([c, sign]) =>
    c === "@total" ? "ehcplans" : `${sign < 0 ? "less " : ""}${c}`,
  );
  return `caseload.csv: ${id === "other" ? `${parts.join(", ")}, less placement_unknown` : parts.join(" + ")}`;
}

/**
 * The notes of an authority's skeleton: the release, placements not recorded since the 2023 move to
 * person-level records (a year with more than UNKNOWN_PLACEMENT_LIMIT of them left out of every
 * type's history), the flows' identity, and the cessation rates ceased_plans.csv gives.
 * @example skeletonNotes(authorityHistory(data, a), 2025).unknownPlacements
 */
export function skeletonNotes(history: AuthorityHistory, baseYear: number, latest?: number): SkeletonNotes {
  const release = `DfE SEN2 reporting year ${latest ?? history.years.at(-1) ?? baseYear}`;
  const leftOut: number[] = [];
  const unknownPlacements: string[] = [];
  history.years.forEach((y, i) => {
    const unknown = history.placementUnknown[i];
    const total = history.total[i];
    if (!unknown || !total || y > baseYear) return;
    const share = unknown / total;
    const n = formatNumber(unknown);
    const pct = `${formatNumber(100 * share, 1)}%`;
    if (y === baseYear)
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded; they are in no placement type, so the placements count ${formatNumber(total - unknown)} (their cost is in no unit cost: if the s251 spend you divide pays for them too, divide it by all ${formatNumber(total)})`,
      );
    else if (share > UNKNOWN_PLACEMENT_LIMIT) {
      leftOut.push(y);
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded, more than ${formatNumber(100 * UNKNOWN_PLACEMENT_LIMIT)}%: every type's count that year is short of them, so ${y} is left out of every placement's history`,
      );
    } else
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded; in no type (the year stays in the histories, each type short of at most that)`,
      );
  });
  const flows = flowIdentity(
    history.years,
    history.total,
    history.newPlans,
    new Map([...history.ceased].map(([y, c]) => [y, c.total])),
  ).filter((r) => r.census <= baseYear);
  const cessation = ceasedRates(
    history.ceased,
    new Map(history.years.map((y, i) => [y, history.total[i] ?? null])),
    baseYear,
  );
  return { release, leftOut, unknownPlacements, flows, ...(cessation ? { cessation } : {}) };
}

/**
 * A scenario skeleton from an authority's history (issue #29: one a finance partner can finish):
 * one placement per mapped type with its base count, `history` and `growth: { method: "auto" }`,
 * each SEN2 figure with its own source in `sources`; the s251 lines beyond placements; the income;
 * the Stability Grant; the reference trend, flows, demand and the age and primary-need profiles; an
 * `uncertainty` section. What SEN2 cannot know is written as "TODO: …" naming where it comes from,
 * which `validate` and `forecast` refuse naming each one, so no forecast is made from a figure
 * nobody entered; a figure typed in without a source is marked illustrative.
 * @example scenarioSkeleton(authorityHistory(data, a), { horizon: 5 }, data)
 */
export function scenarioSkeleton(
  history: AuthorityHistory,
  options: SkeletonOptions = {},
  data?: Sen2Data,
): Record<string, unknown> {
  // An authority named only in a flow or age file has no caseload to start from.
  if (!history.years.length)
    throw new Sen2FileError(
      `${history.authority.name} (${history.authority.newCode}) has no caseload figures in ${history.files[0] ?? "the statistics"}: there is no census year to base a scenario on`,
    );
  const baseYear = options.baseYear ?? (history.years[history.years.length - 1] as number);
  const first = options.firstYear ?? baseYear - 7;
  const at = history.years.indexOf(baseYear);
  if (at < 0)
    throw new Sen2FileError(
      `${history.authority.name} has no figures for the base year ${baseYear} (census years in the statistics: ${history.years.join(", ") || "none"})`,
    );
  const fy = fyOf(baseYear);
  const latest = data?.national.size ? Math.max(...data.national.keys()) : undefined;
  const notes = skeletonNotes(history, baseYear, latest);
  const release = `${notes.release} (${history.layout === "2022" ? "2022 layout" : "2023+ layout"})`;
  const who = history.authority.name;
  const placements = history.byPlacement.flatMap((p) => {
    const past = Object.fromEntries(
      history.years.flatMap((y, i) =>
        y >= first && y < baseYear && p.counts[i] !== null && !notes.leftOut.includes(y)
          ? [[String(y), p.counts[i] as number]]
          : [],
      ),
    );
    const base = p.counts[at];
    // A type the authority has never used has nothing to forecast or cost.
    if ((base ?? 0) === 0 && Object.values(past).every((v) => v === 0)) return [];
    // auto needs three census years with placements to backtest on.
    const usable = Object.values(past).filter((v) => v > 0).length + ((base ?? 0) > 0 ? 1 : 0);
    const years = Object.keys(past);
    const columns = countColumns(p.id, history.layout);
    return [
      {
        id: p.id,
        label: p.label,
        category: p.category,
        count:
          base === null
            ? todo(
                `the January ${baseYear} count (suppressed in the statistics), from the authority's SEN2 return; give its source in sources.count`,
              )
            : base,
        unitCost: unitCostTodo(p.category, fy),
        costInflation: todo(
          "annual unit-cost inflation, e.g. 0.03 for 3% a year (the council's banding or fee uplift); give its source in sources.costInflation",
        ),
        growth:
          usable >= 3
            ? { method: "auto" }
            : todo(
                "annual growth in the count (too little history to estimate it), e.g. 0.05; give its source in sources.growth",
              ),
        history: past,
        // Each imported figure names its own source: a figure typed in later is never credited to SEN2.
        sources: {
          ...(base === null ? {} : { count: `${release}, ${columns}, ${who}, January ${baseYear}` }),
          ...(years.length
            ? {
                history: `${release}, ${columns}, ${who}, January ${years[0]}–${years.at(-1)}${notes.leftOut.some((y) => y > Number(years[0]) && y < baseYear) ? ` (${notes.leftOut.join(", ")} left out: placements not recorded)` : ""}`,
              }
            : {}),
        },
      },
    ];
  });
  const ageCounts = Object.fromEntries(
    AGE_GROUP_KEYS.flatMap((k) =>
      history.byAge[k][at] == null ? [] : [[k, history.byAge[k][at] as number]],
    ),
  );
  const flowYears = (m: Map<number, number | null>) =>
    Object.fromEntries(
      [...m.entries()]
        .filter(([y, v]) => v !== null && y >= first && y < baseYear)
        .sort(([a], [b]) => a - b)
        .map(([y, v]) => [String(y), v as number]),
    );
  const newPlans = flowYears(history.newPlans);
  const requests = flowYears(history.requests);
  const ceased = flowYears(new Map([...history.ceased].map(([y, c]) => [y, c.total])));
  // EHCP demand as flows where the release has the age profile for the base census and a year
  // before it, and new plans for the two calendar years before the base census. Censuses before
  // 2019 are left out: until March 2018 statements were being converted to plans, so the stock
  // moved by far more than new plans less cessations (North Somerset: +164 unexplained in 2018).
  const ageHistory = Object.fromEntries(
    history.years.flatMap((y, i) => {
      if (y < Math.max(first, FIRST_FLOW_CENSUS) || y > baseYear) return [];
      const row = AGE_GROUP_KEYS.map((k) => history.byAge[k][i]);
      return row.every((v) => v !== null && v !== undefined)
        ? [[String(y), Object.fromEntries(AGE_GROUP_KEYS.map((k, j) => [k, row[j] as number]))]]
        : [];
    }),
  );
  const demandReady =
    String(baseYear) in ageHistory &&
    String(baseYear - 1) in ageHistory &&
    newPlans[String(baseYear - 1)] !== undefined &&
    newPlans[String(baseYear - 2)] !== undefined;
  const reference = data
    ? referenceSeries(data, history.authority, options.reference ?? "national", baseYear)
    : undefined;
  const cessation = notes.cessation;
  const files = (...names: string[]) => names.filter((f) => history.files.includes(f)).join(", ");
  const needs = history.needs;
  const needCounts = needs
    ? Object.fromEntries(Object.entries(needs.counts).filter(([, v]) => v !== null && v !== undefined))
    : {};
  const horizon = options.horizon ?? defaultHorizon(baseYear);
  const grant = stabilityGrantBlock(baseYear, horizon);
  const thin = placements.filter((p) => Object.keys(p.history).length + 1 < 3).map((p) => p.id);
  const described = [
    `Imported from ${release} for ${who}: base census January ${baseYear} (FY ${fy}).`,
    ...notes.unknownPlacements.map(
      (n) => `Placements not recorded since the 2023 move to person-level records: ${n}.`,
    ),
  ].join(" ");
  return {
    schema: "hnb-scenario/1",
    name: `${who} from SEN2 ${history.years[0]}–${history.years[history.years.length - 1]}`,
    authority: { name: who, code: history.authority.newCode },
    description: described,
    baseYear,
    horizon,
    phasing: "academic",
    openingBalance: todo(
      `the DSG balance on 1 April ${baseYear - 1} in £, negative for a deficit: the DSG note of the council's ${fyOf(baseYear - 1)} statement of accounts, “net DSG position” at 31 March ${baseYear - 1} (the DSG unusable reserve the statutory override holds); give its source in openingBalanceSource`,
    ),
    placements,
    lines: s251Lines(fy),
    income: { ...skeletonIncome(baseYear), ...(grant ? { stabilityGrant: grant } : {}) },
    ...(reference
      ? {
          reference: {
            ...reference,
            // England's series for each type written (issue #31): each type pools towards its own trend.
            ...(data && (options.reference ?? "national") === "national"
              ? { placements: typeSeriesFor(data, baseYear, placements) }
              : {}),
            source: `${release}, ${history.layout === "2022" ? "sen2_estab_caseload.csv Total_all" : "caseload.csv ehcplans"}: ${reference.name} total EHC plans${data && (options.reference ?? "national") === "national" ? " and EHC plans by placement type (National rows, mapped as the authority's)" : ""}`,
          },
        }
      : {}),
    ...(Object.keys(newPlans).length || Object.keys(requests).length || Object.keys(ceased).length
      ? {
          flows: {
            ...(Object.keys(newPlans).length ? { newPlans } : {}),
            ...(Object.keys(requests).length ? { requests } : {}),
            ...(Object.keys(ceased).length ? { ceased } : {}),
            source: `${release} (${files("newplans.csv", "sen2_estab_new_plans.csv", "requests.csv", "ceased_plans.csv")}), ${who}; calendar years`,
          },
        }
      : {}),
    ...(demandReady
      ? {
          demand: {
            history: ageHistory,
            newPlans: { growth: { method: "auto" }, split: "estimated" },
            cessation: cessation
              ? Object.fromEntries(AGE_GROUP_KEYS.map((b) => [b, cessation.rate]))
              : "auto",
            source: `${release}, ${who}: EHCPs by age band at each census (caseload.csv current age), new plans by calendar year${cessation ? `; cessation, one rate for every band: plans ceased in ${cessation.years.join(", ")} (ceased_plans.csv total_ceased, ${formatNumber(cessation.ceased)}) less those that reached the maximum age at 20 and over (${formatNumber(cessation.agedOut)}: the projection ages them out at 25)${cessation.noAges.length ? ` (${cessation.noAges.join(", ")}: no age rows, every maximum-age cessation)` : ""}, ÷ the EHCPs at January of the same years (${formatNumber(cessation.opening)})` : ""}`,
          },
        }
      : {}),
    ...(Object.keys(ageCounts).length
      ? {
          ehcpsByAge: {
            census: baseYear,
            counts: ageCounts,
            source: `${release}, ${who}; all placement types together`,
          },
        }
      : {}),
    ...(needs && needs.census === baseYear && Object.keys(needCounts).length
      ? {
          ehcpsByNeed: {
            census: needs.census,
            counts: needCounts,
            source: `${release}, sen_needs_all_plans.csv (all EHC plans by primary need), ${who}, January ${needs.census}`,
          },
        }
      : {}),
    uncertainty: {
      paths: 2000,
      seed: 1,
      growth: "auto",
      // "auto" measures a type's noise on three census years or more; a type with fewer needs its own.
      ...(thin.length
        ? {
            placements: Object.fromEntries(
              thin.map((id) => [
                id,
                {
                  growth: {
                    distribution: "normal",
                    sd: todo(
                      "the growth rate's standard deviation a year (too little history to measure it), e.g. 0.05; say where it comes from in uncertainty.source",
                    ),
                  },
                },
              ]),
            ),
          }
        : {}),
      source: `growth: auto, each placement type's growth drawn from the spread of its own history (${release}); add costInflation and delivery distributions with their sources where you have them`,
    },
  };
}

// England's series for the placement types a skeleton writes, up to its base year.
function typeSeriesFor(
  data: Sen2Data,
  baseYear: number,
  placements: readonly { id: string }[],
): Record<string, Record<string, number>> {
  const all = typeReferences(data, baseYear);
  return Object.fromEntries(
    placements.flatMap((p) => {
      const s = all[p.id];
      return s ? [[p.id, s]] : [];
    }),
  );
}

/** The national trend as known at an origin: CAGR of the national caseload over `years` (default 3) to it, for pooled estimates. @example nationalReference(data)(2019, 5) */
export function nationalReference(data: Sen2Data): (origin: number, years?: number) => number | undefined {
  return (origin, years = 3) => {
    const now = data.national.get(origin);
    const then = data.national.get(origin - years);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / years) - 1 : undefined;
  };
}

/** Series to backtest: each authority's total caseload, or each of its placement types ("Bristol, City of / special"). @example backtestSeries(data, { level: "total" }) */
export function backtestSeries(
  data: Sen2Data,
  options: { authority?: AuthorityRef; level?: "total" | "placement" } = {},
): { key: string; points: HistoryPoint[] }[] {
  const authorities = options.authority ? [options.authority] : data.authorities;
  return authorities.flatMap((a) => {
    const h = authorityHistory(data, a);
    if (options.level === "placement")
      return h.byPlacement.map((p) => ({
        key: `${a.name} / ${p.id}`,
        points: historySeries(h.years, p.counts),
      }));
    return [{ key: a.name, points: historySeries(h.years, h.total) }];
  });
}

/** Finds an authority or throws with the closest names (for notebooks and scripts). @example requireAuthority(data, "Bristol").newCode === "E06000023" */
export function requireAuthority(data: Sen2Data, query: string): AuthorityRef {
  const found = findAuthority(data, query);
  if (found.ok) return found.authority;
  throw new Error(found.message);
}

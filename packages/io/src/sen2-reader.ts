// Readers for the DfE "Education, health and care plans" statistics (SEN2) in the two layouts users
// download from explore-education-statistics: the 2022 release (sen2_estab_caseload.csv,
// sen2_age_caseload.csv) and the 2023+ release (caseload.csv). Suppressed or not-applicable cells
// become missing (null), are counted and reported, and are never read as zero.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AGE_GROUP_KEYS, AGE_GROUPS, type AgeGroup, type HistoryPoint } from "@hnb/model";
import { placementOfEstablishment, SEN2_2023_COLUMNS, SEN2_PLACEMENTS } from "./establishment-map.js";

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

/** Parsed SEN2 statistics: per authority (by new code) and year, counts by placement type and age. */
export interface Sen2Data {
  layout: Sen2Layout;
  authorities: AuthorityRef[];
  /** authority new code → census year → placement id → count (null: every contributing cell missing). */
  placements: Map<string, YearMap<Map<string, number | null>>>;
  /** authority new code → census year → total caseload. */
  totals: Map<string, YearMap<number | null>>;
  /** authority new code → census year → age group → count. */
  ages: Map<string, YearMap<Map<AgeGroup, number | null>>>;
  /** National totals by census year (the trend pooled estimates borrow from). */
  national: YearMap<number>;
  /** Missing cells: "authority year field" for each suppressed or not-applicable value read. */
  missingCells: string[];
}

const MISSING = new Set(["x", "z", "c", ":", "..", "low", "u", ""]);

/** A cell as a number, or null when suppressed or not applicable. @example cellValue("x") === null */
export function cellValue(text: string | undefined): number | null {
  const t = (text ?? "").trim();
  if (MISSING.has(t.toLowerCase())) return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Parses CSV text (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM) into rows of fields. @example parseCsv('a,"b,c"\n1,2') */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function table(
  text: string,
  file: string,
  required: readonly string[],
): {
  get: (row: string[], col: string) => string | undefined;
  rows: string[][];
  has: (col: string) => boolean;
} {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${file} is empty`);
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const absent = required.filter((c) => !index.has(c));
  if (absent.length)
    throw new Error(
      `${file} lacks the column${absent.length > 1 ? "s" : ""} ${absent.join(", ")}: is it a DfE SEN2 file?`,
    );
  return {
    rows,
    has: (c) => index.has(c),
    get: (row, col) => {
      const i = index.get(col);
      return i === undefined ? undefined : row[i];
    },
  };
}

function emptyData(layout: Sen2Layout): Sen2Data {
  return {
    layout,
    authorities: [],
    placements: new Map(),
    totals: new Map(),
    ages: new Map(),
    national: new Map(),
    missingCells: [],
  };
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
// every part is missing, so one suppressed school type does not erase a whole placement type.
function addTo(map: Map<string, number | null>, key: string, value: number | null): void {
  const before = map.get(key);
  if (value === null) {
    if (before === undefined) map.set(key, null);
  } else map.set(key, (before ?? 0) + value);
}

function register(data: Sen2Data, seen: Set<string>, ref: AuthorityRef): void {
  if (!ref.newCode || seen.has(ref.newCode)) return;
  seen.add(ref.newCode);
  data.authorities.push(ref);
}

/** Parses the 2022 release (establishment caseload, optionally the age caseload). @example parseSen2_2022({ estab: text }) */
export function parseSen2_2022(files: { estab: string; age?: string }): Sen2Data {
  const data = emptyData("2022");
  const seen = new Set<string>();
  const t = table(files.estab, "sen2_estab_caseload.csv", [
    "time_period",
    "geographic_level",
    "new_la_code",
    "la_name",
    "establishment_type",
    "establishment_group",
    "Total_all",
  ]);
  for (const row of t.rows) {
    const year = Number(t.get(row, "time_period"));
    const level = t.get(row, "geographic_level");
    const type = t.get(row, "establishment_type") ?? "";
    const group = t.get(row, "establishment_group") ?? "";
    const value = cellValue(t.get(row, "Total_all"));
    if (level === "National" && type === "Total" && group === "Total") {
      if (value !== null) data.national.set(year, value);
      continue;
    }
    if (level !== "Local authority") continue;
    const code = t.get(row, "new_la_code") ?? "";
    register(data, seen, {
      name: t.get(row, "la_name") ?? "",
      newCode: code,
      oldCode: t.get(row, "old_la_code") ?? "",
      region: t.get(row, "region_name") ?? "",
    });
    if (type === "Total") {
      // Group subtotals repeat their establishment rows: only the grand total is kept.
      if (group === "Total") getOrSet(data.totals, code, () => new Map()).set(year, value);
      continue;
    }
    if (value === null) data.missingCells.push(`${t.get(row, "la_name")} ${year} ${type}`);
    addTo(
      getOrSet(
        getOrSet(data.placements, code, () => new Map()),
        year,
        () => new Map(),
      ),
      placementOfEstablishment(type),
      value,
    );
  }
  if (files.age) {
    const a = table(files.age, "sen2_age_caseload.csv", [
      "time_period",
      "geographic_level",
      "new_la_code",
      "characteristic_age",
      "Total_all",
    ]);
    const byLabel = new Map(AGE_GROUP_KEYS.map((k) => [AGE_GROUPS[k].toLowerCase(), k]));
    for (const row of a.rows) {
      if (a.get(row, "geographic_level") !== "Local authority") continue;
      const group = byLabel.get((a.get(row, "characteristic_age") ?? "").toLowerCase());
      if (!group) continue;
      const value = cellValue(a.get(row, "Total_all"));
      const code = a.get(row, "new_la_code") ?? "";
      const year = Number(a.get(row, "time_period"));
      if (value === null) data.missingCells.push(`${a.get(row, "la_name")} ${year} ${AGE_GROUPS[group]}`);
      getOrSet(
        getOrSet(data.ages, code, () => new Map()),
        year,
        () => new Map(),
      ).set(group, value);
    }
  }
  return data;
}

/** Census year of a time_period: "201819" (academic year 2018/19) is the January 2019 census; "2022" is 2022. @example censusYearOf("201819") === 2019 */
export function censusYearOf(period: string): number {
  const p = period.trim();
  return /^\d{6}$/.test(p) ? Number(p.slice(0, 4)) + 1 : Number(p);
}

/** Parses the 2023+ release's caseload.csv. @example parseSen2_2023(text).authorities.length */
export function parseSen2_2023(caseload: string): Sen2Data {
  const data = emptyData("2023");
  const seen = new Set<string>();
  const t = table(caseload, "caseload.csv", [
    "time_period",
    "geographic_level",
    "new_la_code",
    "la_name",
    "ehcplans",
  ]);
  const byLabel = new Map(AGE_GROUP_KEYS.map((k) => [AGE_GROUPS[k].toLowerCase(), k]));
  const columns = Object.keys(SEN2_2023_COLUMNS).filter((c) => t.has(c));
  for (const row of t.rows) {
    const year = censusYearOf(t.get(row, "time_period") ?? "");
    const level = t.get(row, "geographic_level");
    const topic = (t.get(row, "breakdown_topic") ?? "Total").trim();
    const breakdown = (t.get(row, "breakdown") ?? "Total").trim();
    const total = cellValue(t.get(row, "ehcplans"));
    if (level === "National" && topic === "Total") {
      if (total !== null) data.national.set(year, total);
      continue;
    }
    if (level !== "Local authority") continue;
    const code = t.get(row, "new_la_code") ?? "";
    const name = t.get(row, "la_name") ?? "";
    register(data, seen, {
      name,
      newCode: code,
      oldCode: t.get(row, "old_la_code") ?? "",
      region: t.get(row, "region_name") ?? "",
    });
    if (topic.toLowerCase() === "age") {
      const group = byLabel.get(breakdown.toLowerCase());
      if (group) {
        if (total === null) data.missingCells.push(`${name} ${year} ${AGE_GROUPS[group]}`);
        getOrSet(
          getOrSet(data.ages, code, () => new Map()),
          year,
          () => new Map(),
        ).set(group, total);
      }
      continue;
    }
    if (topic !== "Total") continue;
    getOrSet(data.totals, code, () => new Map()).set(year, total);
    const counts = getOrSet(
      getOrSet(data.placements, code, () => new Map()),
      year,
      () => new Map<string, number | null>(),
    );
    let mapped = 0;
    let complete = true;
    for (const c of columns) {
      const v = cellValue(t.get(row, c));
      if (v === null) {
        complete = false;
        data.missingCells.push(`${name} ${year} ${c}`);
      } else mapped += v;
      addTo(counts, SEN2_2023_COLUMNS[c] as string, v);
    }
    // Mainstream totals include resourced provision and SEN units where those are given separately.
    const rp = counts.get("resourced");
    const ms = counts.get("mainstream");
    if (rp != null && ms != null) {
      counts.set("mainstream", ms - rp);
      mapped -= rp;
    }
    if (!columns.includes("other_total"))
      counts.set("other", total !== null && complete ? total - mapped : null);
  }
  return data;
}

/** Reads a folder of SEN2 files in either layout. @example await readSen2Dir("../shared/data/sen2-2022") */
export async function readSen2Dir(dir: string): Promise<Sen2Data> {
  const estab = join(dir, "sen2_estab_caseload.csv");
  const age = join(dir, "sen2_age_caseload.csv");
  const caseload = join(dir, "caseload.csv");
  if (existsSync(estab))
    return parseSen2_2022({
      estab: await readFile(estab, "utf8"),
      ...(existsSync(age) ? { age: await readFile(age, "utf8") } : {}),
    });
  if (existsSync(caseload)) return parseSen2_2023(await readFile(caseload, "utf8"));
  throw new Error(
    `${dir} holds no DfE SEN2 statistics: expected sen2_estab_caseload.csv (2022 release) or caseload.csv (2023+ release), from explore-education-statistics.service.gov.uk, "Education, health and care plans"`,
  );
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

/** The outcome of looking an authority up. */
export type AuthorityLookup =
  | { ok: true; authority: AuthorityRef }
  | { ok: false; message: string; suggestions: string[] };

/** Finds an authority by name (any case or punctuation; a unique prefix such as "Bristol" works), new code (E06000023) or old code (801). @example findAuthority(data, "Bristol") */
export function findAuthority(data: Sen2Data, query: string): AuthorityLookup {
  const q = norm(query);
  const exact = data.authorities.find(
    (a) =>
      norm(a.name) === q ||
      a.newCode.toLowerCase() === query.trim().toLowerCase() ||
      a.oldCode === query.trim(),
  );
  if (exact) return { ok: true, authority: exact };
  const starts = data.authorities.filter(
    (a) => norm(a.name).startsWith(q) || norm(a.name).split(" ").includes(q),
  );
  if (starts.length === 1 && starts[0]) return { ok: true, authority: starts[0] };
  const suggestions = (starts.length > 1 ? starts : data.authorities)
    .map((a) => ({ a, d: distance(q, norm(a.name)) }))
    .sort((x, y) => x.d - y.d || x.a.name.localeCompare(y.a.name))
    .slice(0, 5)
    .map((x) => x.a.name);
  return {
    ok: false,
    suggestions,
    message: `${starts.length > 1 ? `"${query}" matches ${starts.length} authorities` : `no authority "${query}" in the statistics`}; closest: ${suggestions.join("; ")}`,
  };
}

/** One authority's history, per placement type and age group, with what was missing. */
export interface AuthorityHistory {
  authority: AuthorityRef;
  layout: Sen2Layout;
  years: number[];
  total: (number | null)[];
  byPlacement: {
    id: string;
    label: string;
    category: (typeof SEN2_PLACEMENTS)[number]["category"];
    counts: (number | null)[];
  }[];
  byAge: Record<AgeGroup, (number | null)[]>;
  missing: { count: number; cells: string[] };
  /** Years absent in the middle of the series, and known breaks in the statistics. */
  breaks: string[];
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
    years,
    total: years.map((y) => totals.get(y) ?? null),
    byPlacement: SEN2_PLACEMENTS.map((p) => ({
      ...p,
      counts: years.map((y) => placements.get(y)?.get(p.id) ?? null),
    })),
    byAge: Object.fromEntries(
      AGE_GROUP_KEYS.map((k) => [k, years.map((y) => ages.get(y)?.get(k) ?? null)]),
    ) as Record<AgeGroup, (number | null)[]>,
    missing: { count: cells.length, cells },
    breaks,
  };
}

/** A series as history points, missing years left out. @example historySeries(h.years, h.total) */
export function historySeries(years: readonly number[], counts: readonly (number | null)[]): HistoryPoint[] {
  return years.flatMap((year, i) =>
    counts[i] === null || counts[i] === undefined ? [] : [{ year, count: counts[i] as number }],
  );
}

/** Options of a scenario skeleton. */
export interface SkeletonOptions {
  baseYear?: number;
  horizon?: number;
  /** Earliest history year kept (default: 7 years before the base). */
  firstYear?: number;
}

/**
 * A scenario skeleton from an authority's history: one placement per mapped type with its base
 * count, `history` and `growth: { method: "auto" }`; unit costs and income are left for the user
 * (SEN2 has no money), and say so in their `source`.
 * @example scenarioSkeleton(authorityHistory(data, a), { horizon: 5 })
 */
export function scenarioSkeleton(
  history: AuthorityHistory,
  options: SkeletonOptions = {},
): Record<string, unknown> {
  const baseYear = options.baseYear ?? (history.years[history.years.length - 1] as number);
  const first = options.firstYear ?? baseYear - 7;
  const at = history.years.indexOf(baseYear);
  if (at < 0)
    throw new Error(
      `${history.authority.name} has no figures for the base year ${baseYear} (years: ${history.years.join(", ")})`,
    );
  const release = `DfE SEN2 ${history.layout} release (explore-education-statistics), ${history.authority.name}`;
  const ageTotal = AGE_GROUP_KEYS.reduce((a, k) => a + (history.byAge[k][at] ?? 0), 0);
  let ageSplit: Record<string, number> | undefined;
  if (ageTotal > 0 && AGE_GROUP_KEYS.every((k) => history.byAge[k][at] !== null)) {
    ageSplit = {};
    let used = 0;
    AGE_GROUP_KEYS.forEach((k, i) => {
      const share =
        i === AGE_GROUP_KEYS.length - 1
          ? 1 - used
          : Math.round(((history.byAge[k][at] as number) / ageTotal) * 1e6) / 1e6;
      used += share;
      (ageSplit as Record<string, number>)[k] = Math.round(share * 1e6) / 1e6;
    });
  }
  const placements = history.byPlacement.map((p) => {
    const past = Object.fromEntries(
      history.years.flatMap((y, i) =>
        y >= first && y < baseYear && p.counts[i] !== null ? [[String(y), p.counts[i] as number]] : [],
      ),
    );
    // auto needs three census years with placements to backtest on; fewer, and growth is left at 0 for the user.
    const usable = Object.values(past).filter((v) => v > 0).length + ((p.counts[at] ?? 0) > 0 ? 1 : 0);
    return {
      id: p.id,
      label: p.label,
      category: p.category,
      count: p.counts[at] ?? 0,
      unitCost: 0,
      growth: usable >= 3 ? { method: "auto" } : 0,
      history: past,
      ...(ageSplit ? { ageSplit } : {}),
      source: `${release}; unit cost: ENTER FROM LOCAL BUDGET${p.counts[at] === null ? "; base count missing (suppressed) in the statistics" : ""}${usable >= 3 ? "" : "; growth: ENTER (too little history for auto)"}${ageSplit ? "; ageSplit: the authority's whole caseload" : ""}`,
    };
  });
  return {
    schema: "hnb-scenario/1",
    name: `${history.authority.name} from SEN2 ${history.years[0]}–${history.years[history.years.length - 1]}`,
    authority: { name: history.authority.name, code: history.authority.newCode },
    baseYear,
    horizon: options.horizon ?? 5,
    phasing: "academic",
    openingBalance: 0,
    openingBalanceSource: "ENTER: the DSG reserve on 1 April of the base financial year",
    placements,
    income: { hnb: { amount: 0, growth: 0, source: "ENTER: the High Needs Block allocation" } },
  };
}

/** The national trend as known at an origin: CAGR of the national caseload over the 3 years to it, for pooled estimates. @example nationalReference(data)(2019) */
export function nationalReference(data: Sen2Data): (origin: number) => number | undefined {
  return (origin) => {
    const now = data.national.get(origin);
    const then = data.national.get(origin - 3);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / 3) - 1 : undefined;
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

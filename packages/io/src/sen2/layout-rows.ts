// What the readers of both layouts do with a row: find its authority (registering it), read a flow
// file's authority totals, read an age label, and add placement counts whose parts may be
// suppressed without ever reading a missing part as zero.
import type { AgeGroup } from "@hnb/model";
import { type Table, table } from "./csv-table.js";
import { getOrSet, register, type Sen2Data, type YearMap } from "./sen2-data.js";
import { Sen2FileError } from "./sen2-error.js";

/**
 * The parts of placement sums as they are read: which columns some authority reports each year, and
 * the parts missing for one authority. `settle` then leaves unknown (null) every sum with a missing
 * part that other authorities report that year.
 * @example new SumParts().settle(data)
 */
export class SumParts {
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

/**
 * Adds a signed part to a placement sum. A missing part makes the part unknown, but known parts still
 * count: null only when every part is missing. SumParts then leaves unknown a sum whose missing part
 * other authorities report that year, so a suppressed school type is never read as zero.
 * @example addTo(new Map(), "special", 5)
 */
export function addTo(map: Map<string, number | null>, key: string, value: number | null, sign = 1): void {
  const before = map.get(key);
  if (value === null) {
    if (before === undefined) map.set(key, null);
  } else map.set(key, (before ?? 0) + sign * value);
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

/** Census year of a time_period: "201819" (academic year 2018/19) is the January 2019 census; "2022" is 2022. @example censusYearOf("201819") === 2019 */
export function censusYearOf(period: string): number {
  const p = period.trim();
  return /^\d{6}$/.test(p) ? Number(p.slice(0, 4)) + 1 : Number(p);
}

/** A row's level, authority (registered as it goes) and region, common to every SEN2 file. @example place(data, new Set(), {} as Parameters<typeof place>[2], [], 2).level */
export function place(
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

/** Reads one flow file (new plans or requests): each authority's total of each calendar year. @example readFlow(data, new Set(), data.newPlans, {} as Parameters<typeof readFlow>[3], "new_ehc_plans", () => true, "new plans") */
export function readFlow(
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

/** Reads one file of a release into a table, naming it among the files read (the import's source line). @example readTable(data, text, "caseload.csv", ["time_period"]).rows.length */
export function readTable(data: Sen2Data, text: string, file: string, required: readonly string[]): Table {
  const t = table(text, file, required);
  data.files.push(t.file);
  return t;
}

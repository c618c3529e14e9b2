// The 2023+ release layout (caseload.csv, newplans.csv, requests.csv, and from 2025
// ceased_plans.csv and sen_needs_all_plans.csv): one row per authority and year with a column per
// establishment type, breakdowns by age and more beside the whole-population rows, and from January
// 2023 plans whose placement is not recorded, kept apart from every type.
import { AGE_GROUPS } from "@hnb/model";
import { cellValue, PLACE_COLUMNS, type Table } from "./csv-table.js";
import { SEN2_2023_COLUMNS } from "./establishment-map.js";
import { ageGroupOf, place, readFlow, readTable, SumParts } from "./layout-rows.js";
import { emptyData, getOrSet, type Sen2Data } from "./sen2-data.js";
import { Sen2FileError } from "./sen2-error.js";
import { CEASED_COLUMNS, ceasedFrom, NEEDS_COLUMNS, needsFrom, singleAgeGroup } from "./sen2-flows.js";

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
  const t = readTable(data, files.caseload, "caseload.csv", [...PLACE_COLUMNS, "la_name", "ehcplans"]);
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
    const f = readTable(data, text, file, [...PLACE_COLUMNS, column]);
    readFlow(data, seen, into, f, column, (row) => isWhole(f, row), what);
  }
  // Plans ceased and primary needs (2025 release on): their authorities are the caseload's.
  const where = (x: Table) => (row: string[], line: number) => place(data, seen, x, row, line);
  if (files.ceased !== undefined) {
    const x = readTable(data, files.ceased, "ceased_plans.csv", CEASED_COLUMNS);
    data.ceased = ceasedFrom(x, where(x), (row) => isWhole(x, row));
  }
  if (files.needs !== undefined) {
    const x = readTable(data, files.needs, "sen_needs_all_plans.csv", NEEDS_COLUMNS);
    data.needs = needsFrom(x, where(x), (row) => isWhole(x, row), data.missingCells);
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

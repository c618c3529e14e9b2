// The 2022 release layout (sen2_estab_caseload.csv, sen2_age_caseload.csv, sen2_estab_new_plans.csv):
// one row per authority, year and establishment type, mapped to placement types by
// establishment-map.ts and summed without reading a suppressed type as zero.
import { AGE_GROUPS } from "@hnb/model";
import { PLACE_COLUMNS } from "./csv-table.js";
import { placementOfEstablishment } from "./establishment-map.js";
import { addTo, ageGroupOf, place, readFlow, readTable, SumParts } from "./layout-rows.js";
import { emptyData, getOrSet, type Sen2Data } from "./sen2-data.js";

/** Parses the 2022 release (establishment caseload; optionally the age caseload and new plans). @example parseSen2_2022({ estab: text }) */
export function parseSen2_2022(files: { estab: string; age?: string; newPlans?: string }): Sen2Data {
  const data = emptyData("2022");
  const seen = new Set<string>();
  const parts = new SumParts();
  const t = readTable(data, files.estab, "sen2_estab_caseload.csv", [
    ...PLACE_COLUMNS,
    "la_name",
    "establishment_type",
    "establishment_group",
    "Total_all",
  ]);
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
    const a = readTable(data, files.age, "sen2_age_caseload.csv", [
      ...PLACE_COLUMNS,
      "characteristic_age",
      "Total_all",
    ]);
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
    const n = readTable(data, files.newPlans, "sen2_estab_new_plans.csv", [
      ...PLACE_COLUMNS,
      "establishment_type",
      "establishment_group",
      "Total_new_all",
    ]);
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

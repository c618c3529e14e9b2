// The EHCP numbers of the DfE management plan: each forecast's EHCPs by category at each census,
// the authority's caseload by age group and by primary need, the demand model's ages and flows,
// and EHCPs by category and age group where the scenario splits a placement by age. Totals are
// formulas over the cells they add up.
import {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
  type ForecastResult,
  NEED_CODES,
  PRIMARY_NEEDS,
} from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS } from "./formats.js";
import { forecasts, subtitle, type WorkbookInput } from "./plan-input.js";
import { sumBy } from "./sum-by.js";
import type { Row, SheetWriter } from "./writer.js";

const SEVEN = CATEGORY_CODES.filter((c) => c !== "NONE") as Exclude<Category, "NONE">[];

/** Writes the EHCP numbers sheet. @example ehcpNumbers(sheet, { scenario, result }) */
export function ehcpNumbers(ws: SheetWriter, input: WorkbookInput): void {
  const { result, scenario } = input;
  const years = result.censusYears;
  ws.start(
    "DSG management plan: EHCP numbers",
    subtitle(
      input,
      "placements at each January census; forecast counts are unrounded, shown as whole pupils",
    ),
    ["Category", ...years.map(String)],
  );
  // A row's total over its own age cells, set once the row is written.
  const rowTotal = (row: Row, n: number, figure: number) =>
    ws.put(
      row,
      n + 2,
      ws.formula(`SUM(B${row.number}:${letter(n + 1)}${row.number})`, figure),
      FORMATS.count,
    );
  for (const [name, f] of forecasts(result)) {
    ws.add([`${name}: EHCPs by DSG management-plan category`], undefined, true);
    const first = ws.rowCount + 1;
    for (const c of SEVEN)
      ws.add(
        [
          CATEGORIES[c],
          ...years.map((y) =>
            sumBy(
              f.placements,
              (p) => p.category === c && p.census === y,
              (p) => p.count,
            ),
          ),
        ],
        FORMATS.count,
      );
    const last = ws.rowCount;
    ws.add(
      [
        "Total EHCPs",
        ...years.map((y, i) =>
          ws.formula(
            `SUM(${letter(i + 2)}${first}:${letter(i + 2)}${last})`,
            sumBy(
              f.placements,
              (p) => p.category !== "NONE" && p.census === y,
              (p) => p.count,
            ),
          ),
        ),
      ],
      FORMATS.count,
      true,
    );
    ws.add([]);
  }
  // A category's age split only where the scenario gives one for it; the authority's own age profile
  // (SEN2 splits ages for all EHCPs together, not by category) is shown once, labelled as such.
  const split = new Map(
    scenario.placements
      .filter((p) => p.ageSplit)
      .map((p) => [p.id, p.ageSplit as Record<string, number | undefined>]),
  );
  const ages = AGE_GROUP_KEYS.length;
  if (scenario.ehcpsByAge) {
    const a = scenario.ehcpsByAge;
    ws.add(
      [`All EHCPs by age group, January ${a.census}: the authority's whole caseload, not split by category`],
      undefined,
      true,
    );
    ws.add(["", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
    const cells = AGE_GROUP_KEYS.map((k) => a.counts[k] ?? null);
    const row = ws.add(["All EHCPs", ...cells], FORMATS.count);
    // Without a count there is nothing to total: a SUM over blanks would show a 0 no source gave.
    if (cells.some((c) => c !== null))
      rowTotal(
        row,
        ages,
        cells.reduce<number>((x, y) => x + (y ?? 0), 0),
      );
    ws.add([a.source ? `Source: ${a.source}` : "Source: not given"]);
    ws.add([]);
  }
  // The template's primary-need table (issue #29): reported, not costed; the total is a formula.
  if (scenario.ehcpsByNeed) {
    const n = scenario.ehcpsByNeed;
    ws.add([`All EHCPs by primary need, January ${n.census}: reported, not costed`], undefined, true);
    ws.add(["Primary need", "Code", "EHCPs"], undefined, true);
    const codes = NEED_CODES.filter((c) => n.counts[c] !== undefined);
    const first = ws.rowCount + 1;
    for (const c of codes) ws.add([PRIMARY_NEEDS[c], c, n.counts[c] ?? null], FORMATS.count);
    const sum = codes.reduce((x, c) => x + (n.counts[c] ?? 0), 0);
    if (codes.length)
      ws.add(["Total", "", ws.formula(`SUM(C${first}:C${ws.rowCount})`, sum)], FORMATS.count, true);
    else ws.add(["No primary need's count is given"]);
    ws.add([n.source ? `Source: ${n.source}` : "Source: not given (illustrative)"]);
    ws.add([]);
  }
  if (result.demand) demandTables(ws, result, rowTotal);
  if (split.size === 0) {
    ws.add(
      [
        "EHCPs by category and age group: no category's age split is given in the scenario (placements[].ageSplit), so the table is not filled",
      ],
      undefined,
      true,
    );
  } else {
    for (const [name, f] of forecasts(result)) {
      for (const y of years) {
        ws.add(
          [
            `${name}: EHCPs by category and age group, January ${y} (only placement types with their own age split)`,
          ],
          undefined,
          true,
        );
        ws.add(["Category", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
        for (const c of SEVEN) {
          const withSplit = f.placements.some((p) => p.category === c && split.has(p.id));
          if (!withSplit) {
            ws.add([CATEGORIES[c], "no age split given"]);
            continue;
          }
          const cells = AGE_GROUP_KEYS.map((k) =>
            sumBy(
              f.placements,
              (p) => p.category === c && p.census === y && split.has(p.id),
              (p) => p.count * (split.get(p.id)?.[k] ?? 0),
            ),
          );
          rowTotal(
            ws.add([CATEGORIES[c], ...cells], FORMATS.count),
            ages,
            cells.reduce((a, b) => a + b, 0),
          );
        }
      }
      ws.add([]);
    }
  }
  ws.fit(10);
}

// The demand model's EHCPs by the template's five age groups at each census, and the flows behind
// each year's change: new plans in, plans ceased, young people leaving at 25, and the net change.
function demandTables(
  ws: SheetWriter,
  result: ForecastResult,
  rowTotal: (row: Row, n: number, figure: number) => void,
): void {
  const d = result.demand as NonNullable<ForecastResult["demand"]>;
  const ages = AGE_GROUP_KEYS.length;
  const top = AGE_GROUP_KEYS[ages - 1] as (typeof AGE_GROUP_KEYS)[number];
  for (const [name] of forecasts(result)) {
    const forecast = name === "Unmitigated" ? "unmitigated" : "mitigated";
    const rows = d.rows.filter((r) => r.forecast === forecast);
    ws.add(
      [`${name}: EHCPs by age group (demand model; all EHCP placement types together)`],
      undefined,
      true,
    );
    ws.add(["Census", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
    const base = AGE_GROUP_KEYS.map((k) => d.base.stock[k]);
    rowTotal(
      ws.add([`January ${d.base.census}`, ...base], FORMATS.count),
      ages,
      base.reduce((a, b) => a + b, 0),
    );
    const censuses = [...new Set(rows.map((r) => r.census))].sort((a, b) => a - b);
    for (const y of censuses) {
      const cells = AGE_GROUP_KEYS.map((k) => rows.find((r) => r.census === y && r.band === k)?.stock ?? 0);
      rowTotal(
        ws.add([`January ${y}`, ...cells], FORMATS.count),
        ages,
        cells.reduce((a, b) => a + b, 0),
      );
    }
    ws.add([]);
    ws.add([`${name}: flows into each census (demand model)`], undefined, true);
    ws.add(["Census", "New plans", "Ceased", "Left at 25", "Net change"], undefined, true);
    for (const y of censuses) {
      const at = rows.filter((r) => r.census === y);
      const inflow = sumBy(
        at,
        () => true,
        (r) => r.newPlans,
      );
      const ceased = sumBy(
        at,
        () => true,
        (r) => r.ceased,
      );
      const left = sumBy(
        at,
        (r) => r.band === top,
        (r) => r.agedOut,
      );
      const row = ws.add([`January ${y}`, inflow, ceased, left], FORMATS.count);
      ws.put(
        row,
        5,
        ws.formula(`B${row.number}-C${row.number}-D${row.number}`, inflow - ceased - left),
        FORMATS.count,
      );
    }
    ws.add([]);
  }
  const e = d.estimates;
  ws.add([
    `Demand model inputs: new plans ${e.splitEstimated ? "split by band as estimated from the age profile" : "split by band as given"}; cessation ${e.cessationEstimate ? `estimated at ${(100 * e.cessationEstimate.rate).toFixed(1)}% a year from census years ${e.cessationEstimate.years.join(", ")}` : "as given"}; ${e.flow === "requests" ? `requests × conversion ${(100 * (e.conversion ?? 0)).toFixed(1)}%` : "new plans"} ${e.growth ? `grown by ${e.growth.used}` : "grown as given"}.`,
  ]);
  ws.add([]);
}

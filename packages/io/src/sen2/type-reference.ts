// England's series for each placement type (issue #31): the reference each type's `auto` growth
// pools towards, read from the same release and mapped exactly as the authorities' rows are, so the
// reference carries the same definitions (and the same breaks) as the series it is a reference for.
import type { HistoryPoint } from "@hnb/model";
import { SEN2_PLACEMENTS } from "./establishment-map.js";

/** What England's type series are read from: parsed statistics' national counts by year and placement (Sen2Data has them). */
export interface NationalPlacements {
  nationalPlacements: ReadonlyMap<number, ReadonlyMap<string, number | null>>;
}

/**
 * England's count of each placement type by census year, in year order; a year whose count is
 * unknown (a suppressed part) is left out.
 * @example nationalTypeSeries(data).special?.at(-1) // { year: 2022, count: 140165 } in the 2022 release
 */
export function nationalTypeSeries(data: NationalPlacements): Record<string, HistoryPoint[]> {
  const years = [...data.nationalPlacements.keys()].sort((a, b) => a - b);
  return Object.fromEntries(
    SEN2_PLACEMENTS.map((p) => [
      p.id,
      years.flatMap((year) => {
        const v = data.nationalPlacements.get(year)?.get(p.id);
        return v === null || v === undefined ? [] : [{ year, count: v }];
      }),
    ]),
  );
}

/**
 * The per-type reference a skeleton carries (spec §10, `reference.placements`): England's series for
 * each placement type, census year → count, up to `upTo`; types England has no count for are left out.
 * @example typeReferences(data, 2022).inmss?.["2022"]
 */
export function typeReferences(
  data: NationalPlacements,
  upTo: number,
): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(nationalTypeSeries(data)).flatMap(([id, series]) => {
      const known = series.filter((p) => p.year <= upTo);
      return known.length ? [[id, Object.fromEntries(known.map((p) => [String(p.year), p.count]))]] : [];
    }),
  );
}

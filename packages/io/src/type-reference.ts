// England's series for each placement type (issue #31): the reference each type's `auto` growth
// pools towards, read from the same release and mapped exactly as the authorities' rows are, so the
// reference carries the same definitions (and the same breaks) as the series it is a reference for.
import type { HistoryPoint } from "@hnb/model";
import { SEN2_PLACEMENTS } from "./establishment-map.js";
import { authorityHistory, historySeries, type Sen2Data } from "./sen2-reader.js";

/**
 * England's count of each placement type by census year, in year order; a year whose count is
 * unknown (a suppressed part) is left out.
 * @example nationalTypeSeries(data).special?.at(-1) // { year: 2022, count: 140165 } in the 2022 release
 */
export function nationalTypeSeries(data: Sen2Data): Record<string, HistoryPoint[]> {
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
export function typeReferences(data: Sen2Data, upTo: number): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(nationalTypeSeries(data)).flatMap(([id, series]) => {
      const known = series.filter((p) => p.year <= upTo);
      return known.length ? [[id, Object.fromEntries(known.map((p) => [String(p.year), p.count]))]] : [];
    }),
  );
}

/** A census year's types are not scored where more than this share of plans has no known placement (or the count is suppressed). */
export const UNKNOWN_PLACEMENT_LIMIT = 0.05;

/**
 * Each authority's total and placement-type series for an authority-level backtest from `origin`:
 * history up to the origin from `history`, outcomes after it from `outcomes` (the later release;
 * without one, from `history` too). With a later release only its authorities are taken. Years
 * where the placement of more than UNKNOWN_PLACEMENT_LIMIT of plans is unknown are marked unscored
 * for types.
 * @example authoritySeries(data, undefined, 2019).length
 */
export function authoritySeries(
  history: Sen2Data,
  outcomes: Sen2Data | undefined,
  origin: number,
): {
  key: string;
  total: HistoryPoint[];
  types: { id: string; points: HistoryPoint[] }[];
  unscoredTypeYears: number[];
}[] {
  const later = outcomes ?? history;
  const known = new Set(history.authorities.map((a) => a.newCode));
  const seen = new Set<string>();
  return later.authorities.flatMap((a) => {
    if (!known.has(a.newCode) || seen.has(a.newCode)) return [];
    seen.add(a.newCode);
    const before = authorityHistory(history, a);
    const after = authorityHistory(later, a);
    const join = (b: (number | null)[], c: (number | null)[]) => [
      ...historySeries(before.years, b).filter((p) => p.year <= origin),
      ...historySeries(after.years, c).filter((p) => p.year > origin),
    ];
    const unknown = later.unknownPlacements.get(a.newCode) ?? new Map<number, number | null>();
    const totals = later.totals.get(a.newCode) ?? new Map<number, number | null>();
    const unscoredTypeYears = [...unknown.entries()]
      .filter(
        ([y, u]) => y > origin && (u === null || u > UNKNOWN_PLACEMENT_LIMIT * ((totals.get(y) ?? 0) || 1)),
      )
      .map(([y]) => y)
      .sort((x, y) => x - y);
    return [
      {
        key: a.name,
        total: join(before.total, after.total),
        types: before.byPlacement.map((p, i) => ({
          id: p.id,
          points: join(p.counts, after.byPlacement[i]?.counts ?? []),
        })),
        unscoredTypeYears,
      },
    ];
  });
}

// The series the backtests read: each authority's total or placement types from one release
// (`hnb backtest DIR`), and for an authority-level backtest (issue #31) both, history from one
// release up to the origin and outcomes from a later one.
import type { HistoryPoint } from "@hnb/model";
import { authorityHistory, historySeries } from "./authority-history.js";
// A census year's types are not scored where more than this share of plans has no known placement
// (or the count is suppressed); the import leaves such a year out of the types' histories.
import { UNKNOWN_PLACEMENT_LIMIT } from "./establishment-map.js";
import type { AuthorityRef, Sen2Data } from "./sen2-data.js";

export { UNKNOWN_PLACEMENT_LIMIT };

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

// One authority's history as the import and the backtests read it: census years in order, each
// placement type's and age group's counts a year, flows, and what was missing or broke the series.
import { AGE_GROUP_KEYS, type AgeGroup, type HistoryPoint } from "@hnb/model";
import { SEN2_PLACEMENTS } from "./establishment-map.js";
import type { AuthorityRef, Sen2Data, Sen2Layout } from "./sen2-data.js";
import type { CeasedYear, NeedsAtCensus } from "./sen2-flows.js";

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

// What reading a SEN2 release yields, whichever layout it came in: per authority and year, counts
// by placement type and age, totals, flows and what was missing; and the small helpers both layout
// readers fill it with.
import type { AgeGroup } from "@hnb/model";
import type { CeasedYear, NeedsAtCensus } from "./sen2-flows.js";

/** The release layout a file set follows. */
export type Sen2Layout = "2022" | "2023";

/** A local authority as the statistics name it. */
export interface AuthorityRef {
  name: string;
  newCode: string;
  oldCode: string;
  region?: string;
}

/** A map by census or calendar year. */
export type YearMap<T> = Map<number, T>;

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

/** Parsed statistics with nothing read yet, for a layout's reader to fill. @example emptyData("2023").authorities.length === 0 */
export function emptyData(layout: Sen2Layout): Sen2Data {
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

/** The value at `key`, first setting it to `make()` where there is none. @example getOrSet(data.totals, "E06000023", () => new Map()).size */
export function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Adds an authority to `data.authorities` the first time its new code is seen (`seen` holds the codes). @example register(data, new Set(), a) */
export function register(data: Sen2Data, seen: Set<string>, ref: AuthorityRef): void {
  if (!ref.newCode || seen.has(ref.newCode)) return;
  seen.add(ref.newCode);
  data.authorities.push(ref);
}

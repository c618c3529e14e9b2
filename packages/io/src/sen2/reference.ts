// The trend an authority's growth is pooled towards (spec §10): England's or its region's total
// caseload, as a skeleton writes it and as the backtests know it at an origin.
import type { AuthorityRef, Sen2Data } from "./sen2-data.js";
import { Sen2FileError } from "./sen2-error.js";

/** The population whose trend a skeleton's `reference` carries (spec §10). */
export type ReferenceChoice = "national" | "region";

/** The reference series of an authority up to a census year: England or its region. @example referenceSeries(data, bristol, "national", 2022).name === "England" */
export function referenceSeries(
  data: Sen2Data,
  authority: AuthorityRef,
  choice: ReferenceChoice,
  upTo: number,
): { name: string; history: Record<string, number> } {
  const series = choice === "region" ? data.regions.get(authority.region ?? "") : data.national;
  if (!series || series.size === 0)
    throw new Sen2FileError(
      choice === "region"
        ? `the statistics have no regional totals for ${authority.name}'s region (${authority.region || "not named"}); use --reference national`
        : "the statistics have no national totals (geographic_level National)",
    );
  const history = Object.fromEntries(
    [...series.entries()]
      .filter(([y]) => y <= upTo)
      .sort(([a], [b]) => a - b)
      .map(([y, v]) => [String(y), v]),
  );
  return { name: choice === "region" ? `${authority.region} (region)` : "England", history };
}

/** The national trend as known at an origin: CAGR of the national caseload over `years` (default 3) to it, for pooled estimates. @example nationalReference(data)(2019, 5) */
export function nationalReference(data: Sen2Data): (origin: number, years?: number) => number | undefined {
  return (origin, years = 3) => {
    const now = data.national.get(origin);
    const then = data.national.get(origin - years);
    return now !== undefined && then !== undefined && then > 0 ? (now / then) ** (1 / years) - 1 : undefined;
  };
}

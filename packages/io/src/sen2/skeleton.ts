// The scenario skeleton `hnb import` writes from an authority's history (issue #29), and the notes
// it prints beside it. What SEN2 cannot know is left as a TODO naming its source (skeleton-parts.ts).
import { AGE_GROUP_KEYS, formatNumber } from "@hnb/model";
import type { AuthorityHistory } from "./authority-history.js";
import { SEN2_2023_COLUMNS, UNKNOWN_PLACEMENT_LIMIT } from "./establishment-map.js";
import { type ReferenceChoice, referenceSeries } from "./reference.js";
import type { Sen2Data, Sen2Layout } from "./sen2-data.js";
import { Sen2FileError } from "./sen2-error.js";
import {
  type CeasedRates,
  ceasedRates,
  defaultHorizon,
  type FlowIdentityRow,
  flowIdentity,
  fyOf,
  overrideBlock,
  reachesOverrideEnd,
  s251Lines,
  skeletonIncome,
  stabilityGrantBlock,
  todo,
  unitCostTodo,
} from "./skeleton-parts.js";
import { typeReferences } from "./type-reference.js";

/** Options of a scenario skeleton. */
export interface SkeletonOptions {
  baseYear?: number;
  horizon?: number;
  /** Earliest history year kept (default: 7 years before the base). */
  firstYear?: number;
  /** The reference trend: England (default) or the authority's region. */
  reference?: ReferenceChoice;
}

/** The first census whose stock changes the flows explain: the conversion of statements to EHC plans ended in March 2018. */
export const FIRST_FLOW_CENSUS = 2019;

/** What an import says beside its skeleton: the release it read, placements not recorded, the flows' identity. */
export interface SkeletonNotes {
  /** "DfE SEN2 reporting year 2025": the source every imported figure names. */
  release: string;
  /** Census years whose placement counts are left out of every type's history (too many not recorded). */
  leftOut: number[];
  /** One sentence per census with placements not recorded (2023+ layout). */
  unknownPlacements: string[];
  flows: FlowIdentityRow[];
  /** Cessation rates written from ceased_plans.csv, where the release has them. */
  cessation?: CeasedRates;
}

// The caseload columns each placement type is counted from, as its source says.
function countColumns(id: string, layout: Sen2Layout): string {
  if (layout === "2022") return "sen2_estab_caseload.csv, Total_all of its establishment types";
  const parts = (SEN2_2023_COLUMNS[id] ?? []).map(([c, sign]) =>
    c === "@total" ? "ehcplans" : `${sign < 0 ? "less " : ""}${c}`,
  );
  return `caseload.csv: ${id === "other" ? `${parts.join(", ")}, less placement_unknown` : parts.join(" + ")}`;
}

/**
 * The notes of an authority's skeleton: the release, placements not recorded since the 2023 move to
 * person-level records (a year with more than UNKNOWN_PLACEMENT_LIMIT of them left out of every
 * type's history), the flows' identity, and the cessation rates ceased_plans.csv gives.
 * @example skeletonNotes(authorityHistory(data, a), 2025).unknownPlacements
 */
export function skeletonNotes(history: AuthorityHistory, baseYear: number, latest?: number): SkeletonNotes {
  const release = `DfE SEN2 reporting year ${latest ?? history.years.at(-1) ?? baseYear}`;
  const leftOut: number[] = [];
  const unknownPlacements: string[] = [];
  history.years.forEach((y, i) => {
    const unknown = history.placementUnknown[i];
    const total = history.total[i];
    if (!unknown || !total || y > baseYear) return;
    const share = unknown / total;
    const n = formatNumber(unknown);
    const pct = `${formatNumber(100 * share, 1)}%`;
    if (y === baseYear)
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded; they are in no placement type, so the placements count ${formatNumber(total - unknown)} (their cost is in no unit cost: if the s251 spend you divide pays for them too, divide it by all ${formatNumber(total)})`,
      );
    else if (share > UNKNOWN_PLACEMENT_LIMIT) {
      leftOut.push(y);
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded, more than ${formatNumber(100 * UNKNOWN_PLACEMENT_LIMIT)}%: every type's count that year is short of them, so ${y} is left out of every placement's history`,
      );
    } else
      unknownPlacements.push(
        `January ${y}: ${n} of ${formatNumber(total)} EHCPs (${pct}) have no placement recorded; in no type (the year stays in the histories, each type short of at most that)`,
      );
  });
  const flows = flowIdentity(
    history.years,
    history.total,
    history.newPlans,
    new Map([...history.ceased].map(([y, c]) => [y, c.total])),
  ).filter((r) => r.census <= baseYear);
  const cessation = ceasedRates(
    history.ceased,
    new Map(history.years.map((y, i) => [y, history.total[i] ?? null])),
    baseYear,
  );
  return { release, leftOut, unknownPlacements, flows, ...(cessation ? { cessation } : {}) };
}

/**
 * A scenario skeleton from an authority's history (issue #29: one a finance partner can finish):
 * one placement per mapped type with its base count, `history` and `growth: { method: "auto" }`,
 * each SEN2 figure with its own source in `sources`; the s251 lines beyond placements; the income;
 * the Stability Grant; the reference trend, flows, demand and the age and primary-need profiles; an
 * `uncertainty` section. What SEN2 cannot know is written as "TODO: …" naming where it comes from,
 * which `validate` and `forecast` refuse naming each one, so no forecast is made from a figure
 * nobody entered; a figure typed in without a source is marked illustrative.
 * @example scenarioSkeleton(authorityHistory(data, a), { horizon: 5 }, data)
 */
export function scenarioSkeleton(
  history: AuthorityHistory,
  options: SkeletonOptions = {},
  data?: Sen2Data,
): Record<string, unknown> {
  // An authority named only in a flow or age file has no caseload to start from.
  if (!history.years.length)
    throw new Sen2FileError(
      `${history.authority.name} (${history.authority.newCode}) has no caseload figures in ${history.files[0] ?? "the statistics"}: there is no census year to base a scenario on`,
    );
  const baseYear = options.baseYear ?? (history.years[history.years.length - 1] as number);
  const first = options.firstYear ?? baseYear - 7;
  const at = history.years.indexOf(baseYear);
  if (at < 0)
    throw new Sen2FileError(
      `${history.authority.name} has no figures for the base year ${baseYear} (census years in the statistics: ${history.years.join(", ") || "none"})`,
    );
  const fy = fyOf(baseYear);
  const latest = data?.national.size ? Math.max(...data.national.keys()) : undefined;
  const notes = skeletonNotes(history, baseYear, latest);
  const release = `${notes.release} (${history.layout === "2022" ? "2022 layout" : "2023+ layout"})`;
  const who = history.authority.name;
  const placements = history.byPlacement.flatMap((p) => {
    const past = Object.fromEntries(
      history.years.flatMap((y, i) =>
        y >= first && y < baseYear && p.counts[i] !== null && !notes.leftOut.includes(y)
          ? [[String(y), p.counts[i] as number]]
          : [],
      ),
    );
    const base = p.counts[at];
    // A type the authority has never used has nothing to forecast or cost.
    if ((base ?? 0) === 0 && Object.values(past).every((v) => v === 0)) return [];
    // auto needs three census years with placements to backtest on.
    const usable = Object.values(past).filter((v) => v > 0).length + ((base ?? 0) > 0 ? 1 : 0);
    const years = Object.keys(past);
    const columns = countColumns(p.id, history.layout);
    return [
      {
        id: p.id,
        label: p.label,
        category: p.category,
        count:
          base === null
            ? todo(
                `the January ${baseYear} count (suppressed in the statistics), from the authority's SEN2 return; give its source in sources.count`,
              )
            : base,
        unitCost: unitCostTodo(p.category, fy),
        costInflation: todo(
          "annual unit-cost inflation, e.g. 0.03 for 3% a year (the council's banding or fee uplift); give its source in sources.costInflation",
        ),
        growth:
          usable >= 3
            ? { method: "auto" }
            : todo(
                "annual growth in the count (too little history to estimate it), e.g. 0.05; give its source in sources.growth",
              ),
        history: past,
        // Each imported figure names its own source: a figure typed in later is never credited to SEN2.
        sources: {
          ...(base === null ? {} : { count: `${release}, ${columns}, ${who}, January ${baseYear}` }),
          ...(years.length
            ? {
                history: `${release}, ${columns}, ${who}, January ${years[0]}–${years.at(-1)}${notes.leftOut.some((y) => y > Number(years[0]) && y < baseYear) ? ` (${notes.leftOut.join(", ")} left out: placements not recorded)` : ""}`,
              }
            : {}),
        },
      },
    ];
  });
  const ageCounts = Object.fromEntries(
    AGE_GROUP_KEYS.flatMap((k) =>
      history.byAge[k][at] == null ? [] : [[k, history.byAge[k][at] as number]],
    ),
  );
  const flowYears = (m: Map<number, number | null>) =>
    Object.fromEntries(
      [...m.entries()]
        .filter(([y, v]) => v !== null && y >= first && y < baseYear)
        .sort(([a], [b]) => a - b)
        .map(([y, v]) => [String(y), v as number]),
    );
  const newPlans = flowYears(history.newPlans);
  const requests = flowYears(history.requests);
  const ceased = flowYears(new Map([...history.ceased].map(([y, c]) => [y, c.total])));
  // EHCP demand as flows where the release has the age profile for the base census and a year
  // before it, and new plans for the two calendar years before the base census. Censuses before
  // 2019 are left out: until March 2018 statements were being converted to plans, so the stock
  // moved by far more than new plans less cessations (North Somerset: +164 unexplained in 2018).
  const ageHistory = Object.fromEntries(
    history.years.flatMap((y, i) => {
      if (y < Math.max(first, FIRST_FLOW_CENSUS) || y > baseYear) return [];
      const row = AGE_GROUP_KEYS.map((k) => history.byAge[k][i]);
      return row.every((v) => v !== null && v !== undefined)
        ? [[String(y), Object.fromEntries(AGE_GROUP_KEYS.map((k, j) => [k, row[j] as number]))]]
        : [];
    }),
  );
  const demandReady =
    String(baseYear) in ageHistory &&
    String(baseYear - 1) in ageHistory &&
    newPlans[String(baseYear - 1)] !== undefined &&
    newPlans[String(baseYear - 2)] !== undefined;
  const reference = data
    ? referenceSeries(data, history.authority, options.reference ?? "national", baseYear)
    : undefined;
  const cessation = notes.cessation;
  const files = (...names: string[]) => names.filter((f) => history.files.includes(f)).join(", ");
  const needs = history.needs;
  const needCounts = needs
    ? Object.fromEntries(Object.entries(needs.counts).filter(([, v]) => v !== null && v !== undefined))
    : {};
  const horizon = options.horizon ?? defaultHorizon(baseYear);
  const grant = stabilityGrantBlock(baseYear, horizon);
  const thin = placements.filter((p) => Object.keys(p.history).length + 1 < 3).map((p) => p.id);
  const described = [
    `Imported from ${release} for ${who}: base census January ${baseYear} (FY ${fy}).`,
    ...notes.unknownPlacements.map(
      (n) => `Placements not recorded since the 2023 move to person-level records: ${n}.`,
    ),
  ].join(" ");
  return {
    schema: "hnb-scenario/1",
    name: `${who} from SEN2 ${history.years[0]}–${history.years[history.years.length - 1]}`,
    authority: { name: who, code: history.authority.newCode },
    description: described,
    baseYear,
    horizon,
    phasing: "academic",
    openingBalance: todo(
      `the DSG balance on 1 April ${baseYear - 1} in £, negative for a deficit: the DSG note of the council's ${fyOf(baseYear - 1)} statement of accounts, “net DSG position” at 31 March ${baseYear - 1} (the DSG unusable reserve the statutory override holds); give its source in openingBalanceSource`,
    ),
    placements,
    lines: s251Lines(fy),
    income: { ...skeletonIncome(baseYear), ...(grant ? { stabilityGrant: grant } : {}) },
    ...(reachesOverrideEnd(baseYear, horizon) ? { statutoryOverride: overrideBlock(baseYear) } : {}),
    ...(reference
      ? {
          reference: {
            ...reference,
            // England's series for each type written (issue #31): each type pools towards its own trend.
            ...(data && (options.reference ?? "national") === "national"
              ? { placements: typeSeriesFor(data, baseYear, placements) }
              : {}),
            source: `${release}, ${history.layout === "2022" ? "sen2_estab_caseload.csv Total_all" : "caseload.csv ehcplans"}: ${reference.name} total EHC plans${data && (options.reference ?? "national") === "national" ? " and EHC plans by placement type (National rows, mapped as the authority's)" : ""}`,
          },
        }
      : {}),
    ...(Object.keys(newPlans).length || Object.keys(requests).length || Object.keys(ceased).length
      ? {
          flows: {
            ...(Object.keys(newPlans).length ? { newPlans } : {}),
            ...(Object.keys(requests).length ? { requests } : {}),
            ...(Object.keys(ceased).length ? { ceased } : {}),
            source: `${release} (${files("newplans.csv", "sen2_estab_new_plans.csv", "requests.csv", "ceased_plans.csv")}), ${who}; calendar years`,
          },
        }
      : {}),
    ...(demandReady
      ? {
          demand: {
            history: ageHistory,
            newPlans: { growth: { method: "auto" }, split: "estimated" },
            cessation: cessation
              ? Object.fromEntries(AGE_GROUP_KEYS.map((b) => [b, cessation.rate]))
              : "auto",
            source: `${release}, ${who}: EHCPs by age band at each census (caseload.csv current age), new plans by calendar year${cessation ? `; cessation, one rate for every band: plans ceased in ${cessation.years.join(", ")} (ceased_plans.csv total_ceased, ${formatNumber(cessation.ceased)}) less those that reached the maximum age at 20 and over (${formatNumber(cessation.agedOut)}: the projection ages them out at 25)${cessation.noAges.length ? ` (${cessation.noAges.join(", ")}: no age rows, every maximum-age cessation)` : ""}, ÷ the EHCPs at January of the same years (${formatNumber(cessation.opening)})` : ""}`,
          },
        }
      : {}),
    ...(Object.keys(ageCounts).length
      ? {
          ehcpsByAge: {
            census: baseYear,
            counts: ageCounts,
            source: `${release}, ${who}; all placement types together`,
          },
        }
      : {}),
    ...(needs && needs.census === baseYear && Object.keys(needCounts).length
      ? {
          ehcpsByNeed: {
            census: needs.census,
            counts: needCounts,
            source: `${release}, sen_needs_all_plans.csv (all EHC plans by primary need), ${who}, January ${needs.census}`,
          },
        }
      : {}),
    uncertainty: {
      paths: 2000,
      seed: 1,
      growth: "auto",
      // "auto" measures a type's noise on three census years or more; a type with fewer needs its own.
      ...(thin.length
        ? {
            placements: Object.fromEntries(
              thin.map((id) => [
                id,
                {
                  growth: {
                    distribution: "normal",
                    sd: todo(
                      "the growth rate's standard deviation a year (too little history to measure it), e.g. 0.05; say where it comes from in uncertainty.source",
                    ),
                  },
                },
              ]),
            ),
          }
        : {}),
      source: `growth: auto, each placement type's growth drawn from the spread of its own history (${release}); add costInflation and delivery distributions with their sources where you have them`,
    },
  };
}

// England's series for the placement types a skeleton writes, up to its base year.
function typeSeriesFor(
  data: Sen2Data,
  baseYear: number,
  placements: readonly { id: string }[],
): Record<string, Record<string, number>> {
  const all = typeReferences(data, baseYear);
  return Object.fromEntries(
    placements.flatMap((p) => {
      const s = all[p.id];
      return s ? [[p.id, s]] : [];
    }),
  );
}

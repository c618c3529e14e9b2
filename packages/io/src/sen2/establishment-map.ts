// How DfE SEN2 establishment types map to DSG management-plan categories and to the placement
// types of a scenario skeleton. One table, used by both release layouts.
//
// | SEN2 establishment type (2022 release)                          | 2023+ layout columns (caseload.csv, newplans.csv)            | Placement | Category |
// |-----------------------------------------------------------------|--------------------------------------------------------------|-----------|----------|
// | Mainstream - LA maintained / Academy / Free school / Independent | mainstream_{la_maintained,academy,free_school,independent}  | mainstream | MmSoA   |
// | Mainstream - … - SEN unit, Mainstream - … - Resourced provision | mainstream_{la_maintained,academy,free_school}_{resourced_provision,senunit} | resourced | RPSEN |
// | Special - LA maintained, Special - Academy/free (to 2016: Special - Academy, Special - Free school), Hospital School | special_la_maintained, special_academy_free | special | MdSSA |
// | Special - Non-maintained, Special - Independent                  | special_non_maintained, special_independent                 | inmss     | NMISS    |
// | AP/PRU - LA maintained / Academy / Free school                   | ap_pru_total                                                 | ap        | HspAP    |
// | General FE and tertiary colleges/HE, Other FE, Sixth form college, Specialist post-16 institutions (to 2015: Independent specialist providers) | fe_total | post16 | P16FE |
// | Everything else: early years, NEET, educated elsewhere, awaiting provision, other | ehcplans less the four totals above      | other     | OTHER    |
//
// Judgement calls: mainstream independent schools count as mainstream (the DSG pays a top-up, not
// an independent special school fee); specialist post-16 institutions are post-16, as the
// management plan counts them by phase; early years and NEET are "other". Hospital schools count
// as special in both layouts: the 2023+ layout has no column of their own (they are inside
// special_la_maintained: nationally 85,781 + 129 hospital = 85,910 in January 2022), so one
// mapping keeps one series across releases.
import type { Category } from "@hnb/model";

/** A placement type of the skeleton and its category. */
export interface MappedPlacement {
  id: string;
  label: string;
  category: Category;
}

/** The seven placement types SEN2 history maps to, in management-plan order. */
export const SEN2_PLACEMENTS: readonly MappedPlacement[] = [
  { id: "mainstream", label: "Mainstream schools and academies", category: "MmSoA" },
  { id: "resourced", label: "Resourced provision and SEN units", category: "RPSEN" },
  {
    id: "special",
    label: "Maintained special schools, special academies and hospital schools",
    category: "MdSSA",
  },
  { id: "inmss", label: "Independent and non-maintained special schools", category: "NMISS" },
  { id: "ap", label: "Alternative provision and pupil referral units", category: "HspAP" },
  { id: "post16", label: "Post-16 and further education", category: "P16FE" },
  {
    id: "other",
    label: "Other placements (early years, educated elsewhere, NEET, awaiting provision)",
    category: "OTHER",
  },
];

/** The placement id of a 2022-release establishment type (never called for the "Total" rows). @example placementOfEstablishment("Special - Independent") === "inmss" */
export function placementOfEstablishment(type: string): string {
  const t = type.toLowerCase();
  if (t.includes("sen unit") || t.includes("resourced provision")) return "resourced";
  if (t.startsWith("mainstream")) return "mainstream";
  if (t === "special - non-maintained" || t === "special - independent") return "inmss";
  // Special academies and free schools were reported apart until 2016 ("Special - Academy",
  // "Special - Free school") and together from 2017 ("Special - Academy/free"): all are special.
  if (t.startsWith("special - ") || t === "hospital school") return "special";
  if (t.startsWith("ap/pru")) return "ap";
  // "Independent specialist providers" (to 2015) became "Specialist post-16 institutions".
  if (
    /\bfe\b/.test(t) ||
    t.includes("sixth form") ||
    t.includes("post-16") ||
    t.includes("specialist provider")
  )
    return "post16";
  return "other";
}

/** 2023+ layout: the six mainstream columns that are resourced provision or SEN units (inside mainstream_total). */
export const SEN2_2023_RESOURCED = [
  "mainstream_la_maintained_resourced_provision",
  "mainstream_la_maintained_senunit",
  "mainstream_academy_resourced_provision",
  "mainstream_academy_senunit",
  "mainstream_free_school_resourced_provision",
  "mainstream_free_school_senunit",
] as const;

/**
 * 2023+ layout: each placement's count as signed sums of columns. `other` is the rest of the total
 * column (`ehcplans` or `new_ehc_plans`), since the layout splits it into overlapping columns
 * (ed_elsewhere includes NEET, for one).
 */
export const SEN2_2023_COLUMNS: Readonly<Record<string, readonly (readonly [string, 1 | -1])[]>> = {
  mainstream: [
    ["mainstream_la_maintained", 1],
    ["mainstream_academy", 1],
    ["mainstream_free_school", 1],
    ["mainstream_independent", 1],
  ],
  resourced: SEN2_2023_RESOURCED.map((c) => [c, 1] as const),
  special: [
    ["special_la_maintained", 1],
    ["special_academy_free", 1],
  ],
  inmss: [
    ["special_independent", 1],
    ["special_non_maintained", 1],
  ],
  ap: [["ap_pru_total", 1]],
  post16: [["fe_total", 1]],
  other: [
    ["@total", 1],
    ["mainstream_total", -1],
    ["special_total", -1],
    ["ap_pru_total", -1],
    ["fe_total", -1],
  ],
};

/**
 * The share of a census's plans with no placement recorded (2023+) above which the year's placement
 * counts are not a type series: every type is short of them. The import leaves such a year out of
 * the types' histories; an authority-level backtest does not score it.
 */
export const UNKNOWN_PLACEMENT_LIMIT = 0.05;

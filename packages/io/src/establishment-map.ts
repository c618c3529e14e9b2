// How DfE SEN2 establishment types map to DSG management-plan categories and to the placement
// types of a scenario skeleton. One table, used by both release layouts.
//
// | SEN2 establishment type (2022 release)                         | 2023+ column             | Placement   | Category |
// |----------------------------------------------------------------|--------------------------|-------------|----------|
// | Mainstream - LA maintained / Academy / Free school / Independent | mainstream_total         | mainstream  | MmSoA    |
// | Mainstream - … - SEN unit, Mainstream - … - Resourced provision | resourced_provision, sen_unit | resourced | RPSEN |
// | Special - LA maintained, Special - Academy/free                 | special_la_maintained, special_academy_free | special | MdSSA |
// | Special - Non-maintained, Special - Independent                 | special_non_maintained, special_independent | inmss | NMISS |
// | AP/PRU - LA maintained / Academy / Free school, Hospital School | ap_pru_total             | ap          | HspAP    |
// | General FE and tertiary colleges/HE, Other FE, Sixth form college, Specialist post-16 institutions | fe_total | post16 | P16FE |
// | Everything else: Non-maintained early years, NEET, Other, Educated elsewhere (EHE, other arrangements, permanently excluded), Awaiting provision | the rest of ehcplans | other | OTHER |
//
// Judgement calls: mainstream independent schools count as mainstream (the DSG pays a top-up, not
// an independent special school fee); hospital schools join AP (the management plan's "Hospital
// schools or alternative provision"); specialist post-16 institutions are post-16, not independent
// special schools, as the management plan counts them by phase; early years and NEET are "other".
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
  { id: "special", label: "Maintained special schools and special academies", category: "MdSSA" },
  { id: "inmss", label: "Independent and non-maintained special schools", category: "NMISS" },
  { id: "ap", label: "Alternative provision and hospital schools", category: "HspAP" },
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
  if (t === "special - la maintained" || t === "special - academy/free") return "special";
  if (t === "special - non-maintained" || t === "special - independent") return "inmss";
  if (t.startsWith("ap/pru") || t === "hospital school") return "ap";
  if (/\bfe\b/.test(t) || t.includes("sixth form") || t.includes("post-16")) return "post16";
  return "other";
}

/** 2023+ layout: the placement id of each count column (the rest of `ehcplans` is "other"). */
export const SEN2_2023_COLUMNS: Readonly<Record<string, string>> = {
  mainstream_total: "mainstream",
  resourced_provision: "resourced",
  sen_unit: "resourced",
  special_la_maintained: "special",
  special_academy_free: "special",
  special_independent: "inmss",
  special_non_maintained: "inmss",
  ap_pru_total: "ap",
  fe_total: "post16",
  other_total: "other",
};

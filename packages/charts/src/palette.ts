import type { Category } from "@hnb/model";

// Okabe–Ito: distinguishable under the common colour-vision deficiencies, and print-safe. Each DSG
// management-plan category owns one colour in every chart, so a reader learns it once per paper.
// Okabe–Ito's blue and vermillion mean mitigated and unmitigated across the pack, so the two
// categories that would take them borrow from Paul Tol's muted scheme instead.
const CATEGORY_COLOURS: Record<Category, string> = {
  MmSoA: "#332288", // indigo
  RPSEN: "#56B4E9", // sky blue
  MdSSA: "#009E73", // bluish green
  NMISS: "#882255", // wine
  HspAP: "#CC79A7", // reddish purple
  P16FE: "#E69F00", // orange
  OTHER: "#999999", // grey
  NONE: "#F0E442", // yellow
};

// Paul Tol's muted scheme, also colour-blind safe, for a second placement type in a category
// (e.g. bespoke co-located provision beside INMSS) so the two never share a colour. In this order
// the default scenario's 13 types are least alike under simulated deuteranopia and protanopia
// (Machado 2009, CIELAB): the closest pair is ΔE 7.1 apart, where the scheme's own order left
// NEET's grey and early years' teal 3.3 apart (chosen by trying every order of the seven; the
// charts test checks the default scenario's pairs stay at least ΔE 7 apart).
const EXTRA_COLOURS = ["#117733", "#AA4499", "#999933", "#88CCEE", "#DDCC77", "#CC6677", "#44AA99"];

/** Colours of the unmitigated and mitigated forecasts (theirs alone in every chart), the transfer routes and the bridge's bars. */
export const SERIES_COLOURS = {
  unmitigated: "#D55E00",
  mitigated: "#0072B2",
  "schools-forum": "#009E73",
  disapplication: "#CC79A7",
  increase: "#009E73",
  decrease: "#CC6677",
  // What raises the balance (a saving, a better outcome) and what lowers it (a cost, a worse one),
  // in the bridge and the tornado alike, funding and the balances: none a placement's colour (the
  // special schools' green once meant savings, INMSS's wine costs). Chosen by search: each at least
  // ΔE 16 from every category and extra colour, the forecasts' orange and blue and each other, with
  // and without simulated deuteranopia or protanopia (the charts test checks it).
  saving: "#88AA66",
  cost: "#AA0011",
  total: "#2B2B2B",
  funding: "#7766FF",
} as const;

/** Every colour a placement type can take (category colours, then the extras), for tests that keep other meanings apart from them. @example PLACEMENT_PALETTE.includes("#009E73") */
export const PLACEMENT_PALETTE: readonly string[] = [
  ...new Set([...Object.values(CATEGORY_COLOURS), ...EXTRA_COLOURS]),
];

/** The fixed colour of every placement type: its category's colour, or a distinct extra one when its category's colour is taken. @example placementColours([{ id: "inmss", category: "NMISS" }]).get("inmss") === "#882255" */
export function placementColours(
  placements: readonly { id: string; category: Category }[],
): Map<string, string> {
  const used = new Set<string>();
  const colours = new Map<string, string>();
  let extra = 0;
  for (const p of placements) {
    if (colours.has(p.id)) continue;
    let colour = CATEGORY_COLOURS[p.category];
    if (used.has(colour)) colour = EXTRA_COLOURS[extra++ % EXTRA_COLOURS.length] ?? "#000000";
    used.add(colour);
    colours.set(p.id, colour);
  }
  return colours;
}

/** Placement types in first-seen order, one entry per id. @example placementTypes(result.unmitigated.placements) */
export function placementTypes<T extends { id: string }>(rows: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()];
}

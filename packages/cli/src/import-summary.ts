// What `hnb import` says about what it read (issue #29), on stderr and in the skeleton's header:
// the base census's counts by placement type, placements not recorded since the 2023 move to
// person-level records, the flows' identity with what it leaves over, and the cessation rates.
import { type AuthorityHistory, skeletonNotes } from "@hnb/io";
import { formatNumber } from "@hnb/model";

/** A flows' identity leaving more than this share of the opening stock unexplained is said to need checking. */
export const FLOW_CHECK = 0.1;

/**
 * The import's summary lines (no prefix, no newline).
 * @example importSummary(h, skeleton, 2025)[0] // "Bristol, City of, January 2025 census (DfE SEN2 reporting year 2025): 4,931 EHCPs; …"
 */
export function importSummary(
  history: AuthorityHistory,
  skeleton: Readonly<Record<string, unknown>>,
  latest: number,
): string[] {
  const base = skeleton.baseYear as number;
  const at = history.years.indexOf(base);
  const notes = skeletonNotes(history, base, latest);
  const n = (x: number | null | undefined) => (x == null ? "unknown" : formatNumber(x));
  const unknown = history.placementUnknown[at];
  const out = [
    `${history.authority.name}, January ${base} census (${notes.release}): ${n(history.total[at])} EHCPs; ${history.byPlacement
      .map((p) => `${p.id} ${n(p.counts[at])}`)
      .join(", ")}${unknown ? `; placement not recorded ${n(unknown)}` : ""}.`,
    ...notes.unknownPlacements.map((u) => `placements not recorded: ${u}.`),
    ...notes.flows.map(
      (r) =>
        `flows: January ${r.census - 1} ${n(r.opening)} + new plans ${r.census - 1} ${n(r.newPlans)} − ceased ${r.census - 1} ${n(r.ceased)} = ${n(r.expected)}; January ${r.census} census ${n(r.closing)} (${r.residual >= 0 ? "+" : "−"}${n(Math.abs(r.residual))}: plans moved in from or out to other authorities beyond those ceased as transfers, and recording differences)${Math.abs(r.residual) > FLOW_CHECK * r.opening ? `; over ${100 * FLOW_CHECK}% of the stock: a recording break in that year's flows is likelier than real moves: check its new plans and cessations before relying on the flows` : ""}.`,
    ),
  ];
  const c = notes.cessation;
  if (c)
    out.push(
      `cessation from ceased_plans.csv ${c.years.join(", ")}: ${n(c.ceased)} ceased less ${n(c.agedOut)} that reached the maximum age at 20 and over${c.noAges.length ? ` (${c.noAges.join(", ")}: no age rows, every maximum-age cessation)` : ""}, over ${n(c.opening)} EHCPs at January of those years = ${formatNumber(100 * c.rate, 2, 2)}% a year, one rate for every age band (the file counts the age when a plan ceased, not the January band); the demand flows carry new plans less these cessations, not the moves between authorities above.`,
    );
  const income = skeleton.income as Record<string, unknown>;
  if (!income.stabilityGrant && base <= 2027)
    out.push(
      `the High Needs Stability Grant is paid in 2026-27, after this horizon's last year (${base - 1 + (skeleton.horizon as number)}-${String((base + (skeleton.horizon as number)) % 100).padStart(2, "0")}): it is left out; a horizon reaching 2026-27 adds it.`,
    );
  const needs = skeleton.ehcpsByNeed as { census: number; counts: Record<string, number> } | undefined;
  if (needs)
    out.push(
      `primary need, January ${needs.census}: ${Object.entries(needs.counts)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(", ")}.`,
    );
  return out;
}

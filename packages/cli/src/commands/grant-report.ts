import { type ForecastResult, longDate, type OverrideGrantSide } from "@hnb/model";
import { textTable, thousands } from "../table.js";

const pounds = (x: number) => `£${thousands(x).trim()}k`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const FORECAST_NAMES = { unmitigated: "Unmitigated", mitigated: "Mitigated" } as const;

// Where the plan stands with DfE, as a heading says it.
const STATUS_WORDS = {
  draft: "draft, not yet submitted to DfE",
  submitted: "submitted to DfE",
  approved: "approved by DfE",
  "not-approved": "not approved by DfE",
} as const;

/**
 * The name the readable outputs give the mitigated forecast: the plan's, where the scenario names
 * one (for most authorities now their local SEND reform plan), with where it stands with DfE.
 * @example mitigatedName({ plan: { name: "Anytown plan", status: "submitted", submitted: "2026-06-30" } }) === "Mitigated: Anytown plan (submitted to DfE on 30 June 2026)"
 */
export function mitigatedName(result: Pick<ForecastResult, "plan">): string {
  const p = result.plan;
  if (!p) return "Mitigated";
  const status = Object.hasOwn(STATUS_WORDS, p.status)
    ? STATUS_WORDS[p.status as keyof typeof STATUS_WORDS]
    : p.status;
  const when = p.submitted
    ? p.status === "submitted"
      ? ` on ${longDate(p.submitted)}`
      : p.status === "draft"
        ? ""
        : `; submitted on ${longDate(p.submitted)}`
    : "";
  return `Mitigated: ${p.name} (${status}${when})`;
}

/**
 * The readable lines on the High Needs Stability Grant (spec §11): what each forecast receives and
 * on what condition, and what a saving is worth before and after the deficit year ends. Nothing
 * without a grant.
 * @example stabilityGrantReport(forecast(scenario)).join("\n")
 */
export function stabilityGrantReport(result: ForecastResult): string[] {
  const rows = result.stabilityGrant;
  if (!rows?.length) return [];
  const first = rows[0] as NonNullable<typeof rows>[number];
  // deficitFY "2025-26" ends on 31 March 2026.
  const end = `31 March ${Number(first.deficitFY.slice(0, 4)) + 1}`;
  const out = [
    "",
    `High Needs Stability Grant (DfE/MHCLG, 9 February 2026), on condition: ${first.condition}`,
    ...rows.map((g) => {
      const basis = g.eligibleGiven
        ? `the eligible deficit given, ${pounds(g.eligibleDeficit)}`
        : `the deficit at ${end} of ${pounds(Math.max(0, -g.closingBalance))}${g.excluded > 0 ? ` less ${pounds(g.excluded)} that is not High Needs` : ""} (this forecast's own)`;
      return `  ${FORECAST_NAMES[g.forecast]}: ${pct(g.share)} of ${basis} = ${pounds(g.amount)}, paid in ${g.paidIn}`;
    }),
  ];
  if (rows.every((g) => g.forecast === "mitigated"))
    out.push("  Unmitigated: none (the scenario pays the grant with the plan only).");
  out.push(
    first.eligibleGiven
      ? "  The eligible deficit is given, so no saving changes the grant."
      : `  A saving made before ${end} lowers the grant by ${Math.round(100 * first.share)}p in the pound; from then on a saving counts in full.`,
  );
  return out;
}

/**
 * The position when the statutory override ends, with and without the grant, and what no grant
 * covers, as a table; then the years after it, labelled. Nothing to add without a grant or later years.
 * @example overrideGrantReport(forecast(scenario)).join("\n")
 */
export function overrideGrantReport(result: ForecastResult): string[] {
  const o = result.statutoryOverride;
  const out: string[] = [];
  const g = o.stabilityGrant;
  if (g) {
    const sides = (["unmitigated", "mitigated"] as const).flatMap((f) => {
      const s = g[f];
      if (!s || (f === "mitigated" && result.levers.length === 0)) return [];
      return [[f, s] as const];
    });
    const reserves = o.usableReserves !== undefined;
    const share = (x: number | undefined) => (x === undefined ? "" : pct(x));
    out.push(
      "",
      `Position at 31 March ${o.ends.slice(0, 4)}, when the statutory override ends (£ thousands; brackets are deficits)`,
      textTable(
        [
          "Forecast",
          "Without grant",
          "Grant",
          "With grant",
          `Left of deficit to ${g.deficitFY}`,
          `Accrued ${g.accruedFrom} on`,
          ...(reserves ? ["Accrued / reserves (context)"] : []),
        ],
        sides.map(([f, s]: readonly [string, OverrideGrantSide]) => [
          f === "mitigated" ? mitigatedName(result) : "Unmitigated",
          thousands(s.withoutGrant),
          thousands(s.grant),
          thousands(s.withGrant),
          thousands(s.historicRemaining),
          thousands(s.accruedSince),
          ...(reserves ? [share(s.accruedShareOfReserves)] : []),
        ]),
      ),
      `The part accrued from ${g.accruedFrom} is not covered by the grant: government support for it is "not unlimited".${reserves ? ` Usable reserves ${pounds(o.usableReserves as number)}; the share that counts is the With grant deficit against them (above), the accrued share is context.` : " Give statutoryOverride.usableReserves to compare it with the council's reserves."}`,
    );
  }
  if (o.laterYears.length)
    out.push(
      `${o.laterYears.join(", ")}: after the override ends; from April ${o.ends.slice(0, 4)} SEND cost pressures fall under the central arrangements the government announced, so these years show the DSG as if the current regime continued.`,
    );
  return out;
}

// Base-year plausibility (issue #29): the base FY is the one year whose figures the finance team
// can check against its own books, so a base year far from its allocation, a spend per EHCP far from
// the national one, or a missing kind of spend is said beside the forecast, with the figures. None
// stops a forecast: an authority may really overspend by a third (Bristol 2024-25 did), and the
// warning then says what to check, not that it is wrong.
import type { Scenario } from "../scenario/schema.js";
import { formatNumber } from "../units/money.js";
import type { InputWarning, LedgerRow } from "./result.js";

/** How far the base year may be from its allocation before it is said: an overspend above 15% of it, a surplus above 10%. */
export const BASE_YEAR_TOLERANCE = { overspend: 0.15, surplus: 0.1 } as const;

/**
 * The national High Needs Block allocation per EHCP, as published, and how far an authority's
 * base-year spend per EHCP may be from it (as unit costs: below half, or above 1.5 times).
 */
export const NATIONAL_SPEND_PER_EHCP = {
  fy: "2024-25",
  allocation: 10_500_000_000,
  ehcps: 638_745,
  below: 0.5,
  above: 1.5,
  source:
    "England's High Needs Block, £10.5bn in 2024-25 (DfE, December 2023), over England's 638,745 EHCPs at January 2025 (DfE SEN2 reporting year 2025)",
} as const;

const m = (x: number) => `£${formatNumber(x / 1e6, 1, 1)}m`;
const pct = (x: number) => `${formatNumber(100 * x, 0)}%`;

/**
 * Warnings on the base financial year: spending against the High Needs Block allocation, spend per
 * EHCP against the national allocation per EHCP, and kinds of spend every authority has that the
 * scenario lacks (mainstream top-ups, independent special school fees, the s251 lines 1.2.4–1.2.13).
 * @example baseYearWarnings(scenario, forecast(scenario).unmitigated.ledger[0]).map((w) => w.path)
 */
export function baseYearWarnings(
  s: Pick<Scenario, "placements" | "lines" | "income">,
  base: Pick<LedgerRow, "fy" | "hnb" | "expenditure"> | undefined,
): InputWarning[] {
  // Without an allocation the scenario models spending alone (a worked example): nothing to judge.
  if (!base || base.hnb <= 0) return [];
  const out: InputWarning[] = [];
  const { fy, hnb, expenditure } = base;
  // Against the allocation alone: transfers and other income are the answers to a gap, not part of it.
  {
    const gap = (expenditure - hnb) / hnb;
    if (gap > BASE_YEAR_TOLERANCE.overspend)
      out.push({
        path: "baseYear.expenditure",
        message: `${fy} expenditure ${m(expenditure)} is ${pct(gap)} above the High Needs Block allocation ${m(hnb)} (an overspend of ${m(expenditure - hnb)}; more than ${pct(BASE_YEAR_TOLERANCE.overspend)} is said): if it is real, it is the gap the plan must close; otherwise check the allocation (DSG allocation tables, after deductions) and each line against the s251 outturn`,
      });
    else if (-gap > BASE_YEAR_TOLERANCE.surplus)
      out.push({
        path: "baseYear.expenditure",
        message: `${fy} expenditure ${m(expenditure)} is ${pct(-gap)} below the High Needs Block allocation ${m(hnb)} (a surplus of ${m(hnb - expenditure)}; more than ${pct(BASE_YEAR_TOLERANCE.surplus)} is said): few authorities underspend so much; check for missing s251 lines (1.2.4–1.2.13) or placements`,
      });
  }
  const ehcps = s.placements.filter((p) => p.category !== "NONE").reduce((a, p) => a + p.count, 0);
  if (ehcps > 0 && expenditure > 0) {
    const n = NATIONAL_SPEND_PER_EHCP;
    const national = n.allocation / n.ehcps;
    const per = expenditure / ehcps;
    if (per < n.below * national || per > n.above * national)
      out.push({
        path: "baseYear.spendPerEHCP",
        message: `${fy} expenditure per EHCP is £${formatNumber(Math.round(per))} (${m(expenditure)} over ${formatNumber(ehcps, 0)} EHCPs), ${formatNumber(per / national, 2, 2)} times the national allocation per EHCP of £${formatNumber(Math.round(national))} (${n.source}); outside ${n.below}–${n.above} times: check the counts and unit costs`,
      });
  }
  const paid = (category: string) =>
    s.placements.some((p) => p.category === category && p.count > 0 && p.unitCost > 0);
  if (!paid("MmSoA"))
    out.push({
      path: "placements",
      message:
        "no mainstream top-ups: no mainstream (MmSoA) placement with pupils and a unit cost; every authority pays element 3 top-ups for EHCPs in mainstream (s251 1.2.1 maintained schools, 1.2.2 academies)",
    });
  if (!paid("NMISS"))
    out.push({
      path: "placements",
      message:
        "no independent special school fees: no independent or non-maintained special school (NMISS) placement with pupils and a unit cost (s251 1.2.3); if the authority truly places no pupil there, say so in the scenario's description",
    });
  if (s.lines.length === 0)
    out.push({
      path: "lines",
      message:
        "no other expenditure lines: the s251 high-needs lines beyond placements (1.2.4 targeted mainstream funding, 1.2.5 SEN support services, 1.2.6 hospital education, 1.2.7 AP services, 1.2.8 inclusion, 1.2.11 direct payments, 1.2.13 therapies) are missing; `hnb import` writes each as a TODO",
    });
  return out;
}

// The readable forecast's table of EHCPs by primary need (issue #29): the DSG management plan
// template's pupil table, reported beside the forecast and never costed.
import { type ForecastResult, formatNumber, NEED_CODES, PRIMARY_NEEDS } from "@hnb/model";
import { textTable } from "./table.js";

/**
 * The lines of the primary-need table, or none when the scenario has no `ehcpsByNeed`.
 * @example needsReport(forecast(scenario)).join("\n")
 */
export function needsReport(result: Pick<ForecastResult, "ehcpsByNeed">): string[] {
  const n = result.ehcpsByNeed;
  if (!n) return [];
  const codes = NEED_CODES.filter((c) => n.counts[c] !== undefined);
  const total = codes.reduce((a, c) => a + (n.counts[c] ?? 0), 0);
  const share = (x: number) => (total > 0 ? `${formatNumber((100 * x) / total, 1, 1)}%` : "");
  return [
    "",
    `EHCPs by primary need, January ${n.census} (reported, not costed; source: ${n.source ?? "not given, illustrative"})`,
    textTable(
      ["Primary need", "Code", "EHCPs", "Share"],
      [
        ...codes.map((c) => [PRIMARY_NEEDS[c], c, formatNumber(n.counts[c] ?? 0), share(n.counts[c] ?? 0)]),
        ["Total", "", formatNumber(total), share(total)],
      ],
      [0, 1],
    ),
  ];
}

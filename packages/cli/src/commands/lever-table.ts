import { type ForecastResult, type LeverSaving, leverGroups, type SavingPair } from "@hnb/model";
import { textTable, thousands } from "../table.js";

const k = thousands;
const sumOf = (levers: readonly LeverSaving[], pick: (l: LeverSaving) => number | undefined) =>
  levers.reduce((a, l) => a + (pick(l) ?? 0), 0);

/**
 * The lever table by ledger side (issue #32): savings share the fall in spending, funding levers
 * the money received, each with its subtotal; with a Stability Grant each lever's effect on it and
 * its figure net of it; with Safety Valve payments the payments each saving made possible; then the
 * whole gap. The wording says which figure every column is.
 * @example leverTable(forecast(scenario)).startsWith("Lever effects on the")
 */
export function leverTable(result: ForecastResult): string {
  const grant = result.levers.some((l) => l.stabilityGrantEffect !== undefined);
  const payments = result.levers.some((l) => l.paymentsEnabled !== undefined);
  const extra = (levers: readonly LeverSaving[]) => [
    ...(grant
      ? [
          k(sumOf(levers, (l) => l.stabilityGrantEffect?.shapley)),
          k(sumOf(levers, (l) => l.side.shapley + (l.stabilityGrantEffect?.shapley ?? 0))),
        ]
      : []),
    ...(payments
      ? [levers.some((l) => l.paymentsEnabled) ? k(sumOf(levers, (l) => l.paymentsEnabled?.shapley)) : ""]
      : []),
  ];
  const blank = [...(grant ? ["", ""] : []), ...(payments ? [""] : [])];
  const pair = (p: SavingPair) => [k(p.sequential), k(p.shapley)];
  const rows: string[][] = [];
  const sides = result.leverTotals.bySide;
  for (const g of leverGroups(result)) {
    rows.push([`${g.title}:`, "", "", "", ...blank]);
    for (const l of g.levers) rows.push([`  ${l.label}`, l.type, ...pair(l.side), ...extra([l])]);
    rows.push([
      `  ${g.title} subtotal (${g.kind === "saving" ? "lower spending" : "money received"})`,
      "",
      ...pair(g.kind === "saving" ? sides.savings : sides.funding),
      ...extra(g.levers),
    ]);
  }
  // With a grant, the total row adds across: savings and funding before the grant, the grant's
  // change between the forecasts, and the net, which is the whole change (mitigated less unmitigated).
  const gross = {
    sequential: sides.savings.sequential + sides.funding.sequential,
    shapley: sides.savings.shapley + sides.funding.shapley,
  };
  rows.push([
    "Total (mitigated less unmitigated)",
    "",
    ...pair(grant ? gross : result.leverTotals.total),
    ...(grant ? [k(sides.stabilityGrant?.shapley ?? 0), k(result.leverTotals.total.shapley)] : []),
    ...(payments ? [""] : []),
  ]);
  const headers = [
    "Lever",
    "Type",
    ...(grant ? ["Before grant: sequential", "Before grant: Shapley"] : ["Sequential", "Shapley"]),
    ...(grant ? ["Grant effect", "Net of grant"] : []),
    ...(payments ? ["SV payments made possible"] : []),
  ];
  const notes = [
    "Savings are each lever's share of the fall in spending; funding is each lever's share of the money received (transfers, Safety Valve payments, grants net of their spend), with every saving in place. Sequential: each lever added after those declared before it. Shapley: its average over every order, which does not depend on the order the plan lists them.",
    ...(grant
      ? [
          `Grant effect: the change in the High Needs Stability Grant each lever causes (Shapley): a saving before the grant's deficit year ends lowers the grant by ${Math.round(100 * (result.stabilityGrant?.[0]?.share ?? 0.9))}p in the pound. Net of grant: the lever's share with its grant effect added; the column adds up to the whole change in the ${result.financialYears.at(-1)} balance, and the total row adds across.`,
        ]
      : []),
    ...(payments
      ? [
          "SV payments made possible: the part of the Safety Valve payments made that each saving's lower spending earned (Shapley); it is already in the Safety Valve lever's funding share, shown here apart, not added.",
        ]
      : []),
  ];
  const last = result.financialYears.at(-1);
  const title = grant
    ? `Levers to ${last} by ledger side: savings (lower spending) and funding (money received) before the Stability Grant, each lever's effect on the grant, and the net, which adds up to the change in the ${last} cumulative balance (£ thousands; positive improves it, a cost in brackets)`
    : `Lever effects on the ${last} cumulative balance, by ledger side (£ thousands; positive improves it, a cost in brackets)`;
  return `${title}\n${textTable(headers, rows)}\n${notes.join("\n")}`;
}

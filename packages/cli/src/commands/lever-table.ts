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
  // With a grant, its change between the forecasts is a row of its own (the sum of the levers'
  // effects on it), so the Sequential and Shapley columns add up to the total as the net column
  // does: the total is mitigated less unmitigated in every column, as in the workbook and the paper.
  const change = sides.stabilityGrant;
  if (grant && change)
    rows.push([
      "Stability Grant: change between the forecasts",
      "",
      ...pair(change),
      "",
      "",
      ...(payments ? [""] : []),
    ]);
  const total = result.leverTotals.total;
  rows.push([
    "Total (mitigated less unmitigated)",
    "",
    ...pair(total),
    ...(grant ? [k(change?.shapley ?? 0), k(total.shapley)] : []),
    ...(payments ? [""] : []),
  ]);
  const headers = [
    "Lever",
    "Type",
    "Sequential",
    "Shapley",
    ...(grant ? ["Grant effect", "Net of grant"] : []),
    ...(payments ? ["SV payments made possible"] : []),
  ];
  const notes = [
    "Savings are each lever's share of the fall in spending; funding is each lever's share of the money received (transfers, Safety Valve payments, grants net of their spend), with every saving in place. Sequential: each lever added after those declared before it. Shapley: its average over every order, which does not depend on the order the plan lists them.",
    ...(grant
      ? [
          `Sequential and Shapley: each lever's share before its effect on the Stability Grant; the Stability Grant row is the grant's change between the forecasts (the Grant effect column's total), so each column adds up to the total, the change in the ${result.financialYears.at(-1)} balance. Grant effect: the change in the grant each lever causes (Shapley): a saving before the grant's deficit year ends lowers the grant by ${Math.round(100 * (result.stabilityGrant?.[0]?.share ?? 0.9))}p in the pound. Net of grant: the lever's share with its grant effect added.`,
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

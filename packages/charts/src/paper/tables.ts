// The paper's ledger, lever and transfer tables.
import { leverTypeText } from "@hnb/io";
import {
  type ForecastResult,
  type LedgerRow,
  type LeverSaving,
  leverGroups,
  type SavingPair,
} from "@hnb/model";
import { type PaperContext, type PaperRow, type PaperTable, plainTable } from "./context.js";
import { say, tableThousands, transferRate } from "./format.js";
import type { Wording } from "./wording.js";

/** Whether any lever changes the Stability Grant (the lever table then shows the grant's effect). @example hasEffects(result) */
export const hasEffects = (result: ForecastResult) =>
  result.levers.some((l) => l.stabilityGrantEffect !== undefined);

/** Whether the scenario has levers (a plan to describe). @example hasLevers(paperCtx) */
export const hasLevers = (ctx: PaperContext) => ctx.result.levers.length > 0;

/** The forecast's last financial year. @example lastFY(paperCtx) */
export const lastFY = (ctx: PaperContext) => ctx.result.financialYears.at(-1) as string;

/**
 * One forecast's DSG ledger as a table, years across (as the DfE management plan lays them out),
 * £ thousands; columns a forecast does not use (grant spend, the Stability Grant) are left out.
 * @example ledgerTable(paperCtx, "mitigated").rows.at(-1)?.cells[0] === "Cumulative balance"
 */
export function ledgerTable(ctx: PaperContext, which: "unmitigated" | "mitigated"): PaperTable {
  const f = ctx.w.forecast;
  const ledger = ctx.result[which].ledger;
  const grant = ledger.some((r) => (r.stabilityGrant ?? 0) !== 0);
  const spend = ledger.some((r) => r.implementationCost !== 0);
  const line = (label: string, pick: (r: LedgerRow) => number, style?: PaperRow["style"]): PaperRow => ({
    cells: [label, ...ledger.map((r) => tableThousands(pick(r)))],
    ...(style ? { style } : {}),
  });
  // Other income as the engine's otherIncome, the Stability Grant beside it where it has a column of its own.
  const rows: PaperRow[] = [
    line(f.hnb, (r) => r.hnb),
    line(f.transfer, (r) => r.transfer),
    line(f.otherIncome, (r) => r.otherIncome),
    ...(grant ? [line(f.stabilityGrant, (r) => r.stabilityGrant ?? 0)] : []),
    line(f.income, (r) => r.income, "subtotal"),
    line(f.placementCost, (r) => r.placementCost),
    line(f.lineCost, (r) => r.lineCost),
    line(f.staffingCost, (r) => r.staffingCost),
    ...(spend ? [line(f.implementationCost, (r) => r.implementationCost)] : []),
    line(f.expenditure, (r) => r.expenditure, "subtotal"),
    line(f.inYear, (r) => r.inYear),
    line(f.cumulative, (r) => r.cumulative, "total"),
  ];
  return {
    kind: "table",
    id: `ledger-${which}`,
    caption: say(ctx, which === "unmitigated" ? f.unmitigatedCaption : f.mitigatedCaption),
    header: [say(ctx, f.unit), ...ledger.map((r) => r.fy)],
    rows,
    numeric: ledger.map((_, i) => i + 1),
    widths: [2.6, ...ledger.map(() => 1)],
  };
}

/**
 * The levers by ledger side (issue #32), as the readable forecast lays them out: each saving's share of
 * the fall in spending and each funding lever's share of the money received, sequential and Shapley,
 * with the subtotals of each side; with the Stability Grant each lever's effect on it and its figure net
 * of it, and the grant's own change; with Safety Valve payments what each saving made possible; the total.
 * @example leverTable(paperCtx).rows[0].style === "group"
 */
export function leverTable(ctx: PaperContext): PaperTable {
  const p = ctx.w.plan;
  const r = ctx.result;
  const sides = r.leverTotals.bySide;
  const grant = hasEffects(r);
  const payments = r.levers.some((l) => l.paymentsEnabled !== undefined);
  const k = tableThousands;
  const sum = (levers: readonly LeverSaving[], pick: (l: LeverSaving) => number | undefined) =>
    levers.reduce((a, l) => a + (pick(l) ?? 0), 0);
  // The workbook's words for a lever type, unless the wording gives its own.
  const typeName = (type: string) =>
    Object.hasOwn(ctx.w.leverTypes, type)
      ? ctx.w.leverTypes[type as keyof Wording["leverTypes"]]
      : leverTypeText(type);
  const extra = (levers: readonly LeverSaving[]) => [
    ...(grant
      ? [
          k(sum(levers, (l) => l.stabilityGrantEffect?.shapley)),
          k(sum(levers, (l) => l.side.shapley + (l.stabilityGrantEffect?.shapley ?? 0))),
        ]
      : []),
    ...(payments
      ? [levers.some((l) => l.paymentsEnabled) ? k(sum(levers, (l) => l.paymentsEnabled?.shapley)) : ""]
      : []),
  ];
  const blank = [...(grant ? ["", ""] : []), ...(payments ? [""] : [])];
  const pair = (x: SavingPair) => [k(x.sequential), k(x.shapley)];
  const rows: PaperRow[] = [];
  for (const g of leverGroups(r)) {
    const title = say(ctx, g.kind === "saving" ? p.savings : p.funding);
    rows.push({ cells: [title, "", "", "", ...blank], style: "group" });
    for (const l of g.levers)
      rows.push({ cells: [l.label, typeName(l.type), ...pair(l.side), ...extra([l])] });
    rows.push({
      cells: [
        say(ctx, p.subtotal, { group: title }),
        "",
        ...pair(g.kind === "saving" ? sides.savings : sides.funding),
        ...extra(g.levers),
      ],
      style: "subtotal",
    });
  }
  // Every total adds across and down. With a grant its change between the forecasts (on neither
  // side) is the Grant effect column's total, so the Sequential and Shapley totals are the sides'
  // (before the grant) and the Net of grant total is mitigated less unmitigated: Shapley + grant
  // effect = net in every row, the total's too.
  const change = sides.stabilityGrant;
  const beforeGrant = {
    sequential: sides.savings.sequential + sides.funding.sequential,
    shapley: sides.savings.shapley + sides.funding.shapley,
  };
  rows.push({
    cells: [
      say(ctx, grant ? p.totalWithGrant : p.total),
      "",
      ...(grant
        ? [...pair(beforeGrant), k(change?.shapley ?? 0), k(r.leverTotals.total.shapley)]
        : pair(r.leverTotals.total)),
      ...(payments ? [""] : []),
    ],
    style: "total",
  });
  const columns = 4 + (grant ? 2 : 0) + (payments ? 1 : 0);
  return {
    kind: "table",
    id: "levers",
    caption: "",
    header: [
      p.lever,
      p.type,
      p.sequential,
      p.shapley,
      ...(grant ? [p.stabilityGrantEffect, p.netOfGrant] : []),
      ...(payments ? [p.paymentsEnabled] : []),
    ],
    rows,
    numeric: Array.from({ length: columns - 2 }, (_, i) => i + 2),
    widths: [
      columns > 4 ? 4.2 : 5,
      columns > 4 ? 2 : 2.2,
      ...Array.from({ length: columns - 2 }, () => 1.45),
    ],
  };
}

/** The transfers the paper asks approval for: the plan's (the scenario's own without levers). @example planTransfers(paperCtx).length */
export function planTransfers(ctx: PaperContext): ForecastResult["mitigated"]["transfers"] {
  return ctx.result[hasLevers(ctx) ? "mitigated" : "unmitigated"].transfers.filter((t) => t.rate > 0);
}

/** Each transfer's year, rate of the Schools Block (with other movements), amount and approval route. @example transferTable(paperCtx).rows.length */
export function transferTable(ctx: PaperContext): PaperTable {
  const t = ctx.w.transfer;
  const rows = planTransfers(ctx).map((x) => [
    x.fy,
    // The route is decided on the rate with other movements out of the Schools Block.
    transferRate(x.movements.length ? x.totalRate : x.rate),
    tableThousands(x.amount),
    x.needs === "schools-forum" ? ctx.w.names.schoolsForum : ctx.w.names.disapplication,
  ]);
  return plainTable("transfers", [t.fy, t.rate, t.amount, t.needs], rows, [1, 2], [1.4, 1.4, 1.4, 3.6]);
}

// The Forum paper's content, drafted from a forecast: one small function per paragraph or table, each
// computing its figures from the result (and the scenario's sources), its words from the wording. The
// content is plain data (blocks); paper.ts lays it out as a Word document. Tests call these functions too.
import {
  demandWarnings,
  type ForecastResult,
  formatNumber,
  type LedgerRow,
  type LeverSaving,
  leverGroups,
  formatMoney as money,
  type SavingPair,
  SCHOOLS_FORUM_LIMIT,
  type Scenario,
  type StabilityGrantRow,
  type UncertaintyOutput,
} from "@hnb/model";
import { formatMoney } from "../format.js";
import type { Chart } from "../frame.js";
import { DEFAULT_WORDING, fill, type Wording } from "./wording.js";

/** What the paper is drafted from: the scenario (for its sources), its forecast and, with paths, its uncertainty. */
export interface PaperSource {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
  /** The wording (default {@link DEFAULT_WORDING}). */
  wording?: Wording;
}

/** A row of a paper table: its cells, and how it reads (a group title, a subtotal, the total). */
export interface PaperRow {
  cells: string[];
  style?: "group" | "subtotal" | "total";
}

/** A table: caption, header, rows; the `numeric` columns hold figures (right-aligned). */
export interface PaperTable {
  kind: "table";
  /** What the table is, for the test that checks it: ledger-unmitigated, levers, … */
  id: string;
  caption: string;
  header: string[];
  rows: PaperRow[];
  /** Indexes of the columns of figures. */
  numeric: number[];
  /** Relative column widths (default: the first column twice the others). */
  widths?: number[];
}

/** One block of the paper, in reading order. */
export type PaperBlock =
  | { kind: "title" | "subtitle" | "note"; text: string }
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "paragraph"; id: string; text: string }
  | { kind: "bullets"; id: string; items: string[] }
  | PaperTable
  | { kind: "chart"; name: string; title: string; alt: string };

/** Everything a paragraph function needs: the inputs, the wording and the names every text may use. */
export interface PaperContext {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
  w: Wording;
  /** The placeholders every text may use: plan, scenario, authority. */
  globals: Record<string, string>;
}

/** The context of a paper: wording (default unless given) and the plan's, scenario's and authority's names. @example paperContext({ scenario, result }).globals.plan === "recovery plan" */
export function paperContext(source: PaperSource): PaperContext {
  const w = source.wording ?? (DEFAULT_WORDING as Wording);
  const { scenario, result } = source;
  // `plan: { name }` names the mitigated forecast where the scenario gives it (the result carries it).
  const named = (x: { plan?: { name?: string } | undefined }) => x.plan?.name?.trim() || undefined;
  return {
    scenario,
    result,
    ...(source.uncertainty ? { uncertainty: source.uncertainty } : {}),
    w,
    globals: {
      plan: named(result) ?? named(scenario) ?? w.names.plan,
      scenario: result.scenario,
      authority: scenario.authority?.name ?? result.scenario,
    },
  };
}

// ---------------------------------------------------------------- figures, as the paper writes them

/** Money in a sentence, its size only (the words say deficit or surplus): £235.6m, £450k. @example sentenceMoney(-235_642_270) === "£235.6m" */
export function sentenceMoney(value: number): string {
  return formatMoney(Math.abs(value));
}

/** Money in a sentence with its sign: £4.7m, −£1.2m (a cost). @example signedMoney(-1_200_000) === "−£1.2m" */
export function signedMoney(value: number): string {
  return formatMoney(value);
}

/** £ thousands in a table, deficits in brackets. @example tableThousands(-1_234_567) === "(1,235)" */
export function tableThousands(value: number): string {
  return money(value, { unit: "thousands" });
}

/** A share as a percentage to one decimal place. @example percent(2.3564) === "235.6%" */
export function percent(share: number, decimals = 1): string {
  return `${formatNumber(100 * share, decimals, decimals)}%`;
}

/** A transfer rate to as many places as show which side of 0.5% it falls (0.5049% is not "0.50%"). @example transferRate(0.005) === "0.50%" */
export function transferRate(rate: number): string {
  return `${formatNumber(100 * rate, 4, 2)}%`;
}

/** A count to the nearest whole one. @example wholeCount(1046.6) === "1,047" */
export function wholeCount(value: number): string {
  return formatNumber(Math.round(value));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** An ISO date as a paper writes it. @example longDate("2028-03-31") === "31 March 2028" */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A balance in words: "a deficit of £235.6m", "a surplus of £1.0m", "nil" when it rounds to nothing. @example balanceWords(paperCtx, -2e8) === "a deficit of £200.0m" */
export function balanceWords(ctx: PaperContext, value: number): string {
  const amount = sentenceMoney(value);
  if (/^£0k$/.test(amount)) return say(ctx, ctx.w.names.balanced);
  return say(ctx, value < 0 ? ctx.w.names.deficit : ctx.w.names.surplus, { amount });
}

/** A change in the balance in words: "£41.6m better", "£0.2m worse", "no different". @example changeWords(paperCtx, 41_585_950) === "£41.6m better" */
export function changeWords(ctx: PaperContext, value: number): string {
  const amount = sentenceMoney(value);
  if (/^£0k$/.test(amount)) return say(ctx, ctx.w.names.unchanged);
  return say(ctx, value > 0 ? ctx.w.names.better : ctx.w.names.worse, { amount });
}

/** A text of the wording filled with the globals and `values`; "" (a paragraph left out) stays "". @example say(paperCtx, "{plan}") === "recovery plan" */
export function say(ctx: PaperContext, text: string, values: Record<string, string> = {}): string {
  return text === "" ? "" : fill(text, { ...ctx.globals, ...values });
}

// ---------------------------------------------------------------- the Stability Grant (spec §11), where there is one

/** The Stability Grant rows of a result, none without a grant. @example stabilityGrants(result).length */
export function stabilityGrants(result: ForecastResult): StabilityGrantRow[] {
  return result.stabilityGrant ?? [];
}

/** The grant's share as a percentage, to as many places as it has (90%, 87.5%). @example grantShare(0.9) === "90%" */
export function grantShare(share: number): string {
  return `${formatNumber(100 * share, 2)}%`;
}

const hasEffects = (result: ForecastResult) =>
  result.levers.some((l) => l.stabilityGrantEffect !== undefined);

const hasLevers = (ctx: PaperContext) => ctx.result.levers.length > 0;
const lastFY = (ctx: PaperContext) => ctx.result.financialYears.at(-1) as string;

// ---------------------------------------------------------------- the paragraphs

/** The top of the paper: title, subtitle, the draft note and, where inputs are illustrative, the warning. @example titleBlocks(paperCtx)[0].kind === "title" */
export function titleBlocks(ctx: PaperContext): PaperBlock[] {
  const d = ctx.w.document;
  const out: PaperBlock[] = [
    { kind: "title", text: say(ctx, d.title) },
    { kind: "subtitle", text: say(ctx, d.subtitle) },
    { kind: "note", text: say(ctx, d.draft) },
  ];
  if (ctx.result.illustrative.length)
    out.push({
      kind: "note",
      text: say(ctx, d.illustrative, { count: wholeCount(ctx.result.illustrative.length) }),
    });
  return out;
}

/** The position when the statutory override ends, unmitigated and mitigated, and the difference. @example overrideParagraph(paperCtx) */
export function overrideParagraph(ctx: PaperContext): string {
  const o = ctx.result.statutoryOverride;
  const s = ctx.w.summary;
  const date = longDate(o.ends);
  if (!o.withinHorizon) {
    const u = ctx.result.unmitigated.ledger.at(-1)?.cumulative ?? 0;
    const m = ctx.result.mitigated.ledger.at(-1)?.cumulative ?? u;
    return say(ctx, s.overrideAfter, {
      date,
      fy: lastFY(ctx),
      unmitigated: balanceWords(ctx, u),
      mitigated: balanceWords(ctx, m),
    });
  }
  const u = o.unmitigated ?? 0;
  const m = o.mitigated ?? u;
  if (!hasLevers(ctx))
    return say(ctx, s.overrideNoPlan, { date, fy: o.fy, unmitigated: balanceWords(ctx, u) });
  return say(ctx, s.override, {
    date,
    fy: o.fy,
    unmitigated: balanceWords(ctx, u),
    mitigated: balanceWords(ctx, m),
    difference: changeWords(ctx, m - u),
  });
}

/** The deficit when the override ends as a share of the council's usable reserves (or that they are not given). @example reservesParagraph(paperCtx) */
export function reservesParagraph(ctx: PaperContext): string {
  const o = ctx.result.statutoryOverride;
  if (!o.withinHorizon) return "";
  if (o.usableReserves === undefined) return say(ctx, ctx.w.summary.noReserves);
  return say(ctx, ctx.w.summary.reserves, {
    reserves: sentenceMoney(o.usableReserves),
    unmitigatedShare: percent(o.unmitigatedShareOfReserves ?? 0),
    mitigatedShare: percent(o.mitigatedShareOfReserves ?? o.unmitigatedShareOfReserves ?? 0),
  });
}

/** When the in-year balance reaches zero and stays there, without and with the plan. @example inYearParagraph(paperCtx) */
export function inYearParagraph(ctx: PaperContext): string {
  const sv = ctx.result.safetyValve;
  const when = (fy: string | null) =>
    fy ? say(ctx, ctx.w.names.balancedFrom, { fy }) : say(ctx, ctx.w.names.neverBalanced);
  return say(ctx, ctx.w.summary.inYear, {
    unmitigated: when(sv.unmitigatedBalancedIn),
    mitigated: when(hasLevers(ctx) ? sv.mitigatedBalancedIn : sv.unmitigatedBalancedIn),
  });
}

/**
 * The plan by ledger side (Shapley): what its savings take off spending and its funding brings in,
 * then the whole improvement, with the Stability Grant's change between the forecasts where there is one.
 * @example planTotalsParagraphs(paperCtx)
 */
export function planTotalsParagraphs(ctx: PaperContext): string[] {
  if (!hasLevers(ctx)) return [];
  const t = ctx.result.leverTotals;
  const s = ctx.w.summary;
  const grant = t.bySide.stabilityGrant;
  const first = stabilityGrants(ctx.result)[0];
  return [
    say(ctx, s.plan, {
      fy: lastFY(ctx),
      savings: signedMoney(t.bySide.savings.shapley),
      funding: signedMoney(t.bySide.funding.shapley),
    }),
    grant && first
      ? say(ctx, s.planGrant, {
          grant: signedMoney(grant.shapley),
          deficitFY: first.deficitFY,
          total: signedMoney(t.total.shapley),
        })
      : say(ctx, s.planTotal, { total: signedMoney(t.total.shapley) }),
  ];
}

/** Where the plan stands with DfE (the grant's condition), where the scenario names its plan. @example planStatusParagraph(paperCtx) */
export function planStatusParagraph(ctx: PaperContext): string {
  const plan = ctx.result.plan;
  if (!plan) return "";
  const n = ctx.w.names;
  const status =
    plan.status === "submitted"
      ? plan.submitted
        ? say(ctx, n.submittedOn, { date: longDate(plan.submitted) })
        : say(ctx, n.submitted)
      : plan.status === "approved"
        ? say(ctx, n.approved)
        : plan.status === "not-approved"
          ? say(ctx, n.notApproved)
          : say(ctx, n.draft);
  return say(ctx, ctx.w.summary.planStatus, { status });
}

/** One sentence per forecast the Stability Grant applies to: its condition, amount, share and the deficit it pays off. @example stabilityGrantParagraphs(paperCtx) */
export function stabilityGrantParagraphs(ctx: PaperContext): string[] {
  return stabilityGrants(ctx.result).map((g) =>
    say(ctx, ctx.w.summary.stabilityGrant, {
      forecast: g.forecast === "mitigated" ? ctx.w.names.mitigated : ctx.w.names.unmitigated,
      condition: g.condition,
      amount: sentenceMoney(g.amount),
      paidIn: g.paidIn,
      share: grantShare(g.share),
      eligible: sentenceMoney(g.eligibleDeficit),
      deficitFY: g.deficitFY,
      basis: g.eligibleGiven ? ctx.w.names.eligibleGiven : ctx.w.names.eligibleOwn,
    }),
  );
}

/** Each forecast's side of the position at the override's end with and without the grant (a forecast without the grant has its ledger's). */
function grantSides(ctx: PaperContext) {
  const o = ctx.result.statutoryOverride;
  const g = o.stabilityGrant;
  if (!g || !o.withinHorizon) return undefined;
  return { g, u: g.unmitigated, m: hasLevers(ctx) ? g.mitigated : g.unmitigated };
}

/** The position when the override ends as if no Stability Grant were paid. @example withoutGrantParagraph(paperCtx) */
export function withoutGrantParagraph(ctx: PaperContext): string {
  const sides = grantSides(ctx);
  const o = ctx.result.statutoryOverride;
  if (!sides) return "";
  return say(ctx, ctx.w.summary.withoutGrant, {
    unmitigated: balanceWords(ctx, sides.u?.withoutGrant ?? o.unmitigated ?? 0),
    mitigated: balanceWords(ctx, sides.m?.withoutGrant ?? o.mitigated ?? 0),
  });
}

/** What accrued after the grant's deficit year to the override's end (no grant covers it), and its share of reserves. @example accruedParagraphs(paperCtx) */
export function accruedParagraphs(ctx: PaperContext): string[] {
  const sides = grantSides(ctx);
  if (!sides) return [];
  const { u, m } = sides;
  // A grant paid with the plan only: the engine splits the mitigated forecast's position alone.
  if (!u || !m)
    return (["unmitigated", "mitigated"] as const).flatMap((which) => {
      const side = sides.g[which];
      if (!side || (which === "mitigated" && !hasLevers(ctx))) return [];
      return [
        say(ctx, ctx.w.summary.accruedOne, {
          forecast: ctx.w.names[which],
          fy: sides.g.accruedFrom,
          left: balanceWords(ctx, side.historicRemaining),
          amount: balanceWords(ctx, side.accruedSince),
        }),
        ...(side.accruedShareOfReserves === undefined
          ? []
          : [say(ctx, ctx.w.summary.accruedReservesOne, { share: percent(side.accruedShareOfReserves) })]),
      ];
    });
  const out = [
    say(ctx, ctx.w.summary.accrued, {
      fy: sides.g.accruedFrom,
      unmitigatedLeft: balanceWords(ctx, u.historicRemaining),
      mitigatedLeft: balanceWords(ctx, m.historicRemaining),
      unmitigated: balanceWords(ctx, u.accruedSince),
      mitigated: balanceWords(ctx, m.accruedSince),
    }),
  ];
  if (u.accruedShareOfReserves !== undefined && m.accruedShareOfReserves !== undefined)
    out.push(
      say(ctx, ctx.w.summary.accruedReserves, {
        unmitigatedShare: percent(u.accruedShareOfReserves),
        mitigatedShare: percent(m.accruedShareOfReserves),
      }),
    );
  return out;
}

/** The years reported after the override's end, where the forecast runs past it. @example laterYearsParagraph(paperCtx) */
export function laterYearsParagraph(ctx: PaperContext): string {
  const later = ctx.result.statutoryOverride.laterYears ?? [];
  if (!later.length) return "";
  const year = Number(ctx.result.statutoryOverride.ends.slice(0, 4));
  return say(ctx, ctx.w.summary.laterYears, { month: `April ${year}`, fy: later[0] as string });
}

/** The balance brought forward into the base year. @example openingParagraph(paperCtx) */
export function openingParagraph(ctx: PaperContext): string {
  return say(ctx, ctx.w.forecast.opening, {
    fy: ctx.result.financialYears[0] as string,
    balance: balanceWords(ctx, ctx.result.openingBalance),
  });
}

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
  const typeName = (type: string) =>
    Object.hasOwn(ctx.w.leverTypes, type) ? ctx.w.leverTypes[type as keyof Wording["leverTypes"]] : type;
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
  // The grant's change is on neither side: a row of its own, so each column adds up to the total.
  if (sides.stabilityGrant)
    rows.push({
      cells: [say(ctx, p.grantRow), "", ...pair(sides.stabilityGrant), ...blank],
      style: "subtotal",
    });
  rows.push({
    cells: [
      say(ctx, p.total),
      "",
      ...pair(r.leverTotals.total),
      ...(grant ? [k(sides.stabilityGrant?.shapley ?? 0), k(r.leverTotals.total.shapley)] : []),
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

/** With the Stability Grant: what the grant columns mean. @example grantNoteParagraph(paperCtx) */
export function grantNoteParagraph(ctx: PaperContext): string {
  const g = stabilityGrants(ctx.result)[0];
  if (!g || !hasEffects(ctx.result)) return "";
  return say(ctx, ctx.w.plan.grantNote, {
    deficitFY: g.deficitFY,
    share: grantShare(g.share),
    fy: lastFY(ctx),
  });
}

/** With Safety Valve payments a saving earned: what that column means. @example paymentsNoteParagraph(paperCtx) */
export function paymentsNoteParagraph(ctx: PaperContext): string {
  return ctx.result.levers.some((l) => l.paymentsEnabled !== undefined)
    ? say(ctx, ctx.w.plan.paymentsNote)
    : "";
}

/** The plan's opening sentence: how many levers, what the table shows. @example planIntroParagraph(paperCtx) */
export function planIntroParagraph(ctx: PaperContext): string {
  if (!hasLevers(ctx)) return say(ctx, ctx.w.plan.none);
  return say(ctx, ctx.w.plan.intro, {
    count: wholeCount(ctx.result.levers.length),
    fy: lastFY(ctx),
  });
}

/** One sentence per grant lever: its income, the spend it pays for and the net. @example grantParagraphs(paperCtx) */
export function grantParagraphs(ctx: PaperContext): string[] {
  return ctx.result.grants.map((g) =>
    say(ctx, ctx.w.plan.grant, {
      label: g.label,
      income: sentenceMoney(g.income),
      spend: sentenceMoney(g.spend),
      net: signedMoney(g.net),
    }),
  );
}

/** One sentence per conditional Safety Valve payment: paid or withheld, against its target. @example safetyValveParagraphs(paperCtx) */
export function safetyValveParagraphs(ctx: PaperContext): string[] {
  return ctx.result.safetyValvePayments.map((p) =>
    say(ctx, ctx.w.plan.safetyValve, {
      fy: p.fy,
      amount: sentenceMoney(p.amount),
      outcome: p.paid ? ctx.w.names.paid : ctx.w.names.withheld,
      before: balanceWords(ctx, p.inYearBefore),
      target: balanceWords(ctx, p.target),
    }),
  );
}

/** The transfers the paper asks approval for: the plan's (the scenario's own without levers). @example planTransfers(paperCtx).length */
export function planTransfers(ctx: PaperContext): ForecastResult["mitigated"]["transfers"] {
  return ctx.result[hasLevers(ctx) ? "mitigated" : "unmitigated"].transfers.filter((t) => t.rate > 0);
}

/** The transfer section's opening: how many transfers, and the approval each route needs. @example transferParagraph(paperCtx) */
export function transferParagraph(ctx: PaperContext): string {
  const transfers = planTransfers(ctx);
  if (!transfers.length) return say(ctx, ctx.w.transfer.none);
  return say(ctx, ctx.w.transfer.intro, {
    count: wholeCount(transfers.length),
    limit: percent(SCHOOLS_FORUM_LIMIT),
  });
}

/** Each transfer's year, rate of the Schools Block (with other movements), amount and approval route. @example transferTable(paperCtx).rows.length */
export function transferTable(ctx: PaperContext): PaperTable {
  const t = ctx.w.transfer;
  return {
    kind: "table",
    id: "transfers",
    caption: "",
    header: [t.fy, t.rate, t.amount, t.needs],
    rows: planTransfers(ctx).map((x) => ({
      cells: [
        x.fy,
        // The route is decided on the rate with other movements out of the Schools Block.
        transferRate(x.movements.length ? x.totalRate : x.rate),
        tableThousands(x.amount),
        x.needs === "schools-forum" ? ctx.w.names.schoolsForum : ctx.w.names.disapplication,
      ],
    })),
    numeric: [1, 2],
    widths: [1.4, 1.4, 1.4, 3.6],
  };
}

/** The bands' sentence: paths, seed, the final balance's p10 to p90 around the central forecast. @example bandsParagraph(paperCtx) */
export function bandsParagraph(ctx: PaperContext): string {
  const u = ctx.uncertainty;
  if (!u) return say(ctx, ctx.w.risks.notRun);
  const { fy, forecast } = u.tornado;
  const band = u.ledger.find((r) => r.measure === "cumulative" && r.fy === fy && r.forecast === forecast);
  const central = ctx.result[forecast].ledger.find((r) => r.fy === fy)?.cumulative ?? 0;
  if (!band) return "";
  return say(ctx, ctx.w.risks.bands, {
    paths: wholeCount(u.paths),
    seed: String(u.seed),
    forecast: forecast === "mitigated" ? ctx.w.names.mitigated : ctx.w.names.unmitigated,
    fy,
    lower: balanceWords(ctx, band.p10),
    upper: balanceWords(ctx, band.p90),
    central: balanceWords(ctx, central),
  });
}

/** The tornado's sentence: the assumption that moves the final balance most, at its own p10 and p90. @example tornadoParagraph(paperCtx) */
export function tornadoParagraph(ctx: PaperContext): string {
  const top = ctx.uncertainty?.tornado.rows[0];
  if (!top) return "";
  return say(ctx, ctx.w.risks.tornado, {
    label: top.label,
    low: balanceWords(ctx, top.low),
    high: balanceWords(ctx, top.high),
  });
}

/** The estimates and inputs the engine flags (growth, unit costs, shifts, inputs, demand), each with what it concerns. @example riskChecks(paperCtx) */
export function riskChecks(ctx: PaperContext): string[] {
  const r = ctx.result;
  const labels = new Map(r.unmitigated.placements.map((p) => [p.id, p.label]));
  const levers = new Map(r.levers.map((l) => [l.id, l.label]));
  return [
    ...r.calibration.flatMap((c) => c.warnings.map((w) => `${c.label}: ${w}`)),
    ...r.unitCostWarnings.map((w) => `${labels.get(w.id) ?? w.id}: ${w.message}`),
    ...r.shiftWarnings.map((w) => `${levers.get(w.lever) ?? w.lever}: ${w.message}`),
    ...[...r.inputWarnings, ...demandWarnings(r.demand)].map((w) => `${w.path}: ${w.message}`),
  ];
}

/** The methods note, one paragraph per idea, the bands' and the grant's only where the paper has them. @example methodsParagraphs(paperCtx) */
export function methodsParagraphs(ctx: PaperContext): string[] {
  const m = ctx.w.methods;
  return [
    m.unmitigated,
    m.mitigated,
    m.sides,
    m.attribution,
    ...(ctx.uncertainty ? [m.bands] : []),
    ...(stabilityGrants(ctx.result).length ? [m.stabilityGrant] : []),
    m.rounding,
  ].map((t) => say(ctx, t));
}

/** One assumption of the appendix: what it is, its key in the scenario file, its figure, its source, whether illustrative. */
export interface AssumptionRow {
  label: string;
  key: string;
  figure: string;
  source: string | undefined;
  illustrative: boolean;
}

/**
 * Every input of the scenario with its source and illustrative flag; the figure is the input as the
 * forecast uses it in the base year (from the result), where it has one.
 * @example assumptionRows(paperCtx).find((r) => r.key === "openingBalance")?.illustrative
 */
export function assumptionRows(ctx: PaperContext): AssumptionRow[] {
  const { scenario: s, result: r, w } = ctx;
  const a = w.appendix;
  const base = r.financialYears[0] as string;
  const flagged = (key: string) => r.illustrative.some((k) => k === key || k.startsWith(`${key}.`));
  const rows: AssumptionRow[] = [];
  const add = (label: string, key: string, figure: string, source: string | undefined) =>
    rows.push({ label, key, figure, source, illustrative: flagged(key) });
  const amount = (v: number) => say(ctx, a.amount, { amount: sentenceMoney(v) });
  const total = (v: number) => say(ctx, a.total, { amount: sentenceMoney(v) });

  add(
    say(ctx, a.openingBalance),
    "openingBalance",
    balanceWords(ctx, r.openingBalance),
    s.openingBalanceSource,
  );
  const placements = r.unmitigated.placements;
  for (const p of s.placements) {
    const first = placements.find((x) => x.id === p.id && x.census === r.baseYear);
    const next = placements.find((x) => x.id === p.id && x.census === r.baseYear + 1);
    let figure = "";
    if (first && first.count > 0)
      figure = say(ctx, a.placement, {
        count: wholeCount(first.count),
        unitCost: money(first.unitCost, { symbol: true }),
        growth: percent(next ? next.count / first.count - 1 : 0),
      });
    else if (first) figure = say(ctx, a.newPlacement, { unitCost: money(first.unitCost, { symbol: true }) });
    add(p.label, `placements.${p.id}`, figure, p.source);
  }
  for (const l of s.lines) {
    const cost = r.unmitigated.lines.find((x) => x.id === l.id && x.fy === base)?.cost ?? 0;
    add(l.label, `lines.${l.id}`, amount(cost), l.source);
  }
  for (const st of s.staffing) {
    const cost = r.unmitigated.staffing.find((x) => x.id === st.id && x.fy === base)?.cost ?? 0;
    add(st.role, `staffing.${st.id}`, amount(cost), st.source);
  }
  add(say(ctx, a.hnb), "income.hnb", amount(r.unmitigated.ledger[0]?.hnb ?? 0), s.income.hnb.source);
  if (s.income.importExport)
    add(say(ctx, a.importExport), "income.importExport", "", s.income.importExport.source);
  if (s.income.schoolsBlock) {
    const moved = r.unmitigated.transfers.reduce((t, x) => t + x.amount, 0);
    add(
      say(ctx, a.schoolsBlock),
      "income.schoolsBlock",
      moved ? total(moved) : "",
      s.income.schoolsBlock.source,
    );
  }
  for (const o of s.income.other) {
    const sum = r.unmitigated.otherIncome.filter((x) => x.id === o.id).reduce((t, x) => t + x.amount, 0);
    add(o.label, `income.other.${o.id}`, total(sum), o.source);
  }
  if (s.income.stabilityGrant) {
    const paid = stabilityGrants(r).map((g) =>
      say(ctx, a.stabilityGrant, {
        forecast: g.forecast === "mitigated" ? w.names.mitigated : w.names.unmitigated,
        amount: sentenceMoney(g.amount),
        paidIn: g.paidIn,
      }),
    );
    add(
      say(ctx, a.stabilityGrantInput),
      "income.stabilityGrant",
      paid.join("; "),
      s.income.stabilityGrant.source,
    );
  }
  const levers = new Map(r.levers.map((l) => [l.id, l]));
  for (const m of s.mitigations) {
    const l = levers.get(m.id);
    // A staffing lever's source may sit on its lines only.
    const source =
      m.source ??
      (m.type === "staffing"
        ? m.staffing.flatMap((x) => (x.source ? [x.source] : [])).join("; ") || undefined
        : undefined);
    add(
      l?.label ?? m.id,
      `mitigations.${m.id}`,
      l ? say(ctx, a.lever, { amount: signedMoney(l.side.shapley) }) : "",
      source,
    );
  }
  if (s.statutoryOverride) {
    const reserves = s.statutoryOverride.usableReserves;
    add(
      say(ctx, a.statutoryOverride),
      "statutoryOverride",
      reserves === undefined ? "" : say(ctx, a.reserves, { amount: sentenceMoney(reserves) }),
      s.statutoryOverride.source,
    );
  }
  if (s.plan) add(say(ctx, a.planInput), "plan", "", s.plan.source);
  const plain = [
    ["reference", a.reference, s.reference?.source, s.reference],
    ["flows", a.flows, s.flows?.source, s.flows],
    ["demand", a.demand, s.demand?.source, s.demand],
    ["uncertainty", a.uncertainty, s.uncertainty?.source, s.uncertainty],
  ] as const;
  for (const [key, label, source, present] of plain) if (present) add(say(ctx, label), key, "", source);
  return rows;
}

/** The appendix table of {@link assumptionRows}: input (with its key), figure, source, illustrative. @example appendixTable(paperCtx).id === "assumptions" */
export function appendixTable(ctx: PaperContext): PaperTable {
  const a = ctx.w.appendix;
  return {
    kind: "table",
    id: "assumptions",
    caption: "",
    header: [a.input, a.figure, a.source, a.illustrative],
    rows: assumptionRows(ctx).map((r) => ({
      cells: [
        `${r.label} (${r.key})`,
        r.figure,
        r.source ?? ctx.w.names.notGiven,
        r.illustrative ? ctx.w.names.yes : "",
      ],
    })),
    // Text throughout: the figure column reads as words, the source as the file gives it.
    numeric: [],
    widths: [3, 2.6, 5, 1.2],
  };
}

const paragraph = (id: string, text: string): PaperBlock[] => (text ? [{ kind: "paragraph", id, text }] : []);
const paragraphs = (id: string, texts: readonly string[]): PaperBlock[] =>
  texts.flatMap((t, i) => paragraph(`${id}-${i}`, t));
const heading = (ctx: PaperContext, text: string): PaperBlock => ({
  kind: "heading",
  text: say(ctx, text),
  level: 1,
});
const chartBlock = (c: Chart): PaperBlock => ({ kind: "chart", name: c.name, title: c.title, alt: c.alt });

/**
 * The whole paper as blocks, in reading order: title, summary, ledgers, plan, transfers, charts, risks
 * (fan and tornado when the bands were run), methods, appendix. `charts` are the pack's (packCharts).
 * @example paperContent(paperContext({ scenario, result }), packCharts({ scenario, result }))
 */
export function paperContent(ctx: PaperContext, charts: readonly Chart[]): PaperBlock[] {
  const h = ctx.w.headings;
  const risky = new Set(["fan", "tornado"]);
  const out: PaperBlock[] = [...titleBlocks(ctx)];
  out.push(
    heading(ctx, h.summary),
    ...paragraph("override", overrideParagraph(ctx)),
    ...paragraph("reserves", reservesParagraph(ctx)),
    ...paragraph("in-year", inYearParagraph(ctx)),
    ...paragraphs("plan-totals", planTotalsParagraphs(ctx)),
    ...paragraph("plan-status", planStatusParagraph(ctx)),
    ...paragraphs("stability-grant", stabilityGrantParagraphs(ctx)),
    ...paragraph("without-grant", withoutGrantParagraph(ctx)),
    ...paragraphs("accrued", accruedParagraphs(ctx)),
  );
  out.push(
    heading(ctx, h.forecast),
    ...paragraph("forecast-intro", say(ctx, ctx.w.forecast.intro)),
    ...paragraph("opening", openingParagraph(ctx)),
    ...paragraph("later-years", laterYearsParagraph(ctx)),
    ledgerTable(ctx, "unmitigated"),
    ...(hasLevers(ctx) ? [ledgerTable(ctx, "mitigated")] : []),
  );
  out.push(heading(ctx, h.plan), ...paragraph("plan-intro", planIntroParagraph(ctx)));
  if (hasLevers(ctx))
    out.push(
      leverTable(ctx),
      ...paragraph("grant-note", grantNoteParagraph(ctx)),
      ...paragraph("payments-note", paymentsNoteParagraph(ctx)),
      ...paragraphs("grant", grantParagraphs(ctx)),
      ...paragraphs("safety-valve", safetyValveParagraphs(ctx)),
    );
  out.push(heading(ctx, h.transfer), ...paragraph("transfer", transferParagraph(ctx)));
  if (planTransfers(ctx).length) out.push(transferTable(ctx));
  out.push(
    heading(ctx, h.charts),
    ...paragraph("charts-intro", say(ctx, ctx.w.charts.intro)),
    ...charts.filter((c) => !risky.has(c.name)).map(chartBlock),
  );
  const fan = charts.find((c) => c.name === "fan");
  const tornado = charts.find((c) => c.name === "tornado");
  out.push(
    heading(ctx, h.risks),
    ...paragraph("bands", bandsParagraph(ctx)),
    ...(ctx.uncertainty && fan ? [chartBlock(fan)] : []),
    ...paragraph("tornado", tornadoParagraph(ctx)),
    ...(ctx.uncertainty && tornado ? [chartBlock(tornado)] : []),
  );
  const checks = riskChecks(ctx);
  if (checks.length && ctx.w.risks.checks)
    out.push(...paragraph("checks-intro", say(ctx, ctx.w.risks.checks)), {
      kind: "bullets",
      id: "checks",
      items: checks,
    });
  out.push(heading(ctx, h.methods), ...paragraphs("methods", methodsParagraphs(ctx)));
  out.push(
    heading(ctx, h.appendix),
    ...paragraph(
      "appendix-intro",
      say(ctx, ctx.w.appendix.intro, { fy: ctx.result.financialYears[0] as string }),
    ),
    appendixTable(ctx),
  );
  // A text the wording leaves empty leaves its title, note or heading out too.
  return out.filter((b) => !("text" in b) || b.text !== "");
}

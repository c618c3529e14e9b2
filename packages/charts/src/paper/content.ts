// The Forum paper's content, drafted from a forecast: one small function per paragraph or table, each
// computing its figures from the result (and the scenario's sources), its words from the wording. The
// content is plain data (blocks); paper.ts lays it out as a Word document. Tests call these functions too.
import { demandWarnings, SCHOOLS_FORUM_LIMIT } from "@hnb/model";
import type { Chart } from "../frame.js";
import { appendixTable } from "./assumptions.js";
import type { PaperBlock, PaperContext } from "./context.js";
import {
  balanceWords,
  changeWords,
  grantShare,
  longDate,
  percent,
  say,
  sentenceMoney,
  signedMoney,
  stabilityGrants,
  wholeCount,
} from "./format.js";
import {
  hasEffects,
  hasLevers,
  lastFY,
  ledgerTable,
  leverTable,
  planTransfers,
  transferTable,
} from "./tables.js";

export { type AssumptionRow, appendixTable, assumptionRows } from "./assumptions.js";
export {
  type PaperBlock,
  type PaperContext,
  type PaperRow,
  type PaperSource,
  type PaperTable,
  paperContext,
} from "./context.js";
// All of format.ts: the formatters word a figure as the paper does, wherever else it is printed.
export * from "./format.js";
export { ledgerTable, leverTable, planTransfers, transferTable } from "./tables.js";

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
  // A submission on a date is in the past tense: "is submitted on 30 June" reads as a timetable.
  if (plan.status === "submitted" && plan.submitted)
    return say(ctx, ctx.w.summary.planSubmittedOn, { date: longDate(plan.submitted) });
  const status =
    plan.status === "submitted"
      ? say(ctx, n.submitted)
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
          deficitFY: sides.g.deficitFY,
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
      deficitFY: sides.g.deficitFY,
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

/** The transfer section's opening: how many transfers, and the approval each route needs. @example transferParagraph(paperCtx) */
export function transferParagraph(ctx: PaperContext): string {
  const transfers = planTransfers(ctx);
  if (!transfers.length) return say(ctx, ctx.w.transfer.none);
  return say(ctx, ctx.w.transfer.intro, {
    count: wholeCount(transfers.length),
    limit: percent(SCHOOLS_FORUM_LIMIT),
  });
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

/**
 * The estimates and inputs the engine flags, one line per kind (growth, unit costs, shifts, inputs,
 * demand, the base year) with how many and what they concern; every warning is counted, none left
 * out, and the full list with its evidence is where {@link checksWhereParagraph} says.
 * @example riskChecks(paperCtx)
 */
export function riskChecks(ctx: PaperContext): string[] {
  const r = ctx.result;
  const k = ctx.w.risks;
  const labels = new Map(r.unmitigated.placements.map((p) => [p.id, p.label]));
  const levers = new Map(r.levers.map((l) => [l.id, l.label]));
  const kinds: [string, string[]][] = [
    [k.growthChecks, r.calibration.flatMap((c) => c.warnings.map(() => c.label))],
    [k.unitCostChecks, r.unitCostWarnings.map((w) => labels.get(w.id) ?? w.id)],
    [k.shiftChecks, r.shiftWarnings.map((w) => levers.get(w.lever) ?? w.lever)],
    [k.inputChecks, r.inputWarnings.map((w) => w.path)],
    [k.demandChecks, demandWarnings(r.demand).map((w) => w.path)],
    [k.baseYearChecks, r.baseYearWarnings.map((w) => w.path)],
  ];
  // One entry per warning: what each concerns is named once, the count is of the warnings.
  return kinds.flatMap(([text, about]) =>
    about.length && text
      ? [say(ctx, text, { count: wholeCount(about.length), items: [...new Set(about)].join("; ") })]
      : [],
  );
}

/** Where the flagged inputs and estimates are listed in full, with their evidence. @example checksWhereParagraph(paperCtx) */
export function checksWhereParagraph(ctx: PaperContext): string {
  return riskChecks(ctx).length ? say(ctx, ctx.w.risks.checksWhere) : "";
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
 * @example paperContent(paperCtx, packCharts({ scenario, result }))
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
    out.push(
      ...paragraph("checks-intro", say(ctx, ctx.w.risks.checks)),
      { kind: "bullets", id: "checks", items: checks },
      ...paragraph("checks-where", checksWhereParagraph(ctx)),
    );
  out.push(heading(ctx, h.methods), ...paragraphs("methods", methodsParagraphs(ctx)));
  out.push(
    heading(ctx, h.appendix),
    ...paragraph(
      "appendix-intro",
      say(ctx, ctx.w.appendix.intro, { fy: ctx.result.financialYears[0] as string }),
    ),
    ...paragraph("demand-share", ctx.result.demand ? say(ctx, ctx.w.appendix.demandShare) : ""),
    appendixTable(ctx),
  );
  // A text the wording leaves empty leaves its title, note or heading out too.
  return out.filter((b) => !("text" in b) || b.text !== "");
}

// The paper's appendix: every assumption of the forecast with its value and source.
import { formatMoney as money } from "@hnb/model";
import { type PaperContext, type PaperTable, plainTable } from "./context.js";
import {
  balanceWords,
  percent,
  say,
  sentenceMoney,
  signedMoney,
  stabilityGrants,
  wholeCount,
} from "./format.js";

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
  const rows = assumptionRows(ctx).map((r) => [
    `${r.label} (${r.key})`,
    r.figure,
    r.source ?? ctx.w.names.notGiven,
    r.illustrative ? ctx.w.names.yes : "",
  ]);
  // Text throughout (no numeric column): the figure column reads as words, the source as the file gives it.
  return plainTable("assumptions", [a.input, a.figure, a.source, a.illustrative], rows, [], [3, 2.6, 5, 1.2]);
}

// The paper's appendix: every assumption of the forecast with its value and source.
import { words } from "@hnb/io";
import {
  type FigureKind,
  type ForecastResult,
  itemFigures,
  formatMoney as money,
  type Placement,
  type Sourced,
  type SourcedFigure,
} from "@hnb/model";
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
 * The Source cell of an item, read figure by figure as the model and the workbook read it
 * (`itemFigures`: a figure's own source in `sources`, else the item's `source`): one source when
 * every figure has the same, else each figure's named ("Count: DfE SEN2 …; Unit cost: s251 …").
 * @example itemSource(paperCtx, "income.hnb", "hnb", scenario.income.hnb)
 */
export function itemSource(
  ctx: PaperContext,
  item: string,
  kind: FigureKind,
  value: Sourced & Readonly<Record<string, unknown>>,
): string | undefined {
  return sourceText(ctx, itemFigures(item, kind, value), value.source);
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function sourceText(
  ctx: PaperContext,
  figures: readonly SourcedFigure[],
  whole: string | undefined,
): string | undefined {
  // An item holding no figure of its kind (a placement with growth estimated and nothing else) has its own source.
  if (!figures.length) return whole;
  const sources = [...new Set(figures.map((f) => f.source))];
  if (sources.length === 1) return sources[0];
  // Figures that share a source are named together, in the order the item lists them.
  return sources
    .map((source) => {
      // "Unit cost, cost inflation": the workbook's names, a capital only where a group starts.
      const fields = figures
        .filter((f) => f.source === source)
        .map((f, i) =>
          i === 0 || /^[A-Z0-9]{2,}\b/.test(words(f.field)) ? words(f.field) : lower(words(f.field)),
        );
      return `${fields.join(", ")}: ${source ?? ctx.w.names.notGiven}`;
    })
    .join("; ");
}

/**
 * The growth rate a placement's count takes into the first forecast year: the rate the CLI prints for
 * growth estimated from history (the calibration's first-year rate), else the rate the file gives.
 * @example placementGrowth(result, scenario.placements[0])
 */
export function placementGrowth(result: ForecastResult, p: Placement): number {
  const estimated = result.calibration.find((c) => c.id === p.id);
  if (estimated) return estimated.rate;
  const g = p.growth;
  if (typeof g === "number") return g;
  // A per-year map is keyed by census year; a year it leaves out has no growth (as the engine reads it).
  return "method" in g ? 0 : ((g as Readonly<Record<string, number>>)[String(result.baseYear + 1)] ?? 0);
}

/**
 * Every input of the scenario with its source and illustrative flag; the figure is the input as the
 * forecast uses it in the base year (from the result), each labelled with the year it is for.
 * @example assumptionRows(paperCtx).find((r) => r.key === "openingBalance")?.illustrative
 */
export function assumptionRows(ctx: PaperContext): AssumptionRow[] {
  const { scenario: s, result: r, w } = ctx;
  const a = w.appendix;
  const base = r.financialYears[0] as string;
  const next = r.financialYears[1] ?? base;
  const flagged = (key: string) => r.illustrative.some((k) => k === key || k.startsWith(`${key}.`));
  const rows: AssumptionRow[] = [];
  const add = (label: string, key: string, figure: string, source: string | undefined) =>
    rows.push({ label, key, figure, source, illustrative: flagged(key) });
  const amount = (v: number) => say(ctx, a.amount, { amount: sentenceMoney(v), fy: base });
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
    const unitCost = first ? money(first.unitCost, { symbol: true }) : "";
    const figure = !first
      ? ""
      : first.count > 0
        ? say(ctx, a.placement, {
            count: wholeCount(first.count),
            unitCost,
            fy: base,
            // To two places, as hnb forecast prints the rate.
            growth: percent(placementGrowth(r, p), 2),
            next,
          })
        : say(ctx, a.newPlacement, { unitCost, fy: base });
    const key = `placements.${p.id}`;
    add(p.label, key, figure, itemSource(ctx, key, "placement", p));
  }
  for (const l of s.lines) {
    const cost = r.unmitigated.lines.find((x) => x.id === l.id && x.fy === base)?.cost ?? 0;
    add(l.label, `lines.${l.id}`, amount(cost), itemSource(ctx, `lines.${l.id}`, "line", l));
  }
  for (const st of s.staffing) {
    const cost = r.unmitigated.staffing.find((x) => x.id === st.id && x.fy === base)?.cost ?? 0;
    add(st.role, `staffing.${st.id}`, amount(cost), itemSource(ctx, `staffing.${st.id}`, "staffing", st));
  }
  // The allocation changes year by year: its first and last year, the ledger has the rest.
  const ledger = r.unmitigated.ledger;
  const hnb = s.income.hnb;
  add(
    say(ctx, a.hnb),
    "income.hnb",
    say(ctx, a.allocation, {
      first: sentenceMoney(ledger[0]?.hnb ?? 0),
      fy: base,
      last: sentenceMoney(ledger.at(-1)?.hnb ?? 0),
      lastFY: r.financialYears.at(-1) as string,
    }),
    // Projected per head, the allocation's growth is not an input (as the model reads it).
    itemSource(ctx, "income.hnb", "hnb", hnb.perHead ? { ...hnb, growth: undefined } : hnb),
  );
  const ie = s.income.importExport;
  if (ie)
    add(
      say(ctx, a.importExport),
      "income.importExport",
      "",
      itemSource(ctx, "income.importExport", "importExport", ie),
    );
  const sb = s.income.schoolsBlock;
  if (sb) {
    // The block itself in the base year (the file's amount is that year's), then what moves to High Needs.
    const moved = r.unmitigated.transfers.reduce((t, x) => t + x.amount, 0);
    add(
      say(ctx, a.schoolsBlock),
      "income.schoolsBlock",
      [amount(sb.amount), ...(moved ? [say(ctx, a.transfers, { amount: sentenceMoney(moved) })] : [])].join(
        "; ",
      ),
      itemSource(ctx, "income.schoolsBlock", "schoolsBlock", sb),
    );
  }
  for (const o of s.income.other) {
    const sum = r.unmitigated.otherIncome.filter((x) => x.id === o.id).reduce((t, x) => t + x.amount, 0);
    add(o.label, `income.other.${o.id}`, total(sum), itemSource(ctx, `income.other.${o.id}`, "other", o));
  }
  const sg = s.income.stabilityGrant;
  if (sg) {
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
      itemSource(ctx, "income.stabilityGrant", "stabilityGrant", sg),
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

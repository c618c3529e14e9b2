// The financial summary of the DfE management plan: each forecast's income and expenditure by
// line and FY, the in-year and cumulative balances, and the position when the statutory override
// ends (with and without the High Needs Stability Grant). Totals and balances are formulas over the
// cells they add up, so a finance officer can audit them.
import { formatMoney, type LedgerRow } from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS } from "./formats.js";
import { forecasts, leverLabel, subtitle, type WorkbookInput } from "./plan-input.js";
import { sumBy } from "./sum-by.js";
import type { Cell, Row, SheetWriter } from "./writer.js";

/** The sheet's name: other sheets' formulas refer to its balances. @example SUMMARY === "Financial summary" */
export const SUMMARY = "Financial summary";

/** The rows of one forecast's in-year and cumulative balances on the financial summary. */
export interface BalanceRows {
  inYear: number;
  cumulative: number;
  /** The High Needs Stability Grant's income row, where the scenario has the grant. */
  stabilityGrant?: number;
  /** The in-year balance less the grant, where the scenario has the grant. */
  inYearBeforeGrant?: number;
}

/** The names of the in-year balance with and before the Stability Grant, on every sheet that shows them. */
export const IN_YEAR_LABELS = {
  plain: "In-year balance",
  withGrant: "In-year balance (with the Stability Grant)",
  beforeGrant: "In-year balance before the Stability Grant",
} as const;

/**
 * The shares of usable reserves on the sheet: the deficit the council carries when the override
 * ends (with the Stability Grant received) is the measure that counts; the others are context.
 */
export const RESERVES_LABELS = {
  deficit: "Deficit as a share of usable reserves",
  counts: " (with the Stability Grant received: the measure that counts)",
  accrued: "Context: accrued deficit as a share of usable reserves",
  withoutGrant: "Context: deficit without the grant as a share of usable reserves (as if none were paid)",
} as const;

/**
 * Writes the financial summary; returns each forecast's balance rows, by name, for the formulas of
 * the sheets after it.
 * @example const balances = financialSummary(sheet, { scenario, result })
 */
export function financialSummary(ws: SheetWriter, input: WorkbookInput): Map<string, BalanceRows> {
  const { result } = input;
  const fys = result.financialYears;
  const cols = fys.map((_, i) => letter(i + 2));
  ws.start(
    "DSG management plan: financial summary",
    subtitle(input, "£, unrounded; positive = surplus, negative = deficit"),
    ["Line", ...fys],
  );
  // One cell the cumulative balances of both forecasts start from: change it and both follow.
  const opening = ws.add(
    [`Opening cumulative balance, 1 April ${fys[0]?.slice(0, 4) ?? ""}`, result.openingBalance],
    FORMATS.money,
    true,
  ).number;
  // Where the balances are not a DSG position, the sheet that shows them says so.
  for (const w of result.inputWarnings) ws.add([`Note: ${w.message}`]).font = { italic: true };
  ws.add([]);
  const balances = new Map<string, BalanceRows>();
  for (const [name, f] of forecasts(result)) {
    const ledger = fys.map((fy) => f.ledger.find((l) => l.fy === fy) as LedgerRow);
    const money = (label: string, figures: Cell[], bold = false) =>
      ws.add([label, ...figures], FORMATS.money, bold).number;
    const byFy = (pick: (l: LedgerRow) => number) => ledger.map(pick);
    const total = (label: string, text: (c: string) => string, pick: (l: LedgerRow) => number) =>
      money(
        label,
        cols.map((c, i) => ws.formula(text(c), pick(ledger[i] as LedgerRow))),
        true,
      );
    // A SUM over the rows of a block, which has at least one.
    const sum = (c: string, heading: number, last: number) => `SUM(${c}${heading + 1}:${c}${last})`;
    ws.add(
      [`${name} forecast${name === "Mitigated" && result.plan ? `: ${result.plan.name}` : ""}`],
      undefined,
      true,
    );
    const incomeHeading = ws.add(["Income"], undefined, true).number;
    money(
      "High Needs Block allocation",
      byFy((l) => l.hnb),
    );
    money(
      "Schools Block transfer",
      byFy((l) => l.transfer),
    );
    const incomeIds = [...new Map(f.otherIncome.map((o) => [o.id, o.label])).entries()];
    for (const [id, label] of incomeIds)
      money(
        `Other income: ${label}`,
        fys.map((fy) =>
          sumBy(
            f.otherIncome,
            (o) => o.id === id && o.fy === fy,
            (o) => o.amount,
          ),
        ),
      );
    const grantRow = f.ledger.some((l) => l.stabilityGrant !== undefined)
      ? money(
          "High Needs Stability Grant",
          byFy((l) => l.stabilityGrant ?? 0),
        )
      : undefined;
    const incomeLast = ws.rowCount;
    const income = total(
      "Total income",
      (c) => sum(c, incomeHeading, incomeLast),
      (l) => l.income,
    );
    const spendHeading = ws.add(["Expenditure by placement type"], undefined, true).number;
    const placements = [...new Map(f.placements.map((p) => [p.id, p])).values()];
    for (const p of placements)
      money(
        `${p.label} (${p.category})`,
        fys.map((fy) =>
          sumBy(
            f.placements,
            (r) => r.id === p.id && r.fy === fy,
            (r) => r.cost,
          ),
        ),
      );
    const lines = [...new Map(f.lines.map((l) => [l.id, l])).values()];
    if (lines.length) ws.add(["Other expenditure lines"], undefined, true);
    for (const l of lines)
      money(
        `${l.label}${l.s251 ? ` (s251 ${l.s251})` : ""}`,
        fys.map((fy) =>
          sumBy(
            f.lines,
            (r) => r.id === l.id && r.fy === fy,
            (r) => r.cost,
          ),
        ),
      );
    const staff = [...new Map(f.staffing.filter((s) => s.fundedBy === "HNB").map((s) => [s.id, s])).values()];
    if (staff.length) ws.add(["Staffing funded by the High Needs Block"], undefined, true);
    for (const s of staff)
      money(
        `${s.role}${s.lever ? ` (added by "${leverLabel(result, s.lever)}")` : ""}`,
        fys.map((fy) =>
          sumBy(
            f.staffing,
            (r) => r.id === s.id && r.fy === fy,
            (r) => r.cost,
          ),
        ),
      );
    if (f.ledger.some((l) => l.implementationCost !== 0))
      money(
        "Implementation spend of grants",
        byFy((l) => l.implementationCost),
      );
    // A scenario with nothing to spend still has a row for its total to add up (0, not a blank).
    if (ws.rowCount === spendHeading)
      money(
        "No expenditure",
        byFy(() => 0),
      );
    // The headings between the blocks have no numbers, so one SUM covers every expenditure row.
    const spendLast = ws.rowCount;
    const spend = total(
      "Total expenditure",
      (c) => sum(c, spendHeading, spendLast),
      (l) => l.expenditure,
    );
    // Income includes the Stability Grant, so the in-year balance does: said in its name, with the
    // balance before the grant beside it (the readable comparison's and the chart's in-year).
    const inYear = total(
      grantRow ? IN_YEAR_LABELS.withGrant : IN_YEAR_LABELS.plain,
      (c) => `${c}${income}-${c}${spend}`,
      (l) => l.inYear,
    );
    const inYearBeforeGrant = grantRow
      ? money(
          IN_YEAR_LABELS.beforeGrant,
          cols.map((c, i) =>
            ws.formula(
              `${c}${inYear}-${c}${grantRow}`,
              (ledger[i] as LedgerRow).inYear - ((ledger[i] as LedgerRow).stabilityGrant ?? 0),
            ),
          ),
        )
      : undefined;
    // Each year's cumulative balance refers to the year before, so its cells are set in order.
    const row = ws.add([`Cumulative balance (opening ${formatMoney(result.openingBalance)})`], [], true);
    const cumulative = row.number;
    cols.forEach((c, i) => {
      const before = i === 0 ? `B${opening}` : `${cols[i - 1]}${cumulative}`;
      ws.put(
        row,
        i + 2,
        ws.formula(`${before}+${c}${inYear}`, (ledger[i] as LedgerRow).cumulative),
        FORMATS.money,
      );
    });
    balances.set(name, {
      inYear,
      cumulative,
      ...(grantRow ? { stabilityGrant: grantRow } : {}),
      ...(inYearBeforeGrant ? { inYearBeforeGrant } : {}),
    });
    ws.add(
      ["Schools Block transfer rate", ...fys.map((fy) => f.transfers.find((t) => t.fy === fy)?.rate ?? 0)],
      FORMATS.rate,
    );
    ws.add([
      "Transfer approval route",
      ...fys.map((fy) => {
        const t = f.transfers.find((x) => x.fy === fy);
        return t ? (t.needs === "schools-forum" ? "Schools Forum" : "Disapplication request") : "";
      }),
    ]);
    ws.add([]);
  }
  const o = result.statutoryOverride;
  // The balance when the override ends points at the ledger cell it is, rather than repeating it.
  const then = (name: string, figure: number | undefined): Cell => {
    const c = cols[fys.indexOf(o.fy)];
    const row = balances.get(name)?.cumulative;
    return c && row && figure !== undefined ? ws.formula(`${c}${row}`, figure) : (figure ?? null);
  };
  ws.add(["Statutory override"], undefined, true);
  ws.add(["Ends", `31 March ${o.ends.slice(0, 4)} (end of ${o.fy})`]);
  if (o.withinHorizon) {
    const u = ws.add(
      ["Cumulative balance then, unmitigated", then("Unmitigated", o.unmitigated)],
      FORMATS.money,
    );
    const m = result.levers.length
      ? ws.add(["Cumulative balance then, mitigated", then("Mitigated", o.mitigated)], FORMATS.money)
      : undefined;
    if (o.usableReserves !== undefined) {
      const reserves = ws.add(["Council's usable reserves", o.usableReserves], FORMATS.money);
      // Formulas, so an officer who types the council's latest reserves sees the shares follow.
      const shareOf = (row: Row, figure: number | undefined): Cell =>
        figure === undefined ? null : ws.formula(`MAX(0,-B${row.number})/B${reserves.number}`, figure);
      // With the grant the sheet has three shares of reserves: this one is said to be the one that counts.
      const counts = o.stabilityGrant ? RESERVES_LABELS.counts : "";
      ws.add(
        [`${RESERVES_LABELS.deficit}, unmitigated${counts}`, shareOf(u, o.unmitigatedShareOfReserves)],
        FORMATS.rate,
      );
      if (m)
        ws.add(
          [`${RESERVES_LABELS.deficit}, mitigated${counts}`, shareOf(m, o.mitigatedShareOfReserves)],
          FORMATS.rate,
        );
    } else ws.add(["Council's usable reserves", "not given (statutoryOverride.usableReserves)"]);
    overrideGrantRows(ws, input, balances, then);
  } else ws.add(["Position", "after the last reported year"]);
  if (o.laterYears.length)
    ws.add([
      `${o.laterYears.join(", ")}: after the override ends; from April ${o.ends.slice(0, 4)} SEND cost pressures fall under the central arrangements the government announced, so these years show the DSG as if the current regime continued.`,
    ]).font = { italic: true };
  ws.fit(12);
  return balances;
}

// The position when the override ends with and without the High Needs Stability Grant (spec §11),
// as formulas on the ledger's cells: the grant received, the balance without it, and what accrued
// after the grant's deficit year, which no grant covers, against usable reserves.
function overrideGrantRows(
  ws: SheetWriter,
  input: WorkbookInput,
  balances: Map<string, BalanceRows>,
  then: (name: string, figure: number | undefined) => Cell,
): void {
  const { result } = input;
  const o = result.statutoryOverride;
  const g = o.stabilityGrant;
  const grants = result.stabilityGrant;
  if (!g || !grants?.length) return;
  const fys = result.financialYears;
  const col = (fy: string) => letter(fys.indexOf(fy) + 2);
  const end = fys.indexOf(o.fy);
  ws.add([]);
  ws.add(["High Needs Stability Grant"], undefined, true);
  ws.add(["Condition", (grants[0] as (typeof grants)[number]).condition]);
  for (const r of grants)
    ws.add([
      `${r.forecast === "mitigated" ? "Mitigated" : "Unmitigated"}: how it is worked out`,
      `${(100 * r.share).toFixed(1)}% of ${r.eligibleGiven ? "the eligible deficit given" : `the deficit at the end of ${r.deficitFY} (this forecast's own${r.excluded > 0 ? ", less the part that is not High Needs" : ""})`}, ${formatMoney(r.eligibleDeficit)}, paid in ${r.paidIn}`,
    ]);
  const reserves = o.usableReserves;
  for (const [name, side] of [
    ["Unmitigated", g.unmitigated],
    ["Mitigated", result.levers.length ? g.mitigated : undefined],
  ] as const) {
    const rows = balances.get(name);
    if (!side || !rows?.stabilityGrant) continue;
    ws.add([`${name}: position at 31 March ${o.ends.slice(0, 4)}`], undefined, true);
    const first = col(fys[0] as string);
    const last = letter(end + 2);
    const withGrant = ws.add(
      ["Cumulative balance with the grant", then(name, side.withGrant)],
      FORMATS.money,
    );
    const grant = ws.add(
      [
        "Grant received by then",
        ws.formula(`SUM(${first}${rows.stabilityGrant}:${last}${rows.stabilityGrant})`, side.grant),
      ],
      FORMATS.money,
    );
    const without = ws.add(
      [
        "Cumulative balance without the grant",
        ws.formula(`B${withGrant.number}-B${grant.number}`, side.withoutGrant),
      ],
      FORMATS.money,
    );
    // In-year balances from the FY after the grant's deficit year to the override's end, less the grant.
    const from = fys.indexOf(g.accruedFrom);
    const accrued = ws.add(
      [
        `Accrued ${g.accruedFrom} to ${o.fy}, which no grant covers`,
        from < 0 || from > end
          ? side.accruedSince
          : ws.formula(
              `SUM(${letter(from + 2)}${rows.inYear}:${last}${rows.inYear})-SUM(${letter(from + 2)}${rows.stabilityGrant}:${last}${rows.stabilityGrant})`,
              side.accruedSince,
            ),
      ],
      FORMATS.money,
    );
    if (reserves !== undefined) {
      const reservesRow = ws.add(["Council's usable reserves", reserves], FORMATS.money);
      const share = (row: Row, figure: number | undefined): Cell =>
        figure === undefined ? null : ws.formula(`MAX(0,-B${row.number})/B${reservesRow.number}`, figure);
      ws.add([RESERVES_LABELS.accrued, share(accrued, side.accruedShareOfReserves)], FORMATS.rate);
      ws.add([RESERVES_LABELS.withoutGrant, share(without, side.withoutGrantShareOfReserves)], FORMATS.rate);
    }
  }
}

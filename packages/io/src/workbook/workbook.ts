// The DSG management plan workbook: the tables of the DfE template (financial summary, EHCP
// numbers by category and age, the workstream log, assumptions) filled from a forecast. Numbers
// are written as numbers with formats, never as text, so finance teams can reuse them; totals and
// balances are formulas over the cells they add up, so a finance officer can audit them.
import {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
  type Distribution,
  demandWarnings,
  distributionText,
  FIGURE_FIELDS,
  type Forecast,
  type ForecastResult,
  formatMoney,
  formatNumber,
  LEVER_TYPE_NAMES,
  type LedgerRow,
  leverGroups,
  NEED_CODES,
  PLACE_FUNDING,
  POOLING,
  PRIMARY_NEEDS,
  placeFundingRate,
  type Scenario,
  s251Statement,
  sourceOf,
  type UncertaintyResult,
} from "@hnb/model";
import type ExcelJSNamespace from "exceljs";
import { s251Notes } from "./s251-notes.js";

type Worksheet = ExcelJSNamespace.Worksheet;
type Row = ExcelJSNamespace.Row;
/** A formula with its value cached, so the file reads right before Excel recalculates. */
interface Formula {
  formula: string;
  result: number;
}
type Cell = string | number | null | Formula;

/**
 * Number formats: £ with thousands separators and deficits in red brackets; whole pupils; rates;
 * years and seeds without a thousands separator. None has optional decimals only ("#,##0.##"),
 * which Excel shows with a trailing dot ("2,022.").
 */
export const FORMATS = {
  money: "#,##0;[Red](#,##0)",
  count: "#,##0",
  rate: "0.00%",
  plain: "0",
  decimal: "#,##0.00",
} as const;

/** What the workbook is built from. */
export interface WorkbookInput {
  scenario: Scenario;
  result: ForecastResult;
  /** Percentile bands from simulated paths: adds an "Uncertainty" sheet. */
  uncertainty?: UncertaintyResult;
}

// A fixed date: the same forecast gives a byte-identical workbook, whenever it is built.
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const SEVEN = CATEGORY_CODES.filter((c) => c !== "NONE") as Exclude<Category, "NONE">[];

const SUMMARY = "Financial summary";

// Lever types in the words of DfE plans: a type code is not something a finance officer should decode.
/** A lever type in words. @example leverTypeText("placementShift") === "Placement shift" */
function leverTypeText(type: string): string {
  return (LEVER_TYPE_NAMES as Record<string, string>)[type] ?? words(type);
}

/** Builds management-plan.xlsx in memory (exceljs is loaded only here). @example const bytes = await managementPlanWorkbook({ scenario, result: forecast(scenario) }) */
export async function managementPlanWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "hnb";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const balances = financialSummary(wb.addWorksheet(SUMMARY), input);
  ehcpNumbers(wb.addWorksheet("EHCP numbers"), input);
  mitigations(wb.addWorksheet("Mitigations"), input, balances);
  assumptionsSheet(wb.addWorksheet("Assumptions"), input);
  s251Sheet(wb.addWorksheet("s251"), input);
  if (input.uncertainty) uncertaintySheet(wb.addWorksheet("Uncertainty"), input, input.uncertainty);
  return withFixedZipDates(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/**
 * Sets every zip entry's DOS date and time to 1 January 1980: the zip library stamps entries with
 * the clock, which would make two builds of the same forecast differ. CRCs cover data, not dates.
 * @example withFixedZipDates(bytes) // same length, dates zeroed
 */
export function withFixedZipDates(zip: Uint8Array): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error("internal: the workbook is not a zip file");
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const DATE = 0x0021; // 1980-01-01
  for (let e = 0; e < entries; e++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("internal: malformed zip central directory");
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DATE, true);
    const local = view.getUint32(at + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

// Every number written, by "Sheet!A1": each formula is evaluated over them as it is written and must
// give the forecast's own figure, so a formula over the wrong cells fails the build, not the audit.
const written = new WeakMap<object, Map<string, number>>();

function values(ws: Worksheet): Map<string, number> {
  let v = written.get(ws.workbook);
  if (!v) {
    v = new Map();
    written.set(ws.workbook, v);
  }
  return v;
}

/** A column's letters. @example letter(28) === "AB" */
export function letter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

// The only forms the workbook writes: SUM of ranges, cell references (on another sheet quoted), + and −.
const TERM = /([+-]?)(?:SUM\(([^()]*)\)|((?:'[^']+'!)?[A-Z]+\d+))/y;
const RANGE = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/;

const SHARE = /^MAX\(0,-([A-Z]+\d+)\)\/([A-Z]+\d+)$/;

function evaluate(ws: Worksheet, text: string): number {
  const v = values(ws);
  const ref = (r: string): number => {
    const bang = r.lastIndexOf("!");
    const key = bang < 0 ? `${ws.name}!${r}` : `${r.slice(1, bang - 1)}!${r.slice(bang + 1)}`;
    return v.get(key) ?? 0;
  };
  const range = (r: string): number => {
    const m = RANGE.exec(r);
    if (!m) throw new Error(`internal: cannot check the range ${r}`);
    const [c0, r0, c1, r1] = [
      column(m[1] ?? ""),
      Number(m[2]),
      column(m[3] ?? m[1] ?? ""),
      Number(m[4] ?? m[2]),
    ];
    let s = 0;
    for (let c = c0; c <= c1; c++) for (let row = r0; row <= r1; row++) s += ref(`${letter(c)}${row}`);
    return s;
  };
  // The one formula that is not a sum: a deficit as a share of reserves, MAX(0,-balance)/reserves.
  const share = SHARE.exec(text);
  if (share) return Math.max(0, -ref(share[1] ?? "")) / ref(share[2] ?? "");
  let total = 0;
  for (let at = 0; at < text.length; ) {
    TERM.lastIndex = at;
    const m = TERM.exec(text);
    if (!m) throw new Error(`internal: cannot check the formula ${text}`);
    const x = m[2] !== undefined ? m[2].split(",").reduce((a, r) => a + range(r), 0) : ref(m[3] ?? "");
    total += m[1] === "-" ? -x : x;
    at = TERM.lastIndex;
  }
  return total;
}

// The forecast's own figure is cached, not the sum: before recalculation the file then reads exactly
// as the forecast's other outputs, and the check below bounds the difference to rounding.
/** A formula cell caching the figure, after checking the formula gives it (the workbook's self-check). @example formula(ws, "SUM(B4:B9)", total) */
export function formula(ws: Worksheet, text: string, figure: number): Formula {
  const computed = evaluate(ws, text);
  if (!(Math.abs(computed - figure) <= 1e-6 * Math.max(1, Math.abs(figure))))
    throw new Error(
      `internal: ${ws.name} =${text} gives ${computed}, but the forecast's figure is ${figure}`,
    );
  return { formula: text, result: figure };
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v !== null && typeof v === "object" && "result" in v && typeof v.result === "number") return v.result;
  return undefined;
}

/**
 * Title rows, then a bold header row, frozen and printed on every page where it heads the whole
 * sheet (`oneTable`); a sheet of several tables keeps only its titles on every page, so a header
 * never sits over another table's columns. Returns the header row's number.
 * @example const header = start(ws, "Title", "£", ["FY", "Budget"])
 */
export function start(
  ws: Worksheet,
  title: string,
  subtitle: string,
  header: string[],
  xSplit = 1,
  oneTable = true,
): number {
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([subtitle]).font = { italic: true, color: { argb: "FF555555" } };
  const row = ws.addRow(header);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    c.border = { bottom: { style: "thin" } };
  });
  ws.views = [{ state: "frozen", ySplit: oneTable ? row.number : 0, xSplit }];
  // Plans go to Schools Forum on paper: landscape, one page wide however long, and every page
  // keeps the title and the column headers so a loose page can still be read.
  Object.assign(ws.pageSetup, {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${oneTable ? row.number : 2}`,
  });
  return row.number;
}

/** Adds a row; `format` applies to every number after the first column, or by column when a list. @example add(ws, ["Total", 1200], FORMATS.money, true) */
export function add(
  ws: Worksheet,
  cells: Cell[],
  format?: string | (string | undefined)[],
  bold = false,
): Row {
  const row = ws.addRow(cells);
  if (bold) row.font = { bold: true };
  const v = values(ws);
  // From the cells given, not read back: exceljs's cell.value drops a formula's result when it is 0.
  cells.forEach((cell, i) => {
    const n = numberOf(cell);
    if (n === undefined) return;
    const c = row.getCell(i + 1);
    v.set(`${ws.name}!${c.address}`, n);
    const f = Array.isArray(format) ? format[i] : i > 0 ? format : undefined;
    if (f) c.numFmt = f;
  });
  return row;
}

/** Sets a formula into a row already added (a row total over the row's own cells). @example put(ws, row, 5, formula(ws, "C5+D5", outturn), FORMATS.money) */
export function put(ws: Worksheet, row: Row, col: number, value: Formula, format: string): void {
  const c = row.getCell(col);
  c.value = value;
  c.numFmt = format;
  values(ws).set(`${ws.name}!${c.address}`, value.result);
}

// Widths that fit: the longest text or formatted number in each column, within sensible bounds.
// Text longer than the widest column wraps (top-aligned), rather than being cut off at the next cell.
/** Sets column widths to fit their contents. @example fit(ws) */
export function fit(ws: Worksheet, min = 10, max = 60): void {
  ws.columns.forEach((col) => {
    let width = min;
    col.eachCell?.({ includeEmpty: false }, (c, row) => {
      if (row <= 2) return; // titles may run across columns
      const n = typeof c.value === "number" ? c.value : c.formula ? Number(c.result ?? 0) : undefined;
      const len = n !== undefined ? formatNumber(Math.round(n)).length + 3 : String(c.value ?? "").length;
      width = Math.max(width, len + 2);
      if (n === undefined && len + 2 > max) c.alignment = { wrapText: true, vertical: "top" };
    });
    col.width = Math.min(max, width);
  });
}

function subtitle(input: WorkbookInput, unit: string): string {
  const illustrative = input.result.illustrative.length ? " · illustrative figures" : "";
  return `${input.result.scenario} · base census January ${input.result.baseYear}${illustrative} · ${unit}`;
}

function sumBy<T>(rows: readonly T[], keep: (r: T) => boolean, value: (r: T) => number): number {
  let s = 0;
  for (const r of rows) if (keep(r)) s += value(r);
  return s;
}

function forecasts(result: ForecastResult): ["Unmitigated" | "Mitigated", Forecast][] {
  return result.levers.length
    ? [
        ["Unmitigated", result.unmitigated],
        ["Mitigated", result.mitigated],
      ]
    : [["Unmitigated", result.unmitigated]];
}

function leverLabel(result: ForecastResult, id: string): string {
  return result.levers.find((l) => l.id === id)?.label ?? id;
}

/** The rows of one forecast's in-year and cumulative balances on the financial summary. */
interface BalanceRows {
  inYear: number;
  cumulative: number;
  /** The High Needs Stability Grant's income row, where the scenario has the grant. */
  stabilityGrant?: number;
}

function financialSummary(ws: Worksheet, input: WorkbookInput): Map<string, BalanceRows> {
  const { result } = input;
  const fys = result.financialYears;
  const cols = fys.map((_, i) => letter(i + 2));
  start(
    ws,
    "DSG management plan: financial summary",
    subtitle(input, "£, unrounded; positive = surplus, negative = deficit"),
    ["Line", ...fys],
  );
  // One cell the cumulative balances of both forecasts start from: change it and both follow.
  const opening = add(
    ws,
    [`Opening cumulative balance, 1 April ${fys[0]?.slice(0, 4) ?? ""}`, result.openingBalance],
    FORMATS.money,
    true,
  ).number;
  // Where the balances are not a DSG position, the sheet that shows them says so.
  for (const w of result.inputWarnings) add(ws, [`Note: ${w.message}`]).font = { italic: true };
  add(ws, []);
  const balances = new Map<string, BalanceRows>();
  for (const [name, f] of forecasts(result)) {
    const ledger = fys.map((fy) => f.ledger.find((l) => l.fy === fy) as LedgerRow);
    const money = (label: string, figures: Cell[], bold = false) =>
      add(ws, [label, ...figures], FORMATS.money, bold).number;
    const byFy = (pick: (l: LedgerRow) => number) => ledger.map(pick);
    const total = (label: string, text: (c: string) => string, pick: (l: LedgerRow) => number) =>
      money(
        label,
        cols.map((c, i) => formula(ws, text(c), pick(ledger[i] as LedgerRow))),
        true,
      );
    // A SUM over the rows of a block; with none, over its (empty) heading, never over the total itself.
    const sum = (c: string, heading: number, last: number) =>
      `SUM(${c}${Math.min(heading + 1, Math.max(heading, last))}:${c}${Math.max(heading, last)})`;
    add(
      ws,
      [`${name} forecast${name === "Mitigated" && result.plan ? `: ${result.plan.name}` : ""}`],
      undefined,
      true,
    );
    const incomeHeading = add(ws, ["Income"], undefined, true).number;
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
    const spendHeading = add(ws, ["Expenditure by placement type"], undefined, true).number;
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
    if (lines.length) add(ws, ["Other expenditure lines"], undefined, true);
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
    if (staff.length) add(ws, ["Staffing funded by the High Needs Block"], undefined, true);
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
    // The headings between the blocks have no numbers, so one SUM covers every expenditure row.
    const spendLast = ws.rowCount;
    const spend = total(
      "Total expenditure",
      (c) => sum(c, spendHeading, spendLast),
      (l) => l.expenditure,
    );
    const inYear = total(
      "In-year balance",
      (c) => `${c}${income}-${c}${spend}`,
      (l) => l.inYear,
    );
    // Each year's cumulative balance refers to the year before, so its cells are set in order.
    const row = add(ws, [`Cumulative balance (opening ${formatMoney(result.openingBalance)})`], [], true);
    const cumulative = row.number;
    cols.forEach((c, i) => {
      const before = i === 0 ? `B${opening}` : `${cols[i - 1]}${cumulative}`;
      put(
        ws,
        row,
        i + 2,
        formula(ws, `${before}+${c}${inYear}`, (ledger[i] as LedgerRow).cumulative),
        FORMATS.money,
      );
    });
    balances.set(name, { inYear, cumulative, ...(grantRow ? { stabilityGrant: grantRow } : {}) });
    add(
      ws,
      ["Schools Block transfer rate", ...fys.map((fy) => f.transfers.find((t) => t.fy === fy)?.rate ?? 0)],
      FORMATS.rate,
    );
    add(ws, [
      "Transfer approval route",
      ...fys.map((fy) => {
        const t = f.transfers.find((x) => x.fy === fy);
        return t ? (t.needs === "schools-forum" ? "Schools Forum" : "Disapplication request") : "";
      }),
    ]);
    add(ws, []);
  }
  const o = result.statutoryOverride;
  // The balance when the override ends points at the ledger cell it is, rather than repeating it.
  const then = (name: string, figure: number | undefined): Cell => {
    const c = cols[fys.indexOf(o.fy)];
    const row = balances.get(name)?.cumulative;
    return c && row && figure !== undefined ? formula(ws, `${c}${row}`, figure) : (figure ?? null);
  };
  add(ws, ["Statutory override"], undefined, true);
  add(ws, ["Ends", `31 March ${o.ends.slice(0, 4)} (end of ${o.fy})`]);
  if (o.withinHorizon) {
    const u = add(
      ws,
      ["Cumulative balance then, unmitigated", then("Unmitigated", o.unmitigated)],
      FORMATS.money,
    );
    const m = result.levers.length
      ? add(ws, ["Cumulative balance then, mitigated", then("Mitigated", o.mitigated)], FORMATS.money)
      : undefined;
    if (o.usableReserves !== undefined) {
      const reserves = add(ws, ["Council's usable reserves", o.usableReserves], FORMATS.money);
      // Formulas, so an officer who types the council's latest reserves sees the shares follow.
      const shareOf = (row: Row, figure: number | undefined): Cell =>
        figure === undefined ? null : formula(ws, `MAX(0,-B${row.number})/B${reserves.number}`, figure);
      add(
        ws,
        ["Deficit as a share of usable reserves, unmitigated", shareOf(u, o.unmitigatedShareOfReserves)],
        FORMATS.rate,
      );
      if (m)
        add(
          ws,
          ["Deficit as a share of usable reserves, mitigated", shareOf(m, o.mitigatedShareOfReserves)],
          FORMATS.rate,
        );
    } else add(ws, ["Council's usable reserves", "not given (statutoryOverride.usableReserves)"]);
    overrideGrantRows(ws, input, balances, then);
  } else add(ws, ["Position", "after the last reported year"]);
  if (o.laterYears.length)
    add(ws, [
      `${o.laterYears.join(", ")}: after the override ends; from April ${o.ends.slice(0, 4)} SEND cost pressures fall under the central arrangements the government announced, so these years show the DSG as if the current regime continued.`,
    ]).font = { italic: true };
  fit(ws, 12);
  return balances;
}

// The position when the override ends with and without the High Needs Stability Grant (spec §11),
// as formulas on the ledger's cells: the grant received, the balance without it, and what accrued
// after the grant's deficit year, which no grant covers, against usable reserves.
function overrideGrantRows(
  ws: Worksheet,
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
  add(ws, []);
  add(ws, ["High Needs Stability Grant"], undefined, true);
  add(ws, ["Condition", (grants[0] as (typeof grants)[number]).condition]);
  for (const r of grants)
    add(ws, [
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
    add(ws, [`${name}: position at 31 March ${o.ends.slice(0, 4)}`], undefined, true);
    const first = col(fys[0] as string);
    const last = letter(end + 2);
    const withGrant = add(
      ws,
      ["Cumulative balance with the grant", then(name, side.withGrant)],
      FORMATS.money,
    );
    const grant = add(
      ws,
      [
        "Grant received by then",
        formula(ws, `SUM(${first}${rows.stabilityGrant}:${last}${rows.stabilityGrant})`, side.grant),
      ],
      FORMATS.money,
    );
    const without = add(
      ws,
      [
        "Cumulative balance without the grant",
        formula(ws, `B${withGrant.number}-B${grant.number}`, side.withoutGrant),
      ],
      FORMATS.money,
    );
    // In-year balances from the FY after the grant's deficit year to the override's end, less the grant.
    const from = fys.indexOf(g.accruedFrom);
    const accrued = add(
      ws,
      [
        `Accrued ${g.accruedFrom} to ${o.fy}, which no grant covers`,
        from < 0 || from > end
          ? side.accruedSince
          : formula(
              ws,
              `SUM(${letter(from + 2)}${rows.inYear}:${last}${rows.inYear})-SUM(${letter(from + 2)}${rows.stabilityGrant}:${last}${rows.stabilityGrant})`,
              side.accruedSince,
            ),
      ],
      FORMATS.money,
    );
    if (reserves !== undefined) {
      const reservesRow = add(ws, ["Council's usable reserves", reserves], FORMATS.money);
      const share = (row: Row, figure: number | undefined): Cell =>
        figure === undefined ? null : formula(ws, `MAX(0,-B${row.number})/B${reservesRow.number}`, figure);
      add(
        ws,
        ["Accrued deficit as a share of usable reserves", share(accrued, side.accruedShareOfReserves)],
        FORMATS.rate,
      );
      add(
        ws,
        [
          "Deficit without the grant as a share of usable reserves",
          share(without, side.withoutGrantShareOfReserves),
        ],
        FORMATS.rate,
      );
    }
  }
}

function ehcpNumbers(ws: Worksheet, input: WorkbookInput): void {
  const { result, scenario } = input;
  const years = result.censusYears;
  start(
    ws,
    "DSG management plan: EHCP numbers",
    subtitle(
      input,
      "placements at each January census; forecast counts are unrounded, shown as whole pupils",
    ),
    ["Category", ...years.map(String)],
  );
  // A row's total over its own age cells, set once the row is written.
  const rowTotal = (row: Row, n: number, figure: number) =>
    put(
      ws,
      row,
      n + 2,
      formula(ws, `SUM(B${row.number}:${letter(n + 1)}${row.number})`, figure),
      FORMATS.count,
    );
  for (const [name, f] of forecasts(result)) {
    add(ws, [`${name}: EHCPs by DSG management-plan category`], undefined, true);
    const first = ws.rowCount + 1;
    for (const c of SEVEN)
      add(
        ws,
        [
          CATEGORIES[c],
          ...years.map((y) =>
            sumBy(
              f.placements,
              (p) => p.category === c && p.census === y,
              (p) => p.count,
            ),
          ),
        ],
        FORMATS.count,
      );
    const last = ws.rowCount;
    add(
      ws,
      [
        "Total EHCPs",
        ...years.map((y, i) =>
          formula(
            ws,
            `SUM(${letter(i + 2)}${first}:${letter(i + 2)}${last})`,
            sumBy(
              f.placements,
              (p) => p.category !== "NONE" && p.census === y,
              (p) => p.count,
            ),
          ),
        ),
      ],
      FORMATS.count,
      true,
    );
    add(ws, []);
  }
  // A category's age split only where the scenario gives one for it; the authority's own age profile
  // (SEN2 splits ages for all EHCPs together, not by category) is shown once, labelled as such.
  const split = new Map(
    scenario.placements
      .filter((p) => p.ageSplit)
      .map((p) => [p.id, p.ageSplit as Record<string, number | undefined>]),
  );
  const ages = AGE_GROUP_KEYS.length;
  if (scenario.ehcpsByAge) {
    const a = scenario.ehcpsByAge;
    add(
      ws,
      [`All EHCPs by age group, January ${a.census}: the authority's whole caseload, not split by category`],
      undefined,
      true,
    );
    add(ws, ["", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
    const cells = AGE_GROUP_KEYS.map((k) => a.counts[k] ?? null);
    rowTotal(
      add(ws, ["All EHCPs", ...cells], FORMATS.count),
      ages,
      cells.reduce<number>((x, y) => x + (y ?? 0), 0),
    );
    add(ws, [a.source ? `Source: ${a.source}` : "Source: not given"]);
    add(ws, []);
  }
  // The template's primary-need table (issue #29): reported, not costed; the total is a formula.
  if (scenario.ehcpsByNeed) {
    const n = scenario.ehcpsByNeed;
    add(ws, [`All EHCPs by primary need, January ${n.census}: reported, not costed`], undefined, true);
    add(ws, ["Primary need", "Code", "EHCPs"], undefined, true);
    const codes = NEED_CODES.filter((c) => n.counts[c] !== undefined);
    const first = ws.rowCount + 1;
    for (const c of codes) add(ws, [PRIMARY_NEEDS[c], c, n.counts[c] ?? null], FORMATS.count);
    const sum = codes.reduce((x, c) => x + (n.counts[c] ?? 0), 0);
    add(ws, ["Total", "", formula(ws, `SUM(C${first}:C${ws.rowCount})`, sum)], FORMATS.count, true);
    add(ws, [n.source ? `Source: ${n.source}` : "Source: not given (illustrative)"]);
    add(ws, []);
  }
  if (result.demand) demandTables(ws, result, rowTotal);
  if (split.size === 0) {
    add(
      ws,
      [
        "EHCPs by category and age group: no category's age split is given in the scenario (placements[].ageSplit), so the table is not filled",
      ],
      undefined,
      true,
    );
  } else {
    for (const [name, f] of forecasts(result)) {
      for (const y of years) {
        add(
          ws,
          [
            `${name}: EHCPs by category and age group, January ${y} (only placement types with their own age split)`,
          ],
          undefined,
          true,
        );
        add(ws, ["Category", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
        for (const c of SEVEN) {
          const withSplit = f.placements.some((p) => p.category === c && split.has(p.id));
          if (!withSplit) {
            add(ws, [CATEGORIES[c], "no age split given"]);
            continue;
          }
          const cells = AGE_GROUP_KEYS.map((k) =>
            sumBy(
              f.placements,
              (p) => p.category === c && p.census === y && split.has(p.id),
              (p) => p.count * (split.get(p.id)?.[k] ?? 0),
            ),
          );
          rowTotal(
            add(ws, [CATEGORIES[c], ...cells], FORMATS.count),
            ages,
            cells.reduce((a, b) => a + b, 0),
          );
        }
      }
      add(ws, []);
    }
  }
  fit(ws, 10);
}

// The demand model's EHCPs by the template's five age groups at each census, and the flows behind
// each year's change: new plans in, plans ceased, young people leaving at 25, and the net change.
function demandTables(
  ws: Worksheet,
  result: ForecastResult,
  rowTotal: (row: Row, n: number, figure: number) => void,
): void {
  const d = result.demand as NonNullable<ForecastResult["demand"]>;
  const ages = AGE_GROUP_KEYS.length;
  const top = AGE_GROUP_KEYS[ages - 1] as (typeof AGE_GROUP_KEYS)[number];
  for (const [name] of forecasts(result)) {
    const forecast = name === "Unmitigated" ? "unmitigated" : "mitigated";
    const rows = d.rows.filter((r) => r.forecast === forecast);
    add(
      ws,
      [`${name}: EHCPs by age group (demand model; all EHCP placement types together)`],
      undefined,
      true,
    );
    add(ws, ["Census", ...AGE_GROUP_KEYS.map((k) => AGE_GROUPS[k]), "Total"], undefined, true);
    const base = AGE_GROUP_KEYS.map((k) => d.base.stock[k]);
    rowTotal(
      add(ws, [`January ${d.base.census}`, ...base], FORMATS.count),
      ages,
      base.reduce((a, b) => a + b, 0),
    );
    const censuses = [...new Set(rows.map((r) => r.census))].sort((a, b) => a - b);
    for (const y of censuses) {
      const cells = AGE_GROUP_KEYS.map((k) => rows.find((r) => r.census === y && r.band === k)?.stock ?? 0);
      rowTotal(
        add(ws, [`January ${y}`, ...cells], FORMATS.count),
        ages,
        cells.reduce((a, b) => a + b, 0),
      );
    }
    add(ws, []);
    add(ws, [`${name}: flows into each census (demand model)`], undefined, true);
    add(ws, ["Census", "New plans", "Ceased", "Left at 25", "Net change"], undefined, true);
    for (const y of censuses) {
      const at = rows.filter((r) => r.census === y);
      const inflow = sumBy(
        at,
        () => true,
        (r) => r.newPlans,
      );
      const ceased = sumBy(
        at,
        () => true,
        (r) => r.ceased,
      );
      const left = sumBy(
        at,
        (r) => r.band === top,
        (r) => r.agedOut,
      );
      const row = add(ws, [`January ${y}`, inflow, ceased, left], FORMATS.count);
      put(
        ws,
        row,
        5,
        formula(ws, `B${row.number}-C${row.number}-D${row.number}`, inflow - ceased - left),
        FORMATS.count,
      );
    }
    add(ws, []);
  }
  const e = d.estimates;
  add(ws, [
    `Demand model inputs: new plans ${e.splitEstimated ? "split by band as estimated from the age profile" : "split by band as given"}; cessation ${e.cessationEstimate ? `estimated at ${(100 * e.cessationEstimate.rate).toFixed(1)}% a year from census years ${e.cessationEstimate.years.join(", ")}` : "as given"}; ${e.flow === "requests" ? `requests × conversion ${(100 * (e.conversion ?? 0)).toFixed(1)}%` : "new plans"} ${e.growth ? `grown by ${e.growth.used}` : "grown as given"}.`,
  ]);
  add(ws, []);
}

// Fields a scenario may carry for the DfE workstream log before the schema names them.
function given(m: unknown, field: "owner" | "milestone" | "status"): string {
  const v = m === undefined ? undefined : (m as Record<string, unknown>)[field];
  return typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : "not given";
}

function mitigations(ws: Worksheet, input: WorkbookInput, balances: Map<string, BalanceRows>): void {
  const { result, scenario } = input;
  const fys = result.financialYears;
  const last = fys[fys.length - 1] ?? "";
  // By ledger side (issue #32): savings share the fall in spending, funding the money received;
  // with a Stability Grant each lever's effect on it and its figure net of it (Shapley).
  const grant = result.levers.some((l) => l.stabilityGrantEffect !== undefined);
  start(
    ws,
    "DSG management plan: mitigations (workstream log)",
    subtitle(
      input,
      `effects on the ${last} cumulative balance by ledger side, £: savings are lower spending, funding the money received (transfers, Safety Valve payments, grants net of spend); positive improves it`,
    ),
    [
      "Lever",
      "Type",
      "Confidence",
      "Sequential saving",
      "Shapley share",
      ...(grant ? ["Stability Grant effect", "Net of the grant"] : []),
      "Owner",
      "Milestone",
      "Status",
      "Source",
    ],
    1,
    false,
  );
  if (result.levers.length === 0) add(ws, ["No mitigations in the scenario"]);
  const formats = [
    undefined,
    undefined,
    FORMATS.rate,
    FORMATS.money,
    FORMATS.money,
    ...(grant ? [FORMATS.money, FORMATS.money] : []),
  ];
  const subtotals: number[] = [];
  // Savings and funding apart, each with its subtotal, as DfE plans report them.
  for (const g of leverGroups(result)) {
    add(ws, [g.title], undefined, true);
    const first = ws.rowCount + 1;
    for (const l of g.levers) {
      const m = scenario.mitigations.find((x) => x.id === l.id);
      const effect = l.stabilityGrantEffect?.shapley ?? 0;
      const row = add(
        ws,
        [
          l.label,
          leverTypeText(l.type),
          m?.confidence ?? 1,
          l.side.sequential,
          l.side.shapley,
          ...(grant ? [effect, null] : []),
          given(m, "owner"),
          given(m, "milestone"),
          given(m, "status"),
          m?.source ?? staffingSources(m) ?? "not given",
        ],
        formats,
      );
      // The figure net of the grant: the lever's share plus its effect, once both cells are written.
      if (grant)
        put(ws, row, 7, formula(ws, `E${row.number}+F${row.number}`, l.side.shapley + effect), FORMATS.money);
    }
    const end = ws.rowCount;
    const side = g.kind === "saving" ? result.leverTotals.bySide.savings : result.leverTotals.bySide.funding;
    const effect = g.levers.reduce((a, l) => a + (l.stabilityGrantEffect?.shapley ?? 0), 0);
    const row = add(
      ws,
      [
        `${g.title} subtotal (${g.kind === "saving" ? "lower spending" : "money received"})`,
        "",
        null,
        formula(ws, `SUM(D${first}:D${end})`, side.sequential),
        formula(ws, `SUM(E${first}:E${end})`, side.shapley),
        ...(grant
          ? [
              formula(ws, `SUM(F${first}:F${end})`, effect),
              formula(ws, `SUM(G${first}:G${end})`, side.shapley + effect),
            ]
          : []),
      ],
      formats,
      true,
    );
    subtotals.push(row.number);
  }
  const change = result.leverTotals.bySide.stabilityGrant;
  if (subtotals.length && change) {
    // The grant's change between the forecasts is on neither side: its own row, so the total adds up.
    const row = add(
      ws,
      ["Stability Grant: change between the forecasts", "", null, change.sequential, change.shapley],
      formats,
      true,
    );
    subtotals.push(row.number);
  }
  if (subtotals.length) {
    const t = result.leverTotals.total;
    add(
      ws,
      [
        "Total (mitigated less unmitigated)",
        "",
        null,
        formula(ws, subtotals.map((r) => `D${r}`).join("+"), t.sequential),
        formula(ws, subtotals.map((r) => `E${r}`).join("+"), t.shapley),
      ],
      formats,
      true,
    );
  }
  for (const g of result.grants) {
    const income = add(ws, [`Grant income: ${g.label}`, g.income], FORMATS.money).number;
    const spend = add(
      ws,
      [
        `Grant implementation spend: ${g.label}${g.spendReason ? ` (none of its own: ${g.spendReason})` : ""}`,
        g.spend,
      ],
      FORMATS.money,
    ).number;
    add(ws, [`Grant net: ${g.label}`, formula(ws, `B${income}-B${spend}`, g.net)], FORMATS.money, true);
  }
  if (result.safetyValvePayments.length) {
    add(ws, []);
    add(
      ws,
      ["Safety Valve payments", "FY", "Payment", "Target in-year", "In-year before", "Outcome"],
      undefined,
      true,
    );
    for (const p of result.safetyValvePayments)
      add(
        ws,
        [leverLabel(result, p.lever), p.fy, p.amount, p.target, p.inYearBefore, p.paid ? "paid" : "withheld"],
        [undefined, undefined, FORMATS.money, FORMATS.money, FORMATS.money],
      );
  }
  const un = balances.get("Unmitigated");
  const mit = balances.get("Mitigated");
  if (result.levers.length && un && mit) {
    add(ws, []);
    add(ws, ["Gap, mitigated − unmitigated", ...fys], undefined, true);
    const gap = (row: keyof BalanceRows, pick: (l: LedgerRow) => number) =>
      fys.map((fy, i) => {
        const at = (f: Forecast) => pick(f.ledger.find((l) => l.fy === fy) as LedgerRow);
        const c = letter(i + 2);
        return formula(
          ws,
          `'${SUMMARY}'!${c}${mit[row]}-'${SUMMARY}'!${c}${un[row]}`,
          at(result.mitigated) - at(result.unmitigated),
        );
      });
    add(ws, ["In-year", ...gap("inYear", (l) => l.inYear)], FORMATS.money);
    add(ws, ["Cumulative", ...gap("cumulative", (l) => l.cumulative)], FORMATS.money);
    savingsByYear(ws, result);
  }
  fit(ws, 10, 70);
}

// Savings by financial year, as the DfE workstream log asks: each lever's Shapley share of each
// FY's in-year balance. A lever's years add up to its share of the final balance (its Total), and
// each year's levers add up to that year's in-year gap above.
function savingsByYear(ws: Worksheet, result: ForecastResult): void {
  const fys = result.financialYears;
  const last = letter(fys.length + 1);
  const money = Array(fys.length + 2).fill(FORMATS.money);
  add(ws, []);
  add(ws, ["Savings by financial year: Shapley share of each year's in-year balance, £"]);
  add(ws, ["Lever", ...fys, "Total"], undefined, true);
  const subtotals: number[] = [];
  for (const g of leverGroups(result)) {
    add(ws, [g.title], undefined, true);
    const first = ws.rowCount + 1;
    for (const l of g.levers) {
      const row = add(ws, [l.label, ...l.byYear.map((y) => y.shapley)], FORMATS.money);
      put(
        ws,
        row,
        fys.length + 2,
        formula(ws, `SUM(B${row.number}:${last}${row.number})`, l.shapley),
        FORMATS.money,
      );
    }
    const end = ws.rowCount;
    const row = add(
      ws,
      [
        `${g.title} subtotal, by year`,
        ...fys.map((_, k) => {
          const c = letter(k + 2);
          return formula(
            ws,
            `SUM(${c}${first}:${c}${end})`,
            g.levers.reduce((a, l) => a + (l.byYear[k]?.shapley as number), 0),
          );
        }),
        formula(
          ws,
          `SUM(${letter(fys.length + 2)}${first}:${letter(fys.length + 2)}${end})`,
          g.total.shapley,
        ),
      ],
      money,
      true,
    );
    subtotals.push(row.number);
  }
  add(
    ws,
    [
      "Total by year (the in-year gap)",
      ...[...fys, "Total"].map((_, k) => {
        const c = letter(k + 2);
        const figure =
          k < fys.length
            ? result.levers.reduce((a, l) => a + (l.byYear[k]?.shapley as number), 0)
            : result.leverTotals.total.shapley;
        return formula(ws, subtotals.map((r) => `${c}${r}`).join("+"), figure);
      }),
    ],
    money,
    true,
  );
}

/** How a figure of the assumptions sheet is shown: by the field it is read from. */
type Kind = "money" | "rate" | "year" | "count" | "number";

const KINDS: Record<string, Kind> = {
  openingBalance: "money",
  rate: "money",
  formula: "money",
  commissioned: "count",
  netImported: "count",
  population: "count",
  fill: "rate",
  floor: "rate",
  cap: "rate",
  unitCost: "money",
  amount: "money",
  amounts: "money",
  lumpSum: "money",
  spend: "money",
  payments: "money",
  inYearTargets: "money",
  usableReserves: "money",
  costInflation: "rate",
  growth: "rate",
  inflation: "rate",
  payAward: "rate",
  transferRate: "rate",
  reduction: "rate",
  change: "rate",
  confidence: "rate",
  ageSplit: "rate",
  rates: "rate",
  baseYear: "year",
  from: "year",
  census: "year",
  seed: "year",
  count: "count",
  counts: "count",
  moves: "count",
  history: "count",
  newPlans: "count",
  requests: "count",
  paths: "count",
};

const FORMAT_OF: Record<Kind, string> = {
  money: FORMATS.money,
  rate: FORMATS.rate,
  year: FORMATS.plain,
  count: FORMATS.count,
  number: FORMATS.decimal,
};

const WORDS: Record<string, string> = { fte: "FTE", s251: "s251 line", ...AGE_GROUPS };

/** A scenario key in words. @example words("costInflation") === "Cost inflation" */
function words(key: string): string {
  if (WORDS[key]) return WORDS[key];
  const text = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function numberText(x: number, kind: Kind): string {
  if (kind === "rate") return `${Number((100 * x).toFixed(4))}%`;
  if (kind === "year") return String(x);
  return formatNumber(x, 2);
}

const PERIOD = /^\d{4}(-\d{2})?$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A value as readable text, never JSON: maps as "2023: 10; 2024: 10", lists with commas, nested
 * records in brackets. `name` turns ids (of placements, lines) into their labels where the field
 * refers to them.
 */
function readable(v: unknown, kind: Kind, name: (id: string) => string = (id) => id): string {
  if (typeof v === "number") return numberText(v, kind);
  if (typeof v === "string") return name(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v))
    return v.map((x) => (isRecord(x) ? `(${readable(x, kind)})` : readable(x, kind, name))).join(", ");
  if (isRecord(v)) {
    if (typeof v.distribution === "string") return distributionText(v as Distribution);
    return Object.entries(v)
      .filter(([k]) => k !== "id") // a nested line's id is a code name; its role or label says what it is
      .map(([k, x]) => {
        const inner = readable(x, PERIOD.test(k) ? kind : (KINDS[k] ?? kind));
        const key = PERIOD.test(k) ? k : name(k) !== k ? name(k) : words(k);
        return `${key}: ${isRecord(x) && typeof x.distribution !== "string" ? `(${inner})` : inner}`;
      })
      .join("; ");
  }
  return "";
}

// A staffing lever's sources are its lines' own, where the lever gives none.
function staffingSources(m: Scenario["mitigations"][number] | undefined): string | undefined {
  if (m?.type !== "staffing") return undefined;
  const given = m.staffing.flatMap((line) => (line.source ? [line.source] : []));
  return given.length ? given.join("; ") : undefined;
}

// What the Source column says of a field that is a label or a classification, not a figure.
const NOT_A_FIGURE = "(a classification, not a figure)";

// Whether a field of an item kind is a figure with a source of its own (model's FIGURE_FIELDS).
const isFigure = (kind: keyof typeof FIGURE_FIELDS, field: string) =>
  (FIGURE_FIELDS[kind] as readonly string[]).includes(field);

function assumptionsSheet(ws: Worksheet, input: WorkbookInput): void {
  const s = input.scenario;
  const illustrative = new Set(input.result.illustrative);
  start(
    ws,
    "Assumptions: every input and its source",
    `${s.name} · as read from the scenario file${illustrative.size ? " · illustrative figures: rows marked in the Illustrative column" : ""}`,
    ["Section", "Item", "Field", "Value", "Source", "Illustrative", "Key in the scenario file"],
    0,
  );
  const labels = new Map<string, string>([
    ...s.placements.map((p): [string, string] => [p.id, p.label]),
    ...s.lines.map((l): [string, string] => [l.id, l.label]),
  ]);
  const label = (id: string) => labels.get(id) ?? id;
  // Fields whose values (or, for uncertainty.placements, keys) are placement or line ids.
  const REFS = new Set(["fromPlacement", "toPlacement", "placements", "lines"]);
  /** One input: `at` is its path in the scenario file, the key illustrative inputs are listed by. */
  const row = (
    section: string,
    item: string,
    at: string,
    key: string,
    value: unknown,
    source: string | undefined,
    field = words(key),
  ) => {
    const path = at ? `${at}.${key}` : key;
    const kind = KINDS[key] ?? "number";
    const shown: Cell =
      typeof value === "number"
        ? value
        : key === "category" && typeof value === "string" && value in CATEGORIES
          ? `${CATEGORIES[value as Category]} (${value})`
          : readable(value, kind, REFS.has(key) ? label : undefined);
    const r = add(
      ws,
      [
        section,
        item,
        field,
        shown,
        source ?? "not given",
        // Marked when the input or any part of it is (a lever's staffing line, say).
        illustrative.has(at) || [...illustrative].some((k) => k === path || k.startsWith(`${path}.`))
          ? "yes"
          : "",
        path,
      ],
      [
        undefined,
        undefined,
        undefined,
        typeof value === "number"
          ? kind === "number" && Number.isInteger(value)
            ? FORMATS.count
            : FORMAT_OF[kind]
          : undefined,
      ],
    );
    return r;
  };
  // Estimates and warnings are not inputs: they are keyed by the input they concern, never marked.
  // Their only numbers are growth rates.
  const derived = (
    section: string,
    item: string,
    key: string,
    field: string,
    value: unknown,
    source: string,
  ) => add(ws, [section, item, field, readable(value, "rate"), source, "", key]);
  row("Scenario", s.name, "", "baseYear", s.baseYear, "scenario");
  row("Scenario", s.name, "", "horizon", s.horizon, "scenario", "Horizon (years)");
  row("Scenario", s.name, "", "phasing", s.phasing, "scenario");
  row("Scenario", s.name, "", "openingBalance", s.openingBalance, s.openingBalanceSource);
  for (const p of s.placements)
    for (const f of [
      "category",
      "count",
      "unitCost",
      "costInflation",
      "growth",
      "history",
      "ageSplit",
    ] as const)
      if (p[f] !== undefined)
        row(
          "Placement",
          p.label,
          `placements.${p.id}`,
          f,
          p[f],
          // Each figure's own source (issue #29); a growth estimated from history is the history's;
          // the category is a classification, never credited to a figure's source.
          f === "growth" && typeof p.growth === "object" && "method" in p.growth
            ? `estimated from the history (${sourceOf(p, "history") ?? "not given"})`
            : f === "category"
              ? (p.source ?? NOT_A_FIGURE)
              : sourceOf(p, f),
        );
  // Places and top-ups (issue #18): without them the placement's cost could not be reconciled.
  for (const p of s.placements) {
    if (!p.places) continue;
    const { source, ...places } = p.places;
    for (const [k, v] of Object.entries(places))
      if (v !== undefined)
        row("Placement places", p.label, `placements.${p.id}.places`, k, v, source ?? p.source);
    // The rate the places are paid at when the file leaves it to the operational guide.
    if (places.rate === undefined)
      row(
        "Placement places",
        p.label,
        `placements.${p.id}.places`,
        "rate",
        placeFundingRate(p.category, undefined, places.onRoll),
        PLACE_FUNDING[p.category].source,
        "Rate (the operational guide's, as none is given)",
      );
  }
  for (const l of s.lines)
    for (const f of ["amount", "inflation", "s251", "firstFY", "lastFY"] as const)
      if (l[f] !== undefined)
        row(
          "Line",
          l.label,
          `lines.${l.id}`,
          f,
          l[f],
          isFigure("line", f) ? sourceOf(l, f) : (l.source ?? NOT_A_FIGURE),
        );
  for (const st of s.staffing)
    for (const f of ["fte", "unitCost", "lumpSum", "payAward", "firstFY", "lastFY", "fundedBy"] as const)
      if (st[f] !== undefined)
        row(
          "Staffing",
          st.role,
          `staffing.${st.id}`,
          f,
          st[f],
          isFigure("staffing", f) ? sourceOf(st, f) : (st.source ?? NOT_A_FIGURE),
        );
  for (const f of ["amount", "growth"] as const)
    row("Income", "High Needs Block", "income.hnb", f, s.income.hnb[f], sourceOf(s.income.hnb, f));
  const perHead = s.income.hnb.perHead;
  if (perHead)
    for (const f of ["population", "formula", "floor", "cap"] as const)
      row("Income", "High Needs Block per head", "income.hnb.perHead", f, perHead[f], perHead.source);
  const ie = s.income.importExport;
  if (ie)
    for (const f of ["netImported", "rate"] as const)
      row("Income", "Import/export adjustment", "income.importExport", f, ie[f], sourceOf(ie, f));
  const sb = s.income.schoolsBlock;
  if (sb) {
    for (const f of ["amount", "growth", "transferRate"] as const)
      row("Income", "Schools Block", "income.schoolsBlock", f, sb[f], sourceOf(sb, f));
    for (const m of sb.otherMovements)
      row(
        "Income",
        `Schools Block movement: ${m.label}`,
        "income.schoolsBlock",
        "amounts",
        m.amounts,
        m.source,
      );
  }
  for (const o of s.income.other)
    row("Income", o.label, `income.other.${o.id}`, "amounts", o.amounts, sourceOf(o, "amounts"));
  const sg = s.income.stabilityGrant;
  if (sg)
    for (const [k, v] of Object.entries(sg))
      if (k !== "source" && k !== "sources" && v !== undefined)
        row(
          "Income",
          "High Needs Stability Grant",
          "income.stabilityGrant",
          k,
          v,
          isFigure("stabilityGrant", k) ? sourceOf(sg, k) : (sg.source ?? NOT_A_FIGURE),
        );
  for (const m of s.mitigations) {
    const { id, type, source, label: _label, ...rest } = m;
    const item = leverLabel(input.result, id);
    row("Mitigation", item, `mitigations.${id}`, "type", leverTypeText(type), source);
    for (const [k, v] of Object.entries(rest)) row("Mitigation", item, `mitigations.${id}`, k, v, source);
  }
  if (s.uncertainty) {
    const { source, ...rest } = s.uncertainty;
    for (const [k, v] of Object.entries(rest))
      row(
        "Uncertainty",
        "Simulation",
        "uncertainty",
        k,
        v,
        source,
        // The run may draw another number of paths with another seed (--paths, --seed): the
        // Uncertainty sheet prints the ones it used.
        k === "seed" ? "Seed in the scenario file" : k === "paths" ? "Paths in the scenario file" : undefined,
      );
  }
  if (s.reference)
    row("Reference", s.reference.name, "reference", "history", s.reference.history, s.reference.source);
  if (s.statutoryOverride)
    for (const [k, v] of Object.entries(s.statutoryOverride))
      if (k !== "source")
        row(
          "Statutory override",
          "Statutory override",
          "statutoryOverride",
          k,
          v,
          s.statutoryOverride.source,
        );
  if (s.flows)
    for (const k of ["newPlans", "requests", "ceased"] as const)
      if (s.flows[k])
        row("Flows", words(k), "flows", k, s.flows[k], s.flows.source, "History (calendar years)");
  // The SEN2 tables and the demand flows are inputs too: every figure is listed with its source.
  if (s.ehcpsByAge)
    row(
      "EHCPs",
      `By age group, January ${s.ehcpsByAge.census}`,
      "ehcpsByAge",
      "counts",
      s.ehcpsByAge.counts,
      s.ehcpsByAge.source,
    );
  if (s.ehcpsByNeed)
    row(
      "EHCPs",
      `By primary need, January ${s.ehcpsByNeed.census}`,
      "ehcpsByNeed",
      "counts",
      s.ehcpsByNeed.counts,
      s.ehcpsByNeed.source,
    );
  if (s.demand) {
    const d = s.demand;
    row("Demand", "EHCPs by age band", "demand", "history", d.history, d.source);
    row("Demand", "Cessation", "demand", "cessation", d.cessation, d.source);
    if (d.ageing) row("Demand", "Ageing", "demand", "ageing", d.ageing, d.source);
    for (const k of ["growth", "split"] as const)
      row("Demand", "New plans", "demand.newPlans", k, d.newPlans[k], d.newPlans.source ?? d.source);
    if (d.requests)
      for (const k of ["growth", "conversion"] as const)
        if (d.requests[k] !== undefined)
          row("Demand", "Requests", "demand.requests", k, d.requests[k], d.requests.source ?? d.source);
  }
  // What was estimated from history, and every warning with its evidence: never applied silently.
  for (const c of input.result.calibration) {
    const key = `placements.${c.id}.growth`;
    derived(
      "Growth estimated",
      c.label,
      key,
      "Method asked / used",
      `${c.requested}: ${c.used}`,
      "estimated from the placement's history",
    );
    derived("Growth estimated", c.label, key, "Rates by census year", c.rates, "estimated");
    if (c.weight !== undefined)
      derived(
        "Growth estimated",
        c.label,
        key,
        "Reference / weight on own trend",
        `${c.reference}: ${(100 * (c.referenceRate ?? 0)).toFixed(2)}% a year; weight ${(100 * c.weight).toFixed(1)}%`,
        "estimated",
      );
    for (const w of c.warnings) derived("Warning", c.label, key, "Growth warning", w, "sanity check");
  }
  for (const w of input.result.unitCostWarnings)
    derived(
      "Warning",
      label(w.id),
      `placements.${w.id}.unitCost`,
      "Unit cost warning",
      w.message,
      "sanity check",
    );
  for (const w of input.result.inputWarnings)
    derived("Warning", "Scenario", w.path, "Balances", w.message, "sanity check");
  for (const w of input.result.baseYearWarnings)
    derived("Warning", "Base year", w.path, "Base-year plausibility", w.message, "sanity check");
  for (const w of demandWarnings(input.result.demand))
    derived("Warning", "EHCP demand flows", w.path, "Demand warning", w.message, "sanity check");
  for (const w of input.result.shiftWarnings)
    derived("Warning", w.lever, `mitigations.${w.lever}.moves`, "Shift held back", w.message, "sanity check");
  fit(ws, 10, 80);
}

const UNCERTAINTY_KINDS: Record<string, string> = {
  growth: "Growth rate",
  costInflation: "Cost inflation",
  delivery: "Delivery of levers",
};

function uncertaintySheet(ws: Worksheet, input: WorkbookInput, u: UncertaintyResult): void {
  const fys = input.result.financialYears;
  start(
    ws,
    "Uncertainty: range of outcomes",
    subtitle(input, `${formatNumber(u.paths)} simulated paths, seed used for these paths ${u.seed}; £`),
    ["Balance", ...fys],
    1,
    false,
  );
  for (const forecast of ["unmitigated", "mitigated"] as const) {
    const rows = u.ledger.filter((r) => r.forecast === forecast);
    if (rows.length === 0) continue;
    for (const measure of ["inYear", "cumulative"] as const)
      for (const p of ["p10", "p50", "p90"] as const)
        add(
          ws,
          [
            `${forecast === "unmitigated" ? "Unmitigated" : "Mitigated"} ${measure === "inYear" ? "in-year" : "cumulative"}, ${p === "p10" ? "10th" : p === "p50" ? "50th" : "90th"} percentile`,
            ...fys.map((fy) => rows.find((r) => r.fy === fy && r.measure === measure)?.[p] ?? null),
          ],
          FORMATS.money,
        );
    add(ws, []);
  }
  // The run's seed may differ from the file's (a --seed option): both are named, so they are not
  // read as contradicting the Assumptions sheet.
  add(ws, ["Simulation", "Value"], undefined, true);
  add(ws, ["Simulated paths", u.paths], FORMATS.count);
  add(
    ws,
    ["Paths in the scenario file (Assumptions sheet)", input.scenario.uncertainty?.paths ?? "not given"],
    FORMATS.count,
  );
  add(ws, ["Seed used for these paths", u.seed], FORMATS.plain);
  const fileSeed = input.scenario.uncertainty?.seed;
  add(ws, ["Seed in the scenario file (Assumptions sheet)", fileSeed ?? "not given"], FORMATS.plain);
  add(ws, []);
  add(ws, ["Assumption", "Kind", "Distribution", "From"], undefined, true);
  for (const a of u.assumptions)
    add(ws, [
      a.label,
      UNCERTAINTY_KINDS[a.kind] ?? words(a.kind),
      distributionText(a.distribution),
      // growth: auto's sd is the history's noise, capped where it implies more.
      a.origin !== "auto"
        ? "the scenario"
        : a.basis !== undefined
          ? a.basis
          : a.impliedSd !== undefined
            ? `capped at ${formatNumber(100 * POOLING.sdCap)} points a year: the noise of the placement's history implies ${formatNumber(100 * a.impliedSd)}`
            : "the noise of the placement's history",
    ]);
  fit(ws, 10, 70);
}

/**
 * The s251-shaped sheet (issue #18): each forecast's expenditure by s251 high-needs line and FY, the
 * total a formula over the lines (it is the ledger's gross expenditure), and, where academy place
 * funding is recouped, the allocation and the expenditure net of it with formulas that take the same
 * amount off both, so the in-year balance is the same gross and net.
 */
function s251Sheet(ws: Worksheet, input: WorkbookInput): void {
  const { result } = input;
  const fys = result.financialYears;
  const cols = fys.map((_, i) => letter(i + 2));
  start(
    ws,
    "High needs expenditure by s251 line",
    subtitle(input, "£, unrounded; lines of the DfE s251 budget statement"),
    ["s251 line", ...fys],
  );
  // s251 splits top-ups by provider; a placement says it is an academy only through places.provider.
  const assumed = input.scenario.placements.filter(
    (p) =>
      !p.places &&
      p.unitCost > 0 &&
      p.s251 === undefined &&
      p.s251Split === undefined &&
      p.category !== "P16FE" &&
      PLACE_FUNDING[p.category].topUpLine.maintained !== PLACE_FUNDING[p.category].topUpLine.academy,
  );
  if (assumed.length)
    add(ws, [
      `Note: ${assumed.map((p) => p.label).join(", ")} ${assumed.length === 1 ? "is" : "are"} shown on the maintained schools' top-up lines: give a placement s251Split (e.g. { "1.2.1": 0.5, "1.2.2": 0.5 }) or places: { provider: academy } to show academies' top-ups on 1.2.2.`,
    ]).font = { italic: true };
  for (const note of s251Notes(input.scenario)) add(ws, [`Note: ${note}`]).font = { italic: true };
  for (const [name, f] of forecasts(result)) {
    const statement = s251Statement(fys, f);
    const ledger = fys.map((fy) => f.ledger.find((l) => l.fy === fy) as LedgerRow);
    add(
      ws,
      [`${name} forecast${name === "Mitigated" && result.plan ? `: ${result.plan.name}` : ""}`],
      undefined,
      true,
    );
    let first = 0;
    let last = 0;
    const rows = statement.rows.length
      ? statement.rows
      : [{ line: "", label: "No high needs expenditure", amounts: fys.map(() => 0) }];
    for (const r of rows) {
      const row = add(ws, [r.line ? `${r.line} ${r.label}` : r.label, ...r.amounts], FORMATS.money).number;
      if (!first) first = row;
      last = row;
    }
    const sum = (c: string) => `SUM(${c}${first}:${c}${last})`;
    const total = add(
      ws,
      [
        "Total expenditure (gross)",
        ...cols.map((c, i) => formula(ws, sum(c), (ledger[i] as LedgerRow).expenditure)),
      ],
      FORMATS.money,
      true,
    ).number;
    const recoupment = statement.recoupment;
    if (!recoupment) continue;
    const less = add(
      ws,
      ["Less recoupment: academy place funding paid by the ESFA", ...recoupment],
      FORMATS.money,
    ).number;
    add(
      ws,
      [
        "Net expenditure",
        ...cols.map((c, i) =>
          formula(ws, `${c}${total}-${c}${less}`, (ledger[i] as LedgerRow).netExpenditure ?? 0),
        ),
      ],
      FORMATS.money,
      true,
    );
    const hnb = add(
      ws,
      ["High Needs Block allocation (gross)", ...ledger.map((l) => l.hnb)],
      FORMATS.money,
    ).number;
    add(
      ws,
      [
        "High Needs Block allocation net of recoupment",
        ...cols.map((c, i) => {
          const l = ledger[i] as LedgerRow;
          return formula(ws, `${c}${hnb}-${c}${less}`, l.hnb - (l.recoupment ?? 0));
        }),
      ],
      FORMATS.money,
      true,
    );
  }
  fit(ws);
}

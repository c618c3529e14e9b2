// The DSG management plan workbook: the tables of the DfE template (financial summary, EHCP
// numbers by category and age, the workstream log, assumptions) filled from a forecast. Numbers
// are written as numbers with formats, never as text, so finance teams can reuse them.
import {
  AGE_GROUP_KEYS,
  AGE_GROUPS,
  CATEGORIES,
  CATEGORY_CODES,
  type Category,
  distributionText,
  type Forecast,
  type ForecastResult,
  leverGroups,
  type Scenario,
  type UncertaintyResult,
} from "@hnb/model";
import type ExcelJSNamespace from "exceljs";

type Worksheet = ExcelJSNamespace.Worksheet;
type Cell = string | number | null;

/** Number formats: £ with thousands separators and deficits in red brackets; counts; rates. */
export const FORMATS = {
  money: "#,##0;[Red](#,##0)",
  count: "#,##0.0",
  rate: "0.00%",
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

/** Builds management-plan.xlsx in memory (exceljs is loaded only here). @example const bytes = await managementPlanWorkbook({ scenario, result: forecast(scenario) }) */
export async function managementPlanWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "hnb";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  financialSummary(wb.addWorksheet("Financial summary"), input);
  ehcpNumbers(wb.addWorksheet("EHCP numbers"), input);
  mitigations(wb.addWorksheet("Mitigations"), input);
  assumptionsSheet(wb.addWorksheet("Assumptions"), input);
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

/** Title rows, then a frozen bold header row; returns the header row's number. */
function start(ws: Worksheet, title: string, subtitle: string, header: string[], xSplit = 1): number {
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([subtitle]).font = { italic: true, color: { argb: "FF555555" } };
  const row = ws.addRow(header);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
    c.border = { bottom: { style: "thin" } };
  });
  ws.views = [{ state: "frozen", ySplit: row.number, xSplit }];
  return row.number;
}

function add(ws: Worksheet, cells: Cell[], format?: string, bold = false): void {
  const row = ws.addRow(cells);
  if (bold) row.font = { bold: true };
  if (format)
    row.eachCell((c, col) => {
      if (col > 1 && typeof c.value === "number") c.numFmt = format;
    });
}

// Widths that fit: the longest text or formatted number in each column, within sensible bounds.
function fit(ws: Worksheet, min = 10, max = 60): void {
  ws.columns.forEach((col) => {
    let width = min;
    col.eachCell?.({ includeEmpty: false }, (c, row) => {
      if (row <= 2) return; // titles may run across columns
      const v = c.value;
      const len =
        typeof v === "number" ? Math.round(v).toLocaleString("en-GB").length + 3 : String(v ?? "").length;
      width = Math.max(width, len + 2);
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

function financialSummary(ws: Worksheet, input: WorkbookInput): void {
  const { result } = input;
  const fys = result.financialYears;
  start(
    ws,
    "DSG management plan: financial summary",
    subtitle(input, "£, unrounded; positive = surplus, negative = deficit"),
    ["Line", ...fys],
  );
  for (const [name, f] of forecasts(result)) {
    add(ws, [`${name} forecast`], undefined, true);
    add(ws, ["Income"], undefined, true);
    const byFy = (pick: (l: Forecast["ledger"][number]) => number) =>
      fys.map((fy) => pick(f.ledger.find((l) => l.fy === fy) as Forecast["ledger"][number]));
    add(ws, ["High Needs Block allocation", ...byFy((l) => l.hnb)], FORMATS.money);
    add(ws, ["Schools Block transfer", ...byFy((l) => l.transfer)], FORMATS.money);
    const incomeIds = [...new Map(f.otherIncome.map((o) => [o.id, o.label])).entries()];
    for (const [id, label] of incomeIds)
      add(
        ws,
        [
          `Other income: ${label}`,
          ...fys.map((fy) =>
            sumBy(
              f.otherIncome,
              (o) => o.id === id && o.fy === fy,
              (o) => o.amount,
            ),
          ),
        ],
        FORMATS.money,
      );
    add(ws, ["Total income", ...byFy((l) => l.income)], FORMATS.money, true);
    add(ws, ["Expenditure by placement type"], undefined, true);
    const placements = [...new Map(f.placements.map((p) => [p.id, p])).values()];
    for (const p of placements)
      add(
        ws,
        [
          `${p.label} (${p.category})`,
          ...fys.map((fy) =>
            sumBy(
              f.placements,
              (r) => r.id === p.id && r.fy === fy,
              (r) => r.cost,
            ),
          ),
        ],
        FORMATS.money,
      );
    const lines = [...new Map(f.lines.map((l) => [l.id, l])).values()];
    if (lines.length) add(ws, ["Other expenditure lines"], undefined, true);
    for (const l of lines)
      add(
        ws,
        [
          `${l.label}${l.s251 ? ` (s251 ${l.s251})` : ""}`,
          ...fys.map((fy) =>
            sumBy(
              f.lines,
              (r) => r.id === l.id && r.fy === fy,
              (r) => r.cost,
            ),
          ),
        ],
        FORMATS.money,
      );
    const staff = [...new Map(f.staffing.filter((s) => s.fundedBy === "HNB").map((s) => [s.id, s])).values()];
    if (staff.length) add(ws, ["Staffing funded by the High Needs Block"], undefined, true);
    for (const s of staff)
      add(
        ws,
        [
          `${s.role}${s.lever ? ` (lever ${s.lever})` : ""}`,
          ...fys.map((fy) =>
            sumBy(
              f.staffing,
              (r) => r.id === s.id && r.fy === fy,
              (r) => r.cost,
            ),
          ),
        ],
        FORMATS.money,
      );
    if (f.ledger.some((l) => l.implementationCost !== 0))
      add(ws, ["Implementation spend of grants", ...byFy((l) => l.implementationCost)], FORMATS.money);
    add(ws, ["Total expenditure", ...byFy((l) => l.expenditure)], FORMATS.money, true);
    add(ws, ["In-year balance", ...byFy((l) => l.inYear)], FORMATS.money, true);
    add(
      ws,
      [
        `Cumulative balance (opening ${result.openingBalance.toLocaleString("en-GB")})`,
        ...byFy((l) => l.cumulative),
      ],
      FORMATS.money,
      true,
    );
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
  add(ws, ["Statutory override"], undefined, true);
  add(ws, ["Ends", `31 March ${o.ends.slice(0, 4)} (end of ${o.fy})`]);
  if (o.withinHorizon) {
    add(ws, ["Cumulative balance then, unmitigated", o.unmitigated ?? null], FORMATS.money);
    if (result.levers.length)
      add(ws, ["Cumulative balance then, mitigated", o.mitigated ?? null], FORMATS.money);
    if (o.usableReserves !== undefined) {
      add(ws, ["Council's usable reserves", o.usableReserves], FORMATS.money);
      add(
        ws,
        ["Deficit as a share of usable reserves, unmitigated", o.unmitigatedShareOfReserves ?? null],
        FORMATS.rate,
      );
      if (result.levers.length)
        add(
          ws,
          ["Deficit as a share of usable reserves, mitigated", o.mitigatedShareOfReserves ?? null],
          FORMATS.rate,
        );
    } else add(ws, ["Council's usable reserves", "not given (statutoryOverride.usableReserves)"]);
  } else add(ws, ["Position", "after the last reported year"]);
  fit(ws, 12);
}

function ehcpNumbers(ws: Worksheet, input: WorkbookInput): void {
  const { result, scenario } = input;
  const years = result.censusYears;
  start(
    ws,
    "DSG management plan: EHCP numbers",
    subtitle(input, "placements at each January census; forecast counts are unrounded"),
    ["Category", ...years.map(String)],
  );
  for (const [name, f] of forecasts(result)) {
    add(ws, [`${name}: EHCPs by DSG management-plan category`], undefined, true);
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
    add(
      ws,
      [
        "Total EHCPs",
        ...years.map((y) =>
          sumBy(
            f.placements,
            (p) => p.category !== "NONE" && p.census === y,
            (p) => p.count,
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
    add(ws, ["All EHCPs", ...cells, cells.reduce<number>((x, y) => x + (y ?? 0), 0)], FORMATS.count);
    add(ws, [a.source ? `Source: ${a.source}` : "Source: not given"]);
    add(ws, []);
  }
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
          add(ws, [CATEGORIES[c], ...cells, cells.reduce((a, b) => a + b, 0)], FORMATS.count);
        }
      }
      add(ws, []);
    }
  }
  fit(ws, 10);
}

function mitigations(ws: Worksheet, input: WorkbookInput): void {
  const { result, scenario } = input;
  const last = result.financialYears[result.financialYears.length - 1] ?? "";
  start(
    ws,
    "DSG management plan: mitigations (workstream log)",
    subtitle(input, `savings on the ${last} cumulative balance, £; positive improves it`),
    ["Lever", "Label", "Type", "Confidence", "Sequential saving", "Shapley share", "Source"],
  );
  if (result.levers.length === 0) add(ws, ["No mitigations in the scenario"]);
  const money = (row: ExcelJSNamespace.Row) => {
    row.getCell(5).numFmt = FORMATS.money;
    row.getCell(6).numFmt = FORMATS.money;
  };
  // Savings and funding apart, each with its subtotal, as DfE plans report them.
  for (const g of leverGroups(result)) {
    add(ws, [g.title], undefined, true);
    for (const l of g.levers) {
      const m = scenario.mitigations.find((x) => x.id === l.id);
      const row = ws.addRow([
        l.id,
        l.label,
        l.type,
        m?.confidence ?? 1,
        l.sequential,
        l.shapley,
        m?.source ?? "not given",
      ]);
      row.getCell(4).numFmt = "0%";
      money(row);
    }
    const sub = ws.addRow([`${g.title} subtotal`, "", "", null, g.total.sequential, g.total.shapley]);
    sub.font = { bold: true };
    money(sub);
  }
  for (const g of result.grants) {
    add(ws, [`Grant ${g.id}: income`, g.income], FORMATS.money);
    add(
      ws,
      [
        `Grant ${g.id}: implementation spend${g.spendReason ? ` (none of its own: ${g.spendReason})` : ""}`,
        g.spend,
      ],
      FORMATS.money,
    );
    add(ws, [`Grant ${g.id}: net`, g.net], FORMATS.money, true);
  }
  if (result.safetyValvePayments.length) {
    add(ws, []);
    add(
      ws,
      ["Safety Valve payments", "FY", "Payment", "Target in-year", "In-year before", "Outcome"],
      undefined,
      true,
    );
    for (const p of result.safetyValvePayments) {
      const row = ws.addRow([
        p.lever,
        p.fy,
        p.amount,
        p.target,
        p.inYearBefore,
        p.paid ? "paid" : "withheld",
      ]);
      for (const c of [3, 4, 5]) row.getCell(c).numFmt = FORMATS.money;
    }
  }
  if (result.levers.length) {
    const total = ws.addRow([
      "Total (mitigated less unmitigated)",
      "",
      "",
      null,
      sumBy(
        result.levers,
        () => true,
        (l) => l.sequential,
      ),
      sumBy(
        result.levers,
        () => true,
        (l) => l.shapley,
      ),
    ]);
    total.font = { bold: true };
    total.getCell(5).numFmt = FORMATS.money;
    total.getCell(6).numFmt = FORMATS.money;
    add(ws, []);
    add(ws, ["Gap, mitigated − unmitigated", ...result.financialYears], undefined, true);
    const gap = (pick: (l: Forecast["ledger"][number]) => number) =>
      result.unmitigated.ledger.map((u, i) => pick(result.mitigated.ledger[i] ?? u) - pick(u));
    add(ws, ["In-year", ...gap((l) => l.inYear)], FORMATS.money);
    add(ws, ["Cumulative", ...gap((l) => l.cumulative)], FORMATS.money);
  }
  fit(ws, 10, 70);
}

function describe(v: unknown): Cell {
  if (typeof v === "number" || typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  if (typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "number"))
    return Object.entries(v as Record<string, number>)
      .map(([k, x]) => `${k}: ${x}`)
      .join(", ");
  return JSON.stringify(v);
}

function assumptionsSheet(ws: Worksheet, input: WorkbookInput): void {
  const s = input.scenario;
  const illustrative = new Set(input.result.illustrative);
  start(
    ws,
    "Assumptions: every input and its source",
    `${s.name} · as read from the scenario file${illustrative.size ? " · illustrative figures: rows marked in the last column" : ""}`,
    ["Section", "Item", "Field", "Value", "Source", "Illustrative"],
    0,
  );
  const row = (section: string, item: string, field: string, value: unknown, source: string | undefined) => {
    const key =
      section === "Scenario"
        ? field
        : section === "Placement"
          ? `placements.${item}`
          : section === "Line"
            ? `lines.${item}`
            : section === "Income"
              ? `income.${item}`
              : section === "Mitigation"
                ? `mitigations.${item}`
                : section.toLowerCase();
    const r = ws.addRow([
      section,
      item,
      field,
      describe(value),
      source ?? "not given",
      illustrative.has(key) ? "yes" : "",
    ]);
    const cell = r.getCell(4);
    if (typeof cell.value === "number")
      cell.numFmt = Math.abs(cell.value) < 1 && cell.value !== 0 ? "0.00%" : "#,##0.##";
  };
  row("Scenario", s.name, "baseYear", s.baseYear, "scenario");
  row("Scenario", s.name, "horizon", s.horizon, "scenario");
  row("Scenario", s.name, "phasing", s.phasing, "scenario");
  row("Scenario", s.name, "openingBalance", s.openingBalance, s.openingBalanceSource);
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
      if (p[f] !== undefined) row("Placement", p.id, f, p[f], p.source);
  for (const l of s.lines)
    for (const f of ["amount", "inflation", "s251", "firstFY", "lastFY"] as const)
      if (l[f] !== undefined) row("Line", l.id, f, l[f], l.source);
  for (const st of s.staffing)
    for (const f of ["fte", "unitCost", "lumpSum", "payAward", "firstFY", "lastFY", "fundedBy"] as const)
      if (st[f] !== undefined) row("Staffing", st.id, f, st[f], st.source);
  row("Income", "hnb", "amount", s.income.hnb.amount, s.income.hnb.source);
  row("Income", "hnb", "growth", s.income.hnb.growth, s.income.hnb.source);
  if (s.income.schoolsBlock)
    for (const f of ["amount", "growth", "transferRate"] as const)
      row("Income", "schoolsBlock", f, s.income.schoolsBlock[f], s.income.schoolsBlock.source);
  for (const o of s.income.other) row("Income", o.id, "amounts", o.amounts, o.source);
  for (const m of s.mitigations) {
    const { id, type, source, label: _label, ...rest } = m;
    row("Mitigation", id, "type", type, source);
    for (const [k, v] of Object.entries(rest)) row("Mitigation", id, k, v, source);
  }
  if (s.uncertainty) {
    const { source, ...rest } = s.uncertainty;
    for (const [k, v] of Object.entries(rest)) row("Uncertainty", k, k, v, source);
  }
  if (s.reference) row("Reference", s.reference.name, "history", s.reference.history, s.reference.source);
  if (s.statutoryOverride)
    for (const [k, v] of Object.entries(s.statutoryOverride))
      if (k !== "source") row("StatutoryOverride", "statutoryOverride", k, v, s.statutoryOverride.source);
  if (s.flows)
    for (const k of ["newPlans", "requests"] as const)
      if (s.flows[k]) row("Flows", k, "history (calendar years)", s.flows[k], s.flows.source);
  // What was estimated from history, and every warning with its evidence: never applied silently.
  for (const c of input.result.calibration) {
    row(
      "Growth estimated",
      c.id,
      "method asked / used",
      `${c.requested}: ${c.used}`,
      "estimated from the placement's history",
    );
    row("Growth estimated", c.id, "rates by census year", c.rates, "estimated");
    if (c.weight !== undefined)
      row(
        "Growth estimated",
        c.id,
        "reference / weight on own trend",
        `${c.reference}: ${(100 * (c.referenceRate ?? 0)).toFixed(2)}% a year; weight ${(100 * c.weight).toFixed(1)}%`,
        "estimated",
      );
    for (const w of c.warnings) row("Warning", c.id, "growth warning", w, "sanity check");
  }
  for (const w of input.result.unitCostWarnings)
    row("Warning", w.id, "unitCost warning", w.message, "sanity check");
  fit(ws, 10, 80);
}

function uncertaintySheet(ws: Worksheet, input: WorkbookInput, u: UncertaintyResult): void {
  const fys = input.result.financialYears;
  start(
    ws,
    "Uncertainty: range of outcomes",
    subtitle(input, `${u.paths.toLocaleString("en-GB")} simulated paths, seed ${u.seed}; £`),
    ["Balance", ...fys],
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
  add(ws, ["Assumption", "Kind", "Distribution", "From"], undefined, true);
  for (const a of u.assumptions)
    add(ws, [
      a.label,
      a.kind,
      distributionText(a.distribution),
      a.origin === "auto" ? "backtest errors of the history" : "the scenario",
    ]);
  fit(ws, 10, 70);
}

// The monitoring and comparison workbooks of `hnb monitor --out` and `hnb compare --out` (issue #32),
// built like the management plan: totals, outturns, variances and differences are Excel formulas
// whose cached values are checked against the model's own figures as they are written (a formula
// over the wrong cells fails the build), and a visible check row that reads 0 when the sheets agree.
import type { Comparison, MonitoringResult } from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS, VARIANCE } from "./formats.js";
import { WorkbookWriter } from "./writer.js";

const CHECK = "0;-0;0";

/** The label of the outturn column: "Outturn" once all twelve months have closed. @example outturnLabel(monitored) === "Forecast outturn" */
export function outturnLabel(m: Pick<MonitoringResult, "monthsClosed">): string {
  return m.monthsClosed === 12 ? "Outturn" : "Forecast outturn";
}

/**
 * monitoring.xlsx: the lines with outturn (= actual + rest of year), variance (= outturn − budget) and
 * the totals as formulas; the DSG balance with in-year and cumulative as formulas; a check that the
 * total outturn is the monitored year's expenditure on the balance sheet.
 * @example await monitoringWorkbook(monitored)
 */
export async function monitoringWorkbook(m: MonitoringResult): Promise<Uint8Array> {
  const book = await WorkbookWriter.create();
  const ws = book.sheet("Monitoring");
  const moved = m.previous !== undefined;
  const header = ws.start(
    `${m.name}: ${m.fy} ${outturnLabel(m).toLowerCase()}`,
    `£; actuals ${m.actualsTo ? `to ${m.actualsTo}` : "none yet"}${m.monthsClosed < 12 ? `; the rest of the year from the ${m.forecast} forecast` : ""}; outturn = actual + rest of year; variance = outturn − budget: an overspend in red, an underspend in (brackets)${moved ? `; since ${m.previous}: the change in outturn, a higher outturn in red` : ""}`,
    [
      "Line",
      "Budget",
      "Actual to date",
      "Rest of year",
      outturnLabel(m),
      "Variance",
      ...(moved ? [`Since ${m.previous}`] : []),
    ],
  );
  const first = header + 1;
  for (const l of m.lines) {
    const row = ws.add(
      [l.label, l.budget, l.actual, l.remaining, null, null, ...(moved ? [l.movement ?? 0] : [])],
      [undefined, FORMATS.money, FORMATS.money, FORMATS.money, undefined, undefined, VARIANCE],
    );
    const r = row.number;
    ws.put(row, 5, ws.formula(`C${r}+D${r}`, l.outturn), FORMATS.money);
    ws.put(row, 6, ws.formula(`E${r}-B${r}`, l.variance), VARIANCE);
  }
  // A year with no line costed still has a row for the totals to add up (0s, not blanks).
  if (m.lines.length === 0)
    ws.add(
      ["No line is costed in the year", 0, 0, 0, 0, 0, ...(moved ? [0] : [])],
      [undefined, FORMATS.money, FORMATS.money, FORMATS.money, FORMATS.money, VARIANCE, VARIANCE],
    );
  const last = ws.rowCount;
  const totals = ws.add(["Total"], undefined, true);
  const t = totals.number;
  const sums: [string, number, string][] = [
    ["B", m.total.budget, FORMATS.money],
    ["C", m.total.actual, FORMATS.money],
    ["D", m.total.remaining, FORMATS.money],
    ["E", m.total.outturn, FORMATS.money],
    ["F", m.total.variance, VARIANCE],
    ...(moved ? [["G", m.total.movement ?? 0, VARIANCE] as [string, number, string]] : []),
  ];
  sums.forEach(([c, figure, format], i) => {
    ws.put(totals, i + 2, ws.formula(`SUM(${c}${first}:${c}${last})`, figure), format);
  });
  ws.fit(10, 64);

  const bs = book.sheet("DSG balance");
  bs.start(
    `${m.name}: DSG balance with the ${m.fy} ${outturnLabel(m).toLowerCase()}`,
    `£; the monitored year's expenditure is its ${outturnLabel(m).toLowerCase()} and later years carry the difference from the model once (their own in-year balances are the model's); in-year = income − expenditure, cumulative = the year before's + in-year; deficits in red brackets`,
    ["FY", "Income", "Expenditure", "In-year", "Cumulative"],
  );
  const opening = (m.ledger[0]?.cumulative ?? 0) - (m.ledger[0]?.inYear ?? 0);
  const open = bs.add(["Opening balance", null, null, null, opening], FORMATS.money).number;
  let monitored = 0;
  m.ledger.forEach((l, i) => {
    const row = bs.add([l.fy, l.income, l.expenditure], FORMATS.money);
    const r = row.number;
    bs.put(row, 4, bs.formula(`B${r}-C${r}`, l.inYear), FORMATS.money);
    bs.put(row, 5, bs.formula(`E${i === 0 ? open : r - 1}+D${r}`, l.cumulative), FORMATS.money);
    if (l.fy === m.fy) monitored = r;
  });
  bs.fit();
  // The self-check a reader can see: the monitoring sheet's total outturn is the balance sheet's
  // expenditure for the monitored year.
  if (monitored) {
    const check = ws.add([
      `Check: total ${outturnLabel(m).toLowerCase()} less the ${m.fy} expenditure on the DSG balance sheet (0 when the two sheets agree)`,
    ]);
    ws.put(
      check,
      5,
      ws.formula(
        `E${t}-'DSG balance'!C${monitored}`,
        m.total.outturn - (m.ledger.find((l) => l.fy === m.fy)?.expenditure ?? 0),
      ),
      CHECK,
    );
    check.font = { italic: true };
  }
  if (m.warnings.length) {
    const w = book.sheet("Spend to date");
    w.start(
      `${m.name}: spend to date against the model`,
      "lines whose spend to date runs away from the model's cost for the closed months, spend below zero, the profile",
      ["Note"],
    );
    for (const note of m.warnings) w.add([note]);
    w.fit(10, 120);
  }
  return book.bytes();
}

/**
 * comparison.xlsx: the scenarios' cumulative balances side by side with each one's difference from
 * the first as a formula; for each difference, its inputs by label with every changed value and
 * Shapley share, the total as a SUM, and a check that it equals the difference in final balances;
 * and a sheet of every changed value, one row a year.
 * @example await comparisonWorkbook(compareScenarios([central, best]))
 */
export async function comparisonWorkbook(c: Comparison): Promise<Uint8Array> {
  const book = await WorkbookWriter.create();
  const ws = book.sheet("Side by side");
  const names = c.scenarios.map((s) => s.name);
  const base = names[0] ?? "";
  const header = ws.start(
    "Scenarios side by side: cumulative DSG balance",
    `£; ${c.forecast} forecasts; each difference = that scenario's balance − ${base}'s (positive: better off); deficits in red brackets`,
    ["FY", ...names, ...names.slice(1).map((n) => `${n} − ${base}`)],
  );
  const n = names.length;
  c.financialYears.forEach((fy, i) => {
    const row = ws.add([fy, ...c.scenarios.map((s) => s.ledger[i]?.cumulative ?? 0)], FORMATS.money);
    const r = row.number;
    c.scenarios.slice(1).forEach((s, j) => {
      const diff = (s.ledger[i]?.cumulative ?? 0) - (c.scenarios[0]?.ledger[i]?.cumulative ?? 0);
      ws.put(row, n + 2 + j, ws.formula(`${letter(j + 3)}${r}-B${r}`, diff), VARIANCE.replace("[Red]", ""));
    });
  });
  const finalRow = header + c.financialYears.length;
  ws.fit();

  c.differences.forEach((d, j) => {
    const ds = book.sheet(`Difference ${j + 1}`.slice(0, 31));
    ds.start(
      `${d.name} against ${base}: what explains the difference`,
      `£ on the ${c.financialYears.at(-1)} cumulative balance; each input's Shapley share (positive makes ${d.name} better off), over the inputs that differ${d.grouped ? ", grouped by section as more than 12 differ" : ""}`,
      ["Input", "What changed", "Share"],
    );
    const first = ds.rowCount + 1;
    for (const i of d.inputs) ds.add([i.label, i.change, i.share], FORMATS.money);
    // Scenarios that differ in no input value still have a row for the total to add up.
    if (d.inputs.length === 0) ds.add(["No input value differs", "", 0], FORMATS.money);
    const last = ds.rowCount;
    const shares = d.inputs.reduce((a, i) => a + i.share, 0);
    const total = ds.add(["Total"], undefined, true);
    ds.put(total, 3, ds.formula(`SUM(C${first}:C${last})`, shares), FORMATS.money);
    const diff = ds.add([`Difference in the ${c.financialYears.at(-1)} balance (Side by side)`]);
    ds.put(diff, 3, ds.formula(`'Side by side'!${letter(n + 2 + j)}${finalRow}`, d.total), FORMATS.money);
    const check = ds.add(["Check: total less the difference (0 when the shares add up)"]);
    ds.put(check, 3, ds.formula(`C${total.number}-C${diff.number}`, shares - d.total), CHECK);
    check.font = { italic: true };
    if (d.textOnly?.length) ds.add([`Differ only in label or source (no share): ${d.textOnly.join(", ")}`]);
    ds.fit(10, 90);
  });

  const cs = book.sheet("What changed");
  cs.start(
    "Every input value that differs, year by year",
    `against ${base}; growth as the forecast uses it each census year (growth: auto is estimated from history)`,
    ["Scenario", "Input", "Field", "Year", `${base}`, "This scenario"],
  );
  for (const d of c.differences)
    for (const i of d.inputs)
      for (const x of i.details ?? []) cs.add([d.name, i.label, x.field, x.key ?? "", x.from, x.to]);
  cs.fit();
  return book.bytes();
}

// Savings by financial year, as the DfE workstream log asks, on the Mitigations sheet below the
// log: each lever's Shapley share of each FY's in-year balance. With a Stability Grant a lever's
// years are before its effect on the grant, and the grant's change between the forecasts is a row
// of its own in the year it is paid: a cost before the grant's deficit year ends raises the grant,
// and that is the grant's, not a saving of the lever. A lever's years add up to its Total, and each
// year's rows add up to that year's in-year gap (with the grant) above.
import { type ForecastResult, leverGroups, leverYearsBeforeGrant } from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS } from "./formats.js";
import type { SheetWriter } from "./writer.js";

/** Writes the table of each lever's savings by financial year. @example savingsByYear(sheet, result) */
export function savingsByYear(ws: SheetWriter, result: ForecastResult): void {
  const fys = result.financialYears;
  const last = letter(fys.length + 1);
  const totalCol = letter(fys.length + 2);
  const money = Array(fys.length + 2).fill(FORMATS.money);
  const byYear = leverYearsBeforeGrant(result);
  const yearsOf = new Map(byYear.levers.map((l) => [l.lever.id, l.years]));
  const grant = byYear.grant;
  ws.add([]);
  ws.add([
    grant
      ? "Savings by financial year: Shapley share of each year's in-year balance before the Stability Grant, £; the grant's change between the forecasts is its own row, in the year it is paid"
      : "Savings by financial year: Shapley share of each year's in-year balance, £",
  ]);
  ws.add(["Lever", ...fys, "Total"], undefined, true);
  const subtotals: number[] = [];
  // A row of figures by year and their sum in the Total column (the engine's own total as its value).
  const yearsRow = (label: string, years: readonly { shapley: number }[], total: number) => {
    const row = ws.add([label, ...years.map((y) => y.shapley)], FORMATS.money);
    ws.put(row, fys.length + 2, ws.formula(`SUM(B${row.number}:${last}${row.number})`, total), FORMATS.money);
    return row;
  };
  // A lever's total: its share of the final balance, before its effect on the grant where there is one.
  const totalOf = (l: ForecastResult["levers"][number]) => (grant ? (l.beforeGrant ?? l) : l).shapley;
  for (const g of leverGroups(result)) {
    ws.add([g.title], undefined, true);
    const first = ws.rowCount + 1;
    const years = g.levers.map((l) => yearsOf.get(l.id) ?? l.byYear);
    for (const [i, l] of g.levers.entries()) yearsRow(l.label, years[i] ?? [], totalOf(l));
    const end = ws.rowCount;
    const row = ws.add(
      [
        `${g.title} subtotal, by year`,
        ...fys.map((_, k) => {
          const c = letter(k + 2);
          return ws.formula(
            `SUM(${c}${first}:${c}${end})`,
            years.reduce((a, y) => a + (y[k]?.shapley as number), 0),
          );
        }),
        ws.formula(
          `SUM(${totalCol}${first}:${totalCol}${end})`,
          grant ? g.levers.reduce((a, l) => a + totalOf(l), 0) : g.total.shapley,
        ),
      ],
      money,
      true,
    );
    subtotals.push(row.number);
  }
  const change = result.leverTotals.bySide.stabilityGrant;
  if (grant)
    subtotals.push(
      yearsRow("Stability Grant: change between the forecasts", grant, change?.shapley ?? 0).number,
    );
  ws.add(
    [
      grant ? "Total by year (the in-year gap, with the Stability Grant)" : "Total by year (the in-year gap)",
      ...[...fys, "Total"].map((_, k) => {
        const c = letter(k + 2);
        const figure =
          k < fys.length
            ? result.levers.reduce((a, l) => a + (l.byYear[k]?.shapley as number), 0)
            : result.leverTotals.total.shapley;
        return ws.formula(subtotals.map((r) => `${c}${r}`).join("+"), figure);
      }),
    ],
    money,
    true,
  );
}

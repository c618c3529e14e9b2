// Savings by financial year, as the DfE workstream log asks, on the Mitigations sheet below the
// log: each lever's Shapley share of each FY's in-year balance. A lever's years add up to its share
// of the final balance (its Total), and each year's levers add up to that year's in-year gap above.
import { type ForecastResult, leverGroups } from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS } from "./formats.js";
import type { SheetWriter } from "./writer.js";

/** Writes the table of each lever's savings by financial year. @example savingsByYear(sheet, result) */
export function savingsByYear(ws: SheetWriter, result: ForecastResult): void {
  const fys = result.financialYears;
  const last = letter(fys.length + 1);
  const money = Array(fys.length + 2).fill(FORMATS.money);
  ws.add([]);
  ws.add(["Savings by financial year: Shapley share of each year's in-year balance, £"]);
  ws.add(["Lever", ...fys, "Total"], undefined, true);
  const subtotals: number[] = [];
  for (const g of leverGroups(result)) {
    ws.add([g.title], undefined, true);
    const first = ws.rowCount + 1;
    for (const l of g.levers) {
      const row = ws.add([l.label, ...l.byYear.map((y) => y.shapley)], FORMATS.money);
      ws.put(
        row,
        fys.length + 2,
        ws.formula(`SUM(B${row.number}:${last}${row.number})`, l.shapley),
        FORMATS.money,
      );
    }
    const end = ws.rowCount;
    const row = ws.add(
      [
        `${g.title} subtotal, by year`,
        ...fys.map((_, k) => {
          const c = letter(k + 2);
          return ws.formula(
            `SUM(${c}${first}:${c}${end})`,
            g.levers.reduce((a, l) => a + (l.byYear[k]?.shapley as number), 0),
          );
        }),
        ws.formula(`SUM(${letter(fys.length + 2)}${first}:${letter(fys.length + 2)}${end})`, g.total.shapley),
      ],
      money,
      true,
    );
    subtotals.push(row.number);
  }
  ws.add(
    [
      "Total by year (the in-year gap)",
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

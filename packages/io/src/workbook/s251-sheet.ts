// The s251 sheet: expenditure by the lines of the DfE s251 budget statement, gross and net of
// recoupment, with notes saying how costs the scenario does not cost by places were placed.
import { type LedgerRow, PLACE_FUNDING, s251Statement } from "@hnb/model";
import { letter } from "./columns.js";
import { FORMATS } from "./formats.js";
import { forecasts, subtitle, type WorkbookInput } from "./plan-input.js";
import { s251Notes } from "./s251-notes.js";
import type { SheetWriter } from "./writer.js";

/**
 * The s251-shaped sheet (issue #18): each forecast's expenditure by s251 high-needs line and FY, the
 * total a formula over the lines (it is the ledger's gross expenditure), and, where academy place
 * funding is recouped, the allocation and the expenditure net of it with formulas that take the same
 * amount off both, so the in-year balance is the same gross and net.
 * @example s251Sheet(sheet, { scenario, result })
 */
export function s251Sheet(ws: SheetWriter, input: WorkbookInput): void {
  const { result } = input;
  const fys = result.financialYears;
  const cols = fys.map((_, i) => letter(i + 2));
  ws.start(
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
    ws.add([
      `Note: ${assumed.map((p) => p.label).join(", ")} ${assumed.length === 1 ? "is" : "are"} shown on the maintained schools' top-up lines: give a placement s251Split (e.g. { "1.2.1": 0.5, "1.2.2": 0.5 }) or places: { provider: academy } to show academies' top-ups on 1.2.2.`,
    ]).font = { italic: true };
  for (const note of s251Notes(input.scenario)) ws.add([`Note: ${note}`]).font = { italic: true };
  for (const [name, f] of forecasts(result)) {
    const statement = s251Statement(fys, f);
    const ledger = fys.map((fy) => f.ledger.find((l) => l.fy === fy) as LedgerRow);
    ws.add(
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
      const row = ws.add([r.line ? `${r.line} ${r.label}` : r.label, ...r.amounts], FORMATS.money).number;
      if (!first) first = row;
      last = row;
    }
    const sum = (c: string) => `SUM(${c}${first}:${c}${last})`;
    const total = ws.add(
      [
        "Total expenditure (gross)",
        ...cols.map((c, i) => ws.formula(sum(c), (ledger[i] as LedgerRow).expenditure)),
      ],
      FORMATS.money,
      true,
    ).number;
    const recoupment = statement.recoupment;
    if (!recoupment) continue;
    const less = ws.add(
      ["Less recoupment: academy place funding paid by the ESFA", ...recoupment],
      FORMATS.money,
    ).number;
    ws.add(
      [
        "Net expenditure",
        ...cols.map((c, i) =>
          ws.formula(`${c}${total}-${c}${less}`, (ledger[i] as LedgerRow).netExpenditure ?? 0),
        ),
      ],
      FORMATS.money,
      true,
    );
    const hnb = ws.add(
      ["High Needs Block allocation (gross)", ...ledger.map((l) => l.hnb)],
      FORMATS.money,
    ).number;
    ws.add(
      [
        "High Needs Block allocation net of recoupment",
        ...cols.map((c, i) => {
          const l = ledger[i] as LedgerRow;
          return ws.formula(`${c}${hnb}-${c}${less}`, l.hnb - (l.recoupment ?? 0));
        }),
      ],
      FORMATS.money,
      true,
    );
  }
  ws.fit();
}

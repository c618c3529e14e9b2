// The workstream log of the DfE management plan: each lever's effect on the final cumulative
// balance by ledger side (savings are lower spending, funding the money received), with owner,
// milestone and status; grants net of their spend; Safety Valve payments; the gap between the
// forecasts; and savings by financial year. Subtotals and totals are formulas.
import { type Forecast, type LedgerRow, leverGroups, type Scenario } from "@hnb/model";
import { letter } from "./columns.js";
import { type BalanceRows, SUMMARY } from "./financial-summary.js";
import { FORMATS } from "./formats.js";
import { leverLabel, subtitle, type WorkbookInput } from "./plan-input.js";
import { leverTypeText } from "./readable.js";
import { savingsByYear } from "./savings-by-year.js";
import type { SheetWriter } from "./writer.js";

// Fields a scenario may carry for the DfE workstream log before the schema names them.
function given(m: unknown, field: "owner" | "milestone" | "status"): string {
  const v = m === undefined ? undefined : (m as Record<string, unknown>)[field];
  return typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : "not given";
}

/**
 * Writes the workstream log; `balances` are the financial summary's rows, which the gap between
 * the forecasts refers to.
 * @example mitigations(sheet, { scenario, result }, new Map()) // no balance rows: no gap between the forecasts
 */
export function mitigations(ws: SheetWriter, input: WorkbookInput, balances: Map<string, BalanceRows>): void {
  const { result, scenario } = input;
  const fys = result.financialYears;
  const last = fys[fys.length - 1] ?? "";
  // By ledger side (issue #32): savings share the fall in spending, funding the money received;
  // with a Stability Grant each lever's effect on it and its figure net of it (Shapley).
  const grant = result.levers.some((l) => l.stabilityGrantEffect !== undefined);
  ws.start(
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
  if (result.levers.length === 0) ws.add(["No mitigations in the scenario"]);
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
    ws.add([g.title], undefined, true);
    const first = ws.rowCount + 1;
    for (const l of g.levers) {
      const m = scenario.mitigations.find((x) => x.id === l.id);
      const effect = l.stabilityGrantEffect?.shapley ?? 0;
      const row = ws.add(
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
        ws.put(row, 7, ws.formula(`E${row.number}+F${row.number}`, l.side.shapley + effect), FORMATS.money);
    }
    const end = ws.rowCount;
    const side = g.kind === "saving" ? result.leverTotals.bySide.savings : result.leverTotals.bySide.funding;
    const effect = g.levers.reduce((a, l) => a + (l.stabilityGrantEffect?.shapley ?? 0), 0);
    const row = ws.add(
      [
        `${g.title} subtotal (${g.kind === "saving" ? "lower spending" : "money received"})`,
        "",
        null,
        ws.formula(`SUM(D${first}:D${end})`, side.sequential),
        ws.formula(`SUM(E${first}:E${end})`, side.shapley),
        ...(grant
          ? [
              ws.formula(`SUM(F${first}:F${end})`, effect),
              ws.formula(`SUM(G${first}:G${end})`, side.shapley + effect),
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
    const row = ws.add(
      ["Stability Grant: change between the forecasts", "", null, change.sequential, change.shapley],
      formats,
      true,
    );
    subtotals.push(row.number);
  }
  if (subtotals.length) {
    const t = result.leverTotals.total;
    // With the grant, its effect and net columns have their totals too (the effect column's is the
    // grant's change between the forecasts), as in the readable output and the paper.
    const sides = subtotals.slice(0, change ? -1 : undefined);
    ws.add(
      [
        "Total (mitigated less unmitigated)",
        "",
        null,
        ws.formula(subtotals.map((r) => `D${r}`).join("+"), t.sequential),
        ws.formula(subtotals.map((r) => `E${r}`).join("+"), t.shapley),
        ...(grant
          ? [
              ws.formula(sides.map((r) => `F${r}`).join("+"), change?.shapley ?? 0),
              ws.formula(sides.map((r) => `G${r}`).join("+"), t.shapley),
            ]
          : []),
      ],
      formats,
      true,
    );
  }
  for (const g of result.grants) {
    const income = ws.add([`Grant income: ${g.label}`, g.income], FORMATS.money).number;
    const spend = ws.add(
      [
        `Grant implementation spend: ${g.label}${g.spendReason ? ` (none of its own: ${g.spendReason})` : ""}`,
        g.spend,
      ],
      FORMATS.money,
    ).number;
    ws.add([`Grant net: ${g.label}`, ws.formula(`B${income}-B${spend}`, g.net)], FORMATS.money, true);
  }
  if (result.safetyValvePayments.length) {
    ws.add([]);
    ws.add(
      ["Safety Valve payments", "FY", "Payment", "Target in-year", "In-year before", "Outcome"],
      undefined,
      true,
    );
    for (const p of result.safetyValvePayments)
      ws.add(
        [leverLabel(result, p.lever), p.fy, p.amount, p.target, p.inYearBefore, p.paid ? "paid" : "withheld"],
        [undefined, undefined, FORMATS.money, FORMATS.money, FORMATS.money],
      );
  }
  const un = balances.get("Unmitigated");
  const mit = balances.get("Mitigated");
  if (result.levers.length && un && mit) {
    ws.add([]);
    ws.add(["Gap, mitigated − unmitigated", ...fys], undefined, true);
    const gap = (row: keyof BalanceRows, pick: (l: LedgerRow) => number) =>
      fys.map((fy, i) => {
        const at = (f: Forecast) => pick(f.ledger.find((l) => l.fy === fy) as LedgerRow);
        const c = letter(i + 2);
        return ws.formula(
          `'${SUMMARY}'!${c}${mit[row]}-'${SUMMARY}'!${c}${un[row]}`,
          at(result.mitigated) - at(result.unmitigated),
        );
      });
    // With the grant, the in-year gap with it (the ledgers') and before it (the readable comparison's).
    if (un.inYearBeforeGrant && mit.inYearBeforeGrant) {
      ws.add(["In-year (with the Stability Grant)", ...gap("inYear", (l) => l.inYear)], FORMATS.money);
      ws.add(
        [
          "In-year before the Stability Grant",
          ...gap("inYearBeforeGrant", (l) => l.inYear - (l.stabilityGrant ?? 0)),
        ],
        FORMATS.money,
      );
    } else ws.add(["In-year", ...gap("inYear", (l) => l.inYear)], FORMATS.money);
    ws.add(["Cumulative", ...gap("cumulative", (l) => l.cumulative)], FORMATS.money);
    savingsByYear(ws, result);
  }
  ws.fit(10, 70);
}

// A staffing lever's sources are its lines' own, where the lever gives none.
function staffingSources(m: Scenario["mitigations"][number] | undefined): string | undefined {
  if (m?.type !== "staffing") return undefined;
  const given = m.staffing.flatMap((line) => (line.source ? [line.source] : []));
  return given.length ? given.join("; ") : undefined;
}

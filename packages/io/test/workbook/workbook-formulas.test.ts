// The finance officer's audit of management-plan.xlsx, read back with exceljs: every total and
// balance is a formula that recomputes, from the cells it refers to, to its cached result and to
// the forecast's own figure, in five scenarios that each add rows the totals must (or must not) cover.

import { CATEGORIES, forecast, formatMoney, type Scenario, simulate } from "@hnb/model";
import type ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { ages, demand, everyLever, places, plan, workstream } from "./fixtures.js";

const scenario = workstream;
const result = forecast(scenario);
const wb = await plan({ scenario, result, uncertainty: simulate(scenario, { paths: 50, seed: 7 }) });
const agesResult = forecast(ages);
const agesBook = await plan({ scenario: ages, result: agesResult });
const everyResult = forecast(everyLever);
const everyBook = await plan({ scenario: everyLever, result: everyResult });
const placesResult = forecast(places);
const placesBook = await plan({ scenario: places, result: placesResult });
const demandResult = forecast(demand);
const demandBook = await plan({ scenario: demand, result: demandResult });

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

function colNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * Recomputes a formula from the cells it refers to, recursively through other formulas: the forms
 * the workbook writes are SUM(ranges), references (another sheet's quoted) and + or − between them,
 * and MAX(0,-balance)/reserves.
 */
function recompute(book: ExcelJS.Workbook, sheet: string, formula: string, depth = 0): number {
  if (depth > 50) throw new Error(`circular formula ${formula}`);
  const cellValue = (sheetName: string, address: string): number => {
    const c = book.getWorksheet(sheetName)?.getCell(address);
    if (!c || c.value === null || c.value === undefined) return 0;
    if (c.formula) return recompute(book, sheetName, c.formula, depth + 1);
    if (typeof c.value !== "number") throw new Error(`${sheetName}!${address} is not a number: ${c.value}`);
    return c.value;
  };
  // The one other form: a deficit as a share of reserves, MAX(0,-balance)/reserves.
  const share = /^=?MAX\(0,-([A-Z]+\d+)\)\/([A-Z]+\d+)$/.exec(formula);
  if (share) return Math.max(0, -cellValue(sheet, share[1] ?? "")) / cellValue(sheet, share[2] ?? "");
  const terms: { sign: number; text: string }[] = [];
  let sign = 1;
  let current = "";
  let quoted = false;
  for (const ch of formula.replace(/^=/, "")) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === "+" || ch === "-") && current !== "") {
      terms.push({ sign, text: current });
      sign = ch === "-" ? -1 : 1;
      current = "";
    } else if (!quoted && ch === "-" && current === "") sign = -sign;
    else current += ch;
  }
  terms.push({ sign, text: current });
  let total = 0;
  for (const t of terms) {
    const sum = /^SUM\((.*)\)$/.exec(t.text);
    let v = 0;
    if (sum) {
      for (const part of (sum[1] ?? "").split(",")) {
        const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(part.trim());
        if (!m) throw new Error(`unexpected range ${part} in ${formula}`);
        const [c0, c1] = [colNumber(m[1] ?? ""), colNumber(m[3] ?? m[1] ?? "")];
        const [r0, r1] = [Number(m[2]), Number(m[4] ?? m[2])];
        for (let c = Math.min(c0, c1); c <= Math.max(c0, c1); c++)
          for (let r = Math.min(r0, r1); r <= Math.max(r0, r1); r++)
            v += cellValue(sheet, book.getWorksheet(sheet)?.getCell(r, c).address ?? "");
      }
    } else {
      const ref = /^(?:'([^']+)'!)?([A-Z]+\d+)$/.exec(t.text);
      if (!ref) throw new Error(`unexpected term ${t.text} in ${formula}`);
      v = cellValue(ref[1] ?? sheet, ref[2] ?? "");
    }
    total += t.sign * v;
  }
  return total;
}

type Expected = (sheet: string, label: string, block: string, header: string) => number | undefined;

/** Every formula cell of a workbook: its text, the recomputed value, the cached result and the forecast's figure. */
function formulas(book: ExcelJS.Workbook, expected: Expected) {
  const out: {
    at: string;
    formula: string;
    computed: number;
    cached: unknown;
    figure: number | undefined;
  }[] = [];
  for (const ws of book.worksheets) {
    let block = "";
    let headers: unknown[] = (ws.getRow(3).values as unknown[]) ?? [];
    ws.eachRow((row) => {
      const first = String(row.getCell(1).value ?? "");
      // A forecast's block opens with a row naming it; a table's header is a bold row of text only.
      if (/^(Unmitigated|Mitigated)\b/.test(first) && row.actualCellCount === 1) block = first;
      let text = true;
      row.eachCell((c) => {
        if (c.formula || typeof c.value === "number") text = false;
      });
      if (text && row.getCell(2).font?.bold && row.actualCellCount >= 3) headers = row.values as unknown[];
      row.eachCell((c, col) => {
        if (!c.formula) return;
        out.push({
          at: `${ws.name}!${c.address} (${first})`,
          formula: c.formula,
          computed: recompute(book, ws.name, c.formula),
          cached: c.result,
          figure: expected(ws.name, first, block, String(headers[col] ?? "")),
        });
      });
    });
  }
  return out;
}

const ledgerOf = (r: typeof result, block: string) =>
  block.startsWith("Mitigated") ? r.mitigated : r.unmitigated;

/** The forecast's own figure for a formula cell, found by its sheet, row label, block and column header. */
function figures(r: typeof result, s: Scenario): Expected {
  return (sheet, label, block, header) => {
    const f = ledgerOf(r, block);
    const l = f.ledger.find((x) => x.fy === header);
    if (sheet === "Financial summary") {
      if (label === "Total income") return l?.income;
      if (label === "Total expenditure") return l?.expenditure;
      // The in-year balance includes the Stability Grant (it is income); the row before it leaves it out.
      if (label === "In-year balance" || label === "In-year balance (with the Stability Grant)")
        return l?.inYear;
      if (label === "In-year balance before the Stability Grant")
        return l ? l.inYear - (l.stabilityGrant ?? Number.NaN) : undefined;
      if (label.startsWith("Cumulative balance (opening")) return l?.cumulative;
      if (label === "Cumulative balance then, unmitigated") return r.statutoryOverride.unmitigated;
      if (label === "Cumulative balance then, mitigated") return r.statutoryOverride.mitigated;
      if (label.startsWith("Deficit as a share of usable reserves, unmitigated"))
        return r.statutoryOverride.unmitigatedShareOfReserves;
      if (label.startsWith("Deficit as a share of usable reserves, mitigated"))
        return r.statutoryOverride.mitigatedShareOfReserves;
      // The position when the override ends with and without the Stability Grant (spec §11).
      const side =
        r.statutoryOverride.stabilityGrant?.[block.startsWith("Mitigated") ? "mitigated" : "unmitigated"];
      if (side && /: position at 31 March \d{4}$/.test(block)) {
        if (label === "Cumulative balance with the grant") return side.withGrant;
        if (label === "Grant received by then") return side.grant;
        if (label === "Cumulative balance without the grant") return side.withoutGrant;
        if (/^Accrued .* which no grant covers$/.test(label)) return side.accruedSince;
        if (label === "Context: accrued deficit as a share of usable reserves")
          return side.accruedShareOfReserves;
        if (label.startsWith("Context: deficit without the grant as a share of usable reserves"))
          return side.withoutGrantShareOfReserves;
      }
    }
    if (sheet === "EHCP numbers" && block.includes("(demand model")) {
      const census = Number(/^January (\d{4})$/.exec(label)?.[1]);
      const forecastName = block.startsWith("Mitigated") ? "mitigated" : "unmitigated";
      const rows = (r.demand?.rows ?? []).filter((x) => x.forecast === forecastName && x.census === census);
      if (header === "Total")
        return census === r.demand?.base.census
          ? Object.values(r.demand.base.stock).reduce((a, x) => a + x, 0)
          : rows.reduce((a, x) => a + x.stock, 0);
      if (header === "Net change")
        return rows.reduce((a, x) => a + x.newPlans - x.ceased - (x.band === "age20to25" ? x.agedOut : 0), 0);
    }
    if (sheet === "EHCP numbers") {
      if (label === "Total EHCPs")
        return f.placements
          .filter((p) => p.category !== "NONE" && p.census === Number(header))
          .reduce((a, p) => a + p.count, 0);
      if (header === "Total" && label === "All EHCPs")
        return Object.values(s.ehcpsByAge?.counts ?? {}).reduce<number>((a, x) => a + (x ?? 0), 0);
      const census = Number(/January (\d{4})/.exec(block)?.[1]);
      const category = Object.entries(CATEGORIES).find(([, name]) => name === label)?.[0];
      if (header === "Total" && category)
        return f.placements
          .filter((p) => p.census === census && p.category === category)
          .filter((p) => s.placements.find((x) => x.id === p.id)?.ageSplit)
          .reduce((a, p) => {
            const split = s.placements.find((x) => x.id === p.id)?.ageSplit ?? {};
            return a + p.count * Object.values(split).reduce<number>((x, y) => x + (y ?? 0), 0);
          }, 0);
    }
    if (sheet === "s251") {
      if (label === "Total expenditure (gross)") return l?.expenditure;
      if (label === "Net expenditure") return l?.netExpenditure;
      if (label === "High Needs Block allocation net of recoupment")
        return l ? l.hnb - (l.recoupment ?? Number.NaN) : undefined;
    }
    if (sheet === "Mitigations") {
      // By ledger side (issue #32): savings the fall in spending, funding the money received.
      const kind =
        label === "Savings subtotal (lower spending)"
          ? "saving"
          : label === "Funding subtotal (money received)"
            ? "funding"
            : undefined;
      const pair =
        kind === "saving"
          ? r.leverTotals.bySide.savings
          : kind === "funding"
            ? r.leverTotals.bySide.funding
            : label === "Total (mitigated less unmitigated)"
              ? r.leverTotals.total
              : undefined;
      if (pair && header === "Sequential saving") return pair.sequential;
      if (pair && header === "Shapley share") return pair.shapley;
      const effect = (ls: typeof r.levers) =>
        ls.reduce((a, l) => a + (l.stabilityGrantEffect?.shapley ?? 0), 0);
      const ofKind = r.levers.filter((l) => l.kind === kind);
      if (kind && header === "Stability Grant effect") return effect(ofKind);
      // The total's effect column is the grant's change between the forecasts; its net the whole gap.
      if (label === "Total (mitigated less unmitigated)" && header === "Stability Grant effect")
        return effect(r.levers);
      if (label === "Total (mitigated less unmitigated)" && header === "Net of the grant")
        return r.leverTotals.total.shapley;
      if (kind && header === "Net of the grant") return (pair?.shapley ?? Number.NaN) + effect(ofKind);
      const one = r.levers.find((l) => l.label === label);
      if (one && header === "Net of the grant")
        return one.side.shapley + (one.stabilityGrantEffect?.shapley ?? 0);
      // Savings by financial year: a lever's Total is its share of the final balance before its
      // effect on the Stability Grant (the grant's change is a row of its own, in the FY it is paid);
      // subtotals and the total by year add the levers' shares of each year's in-year balance.
      const k = r.financialYears.indexOf(header);
      const paidIn = r.stabilityGrant?.[0]?.paidIn;
      const before = (l: (typeof r.levers)[number], i: number) =>
        (l.byYear[i]?.shapley ?? Number.NaN) -
        (r.financialYears[i] === paidIn ? (l.stabilityGrantEffect?.shapley ?? 0) : 0);
      const lever = r.levers.find((l) => l.label === label);
      if (lever && header === "Total") return lever.beforeGrant?.shapley ?? lever.shapley;
      const group = /^(Savings|Funding) subtotal, by year$/.exec(label)?.[1];
      if (group) {
        const kind = group === "Savings" ? "saving" : "funding";
        const members = r.levers.filter((l) => l.kind === kind);
        if (header === "Total") return members.reduce((a, l) => a + (l.beforeGrant ?? l).shapley, 0);
        return members.reduce((a, l) => a + before(l, k), 0);
      }
      if (label === "Stability Grant: change between the forecasts" && header === "Total")
        return effect(r.levers);
      if (
        label === "Total by year (the in-year gap)" ||
        label === "Total by year (the in-year gap, with the Stability Grant)"
      )
        return header === "Total"
          ? r.leverTotals.total.shapley
          : (r.mitigated.ledger[k]?.inYear ?? Number.NaN) - (r.unmitigated.ledger[k]?.inYear ?? Number.NaN);
      const grant = r.grants.find((g) => label === `Grant net: ${g.label}`);
      if (grant) return grant.net;
      const m = r.mitigated.ledger.find((x) => x.fy === header);
      const u = r.unmitigated.ledger.find((x) => x.fy === header);
      if (m && u && (label === "In-year" || label === "In-year (with the Stability Grant)"))
        return m.inYear - u.inYear;
      if (m && u && label === "In-year before the Stability Grant")
        return m.inYear - (m.stabilityGrant ?? Number.NaN) - (u.inYear - (u.stabilityGrant ?? Number.NaN));
      if (m && u && label === "Cumulative") return m.cumulative - u.cumulative;
    }
    return undefined;
  };
}

describe("management-plan.xlsx: totals and balances are formulas a finance officer can audit", () => {
  test.each([
    ["the default scenario", () => wb, () => figures(result, scenario), 60],
    ["a scenario with age splits", () => agesBook, () => figures(agesResult, ages), 10],
    ["a scenario with every lever type", () => everyBook, () => figures(everyResult, everyLever), 60],
    ["a scenario with places and recoupment", () => placesBook, () => figures(placesResult, places), 30],
    ["a scenario with EHCP demand as flows", () => demandBook, () => figures(demandResult, demand), 20],
  ] as const)(
    "in %s, every formula recomputes from its cells to its cached result and the forecast's figure",
    (_, book, expected, least) => {
      const all = formulas(book(), expected());
      expect(all.length).toBeGreaterThan(least);
      for (const f of all) {
        expect(typeof f.cached, `${f.at} =${f.formula} has no cached result`).toBe("number");
        expect(f.figure, `${f.at} =${f.formula} has no forecast figure to check`).toBeTypeOf("number");
        expect(
          close(f.computed, f.cached as number),
          `${f.at} =${f.formula}: ${f.computed} vs cached ${f.cached}`,
        ).toBe(true);
        expect(
          close(f.computed, f.figure as number),
          `${f.at} =${f.formula}: ${f.computed} vs forecast ${f.figure}`,
        ).toBe(true);
      }
    },
  );

  test("the named totals are formulas of the expected forms", () => {
    const ws = wb.getWorksheet("Financial summary") as ExcelJS.Worksheet;
    const byLabel = new Map<string, string[]>();
    ws.eachRow((row) => {
      const label = String(row.getCell(1).value);
      if (!byLabel.has(label))
        byLabel.set(
          label,
          [2, 3].map((c) => row.getCell(c).formula ?? ""),
        );
    });
    expect(byLabel.get("Total income")?.[0]).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(byLabel.get("Total expenditure")?.[0]).toMatch(/^SUM\(B\d+:B\d+\)$/);
    expect(byLabel.get("In-year balance (with the Stability Grant)")?.[0]).toMatch(/^B\d+-B\d+$/);
    expect(byLabel.get("In-year balance before the Stability Grant")?.[0]).toMatch(/^B\d+-B\d+$/);
    const opening = [...byLabel.keys()].find((k) => k.startsWith("Opening cumulative balance"));
    expect(opening).toBe("Opening cumulative balance, 1 April 2021");
    // The first year starts from the opening balance cell, each later one from the year before.
    const cumulative = byLabel.get(`Cumulative balance (opening ${formatMoney(result.openingBalance)})`);
    expect(cumulative?.[0]).toMatch(/^B4\+B\d+$/);
    expect(cumulative?.[1]).toMatch(/^B(\d+)\+C\d+$/);
    const mit = wb.getWorksheet("Mitigations") as ExcelJS.Worksheet;
    const formulasOf = (label: string) => {
      let found: string[] = [];
      mit.eachRow((row) => {
        if (row.getCell(1).value === label) found = [4, 5].map((c) => row.getCell(c).formula ?? "");
      });
      return found;
    };
    expect(formulasOf("Savings subtotal (lower spending)")).toEqual([
      expect.stringMatching(/^SUM\(D/),
      expect.stringMatching(/^SUM\(E/),
    ]);
    // Savings, funding and the Stability Grant's change between the forecasts.
    expect(formulasOf("Total (mitigated less unmitigated)")[0]).toMatch(/^D\d+\+D\d+\+D\d+$/);
  });
});

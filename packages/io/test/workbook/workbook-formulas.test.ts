// The finance officer's review of management-plan.xlsx, read back with exceljs: totals and balances
// are formulas that recompute to the forecast's figures, no format shows a trailing dot, no cell is
// JSON or a code name, the workstream log has owner, milestone and status, the two seeds are told
// apart, and every sheet prints landscape, one page wide, with its header on every page.

import {
  CATEGORIES,
  forecast,
  formatMoney,
  MITIGATION_TYPES,
  parseScenario,
  type Scenario,
  simulate,
} from "@hnb/model";
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { loadScenarioFile } from "../../src/scenario/scenario-file.js";
import { FORMATS, managementPlanWorkbook } from "../../src/workbook/workbook.js";

const base = await loadScenarioFile(
  new URL("../../../../data/default-scenario.yaml", import.meta.url).pathname,
);
// The workstream-log fields the schema does not name yet, on the first lever only.
const scenario: Scenario = {
  ...base,
  mitigations: base.mitigations.map((m, i) =>
    i === 0
      ? (Object.assign({}, m, {
          owner: "Head of SEND",
          milestone: "30 places open by Sept 2024",
          status: "On track",
        }) as typeof m)
      : m,
  ),
};
const result = forecast(scenario);
const uncertainty = simulate(scenario, { paths: 50, seed: 7 });

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}
const wb = await read(await managementPlanWorkbook({ scenario, result, uncertainty }));

// A small scenario with age splits and the authority's age profile, for the row totals of the age tables.
const parsed = parseScenario({
  schema: "hnb-scenario/1",
  name: "Ages",
  baseYear: 2025,
  horizon: 2,
  openingBalance: -1000,
  placements: [
    {
      id: "special",
      label: "Special",
      category: "MdSSA",
      count: 200,
      unitCost: 1,
      growth: 0.1,
      ageSplit: { age5to10: 0.25, age11to15: 0.75 },
    },
    { id: "fe", label: "College", category: "P16FE", count: 50, unitCost: 2, growth: 0.05 },
  ],
  ehcpsByAge: { census: 2025, counts: { under5: 3, age5to10: 60, age11to15: 150, age16to19: 37 } },
  income: { hnb: { amount: 400 } },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const ages = parsed.scenario;
const agesResult = forecast(ages);
const agesBook = await read(await managementPlanWorkbook({ scenario: ages, result: agesResult }));

// Every lever type, other income, a general-fund post (outside the ledger) and a Schools Block
// movement: each adds rows the totals must (or must not) cover.
const everyLever: Scenario = {
  ...base,
  staffing: [
    { id: "caseworker", role: "SEND caseworker", fte: 2, unitCost: 40_000, payAward: 0.03, fundedBy: "HNB" },
    {
      id: "manager",
      role: "Service manager",
      fte: 1,
      unitCost: 70_000,
      payAward: 0.03,
      fundedBy: "general-fund",
    },
  ],
  income: {
    ...base.income,
    other: [
      { id: "health", label: "Health contribution", amounts: { "2022-23": 250_000, "2023-24": 250_000 } },
    ],
  },
  mitigations: [
    ...base.mitigations,
    {
      id: "sv",
      label: "Safety Valve agreement",
      type: "safetyValve",
      confidence: 1,
      payments: { "2024-25": 5_000_000, "2025-26": 5_000_000 },
      inYearTargets: { "2025-26": -1_000_000_000 },
    },
  ],
};
const everyResult = forecast(everyLever);
const everyBook = await read(await managementPlanWorkbook({ scenario: everyLever, result: everyResult }));

// Places, banded top-ups, recoupment and the import/export adjustment (issue #18): the s251 sheet's
// gross and net rows.
const places = await loadScenarioFile(
  new URL("../../../../data/place-funding.yaml", import.meta.url).pathname,
);
const placesResult = forecast(places);
const placesBook = await read(await managementPlanWorkbook({ scenario: places, result: placesResult }));

// EHCP demand as flows, with a flow lever: the age tables and flows are filled from the model.
const demandParsed = parseScenario({
  schema: "hnb-scenario/1",
  name: "Demand",
  baseYear: 2022,
  horizon: 2,
  openingBalance: 0,
  placements: [
    { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 600, unitCost: 10_000 },
    { id: "special", label: "Special", category: "MdSSA", count: 400, unitCost: 25_000 },
  ],
  income: { hnb: { amount: 20_000_000 } },
  flows: { newPlans: { 2020: 140, 2021: 150 } },
  demand: {
    history: {
      2021: { under5: 50, age5to10: 300, age11to15: 350, age16to19: 200, age20to25: 50 },
      2022: { under5: 60, age5to10: 330, age11to15: 370, age16to19: 190, age20to25: 50 },
    },
    newPlans: { growth: 0.1 },
    cessation: "auto",
  },
  mitigations: [{ id: "fewer", type: "newPlansChange", change: -0.1, from: 2023 }],
});
if (!demandParsed.ok) throw new Error(JSON.stringify(demandParsed.problems));
const demandScenario = demandParsed.scenario;
const demandResult = forecast(demandScenario);
const demandBook = await read(
  await managementPlanWorkbook({ scenario: demandScenario, result: demandResult }),
);

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/** A cell's number: its value, or a formula's cached result (cell.result keeps a result of 0; cell.value drops it). */
function numberIn(c: ExcelJS.Cell): number | undefined {
  if (typeof c.value === "number") return c.value;
  if (c.formula) return typeof c.result === "number" ? c.result : undefined;
  return undefined;
}

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
      if (label === "In-year balance") return l?.inYear;
      if (label.startsWith("Cumulative balance (opening")) return l?.cumulative;
      if (label === "Cumulative balance then, unmitigated") return r.statutoryOverride.unmitigated;
      if (label === "Cumulative balance then, mitigated") return r.statutoryOverride.mitigated;
      if (label === "Deficit as a share of usable reserves, unmitigated")
        return r.statutoryOverride.unmitigatedShareOfReserves;
      if (label === "Deficit as a share of usable reserves, mitigated")
        return r.statutoryOverride.mitigatedShareOfReserves;
      // The position when the override ends with and without the Stability Grant (spec §11).
      const side =
        r.statutoryOverride.stabilityGrant?.[block.startsWith("Mitigated") ? "mitigated" : "unmitigated"];
      if (side && /: position at 31 March \d{4}$/.test(block)) {
        if (label === "Cumulative balance with the grant") return side.withGrant;
        if (label === "Grant received by then") return side.grant;
        if (label === "Cumulative balance without the grant") return side.withoutGrant;
        if (/^Accrued .* which no grant covers$/.test(label)) return side.accruedSince;
        if (label === "Accrued deficit as a share of usable reserves") return side.accruedShareOfReserves;
        if (label === "Deficit without the grant as a share of usable reserves")
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
      if (kind && header === "Net of the grant") return (pair?.shapley ?? Number.NaN) + effect(ofKind);
      const one = r.levers.find((l) => l.label === label);
      if (one && header === "Net of the grant")
        return one.side.shapley + (one.stabilityGrantEffect?.shapley ?? 0);
      // Savings by financial year: a lever's Total is its share of the final balance; subtotals and
      // the total by year add the levers' shares of each year's in-year balance.
      const k = r.financialYears.indexOf(header);
      const lever = r.levers.find((l) => l.label === label);
      if (lever && header === "Total") return lever.shapley;
      const group = /^(Savings|Funding) subtotal, by year$/.exec(label)?.[1];
      if (group) {
        const kind = group === "Savings" ? "saving" : "funding";
        if (header === "Total") return r.leverTotals[group === "Savings" ? "savings" : "funding"].shapley;
        return r.levers
          .filter((l) => l.kind === kind)
          .reduce((a, l) => a + (l.byYear[k]?.shapley ?? Number.NaN), 0);
      }
      if (label === "Total by year (the in-year gap)")
        return header === "Total"
          ? r.leverTotals.total.shapley
          : (r.mitigated.ledger[k]?.inYear ?? Number.NaN) - (r.unmitigated.ledger[k]?.inYear ?? Number.NaN);
      const grant = r.grants.find((g) => label === `Grant net: ${g.label}`);
      if (grant) return grant.net;
      const m = r.mitigated.ledger.find((x) => x.fy === header);
      const u = r.unmitigated.ledger.find((x) => x.fy === header);
      if (m && u && label === "In-year") return m.inYear - u.inYear;
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
    [
      "a scenario with EHCP demand as flows",
      () => demandBook,
      () => figures(demandResult, demandScenario),
      20,
    ],
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
    expect(byLabel.get("In-year balance")?.[0]).toMatch(/^B\d+-B\d+$/);
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

/** Every cell of every sheet of a workbook. */
function cells(book: ExcelJS.Workbook): { sheet: string; cell: ExcelJS.Cell }[] {
  const out: { sheet: string; cell: ExcelJS.Cell }[] = [];
  for (const ws of book.worksheets)
    ws.eachRow((row) => row.eachCell((cell) => out.push({ sheet: ws.name, cell })));
  return out;
}

// A format shows a trailing dot when a decimal point is followed by optional digits only (#).
function trailingDot(format: string): boolean {
  return format
    .split(";")
    .map((s) => s.replace(/\[[^\]]*\]|"[^"]*"/g, ""))
    .some((s) => /\.(?!0)/.test(s));
}

describe("management-plan.xlsx: number formats", () => {
  test("the trailing-dot check catches the formats the review found", () => {
    expect(trailingDot("#,##0.##")).toBe(true);
    expect(trailingDot("0.")).toBe(true);
    expect(trailingDot("#,##0;[Red](#,##0)")).toBe(false);
    expect(trailingDot("0.00%")).toBe(false);
  });

  test("every numeric cell has an allowed format, and none can show a trailing dot", () => {
    const allowed = new Set<string>([
      FORMATS.money,
      FORMATS.rate,
      FORMATS.count,
      FORMATS.plain,
      FORMATS.decimal,
    ]);
    for (const f of Object.values(FORMATS)) {
      expect(f).not.toMatch(/#\.##/);
      expect(trailingDot(f), f).toBe(false);
    }
    let numeric = 0;
    for (const book of [wb, agesBook, everyBook])
      for (const { sheet, cell } of cells(book)) {
        if (numberIn(cell) === undefined) continue;
        numeric++;
        expect(allowed.has(cell.numFmt), `${sheet}!${cell.address} has format ${cell.numFmt}`).toBe(true);
        expect(cell.numFmt).not.toMatch(/#\.##/);
      }
    expect(numeric).toBeGreaterThan(500);
  });

  test("EHCP counts are unrounded numbers shown as whole pupils", () => {
    const ws = wb.getWorksheet("EHCP numbers") as ExcelJS.Worksheet;
    let fractional = 0;
    ws.eachRow((row) =>
      row.eachCell((c, col) => {
        const n = numberIn(c);
        if (col > 1 && n !== undefined) {
          expect(c.numFmt).toBe("#,##0");
          if (!Number.isInteger(n)) fractional++;
        }
      }),
    );
    expect(fractional).toBeGreaterThan(10);
  });

  test("years and seeds are shown without a thousands separator", () => {
    const fieldFormat = (field: string) => {
      const found: string[] = [];
      wb.getWorksheet("Assumptions")?.eachRow((row) => {
        if (row.getCell(3).value === field) found.push(row.getCell(4).numFmt);
      });
      return found;
    };
    expect(fieldFormat("Base year")).toEqual(["0"]);
    expect(fieldFormat("From")).toEqual(["0"]);
    expect(fieldFormat("Seed in the scenario file")).toEqual(["0"]);
    wb.getWorksheet("Uncertainty")?.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith("Seed")) expect(row.getCell(2).numFmt).toBe("0");
    });
    // Year headers are text.
    expect(wb.getWorksheet("EHCP numbers")?.getRow(3).getCell(2).value).toBe("2022");
  });
});

describe("management-plan.xlsx: readable text", () => {
  const codes = new Set<string>([...MITIGATION_TYPES, ...everyLever.mitigations.map((m) => m.id)]);
  test("no cell is JSON, a lever type code or a lever id", () => {
    for (const book of [wb, agesBook, everyBook])
      for (const { sheet, cell } of cells(book)) {
        if (typeof cell.value !== "string") continue;
        const text = cell.value;
        const at = `${sheet}!${cell.address}: ${text.slice(0, 60)}`;
        expect(text.startsWith("{"), at).toBe(false);
        // A "[" may open only a citation tag the scenario's own source text begins with, e.g. "[DBV] theme A".
        if (text.startsWith("[")) expect(text, at).toMatch(/^\[[A-Za-z0-9]+\] /);
        expect(codes.has(text), at).toBe(false);
      }
  });

  test("maps read as text, lever types as words, lever ids as their labels", () => {
    const assumptions = new Map<string, unknown>();
    wb.getWorksheet("Assumptions")?.eachRow((row) =>
      assumptions.set(String(row.getCell(7).value), row.getCell(4).value),
    );
    expect(assumptions.get("mitigations.specialist-places.moves")).toBe("2023: 10; 2024: 10; 2025: 10");
    expect(assumptions.get("mitigations.specialist-places.type")).toBe("Placement shift");
    expect(assumptions.get("mitigations.specialist-places.fromPlacement")).toBe(
      "Independent and non-maintained special schools (INMSS)",
    );
    expect(assumptions.get("income.hnb.growth")).toBe(
      "2023: 10%; 2024: 6%; 2025: 4%; 2026: 3%; 2027: 3%; 2028: 3%",
    );
    const types: unknown[] = [];
    const levers: unknown[] = [];
    wb.getWorksheet("Mitigations")?.eachRow((row, n) => {
      if (n > 3 && row.getCell(3).numFmt === FORMATS.rate) {
        levers.push(row.getCell(1).value);
        types.push(row.getCell(2).value);
      }
    });
    expect(levers.length).toBe(result.levers.length);
    expect(new Set(levers)).toEqual(new Set(result.levers.map((l) => l.label)));
    // Safety Valve payments name their lever by its label too.
    const svRows: unknown[][] = [];
    everyBook.getWorksheet("Mitigations")?.eachRow((row) => {
      // (The savings-by-year table has a row of the lever's figures too: numbers, not its payments.)
      if (row.getCell(1).value === "Safety Valve agreement" && typeof row.getCell(2).value === "string")
        svRows.push((row.values as unknown[]).slice(1, 3));
    });
    expect(svRows).toEqual([
      ["Safety Valve agreement", "Safety Valve payments"],
      ["Safety Valve agreement", "2024-25"],
      ["Safety Valve agreement", "2025-26"],
    ]);
    expect(new Set(types)).toEqual(
      new Set([
        "Placement shift",
        "Growth reduction",
        "Unit cost change",
        "Line change",
        "Staffing investment",
        "Schools Block transfer",
        "Grant",
      ]),
    );
  });
});

describe("management-plan.xlsx: workstream log, seeds and printing", () => {
  test("each lever has owner, milestone and status, 'not given' where the scenario has none", () => {
    const ws = wb.getWorksheet("Mitigations") as ExcelJS.Worksheet;
    // After the shares, the Stability Grant's effect and the figure net of it (the default scenario has the grant).
    expect((ws.getRow(3).values as unknown[]).slice(6, 11)).toEqual([
      "Stability Grant effect",
      "Net of the grant",
      "Owner",
      "Milestone",
      "Status",
    ]);
    const rows = new Map<unknown, unknown[]>();
    // The first row of each label: the workstream log comes before the savings-by-year table.
    ws.eachRow((row) => {
      if (!rows.has(row.getCell(1).value))
        rows.set(row.getCell(1).value, (row.values as unknown[]).slice(8, 11));
    });
    const [first, ...rest] = result.levers.map((l) => l.label);
    expect(rows.get(first)).toEqual(["Head of SEND", "30 places open by Sept 2024", "On track"]);
    for (const label of rest) expect(rows.get(label)).toEqual(["not given", "not given", "not given"]);
    expect([...rows.keys()]).toContain(
      "Savings by financial year: Shapley share of each year's in-year balance, £",
    );
  });

  test("the seed used for the paths and the seed in the scenario file are labelled apart", () => {
    const rows = new Map<unknown, unknown>();
    wb.getWorksheet("Uncertainty")?.eachRow((row) => rows.set(row.getCell(1).value, row.getCell(2).value));
    expect(rows.get("Seed used for these paths")).toBe(7);
    expect(rows.get("Seed in the scenario file (Assumptions sheet)")).toBe(2022);
    expect(String(wb.getWorksheet("Uncertainty")?.getRow(2).getCell(1).value)).toContain(
      "seed used for these paths 7",
    );
    let fileSeed: unknown;
    wb.getWorksheet("Assumptions")?.eachRow((row) => {
      if (row.getCell(3).value === "Seed in the scenario file") fileSeed = row.getCell(4).value;
    });
    expect(fileSeed).toBe(scenario.uncertainty?.seed);
  });

  test("every sheet prints landscape, one page wide, with its title and header rows on every page", () => {
    expect(wb.worksheets.map((w) => w.name)).toContain("Uncertainty");
    // Sheets of several tables keep their titles on every page and freeze no header, which would
    // sit over another table's columns.
    const several = new Set(["Mitigations", "Uncertainty"]);
    for (const book of [wb, agesBook, everyBook])
      for (const ws of book.worksheets) {
        const p = ws.pageSetup;
        const one = !several.has(ws.name);
        expect([ws.name, p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.printTitlesRow]).toEqual([
          ws.name,
          "landscape",
          true,
          1,
          0,
          one ? "1:3" : "1:2",
        ]);
        expect((ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0).toBe(one ? 3 : 0);
      }
  });
});

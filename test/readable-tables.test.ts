// The readable forecast against its own --json: every table parsed back and each printed figure
// compared with the JSON figure it stands for (rounded to £ thousands as printed). A presentation
// mutation run found 15 column, sign and ×100 slips here that no test caught.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { main } from "@hnb/cli";
import { parseCsv } from "@hnb/io";
import { roundMoney } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

// A table is a title line, a header line and a rule of dashes; columns are the rule's dash runs.
function tables(text: string): Table[] {
  const lines = text.split("\n");
  const out: Table[] = [];
  lines.forEach((line, i) => {
    if (!/^-+( +-+)*$/.test(line) || i < 1) return;
    const spans = [...line.matchAll(/-+/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
    const cut = (l: string) =>
      spans.map(([a, b], j) =>
        l.slice(a, j === spans.length - 1 ? undefined : (spans[j + 1]?.[0] ?? b)).trim(),
      );
    const rows: string[][] = [];
    for (let k = i + 1; k < lines.length && (lines[k] ?? "").trim() !== ""; k++)
      rows.push(cut(lines[k] ?? ""));
    out.push({ title: lines[i - 2] ?? "", header: cut(lines[i - 1] ?? ""), rows });
  });
  return out;
}
// "(1,234)" → −1234; "" → NaN.
const num = (s: string | undefined) => {
  const t = (s ?? "").replace(/[£k,%\s]/g, "");
  const neg = /^\(.*\)$/.test(t);
  return (neg ? -1 : 1) * Number(t.replace(/[()]/g, ""));
};
const k = (v: number) => roundMoney(v, "thousands");
const column = (t: Table, name: string) => {
  const i = t.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${t.header.join(" | ")}`);
  return i;
};
// A table's rows by financial year (a note printed under a table is not one of them).
const find = (all: Table[], title: RegExp) => {
  const t = all.find((x) => title.test(x.title));
  if (!t) throw new Error(`no table ${title}`);
  // A table keyed by year ends at its first row that is not a year (a note or the next block).
  const byYear = /^\d{4}-\d{2}$/.test(t.rows[0]?.[0] ?? "");
  const end = byYear ? t.rows.findIndex((row) => !/^\d{4}-\d{2}$/.test(row[0] ?? "")) : -1;
  return { ...t, rows: end < 0 ? t.rows : t.rows.slice(0, end) };
};

async function both(file: string, extra: string[] = []) {
  const text = capture();
  expect(await main(["forecast", file, ...extra], text)).toBe(0);
  const json = capture();
  expect(await main(["forecast", file, "--json", ...extra], json)).toBe(0);
  return { text: text.stdout, all: tables(text.stdout), r: JSON.parse(json.stdout) };
}

describe("the readable forecast says what its --json says", () => {
  test("ledgers, the gap, the calibration rates, the override shares, levers and the uncertainty tables (default scenario)", async () => {
    const { text, all, r } = await both("data/default-scenario.yaml", ["--paths", "500", "--seed", "4"]);
    for (const [which, title] of [
      ["unmitigated", /^Unmitigated \(/],
      ["mitigated", /^Mitigated \(/],
    ] as const) {
      const t = find(all, title);
      t.rows.forEach((row, i) => {
        const l = r[which].ledger[i];
        const cell = (name: string) => num(row[column(t, name)]);
        expect(row[0]).toBe(l.fy);
        for (const [name, field] of [
          ["HNB", "hnb"],
          ["Transfer", "transfer"],
          ["Other inc.", "otherIncome"],
          ["Stab. grant", "stabilityGrant"],
          ["Income", "income"],
          ["Placements", "placementCost"],
          ["Lines", "lineCost"],
          ["Staffing", "staffingCost"],
          ["Expenditure", "expenditure"],
          // Income includes the Stability Grant (the default scenario has it), so this in-year does.
          ["In-year with grant", "inYear"],
          ["Cumulative", "cumulative"],
        ] as const)
          expect(cell(name)).toBe(k(l[field]));
        if (which === "mitigated") expect(cell("Grant spend")).toBe(k(l.implementationCost));
      });
    }
    const gap = find(all, /^Unmitigated against mitigated/);
    gap.rows.forEach((row, i) => {
      const u = r.unmitigated.ledger[i];
      const m = r.mitigated.ledger[i];
      // In-year with the Stability Grant left out (the default scenario has it).
      const ui = u.inYear - u.stabilityGrant;
      const mi = m.inYear - m.stabilityGrant;
      expect(row.slice(1).map(num)).toEqual([
        k(ui),
        k(mi),
        k(mi - ui),
        k(u.cumulative),
        k(m.cumulative),
        k(m.cumulative - u.cumulative),
      ]);
    });
    expect(text).toContain(`Opening DSG balance (1 April ${r.baseYear - 1}): `);
    const cal = all.find((x) => x.header[0] === "Placement" && x.header.includes("Rate"));
    for (const row of cal?.rows ?? []) {
      const c = r.calibration.find((x: { id: string }) => x.id === row[0]);
      expect(row[column(cal as Table, "Rate")]).toBe(`${(100 * c.rate).toFixed(2)}%`);
    }
    const o = r.statutoryOverride;
    expect(text).toContain(`(${(100 * o.unmitigatedShareOfReserves).toFixed(1)}% of usable reserves)`);
    expect(text).toContain(`(${(100 * o.mitigatedShareOfReserves).toFixed(1)}% of usable reserves)`);
    const levers = find(all, /^Levers to 2027-28 by ledger side/);
    const rowOf = (label: string) => levers.rows.find((x) => x[0] === label) as string[];
    // By ledger side (issue #32), with each lever's effect on the Stability Grant and its figure net of it.
    type Pair = { sequential: number; shapley: number };
    type L = { label: string; kind: string; side: Pair; stabilityGrantEffect: Pair };
    const sum = (ls: L[], pick: (l: L) => number) => ls.reduce((a, l) => a + pick(l), 0);
    for (const l of r.levers as L[])
      expect(rowOf(l.label).slice(2).map(num)).toEqual([
        k(l.side.sequential),
        k(l.side.shapley),
        k(l.stabilityGrantEffect.shapley),
        k(l.side.shapley + l.stabilityGrantEffect.shapley),
      ]);
    const sides = r.leverTotals.bySide;
    for (const [label, pair, kind] of [
      ["Savings subtotal (lower spending)", sides.savings, "saving"],
      ["Funding subtotal (money received)", sides.funding, "funding"],
    ]) {
      const ls = (r.levers as L[]).filter((l) => l.kind === kind);
      expect(rowOf(label).slice(2).map(num)).toEqual([
        k(pair.sequential),
        k(pair.shapley),
        k(sum(ls, (l) => l.stabilityGrantEffect.shapley)),
        k(sum(ls, (l) => l.side.shapley + l.stabilityGrantEffect.shapley)),
      ]);
    }
    // The grant's change between the forecasts is a row of its own, so the total is mitigated less
    // unmitigated in every column (as in the workbook and the paper); its effect cell is that change.
    const t = r.leverTotals.total;
    const finalGap = r.mitigated.ledger.at(-1).cumulative - r.unmitigated.ledger.at(-1).cumulative;
    const grantRow = rowOf("Stability Grant: change between the forecasts");
    expect(grantRow.slice(2, 4).map(num)).toEqual([
      k(sides.stabilityGrant.sequential),
      k(sides.stabilityGrant.shapley),
    ]);
    // Its effect is already in each lever's net figure: nothing more to add in those columns.
    expect(grantRow.slice(4)).toEqual(["", ""]);
    expect(rowOf("Total (mitigated less unmitigated)").slice(2).map(num)).toEqual([
      k(t.sequential),
      k(t.shapley),
      k(sides.stabilityGrant.shapley),
      k(t.shapley),
    ]);
    expect(k(t.shapley)).toBe(k(finalGap));
    expect(k(t.sequential)).toBe(k(finalGap));
    // The position when the override ends, with and without the grant (spec §11).
    const position = find(all, /^Position at 31 March 2028/);
    for (const [i, which] of (["unmitigated", "mitigated"] as const).entries()) {
      const side = o.stabilityGrant[which];
      expect(position.rows[i]?.slice(1, 6).map(num)).toEqual(
        [side.withoutGrant, side.grant, side.withGrant, side.historicRemaining, side.accruedSince].map(k),
      );
      expect(position.rows[i]?.[6]).toBe(`${(100 * side.accruedShareOfReserves).toFixed(1)}%`);
    }
    // The grant's own lines say each forecast's grant as the JSON has it.
    for (const g of r.stabilityGrant)
      expect(text).toContain(
        `${g.forecast === "unmitigated" ? "Unmitigated" : "Mitigated"}: 90.0% of the deficit at 31 March 2026 of £${(k(g.eligibleDeficit) as number).toLocaleString("en-GB")}k (this forecast's own) = £${(k(g.amount) as number).toLocaleString("en-GB")}k, paid in ${g.paidIn}`,
      );
    const bands = find(all, /^Uncertainty:/);
    bands.rows.forEach((row) => {
      const b = r.uncertainty.ledger.find(
        (x: { fy: string; forecast: string; measure: string }) =>
          x.fy === row[0] && x.forecast === row[1] && x.measure === "cumulative",
      );
      const central = r[row[1] as "unmitigated"].ledger.find(
        (x: { fy: string }) => x.fy === row[0],
      ).cumulative;
      expect(row.slice(2).map(num)).toEqual([k(central), k(b.p10), k(b.p50), k(b.p90)]);
    });
    const tornado = find(all, /^What moves/);
    tornado.rows.forEach((row) => {
      if (row[0]?.startsWith("…")) return;
      const t = r.uncertainty.tornado.rows.find((x: { label: string }) => x.label === row[0]);
      expect(row.slice(1, 4).map(num)).toEqual([k(t.low), k(t.high), k(Math.abs(t.high - t.low))]);
      // The better end is the one whose printed balance is higher.
      expect(row[4]).toBe(k(t.low) === k(t.high) ? "neither" : k(t.low) > k(t.high) ? "p10" : "p90");
    });
  });
  test("place funding and the net-of-recoupment ledger (data/place-funding.yaml)", async () => {
    const { all, r } = await both("data/place-funding.yaml");
    const pf = find(all, /^Placements costed by places and top-ups \(unmitigated/);
    pf.rows.forEach((row) => {
      const rows = r.unmitigated.placeFunding.filter((x: { fy: string }) => x.fy === row[0]);
      const sum = (f: string) => rows.reduce((a: number, x: Record<string, number>) => a + (x[f] ?? 0), 0);
      expect(num(row[column(pf, "Place funding")])).toBe(k(sum("placeFunding")));
      expect(num(row[column(pf, "of which empty")])).toBe(k(sum("emptyPlaceCost")));
      expect(num(row[column(pf, "Top-ups")])).toBe(k(sum("topUps")));
      expect(num(row[column(pf, "Recouped")])).toBe(k(sum("recouped")));
    });
    const net = find(all, /^Recoupment:/);
    net.rows.forEach((row, i) => {
      const l = r.unmitigated.ledger[i];
      expect(row.slice(1).map(num)).toEqual([
        k(l.recoupment),
        k(l.netIncome),
        k(l.netExpenditure),
        k(l.inYear),
      ]);
    });
  });
  test("Safety Valve payments and general-fund staffing with a lever", async () => {
    const dir = scratch("hnb-readable-");
    const sv = join(dir, "sv.yaml");
    writeFileSync(
      sv,
      `schema: hnb-scenario/1
name: Safety Valve and a saving
baseYear: 2025
horizon: 3
openingBalance: 0
placements:
  - { id: special, label: Special, category: MdSSA, count: 1000, unitCost: 20000, growth: 0.1 }
income:
  hnb: { amount: 28000000 }
staffing:
  - { id: officer, role: Officer, fte: 1, unitCost: 50000, fundedBy: general-fund }
mitigations:
  - { id: sv, type: safetyValve, payments: { "2025-26": 1000000, "2026-27": 2000000 }, inYearTargets: { "2025-26": 10000000, "2026-27": -12000000 } }
  - { id: more, type: staffing, staffing: [ { id: extra, role: Extra officer, fte: 4, unitCost: 50000, fundedBy: general-fund } ] }
`,
    );
    const { all, r } = await both(sv);
    const pay = find(
      all.filter((x) => x.header.includes("Target in-year")),
      /.*/,
    );
    for (const row of pay.rows) {
      const p = r.safetyValvePayments.find((x: { fy: string }) => x.fy === row[0]);
      expect([
        num(row[column(pay, "Payment")]),
        num(row[column(pay, "Target in-year")]),
        num(row[column(pay, "In-year before")]),
      ]).toEqual([k(p.amount), k(p.target), k(p.inYearBefore)]);
    }
    const gf = find(all, /general fund/);
    gf.rows.forEach((row) => {
      const sum = (w: "unmitigated" | "mitigated") =>
        r[w].staffing
          .filter((x: { fy: string; fundedBy: string }) => x.fy === row[0] && x.fundedBy === "general-fund")
          .reduce((a: number, x: { cost: number }) => a + x.cost, 0);
      expect(row.slice(1).map(num)).toEqual([k(sum("unmitigated")), k(sum("mitigated"))]);
    });
    // The lever's four officers are in the mitigated column only: £250k against £50k in the base year.
    expect(gf.rows[0]?.slice(1).map(num)).toEqual([50, 250]);
  });
});

// exceljs is @hnb/io's dependency, not the workspace root's: load it from there.
const ExcelJS = createRequire(resolve("packages/io/package.json"))("exceljs") as typeof import("exceljs");

describe("the pack's files say what the forecast says", () => {
  test("uncertainty.csv keeps its percentiles in order, tornado.csv its swings as sizes, chart descriptions their signs", async () => {
    const dir = join(scratch("hnb-pack-files-"), "pack");
    expect(
      await main(
        ["forecast", "data/default-scenario.yaml", "--paths", "300", "--out", dir, "--quiet"],
        capture(),
      ),
    ).toBe(0);
    const csv = (name: string) =>
      parseCsv(readFileSync(join(dir, name), "utf8")).filter((row) => row.length > 1);
    const [head, ...rows] = csv("uncertainty.csv");
    const at = (n: string) => (head ?? []).indexOf(n);
    for (const row of rows) {
      const [p10, p50, p90] = ["p10", "p50", "p90"].map((n) => Number(row[at(n)]));
      expect(p10 ?? 0).toBeLessThanOrEqual(p50 ?? 0);
      expect(p50 ?? 0).toBeLessThanOrEqual(p90 ?? 0);
    }
    expect(rows.some((row) => Number(row[at("p10")]) < Number(row[at("p90")]))).toBe(true);
    const [th, ...tornado] = csv("tornado.csv");
    const col = (n: string) => (th ?? []).indexOf(n);
    for (const row of tornado)
      expect(Number(row[col("swing")])).toBeCloseTo(
        Math.abs(Number(row[col("high")]) - Number(row[col("low")])),
        6,
      );
    const r = JSON.parse(readFileSync(join(dir, "forecast.json"), "utf8"));
    const described = readFileSync(join(dir, "chart-descriptions.md"), "utf8");
    // Mitigated less unmitigated, +£41.6m: the plan improves the balance.
    const gain = r.mitigated.ledger.at(-1).cumulative - r.unmitigated.ledger.at(-1).cumulative;
    expect(gain).toBeGreaterThan(0);
    expect(described).toContain(`a difference of £${(gain / 1e6).toFixed(1)}m`);
    const last = r.uncertainty.ledger.find(
      (x: { fy: string; forecast: string; measure: string }) =>
        x.fy === r.financialYears.at(-1) && x.forecast === "mitigated" && x.measure === "cumulative",
    );
    const m = (v: number) => `${v < 0 ? "−" : ""}£${(Math.abs(v) / 1e6).toFixed(1)}m`;
    expect(described).toContain(`(10–90% range ${m(last.p10)} to ${m(last.p90)})`);
  });
  test("comparison.xlsx holds each scenario's cumulative balance, as the JSON", async () => {
    const dir = join(scratch("hnb-cmp-xlsx-"), "cmp");
    const args = ["compare", "data/default-scenario.yaml", "data/best-case.yaml", "--quiet"];
    expect(await main([...args, "--out", dir], capture())).toBe(0);
    const c = JSON.parse(readFileSync(join(dir, "comparison.json"), "utf8"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "comparison.xlsx")) as unknown as ArrayBuffer);
    const got: unknown[][] = [];
    wb.getWorksheet("Side by side")?.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1, 1 + 1 + c.scenarios.length);
      if (/^\d{4}-\d{2}$/.test(String(v[0]))) got.push(v);
    });
    expect(got).toEqual(
      c.financialYears.map((fy: string, i: number) => [
        fy,
        ...c.scenarios.map((x: { ledger: { cumulative: number }[] }) => x.ledger[i]?.cumulative),
      ]),
    );
  });
});

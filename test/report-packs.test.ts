// hnb monitor --out and hnb compare --out as packs like the forecast's (issue #32): workbooks whose
// totals, outturns, variances and differences are Excel formulas (recomputed here from the cells
// they name, and equal to the JSON), a check row that reads 0, charts as SVG and PNG, labels rather
// than ids, and every changed rate year by year rather than "changed: growth (6 entries)".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { main } from "@hnb/cli";
import type { compareScenarios } from "@hnb/model";
import { beforeAll, describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

const ExcelJS = createRequire(resolve("packages/io/package.json"))("exceljs") as typeof import("exceljs");
type Workbook = import("exceljs").Workbook;

const load = async (file: string): Promise<Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb;
};

// Recomputes a formula of the forms the packs write (cell ± cell, SUM of a column range, a cell on
// another sheet) from the cells it names, as Excel would: never from the cached result.
function recompute(wb: Workbook, sheet: string, text: string): number {
  const cell = (ref: string): number => {
    const m = ref.match(/^(?:'([^']+)'!)?([A-Z]+\d+)$/);
    if (!m) throw new Error(`cannot read ${ref}`);
    const v = wb.getWorksheet(m[1] ?? sheet)?.getCell(m[2] ?? "").value;
    if (typeof v === "number") return v;
    if (v && typeof v === "object" && "formula" in v) return recompute(wb, m[1] ?? sheet, String(v.formula));
    return 0;
  };
  let total = 0;
  for (const [, sign, sum, ref] of text.matchAll(
    /([+-]?)(?:SUM\(([A-Z]+\d+:[A-Z]+\d+)\)|((?:'[^']+'!)?[A-Z]+\d+))/g,
  )) {
    let x = 0;
    if (sum) {
      const [, col, r0, , r1] = sum.match(/^([A-Z]+)(\d+):([A-Z]+)(\d+)$/) ?? [];
      for (let r = Number(r0); r <= Number(r1); r++) x += cell(`${col}${r}`);
    } else x = cell(ref ?? "");
    total += sign === "-" ? -x : x;
  }
  return total;
}

/** Every formula cell of a sheet: its address, formula and cached result. */
const formulas = (wb: Workbook, sheet: string) => {
  const out: { address: string; formula: string; result: number }[] = [];
  wb.getWorksheet(sheet)?.eachRow((row) =>
    row.eachCell((c) => {
      const v = c.value;
      if (v && typeof v === "object" && "formula" in v)
        out.push({ address: c.address, formula: String(v.formula), result: Number(v.result ?? 0) });
    }),
  );
  return out;
};
const column = (wb: Workbook, sheet: string, col = 1) => {
  const out: string[] = [];
  wb.getWorksheet(sheet)?.eachRow((row) => {
    out.push(String(row.getCell(col).value ?? ""));
  });
  return out;
};
const run = async (args: string[]) => {
  const io = capture();
  return { code: await main(args, io), err: io.stderr };
};

describe("hnb monitor --out: a pack with formulas and charts", () => {
  const dir = join(scratch("hnb-mon-pack-"), "report");
  let wb: Workbook;
  let m: {
    lines: { label: string; id: string; outturn: number; variance: number }[];
    total: Record<string, number>;
  };
  beforeAll(async () => {
    const r = await run([
      "monitor",
      "data/monitoring-q2.yaml",
      "--previous",
      "data/monitoring-q1.yaml",
      "--out",
      dir,
      "--quiet",
    ]);
    expect(r.code).toBe(0);
    wb = await load(join(dir, "monitoring.xlsx"));
    m = JSON.parse(readFileSync(join(dir, "monitoring.json"), "utf8"));
  }, 60_000);

  test("outturn, variance and every total are formulas that recompute to the JSON's figures", () => {
    const f = formulas(wb, "Monitoring");
    // Outturn and variance on each line, six totals, and the check.
    expect(f.length).toBe(2 * m.lines.length + 6 + 1);
    for (const x of f) expect(recompute(wb, "Monitoring", x.formula)).toBeCloseTo(x.result, 4);
    const labels = column(wb, "Monitoring");
    const total = labels.indexOf("Total") + 1;
    const sheet = wb.getWorksheet("Monitoring");
    if (!sheet) throw new Error("no Monitoring sheet");
    expect(String((sheet.getCell(`E${total}`).value as { formula: string }).formula)).toMatch(
      /^SUM\(E\d+:E\d+\)$/,
    );
    for (const [col, key] of [
      ["B", "budget"],
      ["E", "outturn"],
      ["F", "variance"],
      ["G", "movement"],
    ] as const)
      expect(
        recompute(wb, "Monitoring", `SUM(${col}${labels.indexOf("Line") + 2}:${col}${total - 1})`),
      ).toBeCloseTo(m.total[key] ?? NaN, 4);
    const inmss = m.lines.find((l) => l.id === "inmss");
    const row = labels.indexOf(inmss?.label ?? "") + 1;
    expect((sheet.getCell(`E${row}`).value as { formula: string }).formula).toBe(`C${row}+D${row}`);
    expect((sheet.getCell(`F${row}`).value as { formula: string }).formula).toBe(`E${row}-B${row}`);
  });

  test("the check row ties the total outturn to the DSG balance sheet and reads 0", () => {
    const check = formulas(wb, "Monitoring").find((x) => x.formula.includes("'DSG balance'!"));
    expect(check?.result).toBeCloseTo(0, 6);
    expect(recompute(wb, "Monitoring", check?.formula ?? "")).toBeCloseTo(0, 4);
    expect(column(wb, "Monitoring").some((l) => l.startsWith("Check: total forecast outturn less"))).toBe(
      true,
    );
    // The balance sheet: in-year and cumulative as formulas from an opening balance.
    const b = formulas(wb, "DSG balance");
    expect(b.length).toBe(2 * 7);
    for (const x of b) expect(recompute(wb, "DSG balance", x.formula)).toBeCloseTo(x.result, 4);
  });

  test("lines by label, never by id; charts as SVG and PNG with their descriptions", () => {
    const labels = column(wb, "Monitoring");
    for (const l of m.lines) {
      expect(labels).toContain(l.label);
      expect(labels).not.toContain(l.id);
    }
    for (const name of ["monitoring", "movement"]) {
      expect(readFileSync(join(dir, `${name}.svg`), "utf8")).toMatch(/^<svg/);
      expect([...readFileSync(join(dir, `${name}.png`)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
    const described = readFileSync(join(dir, "chart-descriptions.md"), "utf8");
    expect(described).toContain("Files: `movement.svg`, `movement.png`");
    expect(described).toContain("Bridge of the forecast outturn");
  });
});

describe("hnb compare --out: labels, every changed rate by year, formulas and charts", () => {
  const dir = join(scratch("hnb-cmp-pack-"), "cmp");
  let wb: Workbook;
  let text = "";
  let c: ReturnType<typeof compareScenarios>;
  beforeAll(async () => {
    const files = ["data/default-scenario.yaml", "data/best-case.yaml", "data/worst-case.yaml"];
    const r = await run(["compare", ...files, "--names", "central,best,worst", "--out", dir, "--quiet"]);
    expect(r.code).toBe(0);
    wb = await load(join(dir, "comparison.xlsx"));
    text = readFileSync(join(dir, "comparison.txt"), "utf8");
    c = JSON.parse(readFileSync(join(dir, "comparison.json"), "utf8"));
  }, 120_000);

  test("inputs named by their labels, growth differences listed year by year", () => {
    const worst = c.differences.find((d) => d.name === "worst");
    const special = worst?.inputs.find((i) => i.input === "placements.special");
    expect(special?.label).toBe("Maintained special schools and special academies");
    // Six forecast years, each with the default's estimated rate and the worst case's, 2 points up.
    const growth = (special?.details ?? []).filter((d) => d.field === "growth");
    expect(growth.map((d) => d.key)).toEqual(["2023", "2024", "2025", "2026", "2027", "2028"]);
    for (const d of growth) expect(Number.parseFloat(d.to) - Number.parseFloat(d.from)).toBeCloseTo(2, 1);
    expect(special?.change).toMatch(/^growth 2023: [\d.]+% → [\d.]+%, 2024: /);
    const hnb = worst?.inputs.find((i) => i.input === "income.hnb");
    expect(hnb?.label).toBe("High Needs Block allocation");
    expect(hnb?.change).toBe(
      "growth 2023: 10% → 9%, 2024: 6% → 5%, 2025: 4% → 3%, 2026: 3% → 2%, 2027: 3% → 2%, 2028: 3% → 2%",
    );
    expect(text).not.toMatch(/entries\)|placements\.|mitigations\.|income\./);
    expect(text).toContain("Maintained special schools and special academies");
    expect(text).toContain("Themes B and C: early intervention and inclusion practice  confidence 70% → 30%");
    const inputs = column(wb, "Difference 2");
    expect(inputs).toContain("Independent and non-maintained special schools (INMSS)");
    expect(inputs.join(" ")).not.toMatch(/placements\.|mitigations\./);
    // The sheet of every changed value has the six years of special schools' growth for each variant.
    const changed: string[][] = [];
    wb.getWorksheet("What changed")?.eachRow((row, n) => {
      if (n > 3) changed.push((row.values as unknown[]).slice(1).map(String));
    });
    const rows = changed.filter((r) => r[0] === "worst" && r[1] === special?.label && r[2] === "growth");
    expect(rows.map((r) => r[3])).toEqual(["2023", "2024", "2025", "2026", "2027", "2028"]);
  });

  test("differences are formulas; each difference's shares total as a SUM, checked against the balances", () => {
    for (const sheet of ["Side by side", "Difference 1", "Difference 2"]) {
      const f = formulas(wb, sheet);
      expect(f.length).toBeGreaterThan(0);
      for (const x of f) expect(recompute(wb, sheet, x.formula)).toBeCloseTo(x.result, 3);
    }
    // Side by side: one difference column per scenario after the first, every year.
    expect(formulas(wb, "Side by side").length).toBe(2 * c.financialYears.length);
    c.differences.forEach((d, j) => {
      const f = formulas(wb, `Difference ${j + 1}`);
      expect(f[0]?.formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
      expect(f[0]?.result).toBeCloseTo(d.total, 3);
      expect(f[1]?.formula).toMatch(/^'Side by side'!/);
      expect(f[2]?.result).toBeCloseTo(0, 6);
      expect(recompute(wb, `Difference ${j + 1}`, f[2]?.formula ?? "")).toBeCloseTo(0, 3);
    });
  });

  test("charts: the balances side by side and, per scenario, what explains its difference", () => {
    for (const name of ["comparison", "difference-1", "difference-2"]) {
      expect(readFileSync(join(dir, `${name}.svg`), "utf8")).toMatch(/^<svg/);
      expect([...readFileSync(join(dir, `${name}.png`)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
    const svg = readFileSync(join(dir, "difference-2.svg"), "utf8");
    expect(svg).toContain("Maintained special schools and special academies");
    expect(svg).not.toContain("placements.special");
  });

  test("best and worst cases vary growth, and growth alone explains over 30% of each difference", () => {
    // Four placement types whose only change is growth (INMSS's fees change too, so it is left out).
    const growthOnly = ["special", "mainstream", "post16", "resourced"].map((id) => `placements.${id}`);
    for (const d of c.differences) {
      const share = d.inputs.filter((i) => growthOnly.includes(i.input)).reduce((a, i) => a + i.share, 0);
      expect(share / d.total, d.name).toBeGreaterThan(0.3);
    }
    const final = (name: string) => c.scenarios.find((s) => s.name === name)?.final ?? NaN;
    expect(final("best") - final("worst")).toBeGreaterThan(75_000_000);
  });
});

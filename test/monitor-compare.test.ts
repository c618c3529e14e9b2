// hnb monitor and hnb compare on the files in data/ (issue #19): the readable report, JSON, the
// workbook, and bad input as one clear line each with nothing written.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { capture, run, scratch } from "./support.js";

// exceljs is @hnb/io's dependency, not the workspace root's: load it from there.
const ExcelJS = createRequire(resolve("packages/io/package.json"))("exceljs") as typeof import("exceljs");

// A cell's number: a formula's cached result, or the value itself.
const val = (v: unknown) => (v !== null && typeof v === "object" && "result" in v ? v.result : v);

describe("hnb monitor", () => {
  test("Q2 against Q1: outturn, variance and movement; the totals add up over the lines", async () => {
    const r = await run([
      "monitor",
      "data/monitoring-q2.yaml",
      "--previous",
      "data/monitoring-q1.yaml",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.fy).toBe("2021-22");
    expect(m.actualsTo).toBe("2021-09");
    expect(m.previous).toBe("Q1 monitoring");
    const sum = (k: string) => m.lines.reduce((a: number, l: Record<string, number>) => a + (l[k] ?? 0), 0);
    for (const k of ["budget", "actual", "remaining", "outturn", "variance", "movement"])
      expect(m.total[k]).toBeCloseTo(sum(k), 6);
    for (const l of m.lines) {
      expect(l.outturn).toBeCloseTo(l.actual + l.remaining, 6);
      expect(l.variance).toBeCloseTo(l.outturn - l.budget, 6);
    }
    // INMSS runs above its model cost: it carries most of the overspend and of the movement since Q1.
    const inmss = m.lines.find((l: { id: string }) => l.id === "inmss");
    expect(inmss.variance).toBeGreaterThan(1_000_000);
    expect(inmss.movement).toBeGreaterThan(0);
  });
  test("the readable report and --out (JSON, text, workbook whose figures are the report's)", async () => {
    const dir = join(scratch("hnb-mon-"), "report");
    const r = await run(["monitor", "data/monitoring-q2.yaml", "--out", dir, "--quiet"]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      ".hnb-pack",
      "chart-descriptions.md",
      "monitoring.json",
      "monitoring.png",
      "monitoring.svg",
      "monitoring.txt",
      "monitoring.xlsx",
    ]);
    const m = JSON.parse(readFileSync(join(dir, "monitoring.json"), "utf8"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "monitoring.xlsx")) as unknown as ArrayBuffer);
    let total: unknown[] = [];
    wb.getWorksheet("Monitoring")?.eachRow((row) => {
      if (row.getCell(1).value === "Total") total = (row.values as unknown[]).slice(2).map(val);
    });
    expect(total).toEqual([
      m.total.budget,
      m.total.actual,
      m.total.remaining,
      m.total.outturn,
      m.total.variance,
    ]);
    expect(readFileSync(join(dir, "monitoring.txt"), "utf8")).toMatch(
      /Forecast outturn £[\d,]+k: £[\d,]+k over budget/,
    );
    // Overspends in red, underspends in brackets, said in the subtitle; the DSG balance with the outturn.
    const monitoring = wb.getWorksheet("Monitoring");
    expect(String(monitoring?.getCell("A2").value)).toContain(
      "an overspend in red, an underspend in (brackets)",
    );
    expect(monitoring?.getRow(4).getCell(6).numFmt).toBe("[Red]#,##0;(#,##0);0");
    const balance: unknown[][] = [];
    wb.getWorksheet("DSG balance")?.eachRow((row, n) => {
      // After the opening balance's row: in-year and cumulative are formulas.
      if (n > 4) balance.push((row.values as unknown[]).slice(1).map(val));
    });
    expect(balance).toEqual(
      m.ledger.map((l: Record<string, unknown>) => [l.fy, l.income, l.expenditure, l.inYear, l.cumulative]),
    );
    // The spend-to-date notes have their own sheet, one per row, as the report prints them.
    const notes: unknown[] = [];
    wb.getWorksheet("Spend to date")?.eachRow((row, n) => {
      if (n > 3) notes.push(row.getCell(1).value);
    });
    expect(notes).toEqual(m.warnings);
    expect(m.warnings.length).toBe(1);
  });
  test("bad input: one line each, nothing written", async () => {
    const dir = scratch("hnb-mon-");
    const text = readFileSync("data/monitoring-q2.yaml", "utf8").replace(
      "scenario: default-scenario.yaml",
      `scenario: ${join(process.cwd(), "data/default-scenario.yaml")}`,
    );
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, text.replace('"2021-05":', '"2022-05":'));
    const out = join(dir, "out");
    const r = await run(["monitor", bad, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: actuals["2022-05"]: is not a month of 2021-22 (2021-04 to 2022-03)`);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(["bad.yaml"]);
    // A scenario the file names that does not exist is the file's own `scenario` field to correct.
    writeFileSync(bad, text.replace(/scenario: .*/, "scenario: nope.yaml"));
    expect((await run(["monitor", bad])).err).toContain(
      `${bad}: scenario: nope.yaml (${join(dir, "nope.yaml")}): does not exist`,
    );
    writeFileSync(bad, text.replace("  therapies: 1500000\n", "  therapies: 1500000\n  speech: 100\n"));
    expect((await run(["monitor", bad])).err).toContain(
      'budget.speech: line "speech" is not a placement, line or staffing id of the scenario',
    );
  });
  test("a line the previous report had and this one lacks is refused, not dropped from the movement", async () => {
    const dir = scratch("hnb-mon-");
    const scenario = `scenario: ${join(process.cwd(), "data/default-scenario.yaml")}`;
    const q1 = readFileSync("data/monitoring-q1.yaml", "utf8").replace(
      "scenario: default-scenario.yaml",
      scenario,
    );
    const q2 = readFileSync("data/monitoring-q2.yaml", "utf8").replace(
      "scenario: default-scenario.yaml",
      scenario,
    );
    // Q1 budgeted the EP service's line (the scenario costs it nothing in 2021-22): a row with 0 spent.
    const withEps = q1
      .replace("  therapies: 1500000\n", "  therapies: 1500000\n  eps: 150000\n")
      .replace(/("2021-0[456]": \{)/g, "$1 eps: 0,");
    writeFileSync(join(dir, "q1.yaml"), withEps);
    writeFileSync(join(dir, "q2.yaml"), q2);
    const before = await run(["monitor", join(dir, "q1.yaml"), "--json"]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).lines.map((l: { id: string }) => l.id)).toContain("eps");
    const r = await run(["monitor", join(dir, "q2.yaml"), "--previous", join(dir, "q1.yaml")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${join(dir, "q2.yaml")}: budget: "eps" is in ${join(dir, "q1.yaml")} but not in this report, so its movement would show in no row: give it a budget here (0 if none)`,
    );
  });
  test("the readable report flags spend running from the model, and the monitored year's parts add up", async () => {
    const r = await run(["monitor", "data/monitoring-q2.yaml", "--previous", "data/monitoring-q1.yaml"]);
    expect(r.code).toBe(0);
    // INMSS: £6,366,500 to September against the model's £11.9m × 6/12: 7.0% above; at that rate £12,733k.
    expect(r.out).toContain(
      "- Independent and non-maintained special schools (INMSS): spent £6,367k to 2021-09, 7.0% above the model's £5,950k for those months; at the year-to-date rate the outturn would be £12,733k, not £12,317k",
    );
    expect(r.out).toContain("since Q1 monitoring: positive is a higher outturn");
    expect(r.out).toContain("Each figure is rounded on its own");
    const json = JSON.parse((await run(["monitor", "data/monitoring-q2.yaml", "--json"])).out);
    for (const row of json.ledger)
      expect(row.expenditure).toBeCloseTo(
        row.placementCost + row.lineCost + row.staffingCost + row.implementationCost,
        6,
      );
  });
  test("--previous takes the earlier report's monitoring.json, its figures as reported; a previous block and --previous together are refused", async () => {
    const dir = scratch("hnb-mon-");
    expect(
      await main(["monitor", "data/monitoring-q1.yaml", "--out", join(dir, "q1"), "--quiet"], capture()),
    ).toBe(0);
    const reported = JSON.parse(readFileSync(join(dir, "q1", "monitoring.json"), "utf8"));
    // The figures Q1 gave, not its files recomputed: an INMSS outturn £1,000 higher then is £1,000 less movement now.
    const inmss = reported.lines.find((l: { id: string }) => l.id === "inmss");
    inmss.outturn += 1000;
    writeFileSync(join(dir, "q1.json"), JSON.stringify(reported));
    const fromJson = await run([
      "monitor",
      "data/monitoring-q2.yaml",
      "--previous",
      join(dir, "q1.json"),
      "--json",
    ]);
    const fromYaml = await run([
      "monitor",
      "data/monitoring-q2.yaml",
      "--previous",
      "data/monitoring-q1.yaml",
      "--json",
    ]);
    const move = (out: string) =>
      JSON.parse(out).lines.find((l: { id: string }) => l.id === "inmss").movement;
    expect(move(fromJson.out)).toBeCloseTo(move(fromYaml.out) - 1000, 6);
    expect(JSON.parse(fromJson.out).previousBasis).toBe("as reported");
    expect(JSON.parse(fromYaml.out).previousBasis).toBe("recomputed");
    const text = await run(["monitor", "data/monitoring-q2.yaml", "--previous", "data/monitoring-q1.yaml"]);
    expect(text.out).toContain(
      "Movement since Q1 monitoring: its figures recomputed from its files as they are now",
    );
    // A report that is not one names the field.
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...reported, lines: [{ id: "inmss" }] }));
    const bad = await run(["monitor", "data/monitoring-q2.yaml", "--previous", join(dir, "bad.json")]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${join(dir, "bad.json")}: lines[0].outturn:`);
    // A file with its own previous block, and --previous as well: which baseline is meant is unclear.
    const both = join(dir, "both.yaml");
    const q2 = readFileSync("data/monitoring-q2.yaml", "utf8").replace(
      "scenario: default-scenario.yaml",
      `scenario: ${join(process.cwd(), "data/default-scenario.yaml")}`,
    );
    const ids = JSON.parse(fromYaml.out)
      .lines.map((l: { id: string }) => `"${l.id}": 0`)
      .join(", ");
    writeFileSync(both, `${q2}\nprevious: { name: Budget, outturn: { ${ids} } }\n`);
    const r = await run(["monitor", both, "--previous", "data/monitoring-q1.yaml"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "previous: the file gives a previous report's outturn and --previous names another",
    );
  });
  test("the previous report must be the earlier one", async () => {
    const r = await run(["monitor", "data/monitoring-q1.yaml", "--previous", "data/monitoring-q2.yaml"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "data/monitoring-q2.yaml: actuals: its actuals run to 2021-09, after 2021-06 (data/monitoring-q1.yaml): the previous report must be an earlier one",
    );
  });
});

describe("hnb compare", () => {
  test("without --names, columns are headed by the scenarios' own names", async () => {
    const r = await run(["compare", "data/best-case.yaml", "data/worst-case.yaml", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).scenarios.map((s: { name: string }) => s.name)).toEqual([
      "Bristol 2022 best case",
      "Bristol 2022 worst case",
    ]);
  });
  test("central, best and worst: each difference split exactly over the inputs that differ", async () => {
    const r = await run([
      "compare",
      "data/default-scenario.yaml",
      "data/best-case.yaml",
      "data/worst-case.yaml",
      "--names",
      "central,best,worst",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.scenarios.map((s: { name: string }) => s.name)).toEqual(["central", "best", "worst"]);
    for (const d of c.differences) {
      const sum = d.inputs.reduce((a: number, i: { share: number }) => a + i.share, 0);
      expect(sum).toBeCloseTo(d.total, 4);
      const final = c.scenarios.find((s: { name: string }) => s.name === d.name).final;
      expect(d.total).toBeCloseTo(final - c.scenarios[0].final, 4);
    }
    // The variants differ from the default in exactly the inputs scripts/make-variants.mjs changes.
    const inputs = (name: string) =>
      c.differences
        .find((d: { name: string }) => d.name === name)
        .inputs.map((i: { input: string }) => i.input)
        .sort();
    // Growth, the dominant driver, among them: five placement types' growth 2 points either way.
    const growth = ["mainstream", "post16", "resourced", "special"].map((id) => `placements.${id}`);
    expect(inputs("best")).toEqual(
      [
        "mitigations.early-intervention",
        "mitigations.specialist-places",
        "placements.inmss",
        ...growth,
      ].sort(),
    );
    expect(inputs("worst")).toEqual(
      ["income.hnb", "mitigations.early-intervention", "placements.inmss", ...growth].sort(),
    );
    const special = c.differences
      .find((d: { name: string }) => d.name === "worst")
      .inputs.find((i: { input: string }) => i.input === "placements.special");
    expect(special.change).toMatch(/^growth 2023: [\d.]+% → [\d.]+%, 2024: /);
  });
  test("--out writes the comparison, its text and its workbook; bad names and different years are refused", async () => {
    const dir = join(scratch("hnb-cmp-"), "cmp");
    expect(
      (await run(["compare", "data/default-scenario.yaml", "data/best-case.yaml", "--out", dir, "--quiet"]))
        .code,
    ).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      ".hnb-pack",
      "chart-descriptions.md",
      "comparison.json",
      "comparison.png",
      "comparison.svg",
      "comparison.txt",
      "comparison.xlsx",
      "difference-1.png",
      "difference-1.svg",
    ]);
    const names = await run([
      "compare",
      "data/default-scenario.yaml",
      "data/best-case.yaml",
      "--names",
      "one",
    ]);
    expect(names.code).toBe(2);
    expect(names.err).toContain("--names gives 1 name for 2 scenarios");
    const years = await run(["compare", "data/default-scenario.yaml", "test/fixtures/spec-example.yaml"]);
    expect(years.code).toBe(1);
    expect(years.err).toContain("compare scenarios over the same years");
  });
});

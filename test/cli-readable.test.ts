// The readable forecast as a finance officer reads it: ledgers, levers, places and recoupment,
// Safety Valve money a saving earns, and the approval each Schools Block transfer needs.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { HAS_2022, HAS_2025, SEN2_2022, SEN2_2025 } from "./shared-data.js";
import { capture, scratch } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";
const SKELETON_SOURCE = SEN2_2025;

describe("readable output", () => {
  test("shows both ledgers in £ thousands, the gap, transfers with their route and the levers", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT], io)).toBe(0);
    expect(io.stdout).toContain(
      "£ thousands (in the ledgers, figures in brackets are deficits; each figure is rounded on its own, so a total may differ from the sum of its parts by 1)",
    );
    expect(io.stdout).toContain("Unmitigated against mitigated");
    expect(io.stdout).toContain(
      "2021-22: transfer 0.50% = £1,450k, needs Schools Forum approval (up to 0.5%)",
    );
    // Savings and funding apart, each with a subtotal; together the whole gap.
    expect(io.stdout).toMatch(/Savings subtotal \(lower spending\)\s+[\d,]+\s+[\d,]+/);
    expect(io.stdout).toMatch(/Funding subtotal \(money received\)\s+[\d,]+\s+[\d,]+/);
    expect(io.stdout).toMatch(/Total \(mitigated less unmitigated\)\s+[\d,]+\s+[\d,]+/);
    expect(io.stdout).toContain("DBV grant: grant £1,000k less its implementation spend £950k = net £50k");
    expect(io.stdout).toMatch(
      /Statutory override ends 31 March 2028 \(end of 2027-28\): cumulative balance then £\([\d,]+\)k unmitigated \([\d.]+% of usable reserves\)/,
    );
    expect(io.stdout).toContain("Illustrative figures:");
    expect(io.stdout).toContain(
      "placements inmss unitCost: unit cost £129k is 2.2 times the national average",
    );
    expect(io.stdout).toContain(
      "In-year balance before the Stability Grant at zero or better and staying there:",
    );
  });

  test("each ledger's expenditure columns add up to its expenditure, a grant's spend in its own column", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT], io)).toBe(0);
    const json = capture();
    expect(await main(["forecast", DEFAULT, "--json"], json)).toBe(0);
    const r = JSON.parse(json.stdout);
    const lines = io.stdout.split("\n");
    for (const which of ["unmitigated", "mitigated"] as const) {
      const title = lines.findIndex((l) =>
        l.startsWith(which === "mitigated" ? "Mitigated (" : "Unmitigated ("),
      );
      const header = (lines[title + 1] ?? "").trim().split(/\s{2,}/);
      const spend = r[which].ledger.some((l: { implementationCost: number }) => l.implementationCost !== 0);
      expect(header.includes("Grant spend")).toBe(spend);
      const from = header.indexOf("Placements");
      const to = header.indexOf("Expenditure");
      for (let i = 0; i < r[which].ledger.length; i++) {
        const cells = (lines[title + 3 + i] ?? "")
          .trim()
          .split(/\s+/)
          .map((c) => Number(c.replace(/[(),]/g, "")));
        const parts = cells.slice(from, to).reduce((a, b) => a + b, 0);
        // Each part is rounded to £k on its own: the sum is within one £k a part.
        expect(Math.abs(parts - (cells[to] as number))).toBeLessThanOrEqual(to - from);
      }
    }
    // The DBV grant's £450k spend in 2023-24, in the mitigated ledger.
    expect(lines.find((l) => l.startsWith("2023-24") && l.includes(" 450 "))).toBeDefined();
  });

  test("general-fund staffing is reported apart from the DSG ledgers, and validate counts lines by where they cost", async () => {
    const file = join(scratch("hnb-gf-"), "gf.yaml");
    writeFileSync(
      file,
      readFileSync("data/bristol-2019-staffing.yaml", "utf8").replace(
        "{ id: assessment-manager, role:",
        "{ id: assessment-manager, fundedBy: general-fund, role:",
      ),
    );
    const io = capture();
    expect(await main(["forecast", file], io)).toBe(0);
    // £55,011 at 2020-21 prices, then the 2022 pay award of 2.75%: 56,524 → £57k in 2021-22.
    expect(io.stdout).toContain(
      "Staffing funded by the council's general fund (reported, not in the DSG ledgers above)",
    );
    expect(io.stdout).toMatch(/\n2020-21 +55 \n2021-22 +57 \n/);
    const v = capture();
    expect(await main(["validate", file], v)).toBe(0);
    expect(v.stdout).toContain("36 in the scenario; 1 line funded by the general fund, outside the");
    const d = capture();
    expect(await main(["validate", DEFAULT], d)).toBe(0);
    expect(d.stdout).toContain("0 in the scenario, 1 in levers (mitigated forecast only)");
    const p = capture();
    expect(await main(["validate", "data/place-funding.yaml"], p)).toBe(0);
    expect(p.stdout).toContain("0 sources, and the import/export adjustment");
  });
  test("validate prints a one-paragraph summary", async () => {
    const io = capture();
    expect(await main(["validate", DEFAULT], io)).toBe(0);
    expect(io.stdout).toMatch(
      /valid\.\nBristol 2022 base case \(default scenario\) \(Bristol, City of, 801\): base census January 2022/,
    );
    // Estimates that need a second look are said in validate too, with their evidence.
    expect(io.stdout).toContain("Check before relying on it:");
    expect(io.stdout).toContain("placements resourced growth: history has possible recording breaks:");
  });
  test.skipIf(!HAS_2022)(
    "import names a reorganised namesake and says when an authority's figures stop early (real 2022 release)",
    async () => {
      const io = capture();
      expect(await main(["import", SEN2_2022, "--authority", "Dorset"], io)).toBe(0);
      expect(io.stdout).toMatch(/^# Dorset \(E06000059, 838\)/);
      expect(io.stdout).toContain(
        '# "Dorset" names 2 authorities in the statistics: Dorset (E06000059, 838; census 2020–2022) is used, the one with the latest census; Dorset (E10000009, 835; census 2010–2019) is another',
      );
      const old = capture();
      expect(await main(["import", SEN2_2022, "--authority", "E10000009"], old)).toBe(0);
      expect(old.stderr).toContain(
        "Dorset's figures stop at the 2019 census, before the release's latest (2022): it was probably reorganised or abolished, so its base year is 2019.",
      );
    },
  );
  test.skipIf(!HAS_2025)(
    "an imported skeleton is refused by validate and forecast, one line per input to fill in, nothing written",
    async () => {
      const dir = scratch("hnb-todo-");
      const file = join(dir, "skeleton.yaml");
      expect(
        await main(["import", SKELETON_SOURCE, "--authority", "Bristol", "--out", file], capture()),
      ).toBe(0);
      const v = capture();
      expect(await main(["validate", file], v)).toBe(1);
      expect(v.stderr).toContain(
        `${file}: placements[0].unitCost: is not filled in: £ per pupil a year in 2021-22`,
      );
      expect(v.stderr).toMatch(
        /\d+ inputs still to fill in \(marked TODO\); nothing was forecast or written\./,
      );
      const out = join(dir, "pack");
      const f = capture();
      expect(await main(["forecast", file, "--out", out], f)).toBe(1);
      expect(f.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
      // One unit cost left unfilled is still a refusal naming exactly that input.
      const filled = readFileSync(file, "utf8").replace(/"TODO:[^"]*"/g, "0.03");
      const one = filled.replace(/unitCost: 0.03/, 'unitCost: "TODO: £ per pupil"');
      writeFileSync(file, one);
      const o = capture();
      expect(await main(["forecast", file, "--json"], o)).toBe(1);
      expect(o.stderr.trim().split("\n")).toEqual([
        `${file}: placements[0].unitCost: is not filled in: £ per pupil`,
        `${file}: 1 input still to fill in (marked TODO); nothing was forecast or written.`,
      ]);
      expect(o.stdout).toBe("");
    },
  );

  test("usage errors exit 2 without a stack trace", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT, "--bogus"], io)).toBe(2);
    expect(io.stderr).toMatch(/Unknown option '--bogus'/);
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(await main(["frobnicate"], capture())).toBe(2);
  });
});

describe("hnb forecast (readable) with places and recoupment (issue #18)", () => {
  test("place funding by FY and the ledger net of recoupment, agreeing with the JSON", async () => {
    const file = "data/place-funding.yaml";
    const text = capture();
    expect(await main(["forecast", file], text)).toBe(0);
    const json = capture();
    expect(await main(["forecast", file, "--json"], json)).toBe(0);
    const r = JSON.parse(json.stdout);
    const k = (v: number) => Math.round(v / 1000).toLocaleString("en-GB");
    const lines = text.stdout.split("\n");
    const section = lines.findIndex((l) => l.startsWith("Placements costed by places and top-ups"));
    expect(section).toBeGreaterThan(0);
    const first = r.unmitigated.ledger[0];
    const rows = r.unmitigated.placeFunding.filter((p: { fy: string }) => p.fy === first.fy);
    const sum = (f: string) => rows.reduce((a: number, p: Record<string, number>) => a + (p[f] ?? 0), 0);
    // The first FY's row: place funding, top-ups, cost and recouped, in £ thousands.
    const row = lines[section + 3] ?? "";
    expect(row.startsWith(first.fy)).toBe(true);
    for (const f of ["placeFunding", "topUps", "cost", "recouped"]) expect(row).toContain(k(sum(f)));
    const net = lines.findIndex((l) => l.startsWith("Recoupment: the ESFA pays"));
    expect(net).toBeGreaterThan(section);
    const netRow = lines[net + 3] ?? "";
    expect(first.recoupment).toBeGreaterThan(0);
    for (const v of [first.recoupment, first.netIncome, first.netExpenditure]) expect(netRow).toContain(k(v));
    expect(first.netIncome - first.netExpenditure).toBeCloseTo(first.inYear, 6);
    // Every year with pupils the places cannot hold, half a pupil too, to one decimal place.
    const unplaced = r.unmitigated.placeFunding.filter((p: { unplaced: number }) => p.unplaced >= 0.05);
    expect(unplaced.some((p: { unplaced: number }) => p.unplaced < 1)).toBe(true);
    const said = lines.find((l) => l.startsWith("Pupils the places cannot hold")) ?? "";
    for (const p of unplaced) expect(said).toContain(`${p.label} ${p.fy} ${Number(p.unplaced.toFixed(1))}`);
  });

  test("no place-funding section without places", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT], io)).toBe(0);
    expect(io.stdout).not.toContain("Placements costed by places");
  });
});

describe("Safety Valve money earned by a saving", () => {
  test("the payments are the Safety Valve lever's funding share; the lever table says what the saving made possible", async () => {
    // Payments £1m, £2m, £3m against in-year targets; the Safety Valve lever alone meets only
    // 2025-26's, the growth reduction's lower spending meets the other two.
    const file = join(scratch("hnb-sv-"), "sv.yaml");
    writeFileSync(
      file,
      `schema: hnb-scenario/1
name: Safety Valve and a saving
baseYear: 2025
horizon: 3
openingBalance: 0
placements:
  - { id: special, label: Special, category: MdSSA, count: 1000, unitCost: 20000, growth: 0.1 }
  - { id: mainstream, label: Main, category: MmSoA, count: 1000, unitCost: 10000, growth: 0.05 }
income:
  hnb: { amount: 28000000 }
mitigations:
  - { id: sv, type: safetyValve, payments: { "2025-26": 1000000, "2026-27": 2000000, "2027-28": 3000000 }, inYearTargets: { "2025-26": -4400000, "2026-27": -7300000, "2027-28": -9000000 } }
  - { id: gr, type: growthReduction, placements: [special], reduction: 0.05, from: 2026 }
`,
    );
    const io = capture();
    expect(await main(["forecast", file], io)).toBe(0);
    const json = capture();
    expect(await main(["forecast", file, "--json"], json)).toBe(0);
    const r = JSON.parse(json.stdout);
    const paid = r.safetyValvePayments.filter((p: { paid: boolean }) => p.paid);
    expect(paid).toHaveLength(3);
    // By ledger side (issue #32): the payments are the lever's money received, all £6m of them.
    const sv = r.levers.find((l: { id: string }) => l.id === "sv");
    expect(sv.side.shapley).toBeCloseTo(6_000_000, 6);
    expect(r.leverTotals.bySide.funding.shapley).toBeCloseTo(6_000_000, 6);
    // The growth reduction's lower spending earned two of the three payments: its part, apart.
    const gr = r.levers.find((l: { id: string }) => l.id === "gr");
    expect(gr.paymentsEnabled.shapley).toBeGreaterThan(0);
    expect(sv.shapley + gr.paymentsEnabled.shapley).toBeCloseTo(6_000_000, 6);
    const row = io.stdout.split("\n").find((l) => l.startsWith("  Growth reduction (gr)")) ?? "";
    expect(
      row
        .trim()
        .split(/\s{2,}/)
        .at(-1),
    ).toBe(Math.round(gr.paymentsEnabled.shapley / 1000).toLocaleString("en-GB"));
    expect(io.stdout).toMatch(/Safety Valve payments \(sv\) +safetyValve +6,000 +6,000 /);
    expect(io.stdout).toContain("SV payments made possible: the part of the Safety Valve payments made");
  });
});

describe("Schools Block transfers in the readable report", () => {
  test("a rate shows the places that put it above 0.5%, and a year of other movements alone says it has no transfer", async () => {
    const file = join(scratch("hnb-sb-"), "sb.yaml");
    writeFileSync(
      file,
      `schema: hnb-scenario/1
name: Transfers
baseYear: 2025
horizon: 2
openingBalance: 0
placements:
  - { id: special, label: Special, category: MdSSA, count: 100, unitCost: 20000 }
income:
  hnb: { amount: 2000000 }
  schoolsBlock:
    amount: 300000000
    transferRate: { "2025-26": 0.005049 }
    otherMovements: [ { id: fund, label: Innovation fund, amounts: { "2026-27": 1000000 } } ]
`,
    );
    const io = capture();
    expect(await main(["forecast", file], io)).toBe(0);
    expect(io.stdout).toContain(
      "2025-26: transfer 0.5049% = £1,515k, needs a disapplication request to the Secretary of State (above 0.5%)",
    );
    expect(io.stdout).toContain(
      "2026-27: no transfer to High Needs; Innovation fund £1,000k = 0.3333% of the Schools Block, needs Schools Forum approval (up to 0.5%)",
    );
  });
});

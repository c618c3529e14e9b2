// What a council finance business partner found reading the Forum paper of an imported scenario, each
// checked on the document read back: the appendix's sources read figure by figure as the workbook
// reads them; each figure the one it is labelled as (growth as hnb forecast prints it, the Schools
// Block itself, the allocation by year); every total adds across and down; the risks grouped by kind,
// every warning counted; lever types in the workbook's words; sentences that read as English.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { DEFAULT_WORDING, paper } from "@hnb/charts";
import { main } from "@hnb/cli";
import { leverTypeText, loadScenarioFile, managementPlanWorkbook } from "@hnb/io";
import { demandWarnings, forecast, LEVER_TYPE_NAMES } from "@hnb/model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { DocItem, DocTable } from "./docx-reader.js";
import { checkPaper, K, M, sections } from "./paper-check.js";
import { draft, scenarioOf, text } from "./paper-draft.js";
import { totalsFailures } from "./paper-totals.js";
import { capture } from "./support.js";

// exceljs is @hnb/io's dependency, not the workspace root's: loaded from there.
const ExcelJS = createRequire(resolve("packages/io/package.json"))("exceljs") as typeof import("exceljs");

const W = DEFAULT_WORDING;
const BRISTOL_PLAN = "data/bristol-2025-plan.yaml";

/** The appendix table's rows by their key in the scenario file ("placements.mainstream" → row). */
function appendix(items: readonly DocItem[]): Map<string, string[]> {
  const table = sections(items)
    .get(W.headings.appendix)
    ?.find((i): i is DocTable => i.kind === "table");
  return new Map(
    (table?.rows ?? []).slice(1).map((row) => [/\(([^()]+)\)$/.exec(row[0] ?? "")?.[1] ?? "", row]),
  );
}

// Sources written the way docs/scenario-format.md says: a source of each figure's own in `sources`.
const SOURCED = scenarioOf(`schema: hnb-scenario/1
name: Sources by figure
authority: { name: Testshire }
baseYear: 2025
horizon: 3
openingBalance: -20000000
openingBalanceSource: "illustrative: a test"
placements:
  - id: mainstream
    label: Mainstream
    category: MmSoA
    count: 1297
    unitCost: 9500
    costInflation: 0.03
    growth: 0.05
    sources:
      count: "DfE SEN2 caseload.csv, January 2025"
      unitCost: "s251 outturn 2024-25, line 1.2.1"
      costInflation: "banding uplift agreed by Schools Forum"
      growth: "the authority's own trend"
  - id: special
    label: Special
    category: MdSSA
    count: 2215
    unitCost: 27000
    growth: { 2026: 0.04, 2027: 0.03, 2028: 0.02 }
    source: "one source for every figure"
lines:
  - { id: support, label: SEN support services, s251: "1.2.5", amount: 6000000, inflation: 0.03, sources: { amount: "s251 line 1.2.5" } }
income:
  hnb:
    amount: 118000000
    growth: { 2026: 0.07, 2027: -0.01, 2028: 0.02 }
    sources: { amount: "DSG allocation tables 2024 to 2025", growth: "DSG allocation tables 2025 to 2026" }
  schoolsBlock: { amount: 620000000, growth: 0.02, transferRate: { "2025-26": 0.005 } }
  stabilityGrant:
    condition: DfE approval of the local SEND reform plan
    share: 0.9
    deficitFY: "2025-26"
    paidIn: "2026-27"
    excluded: 0
    forecasts: both
    sources: { share: "explanatory note, DfE and MHCLG, 9 February 2026" }
`);

describe("the appendix reads each figure's source as the model and the workbook do", () => {
  test("sources.unitCost, sources.amount and the grant's sources.share are shown, each named, the rest 'not given'", async () => {
    const { items, truth } = await draft(SOURCED);
    expect(checkPaper(items, truth)).toEqual([]);
    const rows = appendix(items);
    expect(rows.get("placements.mainstream")?.[2]).toBe(
      "Count: DfE SEN2 caseload.csv, January 2025; Unit cost: s251 outturn 2024-25, line 1.2.1; Cost inflation: banding uplift agreed by Schools Forum; Growth: the authority's own trend",
    );
    expect(rows.get("placements.mainstream")?.[3]).toBe("");
    expect(rows.get("placements.special")?.[2]).toBe("one source for every figure");
    expect(rows.get("lines.support")?.[2]).toBe("Amount: s251 line 1.2.5; Inflation: not given");
    expect(rows.get("lines.support")?.[3]).toBe("yes");
    expect(rows.get("income.hnb")?.[2]).toBe(
      "Amount: DSG allocation tables 2024 to 2025; Growth: DSG allocation tables 2025 to 2026",
    );
    expect(rows.get("income.hnb")?.[3]).toBe("");
    expect(rows.get("income.stabilityGrant")?.[2]).toBe(
      "Share: explanatory note, DfE and MHCLG, 9 February 2026; Excluded: not given",
    );
  });

  test("every source the workbook's Assumptions sheet gives a figure is in that item's Source cell", async () => {
    const result = forecast(SOURCED);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await managementPlanWorkbook({ scenario: SOURCED, result })) as unknown as ArrayBuffer,
    );
    const rows = appendix((await draft(SOURCED)).items);
    let compared = 0;
    wb.getWorksheet("Assumptions")?.eachRow((row, n) => {
      if (n === 1) return;
      const [section, , , , source, , key] = (row.values as unknown[])
        .slice(1)
        .map((x) => (x == null ? "" : String(x)));
      if (!key || ["Scenario", "Warning", "Growth estimated", "Mitigation"].includes(section ?? "")) return;
      // The item's row: the key less its field ("placements.mainstream.unitCost" → "placements.mainstream").
      const item = key.slice(0, key.lastIndexOf("."));
      const cell = rows.get(item)?.[2];
      if (cell === undefined || source?.startsWith("(") || source?.startsWith("estimated")) return;
      expect(cell, key).toContain(source);
      compared++;
    });
    expect(compared).toBeGreaterThan(10);
  });
});

describe("each figure is the one it is labelled as", () => {
  test("growth as hnb forecast prints it, the Schools Block itself in the base year, the allocation's first and last year", async () => {
    const io = capture();
    expect(await main(["forecast", BRISTOL_PLAN], io)).toBe(0);
    // The readable forecast's table of growth estimated from history: placement id → its Rate.
    const table = io.stdout.split("Growth estimated from history")[1] ?? "";
    const rates = new Map(
      [...table.matchAll(/^(\w+)\s+auto\s.*?\s(-?\d+\.\d\d%)/gm)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    );
    const scenario = await loadScenarioFile(BRISTOL_PLAN);
    expect(rates.size).toBe(scenario.placements.length);
    const { items, truth } = await draft(scenario);
    expect(checkPaper(items, { ...truth, plan: truth.json.plan?.name ?? W.names.plan })).toEqual([]);
    const rows = appendix(items);
    const [base, next] = truth.json.financialYears;
    for (const [id, rate] of rates)
      expect(rows.get(`placements.${id}`)?.[1]).toContain(`growth rate ${rate} into ${next}`);
    // With demand flows a placement's rate shares out the flows' total: the appendix says so.
    expect(text(sections(items).get(W.headings.appendix) ?? [])).toContain(W.appendix.demandShare);
    // The block, not what moves out of it (the transfers are named as such beside it).
    const moved = truth.json.unmitigated.transfers.reduce((a, t) => a + t.amount, 0);
    expect(rows.get("income.schoolsBlock")?.[1]).toBe(
      `£350.0m in ${base}; transfers to the High Needs Block ${M(moved)} over the forecast`,
    );
    const ledger = truth.json.unmitigated.ledger;
    expect(rows.get("income.hnb")?.[1]).toBe(
      `${M(ledger[0]?.hnb ?? 0)} in ${base}, ${M(ledger.at(-1)?.hnb ?? 0)} in ${ledger.at(-1)?.fy} (each year in the ledger)`,
    );
    // A line's figure is its base-year cost, said as that year's.
    expect(rows.get("lines.sen-support")?.[1]).toMatch(new RegExp(`^£[\\d.]+[mk] in ${base}$`));
  });
});

describe("every total row adds across and down", () => {
  test("the default scenario's lever total: Shapley before the grant + the grant's change = net (it printed 21,840 + (18,629) = 21,840)", async () => {
    const { items, truth } = await draft(await loadScenarioFile("data/default-scenario.yaml"));
    expect(totalsFailures(items)).toEqual([]);
    const plan = sections(items).get(W.headings.plan.replace("{plan}", W.names.plan)) ?? [];
    const total = plan
      .find((i): i is DocTable => i.kind === "table")
      ?.rows.find((r) => r[0] === W.plan.totalWithGrant);
    const { bySide: sides, total: gap } = truth.json.leverTotals;
    expect(total?.slice(2)).toEqual([
      K(sides.savings.sequential + sides.funding.sequential),
      K(sides.savings.shapley + sides.funding.shapley),
      K(sides.stabilityGrant?.shapley ?? 0),
      K(gap.shapley),
    ]);
  });

  test("property: random plans with and without the Stability Grant, savings, costs and funding", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          count: fc.integer({ min: 50, max: 5000 }),
          unitCost: fc.integer({ min: 1000, max: 90_000 }),
          growth: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
          hnb: fc.integer({ min: 1_000_000, max: 300_000_000 }),
          opening: fc.integer({ min: -90_000_000, max: 10_000_000 }),
          reduction: fc.double({ min: 0, max: 0.2, noNaN: true }),
          cost: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          rate: fc.constantFrom(0, 0.0025, 0.005, 0.01),
          grantIncome: fc.integer({ min: 0, max: 5_000_000 }),
          grant: fc.constantFrom("none", "both", "mitigated"),
          horizon: fc.integer({ min: 2, max: 6 }),
        }),
        async (x) => {
          const scenario = scenarioOf(`schema: hnb-scenario/1
name: Totals
baseYear: 2025
horizon: ${x.horizon}
openingBalance: ${x.opening}
placements:
  - { id: special, label: Special, category: MdSSA, count: ${x.count}, unitCost: ${x.unitCost}, growth: ${x.growth} }
  - { id: inmss, label: Independent, category: NMISS, count: ${Math.round(x.count / 5)}, unitCost: 60000, growth: 0.08 }
income:
  hnb: { amount: ${x.hnb} }
  schoolsBlock: { amount: 250000000 }
${x.grant === "none" ? "" : `  stabilityGrant: { condition: DfE approval of the plan, forecasts: ${x.grant} }`}
mitigations:
  - { id: less, type: growthReduction, placements: [special], reduction: ${x.reduction}, from: 2026 }
  - { id: cheaper, type: unitCostChange, placements: [inmss], change: ${x.cost}, fromFY: "2025-26" }
  - { id: move, type: transfer, transferRate: { "2025-26": ${x.rate} } }
  - { id: dbv, type: grant, amounts: { "2025-26": ${x.grantIncome} }, spend: { "2025-26": ${Math.round(x.grantIncome * 0.9)} } }
`);
          const { items } = await draft(scenario);
          expect(totalsFailures(items)).toEqual([]);
        },
      ),
      { numRuns: 20, seed: 616 },
    );
  });

  test("the check is not vacuous: the old total row, one cell off, fails it", async () => {
    const { items } = await draft(await loadScenarioFile("data/default-scenario.yaml"));
    const plan = W.headings.plan.replace("{plan}", W.names.plan);
    const broken = items.map((i) =>
      i.kind === "table" && i.rows[0]?.[0] === W.plan.lever
        ? {
            ...i,
            rows: i.rows.map((r) =>
              // As main printed it: the whole gap in the Shapley column beside the grant's change.
              r[0] === W.plan.totalWithGrant ? [r[0], "", r[5] ?? "", r[5] ?? "", r[4] ?? "", r[5] ?? ""] : r,
            ),
          }
        : i,
    );
    expect(sections(broken).has(plan)).toBe(true);
    expect(totalsFailures(broken).join("\n")).toContain("across");
  });
});

describe("the risks, grouped for a Forum reader with nothing left out", () => {
  test("one line per kind with its count and what it concerns, and where the full list is", async () => {
    const scenario = await loadScenarioFile(BRISTOL_PLAN);
    const { items, truth } = await draft(scenario);
    const r = truth.json;
    const bullets = (sections(items).get(W.headings.risks) ?? []).filter((i) => i.kind === "p" && i.bullet);
    const kinds = [
      r.calibration.reduce((a, c) => a + c.warnings.length, 0),
      r.unitCostWarnings.length,
      r.shiftWarnings.length,
      r.inputWarnings.length,
      demandWarnings(r.demand).length,
      r.baseYearWarnings.length,
    ].filter((n) => n > 0);
    expect(bullets).toHaveLength(kinds.length);
    const risks = text(sections(items).get(W.headings.risks) ?? []);
    expect(risks).toContain(`Growth estimated from history (${kinds[0]} to check): `);
    for (const c of r.calibration.filter((x) => x.warnings.length)) expect(risks).toContain(c.label);
    // The base year's checks are in the paper too (they were left out of it).
    for (const w of r.baseYearWarnings) expect(risks).toContain(w.path);
    expect(risks).toContain("Assumptions sheet of the DSG management-plan workbook");
  });
});

describe("the paper's words", () => {
  test("lever types in the workbook's words (one function), never a code such as newPlansChange", async () => {
    const { items, truth } = await draft(await loadScenarioFile(BRISTOL_PLAN));
    const table = (
      sections(items).get(W.headings.plan.replace("{plan}", truth.json.plan?.name ?? "")) ?? []
    ).find((i): i is DocTable => i.kind === "table");
    const types = truth.json.levers.map((l) => [l.label, leverTypeText(l.type)]);
    expect(types.length).toBeGreaterThan(2);
    for (const [label, type] of types) expect(table?.rows.find((row) => row[0] === label)?.[1]).toBe(type);
    expect(table?.rows.some((row) => /^[a-z]+[A-Z]/.test(row[1] ?? ""))).toBe(false);
    for (const type of Object.keys(LEVER_TYPE_NAMES))
      expect(W.leverTypes[type as keyof typeof W.leverTypes]).toBe(leverTypeText(type));
  });

  test("what the grant leaves, a submission in the past tense, what illustrative means, the title the scenario's name", async () => {
    const scenario = await loadScenarioFile(BRISTOL_PLAN);
    const { items, truth } = await draft(scenario);
    const all = text(items);
    const g = truth.json.statutoryOverride.stabilityGrant;
    expect(all).toContain(
      `The balance to the end of ${g?.deficitFY}, after the grant paid towards it, is a deficit of ${M(g?.unmitigated?.historicRemaining ?? 0)} unmitigated`,
    );
    expect(all).not.toContain("of the deficit it pays towards");
    expect(all).toContain(`The ${truth.json.plan?.name} was submitted to DfE on 30 June 2026.`);
    expect(all).toContain(
      `${truth.json.illustrative.length} of the inputs are illustrative: marked so in their sources, or given no source`,
    );
    expect(items.find((i) => i.kind === "p" && i.style === "Title")).toMatchObject({ text: scenario.name });
    expect(paper.DEFAULT_WORDING.document.title).toBe("{scenario}");
  });
});

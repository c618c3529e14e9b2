// The Forum paper (issue #32): a Word document whose every figure is checked against the JSON it was
// drafted from. The paper is read back from its XML (test/docx-reader.ts); checkPaper (test/paper-check.ts)
// builds its expectations from the JSON alone. No Word or LibreOffice is needed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_WORDING, packCharts, readWording } from "@hnb/charts";
import { main } from "@hnb/cli";
import { loadScenarioFile, PACK_MARKER, parseText } from "@hnb/io";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import { documentXml, readDocumentXml, readDocx } from "./docx-reader.js";
import { defaultWithSafetyValve } from "./fixtures/safety-valve.js";
import { checkPaper, K, M, P, S, sections } from "./paper-check.js";
import { draft, scenarioOf, text } from "./paper-draft.js";
import { totalsFailures } from "./paper-totals.js";
import { capture, scratch } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";

/** The chart descriptions of a pack's chart-descriptions.md: name → alt text. */
function packAlts(markdown: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of markdown.split(/^## /m).slice(1)) {
    const name = /Files: `([^`]+)\.svg`/.exec(block)?.[1];
    const alt = block.split("\n\n")[2]?.trim();
    if (name && alt) out[name] = alt;
  }
  return out;
}

describe("hnb paper and the pack's paper.docx: every figure is the JSON's", () => {
  test("hnb paper on the default scenario: each figure checks against hnb forecast --json", async () => {
    const dir = scratch("hnb-paper-");
    const out = join(dir, "paper.docx");
    const io = capture();
    expect(await main(["paper", DEFAULT, "--out", out], io)).toBe(0);
    expect(io.stdout).toBe("");
    expect(io.stderr).toContain(`wrote ${out}`);
    const json = capture();
    expect(await main(["forecast", DEFAULT, "--json"], json)).toBe(0);
    const scenario = await loadScenarioFile(DEFAULT);
    const charts = packCharts({ scenario, result: JSON.parse(json.stdout) });
    const items = readDocx(readFileSync(out));
    const truth = {
      json: JSON.parse(json.stdout),
      scenario,
      alts: Object.fromEntries(charts.map((c) => [c.name, c.alt])),
    };
    expect(checkPaper(items, truth)).toEqual([]);
    // The figures a Forum member reads first, as the summary says them.
    const o = truth.json.statutoryOverride;
    const summary = text(sections(items).get("Summary") ?? []);
    expect(summary).toContain(`31 March 2028, the end of 2027-28`);
    expect(summary).toContain(`a deficit of ${M(o.unmitigated)}`);
    expect(summary).toContain(`a deficit of ${M(o.mitigated)}: ${M(o.mitigated - o.unmitigated)} better`);
    // The default scenario carries the Stability Grant: the grant per forecast, the position without it.
    const g = truth.json.stabilityGrant ?? [];
    expect(g.map((x: { forecast: string }) => x.forecast)).toEqual(["unmitigated", "mitigated"]);
    expect(summary).toContain(
      `the grant pays ${M(g[0].amount)} in 2026-27, 90% of the deficit of ${M(g[0].eligibleDeficit)}`,
    );
    expect(summary).toContain(
      `Without the Stability Grant, the cumulative balance when the override ends would be a deficit of ${M(o.stabilityGrant.unmitigated.withoutGrant)}`,
    );
    const levers = sections(items).get("The recovery plan: savings and funding") ?? [];
    expect(
      levers.find((i) => i.kind === "table")?.kind === "table" && levers.find((i) => i.kind === "table"),
    ).toMatchObject({
      rows: expect.arrayContaining([
        ["Lever", "Type", "Sequential", "Shapley", "Grant effect", "Net of grant"],
      ]),
    });
    // Without --paths, the paper says the bands were not run, and draws neither fan nor tornado.
    expect(text(sections(items).get("Risks") ?? [])).toContain("The uncertainty bands were not run");
    expect(items.some((i) => i.kind === "image" && (i.name === "fan" || i.name === "tornado"))).toBe(false);
  });

  test("hnb forecast --out writes paper.docx into the pack, listed in its marker, checked against the pack's forecast.json and chart descriptions", async () => {
    const dir = join(scratch("hnb-paper-pack-"), "pack");
    expect(await main(["forecast", DEFAULT, "--out", dir, "--quiet"], capture())).toBe(0);
    const marker = JSON.parse(readFileSync(join(dir, PACK_MARKER), "utf8"));
    expect(marker.files).toContain("paper.docx");
    const items = readDocx(readFileSync(join(dir, "paper.docx")));
    const alts = packAlts(readFileSync(join(dir, "chart-descriptions.md"), "utf8"));
    expect(Object.keys(alts).length).toBeGreaterThan(5);
    const truth = {
      json: JSON.parse(readFileSync(join(dir, "forecast.json"), "utf8")),
      scenario: await loadScenarioFile(DEFAULT),
      alts,
    };
    expect(checkPaper(items, truth)).toEqual([]);
    // The pack's own PNGs are the paper's pictures, byte for byte.
    const zip = unzipSync(readFileSync(join(dir, "paper.docx")));
    const media = Object.entries(zip).filter(([name]) => name.startsWith("word/media/"));
    const balance = readFileSync(join(dir, "balance.png"));
    expect(media.some(([, bytes]) => Buffer.from(bytes).equals(balance))).toBe(true);
  });

  test("with --paths: the bands' range, the tornado's widest assumption, the fan and tornado charts", async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    const { items, truth } = await draft(scenario, { paths: 200, seed: 7 });
    expect(checkPaper(items, truth)).toEqual([]);
    const risks = sections(items).get("Risks") ?? [];
    expect(risks.filter((i) => i.kind === "image").map((i) => (i.kind === "image" ? i.name : ""))).toEqual([
      "fan",
      "tornado",
    ]);
    expect(text(risks)).toContain("Over 200 simulated paths (seed 7)");
    expect(text(sections(items).get("How to read these figures") ?? [])).toContain("The bands come from");
  });

  test("a scenario without levers, usable reserves or transfers says so, and has one ledger", async () => {
    const scenario = scenarioOf(`schema: hnb-scenario/1
name: No plan
baseYear: 2025
horizon: 3
openingBalance: 2000000
placements:
  - { id: special, label: Special schools, category: MdSSA, count: 1000, unitCost: 20000, growth: 0.08 }
income:
  hnb: { amount: 21000000, growth: 0.02 }
`);
    const { items, truth } = await draft(scenario);
    expect(checkPaper(items, truth)).toEqual([]);
    const all = text(items);
    expect(all).toContain("The scenario has no recovery plan levers, so there is no mitigated forecast.");
    expect(all).toContain("does not give the council's usable reserves");
    expect(all).toContain("The recovery plan makes no Schools Block transfer.");
    expect(
      sections(items)
        .get("The forecast")
        ?.filter((i) => i.kind === "table"),
    ).toHaveLength(1);
  });

  test("the override after the horizon, a surplus, Safety Valve payments paid and withheld, a plan named by the scenario", async () => {
    const base = scenarioOf(`schema: hnb-scenario/1
name: Safety Valve and a saving
baseYear: 2025
horizon: 2
openingBalance: 500000
placements:
  - { id: special, label: Special, category: MdSSA, count: 1000, unitCost: 20000, growth: 0.1 }
  - { id: mainstream, label: Main, category: MmSoA, count: 1000, unitCost: 10000, growth: 0.05 }
income:
  hnb: { amount: 28000000 }
  schoolsBlock: { amount: 300000000, transferRate: { "2025-26": 0.006 } }
mitigations:
  - { id: sv, type: safetyValve, payments: { "2025-26": 1000000, "2026-27": 2000000 }, inYearTargets: { "2025-26": -4400000, "2026-27": -100000 } }
  - { id: gr, type: growthReduction, placements: [special], reduction: 0.05, from: 2026 }
plan: { name: SEND Sufficiency Plan, status: approved }
`);
    const { items, truth } = await draft(base);
    expect(truth.json.statutoryOverride.withinHorizon).toBe(false);
    expect(truth.json.safetyValvePayments.map((p) => p.paid)).toEqual([true, false]);
    expect(checkPaper(items, { ...truth, plan: "SEND Sufficiency Plan" })).toEqual([]);
    const all = text(items);
    expect(all).toContain("after the last year forecast");
    expect(all).toContain("The SEND Sufficiency Plan is approved by DfE.");
    expect(all).toContain("Mitigated forecast: with the SEND Sufficiency Plan (£ thousands)");
    expect(all).toContain("a disapplication request to the Secretary of State");
    expect(all).toMatch(/Safety Valve, 2026-27: the payment of £2\.0m is withheld/);
  });

  test("the Stability Grant paid with the plan only, on a given eligible deficit; a plan submitted on a date; years after the override", async () => {
    const scenario = scenarioOf(`schema: hnb-scenario/1
name: Grant with the plan
baseYear: 2025
horizon: 5
openingBalance: -30000000
placements:
  - { id: special, label: Special, category: MdSSA, count: 1000, unitCost: 25000, growth: 0.08 }
income:
  hnb: { amount: 22000000, growth: 0.02 }
  stabilityGrant: { condition: DfE approval of the local SEND reform plan, eligibleDeficit: 33000000, forecasts: mitigated, source: "illustrative: a test" }
statutoryOverride: { usableReserves: 80000000 }
plan: { name: Local SEND reform plan, status: submitted, submitted: "2026-06-30" }
mitigations:
  - { id: gr, type: growthReduction, placements: [special], reduction: 0.03, from: 2026 }
`);
    const { items, truth } = await draft(scenario);
    expect(truth.json.stabilityGrant?.map((g) => g.forecast)).toEqual(["mitigated"]);
    expect(truth.json.statutoryOverride.laterYears.length).toBeGreaterThan(0);
    expect(checkPaper(items, { ...truth, plan: "Local SEND reform plan" })).toEqual([]);
    const all = text(items);
    expect(all).toContain("The Local SEND reform plan was submitted to DfE on 30 June 2026.");
    expect(all).toContain("(the figure DfE will use)");
    expect(all).toContain("from April 2028 SEND cost pressures sit with central government");
    // The grant, paid with the plan only, is a funding lever of its own.
    const plan = sections(items).get("The Local SEND reform plan: savings and funding") ?? [];
    expect(text(plan)).toContain("Stability Grant");
  });

  test("the default scenario with a Safety Valve lever: funding is the money received, and the payments each saving made possible are shown apart", async () => {
    const { items, truth } = await draft(await defaultWithSafetyValve());
    expect(truth.json.levers.some((l) => l.paymentsEnabled !== undefined)).toBe(true);
    expect(checkPaper(items, truth)).toEqual([]);
    const plan = sections(items).get("The recovery plan: savings and funding") ?? [];
    const table = plan.find((i) => i.kind === "table");
    expect(table?.kind === "table" && table.rows[0]).toEqual([
      "Lever",
      "Type",
      "Sequential",
      "Shapley",
      "Grant effect",
      "Net of grant",
      "Safety Valve payments made possible",
    ]);
    expect(text(plan)).toContain("Safety Valve, 2024-25: the payment of £5.0m is paid");
  });

  test("adapted wording: other words, the same figures", async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    const read = readWording({
      names: { plan: "DSG management plan" },
      summary: { reserves: "" },
      headings: { risks: "Risks and uncertainty" },
    });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const { items, truth } = await draft(scenario, { wording: read.wording });
    expect(checkPaper(items, { ...truth, plan: "DSG management plan", wording: read.wording })).toEqual([]);
    expect(text(items)).toContain("With the DSG management plan (the mitigated forecast)");
    expect(text(items)).not.toContain("usable reserves of");
    expect(sections(items).has("Risks and uncertainty")).toBe(true);
  });

  test("the check is not vacuous: a figure changed in the document, a ledger cell, a sentence left out each fail it", async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    const { bytes, truth } = await draft(scenario);
    const xml = documentXml(bytes);
    const o = truth.json.statutoryOverride;
    const wrong = (from: string, to: string) => {
      expect(xml).toContain(from);
      return checkPaper(readDocumentXml(xml.replace(from, to)), truth);
    };
    expect(checkPaper(readDocumentXml(xml), truth)).toEqual([]);
    // One figure a step off, in each place a figure lives: a sentence, a ledger, the levers, the
    // transfers, the appendix, a share; and a sentence left out.
    const r = truth.json;
    const off = (v: string) => v.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
    const cumulative = K(r.unmitigated.ledger.at(-1)?.cumulative ?? 0);
    const lever = r.levers[0] as (typeof r.levers)[number];
    const share = P(o.unmitigatedShareOfReserves ?? 0);
    // The default scenario's override ends within its horizon, so the position there is known.
    const atEnd = o.unmitigated;
    if (atEnd === undefined) throw new Error("no unmitigated position at the override's end");
    expect(wrong(M(atEnd), off(M(atEnd))).join("\n")).toContain(
      `Summary: ${off(M(atEnd))} (money) is not a source value`,
    );
    expect(wrong(`>${cumulative}<`, `>${off(cumulative)}<`).join("\n")).toContain(
      `unmitigated Cumulative balance ${r.financialYears.at(-1)}`,
    );
    expect(wrong(`>${K(lever.side.shapley)}<`, `>${off(K(lever.side.shapley))}<`).join("\n")).toContain(
      `lever ${lever.id} Shapley`,
    );
    expect(wrong(">0.50%<", ">0.40%<").join("\n")).toMatch(/transfer 2021-22 rate/);
    expect(wrong("1,047 at £8,662", "1,047 at £8,663").join("\n")).toMatch(
      /appendix placements.mainstream figure/,
    );
    expect(wrong(`${share} of them`, `${off(share)} of them`).join("\n")).toContain(
      `${off(share)} (percent)`,
    );
    const read = readWording({ summary: { plan: "" } });
    if (!read.ok) throw new Error("wording");
    const { items } = await draft(scenario, { wording: read.wording });
    expect(checkPaper(items, truth).join("\n")).toContain(
      `Summary: ${S(r.leverTotals.bySide.savings.shapley)} is missing`,
    );
  });

  test("property: random scenarios (deficits and surpluses, every size of figure) draft papers whose figures all check", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          count: fc.integer({ min: 0, max: 5000 }),
          unitCost: fc.integer({ min: 0, max: 120_000 }),
          growth: fc.double({ min: -0.1, max: 0.3, noNaN: true }),
          hnb: fc.integer({ min: 1_000_000, max: 400_000_000 }),
          opening: fc.integer({ min: -90_000_000, max: 30_000_000 }),
          reserves: fc.option(fc.integer({ min: 1, max: 500_000_000 }), { nil: undefined }),
          reduction: fc.double({ min: 0, max: 0.1, noNaN: true }),
          rate: fc.constantFrom(0, 0.0025, 0.005, 0.0051, 0.01),
          horizon: fc.integer({ min: 2, max: 6 }),
          grant: fc.constantFrom("none", "both", "mitigated"),
        }),
        async (x) => {
          const scenario = scenarioOf(`schema: hnb-scenario/1
name: Random
baseYear: 2025
horizon: ${x.horizon}
openingBalance: ${x.opening}
statutoryOverride: { ends: "2028-03-31"${x.reserves === undefined ? "" : `, usableReserves: ${x.reserves}`} }
placements:
  - { id: special, label: Special, category: MdSSA, count: ${x.count}, unitCost: ${x.unitCost}, growth: ${x.growth} }
income:
  hnb: { amount: ${x.hnb} }
  schoolsBlock: { amount: 250000000 }
${x.grant === "none" ? "" : `  stabilityGrant: { condition: DfE approval of the plan, forecasts: ${x.grant} }`}
mitigations:
  - { id: less, type: growthReduction, placements: [special], reduction: ${x.reduction}, from: 2026 }
  - { id: move, type: transfer, transferRate: { "2024-25": ${x.rate} } }
`);
          const { items, truth } = await draft(scenario);
          expect(checkPaper(items, truth)).toEqual([]);
          expect(totalsFailures(items)).toEqual([]);
        },
      ),
      { numRuns: 25, seed: 32 },
    );
  });
});

describe("hnb paper refuses bad input: the field path, exit 1, nothing written", () => {
  test("a bad scenario", async () => {
    const dir = scratch("hnb-paper-bad-");
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "schema: hnb-scenario/1\nname: Bad\nbaseYear: 2025\nhorizon: 0\n");
    const out = join(dir, "paper.docx");
    const io = capture();
    expect(await main(["paper", file, "--out", out], io)).toBe(1);
    expect(io.stderr).toContain(`${file}: horizon:`);
    expect(io.stderr).toContain("nothing was written");
    expect(existsSync(out)).toBe(false);
  });

  test("a bad wording file, for hnb paper and for the pack", async () => {
    const dir = scratch("hnb-paper-wording-");
    const wording = join(dir, "wording.yaml");
    writeFileSync(
      wording,
      'summary:\n  overide: "x"\nplan:\n  intro: "The plan has 8 levers"\n  none: "{foo}"\n  lever: 3\nhedings: {}\n',
    );
    const out = join(dir, "paper.docx");
    const io = capture();
    expect(await main(["paper", DEFAULT, "--out", out, "--wording", wording], io)).toBe(1);
    expect(io.stderr).toContain(`${wording}: summary.overide: unknown key (did you mean "override"?)`);
    expect(io.stderr).toContain(`${wording}: plan.intro: has a figure typed in`);
    expect(io.stderr).toContain(`${wording}: plan.none: unknown placeholder {foo}`);
    expect(io.stderr).toContain(`${wording}: plan.lever: expected text, got number`);
    expect(io.stderr).toContain(`${wording}: hedings: unknown group (did you mean "headings"?)`);
    expect(io.stderr).toContain("5 problems; nothing was written.");
    expect(existsSync(out)).toBe(false);
    const pack = join(dir, "pack");
    expect(await main(["forecast", DEFAULT, "--out", pack, "--wording", wording], capture())).toBe(1);
    expect(existsSync(pack)).toBe(false);
  });

  test("usage: --out must be a .docx other than the inputs; --wording needs --out with forecast", async () => {
    const io = capture();
    expect(await main(["paper", DEFAULT, "--out", "x.pdf"], io)).toBe(2);
    expect(io.stderr).toContain("a Word paper is written to a .docx file");
    expect(await main(["paper", DEFAULT], capture())).toBe(2);
    const dir = scratch("hnb-paper-usage-");
    const docx = join(dir, "w.docx");
    writeFileSync(docx, "names: {}\n");
    const same = capture();
    expect(await main(["paper", DEFAULT, "--out", docx, "--wording", docx], same)).toBe(2);
    expect(same.stderr).toContain("is --wording");
    expect(readFileSync(docx, "utf8")).toBe("names: {}\n");
    const f = capture();
    expect(await main(["forecast", DEFAULT, "--wording", docx], f)).toBe(2);
    expect(f.stderr).toContain("--wording sets the wording of the pack's paper.docx and needs --out DIR");
  });

  test("--print-wording prints the default wording, which reads back as it is", async () => {
    const io = capture();
    expect(await main(["paper", "--print-wording"], io)).toBe(0);
    const parsed = parseText(io.stdout, "yaml");
    if (!parsed.ok) throw new Error("not YAML");
    expect(parsed.data).toEqual(DEFAULT_WORDING);
    const read = readWording(parsed.data);
    expect(read.ok).toBe(true);
  });
});

describe("the document opens as Word writes it", () => {
  test("a well-formed package, byte-identical from build to build: content types, relationships, a picture per chart, A4 with 2.5 cm margins", async () => {
    const scenario = await loadScenarioFile(DEFAULT);
    const { bytes, truth } = await draft(scenario);
    const files = unzipSync(bytes);
    for (const part of ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"])
      expect(Object.keys(files)).toContain(part);
    const xml = documentXml(bytes);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:left="1417"/);
    // One picture per chart (docx stores identical images once: here every chart is the same stand-in).
    expect(readDocx(bytes).filter((i) => i.kind === "image")).toHaveLength(Object.keys(truth.alts).length);
    expect(Object.keys(files).filter((f) => f.startsWith("word/media/"))).toHaveLength(1);
    // Drafted twice, byte for byte the same: no clock, no counter left running between documents.
    const again2 = await draft(scenario);
    expect(Buffer.from(again2.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(new TextDecoder().decode(files["docProps/core.xml"])).toContain("2000-01-01T00:00:00Z");
    // A zip rewritten by another tool still reads (the reader does not depend on docx's own layout).
    const again = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v])));
    expect(readDocx(again).length).toBe(readDocx(bytes).length);
  });
});

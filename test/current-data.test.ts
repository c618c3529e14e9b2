// Issue #29: a real authority on current data. `hnb import` reads the whole 2025 release (2019–2025)
// for Bristol, Leeds and Kent to base 2024-25; every count, flow, cessation rate and primary need in
// the skeleton is checked against the real files, read here column by column (not through the
// reader's mapping); the TODOs are filled from a fixture, and the workbook credits each figure to
// its own source. Skipped, saying why, without ../shared/data (HNB_SHARED_DATA).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { main } from "@hnb/cli";
import { parseCsv, parseScenarioText, S251_LINES, scenarioYaml } from "@hnb/io";
import {
  AGE_GROUP_KEYS,
  type AgeGroup,
  BASE_YEAR_TOLERANCE,
  forecast,
  formatNumber,
  illustrativeInputs,
  NATIONAL_SPEND_PER_EHCP,
} from "@hnb/model";
import { describe, expect, test } from "vitest";
import { HAS_2025_DEV, SEN2_2025_DEV } from "./shared-data.js";
import { capture, scratch } from "./support.js";

// exceljs and yaml are @hnb/io's dependencies, not the workspace root's: load them from there.
const fromIo = createRequire(resolve("packages/io/package.json"));
const ExcelJS = fromIo("exceljs") as typeof import("exceljs");
// biome-ignore lint/suspicious/noExplicitAny: the skeleton is read as plain data, checked field by field
const parseYaml = (fromIo("yaml") as { parse: (text: string) => any }).parse;

type Row = Record<string, string>;
const rows = (file: string): Row[] => {
  const [head, ...body] = parseCsv(readFileSync(join(SEN2_2025_DEV, file), "utf8"));
  return body.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h.trim(), r[i] ?? ""])));
};
const n = (v: string | undefined) => (v === undefined || v === "" || /^[xzc]$/.test(v) ? 0 : Number(v));
const fmt = (x: number) => formatNumber(x);

const AUTHORITIES = ["Bristol, City of", "Leeds", "Kent"] as const;
const FILL = parseYaml(readFileSync("test/fixtures/current-data-fill.yaml", "utf8")) as Record<
  string,
  { value: number; source: string }
>;

// Fills every TODO from the fixture: the field's entry (or the item's, for the allocations), its
// value in place of the TODO and its source in the item's `sources` (openingBalanceSource, or
// uncertainty.source, where the field has no `sources`). With `skip`, that path is filled without a source.
function fill(node: unknown, path: string[] = [], skip?: string): unknown {
  if (Array.isArray(node)) return node.map((v, i) => fill(v, [...path, String(i)], skip));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === "string" && v.startsWith("TODO")) {
      const key = [...path, k].join(".");
      const entry = FILL[key] ?? FILL[k];
      if (!entry) throw new Error(`no fixture entry for the TODO at ${key}`);
      out[k] = entry.value;
      if (key !== skip) sources[k] = entry.source;
    } else out[k] = fill(v, [...path, k], skip);
  }
  if (Object.keys(sources).length) {
    const { openingBalance, sd, usableReserves, ...rest } = sources;
    if (openingBalance) out.openingBalanceSource = openingBalance;
    // statutoryOverride has one source for its one figure.
    if (usableReserves) out.source = usableReserves;
    if (sd) out.growthSource = sd;
    if (Object.keys(rest).length)
      out.sources = { ...(out.sources as Record<string, string> | undefined), ...rest };
  }
  return out;
}

// The uncertainty section's sd is a distribution's field: its source goes in uncertainty.source.
function placeSdSources(s: Record<string, unknown>): Record<string, unknown> {
  const u = s.uncertainty as Record<string, unknown> | undefined;
  if (!u?.placements) return s;
  const placements = u.placements as Record<string, { growth: Record<string, unknown> }>;
  for (const p of Object.values(placements)) {
    if (p.growth.growthSource) {
      u.source = `${u.source}; ${String(p.growth.growthSource)}`;
      delete p.growth.growthSource;
    }
  }
  return s;
}

describe.skipIf(!HAS_2025_DEV)("a real authority on current data (the 2025 release, base 2024-25)", () => {
  const caseload = HAS_2025_DEV ? rows("caseload.csv") : [];
  const newplans = HAS_2025_DEV ? rows("newplans.csv") : [];
  const requests = HAS_2025_DEV ? rows("requests.csv") : [];
  const ceased = HAS_2025_DEV ? rows("ceased_plans.csv") : [];
  const needs = HAS_2025_DEV ? rows("sen_needs_all_plans.csv") : [];
  const la = (r: Row, name: string) => r.geographic_level === "Local authority" && r.la_name === name;
  const census = (name: string, year: number) =>
    caseload.find(
      (r) =>
        la(r, name) && r.time_period === `${year - 1}${year % 100}` && r.breakdown_topic === "All EHC plans",
    ) as Row;
  // Each type's count, from the columns the DfE release splits EHCPs into.
  const counts = (r: Row) => {
    const sum = (...c: string[]) => c.reduce((a, x) => a + n(r[x]), 0);
    const resourced = ["la_maintained", "academy", "free_school"].flatMap((s) => [
      `mainstream_${s}_resourced_provision`,
      `mainstream_${s}_senunit`,
    ]);
    return {
      mainstream: sum(
        "mainstream_la_maintained",
        "mainstream_academy",
        "mainstream_free_school",
        "mainstream_independent",
      ),
      resourced: sum(...resourced),
      special: sum("special_la_maintained", "special_academy_free"),
      inmss: sum("special_independent", "special_non_maintained"),
      ap: sum("ap_pru_total"),
      post16: sum("fe_total"),
      other:
        n(r.ehcplans) -
        sum("mainstream_total", "special_total", "ap_pru_total", "fe_total", "placement_unknown"),
    } as Record<string, number>;
  };

  for (const name of AUTHORITIES) {
    describe(name, () => {
      const dir = scratch("hnb-current-");
      const file = join(dir, "skeleton.yaml");
      const imported = capture();
      let code = -1;
      let skeleton: Record<string, unknown> = {};
      // Skipped without the release: nothing is imported then.
      const ready = HAS_2025_DEV
        ? (async () => {
            code = await main(
              ["import", SEN2_2025_DEV, "--authority", name, "--base-year", "2025", "--out", file],
              imported,
            );
            skeleton = parseYaml(readFileSync(file, "utf8"));
          })()
        : Promise.resolve();

      test("the import's counts are the file's, placements not recorded in no type", async () => {
        await ready;
        expect(code).toBe(0);
        const base = census(name, 2025);
        const want = counts(base);
        const placements = skeleton.placements as { id: string; count: number }[];
        for (const [id, count] of Object.entries(want))
          expect(placements.find((p) => p.id === id)?.count ?? 0, `${name} ${id}`).toBe(count);
        const unknown = n(base.placement_unknown);
        // The types and the placements not recorded make up the census, each EHCP once.
        expect(placements.reduce((a, p) => a + p.count, 0) + unknown).toBe(n(base.ehcplans));
        const summary = `January 2025 census (DfE SEN2 reporting year 2025): ${fmt(n(base.ehcplans))} EHCPs; ${Object.entries(
          want,
        )
          .map(([id, c]) => `${id} ${fmt(c)}`)
          .join(", ")}${unknown ? `; placement not recorded ${fmt(unknown)}` : ""}.`;
        expect(imported.stderr).toContain(summary);
        expect(skeleton.baseYear).toBe(2025);
        // The horizon reaches 2027-28, when the statutory override ends.
        expect((skeleton.baseYear as number) + (skeleton.horizon as number)).toBeGreaterThanOrEqual(2028);
      });

      test("each type's history is the file's; a year with over 5% not recorded is left out and said", async () => {
        await ready;
        const placements = skeleton.placements as { id: string; history: Record<string, number> }[];
        for (let y = 2019; y <= 2024; y++) {
          const r = census(name, y);
          const share = n(r.placement_unknown) / n(r.ehcplans);
          const want = counts(r);
          for (const p of placements) {
            if (share > 0.05) expect(p.history[String(y)], `${name} ${p.id} ${y}`).toBeUndefined();
            else expect(p.history[String(y)], `${name} ${p.id} ${y}`).toBe(want[p.id]);
          }
          if (share > 0.05) {
            expect(imported.stderr).toContain(
              `January ${y}: ${fmt(n(r.placement_unknown))} of ${fmt(n(r.ehcplans))} EHCPs`,
            );
            expect(String(skeleton.description)).toContain(
              `so ${y} is left out of every placement's history`,
            );
          }
        }
      });

      test("flows are the files' and their identity is printed with what it leaves over", async () => {
        await ready;
        const flows = skeleton.flows as Record<string, Record<string, number>>;
        const whole = (list: Row[], col: string, y: number) =>
          n(
            list.find(
              (r) => la(r, name) && r.time_period === String(y) && r.breakdown_topic === r.breakdown,
            )?.[col],
          );
        for (let y = 2019; y <= 2024; y++) {
          expect(flows.newPlans?.[String(y)]).toBe(whole(newplans, "new_ehc_plans", y));
          expect(flows.requests?.[String(y)]).toBe(whole(requests, "requests_received_in_year", y));
        }
        for (let y = 2022; y <= 2024; y++)
          expect(flows.ceased?.[String(y)]).toBe(whole(ceased, "total_ceased", y));
        for (let y = 2023; y <= 2025; y++) {
          const opening = n(census(name, y - 1).ehcplans);
          const closing = n(census(name, y).ehcplans);
          const made = whole(newplans, "new_ehc_plans", y - 1);
          const gone = whole(ceased, "total_ceased", y - 1);
          const residual = closing - (opening + made - gone);
          expect(imported.stderr).toContain(
            `flows: January ${y - 1} ${fmt(opening)} + new plans ${y - 1} ${fmt(made)} − ceased ${y - 1} ${fmt(gone)} = ${fmt(opening + made - gone)}; January ${y} census ${fmt(closing)} (${residual >= 0 ? "+" : "−"}${fmt(Math.abs(residual))}:`,
          );
        }
      });

      test("cessation is ceased_plans.csv 2022–2024 less the plans ageing out, over the January EHCPs", async () => {
        await ready;
        let net = 0;
        let opening = 0;
        for (let y = 2022; y <= 2024; y++) {
          const of = ceased.filter((r) => la(r, name) && r.time_period === String(y));
          const all = of.find((r) => r.breakdown_topic === "All ceased EHC plans") as Row;
          const top = of.find(
            (r) => r.breakdown_topic === "Age plan ceased" && r.breakdown === "age 20 and over",
          );
          const ages = of.some((r) => r.breakdown_topic === "Age plan ceased");
          // Plans that reached the maximum age at 20 and over are the projection's ageing out at 25.
          net += n(all.total_ceased) - (ages ? n(top?.max_age) : n(all.max_age));
          opening += n(census(name, y).ehcplans);
        }
        const demand = skeleton.demand as { cessation: Record<AgeGroup, number> };
        for (const b of AGE_GROUP_KEYS)
          expect(demand.cessation[b], `${name} ${b}`).toBeCloseTo(net / opening, 12);
        expect(imported.stderr).toContain(
          `over ${fmt(opening)} EHCPs at January of those years = ${formatNumber((100 * net) / opening, 2, 2)}% a year`,
        );
      });

      test("EHCPs by primary need are the file's and add up to the census", async () => {
        await ready;
        const r = needs.find((x) => la(x, name) && x.breakdown_topic === "All EHC plans") as Row;
        const got = (skeleton.ehcpsByNeed as { census: number; counts: Record<string, number> }).counts;
        const columns: Record<string, string> = {
          ASD: "number_asd",
          HI: "number_hi",
          MLD: "number_mld",
          MSI: "number_msi",
          PD: "number_pd",
          PMLD: "number_pmld",
          SEMH: "number_semh",
          SLCN: "number_slcn",
          SLD: "number_sld",
          SPLD: "number_spld",
          VI: "number_vi",
          OTH: "number_oth",
          notRecorded: "number_need_unknown",
        };
        for (const [code, col] of Object.entries(columns))
          expect(got[code], `${name} ${code}`).toBe(n(r[col]));
        expect(Object.values(got).reduce((a, v) => a + v, 0)).toBe(n(census(name, 2025).ehcplans));
      });

      test("every TODO names its source; filled from the fixture, the workbook credits each figure to its own", async () => {
        await ready;
        const text = readFileSync(file, "utf8");
        const todos = text.split("\n").filter((l) => l.includes("TODO:"));
        // Each TODO is on one line and names the document it comes from.
        for (const l of todos)
          expect(l, l).toMatch(
            /s251|DSG allocation tables|DSG note|statement of accounts|SEN2 return|inflation|growth|standard deviation/,
          );
        // Every s251 line the skeleton lists (the list itself is pinned in packages/io/test/sen2).
        for (const { s251 } of S251_LINES) expect(text).toContain(`on s251 line ${s251} `);
        expect(text).toContain("column “Total high needs block after deductions”");
        const filled = placeSdSources(fill(skeleton) as Record<string, unknown>);
        const scenarioFile = join(dir, "filled.yaml");
        writeFileSync(scenarioFile, scenarioYaml(filled));
        const parsed = parseScenarioText(readFileSync(scenarioFile, "utf8"), "yaml");
        if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
        // Every figure has a source: nothing is illustrative.
        expect(illustrativeInputs(parsed.scenario)).toEqual([]);
        const pack = join(dir, "pack");
        const run = capture();
        expect(await main(["forecast", scenarioFile, "--out", pack, "--paths", "40"], run)).toBe(0);
        expect(run.stdout).toContain("EHCPs by primary need, January 2025");
        expect(run.stdout).not.toContain("Illustrative figures");
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(join(pack, "management-plan.xlsx")) as unknown as ArrayBuffer);
        const seen = new Set<string>();
        wb.getWorksheet("Assumptions")?.eachRow((row) => {
          const [section, , field, value, source, marked, key] = (row.values as unknown[])
            .slice(1)
            .map((x) => (x == null ? "" : String(x)));
          if (!key?.includes(".") && key !== "openingBalance") return;
          // Estimates and warnings are not inputs; an empty map (no transfer in any year) holds no figure.
          if (section === "Warning" || section === "Growth estimated" || value === "") return;
          seen.add(key);
          expect(marked, key).not.toBe("yes");
          expect(source, key).not.toBe("not given");
          const leaf = key.split(".").at(-1) as string;
          if (/^placements\.[^.]+\.(count|history)$/.test(key))
            expect(source, key).toMatch(/^DfE SEN2 reporting year 2025 \(2023\+ layout\), caseload\.csv: /);
          else if (/^placements\.[^.]+\.growth$/.test(key) && !/^\d/.test(String(value)))
            expect(source, key).toMatch(/^estimated from the history \(DfE SEN2 reporting year 2025/);
          else if (
            FILL[key] ||
            (FILL[leaf] && /^(placements|lines|income|openingBalance)/.test(key) && leaf !== "history")
          )
            // A typed figure is credited to what the user gave it, never to DfE.
            expect(source, `${key} (${field})`).toBe((FILL[key] ?? FILL[leaf])?.source);
        });
        for (const key of [
          "openingBalance",
          "placements.special.count",
          "placements.special.unitCost",
          "placements.special.costInflation",
          "placements.special.history",
          "lines.sen-support.amount",
          "income.hnb.amount",
          "income.schoolsBlock.amount",
          "income.stabilityGrant.excluded",
          "flows.ceased",
          "ehcpsByNeed.counts",
        ])
          expect(seen.has(key), key).toBe(true);
        // The primary-need table of the EHCP sheet: each need's count, and the total a formula over them.
        const table = new Map<string, number>();
        wb.getWorksheet("EHCP numbers")?.eachRow((row) => {
          const [, code, count] = (row.values as unknown[]).slice(1);
          if (typeof code === "string" && /^[A-Za-z]+$/.test(code) && typeof count === "number")
            table.set(code, count);
        });
        const want = (skeleton.ehcpsByNeed as { counts: Record<string, number> }).counts;
        for (const [code, count] of Object.entries(want)) expect(table.get(code), code).toBe(count);
      }, 120_000);
    });
  }

  test("a typed figure without a source is illustrative in the readable forecast, the workbook and the charts", async () => {
    const dir = scratch("hnb-current-ill-");
    const file = join(dir, "skeleton.yaml");
    expect(await main(["import", SEN2_2025_DEV, "--authority", "Leeds", "--out", file], capture())).toBe(0);
    const skeleton = parseYaml(readFileSync(file, "utf8"));
    const filled = placeSdSources(fill(skeleton, [], "placements.0.unitCost") as Record<string, unknown>);
    const scenarioFile = join(dir, "filled.yaml");
    writeFileSync(scenarioFile, scenarioYaml(filled));
    const pack = join(dir, "pack");
    const run = capture();
    expect(await main(["forecast", scenarioFile, "--out", pack], run)).toBe(0);
    expect(run.stdout).toContain(
      "Illustrative figures: 1 inputs are marked illustrative in their source or given no source (placements.mainstream.unitCost)",
    );
    const v = capture();
    expect(await main(["validate", scenarioFile], v)).toBe(0);
    expect(v.stdout).toContain(
      "Illustrative figures (marked illustrative, or given no source): placements.mainstream.unitCost.",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(pack, "management-plan.xlsx")) as unknown as ArrayBuffer);
    const got: Record<string, [string, string]> = {};
    wb.getWorksheet("Assumptions")?.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1).map((x) => (x == null ? "" : String(x)));
      got[v[6] as string] = [v[4] as string, v[5] as string];
    });
    // The unit cost is not given and marked; its count keeps DfE's source, unmarked.
    expect(got["placements.mainstream.unitCost"]).toEqual(["not given", "yes"]);
    expect(got["placements.mainstream.count"]?.[0]).toMatch(/^DfE SEN2 reporting year 2025/);
    expect(got["placements.mainstream.count"]?.[1]).toBe("");
    const svg = readFileSync(join(pack, "balance.svg"), "utf8");
    expect(svg).toContain("illustrative figures");
  }, 120_000);

  test("from an earlier base the default horizon still reaches 2027-28", async () => {
    const io = capture();
    expect(await main(["import", SEN2_2025_DEV, "--authority", "Kent", "--base-year", "2022"], io)).toBe(0);
    const sk = parseYaml(io.stdout);
    expect(sk.horizon).toBe(6);
    expect(sk.income.stabilityGrant).toMatchObject({ deficitFY: "2025-26", paidIn: "2026-27" });
  });
});

describe("data/bristol-2025.yaml: Bristol on current data", async () => {
  const text = readFileSync("data/bristol-2025.yaml", "utf8");
  const parsed = parseScenarioText(text, "yaml");
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  const s = parsed.scenario;
  const r = forecast(s);
  const [base, next] = r.unmitigated.ledger;
  test("forecasts 2024-25 to 2027-28 with the Stability Grant paid in 2026-27", () => {
    expect(r.financialYears).toEqual(["2024-25", "2025-26", "2026-27", "2027-28"]);
    const grant = r.stabilityGrant?.find((g) => g.forecast === "unmitigated");
    expect(grant?.paidIn).toBe("2026-27");
    // 90% of its own deficit at 31 March 2026.
    expect(grant?.amount).toBeCloseTo(-0.9 * (r.unmitigated.ledger[1]?.cumulative ?? 0), 6);
  });
  test("reproduces the published budgets and the 2024-25 in-year deficit before Safety Valve ([DOM])", () => {
    // High Needs budget (allocation + Schools Block transfer): £91.3m in 2024-25, £97.6m in 2025-26.
    expect((base?.hnb ?? 0) + (base?.transfer ?? 0)).toBeCloseTo(91_300_000, 0);
    expect((next?.hnb ?? 0) + (next?.transfer ?? 0)).toBeCloseTo(97_600_000, 0);
    // About £31m in-year deficit before Safety Valve: expenditure £122.3m against the £91.3m budget.
    expect(base?.expenditure).toBeCloseTo(122_300_000, -1);
    // Opening: £42.5m deficit at 31 March 2023, £21.5m Safety Valve paid 31 March 2024, and the
    // illustrative 2023-24 in-year deficit of £25m.
    expect(s.openingBalance).toBe(-46_000_000);
  });
  test("every figure names its source; the illustrative ones say so, with a reason", () => {
    const ill = illustrativeInputs(s);
    expect(ill.length).toBeGreaterThan(0);
    // Not one figure is without a source: each illustrative one is marked in its own source.
    const sources: (string | undefined)[] = [s.openingBalanceSource];
    for (const p of s.placements)
      for (const f of ["count", "unitCost", "costInflation", "history"] as const)
        sources.push(p.sources?.[f] ?? p.source);
    for (const l of s.lines) sources.push(l.sources?.amount, l.sources?.inflation);
    for (const f of ["amount", "growth"] as const) sources.push(s.income.hnb.sources?.[f]);
    for (const o of s.income.other) sources.push(o.sources?.amounts);
    for (const src of sources) expect(src).toBeDefined();
    // An illustrative figure says why: no source publishes it, or how it was made.
    for (const src of sources.filter((x) => /illustrative/.test(x ?? "")))
      expect(src).toMatch(
        /no source publishes|publishes none|not in the sources|not published|balancing|taken as|so that|so the|fees rise|is published for/,
      );
  });
  test.skipIf(!HAS_2025_DEV)("its counts, histories, flows and primary needs are the import's", async () => {
    const io = capture();
    expect(await main(["import", SEN2_2025_DEV, "--authority", "Bristol", "--horizon", "3"], io)).toBe(0);
    const sk = parseYaml(io.stdout);
    for (const p of sk.placements as { id: string; count: number; history: Record<string, number> }[]) {
      const mine = s.placements.find((q) => q.id === p.id);
      expect(mine?.count, p.id).toBe(p.count);
      expect(mine?.history, p.id).toEqual(p.history);
    }
    expect(s.flows?.newPlans).toEqual(sk.flows.newPlans);
    expect(s.flows?.ceased).toEqual(sk.flows.ceased);
    expect(s.demand?.cessation).toEqual(sk.demand.cessation);
    expect(s.ehcpsByNeed?.counts).toEqual(sk.ehcpsByNeed.counts);
  });
  test("base-year plausibility says the overspend and the spend per EHCP, with the figures", () => {
    const paths = r.baseYearWarnings.map((w) => w.path);
    expect(paths).toEqual(["baseYear.expenditure", "baseYear.spendPerEHCP"]);
    const over = ((base?.expenditure ?? 0) - (base?.hnb ?? 0)) / (base?.hnb ?? 1);
    expect(r.baseYearWarnings[0]?.message).toContain(
      `is ${formatNumber(100 * over, 0)}% above the High Needs Block allocation £89.6m`,
    );
  });
});

describe("docs/your-authority.md says what the commands print", () => {
  const doc = readFileSync("docs/your-authority.md", "utf8");
  test("the base-year checks' thresholds and national figures are the code's", () => {
    const pct = (x: number) => `${formatNumber(100 * x)}%`;
    expect(doc).toContain(
      `spending more than ${pct(BASE_YEAR_TOLERANCE.overspend)} above the allocation, or more than ${pct(BASE_YEAR_TOLERANCE.surplus)} below it`,
    );
    const n = NATIONAL_SPEND_PER_EHCP;
    expect(doc).toContain(
      `below half or above ${n.above} times the national allocation per EHCP (England's £${formatNumber(n.allocation / 1e9, 1)}bn High Needs`,
    );
    expect(doc).toContain(`Block in ${n.fy} over its ${formatNumber(n.ehcps)} EHCPs)`);
  });
});

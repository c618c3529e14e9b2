// Chart builders are data: each spec compiles without a warning, carries its title, subtitle, source
// line and alt text, and draws exactly the forecast's numbers. Rendered SVGs are golden-tested with
// numbers rounded; PNGs are checked for size and for real glyphs (not empty boxes).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "@hnb/io";
import { bridge, forecast } from "@hnb/model";
import { beforeAll, describe, expect, test } from "vitest";
import {
  backtestChart,
  type Chart,
  compile,
  contextOf,
  fanChart,
  forecastCharts,
  formatMoney,
  PNG_WIDTH,
  placementColours,
  rasterise,
  renderSvg,
  tornadoChart,
} from "../src/index.js";

const scenario = await loadScenarioFile(
  new URL("../../../data/default-scenario.yaml", import.meta.url).pathname,
);
const result = forecast(scenario);
const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022); hnb forecast");
const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";

// Fixed inputs for the charts whose data come from calibration and uncertainty.
const extras: Chart[] = [
  fanChart(
    result.financialYears.map((fy, i) => ({
      fy,
      forecast: "unmitigated",
      p10: -12e6 * i,
      p50: -10e6 * i,
      p90: -8e6 * i,
    })),
    result.financialYears,
    ctx,
    1000,
  ),
  tornadoChart(
    [
      { label: "EHCP growth", low: -180e6, high: -140e6, central: -157e6 },
      { label: "Unit-cost inflation", low: -165e6, high: -150e6, central: -157e6 },
    ],
    lastFy,
    ctx,
  ),
  backtestChart(
    [
      { method: "last-year", horizon: 1, mape: 0.06 },
      { method: "last-year", horizon: 3, mape: 0.15 },
      { method: "auto", horizon: 1, mape: 0.05 },
      { method: "auto", horizon: 3, mape: 0.11 },
    ],
    ctx,
    "test rows",
  ),
];
const charts = [...forecastCharts(result, ctx, scenario.placements), ...extras];

type Spec = {
  title: { text: string; subtitle: string };
  vconcat: [Record<string, unknown>, { data: { values: { source: string }[] } }];
};
const specOf = (c: Chart) => c.spec as unknown as Spec;
const body = (c: Chart) =>
  specOf(c).vconcat[0] as { data?: { values: Record<string, unknown>[] }; layer?: unknown[] };
const valuesOf = (c: Chart): Record<string, unknown>[] => {
  const b = body(c);
  if (b.data) return b.data.values;
  const found = JSON.stringify(b.layer).match(/"values":(\[.*?\])(?=,"mark"|,"layer"|\})/);
  return found?.[1] ? JSON.parse(found[1]) : [];
};
const chart = (name: string) => {
  const c = charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};

describe("every chart", () => {
  test.each(charts.map((c) => [c.name, c] as const))(
    "%s compiles with vega-lite without warnings",
    async (_, c) => {
      expect((await compile(c.spec)).warnings).toEqual([]);
    },
  );

  test.each(charts.map((c) => [c.name, c] as const))(
    "%s has a title, subtitle, source line and alt text",
    (_, c) => {
      const s = specOf(c);
      expect(s.title.text).toBe(c.title);
      expect(s.title.subtitle).toBe(
        "Bristol 2022 base case (default scenario) · base census year 2022 · illustrative figures",
      );
      expect(s.vconcat[1].data.values[0]?.source).toBe(ctx.source);
      expect(c.alt).toMatch(/^[A-Z].{40,400}\.$/);
    },
  );

  test("the Forum set is placements, expenditure, balance, bridge, unit cost and transfers", () => {
    expect(forecastCharts(result, ctx).map((c) => c.name)).toEqual([
      "ehcp-by-placement",
      "expenditure",
      "balance",
      "bridge",
      "unit-cost",
      "transfers",
    ]);
  });
});

describe("charts draw the forecast's numbers", () => {
  test("expenditure bars add up to the ledger's expenditure in every FY", () => {
    const values = valuesOf(chart("expenditure")) as { fy: string; cost: number }[];
    for (const row of result.unmitigated.ledger) {
      const sum = values.filter((v) => v.fy === row.fy).reduce((a, v) => a + v.cost, 0);
      expect(sum).toBeCloseTo(row.expenditure, 4);
    }
  });

  test("the balance lines are the two ledgers", () => {
    const values = JSON.stringify(body(chart("balance")).layer);
    for (const which of ["unmitigated", "mitigated"] as const)
      for (const r of result[which].ledger) {
        expect(values).toContain(`"value":${r.cumulative}`);
        expect(values).toContain(`"value":${r.inYear}`);
      }
  });

  test("the waterfall's bars run between the bridge's running totals", () => {
    const rows = bridge(result);
    const values = valuesOf(chart("bridge")) as { from: number; to: number }[];
    expect(values).toHaveLength(rows.length);
    expect(values[0]).toMatchObject({ from: 0, to: rows[0]?.total });
    for (let i = 1; i < rows.length - 1; i++)
      expect(values[i]).toMatchObject({ from: rows[i - 1]?.total, to: rows[i]?.total });
    expect(values[values.length - 1]?.to).toBeCloseTo(
      result.mitigated.ledger[result.mitigated.ledger.length - 1]?.cumulative ?? NaN,
      6,
    );
  });

  test("alt text quotes the final balances", () => {
    const u = result.unmitigated.ledger[result.unmitigated.ledger.length - 1]?.cumulative ?? 0;
    expect(chart("balance").alt).toContain(formatMoney(u));
    expect(formatMoney(-156_910_000)).toBe("−£156.9m");
    expect(formatMoney(450_400)).toBe("£450k");
  });

  test("a placement type keeps one colour in every chart", () => {
    const colours = placementColours(result.unmitigated.placements);
    const inmss = result.unmitigated.placements.find((p) => p.category === "NMISS");
    const colour = colours.get(inmss?.id ?? "");
    expect(colour).toBe("#D55E00");
    for (const name of ["ehcp-by-placement", "expenditure", "unit-cost"]) {
      const enc = JSON.stringify(body(chart(name)));
      const m = enc.match(/"scale":\{"domain":(\[[^\]]*\]),"range":(\[[^\]]*\])/);
      const domain = JSON.parse(m?.[1] ?? "[]") as string[];
      const range = JSON.parse(m?.[2] ?? "[]") as string[];
      expect(range[domain.indexOf(inmss?.label ?? "")]).toBe(colour);
      expect(new Set(range).size).toBe(range.length);
    }
  });
});

// Golden SVGs: numbers rounded to one decimal so float noise in layout cannot fail the test; on a
// mismatch the new rendering is written beside the golden file as NAME-changed.svg for review.
describe("rendered SVGs match the golden files", () => {
  const dir = new URL("./golden/", import.meta.url).pathname;
  const round = (svg: string) => svg.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));
  test.each(charts.map((c) => [c.name, c] as const))("%s", async (name, c) => {
    const svg = round(await renderSvg(c.spec));
    const golden = join(dir, `${name}.svg`);
    const changed = join(dir, `${name}-changed.svg`);
    if (!existsSync(golden)) {
      if (process.env.CI)
        expect.fail(`golden file ${golden} is missing: run the tests locally and commit it`);
      writeFileSync(golden, svg);
      console.warn(`wrote new golden file ${golden}`);
      return;
    }
    if (readFileSync(golden, "utf8") !== svg) {
      writeFileSync(changed, svg);
      expect.fail(
        `${name}.svg differs from its golden file; review ${changed} and copy it over the golden file if right`,
      );
    }
  });
});

describe("PNG rendering", () => {
  let svg = "";
  beforeAll(async () => {
    svg = await renderSvg(chart("balance").spec);
  });

  test("is print resolution: 1,800 px wide, a valid PNG", async () => {
    const r = await rasterise(svg);
    expect(r.width).toBe(PNG_WIDTH);
    expect(r.height).toBeGreaterThan(600);
    expect([...r.png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  // Missing glyphs draw nothing or identical boxes whatever the letter; real glyphs differ in ink.
  test("draws real glyphs from the bundled font, not empty boxes", async () => {
    const ink = async (text: string) => {
      const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="40" font-family="Source Sans 3" font-size="32">${text}</text></svg>`;
      const r = await rasterise(doc, 400);
      let dark = 0;
      for (let i = 0; i < r.pixels.length; i += 4) if ((r.pixels[i] ?? 255) < 128) dark++;
      return dark;
    };
    const wide = await ink("WWWWWWWW");
    const narrow = await ink("llllllll");
    expect(narrow).toBeGreaterThan(50);
    expect(wide).toBeGreaterThan(narrow * 1.5);
  });

  test("the chart's title area has ink", async () => {
    const r = await rasterise(svg);
    let dark = 0;
    for (let y = 20; y < 80; y++)
      for (let x = 20; x < 600; x++) if ((r.pixels[(y * r.width + x) * 4] ?? 255) < 100) dark++;
    expect(dark).toBeGreaterThan(1000);
  });
});

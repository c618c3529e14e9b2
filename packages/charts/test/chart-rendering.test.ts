// What a reader of the printed paper sees, read back from the rendered SVG: every legend entry draws
// its symbol, text prints at 9 pt or more, bars carry their values and names, the fan names its median;
// and each rendered SVG matches its golden file. The golden tests stay last in this file: vega numbers
// clip paths from one counter per process (clip1, clip2, …), and the golden bridge.svg is the second
// bridge rendered, after the one the reading tests render.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bridge } from "@hnb/model";
import { describe, expect, test } from "vitest";
import {
  compile,
  formatChange,
  formatMoney,
  MIN_PRINT_PT,
  printedPoints,
  renderSvg,
  tornadoChart,
} from "../src/index.js";
import { attrs, body, rowsIn, svgOf, svgWidth, textsOf, valuesOf, walk } from "./chart-read.js";
import { BLUE, chart, charts, ctx, ORANGE, variants } from "./chart-set.js";
import { central, lastFy, result } from "./default-forecast.js";

describe("every legend entry draws its symbol", () => {
  test.each(variants.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const svg = await svgOf(c);
    const symbols = [...svg.matchAll(/class="mark-symbol role-legend-symbol"[^>]*>(<path[^>]*>)/g)].map((m) =>
      attrs(m[1] ?? ""),
    );
    const labels = svg.match(/class="mark-text role-legend-label"/g) ?? [];
    expect(symbols.length).toBe(labels.length);
    for (const a of symbols) {
      const shown = (v: string | undefined) => v !== undefined && v !== "none" && v !== "transparent";
      const stroke =
        shown(a.stroke) && Number(a["stroke-width"] ?? 1) > 0 && Number(a["stroke-opacity"] ?? 1) > 0;
      // A fill draws nothing on a symbol that is a bare line segment ("M-5,0L5,0").
      const line = /^M[^A-Za-z]*L[^A-Za-z]*$/.test(a.d ?? "");
      const fill = shown(a.fill) && Number(a["fill-opacity"] ?? 1) > 0 && !line;
      expect(Number(a.opacity ?? 1)).toBeGreaterThan(0);
      expect(stroke || fill, JSON.stringify(a)).toBe(true);
    }
  });
});

describe("text prints at 9 pt or more on a 16 cm wide chart", () => {
  test.each(variants.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const width = svgWidth(await svgOf(c));
    const spec = c.spec as unknown as { config: Record<string, Record<string, unknown>> };
    // vega's own defaults (10–13 px) print too small: every kind of text must be sized here.
    const config = spec.config;
    const required = [
      config.axis?.labelFontSize,
      config.axis?.titleFontSize,
      config.legend?.labelFontSize,
      config.legend?.titleFontSize,
      config.title?.fontSize,
      config.title?.subtitleFontSize,
      config.header?.labelFontSize,
      config.header?.titleFontSize,
      config.text?.fontSize,
    ];
    const sizes: number[] = [];
    for (const r of required) {
      expect(typeof r).toBe("number");
      sizes.push(r as number);
    }
    // Then every explicit size in the compiled Vega spec, config and marks alike.
    walk((await compile(c.spec)).spec, (key, value) => {
      if (!/fontsize$/i.test(key)) return;
      if (typeof value === "number") sizes.push(value);
      else if (value && typeof value === "object" && typeof (value as { value?: unknown }).value === "number")
        sizes.push((value as { value: number }).value);
    });
    expect(sizes.length).toBeGreaterThan(required.length);
    for (const px of sizes) expect(printedPoints(px, width)).toBeGreaterThanOrEqual(MIN_PRINT_PT);
    // And what was drawn, in case a size came from somewhere else.
    const drawn = [...(await svgOf(c)).matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
    expect(drawn.length).toBeGreaterThan(0);
    for (const px of drawn) expect(printedPoints(px, width)).toBeGreaterThanOrEqual(MIN_PRINT_PT);
  });
});

describe("bars carry their values and names whole", () => {
  test("every lever of the bridge is named in full, level, with a value label on its bar", async () => {
    const svg = await svgOf(chart("bridge"));
    const texts = textsOf(svg);
    const rows = bridge(result);
    for (const r of rows) expect(texts).toContain(r.label);
    const expected = rows.map((r) => (r.kind === "lever" ? formatChange(r.value) : formatMoney(r.total)));
    for (const label of new Set(expected))
      expect(texts.filter((t) => t === label).length).toBe(expected.filter((e) => e === label).length);
    // Drawn across, not rotated: no text in the chart is turned.
    expect(svg).not.toMatch(/rotate\((?!-90\))/);
    expect(svg.match(/rotate\(-90\)/g) ?? []).toHaveLength(0);
  });

  test("every tornado bar carries the balance it reaches, and bars start at the central forecast", async () => {
    const c = chart("tornado");
    const texts = textsOf(await svgOf(c));
    for (const label of ["EHCP growth", "Unit-cost inflation"]) expect(texts).toContain(label);
    const values = valuesOf(c) as { from: number; to: number; end: string }[];
    expect(values).toHaveLength(4);
    for (const v of values) {
      expect(v.from).toBe(central);
      expect(texts.join(" ")).toContain(`${formatMoney(v.to)} (${v.end})`);
    }
    expect(texts).toContain(`Central forecast ${formatMoney(central)}`);
    expect(rowsIn(body(c)).map((v) => v.central)).toContain(central);
  });

  test("past 12 assumptions the tornado draws the 12 widest and says how many it leaves out", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      label: `Growth ${i}`,
      low: -2e6 - 1000 * i,
      high: -2e6 + 1000 * i,
      central: -2e6,
    }));
    const t = tornadoChart(rows, lastFy, ctx);
    expect(t.title).toBe(`Which assumptions move the ${lastFy} balance most (the 12 widest of 1,500)`);
    expect(tornadoChart(rows, lastFy, ctx, -2e6, "mitigated").title).toBe(
      `Which assumptions move the mitigated ${lastFy} balance most (the 12 widest of 1,500)`,
    );
    const drawn = new Set((valuesOf(t) as { label: string }[]).map((v) => v.label));
    expect(drawn.size).toBe(12);
    expect(drawn.has("Growth 1499")).toBe(true);
    expect(drawn.has("Growth 1487")).toBe(false);
    expect(t.alt).toContain("the 12 most influential of 1,500 assumptions");
    expect(t.alt).toContain("The 1,488 other assumptions each move it by");
    // It compiles and renders (1,500 rows made vega overflow its stack before).
    expect(textsOf(await renderSvg(t.spec))).toContain("Growth 1499");
  });

  test("a swing too small to see (under £50k) is left out, not drawn as an empty row", () => {
    const rows = [
      { label: "Wide", low: -3e6, high: -1e6, central: -2e6 },
      { label: "Tiny", low: -2.01e6, high: -1.99e6, central: -2e6 },
    ];
    const t = tornadoChart(rows, lastFy, ctx);
    expect(new Set((valuesOf(t) as { label: string }[]).map((v) => v.label))).toEqual(new Set(["Wide"]));
    expect(t.alt).toContain("The 1 other assumptions each move it by £20k or less");
  });
  test("without a central value the tornado keeps its rows' centre (existing callers)", () => {
    const t = tornadoChart([{ label: "A", low: -3e6, high: -1e6, central: -2e6 }], lastFy, ctx);
    expect(rowsIn(body(t)).map((v) => v.from)).toContain(-2000000);
  });
});

describe("the fan shows the central forecast and names its median", () => {
  test("a central-forecast line, the median labelled with the number of paths, each band in its forecast's colour", async () => {
    const c = chart("fan");
    const layers = (body(c) as unknown as { spec: { layer: { mark?: { type?: string } }[] } }).spec.layer;
    const rows = rowsIn(body(c));
    for (const l of result.unmitigated.ledger)
      expect(rows).toContainEqual(
        expect.objectContaining({ measure: "Central forecast", value: l.cumulative }),
      );
    expect(rows.map((r) => r.measure)).toContain("Median of 1,000 paths");
    const texts = textsOf(await svgOf(c));
    expect(texts).toContain("Central forecast");
    expect(texts).toContain("Median of 1,000 paths");
    expect(texts).toContain("Cumulative DSG balance: central forecast, 10th–90th percentile shaded");
    // The bands share the lines' colour scale: unmitigated orange, mitigated blue, one legend.
    const area = layers.find((l) => l.mark?.type === "area") as unknown as {
      encoding: { color: { scale: { range: string[] } } };
    };
    const range = area.encoding.color.scale.range.map((c) => c.toUpperCase());
    expect(range[0]).toBe(ORANGE);
    expect([ORANGE, BLUE]).toEqual(expect.arrayContaining(range));
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
    // A missing golden file fails everywhere: a test that passes by writing its own expectation proves nothing.
    if (process.env.UPDATE_GOLDEN === "1" && (!existsSync(golden) || readFileSync(golden, "utf8") !== svg)) {
      writeFileSync(golden, svg);
      console.warn(`wrote golden file ${golden} (UPDATE_GOLDEN=1): review it before committing`);
      return;
    }
    if (!existsSync(golden))
      expect.fail(
        `golden file ${golden} is missing: run the tests with UPDATE_GOLDEN=1, review it and commit it`,
      );
    if (readFileSync(golden, "utf8") !== svg) {
      writeFileSync(changed, svg);
      expect.fail(
        `${name}.svg differs from its golden file; review ${changed} and copy it over the golden file if right`,
      );
    }
  });
});

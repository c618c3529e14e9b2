// Chart builders are data: each spec compiles without a warning, carries its title, subtitle, source
// line and alt text, and draws exactly the forecast's numbers. Rendered SVGs are golden-tested with
// numbers rounded; PNGs are checked for size and for real glyphs (not empty boxes).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile, readMonitoringFile } from "@hnb/io";
import { bridge, compareScenarios, forecast } from "@hnb/model";
import { beforeAll, describe, expect, test } from "vitest";
import {
  backtestChart,
  type Chart,
  comparisonChart,
  compile,
  contextOf,
  ehcpChart,
  expenditureChart,
  fanChart,
  forecastCharts,
  formatChange,
  formatMoney,
  incomeExpenditureChart,
  MIN_PRINT_PT,
  monitoringChart,
  PLACEMENT_PALETTE,
  PNG_WIDTH,
  placementColours,
  printedPoints,
  rasterise,
  renderSvg,
  SERIES_COLOURS,
  tornadoChart,
  transferChart,
  unitCostChart,
} from "../src/index.js";

const scenario = await loadScenarioFile(
  new URL("../../../data/default-scenario.yaml", import.meta.url).pathname,
);
const result = forecast(scenario);
const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022); hnb forecast");
const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
const central = result.mitigated.ledger[result.mitigated.ledger.length - 1]?.cumulative ?? 0;

// Fixed inputs for the charts whose data come from calibration and uncertainty.
const extras: Chart[] = [
  fanChart(
    result.unmitigated.ledger.map((l, i) => ({
      fy: l.fy,
      forecast: "unmitigated" as const,
      p10: l.cumulative - 4e6 * (i + 1),
      p50: l.cumulative - 1e6 * i,
      p90: l.cumulative + 2e6 * (i + 1),
    })),
    result.financialYears,
    ctx,
    1000,
    result,
  ),
  // Rows around the central forecast, whose median-of-assumptions centre is deliberately off it.
  tornadoChart(
    [
      { label: "EHCP growth", low: central - 23e6, high: central + 17e6, central: central + 1e6 },
      { label: "Unit-cost inflation", low: central - 8e6, high: central + 7e6, central: central + 1e6 },
    ],
    lastFy,
    ctx,
    central,
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
  specOf(c).vconcat[0] as {
    data?: { values: Record<string, unknown>[] };
    layer?: { mark?: { type?: string } }[];
  };
// Every object of a spec, depth first: specs are plain data, so tests read them as data, not as text.
function nodes(spec: unknown): Record<string, unknown>[] {
  if (Array.isArray(spec)) return spec.flatMap(nodes);
  if (spec === null || typeof spec !== "object") return [];
  const o = spec as Record<string, unknown>;
  return [o, ...Object.values(o).flatMap(nodes)];
}
/** The rows of every inline `data.values` in a spec. */
const rowsIn = (spec: unknown): Record<string, unknown>[] =>
  nodes(spec).flatMap((n) => {
    const data = n.data as { values?: unknown } | undefined;
    return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : [];
  });
/** Every scale with a fixed domain and range. */
const scalesIn = (spec: unknown): { domain: unknown[]; range: unknown[] }[] =>
  nodes(spec).flatMap((n) => {
    const scale = n.scale as { domain?: unknown; range?: unknown } | undefined;
    return Array.isArray(scale?.domain) && Array.isArray(scale?.range)
      ? [{ domain: scale.domain, range: scale.range }]
      : [];
  });
const valuesOf = (c: Chart): Record<string, unknown>[] => {
  const b = body(c);
  if (b.data) return b.data.values;
  // The first layer that carries rows (the chart's own, not an annotation's).
  const first = nodes(b.layer).find((n) =>
    Array.isArray((n.data as { values?: unknown } | undefined)?.values),
  );
  return ((first?.data as { values: Record<string, unknown>[] } | undefined)?.values ?? []) as Record<
    string,
    unknown
  >[];
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

  test("the Forum set is placements, expenditure, balance, income against expenditure, bridge, unit cost and transfers", () => {
    expect(forecastCharts(result, ctx).map((c) => c.name)).toEqual([
      "ehcp-by-placement",
      "expenditure",
      "balance",
      "income-expenditure",
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
    const values = rowsIn(body(chart("balance")).layer).map((v) => v.value);
    for (const which of ["unmitigated", "mitigated"] as const)
      for (const r of result[which].ledger) {
        expect(values).toContain(r.cumulative);
        // The in-year line leaves the Stability Grant out (a one-off towards the historic deficit).
        expect(values).toContain(r.inYear - (r.stabilityGrant ?? 0));
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
    expect(colour).toBe("#882255");
    for (const name of ["ehcp-by-placement", "expenditure", "unit-cost"]) {
      const { domain, range } = scalesIn(body(chart(name)))[0] ?? { domain: [], range: [] };
      expect(range[domain.indexOf(inmss?.label ?? "")]).toBe(colour);
      expect(new Set(range).size).toBe(range.length);
    }
  });
});

// Colour-vision deficiency: sRGB → linear → Machado et al. (2009) full-severity matrices → CIELAB.
const CVD = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};
const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toLab = (hex: string, m?: number[][]): number[] => {
  let rgb = [1, 3, 5].map((i) => toLinear(Number.parseInt(hex.slice(i, i + 2), 16) / 255));
  if (m)
    rgb = m.map((row) =>
      Math.min(
        1,
        Math.max(
          0,
          row.reduce((a, w, j) => a + w * (rgb[j] ?? 0), 0),
        ),
      ),
    );
  const [r = 0, g = 0, b = 0] = rgb;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
};

describe("placement colours stay apart for colour-blind readers", () => {
  test("the default scenario's 13 types: every pair at least ΔE 7 apart, as seen with and without deuteranopia or protanopia", () => {
    const colours = [...placementColours(result.unmitigated.placements).values()];
    expect(colours.length).toBe(13);
    let least = Number.POSITIVE_INFINITY;
    for (const m of [undefined, CVD.deuteranopia, CVD.protanopia])
      colours.forEach((a, i) => {
        for (const b of colours.slice(i + 1))
          least = Math.min(least, Math.hypot(...toLab(a, m).map((v, k) => v - (toLab(b, m)[k] ?? 0))));
      });
    // The scheme's own order of the extra colours left NEET's grey and early years' teal 3.3 apart.
    expect(least).toBeGreaterThanOrEqual(7);
  });

  test("the bridge's saving, cost, funding and balance colours are no placement's: each at least ΔE 15 from every placement colour, the forecasts' and each other, with and without deuteranopia or protanopia", () => {
    const others = [...PLACEMENT_PALETTE, ORANGE, BLUE];
    const kinds = [SERIES_COLOURS.saving, SERIES_COLOURS.cost, SERIES_COLOURS.funding, SERIES_COLOURS.total];
    const dE = (a: string, b: string, m?: number[][]) =>
      Math.hypot(...toLab(a, m).map((v, k) => v - (toLab(b, m)[k] ?? 0)));
    for (const m of [undefined, CVD.deuteranopia, CVD.protanopia])
      kinds.forEach((k, i) => {
        for (const o of [...others, ...kinds.slice(i + 1)])
          expect(dE(k, o, m), `${k} against ${o}`).toBeGreaterThanOrEqual(15);
      });
    // The special schools' green meant savings too (ΔE 0), INMSS's wine the costs.
    expect(PLACEMENT_PALETTE).toContain("#009E73");
    expect(PLACEMENT_PALETTE).toContain("#882255");
    expect(PLACEMENT_PALETTE.length).toBe(15);
    const bridgeScale = scalesIn(body(chart("bridge"))).find((s) => s.domain.includes("Saving"));
    expect(bridgeScale?.range[bridgeScale.domain.indexOf("Saving")]).toBe(SERIES_COLOURS.saving);
  });
});

// What a reader of the printed paper sees, read back from the rendered SVG.
const svgs = new Map<string, Promise<string>>();
const svgOf = (c: Chart) => {
  let svg = svgs.get(c.name);
  if (!svg) {
    svg = renderSvg(c.spec);
    svgs.set(c.name, svg);
  }
  return svg;
};
const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
const decode = (t: string) =>
  t
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
/** Every text element's content, lines of a wrapped label joined by a space. */
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
    decode(
      (m[1] ?? "")
        .replace(/<\/tspan><tspan[^>]*>/g, " ")
        .replace(/<\/?tspan[^>]*>/g, "")
        .trim(),
    ),
  );
const svgWidth = (svg: string) => Number(svg.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1] ?? NaN);
const walk = (node: unknown, visit: (key: string, value: unknown, parent: object) => void) => {
  if (Array.isArray(node)) for (const v of node) walk(v, visit);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      visit(k, v, node);
      walk(v, visit);
    }
};
const ORANGE = "#D55E00";
const BLUE = "#0072B2";
// Every variant a paper can carry, not only the Forum set's defaults.
const variants = [
  ...charts,
  ehcpChart(result, ctx, scenario.placements, "mitigated"),
  expenditureChart(result, ctx, "mitigated"),
  unitCostChart(result, ctx, "mitigated"),
];

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

describe("unit costs: every series readable", () => {
  test("one panel per placement type with a unit cost, each on its own scale", () => {
    const b = body(chart("unit-cost")) as Record<string, unknown> & {
      facet: { field: string; sort: string[] };
      resolve: { scale: { y: string } };
      spec: { encoding: { color: { legend: unknown } } };
    };
    expect(b.facet.field).toBe("label");
    expect(b.resolve.scale.y).toBe("independent");
    const withCost = new Set(
      result.unmitigated.placements.filter((p) => p.unitCost !== 0).map((p) => p.label),
    );
    expect(new Set(b.facet.sort)).toEqual(withCost);
    // One line per panel: no series can lie behind another.
    expect(b.spec.encoding.color.legend).toBeNull();
  });
});

describe("titles, legends and colours mean one thing", () => {
  test("placement and expenditure titles name their forecast", () => {
    for (const which of ["unmitigated", "mitigated"] as const) {
      expect(ehcpChart(result, ctx, [], which).title).toMatch(new RegExp(`\\(${which}\\)$`));
      expect(expenditureChart(result, ctx, which).title).toMatch(new RegExp(`\\(${which}\\)$`));
    }
  });

  test("legends leave out series that are zero in every year", () => {
    // A placement type with nothing in any year, and no transfer needing disapplication.
    const zeroId = result.unmitigated.placements[0]?.id ?? "";
    const zeroLabel = result.unmitigated.placements[0]?.label ?? "";
    const zeroed = (f: typeof result.unmitigated) => ({
      ...f,
      placements: f.placements.map((p) => (p.id === zeroId ? { ...p, count: 0, cost: 0, unitCost: 0 } : p)),
      transfers: f.transfers.map((t) => ({ ...t, needs: "schools-forum" as const })),
    });
    const r = { ...result, unmitigated: zeroed(result.unmitigated), mitigated: zeroed(result.mitigated) };
    const domains = (c: Chart) => {
      const out: string[][] = [];
      walk(c.spec, (key, value) => {
        if (
          key === "scale" &&
          value &&
          typeof value === "object" &&
          Array.isArray((value as { domain?: unknown }).domain)
        )
          out.push((value as { domain: string[] }).domain);
        if (key === "facet") out.push((value as { sort: string[] }).sort);
      });
      return out.flat();
    };
    for (const c of [ehcpChart(r, ctx), expenditureChart(r, ctx), unitCostChart(r, ctx)]) {
      expect(domains(c)).not.toContain(zeroLabel);
      expect(rowsIn(body(c)).map((v) => v.label)).not.toContain(zeroLabel);
    }
    expect(domains(transferChart(r, ctx))).not.toContain("Disapplication request (above 0.5%)");
    // And in the default scenario, every series a legend names has a non-zero value somewhere.
    const expenditure = valuesOf(chart("expenditure")) as { series: string; cost: number }[];
    const legend = (body(chart("expenditure")) as { encoding: { color: { scale: { domain: string[] } } } })
      .encoding.color.scale.domain;
    for (const s of legend)
      expect(
        expenditure.some((v) => v.series === s && v.cost !== 0),
        s,
      ).toBe(true);
  });

  test("orange and blue mean unmitigated and mitigated in every chart", () => {
    for (const c of variants) {
      const ranges = new WeakSet<object>();
      walk(c.spec, (key, value, parent) => {
        // Only a scale's range may use them (checked below): never a fixed mark colour.
        if (typeof value === "string" && [ORANGE, BLUE].includes(value.toUpperCase()))
          expect(ranges.has(parent), `${c.name}: ${key} is a fixed ${value}`).toBe(true);
        if (key === "scale" && value && typeof value === "object") {
          const { domain, range } = value as { domain?: unknown[]; range?: unknown[] };
          if (!Array.isArray(domain) || !Array.isArray(range)) return;
          ranges.add(range);
          range.forEach((colour, i) => {
            if (typeof colour !== "string") return;
            if (colour.toUpperCase() === ORANGE) expect(domain[i], c.name).toBe("Unmitigated");
            if (colour.toUpperCase() === BLUE) expect(domain[i], c.name).toBe("Mitigated");
          });
        }
      });
    }
  });
});

describe("income against expenditure", () => {
  test("draws both ledgers' income and expenditure, after the balance in the Forum set", () => {
    const c = incomeExpenditureChart(result, ctx);
    const values = valuesOf(c) as { fy: string; forecast: string; measure: string; value: number }[];
    for (const [which, name] of [
      ["unmitigated", "Unmitigated"],
      ["mitigated", "Mitigated"],
    ] as const)
      for (const l of result[which].ledger) {
        const at = (m: string) => values.find((v) => v.fy === l.fy && v.forecast === name && v.measure === m);
        expect(at("Income")?.value).toBe(l.income);
        expect(at("Expenditure")?.value).toBe(l.expenditure);
      }
    const names = charts.map((x) => x.name);
    expect(names.indexOf("income-expenditure")).toBe(names.indexOf("balance") + 1);
    expect(c.alt).toContain(formatMoney(result.unmitigated.ledger.at(-1)?.expenditure ?? 0));
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

// The builders write specs as plain objects and frame() casts them to TopLevelSpec once; this is the
// check that cast skips: every chart's spec, as data, type-checks against vega-lite's own types
// (excess-property checks catch a misspelt property, which vega-lite would silently ignore).
describe("every chart's spec is a vega-lite TopLevelSpec", () => {
  test("type-checks with the TypeScript compiler against vega-lite's types", async () => {
    const ts = (await import("typescript")).default;
    // Row data is not spec structure (and would only slow the check): keep one row of each data set.
    const structure = (spec: unknown): unknown =>
      JSON.parse(
        JSON.stringify(spec, (key, value) =>
          key === "values" && Array.isArray(value) ? value.slice(0, 1) : value,
        ),
      );
    // The monitoring and comparison charts too (the demand chart needs an imported history: not here).
    const data = (f: string) => new URL(`../../../data/${f}`, import.meta.url).pathname;
    const monitored = await readMonitoringFile(data("monitoring-q2.yaml"));
    if (!monitored.ok) throw new Error("data/monitoring-q2.yaml does not read");
    const compared = compareScenarios(
      await Promise.all(["best-case.yaml", "worst-case.yaml"].map((f) => loadScenarioFile(data(f)))),
    );
    const all = [...charts, monitoringChart(monitored.monitoring, ctx), comparisonChart(compared, ctx)];
    const file = join(import.meta.dirname, "chart-specs.check.ts");
    const text = `import type { TopLevelSpec } from "vega-lite";\n${all
      .map(
        (c, i) =>
          `// ${c.name}\nexport const chart${i}: TopLevelSpec = ${JSON.stringify(structure(c.spec))};\n`,
      )
      .join("")}`;
    const options = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    const getSource = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === file ? text : read(f));
    host.fileExists = (f) => f === file || exists(f);
    host.getSourceFile = (f, lang, ...rest) =>
      f === file ? ts.createSourceFile(f, text, lang) : getSource(f, lang, ...rest);
    const program = ts.createProgram([file], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const chart = at ? text.split("\n")[at.line - 1] : "";
      return `${chart} ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 4000)}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);
});

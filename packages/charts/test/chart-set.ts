// The charts the chart tests check (the Forum set of the default scenario and the charts drawn from
// calibration and uncertainty), and how the tests read a chart: its spec as data, its SVG as drawn.
import {
  backtestChart,
  type Chart,
  contextOf,
  ehcpChart,
  expenditureChart,
  fanChart,
  forecastCharts,
  renderSvg,
  tornadoChart,
  unitCostChart,
} from "../src/index.js";
import { central, lastFy, result, scenario } from "./default-forecast.js";

/** The context every chart here is drawn in. */
export const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022); hnb forecast");

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
/** The Forum set of the default scenario and the fan, tornado and backtest charts. */
export const charts = [...forecastCharts(result, ctx, scenario.placements), ...extras];

type Spec = {
  title: { text: string; subtitle: string };
  vconcat: [Record<string, unknown>, { data: { values: { source: string }[] } }];
};
/** A chart's spec as the frame writes it: title, subtitle, then the body and the source line. */
export const specOf = (c: Chart) => c.spec as unknown as Spec;
/** The chart's body: the panel above the source line. */
export const body = (c: Chart) =>
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
export const rowsIn = (spec: unknown): Record<string, unknown>[] =>
  nodes(spec).flatMap((n) => {
    const data = n.data as { values?: unknown } | undefined;
    return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : [];
  });
/** Every scale with a fixed domain and range. */
export const scalesIn = (spec: unknown): { domain: unknown[]; range: unknown[] }[] =>
  nodes(spec).flatMap((n) => {
    const scale = n.scale as { domain?: unknown; range?: unknown } | undefined;
    return Array.isArray(scale?.domain) && Array.isArray(scale?.range)
      ? [{ domain: scale.domain, range: scale.range }]
      : [];
  });
/** The rows the chart draws: its body's data, else its first layer's with rows. */
export const valuesOf = (c: Chart): Record<string, unknown>[] => {
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
/** One of `charts` by name. */
export const chart = (name: string) => {
  const c = charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};

// What a reader of the printed paper sees, read back from the rendered SVG.
const svgs = new Map<string, Promise<string>>();
/** A chart rendered to SVG, once per chart. */
export const svgOf = (c: Chart) => {
  let svg = svgs.get(c.name);
  if (!svg) {
    svg = renderSvg(c.spec);
    svgs.set(c.name, svg);
  }
  return svg;
};
/** The attributes of one SVG tag. */
export const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
const decode = (t: string) =>
  t
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
/** Every text element's content, lines of a wrapped label joined by a space. */
export const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
    decode(
      (m[1] ?? "")
        .replace(/<\/tspan><tspan[^>]*>/g, " ")
        .replace(/<\/?tspan[^>]*>/g, "")
        .trim(),
    ),
  );
/** An SVG's width in pixels. */
export const svgWidth = (svg: string) => Number(svg.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1] ?? NaN);
/** Visits every key and value of a spec, depth first. */
export const walk = (node: unknown, visit: (key: string, value: unknown, parent: object) => void) => {
  if (Array.isArray(node)) for (const v of node) walk(v, visit);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      visit(k, v, node);
      walk(v, visit);
    }
};
/** The unmitigated and mitigated forecasts' colours: only those two may use them. */
export const ORANGE = "#D55E00";
export const BLUE = "#0072B2";
// Every variant a paper can carry, not only the Forum set's defaults.
export const variants = [
  ...charts,
  ehcpChart(result, ctx, scenario.placements, "mitigated"),
  expenditureChart(result, ctx, "mitigated"),
  unitCostChart(result, ctx, "mitigated"),
];

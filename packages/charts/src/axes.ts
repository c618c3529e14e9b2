import { moneyLabelExpr, moneyUnit, wrapLabel } from "./format.js";

/** A £ axis scaled to the data: £m or £k labels, a title naming the unit. @example moneyAxis([1e6, -3e7], "Balance") */
export function moneyAxis(values: readonly number[], title: string): Record<string, unknown> {
  const unit = moneyUnit(Math.max(0, ...values.map(Math.abs)));
  return { title: `${title} (£${unit})`, labelExpr: moneyLabelExpr(unit), tickCount: 6 };
}

/** The financial-year axis, in the order the forecast reports them. @example fyEncoding(result.financialYears) */
export function fyEncoding(fys: readonly string[], title = "Financial year"): Record<string, unknown> {
  return { field: "fy", type: "ordinal", scale: { domain: [...fys] }, title, axis: { labelAngle: 0 } };
}

/** A nominal colour encoding with a fixed domain → range, so a series keeps its colour across charts; long legend labels wrap. @example colourEncoding("label", ["A"], ["#000"], null) */
export function colourEncoding(
  field: string,
  domain: readonly string[],
  range: readonly string[],
  title: string | null,
  legend: Record<string, unknown> | null = {},
): Record<string, unknown> {
  const labelExpr = wrapExpr(domain, LEGEND_WRAP);
  return {
    field,
    type: "nominal",
    scale: { domain: [...domain], range: [...range] },
    title,
    sort: [...domain],
    legend: legend === null ? null : { ...(labelExpr ? { labelExpr } : {}), ...legend },
  };
}

// Two legend columns of 16 px text share the plot's width: about 34 characters each.
const LEGEND_WRAP = 34;

/** A Vega label expression that breaks labels longer than `width` characters into lines (undefined when none is that long): truncated names hide what a series is. @example wrapExpr(["A long lever name"], 8) */
export function wrapExpr(labels: readonly string[], width: number): string | undefined {
  const long = labels.filter((l) => l.length > width);
  if (!long.length) return undefined;
  // JSON is a valid Vega object literal, so quotes in names need no escaping of our own.
  const lines = Object.fromEntries(long.map((l) => [l, wrapLabel(l, width)]));
  return `${JSON.stringify(lines)}[datum.value] || datum.value`;
}

/** A horizontal rule at zero: where a balance turns from deficit to surplus. @example zeroRule() */
export function zeroRule(): Record<string, unknown> {
  return {
    data: { values: [{ zero: 0 }] },
    mark: { type: "rule", color: "#333333" },
    encoding: { y: { field: "zero", type: "quantitative" } },
  };
}

/** Legend properties for a line series: a stroke sample long enough to read as a line. @example colourEncoding("forecast", ["A"], ["#000"], null, lineLegend()) */
export function lineLegend(): Record<string, unknown> {
  return { symbolType: "stroke", symbolStrokeWidth: 3, symbolSize: 400 };
}

// Vega-Lite paints a dash legend's symbols with a black fill and a transparent stroke, which for a
// stroke symbol draws nothing, so the stroke is set on the symbols themselves.
/** A solid/dashed encoding of a line's meaning, its legend drawn as grey stroke samples. @example dashEncoding("measure", ["Cumulative", "In-year"]) */
export function dashEncoding(field: string, domain: readonly string[]): Record<string, unknown> {
  const dashes = [
    [1, 0],
    [6, 4],
    [2, 2],
  ];
  return {
    field,
    type: "nominal",
    scale: { domain: [...domain], range: dashes.slice(0, domain.length) },
    title: null,
    legend: {
      ...lineLegend(),
      symbolStrokeWidth: 2,
      encoding: {
        symbols: {
          stroke: { value: "#333333" },
          fill: { value: "transparent" },
          // What vega-lite adds to a legend's symbols in some panels: said here, all panels agree.
          opacity: { value: 1 },
          fillOpacity: { value: 1 },
        },
      },
    },
  };
}

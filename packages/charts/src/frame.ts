import type { TopLevelSpec } from "vega-lite";

/** The font every chart names and the PNG renderer bundles (Source Sans 3, SIL Open Font Licence). */
export const FONT = "Source Sans 3";

/** Chart width in CSS pixels; PNGs are rendered at print resolution from it. */
export const WIDTH = 640;
const HEIGHT = 300;

/** A chart ready for a paper: its file name, the Vega-Lite spec (plain data) and its alt text. */
export interface Chart {
  /** File name without extension, e.g. "balance". */
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** One sentence describing the chart for accessible papers. */
  alt: string;
}

/** What every chart's subtitle and source line say. */
export interface ChartContext {
  scenario: string;
  baseYear: number;
  /** The source line, e.g. "Source: Anytown DSG management plan; hnb forecast". */
  source: string;
  /** Whether any input is marked illustrative: the subtitle then says "illustrative figures". */
  illustrative?: boolean;
}

/** The context of a forecast's charts. @example contextOf(result).subtitle */
export function contextOf(
  result: { scenario: string; baseYear: number; illustrative?: readonly string[] },
  source = "Source: hnb High Needs Block forecast from the scenario file",
): ChartContext {
  return {
    scenario: result.scenario,
    baseYear: result.baseYear,
    source,
    ...(result.illustrative?.length ? { illustrative: true } : {}),
  };
}

type Body = Record<string, unknown>;

/** Wraps a chart body with the title, the subtitle (scenario and base year), the source line and the house style. @example frame(ctx, "balance", "DSG balance", body, "Line chart of …") */
export function frame(ctx: ChartContext, name: string, title: string, body: Body, alt: string): Chart {
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: title,
      subtitle: `${ctx.scenario} · base census year ${ctx.baseYear}${ctx.illustrative ? " · illustrative figures" : ""}`,
    },
    // The source line sits under the chart as its own text view: Vega-Lite has no footer.
    vconcat: [
      { width: WIDTH, height: HEIGHT, ...body },
      {
        width: WIDTH,
        height: 12,
        data: { values: [{ source: ctx.source }] },
        mark: { type: "text", align: "left", baseline: "top", fontSize: 10, color: "#555555" },
        encoding: { text: { field: "source", type: "nominal" }, x: { value: 0 }, y: { value: 0 } },
      },
    ],
    spacing: 8,
    background: "white",
    padding: 12,
    config: {
      font: FONT,
      view: { stroke: null },
      axis: {
        labelFontSize: 11,
        titleFontSize: 12,
        titleFontWeight: "normal",
        gridColor: "#e6e6e6",
        domainColor: "#888888",
        tickColor: "#888888",
      },
      // Legends sit above the plot so the source line stays last; vega estimates text width without a
      // canvas (about 1.6× the real width), hence the generous label limit.
      legend: {
        orient: "top",
        labelFontSize: 11,
        titleFontSize: 11,
        titleFontWeight: "normal",
        columns: 2,
        columnPadding: 16,
        symbolType: "square",
        labelLimit: 290,
      },
      title: {
        anchor: "start",
        fontSize: 16,
        fontWeight: 600,
        subtitleFontSize: 12,
        subtitleColor: "#555555",
        offset: 10,
      },
    },
  };
  return { name, title, spec: spec as unknown as TopLevelSpec, alt };
}

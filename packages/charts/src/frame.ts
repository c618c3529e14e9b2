import type { TopLevelSpec } from "vega-lite";

/** The font every chart names and the PNG renderer bundles (Source Sans 3, SIL Open Font Licence). */
export const FONT = "Source Sans 3";
// What the SVGs name: the bundled font first, then fonts every Office machine has, so an SVG opened
// where Source Sans 3 is not installed keeps a sans-serif of similar width rather than a serif
// default. (Quoted: a family name with a digit is not a bare CSS identifier.)
const FONT_STACK = `'${FONT}', Arial, Helvetica, sans-serif`;

/** Chart width in CSS pixels; PNGs are rendered at print resolution from it. */
export const WIDTH = 640;
/** The plot height of a single-panel chart, px. */
export const HEIGHT = 300;

/** The width a chart prints at in a paper, in centimetres (A4 with 2.5 cm margins). */
export const PRINT_WIDTH_CM = 16;
/** The smallest text a paper may print, in points. */
export const MIN_PRINT_PT = 9;

/**
 * Text size in CSS pixels for axis and legend labels, source lines and mark labels. A chart of
 * about 780 px total width prints at 16 cm, so 16 px prints at 9.3 pt: the 9 pt minimum with a
 * little room for a wider chart.
 */
export const TEXT_SIZE = 16;
const TITLE_SIZE = 22;

/** The point size a font of `px` pixels prints at when a chart `totalWidth` px wide prints 16 cm wide. @example printedPoints(16, 780) > 9 */
export function printedPoints(px: number, totalWidth: number, printWidthCm = PRINT_WIDTH_CM): number {
  return (((px * printWidthCm) / totalWidth) * 72) / 2.54;
}

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
  /** Said in the subtitle of every chart: what the figures leave out (e.g. a scenario with no income). */
  caveat?: string;
}

/** The context of a forecast's charts. @example contextOf(result).source */
export function contextOf(
  result: {
    scenario: string;
    baseYear: number;
    illustrative?: readonly string[];
    unmitigated?: { ledger: readonly { income: number }[] };
  },
  source = "Source: hnb High Needs Block forecast from the scenario file",
): ChartContext {
  // A scenario that models costs alone (income £0 in every year) has "balances" that are its costs:
  // every chart says so rather than show a deficit no one will have.
  const noIncome =
    result.unmitigated?.ledger.length && result.unmitigated.ledger.every((r) => r.income === 0);
  return {
    scenario: result.scenario,
    baseYear: result.baseYear,
    source,
    ...(result.illustrative?.length ? { illustrative: true } : {}),
    ...(noIncome ? { caveat: "no income in the scenario: balances are costs alone" } : {}),
  };
}

type Body = Record<string, unknown>;

/** Width of one panel when two forecasts sit side by side within the printed width. */
export const PANEL_WIDTH = 280;

/**
 * A body of one panel per forecast (unmitigated, then mitigated), side by side, each `spec` drawn
 * from its own rows; one panel is the full width.
 * @example forecastPanels(rows, ["Unmitigated", "Mitigated"], { mark: "line", encoding })
 */
export function forecastPanels(
  values: readonly Record<string, unknown>[],
  forecasts: readonly string[],
  spec: Body,
  height = HEIGHT,
): Body {
  return {
    data: { values },
    facet: {
      field: "forecast",
      type: "nominal",
      sort: [...forecasts],
      title: null,
      header: { labelAnchor: "start", labelAlign: "left", labelBaseline: "top" },
    },
    columns: forecasts.length,
    spacing: 24,
    spec: { width: forecasts.length > 1 ? PANEL_WIDTH : WIDTH, height, ...spec },
  };
}

/** Wraps a chart body with the title, the subtitle (scenario and base year), the source line and the house style. @example frame(ctx, "balance", "DSG balance", body, "Line chart of …") */
export function frame(ctx: ChartContext, name: string, title: string, body: Body, alt: string): Chart {
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: title,
      subtitle: `${ctx.scenario} · base census year ${ctx.baseYear}${ctx.illustrative ? " · illustrative figures" : ""}${ctx.caveat ? ` · ${ctx.caveat}` : ""}`,
    },
    // The source line sits under the chart as its own text view: Vega-Lite has no footer.
    // A faceted body sizes its own panels: Vega-Lite takes width and height only inside a facet's spec.
    vconcat: [
      "facet" in body ? body : { width: WIDTH, height: HEIGHT, ...body },
      {
        width: WIDTH,
        height: TEXT_SIZE,
        data: { values: [{ source: ctx.source }] },
        mark: { type: "text", align: "left", baseline: "top", fontSize: TEXT_SIZE, color: "#555555" },
        encoding: { text: { field: "source", type: "nominal" }, x: { value: 0 }, y: { value: 0 } },
      },
    ],
    spacing: 8,
    background: "white",
    padding: 12,
    config: {
      font: FONT_STACK,
      view: { stroke: null },
      // Every text size is set here or on the mark: vega's defaults (10–13 px) print below 9 pt.
      axis: {
        labelFontSize: TEXT_SIZE,
        titleFontSize: TEXT_SIZE,
        titleFontWeight: "normal",
        gridColor: "#e6e6e6",
        domainColor: "#888888",
        tickColor: "#888888",
      },
      // Legends sit above the plot so the source line stays last; long labels wrap (colourEncoding)
      // rather than truncate, so the limit only guards against a runaway name.
      legend: {
        orient: "top",
        labelFontSize: TEXT_SIZE,
        titleFontSize: TEXT_SIZE,
        titleFontWeight: "normal",
        columns: 2,
        columnPadding: 16,
        symbolType: "square",
        symbolSize: 150,
        labelLimit: WIDTH / 2,
      },
      header: { labelFontSize: TEXT_SIZE, titleFontSize: TEXT_SIZE },
      text: { fontSize: TEXT_SIZE },
      title: {
        anchor: "start",
        fontSize: TITLE_SIZE,
        fontWeight: 600,
        subtitleFontSize: TEXT_SIZE,
        subtitleColor: "#555555",
        offset: 10,
      },
    },
  };
  // Builders write specs as plain objects; the test "every chart's spec is a vega-lite TopLevelSpec"
  // type-checks every chart's spec, as data, against vega-lite's types, which this cast does not.
  return { name, title, spec: spec as unknown as TopLevelSpec, alt };
}

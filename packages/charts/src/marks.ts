// Layers and encodings that several charts draw alike: a note at the plot's top edge, a rule marking
// a year with its note, and bars coloured by whether they make the balance worse or better.
import { TEXT_SIZE } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

/** Where a note sits against its anchor: Vega-Lite's text alignment and offset in pixels. */
export interface NotePlace {
  align: "left" | "right";
  baseline: "top" | "bottom";
  dx: number;
  dy: number;
}

/**
 * A text layer at the plot's top edge (y = 0 px) at `x`, reading the datum's `field`, in the chart's text size.
 * @example topNote({ field: "at", type: "quantitative" }, "#333333", { align: "left", baseline: "top", dx: 4, dy: 4 }, "label")
 */
export function topNote(
  x: Record<string, unknown>,
  color: string,
  place: NotePlace,
  field = "note",
): Record<string, unknown> {
  return {
    mark: { type: "text", ...place, fontSize: TEXT_SIZE, color },
    encoding: { x, y: { value: 0 }, text: { field, type: "nominal" } },
  };
}

/**
 * A dashed vertical rule at one datum's `x` with its note at the plot's top edge: where the forecast
 * starts, the year the statutory override ends, the year the Stability Grant is paid.
 * @example markedRule({ fy: "2026-27", note: "Override ends" }, { field: "fy", type: "ordinal" }, "#333333", [2, 2], { align: "right", baseline: "bottom", dx: 4, dy: -4 })
 */
export function markedRule(
  datum: Record<string, unknown>,
  x: Record<string, unknown>,
  color: string,
  strokeDash: number[],
  place: NotePlace,
  field = "note",
): Record<string, unknown> {
  return {
    data: { values: [datum] },
    layer: [{ mark: { type: "rule", color, strokeDash }, encoding: { x } }, topNote(x, color, place, field)],
  };
}

/**
 * The colour of a bar by its `effect`: `worse` in the cost colour, `better` in the saving colour, no legend title.
 * @example effectColour("Worse than the central forecast", "Better than the central forecast")
 */
export function effectColour(worse: string, better: string): Record<string, unknown> {
  return {
    field: "effect",
    type: "nominal",
    scale: { domain: [worse, better], range: [SERIES_COLOURS.cost, SERIES_COLOURS.saving] },
    title: null,
  };
}

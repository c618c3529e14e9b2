import type { ForecastResult } from "@hnb/model";
import { colourEncoding, fyEncoding } from "./axes.js";
import { formatMoney, moneyLabelExpr, moneyUnit, wrapLabel } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { placementColours, placementTypes } from "./palette.js";

// Three panels of this width, with their axes, fit the frame's width.
const PANEL_WIDTH = 170;
const PANEL_HEIGHT = 90;
const COLUMNS = 3;

/** Unit cost per placement type per financial year, one panel per type on its own scale. @example unitCostChart(result, ctx) */
export function unitCostChart(
  result: ForecastResult,
  ctx: ChartContext,
  which: "unmitigated" | "mitigated" = "unmitigated",
): Chart {
  // A place-funded pupil costs the place (£ a place) as well as the top-up the placement's unit
  // cost holds: the chart shows both, or resourced provision would look cheaper than mainstream.
  const placeRate = new Map(
    (result[which].placeFunding ?? []).filter((p) => p.places > 0).map((p) => [`${p.id} ${p.fy}`, p.rate]),
  );
  const rows = result[which].placements.map((r) => ({
    ...r,
    unitCost: r.unitCost + (placeRate.get(`${r.id} ${r.fy}`) ?? 0),
  }));
  const placeFunded = new Set(
    (result[which].placeFunding ?? []).filter((p) => p.places > 0).map((p) => p.label),
  );
  const types = placementTypes(rows);
  const colours = placementColours(types);
  // Unit costs run from a few £k to £170k: on one scale the dear types flatten the rest, and lines
  // of similar cost hide each other, so each type gets a panel and a scale of its own. A type with
  // no unit cost in any year has nothing to draw.
  const shown = types.filter((t) => rows.some((r) => r.id === t.id && r.unitCost !== 0));
  const ids = new Set(shown.map((t) => t.id));
  const values = rows
    .filter((r) => ids.has(r.id))
    .map((r) => ({ fy: r.fy, label: r.label, unitCost: r.unitCost }));
  const fys = result.financialYears;
  const firstFy = fys[0] ?? "";
  const lastFy = fys[fys.length - 1] ?? "";
  const last = rows.filter((r) => r.fy === lastFy && r.unitCost > 0);
  const dearest = last.reduce<(typeof last)[number] | undefined>(
    (a, r) => (a === undefined || r.unitCost > a.unitCost ? r : a),
    undefined,
  );
  const cheapest = last.reduce<(typeof last)[number] | undefined>(
    (a, r) => (a === undefined || r.unitCost < a.unitCost ? r : a),
    undefined,
  );
  const unit = moneyUnit(Math.max(0, ...values.map((v) => Math.abs(v.unitCost))));
  const labels = shown.map((t) => t.label);
  // Every header gets as many lines as the longest: a shorter one would lift its panel out of line.
  const wrapped = labels.map((l) => wrapLabel(l, 22));
  const lines = Math.max(1, ...wrapped.map((w) => w.length));
  const headers = Object.fromEntries(
    labels.map((l, i) => [l, [...(wrapped[i] ?? []), ...Array<string>(lines).fill("")].slice(0, lines)]),
  );
  const body = {
    data: { values },
    facet: {
      field: "label",
      type: "nominal",
      sort: labels,
      title: null,
      header: {
        labelAnchor: "start",
        labelAlign: "left",
        labelLimit: 0,
        labelBaseline: "top",
        // JSON is a valid Vega object literal, so quotes in names need no escaping of our own.
        labelExpr: `${JSON.stringify(headers)}[datum.value]`,
      },
    },
    columns: COLUMNS,
    spacing: { row: 12, column: 24 },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      mark: { type: "line", point: true, strokeWidth: 2 },
      encoding: {
        // Seven year labels do not fit a panel: the first and last say where the line runs.
        x: {
          ...fyEncoding(fys, ""),
          title: null,
          axis: { labelAngle: 0, values: [firstFy, lastFy], labelFlush: true },
        },
        y: {
          field: "unitCost",
          type: "quantitative",
          title: null,
          axis: { labelExpr: moneyLabelExpr(unit), tickCount: 3 },
        },
        color: colourEncoding(
          "label",
          labels,
          shown.map((t) => colours.get(t.id) ?? "#000000"),
          null,
          // Each panel names its type, so a legend would only repeat the headers.
          null,
        ),
      },
    },
  };
  // A unit cost the sanity check flagged is flagged here too: the chart is where a reader sees it.
  const flagged = (result.unitCostWarnings ?? []).map((w) => {
    const label = rows.find((r) => r.id === w.id)?.label ?? w.id;
    return ` ${label} is flagged: ${formatMoney(w.unitCost)} against a national ${formatMoney(w.low)}–${formatMoney(w.high)}.`;
  });
  const placeNote = placeFunded.size
    ? ` For place-funded types (${[...placeFunded].join(", ")}) the cost is the top-up plus the place funding of a place.`
    : "";
  const alt =
    dearest && cheapest
      ? `Line charts, one per placement type, of the unit cost per placement by financial year; in ${lastFy} the dearest is ${dearest.label} at ${formatMoney(dearest.unitCost)} and the cheapest ${cheapest.label} at ${formatMoney(cheapest.unitCost)}.${placeNote}${flagged.join("")}`
      : `Line charts, one per placement type, of the unit cost per placement by financial year.${placeNote}${flagged.join("")}`;
  return frame(
    ctx,
    "unit-cost",
    `Unit cost per placement by placement type (£${unit} a year, ${which}${placeFunded.size ? "; place-funded: top-up + place" : ""})`,
    body,
    alt,
  );
}

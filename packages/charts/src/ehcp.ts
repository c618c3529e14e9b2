import type { ForecastResult } from "@hnb/model";
import { colourEncoding } from "./axes.js";
import { formatCount } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { markedRule } from "./marks.js";
import { placementColours, placementTypes } from "./palette.js";

/** The history a chart may show: each placement's census-year counts before the base year. */
export interface PlacementHistory {
  id: string;
  history?: Readonly<Record<string | number, number>> | undefined;
}

/** EHCPs and placements by placement type over census years, history solid and the forecast shaded. @example ehcpChart(result, ctx, scenario.placements) */
export function ehcpChart(
  result: ForecastResult,
  ctx: ChartContext,
  histories: readonly PlacementHistory[] = [],
  which: "unmitigated" | "mitigated" = "unmitigated",
): Chart {
  // Pupil-level costs without an EHCP (category NONE) are not EHCPs: they stay out of this chart.
  const rows = result[which].placements.filter((r) => r.category !== "NONE");
  const types = placementTypes(rows);
  const colours = placementColours(types);
  const base = result.baseYear;
  const baseCount = new Map(rows.filter((r) => r.census === base).map((r) => [r.id, r.count]));
  // A history year is shown only when every placement present at the base year has a figure for
  // it; a partial year would draw a total that never existed.
  const historyYears = [...new Set(histories.flatMap((h) => Object.keys(h.history ?? {}).map(Number)))]
    .filter((y) => y < base)
    .filter((y) =>
      types.every(
        (t) =>
          (baseCount.get(t.id) ?? 0) === 0 ||
          histories.find((h) => h.id === t.id)?.history?.[y] !== undefined,
      ),
    )
    .sort((a, b) => a - b);
  const values: Record<string, unknown>[] = [];
  for (const y of historyYears)
    for (const [order, t] of types.entries())
      values.push({
        census: y,
        id: t.id,
        label: t.label,
        order,
        count: histories.find((h) => h.id === t.id)?.history?.[y] ?? 0,
      });
  for (const r of rows)
    values.push({
      census: r.census,
      id: r.id,
      label: r.label,
      order: types.findIndex((t) => t.id === r.id),
      count: r.count,
    });
  // A placement type with no EHCPs in any year draws no area, so it has no place in the legend.
  const counted = new Set(values.filter((v) => v.count !== 0).map((v) => v.id));
  const shown = types.filter((t) => counted.has(t.id));
  const years = [...new Set(values.map((v) => v.census as number))].sort((a, b) => a - b);
  const first = years[0] ?? base;
  const last = years[years.length - 1] ?? base;
  const total = (y: number) =>
    values.filter((v) => v.census === y).reduce((a, v) => a + (v.count as number), 0);
  const lastRows = rows.filter((r) => r.census === last);
  const largest = lastRows.reduce(
    (a, r) => (r.count > a.count ? r : a),
    lastRows[0] ?? { label: "", count: 0 },
  );
  const body = {
    layer: [
      {
        data: { values: values.filter((v) => counted.has(v.id as string)) },
        mark: { type: "area", line: { strokeWidth: 0.5, color: "white" } },
        encoding: {
          x: {
            field: "census",
            type: "quantitative",
            title: "Census year (January)",
            scale: { domain: [first, last], nice: false },
            axis: { format: "d", tickMinStep: 1 },
          },
          y: {
            field: "count",
            type: "quantitative",
            stack: "zero",
            title: "EHCPs",
            axis: { format: ",.0f" },
          },
          color: colourEncoding(
            "label",
            shown.map((t) => t.label),
            shown.map((t) => colours.get(t.id) ?? "#000000"),
            null,
          ),
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        // A white veil over the forecast years: history reads solid, the forecast shaded.
        data: { values: [{ from: base, to: last, label: "Forecast" }] },
        mark: { type: "rect", color: "white", opacity: 0.4 },
        encoding: { x: { field: "from", type: "quantitative" }, x2: { field: "to" } },
      },
      markedRule(
        { at: base, label: "Forecast \u2192" },
        { field: "at", type: "quantitative" },
        "#333333",
        [4, 3],
        { align: "left", baseline: "top", dx: 4, dy: 4 },
        "label",
      ),
    ],
  };
  const alt =
    `Stacked area chart of EHCPs by placement type by January census, ${first} to ${last}` +
    `${historyYears.length ? ` (history to ${base}, forecast after)` : ` (forecast from base year ${base})`}: ` +
    `the total goes from ${formatCount(total(first))} in ${first} to ${formatCount(total(last))} in ${last}; ` +
    `the largest type in ${last} is ${largest.label} with ${formatCount(largest.count)}.`;
  return frame(
    ctx,
    which === "unmitigated" ? "ehcp-by-placement" : "ehcp-by-placement-mitigated",
    `EHCPs by placement type (${which})`,
    body,
    alt,
  );
}

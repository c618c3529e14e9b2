import { moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

/** One uncertain assumption's effect: the final cumulative balance with it at its 10th and 90th percentile, others central. */
export interface TornadoRow {
  label: string;
  low: number;
  high: number;
  central: number;
}

/** A tornado chart: assumptions sorted by the swing they cause in the final cumulative balance. @example tornadoChart(rows, "2027-28", ctx) */
export function tornadoChart(rows: readonly TornadoRow[], fy: string, ctx: ChartContext): Chart {
  const sorted = [...rows].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const central = sorted[0]?.central ?? 0;
  const values = sorted.flatMap((r) => [
    { label: r.label, end: "At its 10th percentile", from: r.central, to: r.low },
    { label: r.label, end: "At its 90th percentile", from: r.central, to: r.high },
  ]);
  const body = {
    layer: [
      {
        data: { values },
        mark: { type: "bar", height: { band: 0.6 } },
        encoding: {
          y: {
            field: "label",
            type: "nominal",
            sort: sorted.map((r) => r.label),
            title: null,
            axis: { labelLimit: 340 },
          },
          x: {
            field: "from",
            type: "quantitative",
            axis: moneyAxis(
              values.flatMap((v) => [v.from, v.to]),
              `Cumulative balance at ${fy}`,
            ),
          },
          x2: { field: "to" },
          color: {
            field: "end",
            type: "nominal",
            scale: {
              domain: ["At its 10th percentile", "At its 90th percentile"],
              range: [SERIES_COLOURS.decrease, SERIES_COLOURS.mitigated],
            },
            title: null,
          },
        },
      },
      {
        data: { values: [{ central }] },
        mark: { type: "rule", color: "#333333" },
        encoding: { x: { field: "central", type: "quantitative" } },
      },
    ],
  };
  const top = sorted[0];
  const alt = top
    ? `Tornado chart of the cumulative balance at ${fy} (central ${formatMoney(central)}) as each of ${sorted.length} assumptions moves to its 10th and 90th percentile; the widest swing is ${top.label}, from ${formatMoney(Math.min(top.low, top.high))} to ${formatMoney(Math.max(top.low, top.high))}.`
    : `Tornado chart of the cumulative balance at ${fy}: no uncertain assumptions.`;
  return frame(ctx, "tornado", "Which assumptions move the deficit most", body, alt);
}

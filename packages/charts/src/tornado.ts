import { formatNumber } from "@hnb/model";
import { moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame, TEXT_SIZE, WIDTH } from "./frame.js";
import { effectColour, topNote } from "./marks.js";

/** One uncertain assumption's effect: the final cumulative balance with it at its 10th and 90th percentile, others central. */
export interface TornadoBar {
  label: string;
  low: number;
  high: number;
  central: number;
}

// Colour says one thing in every row: whether the assumption's end leaves the balance worse or
// better than the central forecast (the bridge's cost and saving colours); the label says which end.
const WORSE = "Worse than the central forecast";
const BETTER = "Better than the central forecast";
const NAME = "name";
const BARS = "bars";
// A row is two slots of a line of text each: the assumption's name, then both its bars on one line
// either side of the central forecast (the old three-slot row printed 25 cm tall at 16 cm wide).
const SLOT = TEXT_SIZE + 6;
/** The most assumptions a tornado chart draws: an A4 page holds about this many at a legible size, and the rest are in tornado.csv. */
export const TORNADO_BARS = 12;
// A swing under £50k is drawn as no bar and labelled as the centre (figures are to £0.1m): left out.
const VISIBLE_SWING = 50_000;
// Source Sans 3 sets figures and most letters at about half an em: a label's width, generously.
const labelWidth = (text: string) => 0.5 * TEXT_SIZE * [...text].length + 8;
const PERCENTILE = { low: "10th", high: "90th" } as const;

/** A tornado chart: assumptions sorted by the swing they cause in the final cumulative balance, each row's bars running from the central forecast (its rows' centre by default) to the balances the assumption's 10th and 90th percentiles reach, coloured worse or better. @example tornadoChart(tornadoRows, "2027-28", ctx, result.mitigated.ledger.at(-1)?.cumulative) */
export function tornadoChart(
  rows: readonly TornadoBar[],
  fy: string,
  ctx: ChartContext,
  central: number = rows[0]?.central ?? 0,
  forecast?: "unmitigated" | "mitigated",
): Chart {
  const ranked = [...rows].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  // The widest swings only (England scale has 1,500 assumptions; vega cannot even compile that
  // sort), and none too small to see.
  const shown = ranked.filter((r, i) => i === 0 || Math.abs(r.high - r.low) >= VISIBLE_SWING);
  const sorted = shown.slice(0, TORNADO_BARS);
  const rest = ranked.slice(sorted.length);
  const key = (label: string, slot: string) => `${slot}: ${label}`;
  // Bars start at the central (deterministic) forecast the paper quotes, which is the rows' own
  // centre (model tornado(): the other assumptions as the central forecast has them), so the
  // chart reads as "this assumption moves our forecast".
  const values = sorted.flatMap((r) => {
    const ends = (["low", "high"] as const).map((end) => ({ end, to: r[end] }));
    // An end that leaves the balance where it was sits on the other end's side, so its label joins it.
    const sideOf = (to: number, other: number): "left" | "right" =>
      to < central || (to === central && other < central) ? "left" : "right";
    const placed = ends.map((e, i) => ({ ...e, side: sideOf(e.to, ends[1 - i]?.to ?? central) }));
    // The far bar first, so a near one on the same side is drawn over it and stays visible.
    placed.sort((a, b) => Math.abs(b.to - central) - Math.abs(a.to - central));
    return placed.map((e) => ({
      row: key(r.label, BARS),
      label: r.label,
      end: PERCENTILE[e.end],
      from: central,
      to: e.to,
      effect: e.side === "left" ? WORSE : BETTER,
      side: e.side,
    }));
  });
  // One label a side a row, beyond that side's far end: both ends' balances when they fall on the
  // same side (ascending, as they lie on the axis), each with its percentile.
  const labels = sorted.flatMap((r) =>
    (["left", "right"] as const).flatMap((side) => {
      const here = values.filter((v) => v.label === r.label && v.side === side).sort((a, b) => a.to - b.to);
      if (!here.length) return [];
      const far = side === "left" ? here[0] : here[here.length - 1];
      return [
        {
          row: key(r.label, BARS),
          side,
          at: far?.to ?? central,
          text: here.map((v) => `${formatMoney(v.to)} (${v.end})`).join(", "),
        },
      ];
    }),
  );
  // The x domain leaves room for every label beyond its bar: a few fixed-point steps, since each
  // label's room is a share of the span the room itself widens.
  const all = [central, ...values.map((v) => v.to)];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) hi = lo + 1;
  const [dataLo, dataHi] = [lo, hi];
  for (let i = 0; i < 8; i++) {
    const perPx = (hi - lo) / WIDTH;
    lo = Math.min(
      dataLo,
      ...labels.filter((l) => l.side === "left").map((l) => l.at - labelWidth(l.text) * perPx),
    );
    hi = Math.max(
      dataHi,
      ...labels.filter((l) => l.side === "right").map((l) => l.at + labelWidth(l.text) * perPx),
    );
  }
  const order = sorted.flatMap((r) => [key(r.label, NAME), key(r.label, BARS)]);
  const y = {
    field: "row",
    type: "nominal",
    sort: order,
    axis: null,
    scale: { paddingInner: 0, paddingOuter: 0 },
  };
  const x = {
    field: "from",
    type: "quantitative",
    axis: moneyAxis(all, `Balance at ${fy}, one assumption at its 10th or 90th percentile`),
    scale: { domain: [lo, hi], nice: false },
  };
  const label = (side: "left" | "right") => ({
    data: { values: labels.filter((l) => l.side === side) },
    mark: {
      type: "text",
      align: side === "left" ? "right" : "left",
      baseline: "middle",
      dx: side === "left" ? -4 : 4,
      fontSize: TEXT_SIZE,
      color: "#333333",
    },
    encoding: { y, x: { field: "at", type: "quantitative" }, text: { field: "text", type: "nominal" } },
  });
  // The central line runs through the bars' slots only, so no name or label lies across it.
  const centralAt = (central - lo) / (hi - lo);
  const body = {
    height: { step: SLOT },
    layer: [
      {
        data: { values },
        mark: { type: "bar", stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          y,
          x,
          x2: { field: "to" },
          color: effectColour(WORSE, BETTER),
        },
      },
      label("left"),
      label("right"),
      {
        data: { values: sorted.map((r) => ({ row: key(r.label, NAME), label: r.label })) },
        mark: { type: "text", align: "left", baseline: "middle", fontSize: TEXT_SIZE, color: "#000000" },
        encoding: { y, x: { value: 0 }, text: { field: "label", type: "nominal" } },
      },
      {
        data: { values: sorted.map((r) => ({ row: key(r.label, BARS), central })) },
        mark: { type: "tick", orient: "vertical", color: "#333333", thickness: 1.5, size: SLOT, opacity: 1 },
        encoding: { y, x: { field: "central", type: "quantitative" } },
      },
      {
        // Above the plot, on the side of the line with more room.
        data: { values: [{ central, note: `Central forecast ${formatMoney(central)}` }] },
        ...topNote({ field: "central", type: "quantitative" }, "#333333", {
          align: centralAt > 0.6 ? "right" : "left",
          baseline: "bottom",
          dx: centralAt > 0.6 ? -4 : 4,
          dy: -2,
        }),
      },
    ],
  };
  const top = sorted[0];
  const widestLeft = rest[0] ? Math.abs(rest[0].high - rest[0].low) : 0;
  const omitted = rest.length
    ? ` The ${formatNumber(rest.length)} other assumptions each move it by ${formatMoney(widestLeft)} or less (all are in tornado.csv).`
    : "";
  const alt = top
    ? `Tornado chart of the cumulative balance at ${fy} (central forecast ${formatMoney(central)}) as each of ${sorted.length === ranked.length ? sorted.length : `the ${sorted.length} most influential of ${formatNumber(ranked.length)}`} assumptions moves to its 10th and 90th percentile; the widest swing is ${top.label}, from ${formatMoney(Math.min(top.low, top.high))} to ${formatMoney(Math.max(top.low, top.high))}.${omitted}`
    : `Tornado chart of the cumulative balance at ${fy}: no uncertain assumptions.`;
  const title = `Which assumptions move the ${forecast ? `${forecast} ` : ""}${fy} balance most${rest.length ? ` (the ${sorted.length} widest of ${formatNumber(ranked.length)})` : ""}`;
  return frame(ctx, "tornado", title, body, alt);
}

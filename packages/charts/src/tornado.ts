import { formatNumber } from "@hnb/model";
import { moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame, TEXT_SIZE, WIDTH } from "./frame.js";

/** One uncertain assumption's effect: the final cumulative balance with it at its 10th and 90th percentile, others central. */
export interface TornadoBar {
  label: string;
  low: number;
  high: number;
  central: number;
}

// Neither of the forecasts' colours (orange and blue mean unmitigated and mitigated in every chart).
const LOW_COLOUR = "#AA4499";
const HIGH_COLOUR = "#44AA99";
const LOW = "At its 10th percentile";
const HIGH = "At its 90th percentile";
const NAME = "name";
// A row is three slots of a line of text each (the name over the two bars); with an offset
// channel Vega-Lite's height step sizes the slot.
const SLOT = TEXT_SIZE + 8;
const LABEL_ROOM = 80;
/** The most assumptions a tornado chart draws: an A4 page holds about this many at a legible size, and the rest are in tornado.csv. */
export const TORNADO_BARS = 12;
// A swing under £50k is drawn as no bar and labelled as the centre (figures are to £0.1m): left out.
const VISIBLE_SWING = 50_000;

/** A tornado chart: assumptions sorted by the swing they cause in the final cumulative balance, each bar running from the central forecast (its rows' centre by default) to the balance it reaches. @example tornadoChart(tornadoRows, "2027-28", ctx, result.mitigated.ledger.at(-1)?.cumulative) */
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
  // Bars start at the central (deterministic) forecast the paper quotes, which is the rows' own
  // centre (model tornado(): the other assumptions as the central forecast has them), so the
  // chart reads as "this assumption moves our forecast".
  const values = sorted.flatMap((r) =>
    [
      { label: r.label, end: LOW, to: r.low },
      { label: r.label, end: HIGH, to: r.high },
    ].map((v) => ({
      ...v,
      from: central,
      text: formatMoney(v.to),
      // Value labels sit beyond the bar's far end, whichever side of the centre that is.
      side: v.to < central ? "left" : "right",
    })),
  );
  const all = [central, ...values.map((v) => v.to)];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const room = ((hi - lo || 1) * LABEL_ROOM) / (WIDTH - 2 * LABEL_ROOM);
  const y = { field: "label", type: "nominal", sort: sorted.map((r) => r.label), axis: null };
  // Each row has three slots: the assumption's name, then its 10th and its 90th percentile bar.
  const slots = { domain: [NAME, LOW, HIGH], paddingInner: 0.1, paddingOuter: 0 };
  const yOffset = { field: "end", type: "nominal", scale: slots };
  const x = {
    field: "from",
    type: "quantitative",
    axis: moneyAxis(all, `Cumulative balance at ${fy}`),
    scale: { domain: [lo - room, hi + room], nice: false },
  };
  const label = (side: "left" | "right") => ({
    transform: [{ filter: `datum.side === '${side}'` }],
    mark: {
      type: "text",
      align: side === "left" ? "right" : "left",
      baseline: "middle",
      dx: side === "left" ? -4 : 4,
      fontSize: TEXT_SIZE,
      color: "#333333",
    },
    encoding: {
      y,
      yOffset,
      x: { field: "to", type: "quantitative" },
      text: { field: "text", type: "nominal" },
    },
  });
  const body = {
    height: { step: SLOT },
    layer: [
      {
        data: { values },
        layer: [
          {
            mark: { type: "bar" },
            encoding: {
              y,
              yOffset,
              x,
              x2: { field: "to" },
              color: {
                field: "end",
                type: "nominal",
                scale: { domain: [LOW, HIGH], range: [LOW_COLOUR, HIGH_COLOUR] },
                title: null,
              },
            },
          },
          label("left"),
          label("right"),
        ],
      },
      {
        data: { values: sorted.map((r) => ({ label: r.label, end: NAME })) },
        mark: { type: "text", align: "left", baseline: "middle", fontSize: TEXT_SIZE, color: "#000000" },
        encoding: { y, yOffset, x: { value: 0 }, text: { field: "label", type: "nominal" } },
      },
      {
        data: { values: [{ central, note: `Central forecast ${formatMoney(central)}` }] },
        layer: [
          {
            mark: { type: "rule", color: "#333333" },
            encoding: { x: { field: "central", type: "quantitative" } },
          },
          {
            mark: {
              type: "text",
              align: "left",
              baseline: "bottom",
              dx: 4,
              dy: -2,
              fontSize: TEXT_SIZE,
              color: "#333333",
            },
            encoding: {
              x: { field: "central", type: "quantitative" },
              y: { value: 0 },
              text: { field: "note", type: "nominal" },
            },
          },
        ],
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

import { type BridgeRow, bridge, type ForecastResult } from "@hnb/model";
import { moneyAxis } from "./axes.js";
import { formatChange, formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame, TEXT_SIZE, WIDTH } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

// A row is a line of text for the name over a bar; the bar sits in the row's lower part.
const ROW = 2.5 * TEXT_SIZE + 12;
const BAR = 1.2 * TEXT_SIZE;
const BAR_OFFSET = (ROW - BAR) / 2 - 4;
// Pixels left of the lowest bar for a label such as "−£235.6m".
const LABEL_ROOM = 80;

// A lever that costs more than it saves (staffing, say): it adds to the deficit.
const COST = "Cost (adds to the deficit)";

/** The waterfall from the unmitigated to the mitigated final cumulative balance, one labelled bar per lever, drawn across (Shapley shares by default). @example bridgeChart(result, ctx) */
export function bridgeChart(
  result: ForecastResult,
  ctx: ChartContext,
  basis: "shapley" | "sequential" = "shapley",
): Chart {
  const rows: BridgeRow[] = bridge(result, basis);
  let previous = 0;
  const values = rows.map((r, order) => {
    const from = r.kind === "lever" ? previous : 0;
    previous = r.total;
    return {
      order,
      label: r.label,
      from,
      to: r.total,
      value: r.value,
      // A lever's label is its effect, a balance's label the balance itself.
      text: r.kind === "lever" ? formatChange(r.value) : formatMoney(r.total),
      kind:
        r.kind !== "lever" ? "Balance" : r.group === "funding" ? "Funding" : r.value >= 0 ? "Saving" : COST,
    };
  });
  // Savings and funding apart: a grant or a transfer brings money in, it does not spend less. The
  // legend keeps the kinds the chart draws.
  const kinds: [string, string][] = [
    ["Balance", SERIES_COLOURS.total],
    ["Saving", SERIES_COLOURS.saving],
    [COST, SERIES_COLOURS.cost],
    ["Funding", SERIES_COLOURS.funding],
  ];
  const drawn = kinds.filter(([kind]) => values.some((v) => v.kind === kind));
  const domain = drawn.map(([kind]) => kind);
  const range = drawn.map(([, colour]) => colour);
  const labels = values.map((v) => v.label);
  const from = values.map((v) => v.from);
  const to = values.map((v) => v.to);
  const axis = bridgeAxis(values);
  const { lo, hi } = axis;
  // Room left of the lowest bar for its value label: value labels sit left of their bars.
  const room = ((hi - lo) * LABEL_ROOM) / (WIDTH - LABEL_ROOM);
  const domain0 = lo - room;
  // Each lever's name runs whole across the top of its row, above its bar: level, uncut, and not
  // squeezed into a side column that would take the plot's width.
  const y = { field: "label", type: "nominal", sort: labels, axis: null };
  const bar = { yOffset: BAR_OFFSET };
  const body = {
    height: { step: ROW },
    data: {
      values: values.map((v) => ({
        ...v,
        // A balance bar cut by the axis break keeps its label where the bar shows.
        left: Math.min(Math.max(Math.min(v.from, v.to), domain0), hi),
      })),
    },
    layer: [
      ...(axis.broken ? [] : [{ mark: { type: "rule", color: "#333333" }, encoding: { x: { datum: 0 } } }]),
      {
        mark: { type: "bar", height: BAR, clip: true, ...bar },
        encoding: {
          y,
          x: {
            field: "from",
            type: "quantitative",
            axis: brokenTitle(moneyAxis([...from, ...to], "Cumulative balance"), axis),
            scale: { domain: [domain0, hi], nice: false },
          },
          x2: { field: "to" },
          color: { field: "kind", type: "nominal", scale: { domain, range }, title: null },
        },
      },
      ...(axis.broken ? [breakMarks(values, axis, y, bar)] : []),
      {
        mark: { type: "text", align: "left", baseline: "top", dy: 2, fontSize: TEXT_SIZE, color: "#000000" },
        encoding: {
          y: { ...y, bandPosition: 0 },
          x: { value: 0 },
          text: { field: "label", type: "nominal" },
        },
      },
      {
        mark: {
          type: "text",
          align: "right",
          baseline: "middle",
          dx: -4,
          fontSize: TEXT_SIZE,
          color: "#333333",
          ...bar,
        },
        encoding: { y, x: { field: "left", type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
  };
  const start = rows[0]?.value ?? 0;
  const end = rows[rows.length - 1]?.value ?? 0;
  const levers = rows.filter((r) => r.kind === "lever");
  const biggest = levers.reduce<BridgeRow | undefined>(
    (a, r) => (a === undefined || r.value > a.value ? r : a),
    undefined,
  );
  const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
  const alt =
    `Horizontal waterfall chart from the unmitigated cumulative balance at ${lastFy} of ${formatMoney(start)} to the mitigated ${formatMoney(end)} through ${levers.length} lever${levers.length === 1 ? "" : "s"}` +
    (biggest
      ? `; the largest ${basis === "shapley" ? "Shapley share" : "sequential saving"} is ${biggest.label} at ${formatMoney(biggest.value)}.`
      : ".");
  const funding = levers.filter((r) => r.group === "funding").reduce((a, r) => a + r.value, 0);
  return frame(
    ctx,
    "bridge",
    `From unmitigated to mitigated: each lever's ${basis === "shapley" ? "Shapley share" : "sequential saving"}, savings then funding`,
    body,
    `${alt}${axis.broken ? ` The axis is cut at ${formatMoney(axis.near)}, not £0.` : ""} Savings come first, then ${levers.some((r) => r.group === "funding") ? `funding (transfers, grants net of their spend, Safety Valve payments) of ${formatMoney(funding)} in all` : "funding, of which this plan has none"}.`,
  );
}

/** Where a bridge's money axis runs: from the bars' own range, broken short of £0 when £0 would squeeze the steps into slivers. */
export interface BridgeAxis {
  lo: number;
  hi: number;
  /** True when the axis stops short of £0 and the balance bars (which run from £0) are cut. */
  broken: boolean;
  /** The axis end nearest £0 when broken. */
  near: number;
}

// Levers are a few £m on balances of a hundred or more: drawn from £0 they are slivers. When every
// running total sits on one side of £0 and their spread is under their distance from it (most of an
// axis from £0 would be empty), the axis starts near the smaller end instead, with the cut said on
// the bars and in the axis title.
/** The axis of a bridge whose `total` bars run from £0 and whose steps run between them. @example bridgeAxis([{ from: 0, to: -250e6, kind: "Balance" }, { from: -250e6, to: -240e6, kind: "Saving" }]).broken === true */
export function bridgeAxis(
  values: readonly { from: number; to: number; kind: string }[],
  total = "Balance",
): BridgeAxis {
  const points = values.flatMap((v) => (v.kind === total ? [v.to] : [v.from, v.to]));
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  const nearest = Math.min(Math.abs(lo), Math.abs(hi));
  const oneSide = lo > 0 || hi < 0;
  if (!oneSide || hi - lo >= nearest)
    return { lo: Math.min(0, lo), hi: Math.max(0, hi), broken: false, near: 0 };
  const pad = 0.08 * (hi - lo || Math.abs(hi));
  // A round figure near the smaller end, so the axis title's "from" reads as a tick would.
  const step = 10 ** Math.floor(Math.log10(pad || 1));
  return hi < 0
    ? { lo, hi: Math.ceil((hi + pad) / step) * step, broken: true, near: Math.ceil((hi + pad) / step) * step }
    : {
        lo: Math.floor((lo - pad) / step) * step,
        hi,
        broken: true,
        near: Math.floor((lo - pad) / step) * step,
      };
}

// Two white slashes across each balance bar, just inside the cut end: the break drawn where it is.
function breakMarks(
  values: readonly { label: string; kind: string }[],
  axis: BridgeAxis,
  y: Record<string, unknown>,
  bar: Record<string, unknown>,
): Record<string, unknown> {
  const at = axis.near + (axis.near < 0 ? -1 : 1) * 0.03 * (axis.hi - axis.lo);
  return {
    data: { values: values.filter((v) => v.kind === "Balance").map((v) => ({ label: v.label, at })) },
    mark: {
      type: "text",
      text: "//",
      fontSize: TEXT_SIZE + 6,
      fontWeight: 700,
      color: "#ffffff",
      baseline: "middle",
      ...bar,
    },
    encoding: { y, x: { field: "at", type: "quantitative" } },
  };
}

// The break said where the unit is: "Cumulative balance (£m): axis cut at −£190.0m, the balance bars run on to £0".
function brokenTitle(spec: Record<string, unknown>, axis: BridgeAxis): Record<string, unknown> {
  return axis.broken
    ? {
        ...spec,
        title: `${spec.title}: axis cut at ${formatMoney(axis.near)}, the balance bars run on to £0`,
      }
    : spec;
}

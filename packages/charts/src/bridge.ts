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
  const lo = Math.min(0, ...from, ...to);
  const hi = Math.max(0, ...from, ...to);
  // Room left of the lowest bar for its value label: value labels sit left of their bars.
  const room = ((hi - lo) * LABEL_ROOM) / (WIDTH - LABEL_ROOM);
  // Each lever's name runs whole across the top of its row, above its bar: level, uncut, and not
  // squeezed into a side column that would take the plot's width.
  const y = { field: "label", type: "nominal", sort: labels, axis: null };
  const bar = { yOffset: BAR_OFFSET };
  const body = {
    height: { step: ROW },
    data: { values: values.map((v) => ({ ...v, left: Math.min(v.from, v.to) })) },
    layer: [
      { mark: { type: "rule", color: "#333333" }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: "bar", height: BAR, ...bar },
        encoding: {
          y,
          x: {
            field: "from",
            type: "quantitative",
            axis: moneyAxis([...from, ...to], "Cumulative balance"),
            scale: { domain: [lo - room, hi], nice: false },
          },
          x2: { field: "to" },
          color: { field: "kind", type: "nominal", scale: { domain, range }, title: null },
        },
      },
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
    `${alt} Savings come first, then ${levers.some((r) => r.group === "funding") ? `funding (transfers, grants net of their spend, Safety Valve payments) of ${formatMoney(funding)} in all` : "funding, of which this plan has none"}.`,
  );
}

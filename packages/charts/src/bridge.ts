import { type BridgeRow, bridge, type ForecastResult } from "@hnb/model";
import { moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

/** The waterfall from the unmitigated to the mitigated final cumulative balance, one bar per lever (Shapley shares by default). @example bridgeChart(result, ctx) */
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
      kind:
        r.kind !== "lever"
          ? "Balance"
          : r.group === "funding"
            ? "Funding"
            : r.value >= 0
              ? "Saving"
              : "Saving (costs more)",
    };
  });
  // Savings and funding apart: a grant or a transfer brings money in, it does not spend less.
  const domain = ["Balance", "Saving", "Saving (costs more)", "Funding"];
  const range = [
    SERIES_COLOURS.total,
    SERIES_COLOURS.increase,
    SERIES_COLOURS.decrease,
    SERIES_COLOURS.funding,
  ];
  const x = {
    field: "label",
    type: "nominal",
    sort: values.map((v) => v.label),
    title: null,
    axis: { labelAngle: -30, labelLimit: 300 },
  };
  const body = {
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#333333" }, encoding: { y: { datum: 0 } } },
      {
        mark: { type: "bar", width: { band: 0.7 } },
        encoding: {
          x,
          y: {
            field: "from",
            type: "quantitative",
            axis: moneyAxis([...values.map((v) => v.from), ...values.map((v) => v.to)], "Cumulative balance"),
          },
          y2: { field: "to" },
          color: { field: "kind", type: "nominal", scale: { domain, range }, title: null },
        },
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
    `Waterfall chart from the unmitigated cumulative balance at ${lastFy} of ${formatMoney(start)} to the mitigated ${formatMoney(end)} through ${levers.length} levers` +
    (biggest
      ? `; the largest ${basis === "shapley" ? "Shapley share" : "sequential saving"} is ${biggest.label} at ${formatMoney(biggest.value)}.`
      : ".");
  const funding = levers.filter((r) => r.group === "funding").reduce((a, r) => a + r.value, 0);
  return frame(
    ctx,
    "bridge",
    "From unmitigated to mitigated: savings, then funding",
    body,
    `${alt} Savings come first, then funding (transfers, grants net of their spend, Safety Valve payments) of ${formatMoney(funding)} in all.`,
  );
}

import type { ForecastResult } from "@hnb/model";
import { colourEncoding, fyEncoding, moneyAxis } from "./axes.js";
import { formatMoney, formatRate } from "./format.js";
import { type Chart, type ChartContext, frame, HEIGHT, TEXT_SIZE, WIDTH } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

const ROUTE = {
  "schools-forum": "Schools Forum approval (up to 0.5%)",
  disapplication: "Disapplication request (above 0.5%)",
};

/** Schools Block transfer by financial year, coloured by the approval route each needs; the mitigated forecast when there are levers. @example transferChart(result, ctx) */
export function transferChart(result: ForecastResult, ctx: ChartContext): Chart {
  const which = result.levers.length ? "mitigated" : "unmitigated";
  const transfers = result[which].transfers;
  const values = transfers.map((t) => ({
    fy: t.fy,
    amount: t.amount,
    route: ROUTE[t.needs],
    rate: formatRate(t.rate),
  }));
  // A route no year needs draws no bar, so it has no place in the legend.
  const routes = (["schools-forum", "disapplication"] as const).filter((r) =>
    transfers.some((t) => t.needs === r && t.amount !== 0),
  );
  const body = {
    data: { values },
    layer: [
      {
        mark: { type: "bar", width: { band: 0.6 } },
        encoding: {
          x: fyEncoding(result.financialYears),
          y: {
            field: "amount",
            type: "quantitative",
            axis: moneyAxis([...values.map((v) => v.amount), 1], "Transfer into the High Needs Block"),
          },
          color: colourEncoding(
            "route",
            routes.map((r) => ROUTE[r]),
            routes.map((r) => SERIES_COLOURS[r]),
            null,
          ),
        },
      },
      {
        mark: { type: "text", baseline: "bottom", dy: -3, fontSize: TEXT_SIZE, color: "#333333" },
        encoding: {
          x: fyEncoding(result.financialYears),
          y: { field: "amount", type: "quantitative" },
          text: { field: "rate", type: "nominal" },
        },
      },
      // An empty plot would read as a chart that failed to draw: it says there is nothing to draw.
      ...(transfers.some((t) => t.amount !== 0)
        ? []
        : [
            {
              data: { values: [{ note: "No Schools Block transfer in any year" }] },
              mark: { type: "text", fontSize: TEXT_SIZE, color: "#555555" },
              encoding: {
                text: { field: "note", type: "nominal" },
                x: { value: WIDTH / 2 },
                y: { value: HEIGHT / 2 - TEXT_SIZE * 2 },
              },
            },
          ]),
    ],
  };
  const total = transfers.reduce((a, t) => a + t.amount, 0);
  const disapplications = transfers.filter((t) => t.needs === "disapplication").length;
  const alt = transfers.length
    ? `Bar chart of the Schools Block transfer by financial year (${which} forecast): ${transfers.length} transfer${transfers.length > 1 ? "s" : ""} totalling ${formatMoney(total)}; ` +
      (disapplications === 0
        ? "all are within the 0.5% Schools Forum limit."
        : `${disapplications} need${disapplications === 1 ? "s" : ""} a disapplication request (above 0.5%).`)
    : `Bar chart of the Schools Block transfer by financial year (${which} forecast): no transfer in any year.`;
  return frame(ctx, "transfers", "Schools Block transfer and its approval route", body, alt);
}

import { colourEncoding, fyEncoding, moneyAxis, zeroRule } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

/** One financial year of a fan: the 10th, 50th and 90th percentiles of a balance. */
export interface FanRow {
  fy: string;
  forecast: "unmitigated" | "mitigated";
  p10: number;
  p50: number;
  p90: number;
}

/** A fan chart: the 10–90% band and the median of the cumulative balance for each forecast. @example fanChart(rows, fys, ctx, 2000) */
export function fanChart(
  rows: readonly FanRow[],
  fys: readonly string[],
  ctx: ChartContext,
  paths: number,
): Chart {
  const forecasts = (["unmitigated", "mitigated"] as const).filter((w) => rows.some((r) => r.forecast === w));
  const name = (w: "unmitigated" | "mitigated") => (w === "unmitigated" ? "Unmitigated" : "Mitigated");
  const values = rows.map((r) => ({ ...r, forecast: name(r.forecast) }));
  const colour = colourEncoding(
    "forecast",
    forecasts.map(name),
    forecasts.map((w) => SERIES_COLOURS[w]),
    null,
  );
  const body = {
    layer: [
      zeroRule(),
      {
        data: { values },
        layer: [
          {
            mark: { type: "area", opacity: 0.25 },
            encoding: {
              x: fyEncoding(fys),
              y: {
                field: "p10",
                type: "quantitative",
                axis: moneyAxis(
                  values.flatMap((v) => [v.p10, v.p90]),
                  "Cumulative DSG balance",
                ),
              },
              y2: { field: "p90" },
              color: colour,
            },
          },
          {
            mark: { type: "line", point: true, strokeWidth: 2 },
            encoding: { x: fyEncoding(fys), y: { field: "p50", type: "quantitative" }, color: colour },
          },
        ],
      },
    ],
  };
  const lastFy = fys[fys.length - 1] ?? "";
  const parts = forecasts.map((w) => {
    const r = rows.find((x) => x.forecast === w && x.fy === lastFy);
    return r
      ? `${w} median ${formatMoney(r.p50)} (10–90% range ${formatMoney(r.p10)} to ${formatMoney(r.p90)})`
      : "";
  });
  const alt = `Fan chart of the cumulative DSG balance from ${paths.toLocaleString("en-GB")} simulated paths; at ${lastFy}: ${parts.filter(Boolean).join("; ")}.`;
  return frame(ctx, "fan", "Cumulative DSG balance: range of outcomes (10th–90th percentile)", body, alt);
}

import { type ForecastResult, forecastName, formatNumber } from "@hnb/model";
import { colourEncoding, dashEncoding, fyEncoding, lineLegend, moneyAxis, zeroRule } from "./axes.js";
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

/** The deterministic forecasts a fan is drawn around: a ForecastResult has this shape. */
export type FanCentral = {
  [W in "unmitigated" | "mitigated"]: { ledger: readonly { fy: string; cumulative: number }[] };
} & Partial<Pick<ForecastResult, "plan">>;

const CENTRAL = "Central forecast";
// Three legends side by side overflow the width a paper prints at: each stacks its entries.
const STACKED = { ...lineLegend(), columns: 1 };

/** A fan chart of the cumulative balance for each forecast: the central forecast (when given), the median of the simulated paths and their 10–90% band. @example fanChart(fanRows, result.financialYears, ctx, 2000, result) */
export function fanChart(
  rows: readonly FanRow[],
  fys: readonly string[],
  ctx: ChartContext,
  paths: number,
  central?: FanCentral,
): Chart {
  const forecasts = (["unmitigated", "mitigated"] as const).filter((w) => rows.some((r) => r.forecast === w));
  const name = (w: "unmitigated" | "mitigated") => forecastName(central ?? {}, w);
  const count = formatNumber(paths, 3);
  const median = `Median of ${count} paths`;
  const bands = rows.map((r) => ({ fy: r.fy, forecast: name(r.forecast), p10: r.p10, p90: r.p90 }));
  const centralLines = central
    ? forecasts.flatMap((w) =>
        central[w].ledger
          .filter((l) => fys.includes(l.fy))
          .map((l) => ({ fy: l.fy, forecast: name(w), measure: CENTRAL, value: l.cumulative })),
      )
    : [];
  const lines = [
    ...centralLines,
    ...rows.map((r) => ({ fy: r.fy, forecast: name(r.forecast), measure: median, value: r.p50 })),
  ];
  const measures = centralLines.length ? [CENTRAL, median] : [median];
  const dash = dashEncoding("measure", measures);
  const forecastColour = colourEncoding(
    "forecast",
    forecasts.map(name),
    forecasts.map((w) => SERIES_COLOURS[w]),
    null,
    STACKED,
  );
  const body = {
    layer: [
      zeroRule(),
      {
        data: { values: bands },
        // Each band in its forecast's colour, light enough that the two can overlap and still be
        // told apart; the lines' legend names them, the title says what the bands are.
        mark: { type: "area", opacity: 0.22 },
        encoding: {
          x: fyEncoding(fys),
          y: {
            field: "p10",
            type: "quantitative",
            axis: moneyAxis(
              [...bands.flatMap((v) => [v.p10, v.p90]), ...lines.map((v) => v.value)],
              "Cumulative DSG balance",
            ),
          },
          y2: { field: "p90" },
          detail: { field: "forecast", type: "nominal" },
          // The lines' colour scale and legend, shared: one key per forecast for band and lines.
          color: forecastColour,
        },
      },
      {
        data: { values: lines },
        mark: { type: "line", strokeWidth: 2.5 },
        encoding: {
          x: fyEncoding(fys),
          y: { field: "value", type: "quantitative" },
          color: forecastColour,
          strokeDash: { ...dash, legend: { ...(dash.legend as object), ...STACKED } },
        },
      },
    ],
  };
  const lastFy = fys[fys.length - 1] ?? "";
  const parts = forecasts.map((w) => {
    const r = rows.find((x) => x.forecast === w && x.fy === lastFy);
    const c = centralLines.find((x) => x.forecast === name(w) && x.fy === lastFy);
    return r
      ? `${w} ${c ? `central forecast ${formatMoney(c.value)}, ` : ""}median ${formatMoney(r.p50)} (10–90% range ${formatMoney(r.p10)} to ${formatMoney(r.p90)})`
      : "";
  });
  const alt = `Fan chart of the cumulative DSG balance from ${count} simulated paths; at ${lastFy}: ${parts.filter(Boolean).join("; ")}.`;
  return frame(
    ctx,
    "fan",
    centralLines.length
      ? "Cumulative DSG balance: central forecast, 10th–90th percentile shaded"
      : "Cumulative DSG balance: median, 10th–90th percentile shaded",
    body,
    alt,
  );
}

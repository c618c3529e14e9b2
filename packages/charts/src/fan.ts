import { type ForecastResult, forecastName, formatNumber } from "@hnb/model";
import { colourEncoding, dashEncoding, fyEncoding, lineLegend, moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, forecastPanels, frame } from "./frame.js";
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
  // One panel per forecast on a shared scale: two translucent bands on one plot overlapped into a
  // third colour no legend explained. Side by side, each band is its forecast's colour alone.
  const x = { ...fyEncoding(fys), axis: { labelAngle: forecasts.length > 1 ? -45 : 0 } };
  const values = [
    ...bands.map((b) => ({ ...b, kind: "band" })),
    ...lines.map((l) => ({ ...l, kind: "line" })),
  ];
  const panelColour = { ...forecastColour, legend: null };
  const body = forecastPanels(values, forecasts.map(name), {
    layer: [
      { mark: { type: "rule", color: "#333333" }, encoding: { y: { datum: 0 } } },
      {
        transform: [{ filter: "datum.kind === 'band'" }],
        mark: { type: "area", opacity: 0.22 },
        encoding: {
          x,
          y: {
            field: "p10",
            type: "quantitative",
            axis: moneyAxis(
              [...bands.flatMap((v) => [v.p10, v.p90]), ...lines.map((v) => v.value)],
              "Cumulative DSG balance",
            ),
          },
          y2: { field: "p90" },
          color: panelColour,
        },
      },
      {
        transform: [{ filter: "datum.kind === 'line'" }],
        mark: { type: "line", strokeWidth: 2.5 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative" },
          color: panelColour,
          strokeDash: { ...dash, legend: { ...(dash.legend as object), ...STACKED, columns: 2 } },
        },
      },
    ],
  });
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

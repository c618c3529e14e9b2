import { type Chart, type ChartContext, frame } from "./frame.js";

/** The error of one growth method at one horizon: median absolute percentage error over origins and authorities. */
export interface BacktestErrorRow {
  method: string;
  horizon: number;
  /** Median absolute percentage error as a decimal (0.05 = 5%). */
  mape: number;
}

const HORIZON_COLOURS = ["#88CCEE", "#44AA99", "#117733", "#332288", "#999933"];

/** Backtest error by growth method and forecast horizon (grouped bars). @example backtestChart(errorRows, ctx, "159 authorities") */
export function backtestChart(rows: readonly BacktestErrorRow[], ctx: ChartContext, scope: string): Chart {
  const horizons = [...new Set(rows.map((r) => r.horizon))].sort((a, b) => a - b);
  const methods = [...new Set(rows.map((r) => r.method))];
  const values = rows.map((r) => ({
    ...r,
    horizonLabel: `${r.horizon} year${r.horizon > 1 ? "s" : ""} ahead`,
  }));
  const body = {
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "method",
        type: "nominal",
        sort: methods,
        title: "Growth method",
        axis: { labelAngle: -30 },
      },
      xOffset: {
        field: "horizonLabel",
        type: "nominal",
        sort: horizons.map((h) => `${h} year${h > 1 ? "s" : ""} ahead`),
      },
      y: {
        field: "mape",
        type: "quantitative",
        title: "Median absolute percentage error",
        axis: { format: ".0%" },
      },
      color: {
        field: "horizonLabel",
        type: "nominal",
        sort: horizons.map((h) => `${h} year${h > 1 ? "s" : ""} ahead`),
        scale: { range: HORIZON_COLOURS.slice(0, horizons.length) },
        title: null,
      },
    },
  };
  const far = horizons[horizons.length - 1] ?? 0;
  const best = rows
    .filter((r) => r.horizon === far)
    .reduce<BacktestErrorRow | undefined>((a, r) => (a === undefined || r.mape < a.mape ? r : a), undefined);
  const alt = best
    ? `Grouped bar chart of the backtest error of ${methods.length} growth methods at ${horizons.join(", ")} years ahead (${scope}); at ${far} years the most accurate is ${best.method} with a median absolute error of ${(best.mape * 100).toFixed(1)}%.`
    : `Grouped bar chart of backtest error (${scope}): no backtest rows.`;
  return frame(ctx, "backtest", "How well each growth method would have forecast", body, alt);
}

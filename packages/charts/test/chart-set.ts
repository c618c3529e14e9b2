// The charts the chart tests check: the Forum set of the default scenario, the charts drawn from
// calibration and uncertainty, and the variants a paper can carry.
import {
  backtestChart,
  type Chart,
  contextOf,
  ehcpChart,
  expenditureChart,
  fanChart,
  forecastCharts,
  tornadoChart,
  unitCostChart,
} from "../src/index.js";
import { central, lastFy, result, scenario } from "./default-forecast.js";

/** The context every chart here is drawn in. */
export const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022); hnb forecast");

// Fixed inputs for the charts whose data come from calibration and uncertainty.
const extras: Chart[] = [
  fanChart(
    result.unmitigated.ledger.map((l, i) => ({
      fy: l.fy,
      forecast: "unmitigated" as const,
      p10: l.cumulative - 4e6 * (i + 1),
      p50: l.cumulative - 1e6 * i,
      p90: l.cumulative + 2e6 * (i + 1),
    })),
    result.financialYears,
    ctx,
    1000,
    result,
  ),
  // Rows around the central forecast, whose median-of-assumptions centre is deliberately off it.
  tornadoChart(
    [
      { label: "EHCP growth", low: central - 23e6, high: central + 17e6, central: central + 1e6 },
      { label: "Unit-cost inflation", low: central - 8e6, high: central + 7e6, central: central + 1e6 },
    ],
    lastFy,
    ctx,
    central,
  ),
  backtestChart(
    [
      { method: "last-year", horizon: 1, mape: 0.06 },
      { method: "last-year", horizon: 3, mape: 0.15 },
      { method: "auto", horizon: 1, mape: 0.05 },
      { method: "auto", horizon: 3, mape: 0.11 },
    ],
    ctx,
    "test rows",
  ),
];
/** The Forum set of the default scenario and the fan, tornado and backtest charts. */
export const charts = [...forecastCharts(result, ctx, scenario.placements), ...extras];
/** One of `charts` by name. */
export const chart = (name: string) => {
  const c = charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c;
};

/** The unmitigated and mitigated forecasts' colours: only those two may use them. */
export const ORANGE = "#D55E00";
export const BLUE = "#0072B2";
// Every variant a paper can carry, not only the Forum set's defaults.
export const variants = [
  ...charts,
  ehcpChart(result, ctx, scenario.placements, "mitigated"),
  expenditureChart(result, ctx, "mitigated"),
  unitCostChart(result, ctx, "mitigated"),
];

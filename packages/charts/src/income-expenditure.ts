import { type ForecastResult, forecastName } from "@hnb/model";
import { colourEncoding, dashEncoding, fyEncoding, moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, forecastPanels, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

const INCOME = "Income";
const EXPENDITURE = "Expenditure";
const HEIGHT = 300;

/** High Needs income against expenditure by financial year, unmitigated and (with levers) mitigated: the gap is the in-year balance. @example incomeExpenditureChart(result, ctx) */
export function incomeExpenditureChart(result: ForecastResult, ctx: ChartContext): Chart {
  const forecasts = result.levers.length
    ? (["unmitigated", "mitigated"] as const)
    : (["unmitigated"] as const);
  const values = forecasts.flatMap((which) =>
    result[which].ledger.flatMap((l) => [
      { fy: l.fy, forecast: forecastName(result, which), measure: INCOME, value: l.income },
      { fy: l.fy, forecast: forecastName(result, which), measure: EXPENDITURE, value: l.expenditure },
    ]),
  );
  // A panel per forecast: on one plot the two forecasts' income lines coincide in most years and
  // one would hide the other.
  const body = forecastPanels(
    values,
    forecasts.map((w) => forecastName(result, w)),
    {
      mark: { type: "line", point: true, strokeWidth: 2 },
      encoding: {
        x: { ...fyEncoding(result.financialYears), axis: { labelAngle: -45 } },
        y: {
          field: "value",
          type: "quantitative",
          // From zero, so the gap between the lines reads against the size of the budget.
          scale: { zero: true },
          axis: moneyAxis(
            values.map((v) => v.value),
            "Income and expenditure",
          ),
        },
        color: colourEncoding(
          "forecast",
          forecasts.map((w) => forecastName(result, w)),
          forecasts.map((w) => SERIES_COLOURS[w]),
          null,
          // The panel headers name the forecasts.
          null,
        ),
        strokeDash: dashEncoding("measure", [INCOME, EXPENDITURE]),
      },
    },
    HEIGHT,
  );
  const first = result.financialYears[0] ?? "";
  const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
  const at = (which: "unmitigated" | "mitigated", fy: string) =>
    result[which].ledger.find((l) => l.fy === fy);
  const u = at("unmitigated", lastFy);
  const m = at("mitigated", lastFy);
  const u0 = at("unmitigated", first);
  const alt =
    `Line charts, one per forecast, of High Needs income and expenditure by financial year from ${first} to ${lastFy}: unmitigated expenditure goes from ${formatMoney(u0?.expenditure ?? 0)} to ${formatMoney(u?.expenditure ?? 0)} against ${(u0?.income ?? 0) === 0 && (u?.income ?? 0) === 0 ? "no income" : `income of ${formatMoney(u0?.income ?? 0)} to ${formatMoney(u?.income ?? 0)}`}` +
    (result.levers.length && m
      ? `; mitigated, ${lastFy} expenditure is ${formatMoney(m.expenditure)} against income of ${formatMoney(m.income)}.`
      : ".");
  return frame(ctx, "income-expenditure", "High Needs income against expenditure", body, alt);
}

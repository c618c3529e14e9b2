import type { ForecastResult } from "@hnb/model";
import { colourEncoding, fyEncoding, moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { placementColours, placementTypes } from "./palette.js";

const LINES = "Other expenditure lines";
const STAFFING = "Staffing (HNB-funded)";

/** High Needs expenditure by placement type per financial year, with other lines and staffing stacked on top so bars equal the ledger. @example expenditureChart(result, ctx) */
export function expenditureChart(
  result: ForecastResult,
  ctx: ChartContext,
  which: "unmitigated" | "mitigated" = "unmitigated",
): Chart {
  const f = result[which];
  const types = placementTypes(f.placements);
  const colours = placementColours(types);
  const values: { fy: string; series: string; order: number; cost: number }[] = [];
  for (const fy of result.financialYears) {
    types.forEach((t, order) => {
      const cost = f.placements.filter((r) => r.fy === fy && r.id === t.id).reduce((a, r) => a + r.cost, 0);
      values.push({ fy, series: t.label, order, cost });
    });
    const ledger = f.ledger.find((l) => l.fy === fy);
    values.push({ fy, series: LINES, order: types.length, cost: ledger?.lineCost ?? 0 });
    values.push({ fy, series: STAFFING, order: types.length + 1, cost: ledger?.staffingCost ?? 0 });
  }
  // A series that costs nothing in every year draws no bar, so it has no place in the legend.
  const drawn = new Set(values.filter((v) => v.cost !== 0).map((v) => v.series));
  const series = [
    ...types.map((t) => ({ label: t.label, colour: colours.get(t.id) ?? "#000000" })),
    { label: LINES, colour: "#D9D9D9" },
    { label: STAFFING, colour: "#4D4D4D" },
  ].filter((s) => drawn.has(s.label));
  const domain = series.map((s) => s.label);
  const range = series.map((s) => s.colour);
  const totals = f.ledger.map((l) => l.expenditure);
  const firstFy = result.financialYears[0] ?? "";
  const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
  const body = {
    data: { values: values.filter((v) => drawn.has(v.series)) },
    mark: { type: "bar", stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: fyEncoding(result.financialYears),
      y: {
        field: "cost",
        type: "quantitative",
        aggregate: "sum",
        stack: "zero",
        axis: moneyAxis(totals, "Expenditure"),
      },
      color: colourEncoding("series", domain, range, null),
      order: { field: "order", type: "quantitative" },
    },
  };
  const alt =
    `Stacked bar chart of ${which} High Needs expenditure by placement type, other lines and staffing for each financial year from ${firstFy} to ${lastFy}: ` +
    `the total goes from ${formatMoney(totals[0] ?? 0)} to ${formatMoney(totals[totals.length - 1] ?? 0)}.`;
  return frame(
    ctx,
    which === "unmitigated" ? "expenditure" : "expenditure-mitigated",
    `High Needs expenditure by placement type (${which})`,
    body,
    alt,
  );
}

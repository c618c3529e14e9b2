import type { ForecastResult } from "@hnb/model";
import { colourEncoding, fyEncoding, moneyAxis } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { placementColours, placementTypes } from "./palette.js";

/** Unit cost per placement type per financial year. @example unitCostChart(result, ctx) */
export function unitCostChart(
  result: ForecastResult,
  ctx: ChartContext,
  which: "unmitigated" | "mitigated" = "unmitigated",
): Chart {
  const rows = result[which].placements;
  const types = placementTypes(rows);
  const colours = placementColours(types);
  const values = rows.map((r) => ({ fy: r.fy, label: r.label, unitCost: r.unitCost }));
  const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
  const last = rows.filter((r) => r.fy === lastFy && r.unitCost > 0);
  const dearest = last.reduce<(typeof last)[number] | undefined>(
    (a, r) => (a === undefined || r.unitCost > a.unitCost ? r : a),
    undefined,
  );
  const cheapest = last.reduce<(typeof last)[number] | undefined>(
    (a, r) => (a === undefined || r.unitCost < a.unitCost ? r : a),
    undefined,
  );
  const body = {
    data: { values },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: fyEncoding(result.financialYears),
      y: {
        field: "unitCost",
        type: "quantitative",
        axis: moneyAxis(
          values.map((v) => v.unitCost),
          "Unit cost per placement",
        ),
      },
      color: {
        ...colourEncoding(
          "label",
          types.map((t) => t.label),
          types.map((t) => colours.get(t.id) ?? "#000000"),
          null,
        ),
        legend: { symbolType: "stroke", symbolStrokeWidth: 3 },
      },
    },
  };
  const alt =
    dearest && cheapest
      ? `Line chart of the unit cost per placement by type and financial year; in ${lastFy} the dearest is ${dearest.label} at ${formatMoney(dearest.unitCost)} and the cheapest ${cheapest.label} at ${formatMoney(cheapest.unitCost)}.`
      : "Line chart of the unit cost per placement by type and financial year.";
  return frame(ctx, "unit-cost", "Unit cost per placement by placement type", body, alt);
}

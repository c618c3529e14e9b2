import { moneyLabelExpr, moneyUnit } from "./format.js";

/** A £ axis scaled to the data: £m or £k labels, a title naming the unit. @example moneyAxis([1e6, -3e7], "Balance") */
export function moneyAxis(values: readonly number[], title: string): Record<string, unknown> {
  const unit = moneyUnit(Math.max(0, ...values.map(Math.abs)));
  return { title: `${title} (£${unit})`, labelExpr: moneyLabelExpr(unit), tickCount: 6 };
}

/** The financial-year axis, in the order the forecast reports them. @example fyAxis(result.financialYears) */
export function fyEncoding(fys: readonly string[], title = "Financial year"): Record<string, unknown> {
  return { field: "fy", type: "ordinal", scale: { domain: [...fys] }, title, axis: { labelAngle: 0 } };
}

/** A nominal colour encoding with a fixed domain → range, so a series keeps its colour across charts. @example colourEncoding("label", ["A"], ["#000"], null) */
export function colourEncoding(
  field: string,
  domain: readonly string[],
  range: readonly string[],
  title: string | null,
): Record<string, unknown> {
  return {
    field,
    type: "nominal",
    scale: { domain: [...domain], range: [...range] },
    title,
    sort: [...domain],
  };
}

/** A horizontal rule at zero: where a balance turns from deficit to surplus. @example zeroRule() */
export function zeroRule(): Record<string, unknown> {
  return {
    data: { values: [{ zero: 0 }] },
    mark: { type: "rule", color: "#333333" },
    encoding: { y: { field: "zero", type: "quantitative" } },
  };
}

import { type ForecastResult, forecastName } from "@hnb/model";
import { colourEncoding, dashEncoding, fyEncoding, lineLegend, moneyAxis, zeroRule } from "./axes.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame, TEXT_SIZE } from "./frame.js";
import { markedRule } from "./marks.js";
import { SERIES_COLOURS } from "./palette.js";

/** Unmitigated against mitigated DSG balance, in-year (dashed) and cumulative (solid), with a zero rule. @example balanceChart(result, ctx) */
export function balanceChart(result: ForecastResult, ctx: ChartContext): Chart {
  const forecasts = result.levers.length
    ? (["unmitigated", "mitigated"] as const)
    : (["unmitigated"] as const);
  // The Stability Grant pays off the historic deficit once: the in-year line leaves it out, so it
  // shows the year's spending against its funding, and the cumulative line takes the grant's step.
  const granted = result.unmitigated.ledger.some((l) => l.stabilityGrant !== undefined);
  const inYear = granted ? "In-year, grant left out" : "In-year";
  const values = forecasts.flatMap((which) =>
    result[which].ledger.flatMap((l) => [
      { fy: l.fy, forecast: forecastName(result, which), measure: "Cumulative", value: l.cumulative },
      {
        fy: l.fy,
        forecast: forecastName(result, which),
        measure: inYear,
        value: l.inYear - (l.stabilityGrant ?? 0),
      },
    ]),
  );
  const lastFy = result.financialYears[result.financialYears.length - 1] ?? "";
  const final = (which: "unmitigated" | "mitigated") =>
    result[which].ledger[result[which].ledger.length - 1]?.cumulative ?? 0;
  // The statutory override's end, where it falls in the reported years: the date the deficit meets the general fund.
  const o = result.statutoryOverride;
  // The council's usable reserves as a floor: a cumulative deficit below the line is more than the
  // general fund could absorb when the override ends. Drawn whenever the scenario gives them.
  const reserves =
    o?.usableReserves !== undefined && o.usableReserves > 0
      ? [
          {
            data: {
              values: [
                {
                  level: -o.usableReserves,
                  note: `Usable reserves ${formatMoney(o.usableReserves)}`,
                },
              ],
            },
            layer: [
              {
                mark: { type: "rule", color: SERIES_COLOURS.cost, strokeDash: [8, 4], strokeWidth: 1.5 },
                encoding: { y: { field: "level", type: "quantitative" } },
              },
              {
                mark: {
                  type: "text",
                  align: "left",
                  baseline: "top",
                  dx: 4,
                  dy: 4,
                  fontSize: TEXT_SIZE,
                  color: SERIES_COLOURS.cost,
                },
                encoding: {
                  x: { value: 0 },
                  y: { field: "level", type: "quantitative" },
                  text: { field: "note", type: "nominal" },
                },
              },
            ],
          },
        ]
      : [];
  const years = fyEncoding(result.financialYears);
  // Above the plot, not in it: inside, the in-year lines near zero run through it.
  const override = o?.withinHorizon
    ? [
        markedRule(
          { fy: o.fy, note: `Override ends 31 Mar ${o.ends.slice(0, 4)}` },
          years,
          "#333333",
          [2, 2],
          {
            align: "right",
            baseline: "bottom",
            dx: 4,
            dy: -4,
          },
        ),
      ]
    : [];
  // The Stability Grant's step (spec §11): a marked rule at the FY it is paid, named with its amounts.
  const grants = result.stabilityGrant ?? [];
  const paidIn = grants[0]?.paidIn;
  const grantNote = grants
    .filter((g) => g.forecast === "unmitigated" || result.levers.length)
    .map(
      (g) =>
        `${formatMoney(g.amount)}${grants.length > 1 ? ` ${g.forecast === "unmitigated" ? "unmit." : "mit."}` : ""}`,
    )
    .join(", ");
  // Above the plot, as the override's note is, a line higher when that note is there: inside the
  // plot the in-year lines, near zero when the in-year deficits are small, ran through it. It reads
  // away from the plot's nearer edge, so a grant paid early does not run off the left.
  const paidAt = paidIn ? result.financialYears.indexOf(paidIn) : -1;
  const early = paidAt < (result.financialYears.length - 1) / 2;
  const grantStep =
    paidIn && paidAt >= 0
      ? [
          markedRule({ fy: paidIn, note: `Stability Grant ${grantNote}` }, years, "#6a3d9a", [6, 3], {
            align: early ? "left" : "right",
            baseline: "bottom",
            dx: early ? -4 : 4,
            dy: override.length ? -8 - TEXT_SIZE : -4,
          }),
        ]
      : [];
  const body = {
    layer: [
      zeroRule(),
      ...override,
      ...reserves,
      ...grantStep,
      {
        data: { values },
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          x: fyEncoding(result.financialYears),
          y: {
            field: "value",
            type: "quantitative",
            axis: moneyAxis(
              [...values.map((v) => v.value), ...(o?.usableReserves ? [-o.usableReserves] : [])],
              "DSG balance, below zero a deficit",
            ),
          },
          color: colourEncoding(
            "forecast",
            forecasts.map((w) => forecastName(result, w)),
            forecasts.map((w) => SERIES_COLOURS[w]),
            null,
            lineLegend(),
          ),
          strokeDash: dashEncoding("measure", ["Cumulative", inYear]),
        },
      },
    ],
  };
  const alt = result.levers.length
    ? `Line chart of the DSG balance by financial year: the cumulative balance at ${lastFy} is ${formatMoney(final("unmitigated"))} unmitigated and ${formatMoney(final("mitigated"))} mitigated, a difference of ${formatMoney(final("mitigated") - final("unmitigated"))}.`
    : `Line chart of the DSG balance by financial year: the cumulative balance reaches ${formatMoney(final("unmitigated"))} at ${lastFy}.`;
  const floor =
    o?.usableReserves !== undefined && o.usableReserves > 0
      ? ` A dashed line marks usable reserves of ${formatMoney(o.usableReserves)}.`
      : "";
  const grantAlt = paidIn
    ? ` The High Needs Stability Grant (${grantNote}) is paid in ${paidIn}, on condition of ${grants[0]?.condition}; it lifts the cumulative balance that year.`
    : "";
  return frame(ctx, "balance", "DSG balance: in-year and cumulative", body, alt + floor + grantAlt);
}

import { type ForecastResult, forecastName } from "@hnb/model";
import { colourEncoding, zeroRule } from "./axes.js";
import { formatCount } from "./format.js";
import { type Chart, type ChartContext, forecastPanels, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

const NEW = "New plans";
const CEASED = "Plans ceased";
const LEFT = "Left at 25";
const NET = "Net change";
const HEIGHT = 280;
const CENSUS = { field: "census", type: "ordinal", title: "January census", axis: { labelAngle: 0 } };

/**
 * The flows behind each census's EHCPs (demand model): new plans up, plans ceased and young people
 * leaving at 25 down, and the net change as a line; a panel per forecast.
 * @example demandChart(result, ctx) // only for a result with `demand`
 */
export function demandChart(result: ForecastResult, ctx: ChartContext): Chart {
  const d = result.demand;
  if (!d) throw new Error("demandChart needs a forecast with a demand section");
  const forecasts = result.levers.length
    ? (["unmitigated", "mitigated"] as const)
    : (["unmitigated"] as const);
  const label = (f: "unmitigated" | "mitigated") => forecastName(result, f);
  const top = "age20to25";
  const values = forecasts.flatMap((f) => {
    const rows = d.rows.filter((r) => r.forecast === f);
    return [...new Set(rows.map((r) => r.census))].flatMap((census) => {
      const at = rows.filter((r) => r.census === census);
      const sum = (pick: (r: (typeof at)[number]) => number) => at.reduce((a, r) => a + pick(r), 0);
      const inflow = sum((r) => r.newPlans);
      const ceased = sum((r) => r.ceased);
      const left = sum((r) => (r.band === top ? r.agedOut : 0));
      return [
        { census: String(census), forecast: label(f), measure: NEW, value: inflow },
        { census: String(census), forecast: label(f), measure: CEASED, value: -ceased },
        { census: String(census), forecast: label(f), measure: LEFT, value: -left },
        { census: String(census), forecast: label(f), measure: NET, value: inflow - ceased - left },
      ];
    });
  });
  const bars = [NEW, CEASED, LEFT];
  const body = forecastPanels(
    values,
    forecasts.map(label),
    {
      layer: [
        {
          transform: [{ filter: { field: "measure", oneOf: bars } }],
          mark: { type: "bar" },
          encoding: {
            x: CENSUS,
            xOffset: { field: "measure", sort: bars },
            y: { field: "value", type: "quantitative", title: "EHC plans a year" },
            color: colourEncoding(
              "measure",
              [...bars, NET],
              [
                SERIES_COLOURS.increase,
                SERIES_COLOURS.decrease,
                SERIES_COLOURS.disapplication,
                SERIES_COLOURS.total,
              ],
              null,
            ),
          },
        },
        {
          transform: [{ filter: { field: "measure", equal: NET } }],
          mark: { type: "line", point: true, strokeWidth: 2 },
          encoding: {
            x: CENSUS,
            y: { field: "value", type: "quantitative" },
            color: { value: SERIES_COLOURS.total },
          },
        },
        zeroRule(),
      ],
    },
    HEIGHT,
  );
  const first = values.find((v) => v.forecast === "Unmitigated");
  const last = [...values].reverse().find((v) => v.forecast === "Unmitigated" && v.measure === NET);
  const alt = `Bars, one panel per forecast, of new EHC plans, plans ceased and young people leaving at 25 into each January census from ${first?.census ?? ""} to ${last?.census ?? ""}, with the net change as a line: unmitigated net change ${formatCount(last?.value ?? 0)} in ${last?.census ?? ""}.`;
  return frame(ctx, "demand-flows", "EHC plans in and out each year (demand model)", body, alt);
}

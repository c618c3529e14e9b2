// The charts of `hnb monitor --out` and `hnb compare --out` (issue #32): the monitoring pair
// (budget against outturn, and the movement since the last report), and for a comparison the
// balances side by side and, for each scenario against the first, the inputs that explain it.
import { type Comparison, formatNumber, type MonitoringResult } from "@hnb/model";
import { moneyAxis } from "./axes.js";
import { formatChange, formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame, TEXT_SIZE, WIDTH } from "./frame.js";
import { effectColour } from "./marks.js";
import { comparisonChart, monitoringChart, movementChart } from "./monitoring.js";

/** The charts of a monitoring report: budget against outturn, and the movement when there is a previous report. @example monitoringPackCharts(monitored, ctx).map((c) => c.name) // ["monitoring", "movement"] */
export function monitoringPackCharts(m: MonitoringResult, ctx: ChartContext): Chart[] {
  return [monitoringChart(m, ctx), ...(m.previous !== undefined ? [movementChart(m, ctx)] : [])];
}

/** The charts of a comparison: the balances side by side, then what explains each difference. @example comparisonPackCharts(c, ctx).map((x) => x.name) // ["comparison", "difference-1"] */
export function comparisonPackCharts(c: Comparison, ctx: ChartContext): Chart[] {
  return [comparisonChart(c, ctx), ...c.differences.map((_, j) => differenceChart(c, j, ctx))];
}

const BETTER = "Makes it better off";
const WORSE = "Makes it worse off";
// A row is a line for the input's name over its bar, as in the bridge: long labels stay whole.
const ROW = 2.5 * TEXT_SIZE + 12;
const BAR = 1.2 * TEXT_SIZE;
const LABEL_ROOM = 90;

/** One scenario's difference from the first, input by input (labels, Shapley shares), better and worse in the bridge's colours. @example differenceChart(c, 0, ctx) */
export function differenceChart(c: Comparison, j: number, ctx: ChartContext): Chart {
  const d = c.differences[j];
  const base = c.scenarios[0]?.name ?? "";
  if (!d) throw new RangeError(`no difference ${j + 1} in the comparison`);
  const values = d.inputs.map((i) => ({
    label: i.label,
    share: i.share,
    text: formatChange(i.share),
    effect: i.share >= 0 ? BETTER : WORSE,
    zero: 0,
  }));
  const lo = Math.min(0, ...values.map((v) => v.share));
  const hi = Math.max(0, ...values.map((v) => v.share));
  const span = hi - lo || 1;
  const room = (span * LABEL_ROOM) / (WIDTH - 2 * LABEL_ROOM);
  const y = { field: "label", type: "nominal", sort: values.map((v) => v.label), axis: null };
  const offset = (ROW - BAR) / 2 - 4;
  const body = {
    height: { step: ROW },
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#333333" }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: "bar", height: BAR, yOffset: offset },
        encoding: {
          y,
          x: {
            field: "zero",
            type: "quantitative",
            axis: moneyAxis(
              values.map((v) => v.share),
              `Share of the difference in the ${c.financialYears.at(-1)} balance`,
            ),
            scale: { domain: [lo - room, hi + room], nice: false },
          },
          x2: { field: "share" },
          color: effectColour(WORSE, BETTER),
        },
      },
      {
        mark: { type: "text", align: "left", baseline: "top", dy: 2, fontSize: TEXT_SIZE, color: "#000000" },
        encoding: {
          y: { ...y, bandPosition: 0 },
          x: { value: 0 },
          text: { field: "label", type: "nominal" },
        },
      },
      ...(["left", "right"] as const).map((side) => ({
        transform: [{ filter: side === "left" ? "datum.share < 0" : "datum.share >= 0" }],
        mark: {
          type: "text",
          align: side === "left" ? "right" : "left",
          baseline: "middle",
          dx: side === "left" ? -4 : 4,
          yOffset: offset,
          fontSize: TEXT_SIZE,
          color: "#333333",
        },
        encoding: {
          y,
          x: { field: "share", type: "quantitative" },
          text: { field: "text", type: "nominal" },
        },
      })),
    ],
  };
  const top = d.inputs[0];
  const alt = `Bar chart of the ${formatNumber(d.inputs.length)} inputs that differ between ${d.name} and ${base}, each with its share of the ${formatMoney(Math.abs(d.total))} by which ${d.name} is ${d.total >= 0 ? "better" : "worse"} off at ${c.financialYears.at(-1)}${top ? `; the largest is ${top.label} at ${formatChange(top.share)}` : ""}.`;
  return frame(
    ctx,
    `difference-${j + 1}`,
    `${d.name} against ${base}: what explains the difference`,
    body,
    alt,
  );
}

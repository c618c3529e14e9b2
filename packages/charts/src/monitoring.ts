import type { Comparison, MonitoringResult } from "@hnb/model";
import { colourEncoding, fyEncoding, moneyAxis } from "./axes.js";
import { bridgeAxis } from "./bridge.js";
import { formatMoney } from "./format.js";
import { type Chart, type ChartContext, frame } from "./frame.js";
import { SERIES_COLOURS } from "./palette.js";

// Budget and outturn are not forecasts: neutral colours, so orange and blue keep meaning
// unmitigated and mitigated across the pack.
const BUDGET = "#BBBBBB";
const OUTTURN = "#333333";

/** Budget against forecast outturn, line by line, for the monitored year. @example monitoringChart(monitored, ctx) */
export function monitoringChart(m: MonitoringResult, ctx: ChartContext): Chart {
  const lines = m.lines.filter((l) => l.budget !== 0 || l.outturn !== 0);
  const values = lines.flatMap((l) => [
    { line: l.label, measure: "Budget", value: l.budget },
    { line: l.label, measure: "Forecast outturn", value: l.outturn },
  ]);
  const body = {
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: {
        field: "line",
        type: "nominal",
        sort: lines.map((l) => l.label),
        title: null,
        axis: { labelLimit: 420 },
      },
      yOffset: { field: "measure", sort: ["Budget", "Forecast outturn"] },
      x: {
        field: "value",
        type: "quantitative",
        axis: moneyAxis(
          values.map((v) => v.value),
          m.fy,
        ),
      },
      color: colourEncoding("measure", ["Budget", "Forecast outturn"], [BUDGET, OUTTURN], null),
    },
  };
  const over = [...lines].sort((a, b) => b.variance - a.variance)[0];
  const alt = `Bar chart of budget against forecast outturn for ${lines.length} lines in ${m.fy}: the outturn of ${formatMoney(m.total.outturn)} is ${formatMoney(Math.abs(m.total.variance))} ${m.total.variance >= 0 ? "over" : "under"} a budget of ${formatMoney(m.total.budget)}${over ? `; the largest overspend is ${over.label} at ${formatMoney(over.variance)}` : ""}.`;
  return frame(ctx, "monitoring", `${m.name}: budget against forecast outturn, ${m.fy}`, body, alt);
}

// The least movement a line's own bar shows: £500, half the £1k the chart's figures are rounded to.
const SMALL_MOVEMENT = 500;

/** The movement in forecast outturn since the previous report, as a bridge of the lines that moved. @example movementChart(monitored, ctx) */
export function movementChart(m: MonitoringResult, ctx: ChartContext): Chart {
  const before = m.total.outturn - (m.total.movement ?? 0);
  // Lines that moved by less than the £0.5k the chart can show are one bar together, so the bridge
  // still adds up without a row of invisible bars.
  const shown = (l: (typeof m.lines)[number]) => Math.abs(l.movement ?? 0) >= SMALL_MOVEMENT;
  const small = m.lines.filter((l) => !shown(l) && (l.movement ?? 0) !== 0);
  const together = small.reduce((a, l) => a + (l.movement ?? 0), 0);
  const moved = [
    ...m.lines.filter(shown),
    ...(small.length
      ? [
          {
            label: `${small.length} other line${small.length > 1 ? "s" : ""}, each under £0.5k`,
            movement: together,
          },
        ]
      : []),
  ];
  let running = before;
  const values = [
    {
      order: 0,
      label: `Outturn at ${m.previous ?? "the last report"}`,
      from: 0,
      to: before,
      kind: "Outturn",
    },
    ...moved.map((l, i) => {
      const from = running;
      running += l.movement ?? 0;
      return {
        order: i + 1,
        label: l.label,
        from,
        to: running,
        kind: (l.movement ?? 0) >= 0 ? "More spend" : "Less spend",
      };
    }),
    { order: moved.length + 1, label: `Outturn at ${m.name}`, from: 0, to: m.total.outturn, kind: "Outturn" },
  ];
  // Movements of a few £k on an outturn of £80m are slivers on an axis from £0: as in the forecast's
  // bridge, the axis starts near them and says where it is cut.
  const axis = bridgeAxis(values, "Outturn");
  const pad = 0.05 * (axis.hi - axis.lo || 1);
  const title = moneyAxis(
    values.map((v) => v.to),
    "Forecast outturn",
  );
  const body = {
    data: { values },
    mark: { type: "bar", clip: true },
    encoding: {
      y: {
        field: "label",
        type: "nominal",
        sort: values.map((v) => v.label),
        title: null,
        axis: { labelLimit: 420 },
      },
      x: {
        field: "from",
        type: "quantitative",
        axis: axis.broken
          ? {
              ...title,
              title: `${title.title}: axis cut at ${formatMoney(axis.near)}, the outturn bars run on from £0`,
            }
          : title,
        scale: axis.broken
          ? {
              domain: [axis.near < 0 ? axis.lo - pad : axis.near, axis.near < 0 ? axis.near : axis.hi + pad],
              nice: false,
            }
          : {},
      },
      x2: { field: "to" },
      // The bridge's colours: more spend lowers the balance (a cost), less spend raises it.
      color: colourEncoding(
        "kind",
        ["Outturn", "More spend", "Less spend"],
        [SERIES_COLOURS.total, SERIES_COLOURS.cost, SERIES_COLOURS.saving],
        null,
      ),
    },
  };
  const big = moved.length - (small.length ? 1 : 0);
  const alt = `Bridge of the forecast outturn from ${formatMoney(before)} at ${m.previous ?? "the last report"} to ${formatMoney(m.total.outturn)} at ${m.name}, through ${big} line${big === 1 ? "" : "s"} that moved by £0.5k or more${small.length ? ` and ${small.length} that moved by less (${formatMoney(together)} together)` : ""}.`;
  return frame(ctx, "movement", `Movement since ${m.previous ?? "the last report"}`, body, alt);
}

/** The cumulative DSG balance of each compared scenario on one chart. @example comparisonChart(c, ctx) */
export function comparisonChart(c: Comparison, ctx: ChartContext): Chart {
  const names = c.scenarios.map((s) => s.name);
  const values = c.scenarios.flatMap((s) =>
    s.ledger.map((r) => ({ fy: r.fy, scenario: s.name, value: r.cumulative })),
  );
  // Scenarios are not forecasts of one plan: a neutral sequence of Okabe–Ito colours outside orange and blue.
  const range = ["#333333", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"];
  const body = {
    data: { values },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: fyEncoding(c.financialYears),
      y: {
        field: "value",
        type: "quantitative",
        axis: moneyAxis(
          values.map((v) => v.value),
          "Cumulative balance",
        ),
      },
      color: {
        ...colourEncoding(
          "scenario",
          names,
          names.map((_, i) => range[i % range.length] as string),
          null,
        ),
        legend: { symbolType: "stroke", symbolStrokeWidth: 3 },
      },
    },
  };
  const finals = c.scenarios.map((s) => `${s.name} ${formatMoney(s.final)}`).join(", ");
  const alt = `Line chart of the cumulative DSG balance of ${names.length} scenarios (${c.forecast} forecasts); at ${c.financialYears.at(-1)}: ${finals}.`;
  return frame(ctx, "comparison", "Scenarios side by side: cumulative DSG balance", body, alt);
}

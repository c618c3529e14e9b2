// The public API of @hnb/charts: Vega-Lite chart builders (plain data) and headless SVG/PNG rendering.
export { type BacktestErrorRow, backtestChart } from "./backtest.js";
export { balanceChart } from "./balance.js";
export { bridgeChart } from "./bridge.js";
export { demandChart } from "./demand.js";
export { ehcpChart, type PlacementHistory } from "./ehcp.js";
export { expenditureChart } from "./expenditure.js";
export { type FanCentral, type FanRow, fanChart } from "./fan.js";
export { formatChange, formatCount, formatMoney, formatRate, moneyUnit, wrapLabel } from "./format.js";
export {
  type ForumPackInput,
  forumPack,
  forumPaper,
  packCharts,
  sourceLine,
  uncertaintyCharts,
} from "./forum-pack.js";
export {
  type Chart,
  type ChartContext,
  contextOf,
  FONT,
  frame,
  MIN_PRINT_PT,
  PRINT_WIDTH_CM,
  printedPoints,
  TEXT_SIZE,
  WIDTH,
} from "./frame.js";
export { incomeExpenditureChart } from "./income-expenditure.js";
export { comparisonChart, monitoringChart, movementChart } from "./monitoring.js";
export { byCategory, chartDescriptions, chartFiles, forecastCharts, MAX_PLACEMENT_SERIES } from "./pack.js";
export { PLACEMENT_PALETTE, placementColours, SERIES_COLOURS } from "./palette.js";
export * as paper from "./paper/index.js";
export { DEFAULT_WORDING, readWording, type Wording } from "./paper/wording.js";
export { type Compiled, compile, PNG_WIDTH, type Raster, rasterise, renderPng, renderSvg } from "./render.js";
export { comparisonPackCharts, differenceChart, monitoringPackCharts } from "./report-packs.js";
export { TORNADO_BARS, type TornadoBar, tornadoChart } from "./tornado.js";
export { transferChart } from "./transfers.js";
export { unitCostChart } from "./unit-cost.js";

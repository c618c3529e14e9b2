// The public API of @hnb/notebook: one-call display helpers for the tslab kernel.
export { type ComparisonRow, compareRows } from "./compare.js";
export {
  chartBundle,
  exportChart,
  showBundle,
  showChart,
  showComparison,
  showSvg,
  showTable,
} from "./display.js";
export { type ScenarioName, scenarioCitation, scenarioSource, skipUnless } from "./scenario.js";
export { cellText, type Rows, type TableOptions, tableHtml, toObjects } from "./table.js";

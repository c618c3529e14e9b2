// The public API of @hnb/notebook: one-call display helpers for the tslab kernel.
export { chartBundle, showBundle, showChart, showSvg, showTable } from "./display.js";
export { cellText, type Rows, type TableOptions, tableHtml, toObjects } from "./table.js";

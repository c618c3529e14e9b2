import { createRequire } from "node:module";
import { join } from "node:path";
import { type Chart, renderPng, renderSvg } from "@hnb/charts";
import { writeFileAtomic } from "@hnb/io";
import type { ForecastResult } from "@hnb/model";
import type { TopLevelSpec } from "vega-lite";
import { compareRows } from "./compare.js";
import { type Rows, type TableOptions, tableHtml } from "./table.js";

type Bundle = Record<string, string>;
type Writer = (content: { data: Bundle; metadata: object; transient: object }, update: boolean) => void;

// tslab's public `display` sends one MIME type per output; its kernel-side writer takes a whole
// bundle, which lets one output carry the Vega-Lite spec (JupyterLab), SVG (GitHub, nbconvert) and
// the alt text together. Outside the kernel there is no writer and nothing is shown.
function writer(): Writer | undefined {
  try {
    const require = createRequire(import.meta.url);
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData?: Writer };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/** Shows a MIME bundle in the notebook. @example showBundle({ "text/html": "<b>hi</b>", "text/plain": "hi" }) */
export function showBundle(data: Bundle): void {
  const write = writer();
  if (!write) throw new Error("not running in the tslab kernel: nothing to display to");
  write({ data, metadata: {}, transient: {} }, false);
}

/**
 * The MIME bundle of a chart: the Vega-Lite spec, the rendered SVG and a plain-text description.
 * @example chartBundle(spec, svg, "EHCPs by placement type, 2022–2028")["image/svg+xml"] === svg
 */
export function chartBundle(spec: TopLevelSpec, svg: string, description: string): Bundle {
  // JupyterLab renders this MIME type with its own Vega-Lite; a $schema naming another major
  // version would only make it warn, and the spec uses nothing version-specific.
  const { $schema: _, ...plain } = spec as TopLevelSpec & { $schema?: string };
  return {
    "application/vnd.vegalite.v5+json": JSON.stringify(plain),
    "image/svg+xml": svg,
    "text/plain": description,
  };
}

/** Shows a table of rows (arquero or plain objects) with £ formatting. @example showTable(result.unmitigated.ledger, { money: ["income", "inYear"] }) */
export function showTable(rows: Rows, options: TableOptions = {}): void {
  const html = tableHtml(rows, options);
  showBundle({ "text/html": html, "text/plain": options.title ?? "table" });
}

/**
 * Shows a chart (a builder's Chart, or any spec with a description): renders its SVG when none is
 * given. Returns nothing: tslab prints a cell's last value as text, which would dump the SVG.
 * @example await showChart(balanceChart(result, contextOf(result)))
 */
export async function showChart(
  chart: { spec: TopLevelSpec; alt?: string; description?: string; title?: string },
  svg?: string,
): Promise<void> {
  const rendered = svg ?? (await renderSvg(chart.spec));
  showBundle(chartBundle(chart.spec, rendered, chart.alt ?? chart.description ?? chart.title ?? "chart"));
}

/** Writes a chart for a paper as NAME.svg and NAME.png (print resolution) into a folder, each file atomically, leaving the folder's other files alone; returns the paths. @example await exportChart(bridgeChart(result, ctx), "forum-pack") */
export async function exportChart(chart: Chart, dir: string): Promise<string[]> {
  const svg = await renderSvg(chart.spec);
  const files = { [`${chart.name}.svg`]: svg, [`${chart.name}.png`]: await renderPng(svg) };
  for (const [name, data] of Object.entries(files)) await writeFileAtomic(join(dir, name), data);
  return Object.keys(files).map((f) => join(dir, f));
}

/** Shows an SVG image. @example showSvg("<svg …/>") */
export function showSvg(svg: string): void {
  showBundle({ "image/svg+xml": svg, "text/plain": "image" });
}

/** Shows two forecasts' ledgers side by side with the difference, in £ thousands. @example showComparison(base, withTransfer, { a: "No transfer", b: "1% transfer" }) */
export function showComparison(
  a: ForecastResult,
  b: ForecastResult,
  labels: { a: string; b: string },
  which: "unmitigated" | "mitigated" = "mitigated",
): void {
  const rows = compareRows(a, b, which).map((r) => ({
    fy: r.fy,
    [`In-year: ${labels.a}`]: r.inYearA,
    [`In-year: ${labels.b}`]: r.inYearB,
    "In-year difference": r.inYearDifference,
    [`Cumulative: ${labels.a}`]: r.cumulativeA,
    [`Cumulative: ${labels.b}`]: r.cumulativeB,
    "Cumulative difference": r.cumulativeDifference,
  }));
  const money = Object.keys(rows[0] ?? {}).filter((k) => k !== "fy");
  showTable(rows, { title: `${labels.b} against ${labels.a}, ${which} (£ thousands)`, money });
}

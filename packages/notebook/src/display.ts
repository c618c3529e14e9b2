import { createRequire } from "node:module";
import { renderSvg } from "@hnb/charts";
import type { TopLevelSpec } from "vega-lite";
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
 * @example chartBundle(spec, svg, "EHCPs by placement type, 2022–2028").["image/svg+xml"] === svg
 */
export function chartBundle(spec: TopLevelSpec, svg: string, description: string): Bundle {
  return {
    "application/vnd.vegalite.v5+json": JSON.stringify(spec),
    "image/svg+xml": svg,
    "text/plain": description,
  };
}

/** Shows a table of rows (arquero or plain objects) with £ formatting. @example showTable(result.unmitigated.ledger, { money: ["income", "inYear"] }) */
export function showTable(rows: Rows, options: TableOptions = {}): void {
  const html = tableHtml(rows, options);
  showBundle({ "text/html": html, "text/plain": options.title ?? "table" });
}

/** Shows a chart: renders its SVG when none is given. @example await showChart({ spec, description: "…" }) */
export async function showChart(
  chart: { spec: TopLevelSpec; description?: string; title?: string },
  svg?: string,
): Promise<string> {
  const rendered = svg ?? (await renderSvg(chart.spec));
  showBundle(chartBundle(chart.spec, rendered, chart.description ?? chart.title ?? "chart"));
  return rendered;
}

/** Shows an SVG image. @example showSvg("<svg …/>") */
export function showSvg(svg: string): void {
  showBundle({ "image/svg+xml": svg, "text/plain": "image" });
}

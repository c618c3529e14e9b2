import type { ForecastResult } from "@hnb/model";
import { balanceChart } from "./balance.js";
import { bridgeChart } from "./bridge.js";
import { ehcpChart, type PlacementHistory } from "./ehcp.js";
import { expenditureChart } from "./expenditure.js";
import type { Chart, ChartContext } from "./frame.js";
import { renderPng, renderSvg } from "./render.js";
import { transferChart } from "./transfers.js";
import { unitCostChart } from "./unit-cost.js";

/** The charts of a Forum paper for one forecast: placements, expenditure, balance, bridge (with levers), unit costs, transfers. @example forecastCharts(result, contextOf(result), scenario.placements) */
export function forecastCharts(
  result: ForecastResult,
  ctx: ChartContext,
  histories: readonly PlacementHistory[] = [],
): Chart[] {
  const charts = [
    ehcpChart(result, ctx, histories),
    expenditureChart(result, ctx),
    balanceChart(result, ctx),
  ];
  if (result.levers.length) charts.push(bridgeChart(result, ctx));
  charts.push(unitCostChart(result, ctx), transferChart(result, ctx));
  return charts;
}

/** The markdown file of alt texts, one heading per chart, for accessible papers. @example chartDescriptions(charts) */
export function chartDescriptions(charts: readonly Chart[], heading = "Chart descriptions"): string {
  const parts = [`# ${heading}`, ""];
  for (const c of charts)
    parts.push(`## ${c.title}`, "", `Files: \`${c.name}.svg\`, \`${c.name}.png\``, "", c.alt, "");
  return parts.join("\n");
}

/** Every chart as `.svg` and `.png` plus `chart-descriptions.md`, in memory, ready for an atomic write. @example await writeFilesAtomic(dir, await chartFiles(charts)) */
export async function chartFiles(
  charts: readonly Chart[],
  onProgress?: (done: number, total: number) => void,
): Promise<Record<string, string | Uint8Array>> {
  const files: Record<string, string | Uint8Array> = {};
  let done = 0;
  for (const c of charts) {
    const svg = await renderSvg(c.spec);
    files[`${c.name}.svg`] = svg;
    files[`${c.name}.png`] = await renderPng(svg);
    onProgress?.(++done, charts.length);
  }
  files["chart-descriptions.md"] = chartDescriptions(charts);
  return files;
}

import { CATEGORIES, type ForecastResult } from "@hnb/model";
import { balanceChart } from "./balance.js";
import { bridgeChart } from "./bridge.js";
import { demandChart } from "./demand.js";
import { ehcpChart, type PlacementHistory } from "./ehcp.js";
import { expenditureChart } from "./expenditure.js";
import type { Chart, ChartContext } from "./frame.js";
import { incomeExpenditureChart } from "./income-expenditure.js";
import { renderPng, renderSvg } from "./render.js";
import { transferChart } from "./transfers.js";
import { unitCostChart } from "./unit-cost.js";

/** More placement types than this are charted by DSG category: a legend of hundreds of series reads as noise (and overflows vega). */
export const MAX_PLACEMENT_SERIES = 24;

/**
 * A forecast with its placements summed by DSG category (counts and costs; unit cost = cost ÷ count),
 * and histories summed likewise, for charts of scenarios with very many placement types.
 * @example byCategory(result, scenario.placements).result.unmitigated.placements[0].id === "MmSoA"
 */
export function byCategory(
  result: ForecastResult,
  histories: readonly (PlacementHistory & { category?: string })[] = [],
): { result: ForecastResult; histories: PlacementHistory[] } {
  const group = (rows: ForecastResult["unmitigated"]["placements"]) => {
    const out = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const key = `${r.category}\u0000${r.census}`;
      const g = out.get(key);
      if (g) {
        g.count += r.count;
        g.cost += r.cost;
      } else out.set(key, { ...r, id: r.category, label: CATEGORIES[r.category] });
    }
    // The fixed cost per placement of a group is its cost over its count (zero where it has none).
    return [...out.values()].map((g) => ({ ...g, unitCost: g.count > 0 ? g.cost / g.count : 0 }));
  };
  const summed = new Map<string, Record<string, number>>();
  for (const h of histories) {
    const category = h.category ?? h.id;
    const into = summed.get(category) ?? {};
    for (const [y, v] of Object.entries(h.history ?? {})) into[y] = (into[y] ?? 0) + v;
    summed.set(category, into);
  }
  return {
    result: {
      ...result,
      unmitigated: { ...result.unmitigated, placements: group(result.unmitigated.placements) },
      mitigated: { ...result.mitigated, placements: group(result.mitigated.placements) },
    },
    histories: [...summed.entries()].map(([id, history]) => ({ id, history })),
  };
}

/** The charts of a Forum paper for one forecast: placements, expenditure, balance, income against expenditure, bridge (with levers), unit costs, transfers. @example forecastCharts(result, contextOf(result), scenario.placements) */
export function forecastCharts(
  result: ForecastResult,
  ctx: ChartContext,
  histories: readonly (PlacementHistory & { category?: string })[] = [],
): Chart[] {
  const types = new Set(result.unmitigated.placements.map((p) => p.id)).size;
  if (types > MAX_PLACEMENT_SERIES) {
    const grouped = byCategory(result, histories);
    const note = { ...ctx, source: `${ctx.source}; ${types} placement types shown by DSG category` };
    return forecastChartsOf(grouped.result, note, grouped.histories);
  }
  return forecastChartsOf(result, ctx, histories);
}

function forecastChartsOf(
  result: ForecastResult,
  ctx: ChartContext,
  histories: readonly PlacementHistory[],
): Chart[] {
  const charts = [
    ehcpChart(result, ctx, histories),
    expenditureChart(result, ctx),
    balanceChart(result, ctx),
    incomeExpenditureChart(result, ctx),
  ];
  if (result.levers.length) charts.push(bridgeChart(result, ctx));
  if (result.demand) charts.push(demandChart(result, ctx));
  charts.push(unitCostChart(result, ctx), transferChart(result, ctx));
  return charts;
}

/** The markdown file of alt texts, one heading per chart, for accessible papers. @example chartDescriptions(charts) */
export function chartDescriptions(charts: readonly Chart[], heading = "Chart descriptions"): string {
  const parts = [`# ${markdownText(heading)}`, ""];
  for (const c of charts)
    parts.push(
      `## ${markdownText(c.title)}`,
      "",
      `Files: \`${c.name}.svg\`, \`${c.name}.png\``,
      "",
      markdownText(c.alt),
      "",
    );
  return parts.join("\n");
}

/**
 * Text (titles and alt texts quote the scenario's labels) as markdown shows it, never as markup: HTML
 * tags and entities, links and images are escaped and a line break (which could start a heading) is a
 * space, so a label such as `<img src=x onerror=…>` or
 * `[click](http://…)` is read as the words it is.
 * @example markdownText("<b>INMSS</b> & [a](b)") === "&lt;b&gt;INMSS&lt;/b&gt; & \\[a\\](b)"
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(/&(?=#?\w+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\[\]])/g, "\\$1");
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

// The Schools Forum pack as one function: the CLI's `--out` and notebook 7 both call it, so the two
// packs cannot drift. Everything is rendered in memory; writing (atomically) is the caller's job.
import {
  ledgerCsv,
  leversCsv,
  leverYearsCsv,
  managementPlanWorkbook,
  placementsCsv,
  tornadoCsv,
  uncertaintyCsv,
} from "@hnb/io";
import type { ForecastResult, Scenario, UncertaintyOutput } from "@hnb/model";
import { fanChart } from "./fan.js";
import { type Chart, contextOf } from "./frame.js";
import { chartFiles, forecastCharts } from "./pack.js";
import { paperDocx } from "./paper/paper.js";
import type { Wording } from "./paper/wording.js";
import { tornadoChart } from "./tornado.js";

/** What a pack is built from: the scenario, its forecast and, with paths, its uncertainty. */
export interface ForumPackInput {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
  /** The source line's text (else the scenario's own `source`, else its name). */
  source?: string;
  /** The Forum paper's wording (default: the built-in wording). */
  wording?: Wording;
}

/**
 * The source line under every chart: the given text, else the scenario's own source, else its name.
 * @example sourceLine(scenario, "Bristol Schools Forum, March 2023") // "Source: Bristol Schools Forum, March 2023; hnb forecast"
 */
export function sourceLine(scenario: Pick<Scenario, "name">, given?: string): string {
  if (given !== undefined) return `Source: ${given}; hnb forecast`;
  const own = (scenario as { source?: string }).source;
  return own ? `Source: ${own}; hnb forecast` : `Source: hnb forecast of the scenario "${scenario.name}"`;
}

/**
 * The fan and tornado charts of a simulation, the central (deterministic) forecast drawn on the fan
 * and centring the tornado: the figure the paper quotes.
 * @example uncertaintyCharts(result, uncertaintyOf(compiled, { paths: 2000 }), contextOf(result))
 */
export function uncertaintyCharts(
  result: ForecastResult,
  u: UncertaintyOutput,
  ctx: ReturnType<typeof contextOf>,
): Chart[] {
  const fan = u.ledger
    .filter((r) => r.measure === "cumulative")
    .map((r) => ({ fy: r.fy, forecast: r.forecast, p10: r.p10, p50: r.p50, p90: r.p90 }));
  const central = result[u.tornado.forecast].ledger.at(-1)?.cumulative;
  return [
    fanChart(fan, result.financialYears, ctx, u.paths, result),
    tornadoChart(
      u.tornado.rows,
      u.tornado.fy,
      ctx,
      central ?? u.tornado.rows[0]?.central ?? 0,
      u.tornado.forecast,
    ),
  ];
}

/** Every chart of the pack: the forecast's, then fan and tornado when there is uncertainty. @example packCharts({ scenario, result }) */
export function packCharts(input: ForumPackInput): Chart[] {
  const { scenario, result, uncertainty } = input;
  const ctx = contextOf(result, sourceLine(scenario, input.source));
  const charts = forecastCharts(result, ctx, scenario.placements);
  if (uncertainty) charts.push(...uncertaintyCharts(result, uncertainty, ctx));
  return charts;
}

/**
 * The whole Forum pack in memory, file name → content: forecast.json (the result object), the CSV
 * files, every chart as SVG and PNG with chart-descriptions.md, management-plan.xlsx and paper.docx
 * (the Forum paper, its charts the PNGs just rendered).
 * @example await writePackAtomic("pack", await forumPack({ scenario, result }))
 */
export async function forumPack(
  input: ForumPackInput,
  onProgress?: (done: number, total: number) => void,
): Promise<Record<string, string | Uint8Array>> {
  const { scenario, result, uncertainty } = input;
  const payload = uncertainty ? { ...result, uncertainty } : result;
  const files: Record<string, string | Uint8Array> = {
    "forecast.json": `${JSON.stringify(payload, null, 2)}\n`,
    "ledger.csv": ledgerCsv(result),
    "placements.csv": placementsCsv(result),
    "levers.csv": leversCsv(result),
    "lever-savings-by-year.csv": leverYearsCsv(result),
    ...(uncertainty
      ? { "uncertainty.csv": uncertaintyCsv(uncertainty), "tornado.csv": tornadoCsv(uncertainty.tornado) }
      : {}),
  };
  const charts = packCharts(input);
  Object.assign(files, await chartFiles(charts, onProgress));
  files["management-plan.xlsx"] = await managementPlanWorkbook({
    scenario,
    result,
    ...(uncertainty ? { uncertainty } : {}),
  });
  files["paper.docx"] = await forumPaper(input, { charts, pngs: files });
  return files;
}

/**
 * The Forum paper (.docx) of a forecast: the pack's charts (rendered here unless `rendered` has their
 * PNGs) and every figure computed from the result; see docs/forum-paper.md.
 * @example await writeFileAtomic("paper.docx", await forumPaper({ scenario, result }))
 */
export async function forumPaper(
  input: ForumPackInput,
  rendered?: { charts: readonly Chart[]; pngs: Readonly<Record<string, string | Uint8Array>> },
): Promise<Uint8Array> {
  const { scenario, result, uncertainty, wording } = input;
  return paperDocx({
    scenario,
    result,
    ...(uncertainty ? { uncertainty } : {}),
    ...(wording ? { wording } : {}),
    charts: rendered?.charts ?? packCharts(input),
    ...(rendered ? { pngs: rendered.pngs } : {}),
  });
}

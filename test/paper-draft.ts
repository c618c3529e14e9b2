// Drafting a Forum paper in memory for a test: the forecast, its JSON as --json prints it, the paper
// read back from its XML, and the truth paper-check.ts checks it against. Charts are one small stand-in
// PNG (tests of words and figures, not pictures; the CLI tests render every chart for real).
import { packCharts, paper, renderPng, type Wording } from "@hnb/charts";
import { parseScenarioText } from "@hnb/io";
import { compile, forecast, type Scenario, uncertaintyOf } from "@hnb/model";
import { type DocItem, readDocx } from "./docx-reader.js";
import type { PaperTruth } from "./paper-check.js";

let tiny: Uint8Array | undefined;

/** A paper drafted from a scenario, read back, with what it must agree with. @example await draft(scenario) */
export async function draft(
  scenario: Scenario,
  options: { paths?: number; seed?: number; wording?: Wording } = {},
): Promise<{ items: DocItem[]; truth: PaperTruth; bytes: Uint8Array }> {
  tiny ??= await renderPng(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#ccc"/></svg>',
    80,
  );
  const stand = tiny;
  const compiled = compile(scenario);
  const result = forecast(compiled);
  const uncertainty = options.paths
    ? uncertaintyOf(compiled, { paths: options.paths, seed: options.seed ?? 1 })
    : undefined;
  // What --json prints: the result object, with the uncertainty beside it when there is one.
  const json = JSON.parse(JSON.stringify(uncertainty ? { ...result, uncertainty } : result));
  const charts = packCharts({ scenario, result, ...(uncertainty ? { uncertainty } : {}) });
  const bytes = await paper.paperDocx({
    scenario,
    result,
    ...(uncertainty ? { uncertainty } : {}),
    ...(options.wording ? { wording: options.wording } : {}),
    charts,
    pngs: Object.fromEntries(charts.map((c) => [`${c.name}.png`, stand])),
  });
  const alts = Object.fromEntries(charts.map((c) => [c.name, c.alt]));
  return { items: readDocx(bytes), truth: { json, scenario, alts }, bytes };
}

/** A scenario from YAML text, or the problems thrown. @example scenarioOf("schema: hnb-scenario/1\n…") */
export const scenarioOf = (yaml: string): Scenario => {
  const parsed = parseScenarioText(yaml, "yaml");
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return parsed.scenario;
};

/** Every paragraph's and table cell's text, one a line. @example text(items) */
export const text = (items: readonly DocItem[]) =>
  items.flatMap((i) => (i.kind === "p" ? [i.text] : i.kind === "table" ? i.rows.flat() : [])).join("\n");

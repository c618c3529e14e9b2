// %% [markdown]
// # 7. The Schools Forum pack
//
// **Question:** how do I turn one scenario into everything a Forum paper needs?
//
// One call, `forumPack`, builds the same pack as
// `hnb forecast data/default-scenario.yaml --out pack --paths 2000` (the command line calls it
// too): forecast.json, the CSV files, every chart as SVG (for Word) and PNG at print resolution,
// the alt text of each chart for accessible papers, and the DSG management-plan workbook. The fan
// and tornado charts need the scenario's `uncertainty` section; without one the pack has the rest.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 07 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";

// %%
import { chartDescriptions, forumPack, packCharts } from "@hnb/charts";
import { loadScenarioFile, writeFilesAtomic } from "@hnb/io";
import { compile, forecast, uncertaintyOf } from "@hnb/model";
import { exportChart, scenarioCitation, showChart, skipUnless } from "@hnb/notebook";

const scenario = await loadScenarioFile(scenarioFile);
// Compiled once: the forecast and the simulation share the normalised model.
const compiled = compile(scenario);
const result = forecast(compiled);
const simulated = skipUnless(scenario.uncertainty !== undefined, "the scenario has no `uncertainty` section: the pack has no fan or tornado chart");
const uncertainty = simulated ? uncertaintyOf(compiled, { paths: 2000, seed: 2022 }) : undefined;
const input = { scenario: scenario, result: result, ...(uncertainty ? { uncertainty: uncertainty } : {}), source: scenarioCitation(scenario, scenarioFile) };
const charts = packCharts(input);
console.log(charts.map((c) => c.name).join(", "));

// %% [markdown]
// ## Write the pack
// Into `notebooks/output/forum-pack/` (ignored by git). The write is atomic: a failure part-way
// leaves the previous pack untouched.

// %%
// (tslab does not rewrite shorthand properties that name earlier cells' variables: write them out.)
const files = await forumPack(input);
await writeFilesAtomic("output/forum-pack", files);
for (const [name, bytes] of Object.entries(files)) console.log(`${name.padEnd(28)} ${(bytes.length / 1024).toFixed(0).padStart(5)} KB`);

// %% [markdown]
// ## One chart, exported on its own
// `exportChart` writes one chart's SVG and PNG for a paper.

// %%
const paths = await exportChart(charts[2] as (typeof charts)[number], "output/single");
console.log(paths.join("\n"));
await showChart(charts[2] as (typeof charts)[number]);

// %% [markdown]
// ## The alt text, ready to paste

// %%
console.log(chartDescriptions(charts));

// %% [markdown]
// ## Take-away
// One scenario file gives the whole pack; rerun the notebook (or the command) after changing an
// assumption and every chart, description and table in the workbook changes with it.

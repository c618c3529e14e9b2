// %% [markdown]
// # 7. The Schools Forum pack
//
// **Question:** how do I turn one scenario into everything a Forum paper needs?
//
// One call, `forumPack`, builds the same pack as
// `hnb forecast data/default-scenario.yaml --out pack --paths 2000` (the command line calls it
// too): forecast.json, the CSV files, every chart as SVG (for Word) and PNG at print resolution,
// the alt text of each chart for accessible papers, and the DSG management-plan workbook.

// %%
import { chartDescriptions, forumPack, packCharts } from "@hnb/charts";
import { loadScenarioFile, writeFilesAtomic } from "@hnb/io";
import { compile, forecast, uncertaintyOf } from "@hnb/model";
import { exportChart, showChart } from "@hnb/notebook";

const scenario = await loadScenarioFile("../data/default-scenario.yaml");
// Compiled once: the forecast and the simulation share the normalised model.
const compiled = compile(scenario);
const result = forecast(compiled);
const uncertainty = uncertaintyOf(compiled, { paths: 2000, seed: 2022 });
const input = { scenario: scenario, result: result, uncertainty: uncertainty, source: "Bristol Schools Forum papers (2022), DfE SEN2" };
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

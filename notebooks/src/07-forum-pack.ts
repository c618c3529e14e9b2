// %% [markdown]
// # 7. The Schools Forum pack
//
// **Question:** how do I turn one scenario into everything a Forum paper needs?
//
// One call per artefact: every chart as SVG (for Word) and PNG at print resolution, the alt text of
// each chart for accessible papers, and the DSG management-plan workbook. This is what
// `hnb forecast data/default-scenario.yaml --out pack --paths 2000` writes from the command line.

// %%
import { chartDescriptions, chartFiles, contextOf, fanChart, forecastCharts, tornadoChart } from "@hnb/charts";
import { loadScenarioFile, managementPlanWorkbook, writeFilesAtomic } from "@hnb/io";
import { forecast, simulate, tornado } from "@hnb/model";
import { exportChart, showChart } from "@hnb/notebook";

const scenario = await loadScenarioFile("../data/default-scenario.yaml");
const result = forecast(scenario);
const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022), DfE SEN2; hnb forecast");
const bands = simulate(scenario, { paths: 2000, seed: 2022 });
const t = tornado(scenario);
const charts = [
  ...forecastCharts(result, ctx, scenario.placements),
  fanChart(bands.ledger.filter((r) => r.measure === "cumulative").map((r) => ({ fy: r.fy, forecast: r.forecast, p10: r.p10, p50: r.p50, p90: r.p90 })), result.financialYears, ctx, bands.paths),
  tornadoChart(t.rows.slice(0, 10), t.fy, ctx),
];
console.log(charts.map((c) => c.name).join(", "));

// %% [markdown]
// ## Write the pack
// Into `notebooks/output/forum-pack/` (ignored by git). The write is atomic: a failure part-way
// leaves the previous pack untouched.

// %%
// (tslab does not rewrite shorthand properties that name earlier cells' variables: write them out.)
const files = { ...(await chartFiles(charts)), "management-plan.xlsx": await managementPlanWorkbook({ scenario: scenario, result: result }) };
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

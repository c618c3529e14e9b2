// %% [markdown]
// # 6. Calibration and uncertainty: growth from the DfE statistics
//
// **Question:** what growth do Bristol's own SEN2 figures support for each placement type, how
// well would each method have forecast in the past, and how wide is the range of outcomes?
//
// The DfE statistics "Education, health and care plans" count EHCPs by establishment type every
// January. This notebook reads them (the full release when `HNB_SEN2_DIR` points at it; otherwise
// the West of England extract in `data/sen2-extract/`), backtests the growth methods, shows what
// `auto` estimates for each placement type, and draws the fan chart of the cumulative deficit.

// %%
import { backtestChart, contextOf, ehcpChart, fanChart, tornadoChart } from "@hnb/charts";
import { authorityHistory, backtestSeries, loadScenarioFile, requireAuthority, nationalReference, readSen2Dir } from "@hnb/io";
import { commonOnly, forecast, rollingOrigin, simulate, summarise, tornado, type Scenario } from "@hnb/model";
import { showChart, showTable } from "@hnb/notebook";

const dir = process.env.HNB_SEN2_DIR ?? "../data/sen2-extract";
const data = await readSen2Dir(dir);
console.log(`${dir}: ${data.layout} release layout, ${data.authorities.length} authorities, ${data.missingCells.length} suppressed cells`);
const bristol = requireAuthority(data, "Bristol");
const history = authorityHistory(data, bristol);
// Years as text, so they print as 2015 rather than as a count (2,015).
const rows = history.years
  .map((year, i) => ({ year, i }))
  .filter((r) => r.year >= 2015)
  .map(({ year, i }) => ({ "January census": String(year), Total: history.total[i], ...Object.fromEntries(history.byPlacement.map((p) => [p.label, p.counts[i]])) }));
showTable(rows, { title: `${bristol.name}: EHCPs (statements and plans) by placement type, January census` });
for (const b of history.breaks) console.log(`Series note: ${b}`);

// %% [markdown]
// ## How well each method would have forecast
// Rolling origins from 2015: fit on the history up to each origin, forecast 1–3 years ahead,
// compare with what happened; methods are compared on the same forecasts only. `auto` pools each
// series' own trend towards England's; `combined` is the first release's weighted combination;
// `reference-5` is England's 5-year trend applied to the series' own count. Every figure here is
// in-sample: `auto`'s constants were chosen on origins 2015–2018, which these origins include (the
// table's title says how many authorities the data holds); the README gives the all-authority
// holdout (origin 2019).

// %%
const england = [...data.national.entries()].map(([year, count]) => ({ year, count }));
const records = rollingOrigin(backtestSeries(data, { level: "placement" }), { reference: nationalReference(data), referenceSeries: england, firstOrigin: 2015 });
const summary = summarise(commonOnly(records));
showTable(
  summary.map((s) => ({ Method: s.method, "Years ahead": s.horizon, Forecasts: s.n, "Median absolute % error": `${(100 * s.medianApe).toFixed(1)}%`, "Inside the 10th–90th percentile band": s.coverage === undefined ? "" : `${(100 * s.coverage).toFixed(0)}%` })),
  { title: `Backtest on ${data.authorities.length} authorities' placement types: median absolute percentage error (in-sample)` },
);
await showChart(backtestChart(summary.map((s) => ({ method: s.method, horizon: s.horizon, mape: s.medianApe })), contextOf({ scenario: `SEN2 backtest (in-sample), ${data.authorities.length} authorities`, baseYear: 2022 }, "Source: DfE, Education, health and care plans, 2022 release; hnb backtest"), `${data.authorities.length} authorities, in-sample`));

// %% [markdown]
// ## `auto` growth in the default scenario
// Each placement type of the default scenario carries its SEN2 history (2015–2021) and
// `growth: { method: "auto" }`, and the scenario carries England's series as its `reference`.
// The forecast records, for each type, its own trend, England's, the weight on its own and the
// rate applied, and flags histories with recording breaks.

// %%
const auto: Scenario = await loadScenarioFile("../data/default-scenario.yaml");
const result = forecast(auto);
showTable(
  result.calibration.map((c) => ({ "Placement type": c.id, "Own trend": c.ownRate === undefined ? "none" : `${(100 * c.ownRate).toFixed(1)}%`, "England's trend": `${(100 * (c.referenceRate ?? 0)).toFixed(1)}%`, "Weight on own trend": `${(100 * (c.weight ?? 0)).toFixed(0)}%`, "Rate applied (first year)": `${(100 * c.rate).toFixed(1)}%`, "Growth sd": `${(100 * (c.growthSd ?? 0)).toFixed(1)} pp`, Warnings: c.warnings.length })),
  { title: "Growth estimated from history: own trend, England's, the weight on the own trend, the rate applied" },
);
for (const c of result.calibration) for (const w of c.warnings) console.log(`${c.id}: ${w}`);
// History (SEN2, solid) and the forecast with auto growth (shaded).
await showChart(ehcpChart(result, contextOf(result, "Source: DfE SEN2 2022 release; hnb forecast with growth: auto"), auto.placements));

// %% [markdown]
// ## The range of outcomes
// 2,000 paths, seed 2022: growth shifted per placement by its calibrated error (`auto`), capped
// where the history's noise implies more (the cap is a judgement, not calibrated: the cell below
// prints how many types it binds), unit-cost inflation and lever delivery as in the default
// scenario. Same seed, same numbers. The chart draws the central forecast beside the paths'
// median: the median sits below it because growth compounds (a year's shift up costs more than the
// same shift down saves), so quote the central forecast as the forecast and the band as its range.

// %%
const bands = simulate(auto, { paths: 2000, seed: 2022 });
const ctx = contextOf(result, "Source: DfE SEN2 2022 (growth), Bristol Schools Forum papers (costs); hnb forecast --paths 2000");
const fan = bands.ledger.filter((r) => r.measure === "cumulative").map((r) => ({ fy: r.fy, forecast: r.forecast, p10: r.p10, p50: r.p50, p90: r.p90 }));
showTable(
  fan.map((r) => ({ "Financial year": r.fy, Forecast: r.forecast, "10th percentile": r.p10, Median: r.p50, "90th percentile": r.p90 })),
  { title: "Cumulative DSG balance, 10th / 50th / 90th percentile (£ thousands)", money: ["10th percentile", "Median", "90th percentile"] },
);
const capped = result.calibration.filter((c) => c.impliedSd !== undefined);
console.log(
  capped.length
    ? `${capped.length} of ${result.calibration.length} placement types have their growth sd capped at ${(100 * (capped[0]?.growthSd ?? 0)).toFixed(0)} points a year; their histories imply ${capped.map((c) => `${c.id} ${(100 * (c.impliedSd ?? 0)).toFixed(0)}`).join(", ")}.`
    : "No placement type's growth sd is capped.",
);
const finalFy = result.financialYears.at(-1);
const final = fan.find((r) => r.fy === finalFy && r.forecast === "mitigated");
const millions = (x: number) => `${x < 0 ? "−" : ""}£${(Math.abs(x) / 1e6).toFixed(1)}m`;
console.log(
  `${finalFy} cumulative balance, mitigated: central forecast ${millions(result.mitigated.ledger.at(-1)?.cumulative ?? 0)}, median of the paths ${millions(final?.p50 ?? 0)}, 10th–90th percentile ${millions(final?.p10 ?? 0)} to ${millions(final?.p90 ?? 0)}.`,
);
await showChart(fanChart(fan, result.financialYears, ctx, bands.paths, result));
const t = tornado(auto);
await showChart(tornadoChart(t.rows.slice(0, 10), t.fy, ctx));

// %% [markdown]
// ## Take-away
// One authority's placement series is too short and too noisy to trust on its own: `auto` gives
// each its own trend only as far as its noise allows, and leans on England's trend for the rest
// (the weights in the table). On the all-authority holdout it does not beat England's own trend
// (`reference-5`), for placement types or for authority totals: read the README's "Accuracy"
// table before quoting accuracy. Histories with recording breaks are flagged rather than followed.

// %% [markdown]
// # 6. Calibration and uncertainty: growth from the DfE statistics
//
// **Question:** what growth do an authority's own SEN2 figures support for each placement type, how
// well would each method have forecast in the past, and how wide is the range of outcomes?
//
// The DfE statistics "Education, health and care plans" count EHCPs by establishment type every
// January. This notebook reads them (the full release when `HNB_SEN2_DIR` points at it; otherwise
// the West of England extract in `data/sen2-extract/`), shows the history of the scenario's
// authority (Bristol for the default scenario), backtests the growth methods, shows what `auto`
// estimates for each placement type of the scenario, and draws the fan chart of the cumulative
// deficit when the scenario has an `uncertainty` section.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 06 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";
// The DfE SEN2 release to read: the extract in the repository, or HNB_SEN2_DIR (a full release).
const sen2Dir = process.env.HNB_SEN2_DIR ?? "../data/sen2-extract";

// %%
import { backtestChart, contextOf, ehcpChart, fanChart, tornadoChart } from "@hnb/charts";
import { authorityHistory, backtestSeries, findAuthority, loadScenarioFile, nationalReference, readSen2Dir } from "@hnb/io";
import { commonOnly, forecast, rollingOrigin, simulate, summarise, tornado, type Scenario } from "@hnb/model";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const auto: Scenario = await loadScenarioFile(scenarioFile);
const data = await readSen2Dir(sen2Dir);
console.log(`${sen2Dir}: ${data.layout} release layout, ${data.authorities.length} authorities, ${data.missingCells.length} suppressed cells`);
const lookup = findAuthority(data, auto.authority?.code ?? auto.authority?.name ?? "");
const authority = lookup.ok ? lookup.authority : undefined;
if (skipUnless(authority !== undefined, `the scenario's authority (${auto.authority?.name ?? "not named"}) is not in the statistics at ${sen2Dir}`) && authority) {
  const history = authorityHistory(data, authority);
  // Years as text, so they print as 2015 rather than as a count (2,015).
  const rows = history.years
    .map((year, i) => ({ year, i }))
    .filter((r) => r.year >= 2015)
    .map(({ year, i }) => ({ "January census": String(year), Total: history.total[i], ...Object.fromEntries(history.byPlacement.map((p) => [p.label, p.counts[i]])) }));
  showTable(rows, { title: `${authority.name}: EHCPs (statements and plans) by placement type, January census` });
  for (const b of history.breaks) console.log(`Series note: ${b}`);
}

// %% [markdown]
// ## How well each method would have forecast
// Rolling origins from 2015: fit on the history up to each origin, forecast 1–3 years ahead,
// compare with what happened; methods are compared on the same forecasts only. `auto` pools each
// series' own trend towards England's; `combined` is the first release's weighted combination;
// `reference-5` is England's 5-year trend applied to the series' own count. Every figure here is
// in-sample: `auto`'s constants were chosen on origins 2015–2018, which these origins include (the
// table's title says how many authorities the data holds); docs/calibration-and-uncertainty.md
// ("Accuracy on the holdout") gives the all-authority holdout (origin 2019).

// %%
const england = [...data.national.entries()].map(([year, count]) => ({ year, count }));
const records = rollingOrigin(backtestSeries(data, { level: "placement" }), { reference: nationalReference(data), referenceSeries: england, firstOrigin: 2015 });
const summary = summarise(commonOnly(records));
showTable(
  summary.map((s) => ({ Method: s.method, "Years ahead": s.horizon, Forecasts: s.n, "Median absolute % error": `${(100 * s.medianApe).toFixed(1)}%`, "Inside the 10th–90th percentile band": s.coverage === undefined ? "" : `${(100 * s.coverage).toFixed(0)}%` })),
  { title: `Backtest on ${data.authorities.length} authorities' placement types: median absolute percentage error (in-sample)` },
);
await showChart(backtestChart(summary.map((s) => ({ method: s.method, horizon: s.horizon, mape: s.medianApe })), contextOf({ scenario: `SEN2 backtest (in-sample), ${data.authorities.length} authorities`, baseYear: Math.max(...data.national.keys()) }, `Source: DfE, Education, health and care plans, ${data.layout} release layout (${sen2Dir.split("/").pop()}); hnb backtest`), `${data.authorities.length} authorities, in-sample`));

// %% [markdown]
// ## `auto` growth in the scenario
// Each placement type of the default scenario (and of any `hnb import`) carries its SEN2 history
// and `growth: { method: "auto" }`, and the scenario carries England's series as its `reference`.
// The forecast records, for each type, its own trend, England's, the weight on its own and the
// rate applied, and flags histories with recording breaks.

// %%
const result = forecast(auto);
const calibrated = skipUnless(result.calibration.length > 0, "no placement type of the scenario estimates its growth from history (`growth: { method: … }`)");
if (calibrated) showTable(
  result.calibration.map((c) => ({ "Placement type": c.id, "Own trend": c.ownRate === undefined ? "none" : `${(100 * c.ownRate).toFixed(1)}%`, "England's trend": `${(100 * (c.referenceRate ?? 0)).toFixed(1)}%`, "Weight on own trend": `${(100 * (c.weight ?? 0)).toFixed(0)}%`, "Rate applied (first year)": `${(100 * c.rate).toFixed(1)}%`, "Growth sd": `${(100 * (c.growthSd ?? 0)).toFixed(1)} pp`, Warnings: c.warnings.length })),
  { title: "Growth estimated from history: own trend, England's, the weight on the own trend, the rate applied" },
);
for (const c of result.calibration) for (const w of c.warnings) console.log(`${c.id}: ${w}`);
// History (SEN2, solid) and the forecast (shaded), for any scenario.
await showChart(ehcpChart(result, contextOf(result, scenarioSource(auto, scenarioFile, "hnb forecast with the scenario's growth")), auto.placements));

// %% [markdown]
// ## The range of outcomes
// 2,000 paths, seed 2022: growth shifted per placement by its calibrated error (`auto`), capped
// where the history's noise implies more (the cap is a judgement, not calibrated: the cell below
// prints how many types it binds), unit-cost inflation and lever delivery as in the default
// scenario. Same seed, same numbers. The chart draws the central forecast beside the paths'
// median: the median sits below it because growth compounds (a year's shift up costs more than the
// same shift down saves), so quote the central forecast as the forecast and the band as its range.

// %%
const uncertain = skipUnless(auto.uncertainty !== undefined, "the scenario has no `uncertainty` section, so there is no range of outcomes to simulate");
const bands = uncertain ? simulate(auto, { paths: 2000, seed: 2022 }) : undefined;
const ctx = contextOf(result, scenarioSource(auto, scenarioFile, "hnb forecast --paths 2000"));
const fan = (bands?.ledger ?? []).filter((r) => r.measure === "cumulative").map((r) => ({ fy: r.fy, forecast: r.forecast, p10: r.p10, p50: r.p50, p90: r.p90 }));
if (uncertain) showTable(
  fan.map((r) => ({ "Financial year": r.fy, Forecast: r.forecast, "10th percentile": r.p10, Median: r.p50, "90th percentile": r.p90 })),
  { title: "Cumulative DSG balance, 10th / 50th / 90th percentile (£ thousands)", money: ["10th percentile", "Median", "90th percentile"] },
);
const capped = result.calibration.filter((c) => c.impliedSd !== undefined);
if (uncertain) console.log(
  capped.length
    ? `${capped.length} of ${result.calibration.length} placement types have their growth sd capped at ${(100 * (capped[0]?.growthSd ?? 0)).toFixed(0)} points a year; their histories imply ${capped.map((c) => `${c.id} ${(100 * (c.impliedSd ?? 0)).toFixed(0)}`).join(", ")}.`
    : "No placement type's growth sd is capped.",
);
const finalFy = result.financialYears.at(-1);
const final = fan.find((r) => r.fy === finalFy && r.forecast === "mitigated");
const millions = (x: number) => `${x < 0 ? "−" : ""}£${(Math.abs(x) / 1e6).toFixed(1)}m`;
if (uncertain) console.log(
  `${finalFy} cumulative balance, mitigated: central forecast ${millions(result.mitigated.ledger.at(-1)?.cumulative ?? 0)}, median of the paths ${millions(final?.p50 ?? 0)}, 10th–90th percentile ${millions(final?.p10 ?? 0)} to ${millions(final?.p90 ?? 0)}.`,
);
if (uncertain) {
  await showChart(fanChart(fan, result.financialYears, ctx, bands?.paths ?? 0, result));
  const t = tornado(auto);
  await showChart(tornadoChart(t.rows.slice(0, 10), t.fy, ctx));
}

// %% [markdown]
// ## Take-away
// One authority's placement series is too short and too noisy to trust on its own: `auto` gives
// each its own trend only as far as its noise allows, and leans on England's trend for the rest
// (the weights in the table). On the all-authority holdout it does not beat England's own trend
// (`reference-5`), for placement types or for authority totals: read "Accuracy on the holdout" in
// docs/calibration-and-uncertainty.md, and docs/accuracy.md for the 2025 release, before quoting accuracy. Histories with recording breaks are flagged rather than followed.

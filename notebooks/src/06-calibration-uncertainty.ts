// %% [markdown]
// # 6. Calibration and uncertainty: growth from the DfE statistics
//
// **Question:** what growth do Bristol's own SEN2 figures support for each placement type, how
// well would each method have forecast in the past, and how wide is the range of outcomes?
//
// The DfE statistics "Education, health and care plans" count EHCPs by establishment type every
// January. This notebook reads them (the full release when `HNB_SEN2_DIR` points at it; otherwise
// the West of England extract in `data/sen2-extract/`), backtests the growth methods, lets `auto`
// weigh them for each placement type, and draws the fan chart of the cumulative deficit.

// %%
import { backtestChart, contextOf, ehcpChart, fanChart, tornadoChart } from "@hnb/charts";
import { authorityHistory, backtestSeries, loadScenarioFile, requireAuthority, nationalReference, readSen2Dir } from "@hnb/io";
import { commonOnly, forecast, scenarioOrThrow, rollingOrigin, simulate, summarise, tornado, type Scenario } from "@hnb/model";
import { showChart, showTable } from "@hnb/notebook";

const dir = process.env.HNB_SEN2_DIR ?? "../data/sen2-extract";
const data = await readSen2Dir(dir);
console.log(`${dir}: ${data.layout} release layout, ${data.authorities.length} authorities, ${data.missingCells.length} suppressed cells`);
const bristol = requireAuthority(data, "Bristol");
const history = authorityHistory(data, bristol);
const rows = history.years.map((year, i) => ({ year, total: history.total[i], ...Object.fromEntries(history.byPlacement.map((p) => [p.id, p.counts[i]])) }));
showTable(rows.filter((r) => r.year >= 2015), { title: `${bristol.name}: EHCPs (statements and plans) by placement type, January census` });
for (const b of history.breaks) console.log(`Series note: ${b}`);

// %% [markdown]
// ## How well each method would have forecast
// Rolling origins from 2015: fit on the history up to each origin, forecast 1–3 years ahead,
// compare with what happened. Methods are compared on the same forecasts only. With the extract
// this covers four authorities; the README quotes the all-authority figures (152 authorities).

// %%
const records = rollingOrigin(backtestSeries(data), { reference: nationalReference(data), firstOrigin: 2015 });
const summary = summarise(commonOnly(records));
showTable(
  summary.map((s) => ({ method: s.method, horizon: s.horizon, n: s.n, medianApe: `${(100 * s.medianApe).toFixed(1)}%`, coverage: s.coverage === undefined ? "" : `${(100 * s.coverage).toFixed(0)}%` })),
  { title: `Backtest on ${data.authorities.length} authorities' totals: median absolute percentage error` },
);
await showChart(backtestChart(summary.map((s) => ({ method: s.method, horizon: s.horizon, mape: s.medianApe })), contextOf({ scenario: `SEN2 backtest, ${data.authorities.length} authorities`, baseYear: 2022 }, "Source: DfE, Education, health and care plans, 2022 release; hnb backtest"), `${data.authorities.length} authorities`));

// %% [markdown]
// ## `auto` growth in the default scenario
// Give each placement type of the default scenario its SEN2 history (2015–2021) and
// `growth: { method: "auto" }`; the forecast records the weights and the rate it used. (Leaving
// `auto` uncertainty on a type with no history is an error that names it: non-statutory top-ups
// have no EHCPs, so no SEN2 series, and get a stated distribution instead.)

// %%
const base = await loadScenarioFile("../data/default-scenario.yaml");
const byId = new Map(history.byPlacement.map((p) => [p.id, p]));
const raw: Record<string, unknown> = {
  ...base,
  name: "Bristol 2022, growth from SEN2 (auto)",
  placements: base.placements.map((p) => {
    const series = byId.get(p.id);
    if (!series) return p;
    const past = Object.fromEntries(history.years.flatMap((y, i) => (y >= 2015 && y < 2022 && series.counts[i] != null ? [[String(y), series.counts[i] as number]] : [])));
    return { ...p, history: { ...past, ...p.history }, growth: { method: "auto" } };
  }),
  // Non-statutory top-ups have no SEN2 series (no EHCP): they keep the pooled sd of 8 points.
  uncertainty: { ...base.uncertainty, growth: "auto", placements: { "non-statutory": { growth: { distribution: "normal", sd: 0.08 } } } },
};
const auto: Scenario = scenarioOrThrow(raw);
const result = forecast(auto);
showTable(
  result.calibration.map((c) => ({ placement: c.id, used: c.used, rate: `${(100 * c.rate).toFixed(1)}%`, backtestError: `${(100 * (c.backtestError ?? 0)).toFixed(1)}%`, growthSd: `${(100 * (c.growthSd ?? 0)).toFixed(1)} pp` })),
  { title: "Growth chosen from history: weights of the heaviest methods, the rate, its own backtest error and the sd of its growth error" },
);
// History (SEN2, solid) and the forecast with auto growth (shaded).
await showChart(ehcpChart(result, contextOf(result, "Source: DfE SEN2 2022 release; hnb forecast with growth: auto"), auto.placements));

// %% [markdown]
// ## The range of outcomes
// 2,000 paths, seed 2022: growth shifted per placement by its backtest error (`auto`), unit-cost
// inflation and lever delivery as in the default scenario. Same seed, same numbers.

// %%
const bands = simulate(auto, { paths: 2000, seed: 2022 });
const ctx = contextOf(result, "Source: DfE SEN2 2022 (growth), Bristol Schools Forum papers (costs); hnb forecast --paths 2000");
const fan = bands.ledger.filter((r) => r.measure === "cumulative").map((r) => ({ fy: r.fy, forecast: r.forecast, p10: r.p10, p50: r.p50, p90: r.p90 }));
showTable(fan, { title: "Cumulative DSG balance, 10th / 50th / 90th percentile (£ thousands)", money: ["p10", "p50", "p90"] });
await showChart(fanChart(fan, result.financialYears, ctx, bands.paths));
const t = tornado(auto);
await showChart(tornadoChart(t.rows.slice(0, 10), t.fy, ctx));

// %% [markdown]
// ## Take-away
// Weighing methods by their own past accuracy beats any single naive rule on the all-authority
// backtest (README, "Calibration"), and its bands are calibrated there to cover about 80% of
// outcomes. Bristol's placement-type series carry recording breaks (resourced provision jumps
// between years), so their growth errors, and the fan, are wide: the width is the honest message.
// Growth, not unit cost or lever delivery, is what moves the deficit most.

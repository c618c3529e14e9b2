// %% [markdown]
// # 3. Schools Block transfer: 0%, 0.5%, 1% or 1.5%?
//
// **Question:** how much does a Schools Block transfer into the High Needs Block reduce the
// cumulative DSG deficit, and what approval does each rate need?
//
// A transfer up to 0.5% of the Schools Block needs Schools Forum approval; above 0.5% the
// authority must ask the Secretary of State to disapply the limit (spec §5). A transfer lasts one
// year, so the rate is set for each financial year. We take the scenario of the parameters cell (by
// default the default scenario: Bristol, January 2022 census), drop its recovery-plan levers so
// that only the transfer differs, and apply the same rate in every forecast year. A scenario
// without a Schools Block has no transfer to vary: the notebook says so and skips its figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 03 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";

// %%
import { transferChart, contextOf, balanceChart } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { forecast, type Scenario, type ForecastResult } from "@hnb/model";
import { compareRows, showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const base = await loadScenarioFile(scenarioFile);
// The base year is history: its transfer stays as the scenario gives it; the options set the rate
// for the forecast years after it.
const [baseFY, ...years] = forecast(base).financialYears;
const sb = base.income.schoolsBlock;
const hasSchoolsBlock = skipUnless(sb !== undefined, "the scenario has no Schools Block (`income.schoolsBlock`), so there is no transfer to vary");

function withTransfer(rate: number): Scenario {
  if (!sb) return base;
  return {
    ...base,
    name: `${base.name}: ${(rate * 100).toFixed(1)}% transfer`,
    mitigations: [],
    income: {
      ...base.income,
      schoolsBlock: { ...sb, transferRate: { ...sb.transferRate, ...Object.fromEntries(years.map((fy) => [fy, rate])) } },
    },
  };
}
const rates = [0, 0.005, 0.01, 0.015];
const runs: ForecastResult[] = hasSchoolsBlock ? rates.map((r) => forecast(withTransfer(r))) : [];
if (sb)
  console.log(`Schools Block ${baseFY}: £${(sb.amount / 1e6).toFixed(1)}m at base-year prices, growing ${typeof sb.growth === "number" ? `${(sb.growth * 100).toFixed(1)}% a year` : "by year"}; the base year's transfer ${(100 * (sb.transferRate[baseFY ?? ""] ?? 0)).toFixed(1)}% in every option`);
const ctxOf = (r: ForecastResult, what: string) => contextOf(r, scenarioSource(base, scenarioFile, `${what}; hnb forecast`));

// %% [markdown]
// ## The four options side by side
// Total transferred over the forecast years, the approval each year's transfer needs, and the
// cumulative balance at the end of the horizon (£ thousands; deficits in brackets).

// %%
const last = (r: ForecastResult | undefined) => r?.unmitigated.ledger[r.unmitigated.ledger.length - 1]?.cumulative ?? 0;
// The options' transfers: the forecast years' (the base year's is the same history in every run).
const optionTransfers = (r: ForecastResult) => r.unmitigated.transfers.filter((t) => years.includes(t.fy) && t.amount !== 0);
const options = runs.map((r, i) => ({
  "Transfer rate": `${((rates[i] ?? 0) * 100).toFixed(1)}%`,
  "Approval needed": optionTransfers(r).length === 0 ? "none needed" : optionTransfers(r).every((t) => t.needs === "schools-forum") ? "Schools Forum" : "Disapplication request to the Secretary of State",
  "Transferred in the forecast years": optionTransfers(r).reduce((a, t) => a + t.amount, 0),
  "Final cumulative balance": last(r),
  Improvement: last(r) - last(runs[0]),
}));
if (hasSchoolsBlock) showTable(options, { title: `Transfer options, cumulative balance at ${years[years.length - 1]} (£ thousands)`, money: ["Transferred in the forecast years", "Final cumulative balance", "Improvement"] });

// %% [markdown]
// ## A 1% transfer against none, year by year
// Both runs keep the base year's transfer as the scenario gives it (printed above); they differ
// from the first forecast year on.

// %%
const byYear = (hasSchoolsBlock ? compareRows(runs[0] as ForecastResult, runs[2] as ForecastResult, "unmitigated") : []).map((r) => ({
  "Financial year": r.fy,
  "In-year: 0%": r.inYearA,
  "In-year: 1%": r.inYearB,
  "In-year difference": r.inYearDifference,
  "Cumulative: 0%": r.cumulativeA,
  "Cumulative: 1%": r.cumulativeB,
  "Cumulative difference": r.cumulativeDifference,
}));
if (hasSchoolsBlock) showTable(byYear, { title: "1% against 0% in each forecast year, unmitigated (£ thousands)", money: Object.keys(byYear[0] ?? {}).filter((k) => k !== "Financial year") });

// %%
if (hasSchoolsBlock)
  await showChart(balanceChart(runs[2] as ForecastResult, ctxOf(runs[2] as ForecastResult, "with a 1% transfer in every forecast year")));

// %% [markdown]
// ## The largest option, 1.5%: each year's transfer and the approval it needs

// %%
if (hasSchoolsBlock)
  await showChart(transferChart(runs[3] as ForecastResult, ctxOf(runs[3] as ForecastResult, "with a 1.5% transfer in every forecast year")));

// %% [markdown]
// ## Take-away
// Each half point of transfer moves roughly a fixed sum a year into the High Needs Block, so the
// cumulative deficit improves in proportion to the rate; but even the largest transfer leaves most
// of the structural deficit in place (the figures below are printed from the runs). Anything above
// the Schools Forum limit needs a disapplication request for that year, and because a transfer
// lasts one year, the request has to be made again every year.

// %%
const pct = (r: number) => `${(100 * r).toFixed(1)}%`;
const noTransfer = last(runs[0]);
const largest = rates.length - 1;
const halfPoint = (options[1]?.["Transferred in the forecast years"] ?? 0) / (years.length || 1);
if (hasSchoolsBlock)
  console.log(
  `A ${pct(rates[1] ?? 0)} transfer moves about £${(halfPoint / 1e6).toFixed(1)}m a year; at ${pct(rates[largest] ?? 0)} a year the ${years[years.length - 1]} cumulative deficit is £${(Math.abs(last(runs[largest])) / 1e6).toFixed(1)}m against £${(Math.abs(noTransfer) / 1e6).toFixed(1)}m with none: ${pct((last(runs[largest]) - noTransfer) / Math.abs(noTransfer))} of it removed.`,
);

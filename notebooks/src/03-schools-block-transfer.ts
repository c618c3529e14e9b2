// %% [markdown]
// # 3. Schools Block transfer: 0%, 0.5%, 1% or 1.5%?
//
// **Question:** how much does a Schools Block transfer into the High Needs Block reduce the
// cumulative DSG deficit, and what approval does each rate need?
//
// A transfer up to 0.5% of the Schools Block needs Schools Forum approval; above 0.5% the
// authority must ask the Secretary of State to disapply the limit (spec §5). A transfer lasts one
// year, so the rate is set for each financial year. We take the default scenario (Bristol, January
// 2022 census), drop its recovery-plan levers so that only the transfer differs, and apply the same
// rate in every forecast year.

// %%
import { transferChart, contextOf, balanceChart } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { forecast, type Scenario, type ForecastResult } from "@hnb/model";
import { compareRows, showChart, showTable } from "@hnb/notebook";

const base = await loadScenarioFile("../data/default-scenario.yaml");
// The base year is history: its transfer stays as the scenario gives it (0.5% in 2021-22); the
// options set the rate for the forecast years after it.
const [baseFY, ...years] = forecast(base).financialYears;
const sb = base.income.schoolsBlock;
if (!sb) throw new Error("the default scenario has a Schools Block allocation");

function withTransfer(rate: number): Scenario {
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
const runs: ForecastResult[] = rates.map((r) => forecast(withTransfer(r)));
console.log(`Schools Block ${baseFY}: £${(sb.amount / 1e6).toFixed(1)}m at base-year prices, growing ${typeof sb.growth === "number" ? `${(sb.growth * 100).toFixed(1)}% a year` : "by year"}`);

// %% [markdown]
// ## The four options side by side
// Total transferred over the forecast years, the approval each year's transfer needs, and the
// cumulative balance at the end of the horizon (£ thousands; deficits in brackets).

// %%
const last = (r: ForecastResult) => r.unmitigated.ledger[r.unmitigated.ledger.length - 1]?.cumulative ?? 0;
// The options' transfers: the forecast years' (the base year's is the same history in every run).
const optionTransfers = (r: ForecastResult) => r.unmitigated.transfers.filter((t) => years.includes(t.fy) && t.amount !== 0);
const options = runs.map((r, i) => ({
  "Transfer rate": `${((rates[i] ?? 0) * 100).toFixed(1)}%`,
  "Approval needed": optionTransfers(r).length === 0 ? "none needed" : optionTransfers(r).every((t) => t.needs === "schools-forum") ? "Schools Forum" : "Disapplication request to the Secretary of State",
  "Transferred in the forecast years": optionTransfers(r).reduce((a, t) => a + t.amount, 0),
  "Final cumulative balance": last(r),
  Improvement: last(r) - last(runs[0] as ForecastResult),
}));
showTable(options, { title: `Transfer options, cumulative balance at ${years[years.length - 1]} (£ thousands)`, money: ["Transferred in the forecast years", "Final cumulative balance", "Improvement"] });

// %% [markdown]
// ## A 1% transfer against none, year by year
// Both runs keep the base year's actual 0.5% transfer (2021-22); they differ from 2022-23 on.

// %%
const byYear = compareRows(runs[0] as ForecastResult, runs[2] as ForecastResult, "unmitigated").map((r) => ({
  "Financial year": r.fy,
  "In-year: 0%": r.inYearA,
  "In-year: 1%": r.inYearB,
  "In-year difference": r.inYearDifference,
  "Cumulative: 0%": r.cumulativeA,
  "Cumulative: 1%": r.cumulativeB,
  "Cumulative difference": r.cumulativeDifference,
}));
showTable(byYear, { title: "1% against 0% in each forecast year, unmitigated (£ thousands)", money: Object.keys(byYear[0] ?? {}).filter((k) => k !== "Financial year") });

// %%
await showChart(balanceChart(runs[2] as ForecastResult, contextOf(runs[2] as ForecastResult, "Source: default scenario (Bristol 2022) with a 1% transfer in every forecast year; hnb forecast")));

// %% [markdown]
// ## The largest option, 1.5%: each year's transfer and the approval it needs

// %%
const ctx = contextOf(runs[3] as ForecastResult, "Source: default scenario (Bristol 2022) with a 1.5% transfer in every forecast year; hnb forecast");
await showChart(transferChart(runs[3] as ForecastResult, ctx));

// %% [markdown]
// ## Take-away
// Each half point of transfer moves roughly a fixed sum a year into the High Needs Block, so the
// cumulative deficit improves in proportion to the rate; but even the largest transfer leaves most
// of the structural deficit in place (the figures below are printed from the runs). Anything above
// the Schools Forum limit needs a disapplication request for that year, and because a transfer
// lasts one year, the request has to be made again every year.

// %%
const pct = (r: number) => `${(100 * r).toFixed(1)}%`;
const noTransfer = last(runs[0] as ForecastResult);
const largest = runs.length - 1;
const halfPoint = (options[1]?.["Transferred in the forecast years"] ?? 0) / (years.length || 1);
console.log(
  `A ${pct(rates[1] ?? 0)} transfer moves about £${(halfPoint / 1e6).toFixed(1)}m a year; at ${pct(rates[largest] ?? 0)} a year the ${years[years.length - 1]} cumulative deficit is £${(Math.abs(last(runs[largest] as ForecastResult)) / 1e6).toFixed(1)}m against £${(Math.abs(noTransfer) / 1e6).toFixed(1)}m with none: ${pct((last(runs[largest] as ForecastResult) - noTransfer) / Math.abs(noTransfer))} of it removed.`,
);

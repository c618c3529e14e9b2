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
import { showChart, showComparison, showTable } from "@hnb/notebook";

const base = await loadScenarioFile("../data/default-scenario.yaml");
const years = forecast(base).financialYears.slice(1);
const sb = base.income.schoolsBlock;
if (!sb) throw new Error("the default scenario has a Schools Block allocation");

function withTransfer(rate: number): Scenario {
  return {
    ...base,
    name: `${base.name}: ${(rate * 100).toFixed(1)}% transfer`,
    mitigations: [],
    income: { ...base.income, schoolsBlock: { ...sb, transferRate: Object.fromEntries(years.map((fy) => [fy, rate])) } },
  };
}
const rates = [0, 0.005, 0.01, 0.015];
const runs: ForecastResult[] = rates.map((r) => forecast(withTransfer(r)));
console.log(`Schools Block ${years[0]}: £${(sb.amount / 1e6).toFixed(1)}m at base-year prices, growing ${typeof sb.growth === "number" ? `${(sb.growth * 100).toFixed(1)}% a year` : "by year"}`);

// %% [markdown]
// ## The four options side by side
// Total transferred over the forecast years, the approval each year's transfer needs, and the
// cumulative balance at the end of the horizon (£ thousands; deficits in brackets).

// %%
const last = (r: ForecastResult) => r.unmitigated.ledger[r.unmitigated.ledger.length - 1]?.cumulative ?? 0;
const options = runs.map((r, i) => ({
  rate: `${((rates[i] ?? 0) * 100).toFixed(1)}%`,
  approval: r.unmitigated.transfers.length === 0 ? "none needed" : r.unmitigated.transfers[0]?.needs === "schools-forum" ? "Schools Forum" : "Disapplication request to the Secretary of State",
  transferred: r.unmitigated.transfers.reduce((a, t) => a + t.amount, 0),
  finalCumulative: last(r),
  improvement: last(r) - last(runs[0] as ForecastResult),
}));
showTable(options, { title: `Transfer options, cumulative balance at ${years[years.length - 1]} (£ thousands)`, money: ["transferred", "finalCumulative", "improvement"] });

// %% [markdown]
// ## A 1% transfer against none, year by year

// %%
showComparison(runs[0] as ForecastResult, runs[2] as ForecastResult, { a: "No transfer", b: "1% transfer" }, "unmitigated");

// %%
const ctx = contextOf(runs[3] as ForecastResult, "Source: default scenario (Bristol 2022) with a 1.5% transfer in every forecast year; hnb forecast");
await showChart(transferChart(runs[3] as ForecastResult, ctx));

// %%
await showChart(balanceChart(runs[2] as ForecastResult, contextOf(runs[2] as ForecastResult)));

// %% [markdown]
// ## Take-away
// Each half point of transfer moves roughly a fixed sum a year into the High Needs Block, so the
// cumulative deficit improves in proportion to the rate; but even 1.5% a year leaves most of the
// structural deficit in place. Anything above 0.5% needs a disapplication request for that year,
// and because a transfer lasts one year, the request has to be made again every year.

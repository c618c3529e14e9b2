// %% [markdown]
// # 1. Quick start: a scenario's forecast
//
// **Question:** what does the High Needs Block look like over the forecast years if current
// trends continue, and what does the recovery plan change?
//
// The scenario is named in the parameters cell below. By default it is the default scenario
// (`data/default-scenario.yaml`): Bristol at the January 2022 census, built from the published
// figures in the seed papers (each figure names its source in the file). To run this notebook on
// your own scenario (YAML, JSON or an Excel input workbook): `pnpm notebook 01 --scenario FILE`,
// or change the file name below.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 01 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";

// %%
import { loadScenarioFile } from "@hnb/io";
import { forecast, safetyValve } from "@hnb/model";
import { balanceChart, contextOf } from "@hnb/charts";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const scenario = await loadScenarioFile(scenarioFile);
const result = forecast(scenario);
const hasLevers = scenario.mitigations.length > 0;
console.log(`${result.scenario}: ${result.financialYears[0]} to ${result.financialYears[result.financialYears.length - 1]}, ${scenario.placements.length} placement types, ${result.levers.length} levers`);

// %% [markdown]
// ## The unmitigated DSG ledger
// Income, expenditure, the in-year balance and the cumulative balance from the opening DSG
// reserve, in £ thousands (deficits in brackets).

// %%
// With a Stability Grant it is income, so the in-year balance includes it: its column and name say so.
const granted = result.unmitigated.ledger.some((r) => r.stabilityGrant !== undefined);
const inYear = granted ? "In-year balance (with the Stability Grant)" : "In-year balance";
const ledgerRows = result.unmitigated.ledger.map((r) => ({
  "Financial year": r.fy,
  "High Needs Block": r.hnb,
  "Schools Block transfer": r.transfer,
  ...(granted ? { "Stability Grant": r.stabilityGrant ?? 0 } : {}),
  Income: r.income,
  Placements: r.placementCost,
  "Other lines": r.lineCost,
  Staffing: r.staffingCost,
  Expenditure: r.expenditure,
  [inYear]: r.inYear,
  "Cumulative balance": r.cumulative,
}));
showTable(ledgerRows, {
  title: "Unmitigated DSG ledger (£ thousands)",
  money: ["High Needs Block", "Schools Block transfer", ...(granted ? ["Stability Grant"] : []), "Income", "Placements", "Other lines", "Staffing", "Expenditure", inYear, "Cumulative balance"],
});

// %% [markdown]
// ## Unmitigated against mitigated
// Without levers (mitigations) in the scenario the two are the same, and the cell says so.

// %%
const gap = result.unmitigated.ledger.map((u, i) => {
  const m = result.mitigated.ledger[i] ?? u;
  return { "Financial year": u.fy, Unmitigated: u.cumulative, Mitigated: m.cumulative, "Gap (mitigated − unmitigated)": m.cumulative - u.cumulative };
});
if (skipUnless(hasLevers, "the scenario has no levers (mitigations), so the mitigated forecast is the unmitigated one"))
  showTable(gap, { title: "Cumulative DSG balance (£ thousands)", money: ["Unmitigated", "Mitigated", "Gap (mitigated − unmitigated)"] });

// %%
// The Forum-paper balance chart: unmitigated against mitigated, in-year dashed and cumulative solid,
// with the scenario's source and, while any input is marked illustrative, "illustrative figures".
await showChart(balanceChart(result, contextOf(result, scenarioSource(scenario, scenarioFile))));

// %% [markdown]
// ## Lever savings
// Sequential savings depend on the order levers are declared; Shapley shares do not. Both add up
// to the gap in the final year.

// %%
if (skipUnless(hasLevers, "the scenario has no levers (mitigations): no savings to attribute"))
  showTable(
    result.levers.map((l) => ({ Lever: l.label, Type: l.type, Sequential: l.sequential, Shapley: l.shapley })),
    { title: `Savings on the ${result.financialYears[result.financialYears.length - 1]} cumulative balance (£ thousands)`, money: ["Sequential", "Shapley"] },
  );
const sv = safetyValve(scenario);
console.log(`In-year balance${granted ? " before the Stability Grant" : ""} at zero or better and staying there: unmitigated ${sv.unmitigatedBalancedIn ? `from ${sv.unmitigatedBalancedIn}` : "not within the horizon"}, mitigated ${sv.mitigatedBalancedIn ? `from ${sv.mitigatedBalancedIn}` : "not within the horizon"}.`);

// %% [markdown]
// ## Take-away
// In the default scenario, on current trends the cumulative deficit keeps growing every year; the
// recovery plan's levers narrow the gap but do not close the in-year deficit within the horizon.
// The sentence below is printed from the forecast of the scenario the notebook ran on. The figures
// are only as good as the inputs marked `illustrative` in the scenario file (every chart says
// "illustrative figures" while any remain): replace them with your own.

// %%
const fm = (x: number) => `£${(Math.abs(x) / 1e6).toFixed(1)}m`;
const lastU = result.unmitigated.ledger[result.unmitigated.ledger.length - 1];
const lastM = result.mitigated.ledger[result.mitigated.ledger.length - 1];
const balance = (x: number) => `${x < 0 ? "a deficit of " : "a surplus of "}${fm(x)}`;
if (lastU && lastM && hasLevers)
  console.log(
    `By ${lastU.fy} the cumulative balance is ${balance(lastU.cumulative)} unmitigated and ${balance(lastM.cumulative)} mitigated: the levers ${lastM.cumulative >= lastU.cumulative ? "narrow" : "widen"} it by ${fm(lastM.cumulative - lastU.cumulative)}, and the mitigated in-year balance that year is ${balance(lastM.inYear)}.`,
  );
else if (lastU)
  console.log(`By ${lastU.fy} the cumulative balance is ${balance(lastU.cumulative)} and the in-year balance that year ${balance(lastU.inYear)}; the scenario has no levers to change it.`);

// %% [markdown]
// # 4. A Delivering Better Value grant application
//
// **Question:** what does a DBV-style plan (fewer new EHCPs, fewer independent placements, more
// inclusion in mainstream) plus a £1m DBV grant over two years do to the deficit by 2028-29, which
// lever earns what, and what growth reduction would balance the in-year position by 2028-29?
//
// We take the default scenario (Bristol, January 2022 census), extend it one year to the 2029 census
// (FY 2028-29), and replace its levers with the plan below. Confidence is the share of each lever's
// effect the plan assumes is delivered.

// %%
import { bridgeChart, balanceChart, contextOf } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { forecast, goalSeek, scenarioOrThrow, type Scenario } from "@hnb/model";
import { showChart, showTable } from "@hnb/notebook";

const base = await loadScenarioFile("../data/default-scenario.yaml");
const hnbGrowth = base.income.hnb.growth as Record<string, number>;
const plan: Scenario = scenarioOrThrow({
  ...base,
  name: "Bristol 2022: DBV plan",
  horizon: 7,
  income: { ...base.income, hnb: { ...base.income.hnb, growth: { ...hnbGrowth, 2029: 0.03 } } },
  mitigations: [
    { id: "fewer-ehcps", label: "Fewer new EHCPs (early help, graduated response)", type: "growthReduction", placements: ["mainstream", "special"], reduction: 0.02, from: 2024, rampYears: 2, confidence: 0.8 },
    { id: "fewer-independent", label: "Fewer independent placements (local special places)", type: "placementShift", fromPlacement: "inmss", toPlacement: "special", moves: { 2024: 10, 2025: 15, 2026: 15 }, confidence: 0.9 },
    { id: "mainstream-inclusion", label: "More inclusion in mainstream (resourced provision)", type: "placementShift", fromPlacement: "special", toPlacement: "resourced", moves: { 2025: 20, 2026: 20, 2027: 20 }, confidence: 0.75 },
    { id: "dbv-grant", label: "DBV grant, £1m over two years", type: "grant", amounts: { "2023-24": 500000, "2024-25": 500000 }, spend: { "2023-24": 450000, "2024-25": 500000 } },
  ],
});
const result = forecast(plan);
const last = result.financialYears[result.financialYears.length - 1];
console.log(`${result.financialYears[0]} to ${last}; ${result.levers.length} levers`);

// %% [markdown]
// ## Unmitigated against mitigated

// %%
const gap = result.unmitigated.ledger.map((u, i) => {
  const m = result.mitigated.ledger[i] ?? u;
  return { fy: u.fy, inYearUnmitigated: u.inYear, inYearMitigated: m.inYear, cumulativeUnmitigated: u.cumulative, cumulativeMitigated: m.cumulative };
});
showTable(gap, { title: "DSG balance (£ thousands)", money: ["inYearUnmitigated", "inYearMitigated", "cumulativeUnmitigated", "cumulativeMitigated"] });
const ctx = contextOf(result, "Source: Bristol Schools Forum papers (2022); DBV plan levers as in notebook 4; hnb forecast");
await showChart(balanceChart(result, ctx));

// %% [markdown]
// ## What each lever earns
// The sequential saving depends on the order the levers are listed (a growth reduction listed
// first is credited with cuts a later shift would also have made); the Shapley share is each
// lever's average over every order, so it does not. Both add up to the total. Savings (spending
// less) and funding (the grant, net of the implementation spend it pays for) are shown apart, as
// DfE plans report them.

// %%
showTable(result.levers, { title: `Lever effects on the ${last} cumulative balance (£ thousands)`, columns: ["label", "kind", "type", "sequential", "shapley"], money: ["sequential", "shapley"] });
showTable([{ group: "Savings", ...result.leverTotals.savings }, { group: "Funding", ...result.leverTotals.funding }, { group: "Total", ...result.leverTotals.total }], { title: "Savings and funding subtotals (£ thousands)", money: ["sequential", "shapley"] });
showTable(result.grants, { title: "The grant: income, the implementation spend it pays for, net (£ thousands)", columns: ["label", "income", "spend", "net"], money: ["income", "spend", "net"] });
await showChart(bridgeChart(result, ctx));

// %% [markdown]
// ## What would it take?
// The growth reduction on the "fewer new EHCPs" lever (at its 80% confidence) that brings the
// 2028-29 in-year balance to zero, searched between 0 and 50 percentage points.

// %%
const seek = goalSeek(plan, { lever: "fewer-ehcps", parameter: "reduction", targetFY: "2028-29" });
if ("value" in seek) console.log(`A growth reduction of ${(100 * seek.value).toFixed(2)} percentage points a year (from 2024, two-year ramp) balances 2028-29 (in-year £${Math.round(seek.inYear).toLocaleString("en-GB")}).`);
else console.log(`No reduction up to 50 points balances 2028-29: ${seek.reason}`);

// %% [markdown]
// ## Take-away
// The plan narrows the gap, but the grant is a one-off and mostly pays for its own implementation:
// its net effect is small, and it is funding, not a saving. The structural in-year deficit is driven by
// growth in EHCPs, so only the growth lever can close it, and the goal seek shows how large a cut
// that would take. A DBV application should show the bridge (what each workstream earns, Shapley
// shares) and say plainly how far the plan falls short.

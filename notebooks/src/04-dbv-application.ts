// %% [markdown]
// # 4. A Delivering Better Value grant application
//
// **Question:** what does a DBV-style plan (fewer new EHCPs, fewer independent placements, more
// inclusion in mainstream) plus a £1m DBV grant over two years do to the deficit by 2028-29, which
// lever earns what, and what growth reduction would balance the in-year position by 2028-29?
//
// We take the scenario of the parameters cell (by default the default scenario: Bristol, January
// 2022 census), extend it one year (for the default scenario, to the 2029 census, FY 2028-29), and
// replace its levers with the plan below, timed from its base year. Confidence is the share of each lever's
// effect the plan assumes is delivered. The plan names the placement types `mainstream`, `special`,
// `resourced` and `inmss`, as `hnb import` and the default scenario call them; a scenario without
// them says so and skips the plan's figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 04 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";

// %%
import { bridgeChart, balanceChart, contextOf } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { fyLabel, forecast, goalSeek, scenarioOrThrow, type Scenario } from "@hnb/model";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const base = await loadScenarioFile(scenarioFile);
const B = base.baseYear;
const missing = ["mainstream", "special", "resourced", "inmss"].filter((id) => !base.placements.some((p) => p.id === id));
const runs = skipUnless(missing.length === 0, `the plan's levers act on placement types the scenario does not have (${missing.join(", ")})`);
// One more year, its allocation growing 3% where the scenario gives growth year by year.
const growth = base.income.hnb.growth;
const hnbGrowth = typeof growth === "number" ? growth : { ...growth, [String(B + base.horizon + 1)]: 0.03 };
// A growth reduction acts on growth rates: with a `demand` section the EHCP placements follow the
// flows instead (notebook 10 compares the flow levers), so the plan sets it aside, and says so.
if (runs && base.demand) console.log("The scenario's `demand` section (EHCP flows) is set aside here: the plan's growth reduction acts on growth rates.");
const plan: Scenario = scenarioOrThrow({
  ...base,
  demand: undefined,
  name: `${base.name}: DBV plan`,
  horizon: base.horizon + 1,
  income: { ...base.income, hnb: { ...base.income.hnb, growth: hnbGrowth } },
  mitigations: runs
    ? [
        { id: "fewer-ehcps", label: "Fewer new EHCPs (early help, graduated response)", type: "growthReduction", placements: ["mainstream", "special"], reduction: 0.02, from: B + 2, rampYears: 2, confidence: 0.8 },
        { id: "fewer-independent", label: "Fewer independent placements (local special places)", type: "placementShift", fromPlacement: "inmss", toPlacement: "special", moves: { [B + 2]: 10, [B + 3]: 15, [B + 4]: 15 }, confidence: 0.9 },
        { id: "mainstream-inclusion", label: "More inclusion in mainstream (resourced provision)", type: "placementShift", fromPlacement: "special", toPlacement: "resourced", moves: { [B + 3]: 20, [B + 4]: 20, [B + 5]: 20 }, confidence: 0.75 },
        { id: "dbv-grant", label: "DBV grant, £1m over two years", type: "grant", amounts: { [fyLabel(B + 2)]: 500000, [fyLabel(B + 3)]: 500000 }, spend: { [fyLabel(B + 2)]: 450000, [fyLabel(B + 3)]: 500000 } },
      ]
    : [],
});
const result = forecast(plan);
const last = result.financialYears[result.financialYears.length - 1] ?? "";
if (runs) console.log(`${result.financialYears[0]} to ${last}; ${result.levers.length} levers`);

// %% [markdown]
// ## Unmitigated against mitigated

// %%
// With a Stability Grant it is income, so the in-year balance includes it: the names say so.
const withGrant = result.unmitigated.ledger.some((r) => r.stabilityGrant !== undefined) ? " (with the Stability Grant)" : "";
const gap = result.unmitigated.ledger.map((u, i) => {
  const m = result.mitigated.ledger[i] ?? u;
  return { "Financial year": u.fy, [`In-year${withGrant}: unmitigated`]: u.inYear, [`In-year${withGrant}: mitigated`]: m.inYear, "Cumulative: unmitigated": u.cumulative, "Cumulative: mitigated": m.cumulative };
});
const ctx = contextOf(result, scenarioSource(base, scenarioFile, "DBV plan levers as in notebook 4; hnb forecast"));
if (runs) {
  showTable(gap, { title: "DSG balance (£ thousands)", money: [`In-year${withGrant}: unmitigated`, `In-year${withGrant}: mitigated`, "Cumulative: unmitigated", "Cumulative: mitigated"] });
  await showChart(balanceChart(result, ctx));
}

// %% [markdown]
// ## What each lever earns
// The sequential saving depends on the order the levers are listed (a growth reduction listed
// first is credited with cuts a later shift would also have made); the Shapley share is each
// lever's average over every order, so it does not. Both add up to the total. Savings (spending
// less) and funding (the grant, net of the implementation spend it pays for) are shown apart, as
// DfE plans report them.

// %%
if (runs) {
  showTable(
    result.levers.map((l) => ({ Lever: l.label, Kind: l.kind, Type: l.type, Sequential: l.sequential, Shapley: l.shapley })),
    { title: `Lever effects on the ${last} cumulative balance (£ thousands)`, money: ["Sequential", "Shapley"] },
  );
  const totals = result.leverTotals;
  showTable(
    [
      { Group: "Savings", Sequential: totals.savings.sequential, Shapley: totals.savings.shapley },
      { Group: "Funding", Sequential: totals.funding.sequential, Shapley: totals.funding.shapley },
      { Group: "Total", Sequential: totals.total.sequential, Shapley: totals.total.shapley },
    ],
    { title: "Savings and funding subtotals (£ thousands)", money: ["Sequential", "Shapley"] },
  );
  showTable(
    result.grants.map((g) => ({ Grant: g.label, Income: g.income, "Implementation spend": g.spend, Net: g.net })),
    { title: "The grant: income, the implementation spend it pays for, net (£ thousands)", money: ["Income", "Implementation spend", "Net"] },
  );
  // Whether the order matters in this plan: the largest gap between a lever's sequential saving and its Shapley share.
  const orderGap = Math.max(...result.levers.map((l) => Math.abs(l.sequential - l.shapley)));
  console.log(
    orderGap < 500
      ? `In this plan the order does not matter: every lever's sequential saving equals its Shapley share (to the nearest £1k).`
      : `In this plan the order matters: sequential and Shapley differ by up to £${Math.round(orderGap / 1e3).toLocaleString("en-GB")}k for one lever.`,
  );
  await showChart(bridgeChart(result, ctx));
}

// %% [markdown]
// ## What would it take?
// The growth reduction on the "fewer new EHCPs" lever (at the confidence the plan gives it) that
// brings the last year's in-year balance to zero (2028-29 for the default scenario), searched
// between 0 and 50 percentage points.

// %%
if (runs) {
  const growthLever: { label?: string; confidence?: number } = plan.mitigations.find((m) => m.id === "fewer-ehcps") ?? {};
  console.log(`"${growthLever.label}" at ${Math.round(100 * (growthLever.confidence ?? 1))}% confidence`);
  const seek = goalSeek(plan, { lever: "fewer-ehcps", parameter: "reduction", targetFY: last });
  if ("value" in seek) console.log(`A growth reduction of ${(100 * seek.value).toFixed(2)} percentage points a year (from ${B + 2}, two-year ramp) balances ${last} (in-year £${Math.round(seek.inYear).toLocaleString("en-GB")}).`);
  else console.log(`No reduction up to 50 points balances ${last}: ${seek.reason}`);
  // What the cut is measured against: how fast the lever's placements grow without it.
  const baseCensus = result.censusYears[0];
  const lastCensus = result.censusYears.at(-1) ?? baseCensus;
  for (const id of ["mainstream", "special"]) {
    const count = (census: number | undefined) => result.unmitigated.placements.find((p) => p.id === id && p.census === census)?.count ?? 0;
    const years = (lastCensus ?? 0) - (baseCensus ?? 0);
    const rate = years > 0 ? (count(lastCensus) / count(baseCensus)) ** (1 / years) - 1 : 0;
    console.log(`${id}: ${Math.round(count(baseCensus))} pupils in January ${baseCensus}, ${Math.round(count(lastCensus))} in ${lastCensus} unmitigated: ${(100 * rate).toFixed(1)}% a year on average.`);
  }
}

// %% [markdown]
// ## Take-away
// The plan narrows the gap, but the grant is a one-off and mostly pays for its own implementation:
// its net effect is small, and it is funding, not a saving. The structural in-year deficit is driven by
// growth in EHCPs; the goal seek prints the cut in growth that would balance the year on its own,
// beside how fast those placements grow: a cut larger than the growth itself means fewer pupils with
// plans every year, which no recovery plan should promise. A DBV application should show the bridge
// (what each workstream earns, Shapley shares) and say plainly how far the plan falls short. The
// figures, from the tables above:

// %%
const finalU = result.unmitigated.ledger[result.unmitigated.ledger.length - 1];
const finalM = result.mitigated.ledger[result.mitigated.ledger.length - 1];
const grantNet = result.grants.reduce((a, g) => a + g.net, 0);
const grantIncome = result.grants.reduce((a, g) => a + g.income, 0);
if (finalU && finalM && runs)
  console.log(
    `By ${last} the plan improves the cumulative balance by £${((finalM.cumulative - finalU.cumulative) / 1e6).toFixed(1)}m (savings £${(result.leverTotals.savings.shapley / 1e6).toFixed(1)}m, funding £${Math.round(result.leverTotals.funding.shapley / 1e3).toLocaleString("en-GB")}k); the grant's £${(grantIncome / 1e6).toFixed(1)}m nets £${Math.round(grantNet / 1e3).toLocaleString("en-GB")}k after its spend; the mitigated in-year balance in ${last} is ${finalM.inYear < 0 ? "still a deficit of" : "a surplus of"} £${(Math.abs(finalM.inYear) / 1e6).toFixed(1)}m.`,
  );

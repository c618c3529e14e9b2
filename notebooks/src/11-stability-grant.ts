// %% [markdown]
// # 11. The Stability Grant and the 2028 position
//
// **Question:** where does the DSG stand on 31 March 2028, when the statutory override ends, after
// the High Needs Stability Grant pays off 90% of the deficit accrued to 31 March 2026 — and what is
// a saving worth now?
//
// The grant (DfE/MHCLG explanatory note, 9 February 2026; spec §11) pays a share of each
// forecast's own deficit at the end of 2025-26, in 2026-27, on condition that DfE approves the local
// SEND reform plan. Deficits accrued in 2026-27 and 2027-28 are not covered. We take the scenario
// of the parameters cell: by default the default scenario (Bristol, January 2022 census), which
// carries the grant with its own deficit as the eligible figure (illustrative: no eligible figure
// is published for it). A scenario without `income.stabilityGrant` says so and skips the grant's
// figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 11 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";

// %%
import { balanceChart, contextOf } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { forecast, formatMoney, type ForecastResult, leversAt } from "@hnb/model";
import { scenarioSource, showChart, showTable, skipUnless } from "@hnb/notebook";

const scenario = await loadScenarioFile(scenarioFile);
// £ millions to one decimal place, for sentences; a balance said as a deficit or a surplus.
const money = (x: number) => formatMoney(x, { unit: "millions", decimals: 1, symbol: true, suffix: true, negative: "minus" });
const position = (x: number) => (x < 0 ? `a deficit of ${money(-x)}` : `a surplus of ${money(x)}`);
const result: ForecastResult = forecast(scenario);
const grants = result.stabilityGrant ?? [];
const granted = skipUnless(grants.length > 0, "the scenario has no Stability Grant (`income.stabilityGrant`), so there is no grant to follow");
const condition = grants[0]?.condition;
for (const g of grants)
  console.log(
    `${g.forecast}: ${(100 * g.share).toFixed(0)}% of the ${money(g.eligibleDeficit)} deficit at the end of ${g.deficitFY} = ${money(g.amount)}, paid in ${g.paidIn}`,
  );
if (granted) console.log(`Condition: ${condition}`);

// %% [markdown]
// ## The position on 31 March 2028, with and without the grant
// With the grant is what the ledger shows; without it is the same ledger as if no grant were paid.
// What the grant leaves of the deficit to the end of its deficit year, and what accrued after it
// (which no grant covers), add up to the position with the grant (£ thousands; deficits in
// brackets). The deficit with the grant against usable reserves is the measure that counts when the
// override ends; the accrued part's share is context.

// %%
const o = result.statutoryOverride;
const side = o.stabilityGrant;
const ends = `31 March ${o.ends.slice(0, 4)}`;
const pct = (x: number | undefined) => (x === undefined ? "not given" : `${(100 * x).toFixed(1)}%`);
const rows = (["unmitigated", "mitigated"] as const).flatMap((f) => {
  const s = side?.[f];
  return s && side
    ? [
        {
          Forecast: f === "unmitigated" ? "Unmitigated" : "Mitigated",
          "Without the grant": s.withoutGrant,
          Grant: s.grant,
          "With the grant": s.withGrant,
          [`Left of the deficit to ${side.deficitFY}`]: s.historicRemaining,
          [`Accrued from ${side.accruedFrom}`]: s.accruedSince,
          "With the grant / reserves (counts)": pct(f === "unmitigated" ? o.unmitigatedShareOfReserves : o.mitigatedShareOfReserves),
          "Accrued / reserves (context)": pct(s.accruedShareOfReserves),
        },
      ]
    : [];
});
if (rows.length && side) showTable(rows, {
  title: `Position at ${ends} (£ thousands)`,
  money: ["Without the grant", "Grant", "With the grant", `Left of the deficit to ${side.deficitFY}`, `Accrued from ${side.accruedFrom}`],
});
const m = side?.mitigated;
const u = side?.unmitigated;
if (granted && side && skipUnless(m !== undefined && u !== undefined, "the grant is not paid to both forecasts (unmitigated and mitigated)") && m)
  console.log(
  `With the plan, the grant leaves ${position(m.historicRemaining)} from the years to ${side.deficitFY}, and ${side.accruedFrom} to ${o.fy} add ${position(m.accruedSince)}: ${position(m.withGrant)} on ${ends}, ${pct(o.mitigatedShareOfReserves)} of usable reserves (the measure that counts), of which ${(100 * (m.accruedSince / Math.min(-1, m.withGrant))).toFixed(0)}% accrued after the grant's deficit year; that part alone is ${pct(m.accruedShareOfReserves)} of usable reserves. Without the grant the position would be ${position(m.withoutGrant)}.`,
);

// %%
await showChart(balanceChart(result, contextOf(result, scenarioSource(scenario, scenarioFile, "with the Stability Grant; hnb forecast"))));

// %% [markdown]
// ## What a saving is worth before and after April 2026
// A saving made before 31 March 2026 lowers that year's deficit, so it lowers the grant by 90p in the
// pound: only 10p of it is still there on 31 March 2028. A saving from April 2026 counts in full.
// Each lever's saving on the balance when the override ends (Shapley, net of the grant), the change
// in the grant it causes, and the saving before the grant took any back (£ thousands): each lever's
// in-year shares to the override's year, so they add up to the gap between the forecasts then. Where
// the forecast runs on past it, the lever table of `hnb forecast` is at the horizon's end instead,
// and the last line below gives that figure too, named by its year.

// %%
// The year the levers are weighed at: the override's end where the forecast reaches it, else its last year.
const lastFY = result.financialYears.at(-1) as string;
const atFY = o.withinHorizon ? o.fy : lastFY;
const at = leversAt(result, atFY);
const levers = at.map((l) => ({
  Lever: l.label,
  "Saving before the grant": l.beforeGrant?.shapley ?? l.shapley,
  "Grant effect": l.stabilityGrantEffect?.shapley ?? 0,
  "Saving net of the grant": l.shapley,
  "Share the grant takes back": `${(100 * Math.max(0, -(l.stabilityGrantEffect?.shapley ?? 0) / Math.max(1, Math.abs(l.beforeGrant?.shapley ?? 0)))).toFixed(0)}%`,
}));
const hasLevers = granted && skipUnless(result.levers.length > 0, "the scenario has no levers (mitigations): no savings to weigh against the grant");
if (hasLevers) showTable(levers, {
  title: `Levers: savings on the balance at the end of ${atFY}, before and after the grant takes its share (£ thousands)`,
  money: ["Saving before the grant", "Grant effect", "Saving net of the grant"],
});
const net = at.reduce((a, l) => a + l.shapley, 0);
const before = at.reduce((a, l) => a + (l.beforeGrant?.shapley ?? l.shapley), 0);
if (hasLevers) console.log(
  `The plan's levers improve the balance at the end of ${atFY} by ${money(net)} net of the grant; before the grant took its share they saved ${money(before)}: ${money(before - net)} of the savings made before April 2026 comes back out of the grant.${atFY === lastFY ? "" : ` At the end of ${lastFY}, the forecast's last year (the lever table of hnb forecast), they improve it by ${money(result.leverTotals.total.shapley)} net of the grant.`}`,
);

// %% [markdown]
// ## Take-aways
// - The grant lifts the balance once, in 2026-27; from then on the in-year deficits accrue again and
//   no grant covers them: the first table shows how much of the 31 March 2028 position they make.
// - Each pound saved before April 2026 lowers the grant by 90p, so it keeps a tenth of its value at
//   31 March 2028; the lever table shows how much of each lever's saving the grant takes back, and a
//   recovery plan's value now lies in savings from April 2026.
// - The figures are illustrative until the eligible deficit DfE confirms is entered as
//   `income.stabilityGrant.eligibleDeficit`; with it, no saving changes the grant.

// %% [markdown]
// # 10. Fewer new plans or more cessations: which closes the gap?
//
// **Question:** for an authority imported from the DfE statistics, would a recovery plan do more
// by cutting the number of new EHC plans (early intervention, better SEN support) or by ending
// more plans when needs are met?
//
// `hnb import` writes a `demand` section when the statistics have the age profile and new plans:
// EHCPs by age band at each census since 2019, new plans by calendar year, cessations estimated
// from how the stock moved. The EHCP placements' total then follows the flows. The default scenario
// here is `data/north-somerset-illustrative.yaml`: North Somerset as `hnb import` writes it from the
// extract in `data/sen2-extract/`, with the money inputs SEN2 cannot know filled with
// **illustrative** figures (each source says so; `scripts/make-north-somerset.mjs` writes it).
// Replace them with the authority's own before using the result. A scenario without a `demand`
// section says so and skips the figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 10 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/north-somerset-illustrative.yaml";

// %%
import { contextOf, demandChart } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { AGE_GROUPS, AGE_GROUP_KEYS, forecast, scenarioOrThrow } from "@hnb/model";
import { scenarioSource, showChart, showTable, skipUnless } from "@hnb/notebook";

const base = await loadScenarioFile(scenarioFile);
const authority = { name: base.authority?.name ?? base.name };
const flowsModelled = skipUnless(base.demand !== undefined, "the scenario has no `demand` section (EHCP flows by age band; `hnb import` writes one where SEN2 has ages and new plans)");
const baseline = forecast(base);
const e = baseline.demand?.estimates;
if (flowsModelled) {
  console.log(`${authority.name}: ${base.placements.length} placement types, base census ${base.baseYear}`);
  console.log(`Cessations: ${(100 * (e?.cessationEstimate?.rate ?? 0)).toFixed(1)}% of plans a year, estimated from census years ${e?.cessationEstimate?.years.join(", ")}`);
  console.log(`New plans by census year from ${baseline.censusYears[0]} (the base year's, then projected): ${e?.flowTotals.map((v) => Math.round(v)).join(", ")} (${e?.growth?.used})`);
}

// %% [markdown]
// ## The flows behind the forecast
// Each year's stock = last year's + new plans − plans ceased + aged in − aged out, by age band.

// %%
const stockRows = [
  { Census: `January ${baseline.demand?.base.census}`, ...Object.fromEntries(AGE_GROUP_KEYS.map((k) => [AGE_GROUPS[k], Math.round(baseline.demand?.base.stock[k] ?? 0)])) },
  ...[...new Set(baseline.demand?.rows.map((r) => r.census))].map((census) => ({
    Census: `January ${census}`,
    ...Object.fromEntries(AGE_GROUP_KEYS.map((k) => [AGE_GROUPS[k], Math.round(baseline.demand?.rows.find((r) => r.forecast === "unmitigated" && r.census === census && r.band === k)?.stock ?? 0)])),
  })),
];
if (flowsModelled) {
  showTable(stockRows, { title: `${authority.name}: EHCPs by age band, demand model (unmitigated)` });
  await showChart(demandChart(baseline, contextOf(baseline, scenarioSource(base, scenarioFile))));
}

// %% [markdown]
// ## Two levers, alone and together
// From the second census after the base (January 2024 for a January 2022 base): 10% fewer new
// plans in every band, or 2 more points of each band's plans ceasing each year. Both together are
// attributed by Shapley shares (order-free).

// %%
const withLevers = (mitigations: unknown[]) => (flowsModelled ? forecast(scenarioOrThrow({ ...base, mitigations })) : baseline);
const fewer = { id: "fewer-new-plans", label: "10% fewer new plans", type: "newPlansChange", change: -0.1, from: base.baseYear + 2 };
const cease = { id: "more-cessations", label: "2 points more plans ceasing", type: "cessationChange", change: 0.02, from: base.baseYear + 2 };
const final = (r: ReturnType<typeof forecast>, which: "unmitigated" | "mitigated") => r[which].ledger.at(-1)?.cumulative ?? 0;
const ehcps = (r: ReturnType<typeof forecast>, which: "unmitigated" | "mitigated") =>
  r[which].placements.filter((p) => p.census === r.censusYears.at(-1) && p.category !== "NONE").reduce((a, p) => a + p.count, 0);
const onlyFewer = withLevers([fewer]);
const onlyCease = withLevers([cease]);
const both = withLevers([fewer, cease]);
const lastFy = baseline.financialYears.at(-1);
if (flowsModelled) showTable(
  [
    { Plan: "No levers", [`EHCPs, January ${baseline.censusYears.at(-1)}`]: Math.round(ehcps(baseline, "unmitigated")), [`Cumulative balance ${lastFy}`]: final(baseline, "unmitigated") },
    { Plan: fewer.label, [`EHCPs, January ${baseline.censusYears.at(-1)}`]: Math.round(ehcps(onlyFewer, "mitigated")), [`Cumulative balance ${lastFy}`]: final(onlyFewer, "mitigated") },
    { Plan: cease.label, [`EHCPs, January ${baseline.censusYears.at(-1)}`]: Math.round(ehcps(onlyCease, "mitigated")), [`Cumulative balance ${lastFy}`]: final(onlyCease, "mitigated") },
    { Plan: "Both", [`EHCPs, January ${baseline.censusYears.at(-1)}`]: Math.round(ehcps(both, "mitigated")), [`Cumulative balance ${lastFy}`]: final(both, "mitigated") },
  ],
  { title: "Illustrative money inputs: compare the levers, not the balances", money: [`Cumulative balance ${lastFy}`] },
);
if (flowsModelled) showTable(
  both.levers.map((l) => ({ Lever: l.label, "Shapley share": l.shapley, "Sequential saving": l.sequential })),
  { title: `Both levers: each one's saving on the ${lastFy} balance`, money: ["Shapley share", "Sequential saving"] },
);

// %% [markdown]
// ## Take-away

// %%
const [a, b] = both.levers;
const bigger = (a?.shapley ?? 0) >= (b?.shapley ?? 0) ? a : b;
const smaller = bigger === a ? b : a;
// Within a tenth of each other the two are called level: the money inputs are illustrative and the
// lever sizes arbitrary, so a small margin says nothing about which plan to prefer.
const level = Math.abs((bigger?.shapley ?? 0) - (smaller?.shapley ?? 0)) <= 0.1 * Math.abs(bigger?.shapley ?? 0);
const flows = e?.flowTotals ?? [];
if (flowsModelled) console.log(
  `With ${authority.name}'s flows (new plans ${Math.round(flows[0] ?? 0)} in the year to January ${baseline.censusYears[0]}, projected to ${Math.round(flows.at(-1) ?? 0)} in the year to January ${baseline.censusYears.at(-1)}, against a stock of ${Math.round(baseline.demand ? Object.values(baseline.demand.base.stock).reduce((x, y) => x + y, 0) : 0)}, and ${(100 * (e?.cessationEstimate?.rate ?? 0)).toFixed(1)}% of plans ceasing a year), ` +
    (level
      ? `the two levers as sized here do about as much (Shapley shares within 10% of each other): `
      : `"${bigger?.label}" closes more of the gap: `) +
    `${Math.round(ehcps(onlyFewer, "mitigated"))} EHCPs in January ${baseline.censusYears.at(-1)} with fewer new plans, ${Math.round(ehcps(onlyCease, "mitigated"))} with more cessations, against ${Math.round(ehcps(baseline, "unmitigated"))} without either. ` +
    "A lever on new plans acts on every later year's inflow; one on cessations acts on a stock that the inflow keeps refilling.",
);

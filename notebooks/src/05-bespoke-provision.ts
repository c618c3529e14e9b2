// %% [markdown]
// # 5. Bespoke co-located provision: cost avoidance per place
//
// **Question:** what does a place in bespoke co-located provision save against an independent
// special school place, per place and per year, and what if all 70 proposed places opened?
//
// The case is BCP's (seed 004, para 3.2): proposals for 70 places, four bespoke provisions approved
// for 2024/25, £18k a place in year 1 against £49k for an independent place: "a cost avoidance of
// £31k per place". `data/bcp-bespoke.yaml` models it as a `placementShift` from independent places
// into a bespoke placement type that starts at zero. Run on another scenario (the parameters cell),
// the notebook works out the cost avoidance of that scenario's placement shifts; a scenario without
// one says so and skips the figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 05 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/bcp-bespoke.yaml";

// %%
import { loadScenarioFile } from "@hnb/io";
import { costAvoidance, forecast, type Scenario } from "@hnb/model";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const round1 = await loadScenarioFile(scenarioFile);
const shifts = skipUnless(
  round1.mitigations.some((m) => m.type === "placementShift"),
  "the scenario has no placement shift (a `placementShift` lever), so there is no cost avoidance to work out",
);
const rows = costAvoidance(round1);
if (shifts)
  showTable(
    rows.map((r) => ({ "Financial year": r.fy, "January census": String(r.census), "Places moved (census)": r.moved, "Places paid for in the year": r.places, "Avoided per place": r.perPlace, Avoided: r.avoided })),
    { title: `${round1.name}: cost avoidance by financial year (£ thousands)`, money: ["Avoided per place", "Avoided"] },
  );
const unitCost = (id: string) => round1.placements.find((p) => p.id === id)?.unitCost;
const k = (x: unknown) => (typeof x === "number" ? `£${Math.round(x / 1e3)}k` : String(x));
const perPlace = rows.find((r) => r.moved > 0)?.perPlace ?? 0;
// The paper's figure, checked where the scenario is the paper's (its two placement types).
if (shifts && unitCost("independent") !== undefined && unitCost("bespoke") !== undefined) {
  console.log(`An independent place at ${k(unitCost("independent"))} against a bespoke one at ${k(unitCost("bespoke"))}: cost avoidance per place £${perPlace.toLocaleString("en-GB")} (the paper: £31k)`);
  if (/bcp-bespoke\.yaml$/.test(scenarioFile) && perPlace !== 31000) throw new Error("the BCP figure is not reproduced");
} else if (shifts) console.log(`Cost avoidance per place moved, first year of the shifts: £${perPlace.toLocaleString("en-GB")}`);

// %% [markdown]
// Under academic phasing a place that opens in September pays for 7 months of the 2024-25
// financial year, so the first year's avoidance is 7/12 of a full year's.
//
// ## All 70 proposed places

// %%
// Every shift moves 70 places in its first year instead (the BCP paper's proposals).
const firstYear = (moves: Record<string, number>) => Object.keys(moves).sort()[0] ?? String(round1.baseYear + 1);
const all70: Scenario = {
  ...round1,
  name: `${round1.name}: all 70 proposed places`,
  mitigations: round1.mitigations.map((m) => (m.type === "placementShift" ? { ...m, label: "All 70 proposed places", moves: { [firstYear(m.moves)]: 70 } } : m)),
};
const compare = [round1, all70].map((s) => {
  const r = forecast(s);
  const avoided = costAvoidance(s).reduce((a, x) => a + x.avoided, 0);
  const byYear = costAvoidance(s);
  return { scenario: s.name, places: s.mitigations.reduce((a, m) => a + (m.type === "placementShift" ? Object.values(m.moves).reduce((x, y) => x + y, 0) : 0), 0), byYear: byYear, avoided: avoided, leverSaving: r.levers[0]?.sequential ?? 0 };
});
if (shifts)
  showTable(
    compare.map((c) => ({ Scenario: c.scenario, Places: c.places, "Avoided over the horizon": c.avoided, "The forecast's saving": c.leverSaving })),
    { title: "Cost avoidance over the horizon (£ thousands)", money: ["Avoided over the horizon", "The forecast's saving"] },
  );

// %%
const bars = compare.flatMap((c) => c.byYear.map((r) => ({ fy: r.fy, scenario: c.scenario, avoided: r.avoided / 1e3 })));
if (shifts) await showChart({
  description: `Grouped bar chart of the cost avoidance by financial year, ${compare.map((c) => `${c.scenario} (${c.places} places)`).join(" and ")}.`,
  spec: {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Cost avoidance by financial year",
      subtitle: ["Placement shifts against the places they replace · illustrative place counts", scenarioSource(round1, scenarioFile, "hnb costAvoidance")],
    },
    width: 640,
    height: 300,
    data: { values: bars },
    mark: { type: "bar" },
    encoding: {
      x: { field: "fy", type: "ordinal", title: "Financial year" },
      xOffset: { field: "scenario" },
      y: { field: "avoided", type: "quantitative", title: "£ thousands" },
      color: { field: "scenario", type: "nominal", title: null, legend: { orient: "bottom", direction: "vertical" } },
    },
  },
});

// %% [markdown]
// ## Take-away
// Each bespoke place avoids the paper's per-place figure every year against an independent place;
// the approved round's place count is our assumption (the paper gives four provisions, not
// places). The forecast's saving for the shift equals the cost avoidance exactly when nothing else
// acts on those placements; with growth or other levers, the Shapley share is the figure to quote.
// The figures, from the tables above:

// %%
for (const c of shifts ? compare : []) {
  const full = Math.max(...c.byYear.map((r) => r.avoided));
  console.log(`${c.scenario}: ${c.places} places avoid £${(full / 1e6).toFixed(1)}m in a full year and £${(c.avoided / 1e6).toFixed(1)}m over the horizon (the forecast's saving: £${(c.leverSaving / 1e6).toFixed(1)}m).`);
}

// %% [markdown]
// # 9. Place funding: why do 20 new special places cost money before they fill?
//
// **Question:** an authority commissions 20 new places in a maintained special school from its
// second year, and only half of them can be filled in their first year. What does that cost, who
// pays for the empty places, and how does it show in the ledger and in the s251 statement?
//
// Specialist settings are paid per *commissioned place* (place funding, £10,000 a special-school
// place in the DfE high needs operational guide), whether the place is filled or not, plus an
// element 3 top-up per pupil. `data/place-funding.yaml` writes the special school with `places`:
// commissioned places by census year, a `fill` profile for new places, and an `overflow` placement
// (independent schools) for the pupils the places cannot hold. It also has an academy resourced
// provision with banded top-ups (its place funding is recouped by the ESFA) and an import/export
// adjustment. All figures are illustrative; the rules are in `docs/place-funding.md`. Run on another
// scenario (the parameters cell), the notebook follows its `special` placement type if it has
// places, else its first with places; a scenario without `places` says so and skips those figures.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 09 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/place-funding.yaml";

// %%
import { loadScenarioFile } from "@hnb/io";
import { forecast, type Placement, s251Statement } from "@hnb/model";
import { scenarioSource, showChart, showTable, skipUnless } from "@hnb/notebook";

const scenario = await loadScenarioFile(scenarioFile);
const result = forecast(scenario);
const withPlaces: Placement[] = scenario.placements.filter((p) => p.places?.commissioned !== undefined);
const focus: Placement | undefined = withPlaces.find((p) => p.id === "special") ?? withPlaces[0];
const hasPlaces = skipUnless(focus !== undefined, "no placement type of the scenario has commissioned places (`places`), so there is no place funding to follow");
const special = (result.unmitigated.placeFunding ?? []).filter((r) => r.id === focus?.id);
if (hasPlaces) showTable(
  special.map((r) => ({
    "Financial year": r.fy,
    "Commissioned places": r.places,
    "Places that can be filled": r.capacity,
    "Pupils needing a place": r.pupils,
    "Pupils placed": r.placed,
    "Empty places": r.emptyPlaces,
    "Place funding": r.placeFunding,
    "Of which empty places": r.emptyPlaceCost,
    "Top-ups": r.topUps,
    Cost: r.cost,
  })),
  { title: `${focus?.label ?? ""}: places (£ thousands)`, money: ["Place funding", "Of which empty places", "Top-ups", "Cost"] },
);

// %%
const first = special.find((r) => r.emptyPlaces > 0);
const before = special[special.indexOf(first as (typeof special)[number]) - 1];
const emptyYear = hasPlaces && skipUnless(first !== undefined && before !== undefined, `${focus?.label ?? "the placement type"} has no year with new places standing empty`);
const gbp = (x: number) => `£${Math.round(x).toLocaleString("en-GB")}`;
const newPlaces = first && before ? first.places - before.places : 0;
if (emptyYear && first && before) console.log(
  `${first.fy}: ${newPlaces} new places at ${gbp(first.rate)} cost ${gbp(newPlaces * first.rate)} of place funding, ` +
    `but only ${first.capacity - before.places} of them can be filled, so ${first.emptyPlaces} stand empty: ` +
    `${gbp(first.emptyPlaceCost)} pays for empty places.`,
);
const later = hasPlaces ? special.filter((r) => r.unplaced > 0) : [];
for (const r of later)
  console.log(`${r.fy}: ${r.unplaced.toFixed(1)} pupils more than the places hold are costed at independent schools.`);

// %% [markdown]
// The place funding is paid for every commissioned place from the day the places are commissioned;
// the top-up follows the pupils. So in the new places' first year the authority pays for 20
// places and tops up only the pupils it can place. Once the places are full, growth in demand goes
// back to the overflow placement: the independent schools.
//
// ## Gross and net of recoupment
//
// The resourced provision is run by an academy, so its place funding is paid by the ESFA and
// deducted from the High Needs Block allocation (recoupment). The ledger shows both presentations:
// the same amount comes off income and expenditure, so the in-year balance is the same.

// %%
showTable(
  result.unmitigated.ledger.map((l) => ({
    "Financial year": l.fy,
    "Income (gross)": l.income,
    "Expenditure (gross)": l.expenditure,
    Recoupment: l.recoupment ?? 0,
    "Income (net)": l.netIncome ?? l.income,
    "Expenditure (net)": l.netExpenditure ?? l.expenditure,
    "In-year balance": l.inYear,
    "Gross less net in-year": l.income - l.expenditure - ((l.netIncome ?? 0) - (l.netExpenditure ?? 0)),
  })),
  {
    title: "The ledger gross and net of recoupment (£ thousands)",
    money: ["Income (gross)", "Expenditure (gross)", "Recoupment", "Income (net)", "Expenditure (net)", "In-year balance", "Gross less net in-year"],
  },
);

// %%
const statement = s251Statement(result.financialYears, result.unmitigated);
showTable(
  [
    ...statement.rows.map((r) => ({
      "Line of the s251 statement": r.line ? `${r.line} ${r.label}` : r.label,
      ...Object.fromEntries(statement.financialYears.map((fy, k) => [fy, r.amounts[k] ?? 0])),
    })),
    { "Line of the s251 statement": "Total expenditure (gross)", ...Object.fromEntries(statement.financialYears.map((fy, k) => [fy, statement.total[k] ?? 0])) },
  ],
  { title: "Expenditure by s251 line (£ thousands)", money: statement.financialYears },
);

// %%
const bars = special.flatMap((r) => [
  { fy: r.fy, part: "Place funding, filled places", amount: (r.placeFunding - r.emptyPlaceCost) / 1e3 },
  { fy: r.fy, part: "Place funding, empty places", amount: r.emptyPlaceCost / 1e3 },
  { fy: r.fy, part: "Top-ups", amount: r.topUps / 1e3 },
]);
if (hasPlaces) await showChart({
  description: "Stacked bar chart of the special school's cost by financial year: place funding for filled places, place funding for empty places, and top-ups.",
  spec: {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: `What the places cost: ${focus?.label ?? ""}`,
      subtitle: ["Place funding is paid for every commissioned place · illustrative figures", scenarioSource(scenario, scenarioFile)],
    },
    width: 560,
    height: 300,
    data: { values: bars },
    mark: { type: "bar" },
    encoding: {
      x: { field: "fy", type: "ordinal", title: "Financial year" },
      y: { field: "amount", type: "quantitative", title: "£ thousands", stack: "zero" },
      color: { field: "part", type: "nominal", title: null, legend: { orient: "bottom", direction: "vertical" } },
    },
  },
});

// %% [markdown]
// ## Take-away
// New places cost their place funding from the year they are commissioned, filled or not; the
// top-ups follow the pupils. A plan that opens places should budget for the empty ones in their
// first year, and for the pupils the places cannot hold once they are full, who are costed in the
// overflow placement (independent schools here) from the year demand passes the places. The
// figures, from the cells above:

// %%
if (emptyYear && first && before) console.log(
  `In ${first.fy} the special school costs ${gbp(first.cost - before.cost)} more than in ${before.fy}: ` +
    `${gbp(first.placeFunding - before.placeFunding)} more place funding, of which ${gbp(first.emptyPlaceCost)} for empty places, ` +
    `and ${gbp(first.topUps - before.topUps)} more top-ups.`,
);

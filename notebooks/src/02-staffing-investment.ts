// %% [markdown]
// # 2. Staffing investment: Bristol's 2019 SEND and Inclusion tables
//
// **Question:** what do the three staffing tables in Bristol's November 2019 Schools Forum paper
// cost the High Needs Block in the base year and the three years after, with pay awards, and do
// their printed totals add up?
//
// Source: Bristol Schools Forum, 26 November 2019, "System-wide SEND and Inclusion Improvement"
// (seed 000), section 5, tables 1–3 (2020/21 costs with overheads). The lines are entered in
// `data/bristol-2019-staffing.yaml`; each line's `source` quotes the printed line total and says
// where a printed unit cost or FTE does not reproduce it. Run on another scenario (the parameters
// cell), the notebook costs that scenario's staffing lines by their `group`, and reconciles a group
// only against a printed total given for it in the parameters cell.

// %%
// Parameters: the scenario this notebook runs on. `pnpm notebook 02 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/bristol-2019-staffing.yaml";
// The total a paper prints under each table of staffing lines (a line's `group`), to reconcile
// against: Bristol's November 2019 paper's. A table without one here is costed, not reconciled.
const printed: Record<string, number> = {
  "SEND Statutory Assessment, Planning & Review": 1_563_902,
  "Performance & Standards (SEND & Inclusion)": 935_549.2,
  "SEND Improvement & Programme Delivery Team": 481_534,
};

// %%
import { contextOf, expenditureChart } from "@hnb/charts";
import { loadScenarioFile } from "@hnb/io";
import { forecast, roundMoney } from "@hnb/model";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";
import * as aq from "arquero";

const scenario = await loadScenarioFile(scenarioFile);
const result = forecast(scenario);
const baseFY = result.financialYears[0];
const lines = scenario.staffing.map((s) => {
  const cost = result.unmitigated.staffing.find((r) => r.id === s.id && r.fy === baseFY)?.cost ?? 0;
  return { table: s.group ?? "", role: s.role, fte: s.fte ?? null, unitCost: s.unitCost ?? null, lumpSum: s.lumpSum ?? null, cost };
});
const tables = [...new Set(lines.map((l) => l.table))];
const hasStaffing = skipUnless(lines.length > 0, "the scenario has no staffing lines (`staffing`): the cells below have nothing to cost");
if (hasStaffing) console.log(`${lines.length} staffing lines in ${tables.length} table${tables.length === 1 ? "" : "s"}, costed in ${baseFY}`);

// %% [markdown]
// ## The lines as entered
// Costs are FTE × cost per FTE (with on-costs) plus any lump sum, in pounds. Where the paper prints
// a rounded unit cost, the line uses the unrounded one its printed total implies (each line's
// `source` says which); the lines below the table are those.

// %%
if (hasStaffing)
  showTable(
    lines.map((l) => ({ Table: l.table, Role: l.role, FTE: l.fte === null ? "" : String(l.fte), "Cost per FTE": l.unitCost, "Lump sum": l.lumpSum, Cost: l.cost })),
    { title: `Staffing lines, ${baseFY} (£)`, money: ["Cost per FTE", "Lump sum", "Cost"], unit: "pounds" },
  );
const gbp = (x: number, dp = 0) => `£${x.toLocaleString("en-GB", { minimumFractionDigits: dp, maximumFractionDigits: dp })}`;
// Exact pounds and pence where there are pence, as the paper prints them (the tables round to the pound).
const exact = (x: number) => gbp(x, Number.isInteger(roundMoney(x, "pounds", 2)) ? 0 : 2);
for (const l of lines)
  if (l.unitCost !== null && !Number.isInteger(l.unitCost))
    console.log(`${l.role}: ${l.fte} FTE × ${exact(l.unitCost)} (printed rounded to ${gbp(Math.round(l.unitCost))}) = ${exact(l.cost)}`);

// %% [markdown]
// ## Reconciling the printed table totals
// The sum of each table's lines against the total the paper prints under it.

// %%
const reconcilable = lines.filter((l) => l.table in printed);
const reconciles = hasStaffing && skipUnless(reconcilable.length > 0, "no staffing table of the scenario has a printed total in the parameters cell to reconcile against");
const reconciliation = (
  reconcilable.length ? aq.from(reconcilable).groupby("table").rollup({ lines: aq.op.count(), sum: aq.op.sum("cost") }).objects() : []
).map((r: { table: string; lines: number; sum: number }) => ({
    table: r.table,
    lines: r.lines,
    sum: r.sum,
    printed: printed[r.table] ?? 0,
    difference: r.sum - (printed[r.table] ?? 0),
  }));
if (reconciles)
  showTable(
    reconciliation.map((r) => ({ Table: r.table, Lines: r.lines, "Sum of the lines": roundMoney(r.sum, "pounds", 2), "Printed total": r.printed, Difference: roundMoney(r.difference, "pounds", 2) })),
    { title: "Lines against printed totals (£)", money: ["Sum of the lines", "Printed total", "Difference"], unit: "pounds" },
  );
const leftOut: { role: string; cost: number }[] = [];
reconciliation.forEach((r, i) => {
  // A line whose cost is the whole difference (to the pound) is the one the printed total leaves out.
  const missing = Math.abs(r.difference) >= 2 ? lines.find((l) => l.table === r.table && Math.abs(l.cost - r.difference) <= 1) : undefined;
  if (missing) leftOut.push({ role: missing.role, cost: missing.cost });
  const why = missing ? `the printed total leaves out the ${gbp(missing.cost)} "${missing.role}" line` : `a rounding difference of ${exact(r.difference)}`;
  console.log(`Table ${i + 1} (${r.table}): ${r.lines} lines sum to ${exact(r.sum)} against a printed ${exact(r.printed)}: ${why}.`);
});
// A line whose printed FTE does not reproduce its printed total (its source names the printed FTE).
for (const s of scenario.staffing) {
  const printedFte = /printed FTE ([\d.]+)/.exec(s.source ?? "")?.[1];
  const line = lines.find((l) => l.role === s.role);
  if (printedFte && line && line.unitCost !== null)
    console.log(`"${s.role}" prints ${printedFte} FTE, but its ${gbp(line.cost)} total is ${line.fte} × ${gbp(line.unitCost)}; ${printedFte} FTE would cost ${gbp(Number(printedFte) * line.unitCost)}.`);
}

// %% [markdown]
// ## Three years with pay awards
// Pay awards (assumptions, printed below from the scenario) compound from the base year.

// %%
const award = scenario.staffing[0]?.payAward ?? 0;
const awards: Record<string, number> = typeof award === "number" ? {} : award;
if (hasStaffing && typeof award === "number") console.log(`Pay award: ${(100 * award).toFixed(2)}% a year`);
else if (hasStaffing) console.log(`Pay awards: ${Object.entries(awards).map(([census, rate]) => `${(100 * rate).toFixed(2)}% in ${Number(census) - 1}-${String(Number(census) % 100).padStart(2, "0")}`).join(", ")}`);
const byYear = result.unmitigated.ledger.map((r) => ({ "Financial year": r.fy, "Staffing cost": r.staffingCost, "Cumulative balance": r.cumulative }));
if (hasStaffing) showTable(byYear, { title: "High Needs Block cost of the investment (£ thousands)", money: ["Staffing cost", "Cumulative balance"] });
// The expenditure chart is drawn for any scenario: staffing is one of its parts.
const ctx = contextOf(result, scenarioSource(scenario, scenarioFile, "pay awards as in the scenario; hnb forecast"));
await showChart(expenditureChart(result, ctx));

// %% [markdown]
// ## Take-away
// For Bristol's paper, a Forum paper built on the printed totals would understate the ask, because
// table 1's total leaves out a line. The figures, from the tables above (for the scenario the
// notebook ran on):

// %%
const costs = result.unmitigated.ledger;
const first = costs[0];
const final = costs[costs.length - 1];
const shortfall = reconciliation.reduce((a, r) => a + r.difference, 0);
const omitted = leftOut.reduce((a, l) => a + l.cost, 0);
if (first && final && reconciles)
  console.log(
    `The ${tables.length} tables together cost £${(first.staffingCost / 1e6).toFixed(2)}m in ${first.fy} (£${(final.staffingCost / 1e6).toFixed(2)}m by ${final.fy} with pay awards), ${gbp(shortfall)} more than the printed totals add up to: ${gbp(omitted)} for the ${leftOut.map((l) => `"${l.role}"`).join(" and ")} line the printed total leaves out, the rest rounding.`,
  );
else if (first && final && hasStaffing)
  console.log(`The staffing lines cost £${(first.staffingCost / 1e6).toFixed(2)}m in ${first.fy} and £${(final.staffingCost / 1e6).toFixed(2)}m by ${final.fy} with pay awards.`);

// %% [markdown]
// # 8. Q2 monitoring report
//
// **Question:** six months into 2021-22, where will the High Needs Block end the year against its
// budget, which lines drive the variance, how has the forecast moved since Q1, and what does that
// do to the deficit in later years? And how far apart are the best, central and worst cases?
//
// `data/monitoring-q2.yaml` holds the year's budget by line and the actual spend of April to
// September (illustrative: the sources publish neither); the rest of the year comes from the
// default scenario's mitigated forecast, spread evenly over the months. `data/monitoring-q1.yaml`
// is the Q1 report (actuals to June), the baseline for the movement.

// %%
import { comparisonChart, contextOf, monitoringChart, movementChart } from "@hnb/charts";
import { loadScenarioFile, type MonitoringRead, readMonitoringFile } from "@hnb/io";
import { compareScenarios, movementSince } from "@hnb/model";
import { showChart, showTable } from "@hnb/notebook";

const read1 = await readMonitoringFile("../data/monitoring-q1.yaml");
const read2 = await readMonitoringFile("../data/monitoring-q2.yaml");
if (!read1.ok || !read2.ok) throw new Error("the monitoring files do not read");
// tslab does not carry a type narrowing from one cell to the next: name the read results once.
type Read = Extract<MonitoringRead, { ok: true }>;
const q1 = read1 as Read;
const q2 = read2 as Read;
// The movement since Q1, line by line, as `hnb monitor --previous` works it out.
const since = movementSince(q2.monitoring, q1.monitoring);
// tslab does not narrow a union across a throw: take the two cases apart explicitly.
if (!since.ok) throw new Error(`lines in Q1 but not in Q2: ${(since as { missing: string[] }).missing.join(", ")}`);
const report = (since as Extract<typeof since, { ok: true }>).result;
const movement = report.total.movement ?? 0;
const outturnRows = [...report.lines, { id: "total", label: "Total", ...report.total }].map((l) => ({
  Line: l.label,
  Budget: l.budget,
  "Actual to date": l.actual,
  "Rest of the year": l.remaining,
  "Forecast outturn": l.outturn,
  Variance: l.variance,
  "Movement since Q1": l.movement,
}));
showTable(outturnRows, {
  title: `${report.name}: ${report.fy} forecast outturn by line (£ thousands; variance positive = overspend)`,
  money: ["Budget", "Actual to date", "Rest of the year", "Forecast outturn", "Variance", "Movement since Q1"],
});
const pounds = (x: number) => `£${(Math.abs(x) / 1e6).toFixed(1)}m`;
const worst = [...report.lines].sort((a, b) => b.variance - a.variance)[0];
console.log(
  `Forecast outturn ${pounds(report.total.outturn)}: ${pounds(report.total.variance)} ${report.total.variance >= 0 ? "over" : "under"} budget, ${pounds(movement)} ${movement >= 0 ? "more" : "less"} than at Q1; the largest overspend is ${worst?.label} (${pounds(worst?.variance ?? 0)}).`,
);
// Where spend to date runs away from the model: the outturn above keeps the model's rest of the year.
for (const w of report.warnings) console.log(`Spend to date: ${w}`);

// %% [markdown]
// ## Budget against outturn, and the movement since Q1

// %%
const ctx = contextOf(q2.result, "Source: illustrative budget and actuals (data/monitoring-q2.yaml); hnb monitor");
await showChart(monitoringChart(report, ctx));
await showChart(movementChart(report, ctx));

// %% [markdown]
// ## The years after start from the outturn
// The year's expenditure becomes the forecast outturn; every later cumulative balance carries the
// difference from the model's own figure for the year. The model's later years are not changed:
// the outturn moves the deficit once, by its difference from the model for this year.

// %%
showTable(
  report.ledger.map((r, i) => ({ "Financial year": r.fy, "In-year balance": r.inYear, "Cumulative balance": r.cumulative, "Cumulative: scenario alone": q2.result.mitigated.ledger[i]?.cumulative ?? 0 })),
  { title: "DSG balance with the Q2 outturn against the scenario alone (£ thousands)", money: ["In-year balance", "Cumulative balance", "Cumulative: scenario alone"] },
);
const carried = (report.ledger.at(-1)?.cumulative ?? 0) - (q2.result.mitigated.ledger.at(-1)?.cumulative ?? 0);
console.log(
  `The outturn is ${pounds(report.total.variance)} ${report.total.variance >= 0 ? "over" : "under"} budget but ${pounds(carried)} ${carried <= 0 ? "more" : "less"} deficit than the scenario alone by ${report.ledger.at(-1)?.fy}: the budget is not the model's figure for the year, and the later years keep the model's own in-year balances.`,
);

// %% [markdown]
// ## Best, central and worst
// `data/best-case.yaml` and `data/worst-case.yaml` change a few stated inputs of the default
// scenario; each difference in the final balance is split over those inputs (Shapley shares,
// adding up exactly), the same function `hnb compare` prints.

// %%
const central = await loadScenarioFile("../data/default-scenario.yaml");
const best = await loadScenarioFile("../data/best-case.yaml");
const worstCase = await loadScenarioFile("../data/worst-case.yaml");
const comparison = compareScenarios([central, best, worstCase], ["central", "best", "worst"]);
await showChart(comparisonChart(comparison, contextOf(q2.result, "Source: data/default-scenario.yaml and its variants; hnb compare")));
for (const d of comparison.differences)
  showTable(
    d.inputs.map((x) => ({ Input: x.input, Change: x.change, "Shapley share": x.share })),
    { title: `${d.name} against central: ${pounds(d.total)} ${d.total >= 0 ? "better" : "worse"} at ${comparison.financialYears.at(-1)} (£ thousands)`, money: ["Shapley share"] },
  );

// %% [markdown]
// ## Take-away
// The outturn line names the overspend and the line with the largest (printed above); the movement
// bridge tells the Forum what changed since Q1; the later years start from the outturn, so the
// year's difference from the model stays in every later cumulative balance (printed above), while
// the model's later in-year balances are unchanged: if a line runs above the model for a reason
// that lasts (the spend-to-date notes), change the scenario, not only the monitoring file.
// The best and worst cases show which assumptions the plan's result leans on most.

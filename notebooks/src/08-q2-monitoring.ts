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
// Parameters: the scenario this notebook runs on. `pnpm notebook 08 --scenario FILE` (or the
// environment variable HNB_SCENARIO) replaces it; a relative path is from this notebook's folder.
const scenarioFile = process.env.HNB_SCENARIO ?? "../data/default-scenario.yaml";
// The Q1 and Q2 monitoring files (hnb-monitoring/1): used when they name the scenario above.
const q1File = process.env.HNB_MONITORING_Q1 ?? "../data/monitoring-q1.yaml";
const q2File = process.env.HNB_MONITORING_Q2 ?? "../data/monitoring-q2.yaml";
// The best and worst cases set beside it: used when they are for the same authority and base year.
const bestFile = process.env.HNB_BEST ?? "../data/best-case.yaml";
const worstFile = process.env.HNB_WORST ?? "../data/worst-case.yaml";

// %%
import { resolve } from "node:path";
import { comparisonChart, contextOf, monitoringChart, movementChart } from "@hnb/charts";
import { loadScenarioFile, type MonitoringRead, readMonitoringFile } from "@hnb/io";
import { compareScenarios, type MonitoringResult, movementSince } from "@hnb/model";
import { showChart, showTable, skipUnless, scenarioSource } from "@hnb/notebook";

const central = await loadScenarioFile(scenarioFile);
const read1 = await readMonitoringFile(q1File);
const read2 = await readMonitoringFile(q2File);
// tslab does not carry a type narrowing from one cell to the next: name the read results once.
type Read = Extract<MonitoringRead, { ok: true }>;
const q1 = read1.ok ? (read1 as Read) : undefined;
const q2 = read2.ok ? (read2 as Read) : undefined;
const forThis = (r: Read | undefined) => r !== undefined && resolve(r.scenarioFile) === resolve(scenarioFile);
// The movement since Q1, line by line, as `hnb monitor --previous` works it out.
const since = q1 && q2 ? movementSince(q2.monitoring, q1.monitoring) : undefined;
const monitored = skipUnless(
  forThis(q1) && forThis(q2) && since?.ok === true,
  `the monitoring files (${q1File.split("/").pop()}, ${q2File.split("/").pop()}) are not both for this scenario: give its own in the parameters cell (HNB_MONITORING_Q1 and HNB_MONITORING_Q2)`,
);
// tslab does not narrow a union across a throw: take the two cases apart explicitly.
const report = monitored ? (since as Extract<NonNullable<typeof since>, { ok: true }>).result : undefined;
const movement = report?.total.movement ?? 0;
const pounds = (x: number) => `£${(Math.abs(x) / 1e6).toFixed(1)}m`;
if (report) {
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
  const worst = [...report.lines].sort((a, b) => b.variance - a.variance)[0];
  console.log(
    `Forecast outturn ${pounds(report.total.outturn)}: ${pounds(report.total.variance)} ${report.total.variance >= 0 ? "over" : "under"} budget, ${pounds(movement)} ${movement >= 0 ? "more" : "less"} than at Q1; the largest overspend is ${worst?.label} (${pounds(worst?.variance ?? 0)}).`,
  );
  // Where spend to date runs away from the model: the outturn above keeps the model's rest of the year.
  for (const w of report.warnings) console.log(`Spend to date: ${w}`);
}

// %% [markdown]
// ## Budget against outturn, and the movement since Q1

// %%
if (report && q2) {
  const ctx = contextOf(q2.result, scenarioSource(central, scenarioFile, `budget and actuals from ${q2File.split("/").pop()}; hnb monitor`));
  await showChart(monitoringChart(report as MonitoringResult, ctx));
  await showChart(movementChart(report as MonitoringResult, ctx));
}

// %% [markdown]
// ## The years after start from the outturn
// The year's expenditure becomes the forecast outturn; every later cumulative balance carries the
// difference from the model's own figure for the year. The model's later years are not changed:
// the outturn moves the deficit once, by its difference from the model for this year.

// %%
if (report && q2) {
  showTable(
    report.ledger.map((r, i) => ({ "Financial year": r.fy, "In-year balance": r.inYear, "Cumulative balance": r.cumulative, "Cumulative: scenario alone": q2.result.mitigated.ledger[i]?.cumulative ?? 0 })),
    { title: "DSG balance with the Q2 outturn against the scenario alone (£ thousands)", money: ["In-year balance", "Cumulative balance", "Cumulative: scenario alone"] },
  );
  const carried = (report.ledger.at(-1)?.cumulative ?? 0) - (q2.result.mitigated.ledger.at(-1)?.cumulative ?? 0);
  console.log(
    `The outturn is ${pounds(report.total.variance)} ${report.total.variance >= 0 ? "over" : "under"} budget but ${pounds(carried)} ${carried <= 0 ? "more" : "less"} deficit than the scenario alone by ${report.ledger.at(-1)?.fy}: the budget is not the model's figure for the year, and the later years keep the model's own in-year balances.`,
  );
}

// %% [markdown]
// ## Best, central and worst
// `data/best-case.yaml` and `data/worst-case.yaml` change a few stated inputs of the default
// scenario; each difference in the final balance is split over those inputs (Shapley shares,
// adding up exactly), the same function `hnb compare` prints. For another scenario, give its own
// best and worst cases in the parameters cell.

// %%
const best = await loadScenarioFile(bestFile);
const worstCase = await loadScenarioFile(worstFile);
const sameCase = (s: typeof central) => s.authority?.name === central.authority?.name && s.baseYear === central.baseYear;
if (
  skipUnless(
    sameCase(best) && sameCase(worstCase),
    `the best and worst cases (${bestFile.split("/").pop()}, ${worstFile.split("/").pop()}) are not for this scenario's authority and base year: give its own in the parameters cell (HNB_BEST and HNB_WORST)`,
  )
) {
  const comparison = compareScenarios([central, best, worstCase], ["central", "best", "worst"]);
  const forecastOf = q2?.result;
  await showChart(
    comparisonChart(
      comparison,
      contextOf(forecastOf ?? { scenario: central.name, baseYear: central.baseYear }, scenarioSource(central, scenarioFile, `with ${bestFile.split("/").pop()} and ${worstFile.split("/").pop()}; hnb compare`)),
    ),
  );
  for (const d of comparison.differences)
    showTable(
      d.inputs.map((x) => ({ Input: x.input, Change: x.change, "Shapley share": x.share })),
      { title: `${d.name} against central: ${pounds(d.total)} ${d.total >= 0 ? "better" : "worse"} at ${comparison.financialYears.at(-1)} (£ thousands)`, money: ["Shapley share"] },
    );
}

// %% [markdown]
// ## Take-away
// The outturn line names the overspend and the line with the largest (printed above); the movement
// bridge tells the Forum what changed since Q1; the later years start from the outturn, so the
// year's difference from the model stays in every later cumulative balance (printed above), while
// the model's later in-year balances are unchanged: if a line runs above the model for a reason
// that lasts (the spend-to-date notes), change the scenario, not only the monitoring file.
// The best and worst cases show which assumptions the plan's result leans on most.

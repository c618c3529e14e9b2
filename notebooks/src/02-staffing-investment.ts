// %% [markdown]
// # 2. Staffing investment: Bristol's 2019 SEND and Inclusion tables
//
// **Question:** what do the three staffing tables in Bristol's November 2019 Schools Forum paper
// cost the High Needs Block over three years with pay awards, and do their printed totals add up?
//
// Source: Bristol Schools Forum, 26 November 2019, "System-wide SEND and Inclusion Improvement"
// (seed 000), section 5, tables 1–3 (2020/21 costs with overheads). The lines are entered in
// `data/bristol-2019-staffing.yaml`; each line's `source` quotes the printed line total and says
// where a printed unit cost or FTE does not reproduce it.

// %%
import { loadScenarioFile } from "@hnb/io";
import { forecast, roundMoney } from "@hnb/model";
import { showTable } from "@hnb/notebook";
import * as aq from "arquero";

const scenario = await loadScenarioFile("../data/bristol-2019-staffing.yaml");
const result = forecast(scenario);
const baseFY = result.financialYears[0];
const lines = scenario.staffing.map((s) => {
  const cost = result.unmitigated.staffing.find((r) => r.id === s.id && r.fy === baseFY)?.cost ?? 0;
  return { table: s.group ?? "", role: s.role, fte: s.fte ?? null, unitCost: s.unitCost ?? null, lumpSum: s.lumpSum ?? null, cost };
});
console.log(`${lines.length} staffing lines in three tables, costed in ${baseFY}`);

// %% [markdown]
// ## The lines as entered
// Costs are FTE × cost per FTE (with on-costs) plus any lump sum, in pounds. Where the paper prints
// a rounded unit cost (e.g. £31,464), the line uses the unrounded one its printed total implies
// (£31,463.50 reproduces all three lines at that grade).

// %%
showTable(lines, { title: `Staffing lines, ${baseFY} (£)`, money: ["unitCost", "lumpSum", "cost"], unit: "pounds" });

// %% [markdown]
// ## Reconciling the printed table totals
// The sum of each table's lines against the total the paper prints under it.

// %%
const printed: Record<string, number> = {
  "SEND Statutory Assessment, Planning & Review": 1_563_902,
  "Performance & Standards (SEND & Inclusion)": 935_549.2,
  "SEND Improvement & Programme Delivery Team": 481_534,
};
const reconciliation = aq
  .from(lines)
  .groupby("table")
  .rollup({ lines: aq.op.count(), sum: aq.op.sum("cost") })
  .objects()
  .map((r: { table: string; lines: number; sum: number }) => ({
    table: r.table,
    lines: r.lines,
    linesSum: roundMoney(r.sum, "pounds", 2),
    printedTotal: printed[r.table],
    difference: roundMoney(r.sum - (printed[r.table] ?? 0), "pounds", 2),
  }));
showTable(reconciliation, { title: "Lines against printed totals (£)", money: ["linesSum", "printedTotal", "difference"], unit: "pounds" });

// %% [markdown]
// - **Table 1** lines sum to £1,783,902 against a printed £1,563,902: the printed total leaves out
//   the £220,000 Transitions Team for 14+ line.
// - **Table 2** lines sum to £935,550 against a printed £935,549.2 (a spreadsheet rounding artefact).
// - **Table 3** lines sum to about £481,536 (£481,535.25 unrounded) against a printed £481,534. Its
//   "Project Manager: SEND System & Process" line prints 0.8 FTE but its £41,258 total is
//   0.75 × £55,011; 0.8 FTE would cost £44,009.
//
// ## Three years with pay awards
// Pay awards of 2.75% (2021-22) and 3% a year after (assumptions) compound from the base year.

// %%
const byYear = result.unmitigated.ledger.map((r) => ({ fy: r.fy, staffingCost: r.staffingCost, cumulative: r.cumulative }));
showTable(byYear, { title: "High Needs Block cost of the investment (£ thousands)", money: ["staffingCost", "cumulative"] });

// %% [markdown]
// ## Take-away
// The three tables together cost £3.20m a year at 2020/21 prices (£3.37m by 2023-24 with pay
// awards), £220,000 more than the printed totals suggest, because table 1's total leaves out the
// Transitions Team. A Forum paper built on the printed totals would understate the ask.

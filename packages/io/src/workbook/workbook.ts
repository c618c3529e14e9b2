// The DSG management plan workbook: the tables of the DfE template (financial summary, EHCP
// numbers by category and age, the workstream log, assumptions) and the s251 statement, filled
// from a forecast, one module a sheet, written in this order by one WorkbookWriter. Numbers are
// written as numbers with formats, never as text, so finance teams can reuse them; totals and
// balances are formulas over the cells they add up, checked as they are written, so a finance
// officer can audit them.
import { assumptionsSheet } from "./assumptions-sheet.js";
import { ehcpNumbers } from "./ehcp-numbers.js";
import { financialSummary, SUMMARY } from "./financial-summary.js";
import { mitigations } from "./mitigations.js";
import type { WorkbookInput } from "./plan-input.js";
import { s251Sheet } from "./s251-sheet.js";
import { uncertaintySheet } from "./uncertainty-sheet.js";
import { WorkbookWriter } from "./writer.js";

// What moved out of this module, still reached through it.
export { FORMATS } from "./formats.js";
export type { WorkbookInput } from "./plan-input.js";
export { withFixedZipDates } from "./zip-dates.js";

/** Builds management-plan.xlsx in memory (exceljs is loaded only when it runs). @example const bytes = await managementPlanWorkbook({ scenario, result: forecast(scenario) }) */
export async function managementPlanWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const book = await WorkbookWriter.create();
  // The workstream log's gap between the forecasts refers to the summary's balance rows.
  const balances = financialSummary(book.sheet(SUMMARY), input);
  ehcpNumbers(book.sheet("EHCP numbers"), input);
  mitigations(book.sheet("Mitigations"), input, balances);
  assumptionsSheet(book.sheet("Assumptions"), input);
  s251Sheet(book.sheet("s251"), input);
  if (input.uncertainty) uncertaintySheet(book.sheet("Uncertainty"), input, input.uncertainty);
  return book.bytes();
}

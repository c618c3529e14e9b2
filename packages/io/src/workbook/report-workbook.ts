import { formatNumber } from "@hnb/model";
// Small workbooks of plain tables for the monitoring report and scenario comparisons: each sheet a
// title, a subtitle, a frozen header and rows of numbers with formats (never text), built
// byte-identically for the same input, like the management-plan workbook.
import { withFixedZipDates } from "./workbook.js";

/** One column of a table sheet: its header and the number format of its cells. */
export interface TableColumn {
  header: string;
  /**
   * "money" (£, deficits in red brackets), "variance" (£ spent over budget: overspends in red,
   * underspends in brackets), "rate" (0.00%) or "text".
   */
  kind: "money" | "variance" | "rate" | "text";
}

/** One sheet: a title, a subtitle, columns and rows (numbers stay numbers). */
export interface TableSheet {
  name: string;
  title: string;
  subtitle: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly (string | number | null)[])[];
  /** Rows (0-based, in `rows`) shown in bold: totals. */
  bold?: readonly number[];
}

const MONEY = "#,##0;[Red](#,##0)";
// A variance against budget is bad when positive (an overspend): red is kept for that.
const VARIANCE = "[Red]#,##0;(#,##0);0";
const RATE = "0.00%";

/**
 * A workbook of table sheets, in memory (exceljs is loaded only here).
 * @example await tableWorkbook([{ name: "Monitoring", title: "Q2", subtitle: "£", columns, rows: [] }])
 */
export async function tableWorkbook(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "hnb";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    ws.addRow([sheet.title]).font = { bold: true, size: 14 };
    ws.addRow([sheet.subtitle]).font = { italic: true, color: { argb: "FF555555" } };
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: header.number, xSplit: 1 }];
    sheet.rows.forEach((cells, i) => {
      const row = ws.addRow([...cells]);
      if (sheet.bold?.includes(i)) row.font = { bold: true };
      sheet.columns.forEach((c, j) => {
        const cell = row.getCell(j + 1);
        if (typeof cell.value === "number")
          cell.numFmt =
            c.kind === "rate" ? RATE : c.kind === "money" ? MONEY : c.kind === "variance" ? VARIANCE : "@";
      });
    });
    ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    ws.columns.forEach((col, j) => {
      const longest = Math.max(
        ...sheet.rows.map(
          (r) =>
            String(typeof r[j] === "number" ? formatNumber(Math.round(r[j] as number)) : (r[j] ?? "")).length,
        ),
        sheet.columns[j]?.header.length ?? 8,
      );
      col.width = Math.min(60, Math.max(10, longest + 3));
    });
  }
  return withFixedZipDates(new Uint8Array(await wb.xlsx.writeBuffer()));
}

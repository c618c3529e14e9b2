// Small workbooks of plain tables for the monitoring report and scenario comparisons: each sheet a
// title, a subtitle, a frozen header and rows of numbers with formats (never text), built
// byte-identically for the same input, like the management-plan workbook.
import { formatNumber } from "@hnb/model";
import { FORMATS, VARIANCE } from "./formats.js";
import { WorkbookWriter } from "./writer.js";

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

// Text columns keep a stray number as text.
const FORMAT_OF: Record<TableColumn["kind"], string> = {
  money: FORMATS.money,
  variance: VARIANCE,
  rate: FORMATS.rate,
  text: "@",
};

/**
 * A workbook of table sheets, in memory (exceljs is loaded only when it runs).
 * @example await tableWorkbook([{ name: "Monitoring", title: "Q2", subtitle: "£", columns, rows: [] }])
 */
export async function tableWorkbook(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const book = await WorkbookWriter.create();
  for (const sheet of sheets) {
    const w = book.sheet(sheet.name);
    // Plainer than the plan's sheets (w.start): no header fill, no print titles.
    const ws = w.ws;
    ws.addRow([sheet.title]).font = { bold: true, size: 14 };
    ws.addRow([sheet.subtitle]).font = { italic: true, color: { argb: "FF555555" } };
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: header.number, xSplit: 1 }];
    const formats = sheet.columns.map((c) => FORMAT_OF[c.kind]);
    sheet.rows.forEach((cells, i) => {
      w.add([...cells], formats, sheet.bold?.includes(i));
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
  return book.bytes();
}

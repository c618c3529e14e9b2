// The writer of hnb's workbooks (issue #27): one WorkbookWriter a workbook, owning every number
// written to it by "Sheet!A1", and a SheetWriter for each of its sheets. Numbers are written as
// numbers with formats, never as text; a formula is checked against the figure it must give as it
// is written (formula-check.ts), over the numbers of this workbook only.
import { formatNumber } from "@hnb/model";
import type ExcelJSNamespace from "exceljs";
import { evaluate } from "./formula-check.js";
import { withFixedZipDates } from "./zip-dates.js";

type Workbook = ExcelJSNamespace.Workbook;
type Worksheet = ExcelJSNamespace.Worksheet;
/** A row of a sheet, as exceljs gives it. */
export type Row = ExcelJSNamespace.Row;
/** A formula with its value cached, so the file reads right before Excel recalculates. */
export interface Formula {
  formula: string;
  result: number;
}
/** What a cell of an added row holds: text, a number, nothing, or a checked formula. */
export type Cell = string | number | null | Formula;

// A fixed date: the same input gives a byte-identical workbook, whenever it is built.
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v !== null && typeof v === "object" && "result" in v && typeof v.result === "number") return v.result;
  return undefined;
}

/**
 * One workbook being written: its sheets share the numbers written, so a formula may refer to
 * another sheet's cells. Built with `WorkbookWriter.create()` (exceljs is loaded only then).
 * @example const book = await WorkbookWriter.create(); book.sheet("Summary").add(["Total", 1200]); await book.bytes()
 */
export class WorkbookWriter {
  /** Every number written, by "Sheet!A1". */
  private readonly written = new Map<string, number>();

  private constructor(
    /** The exceljs workbook, for a sheet laid out by hand (the report workbook's tables). */
    readonly workbook: Workbook,
  ) {}

  /** A new, empty workbook with the fixed dates that make two builds byte-identical. */
  static async create(): Promise<WorkbookWriter> {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.creator = "hnb";
    wb.created = FIXED_DATE;
    wb.modified = FIXED_DATE;
    return new WorkbookWriter(wb);
  }

  /** Adds a sheet, after those already added. */
  sheet(name: string): SheetWriter {
    return new SheetWriter(this.workbook.addWorksheet(name), this.written);
  }

  /** The .xlsx file, with the zip's dates fixed too. */
  async bytes(): Promise<Uint8Array> {
    return withFixedZipDates(new Uint8Array(await this.workbook.xlsx.writeBuffer()));
  }
}

/**
 * One sheet being written, row by row. Made by `WorkbookWriter.sheet`, which hands it the
 * workbook's record of the numbers written.
 * @example const ws = (await WorkbookWriter.create()).sheet("Summary"); const header = ws.start("Title", "£", ["FY", "Budget"])
 */
export class SheetWriter {
  constructor(
    /** The exceljs worksheet. */
    readonly ws: Worksheet,
    private readonly written: Map<string, number>,
  ) {}

  /** The sheet's name. */
  get name(): string {
    return this.ws.name;
  }

  /** The number of the last row written (0 before any). */
  get rowCount(): number {
    return this.ws.rowCount;
  }

  /**
   * Title rows, then a bold header row, frozen and printed on every page where it heads the whole
   * sheet (`oneTable`); a sheet of several tables keeps only its titles on every page, so a header
   * never sits over another table's columns. Returns the header row's number.
   */
  start(title: string, subtitle: string, header: string[], xSplit = 1, oneTable = true): number {
    const ws = this.ws;
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.addRow([subtitle]).font = { italic: true, color: { argb: "FF555555" } };
    const row = ws.addRow(header);
    row.font = { bold: true };
    row.eachCell((c) => {
      c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
      c.border = { bottom: { style: "thin" } };
    });
    ws.views = [{ state: "frozen", ySplit: oneTable ? row.number : 0, xSplit }];
    // Plans go to Schools Forum on paper: landscape, one page wide however long, and every page
    // keeps the title and the column headers so a loose page can still be read.
    Object.assign(ws.pageSetup, {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${oneTable ? row.number : 2}`,
    });
    return row.number;
  }

  /** Adds a row; `format` applies to every number after the first column, or by column when a list. */
  add(cells: Cell[], format?: string | (string | undefined)[], bold = false): Row {
    const row = this.ws.addRow(cells);
    if (bold) row.font = { bold: true };
    // From the cells given, not read back: exceljs's cell.value drops a formula's result when it is 0.
    cells.forEach((cell, i) => {
      const n = numberOf(cell);
      if (n === undefined) return;
      const c = row.getCell(i + 1);
      this.written.set(`${this.name}!${c.address}`, n);
      const f = Array.isArray(format) ? format[i] : i > 0 ? format : undefined;
      if (f) c.numFmt = f;
    });
    return row;
  }

  /** Sets a formula into a row already added (a row total over the row's own cells). */
  put(row: Row, col: number, value: Formula, format: string): void {
    const c = row.getCell(col);
    c.value = value;
    c.numFmt = format;
    this.written.set(`${this.name}!${c.address}`, value.result);
  }

  // The forecast's own figure is cached, not the sum: before recalculation the file then reads
  // exactly as the forecast's other outputs, and the check bounds the difference to rounding.
  /**
   * A formula cell caching `figure`, after checking the formula gives it over the cells written so
   * far (the workbook's self-check); a formula over a cell never written is refused.
   */
  formula(text: string, figure: number): Formula {
    const computed = evaluate(text, this.name, this.written);
    if (!(Math.abs(computed - figure) <= 1e-6 * Math.max(1, Math.abs(figure))))
      throw new Error(
        `internal: ${this.name} =${text} gives ${computed}, but the forecast's figure is ${figure}`,
      );
    return { formula: text, result: figure };
  }

  // Widths that fit: the longest text or formatted number in each column, within sensible bounds.
  // Text longer than the widest column wraps (top-aligned), rather than being cut off at the next cell.
  /** Sets column widths to fit their contents. */
  fit(min = 10, max = 60): void {
    this.ws.columns.forEach((col) => {
      let width = min;
      col.eachCell?.({ includeEmpty: false }, (c, row) => {
        if (row <= 2) return; // titles may run across columns
        const n = typeof c.value === "number" ? c.value : c.formula ? Number(c.result ?? 0) : undefined;
        const len = n !== undefined ? formatNumber(Math.round(n)).length + 3 : String(c.value ?? "").length;
        width = Math.max(width, len + 2);
        if (n === undefined && len + 2 > max) c.alignment = { wrapText: true, vertical: "top" };
      });
      col.width = Math.min(max, width);
    });
  }
}

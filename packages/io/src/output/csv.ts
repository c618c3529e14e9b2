/** A value one CSV cell can hold; undefined and null are written as an empty cell. */
export type CsvValue = string | number | undefined | null;

/** One CSV column: its header and how to read a row's value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

// A spreadsheet runs a text cell starting with one of these as a formula (OWASP, CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// C0 controls other than tab, LF and CR, DEL and the C1 controls (U+009B is an 8-bit CSI): a CSV
// printed to a terminal must not carry escape sequences.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Semicolon too: where it is the list separator (many European locales) an unquoted one splits the cell.
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/;

/**
 * The one writer of every cell, so no text reaches a spreadsheet as a formula and no NaN passes for data.
 * @example csvCell("=SUM(A1:A9)") === "'=SUM(A1:A9)" && csvCell(-2.5) === "-2.5"
 */
export function csvCell(value: CsvValue, column?: string, row?: number): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") {
    if (Number.isFinite(value)) return String(value);
    const where = [column === undefined ? "" : `column "${column}"`, row === undefined ? "" : `row ${row}`]
      .filter(Boolean)
      .join(", ");
    throw new Error(
      `CSV cell ${where ? `${where} ` : ""}is ${value}, not a finite number; refusing to write it`,
    );
  }
  // Runtime values from columnsOf are not checked by the type, so anything else is written as text.
  // Controls go first so one cannot hide a leading = from the check; ' makes Excel show it, not run it.
  let text = String(value).replace(CONTROL, "");
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as RFC 4180 CSV (CRLF line ends, quoted where needed). Numbers are written unrounded so a
 * spreadsheet sums them exactly; presentation rounding belongs to the reader. Throws if a number is
 * NaN or infinite, naming the column and the data row (1 = the first row after the header).
 * @example toCsv([{ fy: "2025-26", x: 1.5 }], [{ header: "fy", value: (r) => r.fy }, { header: "x", value: (r) => r.x }]) === "fy,x\r\n2025-26,1.5\r\n"
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.header, c.header)).join(",")];
  rows.forEach((row, i) => {
    lines.push(columns.map((c) => csvCell(c.value(row), c.header, i + 1)).join(","));
  });
  return `${lines.join("\r\n")}\r\n`;
}

/** Columns for every own key of the first row, in order. @example columnsOf([{ a: 1 }])[0].header === "a" */
export function columnsOf<T extends object>(rows: readonly T[]): CsvColumn<T>[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first).map((key) => ({
    header: key,
    value: (row: T) => (row as Record<string, CsvValue>)[key],
  }));
}

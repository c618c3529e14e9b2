/** One CSV column: its header and how to read a row's value. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | undefined | null;
}

function cell(v: string | number | undefined | null): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Rows as RFC 4180 CSV (CRLF line ends, quoted where needed). Numbers are written unrounded so a
 * spreadsheet sums them exactly; presentation rounding belongs to the reader.
 * @example toCsv([{ fy: "2025-26", x: 1.5 }], [{ header: "fy", value: (r) => r.fy }, { header: "x", value: (r) => r.x }]) === "fy,x\r\n2025-26,1.5\r\n"
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Columns for every own key of the first row, in order. @example columnsOf([{ a: 1 }])[0].header === "a" */
export function columnsOf<T extends object>(rows: readonly T[]): CsvColumn<T>[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first).map((key) => ({
    header: key,
    value: (row: T) => (row as Record<string, string | number | undefined>)[key],
  }));
}

// CSV as DfE publishes it, read into a checked table: the parser (quotes, CRLF, a BOM) and the
// table the SEN2 readers take rows from, which refuses what a DfE file never holds (a control
// character, a short row, a duplicated row, a count that is not one) naming the file and line,
// because a misread count silently becomes a wrong forecast. Suppressed or not-applicable cells
// become missing (null) and are never read as zero.
import { describeUnsafe, firstUnsafe, formatNumber } from "@hnb/model";
import { Sen2FileError } from "./sen2-error.js";

/** DfE's codes for a value that is suppressed (c, x, low), not applicable (z) or not available. */
const MISSING = new Set(["x", "z", "c", ":", "..", "low", "u", ""]);

/** A cell as a number, or null when suppressed or not applicable. @example cellValue("x") === null */
export function cellValue(text: string | undefined): number | null {
  const t = (text ?? "").trim();
  if (MISSING.has(t.toLowerCase())) return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Parses CSV text (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM) into rows of fields; an unterminated quote throws. @example parseCsv('a,"b,c"\n1,2') */
export function parseCsv(text: string, file = "the CSV text"): string[][] {
  return parseCsvLines(text, file).rows;
}

/**
 * {@link parseCsv} with the line each row starts on (blank lines are skipped and a quoted field may
 * span lines, so a row's index is not its line), for messages that name the line.
 * @example parseCsvLines('a\n\n1').lines // [1, 3]
 */
export function parseCsvLines(text: string, file = "the CSV text"): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      line++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") {
        rows.push(row);
        lines.push(rowLine);
      }
      row = [];
      rowLine = line;
    } else field += ch;
  }
  // Without this, one stray quote would swallow the rest of the file into a single field.
  if (quoted) throw new Sen2FileError(`${file} line ${quoteLine}: a quote is opened and never closed`);
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

/** The columns every SEN2 file places a row by: its year, geographic level and authority. */
export const PLACE_COLUMNS = ["time_period", "geographic_level", "new_la_code"] as const;

/** A CSV file read for its figures: rows with the line each starts on, and cells read as DfE writes them. */
export interface Table {
  file: string;
  rows: string[][];
  /** The line each row starts on. */
  lines: number[];
  has: (col: string) => boolean;
  get: (row: string[], col: string) => string | undefined;
  /** A text cell that reaches outputs (a name or code): one line, else throws naming the line. */
  text: (row: string[], col: string, line: number) => string;
  /** The census or calendar year of a row's time_period: "2022", or "201819" where `academic` (January 2019); else throws naming the line. */
  year: (row: string[], line: number, academic?: boolean) => number;
  /** A count cell: a number ≥ 0, or null for DfE's suppression codes; anything else throws naming the line. */
  count: (row: string[], col: string, line: number) => number | null;
  /** Throws when a row with the same key was already read (a duplicated row would double every count). */
  unique: (key: string, line: number) => void;
}

/**
 * Parses a DfE CSV file into a {@link Table}, refusing it (naming the file and line) where it holds a
 * control character, lacks a required column, has no rows or a row short of fields.
 * @example table(text, "caseload.csv", ["time_period", "ehcplans"]).rows.length
 */
export function table(text: string, file: string, required: readonly string[]): Table {
  // No DfE cell holds a control or bidirectional character: one would reach the terminal, the
  // scenario written by import and every file of a pack.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bad = bom + firstUnsafe(text.slice(bom), { lineBreaks: true });
  if (bad >= bom)
    throw new Sen2FileError(
      `${file} line ${text.slice(0, bad).split("\n").length}: holds ${describeUnsafe(text.charCodeAt(bad))}, which DfE files never do: download the file again`,
    );
  const parsed = parseCsvLines(text, file);
  const [header, ...rows] = parsed.rows;
  const lines = parsed.lines.slice(1);
  if (!header) throw new Sen2FileError(`${file} is empty`);
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const absent = required.filter((c) => !index.has(c));
  if (absent.length)
    throw new Sen2FileError(
      `${file} lacks the column${absent.length > 1 ? "s" : ""} ${absent.join(", ")}: is it a DfE SEN2 file?`,
    );
  if (!rows.length) throw new Sen2FileError(`${file} has its header and no rows of figures`);
  // A row short of fields is a file cut off (a download stopped part-way) or damaged: its counts
  // would read as missing, and every figure after it would be lost, with nothing said.
  rows.forEach((row, i) => {
    if (row.length !== header.length)
      throw new Sen2FileError(
        `${file} line ${lines[i]}: ${row.length} fields where the header has ${header.length}: the file looks cut off or damaged; download it again`,
      );
  });
  const get = (row: string[], col: string) => {
    const i = index.get(col);
    return i === undefined ? undefined : row[i];
  };
  const seen = new Map<string, number>();
  return {
    file,
    rows,
    lines,
    has: (c) => index.has(c),
    get,
    text: (row, col, line) => {
      const value = get(row, col) ?? "";
      if (/[\r\n]/.test(value))
        throw new Sen2FileError(
          `${file} line ${line}: ${col} holds a line break (${JSON.stringify(value.slice(0, 40))}): a name or code is one line; download the file again`,
        );
      return value;
    },
    year: (row, line, academic = false) => {
      const raw = (get(row, "time_period") ?? "").trim();
      const year = periodYear(raw, academic);
      if (year === undefined)
        throw new Sen2FileError(
          `${file} line ${line}: time_period is ${JSON.stringify(raw.slice(0, 40))}, not a year (${academic ? 'e.g. "2022", or "202122" for the academic year 2021/22' : 'e.g. "2022"'})`,
        );
      return year;
    },
    count: (row, col, line) => {
      const raw = (get(row, col) ?? "").trim();
      if (MISSING.has(raw.toLowerCase())) return null;
      const n = countOf(raw);
      if (n === undefined)
        throw new Sen2FileError(
          `${file} line ${line}: ${col} is ${JSON.stringify(raw.slice(0, 40))}, not a count (a number of zero or more, at most ${formatNumber(MAX_COUNT)}) or a DfE suppression code (x, z, c)`,
        );
      return n;
    },
    unique: (key, line) => {
      const first = seen.get(key);
      if (first !== undefined)
        throw new Sen2FileError(
          `${file} line ${line} repeats line ${first} (${key.split("\u0000").join(", ")}): a duplicated row would double its counts`,
        );
      seen.set(key, line);
    },
  };
}

// Far above England's total (about 640,000 EHC plans), far below any overflow.
const MAX_COUNT = 10_000_000;

// A count as DfE writes it, in decimal digits only (with thousands commas and, in derived columns,
// a decimal part): Number() would also read "0x236" as 566, "1e308" and "Infinity".
function countOf(raw: string): number | undefined {
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(raw)) return undefined;
  const n = Number(raw.replace(/,/g, ""));
  return n <= MAX_COUNT ? n : undefined;
}

// A time_period as a year: four digits, or with `academic` six ("201819", the January 2019 census);
// anything else (a typo such as "20l6") is undefined, never NaN.
function periodYear(raw: string, academic: boolean): number | undefined {
  const m = academic ? /^(\d{4})(\d{2})?$/.exec(raw) : /^(\d{4})()$/.exec(raw);
  if (!m) return undefined;
  const first = Number(m[1]);
  if (first < 1990 || first > 2100) return undefined;
  if (!m[2]) return first;
  return Number(m[2]) === (first + 1) % 100 ? first + 1 : undefined;
}

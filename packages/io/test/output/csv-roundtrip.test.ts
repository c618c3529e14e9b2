// Property: what io's CSV writer writes, io's CSV reader reads back: every cell's text, every
// number exactly (doubles are written unrounded), whatever quotes, commas, semicolons, line breaks
// and surrounding spaces the text holds. The writer's two deliberate changes are the expected ones:
// control characters are dropped, and text a spreadsheet would run as a formula gets a leading '.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type CsvValue, parseCsv, toCsv } from "../../src/index.js";

// Characters that stress the quoting: separators, quotes, both line ends, spaces, formula starts,
// a tab, non-ASCII; and plain letters and digits.
const tricky = fc.constantFrom(..."abcXYZ019 ,;\"'\r\n\t=+-@£é€😀.".split(""));
// Characters no text cell keeps (C0 controls bar tab, LF and CR; DEL; C1).
const control = fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u009b");
const text = fc
  .array(fc.oneof({ weight: 9, arbitrary: tricky }, { weight: 1, arbitrary: control }), {
    maxLength: 12,
  })
  .map((chars) => chars.join(""));
const number = fc.double({ noNaN: true, noDefaultInfinity: true });
const cell: fc.Arbitrary<CsvValue> = fc.oneof(text, number, fc.constant(undefined), fc.constant(null));

// What the reader must give back for a cell.
function expected(value: CsvValue): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls the writer drops
  const kept = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "");
  return /^[=+\-@\t\r]/.test(kept) ? `'${kept}` : kept;
}

describe("CSV write → read round trip (fast-check)", () => {
  test("every cell comes back as written, numbers exactly", () => {
    // Two columns at least: the reader skips blank lines, and a one-column row of one empty cell is one.
    const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
      fc.record({
        headers: fc.array(text, { minLength: width, maxLength: width }),
        rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(table, ({ headers, rows }) => {
        const columns = headers.map((header, j) => ({ header, value: (row: CsvValue[]) => row[j] }));
        const read = parseCsv(toCsv(rows, columns));
        expect(read).toEqual([headers.map(expected), ...rows.map((row) => row.map(expected))]);
        rows.forEach((row, i) =>
          row.forEach((v, j) => {
            if (typeof v === "number") expect(Number(read[i + 1]?.[j])).toBe(v === 0 ? 0 : v);
          }),
        );
      }),
      { numRuns: 500 },
    );
  });

  test("a one-column row of one empty cell is a blank line, which the reader skips", () => {
    const csv = toCsv([{ x: "" }, { x: "a" }], [{ header: "x", value: (r: { x: string }) => r.x }]);
    expect(csv).toBe("x\r\n\r\na\r\n");
    expect(parseCsv(csv)).toEqual([["x"], ["a"]]);
  });
});

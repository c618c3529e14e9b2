// Every cell goes through one writer that defuses spreadsheet formulas (OWASP CSV injection) and
// refuses numbers that are not finite, while ordinary CSV stays byte-for-byte what it was.
import { describe, expect, test } from "vitest";
import { columnsOf, csvCell, toCsv } from "../../src/output/csv.js";
// io's one CSV reader (the SEN2 readers' too): what the writer writes, it reads back cell for cell.
import { parseCsv } from "../../src/sen2/csv-table.js";

describe("csvCell: text a spreadsheet would run as a formula gets a leading '", () => {
  test.each([
    ["=", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+", "+1+1", "'+1+1"],
    ["-", "-2+3", "'-2+3"],
    ["@", "@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["tab", "\t=1+1", "'\t=1+1"],
    ["carriage return", "\r=1+1", '"\'\r=1+1"'],
  ])("leading %s", (_, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test("a label with a comma and a leading = is defused and then quoted", () => {
    expect(csvCell('=HYPERLINK("http://x","a")')).toBe(`"'=HYPERLINK(""http://x"",""a"")"`);
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  test("a control character cannot hide a formula from the check", () => {
    expect(csvCell("\u001b=1+1")).toBe("'=1+1");
  });

  test("authority names and headers pass through the same writer", () => {
    const csv = toCsv([{ name: "-Bristol" }], [{ header: "=name", value: (r) => r.name }]);
    expect(csv).toBe("'=name\r\n'-Bristol\r\n");
  });
});

describe("csvCell: numbers", () => {
  test("negative numbers stay plain numbers", () => {
    expect(csvCell(-2.5)).toBe("-2.5");
    expect(csvCell(-20000000)).toBe("-20000000");
    expect(toCsv([{ x: -1 }], columnsOf([{ x: -1 }]))).toBe("x\r\n-1\r\n");
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("%s is refused", (v) => {
    expect(() => csvCell(v)).toThrow(/not a finite number/);
  });

  test("a non-finite value in a table names its column and row", () => {
    const rows = [
      { fy: "2025-26", cost: 1 },
      { fy: "2026-27", cost: Number.NaN },
    ];
    expect(() => toCsv(rows, columnsOf(rows))).toThrow(/column "cost", row 2 is NaN/);
    expect(() => toCsv([{ cost: Number.POSITIVE_INFINITY }], columnsOf([{ cost: 0 }]))).toThrow(
      /column "cost", row 1 is Infinity/,
    );
  });
});

describe("csvCell: control characters and ordinary text", () => {
  test("ESC and other control characters are removed, tab and line breaks kept", () => {
    expect(csvCell("red \u001b[31mALERT\u001b[0m")).toBe("red [31mALERT[0m");
    expect(csvCell("a\u0000b\u0007c\u007fd\u009be")).toBe("abcde");
    expect(csvCell("a\tb")).toBe("a\tb");
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
  });

  test("ordinary text, empty values and inner + - = @ are unchanged", () => {
    expect(csvCell("Bristol")).toBe("Bristol");
    expect(csvCell("2025-26")).toBe("2025-26");
    expect(csvCell("a+b=c @home")).toBe("a+b=c @home");
    expect(csvCell("Independent special, day")).toBe('"Independent special, day"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell("")).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
  });

  test("the documented toCsv example still holds", () => {
    expect(
      toCsv(
        [{ fy: "2025-26", x: 1.5 }],
        [
          { header: "fy", value: (r) => r.fy },
          { header: "x", value: (r) => r.x },
        ],
      ),
    ).toBe("fy,x\r\n2025-26,1.5\r\n");
  });
});

describe("toCsv round trip", () => {
  test("a small table reads back cell for cell, formulas defused", () => {
    const rows = [
      { label: "Maintained special", fy: "2025-26", cost: 1234.5, note: undefined },
      { label: 'Out of area, "OOA"', fy: "2026-27", cost: -20000000, note: "two\r\nlines" },
      { label: "=cmd|' /C calc'!A0", fy: "2027-28", cost: 0.1 + 0.2, note: "@risk" },
    ];
    const csv = toCsv(rows, columnsOf(rows));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ["label", "fy", "cost", "note"],
      ["Maintained special", "2025-26", "1234.5", ""],
      ['Out of area, "OOA"', "2026-27", "-20000000", "two\r\nlines"],
      ["'=cmd|' /C calc'!A0", "2027-28", "0.30000000000000004", "'@risk"],
    ]);
    expect(
      parseCsv(csv)
        .slice(1)
        .map((r) => Number(r[2])),
    ).toEqual(rows.map((r) => r.cost));
  });
});

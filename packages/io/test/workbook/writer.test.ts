// The workbook writer's self-check (issue #27): a formula is evaluated over the numbers this
// workbook wrote and must give the figure it caches. A reference to a cell never written is refused
// (the old check read it as 0, so a formula pointing at an empty cell passed whenever the figure
// was 0 or the cell was meant to be 0); a blank inside a SUM range counts 0, as in Excel, but a SUM
// over a range with no number written is refused; and two workbooks never see each other's cells.
import { describe, expect, test } from "vitest";
import { type SheetWriter, WorkbookWriter } from "../../src/workbook/writer.js";

/** A workbook with a sheet "Summary": B1 = 100, row 2 text only, B3 = 50. */
async function summary(): Promise<{ book: WorkbookWriter; ws: SheetWriter }> {
  const book = await WorkbookWriter.create();
  const ws = book.sheet("Summary");
  ws.add(["Income", 100]);
  ws.add(["A note"]);
  ws.add(["More income", 50]);
  return { book, ws };
}

describe("the formula self-check refuses cells never written", () => {
  test("a direct reference to a cell never written is refused, naming sheet!cell and the formula", async () => {
    const { ws } = await summary();
    // B9 was never written: read as 0 the formula gives 100, the figure, and used to pass.
    expect(() => ws.formula("B1+B9", 100)).toThrow(
      "internal: Summary =B1+B9 refers to Summary!B9, which was never written",
    );
    // A cell of text is not a number written either.
    expect(() => ws.formula("B1-A2", 100)).toThrow("refers to Summary!A2, which was never written");
    // Nor is a cell of another sheet that was never written.
    expect(() => ws.formula("B1-'Other sheet'!C4", 100)).toThrow(
      "Summary =B1-'Other sheet'!C4 refers to Other sheet!C4, which was never written",
    );
    // In the deficit-as-a-share form too.
    expect(() => ws.formula("MAX(0,-B1)/B7", 0)).toThrow("refers to Summary!B7, which was never written");
  });

  test("a SUM over a range where no number was written is refused", async () => {
    const { ws } = await summary();
    expect(() => ws.formula("SUM(C1:C3)", 0)).toThrow(
      "internal: Summary =SUM(C1:C3) sums Summary!C1:C3, where no number was written",
    );
    // An empty block's range running backwards (first row after last) is no escape.
    expect(() => ws.formula("B1+SUM(B5:B4)", 100)).toThrow("sums Summary!B5:B4, where no number was written");
  });

  test("a blank cell inside a SUM range counts 0, as in Excel; a range may run backwards", async () => {
    const { ws } = await summary();
    expect(ws.formula("SUM(B1:B3)", 150)).toEqual({ formula: "SUM(B1:B3)", result: 150 });
    expect(ws.formula("SUM(B3:B1)-B3", 100).result).toBe(100);
    expect(ws.formula("SUM(A1:B3)", 150).result).toBe(150);
  });

  test("a formula over written cells that does not give the figure is refused, as before", async () => {
    const { ws } = await summary();
    expect(() => ws.formula("B1-B3", 150)).toThrow(
      "internal: Summary =B1-B3 gives 50, but the forecast's figure is 150",
    );
    expect(() => ws.formula("B1*B3", 5000)).toThrow("cannot check the formula Summary =B1*B3");
  });

  test("formulas and cells set later count as written, on this sheet and from another", async () => {
    const { book, ws } = await summary();
    const row = ws.add(["Total"]);
    ws.put(row, 2, ws.formula("B1+B3", 150), "0");
    const other = book.sheet("Other");
    expect(other.formula("'Summary'!B4-'Summary'!B3", 100).result).toBe(100);
    expect(() => other.formula("B4", 150)).toThrow("refers to Other!B4, which was never written");
  });

  test("each workbook owns its cells: another workbook's sheet of the same name does not count", async () => {
    await summary();
    const fresh = (await WorkbookWriter.create()).sheet("Summary");
    expect(() => fresh.formula("B1", 100)).toThrow("refers to Summary!B1, which was never written");
  });
});

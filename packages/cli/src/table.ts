import { formatMoney } from "@hnb/model";

// Negative money is bracketed everywhere, in tables and in sentences, as finance reports print deficits.

/** £ thousands as a finance table shows them: thousands separators, deficits in brackets. @example thousands(-1_234_567) === "(1,235)" */
export function thousands(pounds: number): string {
  return formatMoney(pounds, { unit: "thousands", pad: true });
}

/** Whole pounds in a sentence, deficits in brackets inside the £. @example pounds(-15_478_203.4) === "£(15,478,203)" */
export function pounds(value: number): string {
  return formatMoney(value, { symbol: true });
}

/** £ thousands in a sentence, the style of the forecast's text: deficits in brackets inside the £ and k. @example poundsThousands(-20_000_000) === "£(20,000)k" */
export function poundsThousands(value: number): string {
  return formatMoney(value, { unit: "thousands", symbol: true, suffix: true });
}

/** A plain-text table with right-aligned numbers and a rule under the header; `left` lists further columns of text to left-align. @example textTable(["FY", "£k"], [["2025-26", "1 "]]) */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  left: readonly number[] = [],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  // A left-aligned last column is not padded: trailing spaces would only be noise in a diff.
  const cell = (c: string, i: number, last: boolean) =>
    i === 0 || left.includes(i) ? (last ? c : c.padEnd(widths[i] ?? 0)) : c.padStart(widths[i] ?? 0);
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => cell(c, i, i === cells.length - 1)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

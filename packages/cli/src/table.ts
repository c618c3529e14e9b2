import { roundMoney } from "@hnb/model";

/** £ thousands as a finance table shows them: thousands separators, deficits in brackets. @example thousands(-1_234_567) === "(1,235)" */
export function thousands(pounds: number): string {
  const k = roundMoney(pounds, "thousands");
  const text = Math.abs(k).toLocaleString("en-GB");
  return k < 0 ? `(${text})` : `${text} `;
}

/** A plain-text table with right-aligned numbers and a rule under the header. @example textTable(["FY", "£k"], [["2025-26", "1 "]]) */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

import { formatMoney, formatNumber } from "@hnb/model";

/** Rows as an arquero table or plain objects. */
export type Rows = readonly object[] | { objects: () => object[] };

/** Options for an HTML table. */
export interface TableOptions {
  title?: string;
  /** Columns holding £: shown in £ thousands with thousands separators, deficits in brackets. */
  money?: readonly string[];
  /** Columns holding rates: shown as percentages. */
  percent?: readonly string[];
  /** Columns to show, in order (default: every column of the first row). */
  columns?: readonly string[];
  /** Unit for money columns (default thousands). */
  unit?: "pounds" | "thousands" | "millions";
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);

/** Plain objects from an arquero table or an array. @example toObjects([{ a: 1 }]) */
export function toObjects(rows: Rows): Record<string, unknown>[] {
  const list = Array.isArray(rows) ? rows : (rows as { objects: () => object[] }).objects();
  return list as Record<string, unknown>[];
}

/** A cell's text: money in the chosen unit (brackets for negatives), rates as %, counts with separators. @example cellText(-1234567, "money") === "(1,235)" */
export function cellText(
  value: unknown,
  kind: "money" | "percent" | "plain",
  unit: TableOptions["unit"] = "thousands",
): string {
  if (typeof value !== "number") return value === undefined || value === null ? "" : String(value);
  if (kind === "money") {
    return formatMoney(value, { unit, decimals: unit === "millions" ? 1 : 0 });
  }
  if (kind === "percent") return `${(value * 100).toFixed(2)}%`;
  return formatNumber(value, Number.isInteger(value) ? 0 : 1);
}

/**
 * An HTML table for a notebook: money right-aligned in £ thousands, deficits in brackets.
 * @example tableHtml([{ fy: "2025-26", inYear: -1500000 }], { money: ["inYear"] }) // "<table …>…(1,500)…"
 */
export function tableHtml(rows: Rows, options: TableOptions = {}): string {
  const objects = toObjects(rows);
  const columns = options.columns ?? Object.keys(objects[0] ?? {});
  const kind = (c: string) =>
    options.money?.includes(c) ? "money" : options.percent?.includes(c) ? "percent" : "plain";
  const unitLabel = { pounds: "£", thousands: "£k", millions: "£m" }[options.unit ?? "thousands"];
  const head = columns
    .map(
      (c) =>
        `<th style="text-align:${kind(c) === "plain" && typeof objects[0]?.[c] !== "number" ? "left" : "right"}">${escapeHtml(c)}${kind(c) === "money" ? ` (${unitLabel})` : ""}</th>`,
    )
    .join("");
  const body = objects
    .map(
      (row) =>
        `<tr>${columns.map((c) => `<td style="text-align:${typeof row[c] === "number" ? "right" : "left"}">${escapeHtml(cellText(row[c], kind(c), options.unit))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const caption = options.title
    ? `<caption style="text-align:left;font-weight:bold">${escapeHtml(options.title)}</caption>`
    : "";
  return `<table class="hnb-table" style="border-collapse:collapse;font-variant-numeric:tabular-nums">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

// The number formats of every workbook hnb writes, in one place so a figure reads the same in each.

/**
 * Number formats: £ with thousands separators and deficits in red brackets; whole pupils; rates;
 * years and seeds without a thousands separator. None has optional decimals only ("#,##0.##"),
 * which Excel shows with a trailing dot ("2,022.").
 * @example FORMATS.money === "#,##0;[Red](#,##0)"
 */
export const FORMATS = {
  money: "#,##0;[Red](#,##0)",
  count: "#,##0",
  rate: "0.00%",
  plain: "0",
  decimal: "#,##0.00",
} as const;

/**
 * £ against a budget, where positive is bad (an overspend): red is kept for that, an underspend in
 * brackets, and nil as 0.
 * @example VARIANCE === "[Red]#,##0;(#,##0);0"
 */
export const VARIANCE = "[Red]#,##0;(#,##0);0";

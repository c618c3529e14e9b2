// Which end of a tornado bar is the better one is read from the balances, never assumed from the
// assumption's kind: more growth of a cheap placement's share lowers costs, and a lever's delivery
// can go either way once levers interact.

/**
 * The end of a tornado row that leaves the higher (better) balance: "low" (the assumption at its
 * 10th percentile), "high" (at its 90th), or undefined when both leave the same balance.
 * @example betterEnd({ low: -10, high: -12 }) === "low"
 */
export function betterEnd(row: { readonly low: number; readonly high: number }): "low" | "high" | undefined {
  if (row.low > row.high) return "low";
  if (row.high > row.low) return "high";
  return undefined;
}

// The sheets add up the forecast's rows (placements by category and census, costs by FY) this way.

/** The sum of `value` over the rows `keep` keeps. @example sumBy([1, 2, 3], (x) => x > 1, (x) => x) === 5 */
export function sumBy<T>(rows: readonly T[], keep: (r: T) => boolean, value: (r: T) => number): number {
  let s = 0;
  for (const r of rows) if (keep(r)) s += value(r);
  return s;
}

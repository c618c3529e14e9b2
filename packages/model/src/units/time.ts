/** Financial-year label of census year Y: FY_Y runs April Y-1 to March Y. @example fyLabel(2026) === "2025-26" */
export function fyLabel(censusYear: number): string {
  const start = censusYear - 1;
  return `${start}-${String(censusYear % 100).padStart(2, "0")}`;
}

/** Census year Y of a financial-year label, or undefined when the label is not `YYYY-YY` with consecutive years. @example fyYear("2025-26") === 2026 */
export function fyYear(label: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) return undefined;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start + 1 : undefined;
}

/** The reported census years B..B+H (the first is the base year). @example censusYears(2025, 2) // → [2025, 2026, 2027] */
export function censusYears(baseYear: number, horizon: number): number[] {
  return Array.from({ length: horizon + 1 }, (_, k) => baseYear + k);
}

/** The reported financial years FY_B..FY_{B+H}. @example financialYears(2025, 1) // → ["2024-25", "2025-26"] */
export function financialYears(baseYear: number, horizon: number): string[] {
  return censusYears(baseYear, horizon).map(fyLabel);
}

/**
 * The value of a per-year series at year index k, which must exist: a missing year is a bug in the
 * engine, never £0 in a Forum paper, so it throws naming the series.
 * @example yearValue(Float64Array.of(5, 7), 1, "income") === 7
 */
export function yearValue(series: ArrayLike<number> | undefined, k: number, what: string): number {
  const v = series?.[k];
  if (v === undefined)
    throw new RangeError(`${what}: no value for year index ${k} (the series has ${series?.length ?? 0})`);
  return v;
}

/** The phasings of spec §2: what share of which census counts a financial year pays for. */
export type Phasing = "census" | "academic";

/**
 * Cost by FY: `census` N(Y)·c(FY_Y); `academic` c(FY_Y)·(5/12·N(Y-1) + 7/12·N(Y)). With `add`, each
 * FY's cost is added to what `out` holds (a simulation sums its placements this way).
 * @example phasedCost("academic", [120], 100, [1000])[0] === 1000 * (5 / 12 * 100 + 7 / 12 * 120)
 */
export function phasedCost(
  phasing: Phasing,
  counts: ArrayLike<number>,
  previousCount: number,
  unitCosts: ArrayLike<number>,
  out: Float64Array = new Float64Array(counts.length),
  add = false,
): Float64Array {
  const n = counts.length;
  for (let k = 0; k < n; k++) {
    const count = counts[k] as number;
    const places =
      phasing === "census"
        ? count
        : (5 / 12) * (k === 0 ? previousCount : (counts[k - 1] as number)) + (7 / 12) * count;
    const cost = places * (unitCosts[k] ?? 0);
    out[k] = add ? (out[k] as number) + cost : cost;
  }
  return out;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** An ISO date as a Forum paper or a ledger heading writes it. @example longDate("2028-03-31") === "31 March 2028" */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

import type { ForecastResult } from "@hnb/model";

/** One financial year of two forecasts side by side. */
export interface ComparisonRow {
  fy: string;
  inYearA: number;
  inYearB: number;
  inYearDifference: number;
  cumulativeA: number;
  cumulativeB: number;
  cumulativeDifference: number;
}

/**
 * Two forecasts' ledgers side by side with the difference (B − A) in each FY; `which` picks the
 * unmitigated or mitigated ledger of each. Financial years must match.
 * @example compareRows(base, withTransfer, "mitigated")
 */
export function compareRows(
  a: ForecastResult,
  b: ForecastResult,
  which: "unmitigated" | "mitigated" = "mitigated",
): ComparisonRow[] {
  if (a.financialYears.join() !== b.financialYears.join())
    throw new Error(
      `the two forecasts cover different years (${a.financialYears[0]}… and ${b.financialYears[0]}…): compare scenarios with the same base year and horizon`,
    );
  return a[which].ledger.map((ra, i) => {
    const rb = b[which].ledger[i] ?? ra;
    return {
      fy: ra.fy,
      inYearA: ra.inYear,
      inYearB: rb.inYear,
      inYearDifference: rb.inYear - ra.inYear,
      cumulativeA: ra.cumulative,
      cumulativeB: rb.cumulative,
      cumulativeDifference: rb.cumulative - ra.cumulative,
    };
  });
}

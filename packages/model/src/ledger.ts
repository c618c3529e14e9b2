import type { Model } from "./model.js";
import type { Trajectory } from "./projection.js";
import type { LedgerRow } from "./result.js";

/** The DSG ledger rows of a trajectory (spec §6), one per reported FY. @example ledgerRows(model, project(model, NO_LEVERS))[0].fy === model.financialYears[0] */
export function ledgerRows(model: Model, t: Trajectory): LedgerRow[] {
  return model.financialYears.map((fy, k) => {
    const sum = (arrays: readonly { readonly [k: number]: number | undefined }[]) =>
      arrays.reduce((acc, a) => acc + (a[k] ?? 0), 0);
    return {
      fy,
      income: t.income[k] ?? 0,
      expenditure: t.expenditure[k] ?? 0,
      inYear: t.inYear[k] ?? 0,
      cumulative: t.cumulative[k] ?? 0,
      hnb: t.hnb[k] ?? 0,
      transfer: t.transfer[k] ?? 0,
      otherIncome: sum(t.otherIncome.map((o) => o.amounts)),
      placementCost: sum(t.placementCosts),
      lineCost: sum(t.lineCosts),
      staffingCost: sum(t.staffing.filter((s) => s.model.fundedBy === "HNB").map((s) => s.cost)),
    };
  });
}

/** The first FY whose in-year balance is zero or better, or undefined when none is within the horizon. @example firstBalancedYear(rows) === "2028-29" */
export function firstBalancedYear(ledger: readonly LedgerRow[]): string | undefined {
  return ledger.find((r) => r.inYear >= 0)?.fy;
}

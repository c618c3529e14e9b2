import type { Model } from "./model.js";
import type { Trajectory } from "./projection.js";
import type { LedgerRow } from "./result.js";

/** The DSG ledger rows of a trajectory (spec §6), one per reported FY. @example ledgerRows(model, project(model, NO_LEVERS))[0].fy === model.financialYears[0] */
export function ledgerRows(model: Model, t: Trajectory): LedgerRow[] {
  // Gross and net presentations only where something is recouped (issue #18).
  const recouped = model.placements.some((p) => p.places?.provider === "academy" && p.places.places);
  return model.financialYears.map((fy, k) => {
    const sum = (arrays: readonly { readonly [k: number]: number | undefined }[]) =>
      arrays.reduce((acc, a) => acc + (a[k] ?? 0), 0);
    const recoupment = t.recoupment[k] ?? 0;
    const net = recouped
      ? {
          recoupment,
          netIncome: (t.income[k] ?? 0) - recoupment,
          netExpenditure: (t.expenditure[k] ?? 0) - recoupment,
        }
      : {};
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
      implementationCost: sum(t.implementation.map((g) => g.cost)),
      ...net,
    };
  });
}

/** The first FY from which the in-year balance stays at zero or better to the end of the horizon, or undefined. @example firstBalancedYear(result.mitigated.ledger) === undefined // the default scenario never balances within its horizon */
export function firstBalancedYear(ledger: readonly LedgerRow[]): string | undefined {
  let from: string | undefined;
  // In balance means sustained: a year in surplus followed by a deficit again does not count.
  for (const r of ledger) {
    if (r.inYear < 0) from = undefined;
    else from ??= r.fy;
  }
  return from;
}

import type { Model } from "../compile/model.js";
import type { Trajectory } from "../project/projection.js";
import { yearValue } from "../units/time.js";
import type { LedgerRow } from "./result.js";

/** The DSG ledger rows of a trajectory (spec §6), one per reported FY. @example ledgerRows(model, project(model, NO_LEVERS))[0].fy === model.financialYears[0] */
export function ledgerRows(model: Model, t: Trajectory): LedgerRow[] {
  // Gross and net presentations only where something is recouped (issue #18).
  const recouped = model.placements.some((p) => p.places?.provider === "academy" && p.places.places);
  return model.financialYears.map((fy, k) => {
    const sum = (arrays: readonly ArrayLike<number>[], what: string) =>
      arrays.reduce((acc, a) => acc + yearValue(a, k, what), 0);
    const recoupment = yearValue(t.recoupment, k, "recoupment");
    const net = recouped
      ? {
          recoupment,
          netIncome: yearValue(t.income, k, "income") - recoupment,
          netExpenditure: yearValue(t.expenditure, k, "expenditure") - recoupment,
        }
      : {};
    return {
      fy,
      income: yearValue(t.income, k, "income"),
      expenditure: yearValue(t.expenditure, k, "expenditure"),
      inYear: yearValue(t.inYear, k, "inYear"),
      cumulative: yearValue(t.cumulative, k, "cumulative"),
      hnb: yearValue(t.hnb, k, "hnb"),
      transfer: yearValue(t.transfer, k, "transfer"),
      // Only where the scenario has the grant: every other scenario's rows are as they were.
      ...(model.income.stabilityGrant
        ? { stabilityGrant: yearValue(t.stabilityGrant, k, "Stability Grant") }
        : {}),
      otherIncome: sum(
        t.otherIncome.map((o) => o.amounts),
        "other income",
      ),
      placementCost: sum(t.placementCosts, "placement cost"),
      lineCost: sum(t.lineCosts, "line cost"),
      staffingCost: sum(
        t.staffing.filter((s) => s.model.fundedBy === "HNB").map((s) => s.cost),
        "staffing cost",
      ),
      implementationCost: sum(
        t.implementation.map((g) => g.cost),
        "implementation spend",
      ),
      ...net,
    };
  });
}

/** The first FY from which the in-year balance (before any Stability Grant) stays at zero or better to the end of the horizon, or undefined. @example firstBalancedYear(result.mitigated.ledger) === undefined // the default scenario never balances within its horizon */
export function firstBalancedYear(ledger: readonly LedgerRow[]): string | undefined {
  let from: string | undefined;
  // In balance means sustained: a year in surplus followed by a deficit again does not count. The
  // Stability Grant pays off the historic deficit once; it does not balance a year's spending.
  for (const r of ledger) {
    if (r.inYear - (r.stabilityGrant ?? 0) < 0) from = undefined;
    else from ??= r.fy;
  }
  return from;
}

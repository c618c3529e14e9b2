// Views of the plan for its readers: cost avoidance by lever and year, and the Safety Valve's payments.
import { type Compiled, compiledOf } from "../compile/compile.js";
import { leverKind } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { allLevers, NO_LEVERS, project, type Trajectory } from "../project/projection.js";
import type { Scenario } from "../scenario/schema.js";
import { firstBalancedYear, ledgerRows } from "./ledger.js";
import { type Projected, savingsMask } from "./projected.js";
import type { CostAvoidanceRow, SafetyValveView } from "./result.js";

/**
 * Cost avoidance of every placement shift: moved places × (source unit cost − destination unit cost) per FY.
 * @example costAvoidance(scenario) // BCP: an INMSS place at £49k against a bespoke one at £18k avoids £31k a place
 */
export function costAvoidance(input: Scenario | Compiled): CostAvoidanceRow[] {
  const { model } = compiledOf(input);
  return costAvoidanceOf(model, project(model, allLevers(model)));
}

/** Cost avoidance from the mitigated trajectory already projected (the derive stage). @example costAvoidanceOf(model, projected.mitigated) */
export function costAvoidanceOf(model: Model, t: Trajectory): CostAvoidanceRow[] {
  const rows: CostAvoidanceRow[] = [];
  model.levers.forEach((lever, i) => {
    if (lever.type !== "placementShift") return;
    const moved = t.moved[i] as Float64Array;
    model.financialYears.forEach((fy, k) => {
      const m = moved[k] ?? 0;
      const places =
        model.phasing === "census" ? m : (5 / 12) * (k > 0 ? (moved[k - 1] ?? 0) : 0) + (7 / 12) * m;
      const perPlace = (t.unitCosts[lever.from]?.[k] ?? 0) - (t.unitCosts[lever.to]?.[k] ?? 0);
      rows.push({
        lever: lever.id,
        fy,
        census: model.censusYears[k] ?? 0,
        moved: m,
        places,
        perPlace,
        avoided: places * perPlace,
      });
    });
  });
  return rows;
}

/**
 * When the in-year balance reaches zero or better and stays there, and the cumulative path with and without the funding levers.
 * @example safetyValve(scenario).mitigatedBalancedIn // "2028-29" or null ("not within the horizon")
 */
export function safetyValve(input: Scenario | Compiled): SafetyValveView {
  const { model } = compiledOf(input);
  const all = allLevers(model);
  const bare = savingsMask(model);
  const mitigated = project(model, all);
  return safetyValveOf(model, {
    unmitigated: project(model, NO_LEVERS),
    mitigated,
    savingsOnly: bare === all ? mitigated : project(model, bare),
  });
}

/** The Safety Valve view from trajectories already projected (the derive stage). @example safetyValveOf(model, projectAll(model)) */
export function safetyValveOf(
  model: Model,
  t: Pick<Projected, "unmitigated" | "mitigated" | "savingsOnly">,
): SafetyValveView {
  const contributions = model.levers.filter((l) => leverKind(l.type) === "funding").map((l) => l.id);
  return {
    unmitigatedBalancedIn: firstBalancedYear(ledgerRows(model, t.unmitigated)) ?? null,
    mitigatedBalancedIn: firstBalancedYear(ledgerRows(model, t.mitigated)) ?? null,
    contributions,
    path: model.financialYears.map((fy, k) => ({
      fy,
      unmitigated: t.unmitigated.cumulative[k] as number,
      mitigated: t.mitigated.cumulative[k] as number,
      mitigatedWithoutContributions: t.savingsOnly.cumulative[k] as number,
    })),
  };
}

// The uncertain assumptions of a scenario's uncertainty section: what each draws and from which
// distribution ('auto' growth noise measured from the placement's history).
import { NEW_PLANS_BASIS, newPlansGrowthSd } from "../growth/flow-uncertainty.js";
import { autoGrowthSd, type GrowthRecord, historyPoints, resolveGrowths } from "../growth/growth.js";
import type { Distribution, Scenario, Uncertainty } from "../scenario/schema.js";

/** One uncertain assumption of a scenario and the distribution it is drawn from. */
export interface Assumption {
  kind: "growth" | "costInflation" | "delivery" | "newPlans" | "cessation";
  /** Placement id (growth), lever id (delivery), "all" (cost inflation), or the demand section's flow ("newPlans", "cessation"). */
  id: string;
  label: string;
  distribution: Distribution;
  /** "auto" when the distribution comes from the noise of the placement's history (growth: auto). */
  origin: "auto" | "given";
  /** For "auto": the sd the history's noise implies, where the simulation caps the sd below it. */
  impliedSd?: number;
  /** For an "auto" spread fitted on other data than the placement's type residuals: which, in words. */
  basis?: string;
}

/**
 * The uncertain assumptions of a scenario, with `auto` growth resolved to a normal distribution
 * whose sd comes from the placement's own backtest errors (shrunk towards the pooled prior).
 * Placements with no placements at the base year carry no growth uncertainty (nothing to grow).
 * @example assumptions(scenario).list.map((a) => a.label)
 */
export function assumptions(
  s: Scenario,
  records: readonly GrowthRecord[] = resolveGrowths(s).records,
): {
  list: Assumption[];
  problems: { path: (string | number)[]; message: string }[];
} {
  const u = s.uncertainty;
  const list: Assumption[] = [];
  const problems: { path: (string | number)[]; message: string }[] = [];
  if (!u) return { list, problems };
  list.push(...demandAssumptions(s, u));
  const byId = new Map(records.map((r) => [r.id, r]));
  // With a demand section the flows set the EHCP placements' total and their growth only their
  // share of it: their draws move the mix, and are labelled so.
  const growthLabel = (p: Scenario["placements"][number]) =>
    s.demand && p.category !== "NONE" ? `Share of EHCPs: ${p.label}` : `Growth: ${p.label}`;
  s.placements.forEach((p) => {
    const own = u.placements?.[p.id]?.growth;
    const g = own ?? u.growth;
    if (g === undefined || p.count <= 0) return;
    const path =
      own !== undefined ? ["uncertainty", "placements", p.id, "growth"] : ["uncertainty", "growth"];
    if (g !== "auto") {
      list.push({ kind: "growth", id: p.id, label: growthLabel(p), distribution: g, origin: "given" });
      return;
    }
    let sd = byId.get(p.id)?.growthSd;
    const impliedSd = byId.get(p.id)?.impliedSd;
    if (sd === undefined) {
      const points = historyPoints(p, s.baseYear);
      // Noise is measured on annual growths; without two of them the sd would be the prior's, not the placement's.
      if (points.length < 3) {
        problems.push({
          path,
          message: `"auto" for placement "${p.id}" needs at least 3 census years of history to measure its noise, found ${points.length}; give its history or a distribution`,
        });
        return;
      }
      // The type's pooled residuals at the placement's count (docs/accuracy.md): not capped.
      sd = autoGrowthSd(p);
    }
    list.push({
      kind: "growth",
      id: p.id,
      label: growthLabel(p),
      distribution: { distribution: "normal", mean: 0, sd },
      origin: "auto",
      ...(impliedSd !== undefined ? { impliedSd } : {}),
    });
  });
  if (u.costInflation)
    list.push({
      kind: "costInflation",
      id: "all",
      label: "Unit-cost inflation",
      distribution: u.costInflation,
      origin: "given",
    });
  for (const m of s.mitigations) {
    // Staffing and transfer levers are not scaled by confidence: there is no delivery to draw.
    if (m.type === "staffing" || m.type === "transfer") continue;
    const d = u.levers?.[m.id] ?? u.delivery;
    if (d)
      list.push({
        kind: "delivery",
        id: m.id,
        label: `Delivery: ${m.label ?? m.id}`,
        distribution: d,
        origin: "given",
      });
  }
  return { list, problems };
}

/**
 * The demand section's flows a simulation draws: new plans' growth, which sets the EHCP level
 * (`uncertainty.newPlansGrowth`, "auto" wherever growth uncertainty is given), and the cessation rate
 * where `uncertainty.cessationRate` gives its distribution. None without a demand section.
 */
function demandAssumptions(s: Scenario, u: Uncertainty): Assumption[] {
  const d = s.demand;
  if (!d) return [];
  const out: Assumption[] = [];
  const growthGiven = u.growth !== undefined || Object.keys(u.placements ?? {}).length > 0;
  const newPlans = u.newPlansGrowth ?? (growthGiven ? "auto" : undefined);
  // With requests, new plans are requests × a fixed conversion: a shift in requests' growth moves
  // new plans by the same factor, so new plans' spread serves.
  const label = d.requests ? "New EHCPs a year (requests × conversion)" : "New EHCPs a year";
  if (newPlans === "auto")
    out.push({
      kind: "newPlans",
      id: "newPlans",
      label,
      distribution: { distribution: "normal", mean: 0, sd: newPlansGrowthSd(baseNewPlans(s)) },
      origin: "auto",
      basis: NEW_PLANS_BASIS,
    });
  else if (newPlans !== undefined)
    out.push({ kind: "newPlans", id: "newPlans", label, distribution: newPlans, origin: "given" });
  if (u.cessationRate)
    out.push({
      kind: "cessation",
      id: "cessation",
      label: "Plans ceasing a year (rate)",
      distribution: u.cessationRate,
      origin: "given",
    });
  return out;
}

// The new plans arriving by the base census (made in calendar year B−1), as the residuals the
// spread was fitted on count them: the authority's own, before the flows are scaled to its placements.
function baseNewPlans(s: Scenario): number {
  const year = String(s.baseYear - 1);
  const own = s.flows?.newPlans?.[year];
  if (own !== undefined) return own;
  const requests = s.flows?.requests?.[year];
  const conversion = s.demand?.requests?.conversion;
  return requests !== undefined && conversion !== undefined ? requests * conversion : 1;
}

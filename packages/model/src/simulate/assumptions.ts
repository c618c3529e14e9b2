// The uncertain assumptions of a scenario's uncertainty section: what each draws and from which
// distribution ('auto' growth noise measured from the placement's history).
import { autoGrowthSd, type GrowthRecord, historyPoints, resolveGrowths } from "../growth/growth.js";
import type { Distribution, Scenario } from "../scenario/schema.js";

/** One uncertain assumption of a scenario and the distribution it is drawn from. */
export interface Assumption {
  kind: "growth" | "costInflation" | "delivery";
  /** Placement id (growth), lever id (delivery), or "all" (cost inflation). */
  id: string;
  label: string;
  distribution: Distribution;
  /** "auto" when the distribution comes from the noise of the placement's history (growth: auto). */
  origin: "auto" | "given";
  /** For "auto": the sd the history's noise implies, where the simulation caps the sd below it. */
  impliedSd?: number;
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
  const byId = new Map(records.map((r) => [r.id, r]));
  s.placements.forEach((p) => {
    const own = u.placements?.[p.id]?.growth;
    const g = own ?? u.growth;
    if (g === undefined || p.count <= 0) return;
    const path =
      own !== undefined ? ["uncertainty", "placements", p.id, "growth"] : ["uncertainty", "growth"];
    if (g !== "auto") {
      list.push({ kind: "growth", id: p.id, label: `Growth: ${p.label}`, distribution: g, origin: "given" });
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
      label: `Growth: ${p.label}`,
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

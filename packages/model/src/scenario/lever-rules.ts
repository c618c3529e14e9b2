// The cross-field rules of the levers, the Stability Grant and the demand section.
import { DemandModelError, normaliseDemand } from "../compile/demand-model.js";
import { STABILITY_GRANT_ID } from "../compile/stability-grant.js";
import { fyLabel, fyYear } from "../units/time.js";
import { AGE_GROUP_KEYS } from "./category.js";
import { didYouMean } from "./names.js";
import { MAX_LEVERS, type Push, type Rules } from "./rules.js";
import type { Scenario } from "./schema.js";

/**
 * The Stability Grant (spec §11): paid within the forecast, after its deficit year, and from a
 * balance the forecast knows (or a given eligible deficit).
 * @example stabilityGrantRules(s, (path, message) => console.log(path, message))
 */
export function stabilityGrantRules(s: Scenario, push: Push): void {
  const g = s.income.stabilityGrant;
  if (!g) return;
  const path = ["income", "stabilityGrant"];
  const base = s.baseYear;
  const last = base + s.horizon;
  const paid = fyYear(g.paidIn) as number;
  const deficit = fyYear(g.deficitFY) as number;
  if (paid < base)
    push(
      [...path, "paidIn"],
      `${g.paidIn} is before the base year ${fyLabel(base)}: a grant already paid is in the opening balance; remove the stabilityGrant block`,
    );
  else if (paid > last)
    push(
      [...path, "paidIn"],
      `the forecast ends in ${fyLabel(last)}, before the grant is paid in ${g.paidIn}: set horizon to at least ${paid - base}`,
    );
  if (deficit >= paid)
    push(
      [...path, "deficitFY"],
      `${g.deficitFY} must end before the grant is paid (paidIn ${g.paidIn}): the grant pays off a deficit already accrued`,
    );
  else if (deficit < base - 1 && g.eligibleDeficit === undefined)
    push(
      [...path, "deficitFY"],
      `${g.deficitFY} ends before the opening balance (1 April of ${fyLabel(base)}), so the forecast cannot know its deficit: give eligibleDeficit`,
    );
  if (g.forecasts === "mitigated") {
    if (s.mitigations.length + 1 > MAX_LEVERS)
      push(
        [...path, "forecasts"],
        `"mitigated" makes the grant a lever of its own, and the scenario already has ${s.mitigations.length} of the ${MAX_LEVERS} levers allowed; combine two levers or use "both"`,
      );
    const clash = s.mitigations.findIndex((m) => m.id === STABILITY_GRANT_ID);
    if (clash >= 0)
      push(
        ["mitigations", clash, "id"],
        `"${STABILITY_GRANT_ID}" is the id of the Stability Grant's own lever when it is paid with the plan only; rename this lever`,
      );
  }
}

/**
 * Levers: at most MAX_LEVERS, confidence only where it scales something, ids and years that exist, one transfer lever a year, grants with their spend, targets with a payment.
 * @example leverRules({} as Parameters<typeof leverRules>[0])
 */
export function leverRules({ s, push, years, fys, yearRange, fyRange, fyKeys, staffingLine }: Rules): void {
  if (s.mitigations.length > MAX_LEVERS) {
    push(
      ["mitigations"],
      `has ${s.mitigations.length} levers; at most ${MAX_LEVERS} are allowed, because Shapley attribution evaluates every subset of levers once (2^${MAX_LEVERS} = 65,536 forecasts); combine related levers`,
    );
  }
  const placementIds = new Set(s.placements.map((p) => p.id));
  const lineIds = new Set(s.lines.map((l) => l.id));
  const transferOwner = new Map<string, string>();
  const checkFromFY = (fy: string, path: PropertyKey[]) => {
    if (!fys.includes(fy))
      push(path, `${fy} is outside the reported financial years ${fyRange}`, "bad-reference");
  };
  s.mitigations.forEach((m, j) => {
    const at = (...rest: PropertyKey[]) => ["mitigations", j, ...rest];
    // Spec §7 scales neither a staffing cost nor a transfer rate by confidence: accepting one would be an ignored assumption.
    if ((m.type === "staffing" || m.type === "transfer" || m.type === "safetyValve") && m.confidence !== 1) {
      push(
        at("confidence"),
        `does not apply to a ${m.type} lever (its effect is not scaled by confidence); remove it or model the risk another way`,
      );
    }
    const known = (id: string, path: PropertyKey[]) => {
      if (!placementIds.has(id)) {
        push(
          path,
          `names placement "${id}", which does not exist${didYouMean(id, [...placementIds])}`,
          "bad-reference",
        );
      }
    };
    // A lever names each placement or line once: a second mention would be dropped, silently.
    const once = (ids: readonly string[], field: string) =>
      ids.forEach((id, k) => {
        if (ids.indexOf(id) !== k)
          push(at(field, k), `names "${id}" a second time: name each once`, "duplicate");
      });
    if (m.type === "growthReduction" || m.type === "unitCostChange") once(m.placements, "placements");
    if (m.type === "lineChange") once(m.lines, "lines");
    switch (m.type) {
      case "growthReduction":
        m.placements.forEach((id, k) => known(id, at("placements", k)));
        if (!years.includes(m.from))
          push(
            at("from"),
            `census year ${m.from} is outside the forecast years ${yearRange}`,
            "bad-reference",
          );
        break;
      case "placementShift":
        known(m.fromPlacement, at("fromPlacement"));
        known(m.toPlacement, at("toPlacement"));
        if (m.fromPlacement === m.toPlacement)
          push(
            at("toPlacement"),
            `is the same as fromPlacement ("${m.fromPlacement}"): a shift must move placements somewhere else`,
          );
        for (const key of Object.keys(m.moves)) {
          if (!years.includes(Number(key)))
            push(
              at("moves", key),
              `census year ${key} is outside the forecast years ${yearRange}`,
              "bad-reference",
            );
        }
        break;
      case "unitCostChange":
        m.placements.forEach((id, k) => known(id, at("placements", k)));
        checkFromFY(m.fromFY, at("fromFY"));
        break;
      case "lineChange":
        m.lines.forEach((id, k) => {
          if (!lineIds.has(id)) {
            push(
              at("lines", k),
              `names line "${id}", which does not exist${didYouMean(id, [...lineIds])}`,
              "bad-reference",
            );
          }
        });
        checkFromFY(m.fromFY, at("fromFY"));
        break;
      case "staffing":
        m.staffing.forEach((line, i) => staffingLine(line, at("staffing", i)));
        break;
      case "transfer":
        if (!s.income.schoolsBlock)
          push(
            at("transferRate"),
            "a transfer lever needs income.schoolsBlock (the allocation the rate applies to)",
          );
        fyKeys(m.transferRate, at("transferRate"));
        for (const fy of Object.keys(m.transferRate)) {
          const owner = transferOwner.get(fy);
          // Two levers setting one year's rate would make the result depend on their order.
          if (owner)
            push(
              at("transferRate", fy),
              `${fy} is already set by transfer lever "${owner}"; one lever per year`,
            );
          else transferOwner.set(fy, m.id);
        }
        break;
      case "grant":
        fyKeys(m.amounts, at("amounts"));
        fyKeys(m.spend, at("spend"));
        // A grant pays for carrying out the plan: without its spend the mitigated balance would gain the whole grant.
        if (Object.keys(m.spend).length === 0 && m.spendReason === undefined)
          push(
            at("spend"),
            "is empty: give the implementation spend the grant pays for by FY, or add spendReason saying why it carries no spend of its own",
          );
        break;
      case "safetyValve":
        fyKeys(m.payments, at("payments"));
        fyKeys(m.inYearTargets, at("inYearTargets"));
        for (const fy of Object.keys(m.inYearTargets))
          if (!(fy in m.payments))
            push(
              at("inYearTargets", fy),
              `${fy} has no payment in payments: a target only conditions a payment`,
            );
        break;
    }
  });
}

const FLOW_LEVERS = new Set(["newPlansChange", "cessationChange", "conversionChange"]);

/**
 * The demand section's rules: flow levers need it (conversion levers need requests), growth
 * reductions cannot act on the placements it drives, given shares add up, and its inputs are there.
 * @example demandProblems(s, (path, message) => console.log(path, message))
 */
export function demandProblems(s: Scenario, push: Push): void {
  const d = s.demand;
  s.mitigations.forEach((m, j) => {
    if (FLOW_LEVERS.has(m.type) && !d)
      push(
        ["mitigations", j, "type"],
        `${m.type} acts on EHCP flows: add a \`demand\` section (hnb import writes one from SEN2)`,
      );
    if (m.type === "conversionChange" && d && !d.requests)
      push(
        ["mitigations", j, "type"],
        "conversionChange acts on requests becoming plans: add demand.requests (and flows.requests)",
      );
    if (m.type === "growthReduction" && d) {
      const driven = m.placements.filter((id) => s.placements.find((p) => p.id === id)?.category !== "NONE");
      if (driven.length)
        push(
          ["mitigations", j, "placements"],
          `with a demand section the EHCP placements' total follows the flows, so a growth reduction on ${driven.map((x) => `"${x}"`).join(", ")} would only change their mix: use newPlansChange or cessationChange`,
        );
    }
  });
  if (!d) return;
  if (d.newPlans.split !== "estimated") {
    const total = AGE_GROUP_KEYS.reduce(
      (a, b) => a + ((d.newPlans.split as Record<string, number>)[b] ?? 0),
      0,
    );
    if (Math.abs(total - 1) > 1e-6)
      push(
        ["demand", "newPlans", "split"],
        `shares must add up to 1 (they add up to ${Number(total.toFixed(6))})`,
      );
  }
  try {
    normaliseDemand(s);
  } catch (e) {
    if (!(e instanceof DemandModelError)) throw e;
    push(e.path, e.message, e.problems[0]?.code);
  }
}

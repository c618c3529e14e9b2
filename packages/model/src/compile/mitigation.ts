import type { AgeGroup } from "../scenario/category.js";
import type { Mitigation } from "../scenario/schema.js";
import { fyLabel, fyYear } from "../units/time.js";
import { fyAmounts } from "./income.js";
import { normaliseStaffing, type StaffingModel } from "./staffing.js";

interface LeverCommon {
  readonly id: string;
  readonly label: string;
  /** Share of the effect delivered (spec §7); uncertainty may replace it per path. */
  readonly confidence: number;
}

/** A lever as per-year arrays, its effect not yet scaled by confidence. Index k is census year / FY B+k. */
export type LeverModel = LeverCommon &
  (
    | {
        readonly type: "growthReduction";
        readonly placements: readonly number[];
        /** 1 at the index of each placement it acts on: an O(1) test in the projection's inner loop. */
        readonly member: Uint8Array;
        readonly cut: Float64Array;
      }
    | {
        readonly type: "placementShift";
        readonly from: number;
        readonly to: number;
        readonly cumulativeMoves: Float64Array;
      }
    | {
        readonly type: "unitCostChange";
        readonly placements: readonly number[];
        readonly member: Uint8Array;
        readonly change: Float64Array;
      }
    | {
        readonly type: "lineChange";
        readonly lines: readonly number[];
        readonly member: Uint8Array;
        readonly change: Float64Array;
      }
    | { readonly type: "staffing"; readonly staffing: readonly StaffingModel[] }
    | { readonly type: "transfer"; readonly rate: Float64Array; readonly sets: Uint8Array }
    | { readonly type: "grant"; readonly amounts: Float64Array; readonly spend: Float64Array }
    | { readonly type: "safetyValve"; readonly payments: Float64Array; readonly targets: Float64Array }
    /** The Stability Grant paid with the plan only (spec §11): the model's grant, on when this lever is. */
    | { readonly type: "stabilityGrant" }
    | {
        readonly type: "newPlansChange" | "cessationChange" | "conversionChange";
        readonly change: number;
        /** Age bands it acts on; all five when absent. */
        readonly bands?: readonly AgeGroup[];
        /** First census year of the effect. */
        readonly from: number;
      }
  );

/** Whether a lever saves money (spends less) or brings money in (spec §7; DfE plans report the two apart). */
export type LeverKind = "saving" | "funding";

/** A lever type's kind: transfers, grants, Safety Valve payments and the Stability Grant are funding; the rest are savings. @example leverKind("grant") === "funding" */
export function leverKind(type: LeverModel["type"]): LeverKind {
  return type === "transfer" || type === "grant" || type === "safetyValve" || type === "stabilityGrant"
    ? "funding"
    : "saving";
}

/** Each lever type in the words of DfE plans (a lever's default label, and the workbook's type column). @example LEVER_TYPE_NAMES.placementShift === "Placement shift" */
export const LEVER_TYPE_NAMES: Readonly<Record<LeverModel["type"], string>> = {
  growthReduction: "Growth reduction",
  placementShift: "Placement shift",
  unitCostChange: "Unit cost change",
  lineChange: "Line change",
  staffing: "Staffing investment",
  transfer: "Schools Block transfer",
  grant: "Grant",
  safetyValve: "Safety Valve payments",
  newPlansChange: "Change in new EHC plans",
  cessationChange: "Change in plans ceasing",
  conversionChange: "Change in requests becoming plans",
  stabilityGrant: "High Needs Stability Grant",
};

// 1 at the index of each named id: the projection tests membership per placement and lever.
function membership(named: readonly string[], ids: readonly string[]): Uint8Array {
  const out = new Uint8Array(ids.length);
  for (const id of named) {
    const i = ids.indexOf(id);
    if (i >= 0) out[i] = 1;
  }
  return out;
}

/**
 * The growth cut of a growth reduction in census year Y before confidence: g'(Y) = g(Y) − confidence ·
 * reduction · min(1, (Y − from + 1) / rampYears) for Y ≥ from, 0 before.
 * @example rampedReduction({ from: 2025, reduction: 0.04, rampYears: 2 }, 2025) === 0.02
 */
export function rampedReduction(
  m: { from: number; reduction: number; rampYears: number },
  year: number,
): number {
  return year >= m.from ? m.reduction * Math.min(1, (year - m.from + 1) / m.rampYears) : 0;
}

/**
 * Normalises a validated lever against the scenario's placement and line ids.
 * @example normaliseLever(mitigation, 2025, 5, ["special"], []).type === mitigation.type
 */
export function normaliseLever(
  m: Mitigation,
  baseYear: number,
  horizon: number,
  placementIds: readonly string[],
  lineIds: readonly string[],
): LeverModel {
  const common = {
    id: m.id,
    label: m.label ?? `${LEVER_TYPE_NAMES[m.type]} (${m.id})`,
    confidence: m.confidence,
  };
  const perYear = (f: (year: number) => number) => {
    const out = new Float64Array(horizon + 1);
    for (let k = 0; k <= horizon; k++) out[k] = f(baseYear + k);
    return out;
  };
  switch (m.type) {
    case "growthReduction":
      return {
        ...common,
        type: m.type,
        placements: m.placements.map((id) => placementIds.indexOf(id)),
        member: membership(m.placements, placementIds),
        cut: perYear((y) => rampedReduction(m, y)),
      };
    case "placementShift": {
      let total = 0;
      return {
        ...common,
        type: m.type,
        from: placementIds.indexOf(m.fromPlacement),
        to: placementIds.indexOf(m.toPlacement),
        cumulativeMoves: perYear((y) => {
          total += m.moves[String(y)] ?? 0;
          return total;
        }),
      };
    }
    case "unitCostChange":
    case "lineChange": {
      const from = fyYear(m.fromFY) ?? Number.POSITIVE_INFINITY;
      const change = perYear((y) => (y >= from ? m.change : 0));
      return m.type === "unitCostChange"
        ? {
            ...common,
            type: m.type,
            placements: m.placements.map((id) => placementIds.indexOf(id)),
            member: membership(m.placements, placementIds),
            change,
          }
        : {
            ...common,
            type: m.type,
            lines: m.lines.map((id) => lineIds.indexOf(id)),
            member: membership(m.lines, lineIds),
            change,
          };
    }
    case "staffing":
      return {
        ...common,
        type: m.type,
        staffing: m.staffing.map((s) => normaliseStaffing(s, baseYear, horizon)),
      };
    case "transfer": {
      const rate = fyAmounts(m.transferRate, baseYear, horizon);
      const sets = new Uint8Array(horizon + 1);
      const keys = new Set(Object.keys(m.transferRate));
      for (let k = 0; k <= horizon; k++) sets[k] = keys.has(fyLabel(baseYear + k)) ? 1 : 0;
      return { ...common, type: m.type, rate, sets };
    }
    case "grant":
      return {
        ...common,
        type: m.type,
        amounts: fyAmounts(m.amounts, baseYear, horizon),
        spend: fyAmounts(m.spend, baseYear, horizon),
      };
    case "safetyValve":
      return {
        ...common,
        type: m.type,
        payments: fyAmounts(m.payments, baseYear, horizon),
        targets: fyAmounts(m.inYearTargets, baseYear, horizon),
      };
    case "newPlansChange":
    case "cessationChange":
    case "conversionChange":
      return {
        ...common,
        type: m.type,
        change: m.change,
        from: m.from,
        ...(m.bands ? { bands: m.bands } : {}),
      };
  }
}

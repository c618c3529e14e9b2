// What a reader of a forecast must be told about its inputs: figures marked illustrative (not from a
// source), and unit costs far outside the published national range. Neither stops a forecast; both
// are printed beside it, in the JSON, the workbook and the charts' subtitles.

import type { DemandClamp } from "../compile/demand.js";
import type { Model } from "../compile/model.js";
import type { Trajectory } from "../project/projection.js";
import type { Category } from "../scenario/category.js";
import {
  type FigureKind,
  illustrativePaths,
  isMarkedIllustrative,
  itemFigures,
  type Sourced,
} from "../scenario/provenance.js";
import type { Scenario } from "../scenario/schema.js";
import { formatNumber } from "../units/money.js";
import type {
  DemandOutput,
  InputWarning,
  PlaceFundingRow,
  ShiftWarning,
  StabilityGrantRow,
  UnitCostWarning,
} from "./result.js";

/** A published national range of cost per placement a year (place funding plus top-up), with its source. */
export interface UnitCostRange {
  category: Category;
  low: number;
  high: number;
  source: string;
}

/**
 * National average costs per EHCP pupil a year by management-plan category, as published (DfE high
 * needs benchmarking, in ../shared/domain.md). Only categories with a national figure are listed.
 */
export const UNIT_COST_RANGES: readonly UnitCostRange[] = [
  {
    category: "MdSSA",
    low: 20_000,
    high: 26_000,
    source:
      "national average place plus top-up in maintained special schools and academies, about £20k (2018/19) to £26k (2023/24)",
  },
  {
    category: "NMISS",
    low: 52_000,
    high: 64_000,
    source:
      "national average cost of an independent or non-maintained special school place, £52k (2018/19) to £64k (2024/25)",
  },
];

/** How far outside the range a unit cost must be to be flagged: above 1.5 × the top, or below half the bottom. */
export const UNIT_COST_TOLERANCE = { above: 1.5, below: 0.5 } as const;

const k = (x: number) => `£${formatNumber(Math.round(x / 1000))}k`;

/**
 * Unit costs far outside the published national range for their category.
 * @example unitCostWarnings(scenario).map((w) => w.id) // ["inmss"] for the default scenario
 */
export function unitCostWarnings(s: Pick<Scenario, "placements">): UnitCostWarning[] {
  return s.placements.flatMap((p) => {
    const range = UNIT_COST_RANGES.find((r) => r.category === p.category);
    if (!range || p.count <= 0 || p.unitCost <= 0) return [];
    const ratio = p.unitCost / ((range.low + range.high) / 2);
    const above = p.unitCost > UNIT_COST_TOLERANCE.above * range.high;
    const below = p.unitCost < UNIT_COST_TOLERANCE.below * range.low;
    if (!above && !below) return [];
    return [
      {
        id: p.id,
        unitCost: p.unitCost,
        low: range.low,
        high: range.high,
        message: `unit cost ${k(p.unitCost)} is ${ratio.toFixed(1)} times the national average (${range.source}): check it, or say in its source why this authority's places cost ${above ? "more" : "less"}`,
      },
    ];
  });
}

/**
 * The inputs that are illustrative, by path: a figure whose source says "illustrative" or that has
 * no source at all (issue #29: a typed figure is never covered by another figure's source). An item
 * whose every figure is illustrative is listed once ("placements.inmss", "income.hnb"), otherwise
 * each figure ("placements.inmss.unitCost"); a chart or sheet built on any says "illustrative figures".
 * @example illustrativeInputs(scenario) // ["openingBalance", "income.hnb", …]
 */
export function illustrativeInputs(s: Scenario): string[] {
  const out: string[] = [];
  const item = (path: string, kind: FigureKind, value: Sourced & Readonly<Record<string, unknown>>) =>
    out.push(...illustrativePaths(itemFigures(path, kind, value), value));
  // A section or lever read as one: illustrative when its source is missing or says so.
  const whole = (path: string, source: string | undefined, present = true) => {
    if (present && (source === undefined || isMarkedIllustrative(source))) out.push(path);
  };
  whole("openingBalance", s.openingBalanceSource);
  for (const p of s.placements) {
    item(`placements.${p.id}`, "placement", p);
    if (p.places) whole(`placements.${p.id}.places`, p.places.source ?? p.source);
  }
  for (const l of s.lines) item(`lines.${l.id}`, "line", l);
  for (const st of s.staffing) item(`staffing.${st.id}`, "staffing", st);
  const hnb = s.income.hnb;
  item("income.hnb", "hnb", hnb.perHead ? { ...hnb, growth: undefined } : hnb);
  if (hnb.perHead) whole("income.hnb.perHead", hnb.perHead.source ?? hnb.source);
  if (s.income.importExport) item("income.importExport", "importExport", s.income.importExport);
  const sb = s.income.schoolsBlock;
  if (sb) {
    item("income.schoolsBlock", "schoolsBlock", sb);
    for (const m of sb.otherMovements)
      whole(`income.schoolsBlock.otherMovements.${m.id}`, m.source ?? sb.source);
  }
  for (const o of s.income.other) item(`income.other.${o.id}`, "other", o);
  if (s.income.stabilityGrant) item("income.stabilityGrant", "stabilityGrant", s.income.stabilityGrant);
  for (const m of s.mitigations) {
    if (m.type === "staffing") {
      // A staffing lever's figures are its lines': each line's own source, else the lever's.
      for (const st of m.staffing)
        item(`mitigations.${m.id}.staffing.${st.id}`, "staffing", { ...st, source: st.source ?? m.source });
    } else whole(`mitigations.${m.id}`, m.source);
  }
  whole("statutoryOverride", s.statutoryOverride?.source, s.statutoryOverride !== undefined);
  whole("reference", s.reference?.source, s.reference !== undefined);
  whole("flows", s.flows?.source, s.flows !== undefined);
  whole("ehcpsByAge", s.ehcpsByAge?.source, s.ehcpsByAge !== undefined);
  whole("ehcpsByNeed", s.ehcpsByNeed?.source, s.ehcpsByNeed !== undefined);
  if (s.demand) {
    whole("demand", s.demand.source);
    whole("demand.newPlans", s.demand.newPlans.source ?? s.demand.source);
    if (s.demand.requests) whole("demand.requests", s.demand.requests.source ?? s.demand.source);
  }
  whole("uncertainty", s.uncertainty?.source, s.uncertainty !== undefined);
  return out;
}

/**
 * The path of the first figure that is not a finite number (NaN or ±Infinity) in a result, or
 * undefined: every output figure must be finite, or the run is refused.
 * @example firstNonFinite({ ledger: [{ cumulative: Number.NaN }] }) === "ledger[0].cumulative"
 */
export function firstNonFinite(value: unknown, path = ""): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path || "(value)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFinite(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNonFinite(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Placement shifts held back because their source placement held fewer pupils than they asked to
 * move (the shifts from it then share what it holds, pro rata): in the mitigated forecast, the
 * first census year each lever was held back, with what it asked and moved.
 * @example shiftWarnings(model, project(model, allLevers(model))).map((w) => w.message)
 */
export function shiftWarnings(model: Model, mitigated: Pick<Trajectory, "moved">): ShiftWarning[] {
  const warnings: ShiftWarning[] = [];
  model.levers.forEach((lever, i) => {
    if (lever.type !== "placementShift") return;
    const moved = mitigated.moved[i] as Float64Array;
    for (let k = 1; k < moved.length; k++) {
      const asked = lever.confidence * (lever.cumulativeMoves[k] as number);
      const got = moved[k] as number;
      // A shift held back moves less than asked by more than rounding.
      if (asked - got <= 1e-9 * Math.max(1, asked)) continue;
      const census = model.baseYear + k;
      const from = (model.placements[lever.from] as { id: string }).id;
      const n = (x: number) => formatNumber(x, 1);
      warnings.push({
        lever: lever.id,
        census,
        asked,
        moved: got,
        message: `asks to have moved ${n(asked)} pupils out of "${from}" by January ${census} (moves × confidence) but the placement holds ${n(got)} for it then, so it moves ${n(got)}; check the moves`,
      });
      return;
    }
  });
  return warnings;
}

/**
 * Inputs under which the balances are not a DSG position: a High Needs Block allocation of £0 in
 * every year (a scenario that models expenditure alone) makes every balance a deficit equal to the
 * spending.
 * Also pupils the commissioned places cannot hold where no overflow placement takes them (they are
 * costed nowhere).
 * @example inputWarnings(scenario).map((w) => w.path) // [] for the default scenario
 */
export function inputWarnings(
  s: Pick<Scenario, "income" | "placements"> & Partial<Pick<Scenario, "plan">>,
  placeFunding: readonly PlaceFundingRow[] = [],
  grants: readonly StabilityGrantRow[] = [],
): InputWarning[] {
  const out: InputWarning[] = [];
  const grant = s.income.stabilityGrant;
  if (grant && s.plan?.status === "not-approved")
    out.push({
      path: "plan.status",
      message: `the plan is not approved, so the Stability Grant's condition (${grant.condition}) is not met: no grant is paid in either forecast`,
    });
  // DfE uses the lowest of the authority's comparable deficit figures (spec §11).
  const own = grants.find((g) => g.forecast === "unmitigated") ?? grants[0];
  if (
    grant?.eligibleDeficit !== undefined &&
    own &&
    -own.closingBalance - grant.excluded < grant.eligibleDeficit - 0.5
  )
    out.push({
      path: "income.stabilityGrant.eligibleDeficit",
      message: `£${formatNumber(grant.eligibleDeficit)} is more than this forecast's own High Needs deficit at the end of ${grant.deficitFY} (£${formatNumber(Math.max(0, -own.closingBalance - grant.excluded))}); DfE uses the lowest comparable figure: check it against the DSG note and the s251 outturn`,
    });
  const hnb = s.income.hnb;
  if (hnb.amount === 0 && !hnb.perHead)
    out.push({
      path: "income.hnb.amount",
      message:
        "the High Needs Block allocation is £0 in every year, so every balance is the spending alone, not a DSG position: read the expenditure, or give the allocation (DSG allocation tables) to read the balances",
    });
  // Pupils the commissioned places cannot hold are costed at the overflow placement; without one
  // they are costed nowhere, which understates the spending.
  for (const p of s.placements) {
    if (!p.places || p.places.overflow !== undefined) continue;
    const over = placeFunding.filter((r) => r.id === p.id && r.unplaced >= 0.05);
    if (!over.length) continue;
    const first = over[0] as PlaceFundingRow;
    const most = over.reduce((a, r) => (r.unplaced > a.unplaced ? r : a), first);
    out.push({
      path: `placements.${p.id}.places.overflow`,
      message: `${formatNumber(first.unplaced, 1)} pupils the places cannot hold in ${first.fy} (${formatNumber(most.unplaced, 1)} in ${most.fy}) are costed nowhere: name an overflow placement that takes them, or commission more places`,
    });
  }
  return out;
}

/**
 * What the demand flows' estimates and levers did that a reader must know: a cessation rate
 * estimated outside its range (clamped, with the evidence in the JSON), the flow's growth warnings,
 * and rates the levers pushed out of range in the mitigated forecast (clamped).
 * @example demandWarnings(forecast(scenario).demand).map((w) => w.path) // [] without a demand section
 */
export function demandWarnings(d: DemandOutput | undefined): InputWarning[] {
  if (!d) return [];
  const out: InputWarning[] = [];
  for (const w of d.estimates.cessationEstimate?.warnings ?? [])
    out.push({ path: "demand.cessation", message: w.message });
  for (const w of d.estimates.growth?.warnings ?? [])
    out.push({ path: `demand.${d.estimates.flow}.growth`, message: w });
  if (d.clamps.length) {
    const first = d.clamps[0] as DemandClamp;
    const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
    out.push({
      path: "mitigations",
      message: `the levers push ${d.clamps.length} ${d.clamps.length === 1 ? "rate" : "rates"} of the demand flows out of range in the mitigated forecast, and ${d.clamps.length === 1 ? "it is" : "they are"} held at the limit (first: the ${first.quantity} for ${first.band} in ${first.census}, ${pct(first.requested)} asked, ${pct(first.used)} used; all in the JSON's demand.clamps)`,
    });
  }
  return out;
}

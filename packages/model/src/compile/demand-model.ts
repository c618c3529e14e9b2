// A scenario's `demand` section normalised for the projection (issue #17): the starting stock by
// age band, new plans (or requests × conversion) by forecast year and band, ageing and cessation
// rates, and the EHCP placements whose total follows the flows. Estimation happens here, once per
// compile; `demandCounts` then runs the stock-flow kernel for one lever selection.

import { NotEnoughHistory } from "../growth/calibration.js";
import { type GrowthRecord, referenceOf, resolveGrowth } from "../growth/growth.js";
import { AGE_GROUP_KEYS, type AgeGroup } from "../scenario/category.js";
import { formatPath, HnbError, type ProblemCode } from "../scenario/problem.js";
import type { Placement, Scenario } from "../scenario/schema.js";
import {
  ageingShares,
  type BandValues,
  type CessationEstimate,
  type DemandClamp,
  type DemandInput,
  type DemandLevers,
  type DemandRow,
  demandProjection,
  estimateCessation,
  type FlowLever,
  leverList,
} from "./demand.js";
import type { LeverModel } from "./mitigation.js";

/** The demand section as the projection uses it: the kernel's inputs without the years and levers. Per-year arrays are indexed j = 0 … H−1 for census B+1+j. */
export interface DemandModel
  extends Pick<DemandInput, "stock" | "newPlans" | "requests" | "conversion" | "ageing" | "cessation"> {
  /** Indices of the placements whose total follows the flows (every category but NONE). */
  readonly driven: readonly number[];
  /** The growth of the projected flow (new plans, or requests) in each forecast year, j = 0 … H−1: what a simulation's draw shifts. */
  readonly flowRates: readonly number[];
  /** What was estimated, with its evidence, for the JSON and the workbook. */
  readonly estimates: DemandEstimates;
}

/** The demand model's estimated inputs and how they were reached. */
export interface DemandEstimates {
  /** New plans' share by band, and whether it was estimated from the age profile. */
  split: BandValues;
  splitEstimated: boolean;
  /** Cessation rates: estimated (with evidence) or given. */
  cessation: BandValues;
  cessationEstimate?: CessationEstimate;
  /** New plans (or requests) by census year, base first: the projected totals before levers. */
  flow: "newPlans" | "requests";
  flowTotals: number[];
  conversion?: number;
  /** The growth applied to the flow (a method's record where estimated from history). */
  growth?: GrowthRecord;
  /** Base stock before scaling and the factor that scaled it to the driven placements' total. */
  scale: number;
}

/** A demand section that cannot be normalised: the path of the field and what to give. */
export class DemandModelError extends HnbError {
  constructor(
    readonly path: (string | number)[],
    message: string,
    problemCode: ProblemCode = "cross-field",
  ) {
    super("invalid-demand", message, [{ code: problemCode, path: formatPath(path), message }]);
    this.name = "DemandModelError";
  }
}

const sum = (v: BandValues) => AGE_GROUP_KEYS.reduce((a, b) => a + v[b], 0);
const bands = (f: (b: AgeGroup) => number): BandValues =>
  Object.fromEntries(AGE_GROUP_KEYS.map((b) => [b, f(b)])) as Record<AgeGroup, number>;

// A flow series keyed by census year (calendar year Y-1 arrives by census Y), with its growth resolved.
function projectFlow(
  s: Scenario,
  id: string,
  label: string,
  calendar: Readonly<Record<string, number>> | undefined,
  growth: Placement["growth"],
  path: (string | number)[],
): { totals: number[]; rates: number[]; record?: GrowthRecord } {
  const B = s.baseYear;
  const byCensus: Record<string, number> = {};
  for (const [year, v] of Object.entries(calendar ?? {})) byCensus[String(Number(year) + 1)] = v;
  const base = byCensus[String(B)];
  if (base === undefined)
    throw new DemandModelError(
      path,
      `needs the flow of calendar year ${B - 1} (it arrives by the base census ${B}) in flows.${id}`,
    );
  const history = Object.fromEntries(Object.entries(byCensus).filter(([y]) => Number(y) < B));
  const pseudo = { id: `demand.${id}`, label, category: "OTHER", count: base, unitCost: 0, history, growth };
  let resolved: ReturnType<typeof resolveGrowth>;
  try {
    resolved = resolveGrowth(pseudo as unknown as Placement, B, s.horizon, referenceOf(s), false, "calendar");
  } catch (e) {
    // A method the flow's history cannot support is the growth field's to correct, like a placement's.
    if (!(e instanceof NotEnoughHistory)) throw e;
    throw new DemandModelError(
      [...path, "growth"],
      `${e.message} (the history is flows.${id} before calendar year ${B - 1}): give a rate, or a method its history supports`,
    );
  }
  const { rate, record } = resolved;
  const totals = [base];
  const rates: number[] = [];
  for (let j = 1; j <= s.horizon; j++) {
    const r: number =
      typeof rate === "number" ? rate : ((rate as Record<string, number>)[String(B + j)] ?? 0);
    rates.push(r);
    totals.push((totals[j - 1] as number) * (1 + r));
  }
  return { totals, rates, ...(record ? { record } : {}) };
}

// New plans' split by band from how the age profile changed: the new plans each band must have had,
// given the cessation and ageing rates, for its stock to move as it did (negative years count as 0).
function estimatedSplit(
  history: readonly { census: number; stock: BandValues }[],
  cessation: BandValues,
  ageing: BandValues,
): BandValues | undefined {
  const at = new Map(history.map((h) => [h.census, h.stock]));
  const totals = bands(() => 0);
  let years = 0;
  for (const { census, stock } of history) {
    const prev = at.get(census - 1);
    if (!prev) continue;
    years++;
    AGE_GROUP_KEYS.forEach((b, i) => {
      const below = AGE_GROUP_KEYS[i - 1];
      const stay = (1 - cessation[b]) * (1 - ageing[b]) * prev[b];
      const agedIn = below ? ageing[below] * (1 - cessation[below]) * prev[below] : 0;
      (totals as Record<AgeGroup, number>)[b] += Math.max(0, stock[b] - stay - agedIn);
    });
  }
  const all = sum(totals);
  return years && all > 0 ? bands((b) => totals[b] / all) : undefined;
}

/**
 * Normalises the `demand` section (undefined without one): stock, flows, rates and the placements
 * it drives. Throws DemandModelError naming the field when an input it needs is missing.
 * @example normaliseDemand(scenario)?.estimates.cessation.age5to10
 */
export function normaliseDemand(s: Scenario): DemandModel | undefined {
  const d = s.demand;
  if (!d) return undefined;
  const B = s.baseYear;
  const history = Object.entries(d.history)
    .map(([census, stock]) => ({ census: Number(census), stock: stock as BandValues }))
    .filter((h) => h.census <= B)
    .sort((a, b) => a.census - b.census);
  const base = history.find((h) => h.census === B);
  if (!base) throw new DemandModelError(["demand", "history"], `needs the base census ${B} by age band`);
  const driven = s.placements.flatMap((p, i) => (p.category === "NONE" ? [] : [i]));
  const drivenTotal = driven.reduce((a, i) => a + (s.placements[i]?.count ?? 0), 0);
  const baseTotal = sum(base.stock);
  if (baseTotal <= 0)
    throw new DemandModelError(["demand", "history", String(B)], "has no EHCPs to start from");
  // The flows are scaled to the EHCP placements' total: at 0 every new plan would be scaled away.
  if (drivenTotal <= 0)
    throw new DemandModelError(
      ["demand"],
      `the EHCP placements (every category but NONE) have no pupils in ${B}, and the flows are scaled to their total, so every new plan would be dropped: give their base counts, or remove the demand section`,
    );
  const scale = drivenTotal / baseTotal;
  const ageing = (d.ageing as BandValues | undefined) ?? ageingShares();
  const flows = s.flows ?? {};
  const newPlansByCensus = (census: number) => flows.newPlans?.[String(census - 1)];

  let cessationEstimate: CessationEstimate | undefined;
  let cessation: BandValues;
  if (d.cessation === "auto") {
    const points = history.flatMap((h) => {
      const n = newPlansByCensus(h.census);
      return [{ census: h.census, stock: h.stock, ...(n === undefined ? {} : { newPlans: n }) }];
    });
    try {
      cessationEstimate = estimateCessation(points, { ageing });
    } catch (e) {
      throw new DemandModelError(
        ["demand", "cessation"],
        `"auto" needs two consecutive census years in demand.history with flows.newPlans for the year between (${(e as Error).message}); give a rate for each band`,
        "not-enough-history",
      );
    }
    cessation = cessationEstimate.byBand;
  } else cessation = d.cessation as BandValues;

  let split: BandValues;
  const splitEstimated = d.newPlans.split === "estimated";
  if (d.newPlans.split === "estimated") {
    const est = estimatedSplit(history, cessation, ageing);
    if (!est)
      throw new DemandModelError(
        ["demand", "newPlans", "split"],
        '"estimated" needs two consecutive census years in demand.history; give the share of new plans in each band',
        "not-enough-history",
      );
    split = est;
  } else split = d.newPlans.split as BandValues;

  const byBand = (totals: readonly number[]) =>
    totals.slice(1).map((t) => bands((b) => t * split[b] * scale));
  const common = { stock: bands((b) => base.stock[b] * scale), ageing, cessation, driven };
  if (d.requests) {
    const req = projectFlow(s, "requests", "Requests for assessment", flows.requests, d.requests.growth, [
      "demand",
      "requests",
    ]);
    const baseNew = newPlansByCensus(B);
    const conversion =
      d.requests.conversion ??
      (baseNew !== undefined && (req.totals[0] ?? 0) > 0 ? baseNew / (req.totals[0] as number) : undefined);
    if (conversion === undefined || conversion > 1)
      throw new DemandModelError(
        ["demand", "requests", "conversion"],
        `is needed: ${
          baseNew === undefined
            ? `flows.newPlans for ${B - 1} is missing`
            : conversion === undefined
              ? `flows.requests for ${B - 1} is 0, so new plans ÷ requests is no share`
              : `flows.newPlans for ${B - 1} (${baseNew}) exceeds flows.requests (${req.totals[0]}), so new plans ÷ requests is more than 1`
        }; give the share of requests that become plans`,
      );
    return {
      ...common,
      flowRates: req.rates,
      requests: byBand(req.totals),
      conversion: req.totals.slice(1).map(() => conversion),
      estimates: {
        split,
        splitEstimated,
        cessation,
        ...(cessationEstimate ? { cessationEstimate } : {}),
        flow: "requests",
        flowTotals: req.totals,
        conversion,
        ...(req.record ? { growth: req.record } : {}),
        scale,
      },
    };
  }
  const np = projectFlow(s, "newPlans", "New EHC plans", flows.newPlans, d.newPlans.growth, [
    "demand",
    "newPlans",
  ]);
  return {
    ...common,
    flowRates: np.rates,
    newPlans: byBand(np.totals),
    estimates: {
      split,
      splitEstimated,
      cessation,
      ...(cessationEstimate ? { cessationEstimate } : {}),
      flow: "newPlans",
      flowTotals: np.totals,
      ...(np.record ? { growth: np.record } : {}),
      scale,
    },
  };
}

/** The flow levers of a selection as the kernel takes them. @example flowLevers(model.levers, (i) => i === 0, conf) */
export function flowLevers(
  levers: readonly LeverModel[],
  active: (i: number) => boolean,
  confidence: (i: number) => number,
): DemandLevers {
  const out: Record<"newPlansChange" | "cessationChange" | "conversionChange", FlowLever[]> = {
    newPlansChange: [],
    cessationChange: [],
    conversionChange: [],
  };
  levers.forEach((l, i) => {
    if (
      (l.type === "newPlansChange" || l.type === "cessationChange" || l.type === "conversionChange") &&
      active(i)
    )
      out[l.type].push({
        change: l.change,
        from: l.from,
        confidence: confidence(i),
        ...(l.bands ? { bands: l.bands } : {}),
      });
  });
  return out;
}

/** A simulation path's draw of the flows: a shift in the flow's growth, rate points on every band's cessation. */
export interface FlowDraw {
  readonly flow: number;
  readonly cessation: number;
}

/**
 * The flow (new plans, or requests) by forecast year and band with its growth shifted by `shift` in
 * every year (each year's factor clamped at 0, as a placement's drawn growth is at −100%).
 * @example shiftedFlow(normaliseDemand(scenario) as M.DemandModel, 0.05)[0]?.age5to10
 */
export function shiftedFlow(d: DemandModel, shift: number): BandValues[] {
  const { split, scale, flowTotals } = d.estimates;
  let total = flowTotals[0] ?? 0;
  return d.flowRates.map((r) => {
    total *= Math.max(0, 1 + r + shift);
    return bands((b) => total * split[b] * scale);
  });
}

/**
 * Runs the stock-flow kernel for one lever selection: rows by census and band, the total stock by
 * census (base first) and any rate the levers pushed out of range. A simulation's `draw` shifts the
 * flow's growth and the cessation rates (a drawn cessation shift is clamped as a lever's is).
 * @example demandCounts(normaliseDemand(scenario) as M.DemandModel, 2022, 5, {}).totals[0] // the driven placements' base total
 */
export function demandCounts(
  d: DemandModel,
  baseYear: number,
  horizon: number,
  levers: DemandLevers,
  draw?: FlowDraw,
): { rows: DemandRow[]; totals: Float64Array; clamps: DemandClamp[] } {
  // No draw, or a zero one, projects the flows as compiled: the central forecast bit for bit.
  const flow = draw && draw.flow !== 0 ? shiftedFlow(d, draw.flow) : undefined;
  const ceasing =
    draw && draw.cessation !== 0
      ? { cessationChange: [...leverList(levers.cessationChange), { change: draw.cessation }] }
      : {};
  const projection = demandProjection({
    baseYear,
    horizon,
    stock: d.stock,
    ageing: d.ageing,
    cessation: d.cessation,
    levers: { ...levers, ...ceasing },
    ...(d.newPlans ? { newPlans: flow ?? d.newPlans } : {}),
    ...(d.requests ? { requests: flow ?? d.requests, conversion: d.conversion ?? [] } : {}),
  });
  const totals = new Float64Array(horizon + 1);
  totals[0] = sum(d.stock);
  for (const r of projection.rows)
    totals[r.census - baseYear] = (totals[r.census - baseYear] as number) + r.stock;
  return { rows: projection.rows, totals, clamps: projection.clamps };
}

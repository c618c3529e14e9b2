// Placements costed by places and top-ups inside a projection (issue #18): the kernel in
// place-funding.ts applied to the projected counts, with the top-up per pupil taken from the
// placement's unitCost (after inflation and unit-cost levers), academy place funding recouped, and
// pupils the places cannot hold moved to the placement named as `overflow`.
import type { Model } from "../compile/model.js";
import {
  PLACE_FUNDING,
  type Provider,
  placeFundedCost,
  placeFundingRate,
  type S251Line,
  s251Lines,
} from "../compile/place-funding.js";
import type { Forecast, ForecastResult, PlaceFundingRow } from "../derive/result.js";
import { yearValue } from "../units/time.js";
import { countBasedLines, UNASSIGNED, UNASSIGNED_LABELS } from "./s251-assign.js";

/** What one place-funded placement costs in one projection, per FY (index k = FY B+k). */
export interface PlaceFundedTrajectory {
  readonly provider: Provider;
  /** £ a commissioned place a year (the scenario's rate or the category's default; 0 without places). */
  readonly rate: number;
  /** Pupils needing a place here (the projected count before any overflow), by census year. */
  readonly pupils: Float64Array;
  /** FY-equivalent commissioned places (0 without places). */
  readonly places: Float64Array;
  readonly capacity: Float64Array;
  /** FY-equivalent pupils placed here. */
  readonly placed: Float64Array;
  /** FY-equivalent pupils the places could not hold (moved to `overflow` when it is set). */
  readonly unplaced: Float64Array;
  readonly emptyPlaces: Float64Array;
  readonly placeFunding: Float64Array;
  /** The part of placeFunding that pays for empty places. */
  readonly emptyPlaceCost: Float64Array;
  readonly topUps: Float64Array;
  readonly topUpsByBand: Readonly<Record<string, Float64Array>>;
  readonly total: Float64Array;
  /** Place funding the ESFA pays for academies and deducts from the allocation (0 for maintained). */
  readonly recouped: Float64Array;
  readonly s251: Readonly<Partial<Record<S251Line, Float64Array>>>;
}

/**
 * Costs every placement that has `places`, and moves the pupils the places cannot hold into the
 * overflow placement's counts (so call it before costing the other placements). Placements without
 * `places` get undefined.
 * @example placeFundedCosts(model, counts, unitCosts)[0]?.total
 */
export function placeFundedCosts(
  model: Model,
  counts: Float64Array[],
  unitCosts: readonly Float64Array[],
): (PlaceFundedTrajectory | undefined)[] {
  return model.placements.map((p, pi) => {
    const spec = p.places;
    if (!spec) return undefined;
    const pupils = Float64Array.from(counts[pi] as Float64Array);
    const base = {
      category: p.category,
      provider: spec.provider,
      pupils: Array.from(pupils),
      topUp: 0,
      ...(spec.places ? { places: Array.from(spec.places), placesBefore: spec.placesBefore ?? 0 } : {}),
      ...(spec.rate !== undefined ? { rate: spec.rate } : {}),
      ...(spec.onRoll !== undefined ? { onRoll: spec.onRoll } : {}),
      ...(spec.fill ? { fill: spec.fill } : {}),
    };
    const fy = placeFundedCost({ ...base, phasing: model.phasing, pupilsBefore: p.previousCount });
    // Pupils move between placements by census: the census-phased figures say how many.
    const census = model.phasing === "census" ? fy : placeFundedCost({ ...base, phasing: "census" });
    if (spec.overflow !== undefined) {
      const to = counts[spec.overflow] as Float64Array;
      const from = counts[pi] as Float64Array;
      census.unplaced.forEach((u, k) => {
        from[k] = (from[k] ?? 0) - u;
        to[k] = (to[k] ?? 0) + u;
      });
    }
    const defaults = PLACE_FUNDING[p.category];
    const unitCost = unitCosts[pi] as Float64Array;
    const topUps = Float64Array.from(fy.placed, (n, k) => n * (unitCost[k] ?? 0));
    const placeFunding = Float64Array.from(fy.placeFunding);
    const mean = spec.bands?.reduce((a, b) => a + b.share * b.topUp, 0) ?? 0;
    const topUpsByBand: Record<string, Float64Array> = {};
    for (const b of spec.bands ?? [])
      topUpsByBand[b.band] = topUps.map((t) => (mean > 0 ? (t * b.share * b.topUp) / mean : 0));
    // As the kernel does: place funding where the guide has none is a payment to the provider.
    const topUpLine = p.s251 ?? defaults.topUpLine[spec.provider];
    const placeLine = defaults.placeLine ?? topUpLine;
    const s251: Partial<Record<S251Line, Float64Array>> = {};
    const add = (line: S251Line, amounts: Float64Array) => {
      const to = s251[line] ?? new Float64Array(amounts.length);
      s251[line] = to.map((v, k) => v + (amounts[k] ?? 0));
    };
    if (placeFunding.some((v) => v !== 0)) add(placeLine, placeFunding);
    add(topUpLine, topUps);
    const rate = spec.places ? placeFundingRate(p.category, spec.rate, spec.onRoll) : 0;
    return {
      provider: spec.provider,
      rate,
      pupils,
      places: Float64Array.from(fy.places),
      capacity: Float64Array.from(fy.capacity),
      placed: Float64Array.from(fy.placed),
      unplaced: Float64Array.from(fy.unplaced),
      emptyPlaces: Float64Array.from(fy.emptyPlaces),
      placeFunding,
      emptyPlaceCost: Float64Array.from(fy.emptyPlaceCost),
      topUps,
      topUpsByBand,
      total: placeFunding.map((f, k) => f + (topUps[k] ?? 0)),
      recouped:
        spec.provider === "academy" ? Float64Array.from(placeFunding) : new Float64Array(placeFunding.length),
      s251,
    };
  });
}

/** Rows of the placements costed by places and top-ups (issue #18). @example placeFundingRows(model, t)[0]?.placeFunding */
// `t` is a Trajectory (projection.ts), typed by the one field read so this module, which the
// projection calls, imports nothing back from it.
export function placeFundingRows(
  model: Model,
  t: { readonly placeFunding: readonly (PlaceFundedTrajectory | undefined)[] },
): PlaceFundingRow[] {
  const fys = model.financialYears;
  return model.placements.flatMap((p, pi) => {
    const f = t.placeFunding[pi];
    if (!f) return [];
    return fys.map((fy, k) => {
      const at = (a: ArrayLike<number>) => yearValue(a, k, `place funding of ${p.id}`);
      const bands = Object.entries(f.topUpsByBand);
      return {
        id: p.id,
        label: p.label,
        category: p.category,
        provider: f.provider,
        census: yearValue(model.censusYears, k, "census years"),
        fy,
        pupils: at(f.pupils),
        places: at(f.places),
        capacity: at(f.capacity),
        placed: at(f.placed),
        unplaced: at(f.unplaced),
        emptyPlaces: at(f.emptyPlaces),
        rate: f.rate,
        placeFunding: at(f.placeFunding),
        emptyPlaceCost: at(f.emptyPlaceCost),
        topUps: at(f.topUps),
        ...(bands.length ? { topUpsByBand: Object.fromEntries(bands.map(([b, a]) => [b, at(a)])) } : {}),
        cost: at(f.total),
        recouped: at(f.recouped),
        s251: Object.fromEntries(Object.entries(f.s251).map(([line, a]) => [line, at(a as Float64Array)])),
      };
    });
  });
}

/** The per-head HNB allocation rows, or undefined when the allocation is typed. @example hnbAllocationView(model)?.rows[0]?.perHead // £ a head in the base FY; the whole view is undefined without income.hnb.perHead */
export function hnbAllocationView(model: Model): NonNullable<ForecastResult["hnbAllocation"]> | undefined {
  const h = model.income.hnbPerHead;
  if (!h) return undefined;
  return {
    basis: "per-head",
    rows: model.financialYears.map((fy, k) => ({
      fy,
      population: yearValue(h.population, k, "population"),
      formulaPerHead: yearValue(h.formulaPerHead, k, "formula per head"),
      perHead: yearValue(h.perHead, k, "per head"),
      bound: h.bound[k] ?? null,
      allocation: yearValue(model.income.hnb, k, "HNB allocation"),
    })),
  };
}

/** `{ hnbAllocation }` when the allocation is projected per head, `{}` when typed. @example const extra = { ...hnbAllocationOf(model) } */
export function hnbAllocationOf(model: Model): {
  hnbAllocation?: NonNullable<ForecastResult["hnbAllocation"]>;
} {
  const view = hnbAllocationView(model);
  return view ? { hnbAllocation: view } : {};
}

/** One row of the s251-shaped statement: an s251 line's spend by FY. */
export interface S251StatementRow {
  /** The s251 code, e.g. "1.0.2", or "" for spend the scenario does not assign to a line. */
  line: string;
  label: string;
  /** £ by FY, in the order of the forecast's financial years. */
  amounts: number[];
}

/** The forecast's expenditure by s251 line, with recoupment for the net presentation. */
export interface S251Statement {
  financialYears: string[];
  /** s251 lines in code order, then the unassigned spend when there is any. */
  rows: S251StatementRow[];
  /** Σ rows: the ledger's (gross) expenditure. */
  total: number[];
  /** Academy place funding deducted from the allocation (present only when the ledger has recoupment). */
  recoupment?: number[];
  /** total − recoupment (with recoupment only). */
  net?: number[];
}

const codeOrder = (a: string, b: string) => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return Number.isNaN(d) ? a.localeCompare(b) : d;
  }
  return 0;
};

/**
 * Every cost of one forecast by s251 line (issues #18, #32): place-funded placements split into
 * place funding (1.0.2) and top-ups by provider; placements costed as count × unit cost split the
 * same way at their category's place rate (countBasedLines); other lines and staffing to their own
 * `s251`; what names no line (staffing, grants' implementation spend, lines) to rows of their own,
 * each saying why.
 * @example s251Statement(result.financialYears, result.unmitigated).total // the ledger's expenditure
 */
export function s251Statement(financialYears: readonly string[], f: Forecast): S251Statement {
  const fys = [...financialYears];
  const at = new Map(fys.map((fy, k) => [fy, k]));
  const lines = new Map<string, number[]>();
  const add = (line: string, fy: string, amount: number) => {
    const k = at.get(fy);
    if (k === undefined) return;
    const a = lines.get(line) ?? fys.map(() => 0);
    a[k] = (a[k] ?? 0) + amount;
    lines.set(line, a);
  };
  const funded = new Set((f.placeFunding ?? []).map((r) => r.id));
  for (const r of f.placeFunding ?? []) for (const [line, v] of Object.entries(r.s251)) add(line, r.fy, v);
  for (const r of f.placements) {
    if (funded.has(r.id)) continue;
    for (const [line, amount] of countBasedLines(r)) add(line, r.fy, amount);
  }
  for (const r of f.lines) add(r.s251 ?? UNASSIGNED.line, r.fy, r.cost);
  for (const r of f.staffing) if (r.fundedBy === "HNB") add(r.s251 ?? UNASSIGNED.staffing, r.fy, r.cost);
  for (const r of f.ledger) add(UNASSIGNED.grant, r.fy, r.implementationCost);
  const labelOf = (line: string) =>
    UNASSIGNED_LABELS[line] ?? (s251Lines as Record<string, string>)[line] ?? `s251 line ${line}`;
  const codes = [...lines.keys()].filter((c) => !c.startsWith("?")).sort(codeOrder);
  // Spend on no line, each kind apart with its reason, where there is any.
  for (const key of Object.values(UNASSIGNED)) if (lines.get(key)?.some((v) => v !== 0)) codes.push(key);
  const rows = codes.map((line) => ({
    line: line.startsWith("?") ? "" : line,
    label: labelOf(line),
    amounts: lines.get(line) ?? [],
  }));
  const total = fys.map((_, k) => rows.reduce((a, r) => a + (r.amounts[k] ?? 0), 0));
  const ledger = fys.map((fy) => f.ledger.find((l) => l.fy === fy));
  if (ledger.some((l) => l?.recoupment !== undefined)) {
    const recoupment = ledger.map((l) => l?.recoupment ?? 0);
    return {
      financialYears: fys,
      rows,
      total,
      recoupment,
      net: total.map((t, k) => t - (recoupment[k] ?? 0)),
    };
  }
  return { financialYears: fys, rows, total };
}

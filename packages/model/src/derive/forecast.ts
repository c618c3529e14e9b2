import { type Compiled, compile, compiledOf } from "../compile/compile.js";
import { transferRoute } from "../compile/income.js";
import { leverKind } from "../compile/mitigation.js";
import type { Model } from "../compile/model.js";
import { eligibleDeficitOf } from "../compile/stability-grant.js";
import { hnbAllocationOf, placeFundingRows } from "../project/place-costs.js";
import type { Trajectory } from "../project/projection.js";
import type { Scenario } from "../scenario/schema.js";
import { type ParseResult, parseScenario } from "../scenario/validate.js";
import { fyLabel, fyYear, yearValue } from "../units/time.js";
import { type Subsets, sequentialSavings, shapleyShares, sharesAmong } from "./attribution.js";
import { ledgerRows } from "./ledger.js";
import { leverBaseYearWarnings } from "./lever-base-year.js";
import { bridge, leversAt, leverTotals } from "./lever-views.js";
import { costAvoidanceOf, safetyValveOf } from "./plan-views.js";
import { baseYearWarnings } from "./plausibility.js";
import { type Projected, projectAll, savingsMask } from "./projected.js";
import type {
  DemandOutput,
  Forecast,
  ForecastResult,
  GrantRow,
  LeverSaving,
  OverrideGrantSide,
  OverridePosition,
  SafetyValvePaymentRow,
  StabilityGrantRow,
} from "./result.js";
import { illustrativeInputs, inputWarnings, shiftWarnings, unitCostWarnings } from "./sanity.js";

export {
  bridge,
  grantEffectByYear,
  leverGroups,
  leversAt,
  leverTotals,
  leverYearsBeforeGrant,
} from "./lever-views.js";
export { costAvoidance, costAvoidanceOf, safetyValve, safetyValveOf } from "./plan-views.js";
export { type Projected, projectAll } from "./projected.js";

/** Rows of one forecast (spec §8 shape) from its trajectory: the pipeline's "present" step. @example toForecast(model, project(model, NO_LEVERS)).ledger */
export function toForecast(model: Model, t: Trajectory): Forecast {
  const fys = model.financialYears;
  const years = model.censusYears;
  const placeFunding = placeFundingRows(model, t);
  return {
    ledger: ledgerRows(model, t),
    placements: model.placements.flatMap((p, pi) =>
      fys.map((fy, k) => ({
        id: p.id,
        label: p.label,
        category: p.category,
        ...(p.s251 !== undefined ? { s251: p.s251 } : {}),
        ...(p.s251Split !== undefined ? { s251Split: { ...p.s251Split } } : {}),
        census: yearValue(years, k, "census years"),
        fy,
        count: yearValue(t.counts[pi], k, `counts of ${p.id}`),
        unitCost: yearValue(t.unitCosts[pi], k, `unit costs of ${p.id}`),
        cost: yearValue(t.placementCosts[pi], k, `cost of ${p.id}`),
      })),
    ),
    lines: model.lines.flatMap((l, li) =>
      fys.map((fy, k) => ({
        id: l.id,
        label: l.label,
        ...(l.s251 !== undefined ? { s251: l.s251 } : {}),
        fy,
        cost: yearValue(t.lineCosts[li], k, `cost of line ${l.id}`),
      })),
    ),
    staffing: t.staffing.flatMap((s) =>
      fys.map((fy, k) => ({
        id: s.model.id,
        role: s.model.role,
        fy,
        cost: yearValue(s.cost, k, `cost of staffing ${s.model.id}`),
        fundedBy: s.model.fundedBy,
        ...(s.model.s251 !== undefined ? { s251: s.model.s251 } : {}),
        ...(s.lever !== undefined ? { lever: s.lever } : {}),
      })),
    ),
    transfers: fys.flatMap((fy, k) => {
      const rate = yearValue(t.transferRate, k, "transfer rate");
      const movements = model.income.schoolsBlockMovements
        .map((m) => ({
          id: m.id,
          label: m.label,
          amount: yearValue(m.amounts, k, `Schools Block movement ${m.id}`),
        }))
        .filter((m) => m.amount > 0);
      if (rate <= 0 && movements.length === 0) return [];
      const amount = yearValue(t.transfer, k, "transfer");
      const sb = yearValue(model.income.schoolsBlock, k, "Schools Block");
      // Every movement out of the Schools Block in the year counts towards the 0.5% limit.
      const totalRate = sb > 0 ? (amount + movements.reduce((a, m) => a + m.amount, 0)) / sb : rate;
      return [{ fy, rate, amount, movements, totalRate, needs: transferRoute(totalRate) }];
    }),
    otherIncome: t.otherIncome.flatMap((o) =>
      fys.flatMap((fy, k) => {
        const amount = yearValue(o.amounts, k, `income ${o.id}`);
        return amount !== 0
          ? [{ id: o.id, label: o.label, fy, amount, ...(o.lever ? { lever: o.lever } : {}) }]
          : [];
      }),
    ),
    ...(placeFunding.length ? { placeFunding } : {}),
  };
}

/**
 * Each lever's sequential saving and Shapley share on the final cumulative balance (spec §7), and
 * by FY on the in-year balance (the DfE workstream log's savings by year; they add up to the final).
 * @example attribute(model, projectAll(model).subsets)[0].shapley
 */
export function attribute(model: Model, subsets: Subsets): LeverSaving[] {
  const n = model.levers.length;
  if (n === 0) return [];
  const sequential = sequentialSavings(subsets.final, n);
  const shapley = shapleyShares(subsets.final, n);
  const byYear = subsets.inYear.map((values) => ({
    sequential: sequentialSavings(values, n),
    shapley: shapleyShares(values, n),
  }));
  // With a Stability Grant, each lever's effect on the grant is attributed the same way, so the
  // part of a saving the grant takes back is shown beside the saving (spec §11).
  // Each lever's effect on the Stability Grant. Paid with the plan only, the grant's own lever
  // brings the grant on the unmitigated deficit (its funding share), and the other levers' effects
  // are shared among them with it in place: their savings before the deficit year lower it.
  const grantLever = model.levers.findIndex((l) => l.type === "stabilityGrant");
  const others = model.levers.flatMap((_, i) => (i === grantLever ? [] : [i]));
  const grantAmong =
    subsets.grant && grantLever >= 0 ? sharesAmong(subsets.grant, others, 2 ** grantLever) : undefined;
  const grant = subsets.grant
    ? grantAmong
      ? {
          sequential: model.levers.map((_, i) =>
            i === grantLever ? 0 : (grantAmong.sequential[others.indexOf(i)] as number),
          ),
          shapley: model.levers.map((_, i) =>
            i === grantLever ? 0 : (grantAmong.shapley[others.indexOf(i)] as number),
          ),
        }
      : { sequential: sequentialSavings(subsets.grant, n), shapley: shapleyShares(subsets.grant, n) }
    : undefined;
  const grantOnUnmitigated = grantLever >= 0 ? (subsets.grant?.[2 ** grantLever] ?? 0) : 0;
  // Attribution by ledger side (issue #32): savings share the fall in spending among themselves;
  // funding levers share the money received (net of grant spend) among themselves, with every
  // saving in place, so a Safety Valve payment a saving earned belongs to the lever that pays it;
  // what the savings made possible is reported apart, as is each lever's effect on the Stability Grant.
  const lowerSpend = subsets.spend.map((v) => -v);
  const spendShares = { sequential: sequentialSavings(lowerSpend, n), shapley: shapleyShares(lowerSpend, n) };
  const fundingLevers = model.levers.flatMap((l, i) => (leverKind(l.type) === "funding" ? [i] : []));
  const fundingShares = sharesAmong(subsets.funding, fundingLevers, savingsMask(model));
  const payments = subsets.payments
    ? { sequential: sequentialSavings(subsets.payments, n), shapley: shapleyShares(subsets.payments, n) }
    : undefined;
  return model.levers.map((l, i) => {
    const pair = { sequential: sequential[i] as number, shapley: shapley[i] as number };
    const effect = grant && {
      sequential: grant.sequential[i] as number,
      shapley: grant.shapley[i] as number,
    };
    const kind = leverKind(l.type);
    const j = fundingLevers.indexOf(i);
    const side =
      i === grantLever
        ? { basis: "income" as const, sequential: grantOnUnmitigated, shapley: grantOnUnmitigated }
        : kind === "funding"
          ? {
              basis: "income" as const,
              sequential: fundingShares.sequential[j] as number,
              shapley: fundingShares.shapley[j] as number,
            }
          : {
              basis: "expenditure" as const,
              sequential: spendShares.sequential[i] as number,
              shapley: spendShares.shapley[i] as number,
            };
    return {
      id: l.id,
      label: l.label,
      type: l.type,
      kind,
      ...pair,
      side,
      ...(payments && kind === "saving"
        ? {
            paymentsEnabled: {
              sequential: payments.sequential[i] as number,
              shapley: payments.shapley[i] as number,
            },
          }
        : {}),
      byYear: model.financialYears.map((fy, k) => ({
        fy,
        sequential: byYear[k]?.sequential[i] as number,
        shapley: byYear[k]?.shapley[i] as number,
      })),
      ...(effect
        ? {
            stabilityGrantEffect: effect,
            beforeGrant: {
              sequential: pair.sequential - effect.sequential,
              shapley: pair.shapley - effect.shapley,
            },
          }
        : {}),
    };
  });
}

/**
 * The Stability Grant each forecast it applies to receives (spec §11 JSON rows), from the ledgers.
 * @example stabilityGrantRows(model, projected)[0].amount === 0.9 * 61_200_000 // the grant on a £61.2m eligible deficit
 */
export function stabilityGrantRows(
  model: Model,
  t: Pick<Projected, "unmitigated" | "mitigated">,
): StabilityGrantRow[] {
  const g = model.income.stabilityGrant;
  if (!g) return [];
  const forecasts =
    g.forecasts === "both" ? (["unmitigated", "mitigated"] as const) : (["mitigated"] as const);
  return forecasts.map((forecast) => {
    const closingBalance =
      g.deficitK < 0 ? model.openingBalance : (t[forecast].cumulative[g.deficitK] as number);
    return {
      forecast,
      deficitFY: g.deficitFY,
      closingBalance,
      eligibleDeficit: eligibleDeficitOf(g, closingBalance),
      eligibleGiven: g.eligibleDeficit !== undefined,
      excluded: g.excluded,
      share: g.share,
      amount: yearValue(t[forecast].stabilityGrant, g.paidK, "Stability Grant"),
      paidIn: g.paidIn,
      condition: g.condition,
    };
  });
}

/** Each grant lever's income and implementation spend over the horizon (mitigated). @example grantRows(compiled, mitigated) */
function grantRows({ scenario, model }: Compiled, mitigated: Trajectory): GrantRow[] {
  const sum = (a: ArrayLike<number> | undefined) => Array.from(a ?? []).reduce((x, y) => x + y, 0);
  return model.levers.flatMap((l) => {
    if (l.type !== "grant") return [];
    const income = sum(mitigated.otherIncome.find((o) => o.lever === l.id)?.amounts);
    const spend = sum(mitigated.implementation.find((g) => g.lever === l.id)?.cost);
    const reason = scenario.mitigations.find((m) => m.id === l.id && m.type === "grant");
    return [
      {
        id: l.id,
        label: l.label,
        income,
        spend,
        net: income - spend,
        ...(reason?.type === "grant" && reason.spendReason ? { spendReason: reason.spendReason } : {}),
      },
    ];
  });
}

/**
 * The forecast of a validated scenario, as one pass: compile (normalise, growth resolved once) →
 * project (every subset of levers once) → derive (attribution, grants, Safety Valve, cost
 * avoidance, override) → present (rows). Pass a Compiled to reuse it for simulate and tornado.
 * @example forecast(scenario).mitigated.ledger.at(-1)?.cumulative
 */
export function forecast(
  input: Scenario | Compiled,
  options: { onProgress?: (done: number, total: number) => void } = {},
): ForecastResult {
  const compiled = compiledOf(input);
  const { scenario, model } = compiled;
  const projected = projectAll(model, options.onProgress);
  const { unmitigated, mitigated } = projected;
  const levers = attribute(model, projected.subsets);
  const presented = { unmitigated: toForecast(model, unmitigated), mitigated: toForecast(model, mitigated) };
  const grants = stabilityGrantRows(model, projected);
  const result: Omit<ForecastResult, "safetyValve" | "bridge" | "costAvoidance"> = {
    illustrative: illustrativeInputs(scenario),
    unitCostWarnings: unitCostWarnings(scenario),
    shiftWarnings: shiftWarnings(model, mitigated),
    inputWarnings: inputWarnings(scenario, presented.unmitigated.placeFunding, grants),
    baseYearWarnings: [
      ...baseYearWarnings(scenario, presented.unmitigated.ledger[0]),
      ...leverBaseYearWarnings(scenario),
    ],
    leverTotals: leverTotals(levers),
    ...(model.income.stabilityGrant ? { stabilityGrant: grants } : {}),
    ...(scenario.plan
      ? {
          plan: {
            name: scenario.plan.name,
            status: scenario.plan.status,
            ...(scenario.plan.submitted ? { submitted: scenario.plan.submitted } : {}),
          },
        }
      : {}),
    grants: grantRows(compiled, mitigated),
    // A grant whose condition the scenario says is not met (plan not approved) is in no ledger.
    statutoryOverride: overrideWithLevers(
      overridePosition(
        model.income.stabilityGrant
          ? scenario
          : { ...scenario, income: { ...scenario.income, stabilityGrant: undefined } },
        presented.unmitigated,
        presented.mitigated,
      ),
      { financialYears: [...model.financialYears], levers, stabilityGrant: grants },
    ),
    safetyValvePayments: mitigated.safetyValve.map((p) => ({
      lever: p.lever,
      fy: model.financialYears[p.k] as string,
      amount: p.amount,
      target: p.target,
      inYearBefore: p.inYearBefore,
      paid: p.paid,
    })) satisfies SafetyValvePaymentRow[],
    scenario: scenario.name,
    baseYear: model.baseYear,
    horizon: model.horizon,
    phasing: model.phasing,
    financialYears: [...model.financialYears],
    censusYears: [...model.censusYears],
    openingBalance: model.openingBalance,
    ...presented,
    levers,
    calibration: [...model.calibration],
  };
  return {
    ...result,
    safetyValve: safetyValveOf(model, projected),
    bridge: bridge(result),
    costAvoidance: costAvoidanceOf(model, mitigated),
    ...hnbAllocationOf(model),
    ...(model.demand ? { demand: demandOutput(model, unmitigated, mitigated) } : {}),
    ...(scenario.ehcpsByNeed ? { ehcpsByNeed: scenario.ehcpsByNeed } : {}),
  };
}

// The stock-flow rows of both forecasts, tagged, with the base stock and the estimates behind them.
function demandOutput(model: Model, unmitigated: Trajectory, mitigated: Trajectory): DemandOutput {
  const d = model.demand as NonNullable<Model["demand"]>;
  const tag = (t: Trajectory, forecast: "unmitigated" | "mitigated") =>
    (t.demand?.rows ?? []).map((r) => ({ ...r, forecast }));
  return {
    rows: [...tag(unmitigated, "unmitigated"), ...tag(mitigated, "mitigated")],
    base: { census: model.baseYear, stock: d.stock },
    estimates: d.estimates,
    clamps: [...(mitigated.demand?.clamps ?? [])],
  };
}

// Where the horizon runs past the override's end, each lever's effect at the override's end too:
// the lever table is at the last reported FY, the Forum's question at 31 March 2028.
function overrideWithLevers(
  o: OverridePosition,
  result: Pick<ForecastResult, "financialYears" | "levers" | "stabilityGrant">,
): OverridePosition {
  if (!o.withinHorizon || o.laterYears.length === 0 || result.levers.length === 0) return o;
  return { ...o, levers: leversAt(result, o.fy) };
}

/**
 * The cumulative deficit when the statutory override ends (default 31 March 2028, the end of FY
 * 2027-28) and its share of the council's usable reserves, where they are given.
 * @example overridePosition(scenario, result.unmitigated, result.mitigated).fy === "2027-28"
 */
export function overridePosition(
  scenario: Pick<Scenario, "statutoryOverride"> & {
    openingBalance?: number;
    income?: Pick<Scenario["income"], "stabilityGrant">;
  },
  unmitigated: Forecast,
  mitigated: Forecast,
): OverridePosition {
  const ends = scenario.statutoryOverride?.ends ?? "2028-03-31";
  const fy = fyLabel(Number(ends.slice(0, 4)));
  const endYear = fyYear(fy) as number;
  const u = unmitigated.ledger.find((r) => r.fy === fy)?.cumulative;
  const m = mitigated.ledger.find((r) => r.fy === fy)?.cumulative;
  const reserves = scenario.statutoryOverride?.usableReserves;
  // A surplus takes no share of reserves; a deficit takes -balance / reserves.
  const share = (balance: number | undefined) =>
    balance === undefined || reserves === undefined || reserves <= 0
      ? undefined
      : Math.max(0, -balance) / reserves;
  const out: OverridePosition = { ends, fy, withinHorizon: u !== undefined, laterYears: [] };
  if (u !== undefined) out.unmitigated = u;
  if (m !== undefined) out.mitigated = m;
  if (reserves !== undefined) out.usableReserves = reserves;
  const su = share(u);
  const sm = share(m);
  if (su !== undefined) out.unmitigatedShareOfReserves = su;
  if (sm !== undefined) out.mitigatedShareOfReserves = sm;
  const grant = scenario.income?.stabilityGrant;
  if (grant && u !== undefined && (fyYear(grant.paidIn) as number) <= endYear) {
    const deficitYear = fyYear(grant.deficitFY) as number;
    const side = (f: Forecast): OverrideGrantSide | undefined => {
      const rows = f.ledger.filter((r) => (fyYear(r.fy) as number) <= endYear);
      const withGrant = rows.at(-1)?.cumulative;
      if (withGrant === undefined) return undefined;
      const received = rows.reduce((a, r) => a + (r.stabilityGrant ?? 0), 0);
      const atDeficit =
        f.ledger.find((r) => r.fy === grant.deficitFY)?.cumulative ?? scenario.openingBalance ?? 0;
      const accruedSince = rows
        .filter((r) => (fyYear(r.fy) as number) > deficitYear)
        .reduce((a, r) => a + r.inYear - (r.stabilityGrant ?? 0), 0);
      const s: OverrideGrantSide = {
        withGrant,
        withoutGrant: withGrant - received,
        grant: received,
        historicRemaining: atDeficit + received,
        accruedSince,
      };
      const accruedShare = share(accruedSince);
      const withoutShare = share(withGrant - received);
      if (accruedShare !== undefined) s.accruedShareOfReserves = accruedShare;
      if (withoutShare !== undefined) s.withoutGrantShareOfReserves = withoutShare;
      return s;
    };
    const us = grant.forecasts === "both" ? side(unmitigated) : undefined;
    const ms = side(mitigated);
    out.stabilityGrant = {
      deficitFY: grant.deficitFY,
      accruedFrom: fyLabel(deficitYear + 1),
      ...(us ? { unmitigated: us } : {}),
      ...(ms ? { mitigated: ms } : {}),
    };
  }
  out.laterYears = unmitigated.ledger.map((r) => r.fy).filter((f) => (fyYear(f) as number) > endYear);
  return out;
}

/**
 * The whole pipeline from raw data: parse → normalise → project → apply levers → attribute → present.
 * @example run(yaml.parse(text)) // { ok: true, result } or { ok: false, problems }
 */
export function run(
  raw: unknown,
): { ok: true; result: ForecastResult; scenario: Scenario } | Extract<ParseResult, { ok: false }> {
  const parsed = parseScenario(raw);
  if (!parsed.ok) return parsed;
  return { ok: true, scenario: parsed.scenario, result: forecast(compile(parsed.scenario, parsed.growths)) };
}

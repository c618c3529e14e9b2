// A deliberately plain JavaScript loop of the same model, the same-run reference for the engine's
// uncertainty simulation (issue #21: "10k paths no slower than the plain reference loop").
//
// Per path it does the work simulate() does, written the obvious way: draw each placement's growth
// shift, one unit-cost inflation shift and each lever's delivery; grow every placement's count and
// unit cost year by year (both forecasts); cost them, add the other spending, apply the levers'
// savings, and keep the in-year and cumulative balances; then p10/p50/p90 of every figure kept, by
// sorting its column. Its inputs are read from the deterministic forecast (outside the timed loop),
// so it needs none of the engine's machinery. It is a reference for speed, not for numbers: it is
// not checked against the engine figure for figure.
import { quantileOf } from "@hnb/model";
// The engine's seeded generator (mulberry32): a few integer operations a draw, not what is timed here.
import { uniforms } from "@hnb/model/internal";

/**
 * The plain model's inputs, from a scenario's deterministic forecast result and its uncertain assumptions.
 * @param {any} result forecast() of the scenario
 * @param {readonly any[]} list assumptions(scenario).list
 */
export function plainInputs(result, list) {
  const years = result.financialYears.length;
  const rows = (forecast) => {
    const byId = new Map();
    for (const r of result[forecast].placements) {
      if (!byId.has(r.id)) byId.set(r.id, []);
      byId.get(r.id).push(r);
    }
    return byId;
  };
  const unmitigated = rows("unmitigated");
  const mitigated = rows("mitigated");
  const growthOf = new Map(list.filter((a) => a.kind === "growth").map((a) => [a.id, a.distribution]));
  const inflation = list.find((a) => a.kind === "costInflation")?.distribution;
  const deliveryOf = new Map(list.filter((a) => a.kind === "delivery").map((a) => [a.id, a.distribution]));
  const placements = [...unmitigated].map(([id, r]) => {
    const m = mitigated.get(id) ?? r;
    return {
      count0: r[0].count,
      cost0: r[0].unitCost,
      growth: r.map((x, t) => (t === 0 || r[t - 1].count === 0 ? 0 : x.count / r[t - 1].count - 1)),
      inflation: r.map((x, t) =>
        t === 0 || r[t - 1].unitCost === 0 ? 0 : x.unitCost / r[t - 1].unitCost - 1,
      ),
      mitigatedShare: r.map((x, t) => (x.count === 0 ? 1 : m[t].count / x.count)),
      growthSd: growthOf.get(id) ?? null,
    };
  });
  const ledger = result.unmitigated.ledger;
  return {
    years,
    openingBalance: result.openingBalance,
    placements,
    otherSpend: ledger.map((l) => l.expenditure - l.placementCost),
    income: ledger.map((l) => l.income),
    levers: result.levers.map((l) => ({
      saving: l.byYear.map((y) => y.shapley),
      delivery: deliveryOf.get(l.id) ?? null,
    })),
    inflation: inflation ?? null,
  };
}

function draw(distribution, u) {
  return distribution ? quantileOf(distribution, Math.min(Math.max(u, 1e-12), 1 - 1e-12)) : 0;
}

function percentile(sorted, p) {
  const idx = (sorted.length - 1) * p;
  const lower = Math.floor(idx);
  const upper = Math.ceil(idx);
  return sorted[lower] + (idx - lower) * (sorted[upper] - sorted[lower]);
}

/** Simulates `paths` paths and returns p10/p50/p90 of every count and balance kept. */
export function plainSimulate(input, paths, seed = 1) {
  const random = uniforms(seed);
  const { years, placements } = input;
  // columns[f][figure][year] is one value a path: counts of each placement, then in-year and cumulative balance.
  const figures = placements.length + 2;
  const columns = [0, 1].map(() =>
    Array.from({ length: figures }, () => Array.from({ length: years }, () => new Float64Array(paths))),
  );
  for (let path = 0; path < paths; path++) {
    const inflationShift = draw(input.inflation, random());
    const delivery = input.levers.map((l) => draw(l.delivery, random()));
    const shifts = placements.map((p) => draw(p.growthSd, random()));
    const cumulative = [0, 0];
    const unitCosts = placements.map((p) => p.cost0);
    for (let t = 0; t < years; t++) {
      let placementCost = 0;
      let placementCostMitigated = 0;
      for (let i = 0; i < placements.length; i++) {
        const p = placements[i];
        const count = t === 0 ? p.count0 : columns[0][i][t - 1][path] * (1 + p.growth[t] + shifts[i]);
        if (t > 0) unitCosts[i] *= 1 + p.inflation[t] + inflationShift;
        const unitCost = unitCosts[i];
        const mitigatedCount = count * p.mitigatedShare[t];
        columns[0][i][t][path] = count;
        columns[1][i][t][path] = mitigatedCount;
        placementCost += count * unitCost;
        placementCostMitigated += mitigatedCount * unitCost;
      }
      let savings = 0;
      for (let l = 0; l < input.levers.length; l++) savings += input.levers[l].saving[t] * delivery[l];
      const spend = [
        placementCost + input.otherSpend[t],
        placementCostMitigated + input.otherSpend[t] - savings,
      ];
      for (let f = 0; f < 2; f++) {
        const inYear = input.income[t] - spend[f];
        cumulative[f] = t === 0 ? input.openingBalance + inYear : cumulative[f] + inYear;
        columns[f][placements.length][t][path] = inYear;
        columns[f][placements.length + 1][t][path] = cumulative[f];
      }
    }
  }
  return columns.map((byFigure) =>
    byFigure.map((byYear) =>
      byYear.map((column) => {
        const sorted = Float64Array.from(column).sort();
        return { p10: percentile(sorted, 0.1), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
      }),
    ),
  );
}

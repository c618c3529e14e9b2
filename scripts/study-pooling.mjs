// Study of pooled `auto` (issue #13): which band model, and which constants for authority totals,
// chosen by a rule written down before the holdout is scored, applied to pre-2019 data only.
// Run after `pnpm build`:  node scripts/study-pooling.mjs [DIR]   (default ../shared/data/sen2-2022)
// --training-only stops before the holdout; --placement-grid adds section 1b (training only).
//
// THE RULE (fixed before the holdout was scored; the holdout is scored once, at the end):
//
// Training: forecasts whose targets are January 2019 or earlier, from origins 2012 on (origin 2012
// is the first with three counts for an own trend). Nested, as-known validation: for each
// validation origin O in 2016, 2017, 2018, every choice is fitted on the forecasts known at O
// (targets <= O) and scored on the forecasts made at O whose targets are <= 2019 (O = 2016: 1-3
// years; 2017: 1-2; 2018: 1), exactly as the final choice is fitted on targets <= 2019 and scored
// at origin 2019.
//
// 1. Point constants for authority totals. Candidates: the placement constants (POOLING) and a
//    grid (ownYears 3/4/5, referenceYears 3/5, damping 0.2/0.4/0.6/0.8/1, tau2 0 ... 0.1 and
//    "own only", c = 2: only tau2 / c matters). At each O the grid point with the lowest mean over
//    horizons 1-3 of the median APE on the known forecasts is selected. The grid is adopted for
//    totals if its selections' pooled validation error (mean over horizons of the median APE) is
//    lower than POOLING's; the final constants are then the grid point selected on targets <= 2019.
//    Placement point constants are not re-chosen (they are POOLING).
// 2. Band model, for each level separately (with that level's point constants). Candidates: the
//    10th/90th percentiles by horizon of log(actual / forecast) / sqrt(h * V), with V =
//      v6   variance of annual log growths over 6 years (the current model),
//      v4   the same over 4 years,  v3   over 3 years,
//      mad6 (1.4826 * median absolute deviation of the 6 years' growths)^2,
//      one  V = 1: plain log-ratio quantiles, no per-series noise,
//    each fitted on the forecasts whose targets lie in the last K known years, K = 1, 2, 3 or all
//    (recency weighting). Choose the candidate minimising the largest |coverage - 80%| over
//    horizons 1, 2, 3 in the pooled validation; candidates within 1 point of the best are
//    tie-broken by the smaller median band width (log p90/p10). Refit the chosen candidate on
//    targets <= 2019: those quantiles are the constants.
//    --placement-grid runs the same grid for placements (training only) and adopts it only if its
//    selections' validation error is lower than POOLING's; it is not (POOLING is kept). A grid point
//    with tau2 = 0 gives every series weight 0 (0/0 for a series without noise is taken as 0, not
//    NaN: a first run without that guard scored NaN forecasts and chose tau2 = 0 spuriously).
// 3. Score once on the holdout (origin 2019, targets 2020-2022), methods on the same forecasts.
import "./help.mjs";
import { backtestSeries } from "@hnb/io";
import { HOLDOUT_METHODS, PLACEMENT_LEVEL, POOLING, rollingOrigin } from "@hnb/model";
import { levelConstants, ownTrend } from "@hnb/model/internal";
import {
  compoundPath,
  FIRST_ORIGIN,
  forecastRecords,
  growthsOver,
  HOLDOUT,
  loadRelease,
  log,
  median,
  pct,
  pooledRatesFrom,
  quantile,
  referenceTrend,
  VALIDATION,
  variance,
} from "./study-common.mjs";

const { data, referenceSeries, reference } = await loadRelease();

// ---------- pooled growth with given constants (mirrors packages/model/src/growth/pooling.ts) ----------
function madVariance(g, v0) {
  if (g.length < 2) return v0;
  const m = median(g);
  return (1.4826 * median(g.map((x) => Math.abs(x - m)))) ** 2;
}
function pooledRates(points, known, horizon, K) {
  const base = points[points.length - 1];
  const origin = base.year;
  const noise = variance(growthsOver(points, origin, K.noiseYears), K.v0);
  const { own, span } = ownTrend(points, origin, K.ownYears);
  const ref = referenceTrend(known, origin, K.referenceYears) ?? own ?? 0;
  return pooledRatesFrom(ref, own, noise, span, horizon, K);
}

// ---------- forecasts ----------
const SCALES = {
  v6: (pts, o, v0) => variance(growthsOver(pts, o, 6), v0),
  v4: (pts, o, v0) => variance(growthsOver(pts, o, 4), v0),
  v3: (pts, o, v0) => variance(growthsOver(pts, o, 3), v0),
  mad6: (pts, o, v0) => madVariance(growthsOver(pts, o, 6), v0),
  one: () => 1,
};

/** Every (series, origin) from FIRST_ORIGIN to HOLDOUT with a positive base, and its outcomes. */
function cases(series) {
  const out = [];
  for (const s of series) {
    const pts = s.points;
    for (let o = 0; o < pts.length - 1; o++) {
      const origin = pts[o];
      if (origin.year < FIRST_ORIGIN || origin.year > HOLDOUT || origin.count <= 0) continue;
      const fitted = pts.slice(0, o + 1);
      const outcomes = [];
      for (const h of [1, 2, 3]) {
        const a = pts.find((p) => p.year === origin.year + h);
        if (a && a.count > 0) outcomes.push({ h, actual: a.count });
      }
      if (!outcomes.length) continue;
      const scales = Object.fromEntries(
        Object.entries(SCALES).map(([k, f]) => [k, f(fitted, origin.year, POOLING.v0)]),
      );
      out.push({
        key: s.key,
        origin: origin.year,
        base: origin.count,
        fitted,
        known: referenceSeries.filter((p) => p.year <= origin.year),
        outcomes,
        scales,
      });
    }
  }
  return out;
}

/** Forecast records of pooled growth with constants K over the cases. */
const recordCache = new Map();
function records(level, cs, K) {
  const id = `${level}|${JSON.stringify(K, (_, v) => (v === Infinity ? "inf" : v))}`;
  const hit = recordCache.get(id);
  if (hit) return hit;
  const out = [];
  for (const c of cs) {
    const path = compoundPath(c.base, pooledRates(c.fitted, c.known, 3, K));
    out.push(
      ...forecastRecords(c, path, (forecast, actual) => ({ lr: log(actual / forecast), scales: c.scales })),
    );
  }
  recordCache.set(id, out);
  return out;
}

// ---------- naive methods and the common set (as `hnb backtest` compares them) ----------
function naive(series) {
  const recs = rollingOrigin(series, {
    reference,
    referenceSeries,
    firstOrigin: FIRST_ORIGIN,
    lastOrigin: HOLDOUT,
    methods: HOLDOUT_METHODS,
  });
  const methods = new Set(recs.map((r) => r.method));
  const count = new Map();
  const k = (r) => `${r.series}|${r.origin}|${r.horizon}`;
  for (const r of recs) count.set(k(r), (count.get(k(r)) ?? 0) + 1);
  const common = new Set([...count].filter(([, n]) => n === methods.size).map(([key]) => key));
  return { recs, common, k };
}

const mdape = (recs, h) => median(recs.filter((r) => r.h === h).map((r) => r.ape));
const meanMdape = (recs) => [1, 2, 3].map((h) => mdape(recs, h)).reduce((a, b) => a + b, 0) / 3;

// ---------- 1. point constants ----------
const GRID = [];
for (const ownYears of [3, 4, 5])
  for (const referenceYears of [3, 5])
    for (const damping of [0.2, 0.4, 0.6, 0.8, 1])
      for (const tau2 of [0, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, Infinity])
        GRID.push({ ...POOLING, ownYears, referenceYears, damping, tau2, c: 2, noiseYears: 6 });
const K_PLACEMENT = PLACEMENT_LEVEL;

function selectGrid(level, cs, upTo) {
  let best;
  for (const K of GRID) {
    const known = records(level, cs, levelConstants(K)).filter((r) => r.target <= upTo);
    const e = meanMdape(known);
    if (!best || e < best.e) best = { K: levelConstants(K), e };
  }
  return best;
}
const atOrigin = (recs, O) => recs.filter((r) => r.origin === O && r.target <= HOLDOUT);

// ---------- 2. band models ----------
const BAND_MODELS = [];
for (const scale of Object.keys(SCALES))
  for (const window of [1, 2, 3, Infinity]) BAND_MODELS.push({ scale, window });
const bandName = (m) => `${m.scale}, targets of last ${m.window === Infinity ? "all" : m.window} yr`;

function fitBands(model, recs, upTo) {
  const fit = recs.filter((r) => r.target <= upTo && r.target > upTo - model.window);
  return [1, 2, 3].map((h) => {
    const z = fit
      .filter((r) => r.h === h)
      .map((r) => r.lr / Math.sqrt(h * r.scales[model.scale]))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return z.length ? [quantile(z, 0.1), quantile(z, 0.9)] : [Number.NaN, Number.NaN];
  });
}
function bandScore(model, q, recs) {
  return [1, 2, 3].map((h) => {
    const rs = recs.filter((r) => r.h === h);
    let inside = 0;
    const widths = [];
    for (const r of rs) {
      const s = Math.sqrt(h * r.scales[model.scale]);
      const [lo, hi] = q[h - 1];
      if (r.lr >= lo * s && r.lr <= hi * s) inside++;
      widths.push((hi - lo) * s);
    }
    return { h, n: rs.length, coverage: inside / rs.length, width: median(widths) };
  });
}

/** Pooled validation coverage and width of a band model, refitted at each validation origin. */
function validateBands(model, recsAt) {
  const cells = [1, 2, 3].map(() => ({ n: 0, inside: 0, widths: [] }));
  for (const O of VALIDATION) {
    const recs = recsAt(O);
    const q = fitBands(model, recs, O);
    for (const s of bandScore(model, q, atOrigin(recs, O))) {
      const c = cells[s.h - 1];
      if (!s.n) continue;
      c.inside += s.coverage * s.n;
      c.n += s.n;
      c.widths.push(...Array(s.n).fill(s.width));
    }
  }
  return cells.map((c, i) => ({ h: i + 1, n: c.n, coverage: c.inside / c.n, width: median(c.widths) }));
}
function chooseBands(recsAt) {
  const scored = BAND_MODELS.map((m) => {
    const v = validateBands(m, recsAt);
    return {
      m,
      v,
      worst: Math.max(...v.map((c) => Math.abs(c.coverage - 0.8))),
      width: median(v.map((c) => c.width)),
    };
  });
  const bestWorst = Math.min(...scored.map((s) => s.worst));
  const near = scored.filter((s) => s.worst <= bestWorst + 0.01).sort((a, b) => a.width - b.width);
  return { scored, chosen: near[0] };
}

// ---------- run ----------
const print = (s = "") => console.log(s);
print(
  "Rule: see the header of scripts/study-pooling.mjs (nested as-known validation at origins 2016-2018, targets <= 2019; holdout scored once).",
);
const levels = {};
for (const level of ["placement", "total"]) {
  const series = backtestSeries(data, { level });
  const cs = cases(series);
  const nv = naive(series);
  // Check: the mirror with POOLING reproduces the package's `auto` exactly.
  const mine = new Map(
    records(level, cs, K_PLACEMENT).map((r) => [`${r.key}|${r.origin}|${r.h}`, r.forecast]),
  );
  let worst = 0;
  for (const r of nv.recs.filter((r) => r.method === "auto"))
    worst = Math.max(worst, Math.abs((mine.get(nv.k(r)) ?? Number.NaN) / r.forecast - 1));
  if (!(worst < 1e-9)) throw new Error(`mirror of pooledGrowth differs from the package (${worst})`);
  levels[level] = { series, cs, nv };
}

// 1. totals' point constants.
print("\n== 1. Point constants for authority totals (nested: selected on targets <= O, scored at O) ==");
const tot = levels.total;
const validation = { grid: [], pooling: [], placementAuto: [] };
const selections = {};
for (const O of VALIDATION) {
  const sel = selectGrid("total", tot.cs, O);
  selections[O] = sel.K;
  validation.grid.push(...atOrigin(records("total", tot.cs, sel.K), O));
  validation.pooling.push(...atOrigin(records("total", tot.cs, K_PLACEMENT), O));
  validation.placementAuto.push(...atOrigin(records("placement", levels.placement.cs, K_PLACEMENT), O));
  print(`  selected on targets <= ${O}: ${JSON.stringify(sel.K)} (known mean MdAPE ${pct(sel.e)}%)`);
}
const naiveAt = (lvl, method, filter) =>
  lvl.nv.recs
    .filter((r) => r.method === method && filter(r))
    .map((r) => ({ key: r.series, origin: r.origin, h: r.horizon, ape: r.ape }));
const inValidation = (r) => VALIDATION.includes(r.origin) && r.origin + r.horizon <= HOLDOUT;
const table = (rows) => {
  for (const [name, recs] of rows)
    print(
      `  ${name.padEnd(26)} ${[1, 2, 3].map((h) => `${pct(mdape(recs, h)).padStart(5)}% (n ${String(recs.filter((r) => r.h === h).length).padStart(4)})`).join("  ")}`,
    );
};
const commonFilter = (lvl, recs) => recs.filter((r) => lvl.nv.common.has(`${r.key}|${r.origin}|${r.h}`));
print("  validation MdAPE at 1/2/3 years (origins 2016-2018, targets <= 2019, same forecasts):");
table([
  ["grid (selected at each O)", commonFilter(tot, validation.grid)],
  ["POOLING (placement)", commonFilter(tot, validation.pooling)],
  ...["flat", "last", "cagr-3", "cagr-5", "ols-5", "reference-5"].map((m) => [
    m,
    commonFilter(tot, naiveAt(tot, m, inValidation)),
  ]),
]);
const useGrid =
  meanMdape(commonFilter(tot, validation.grid)) < meanMdape(commonFilter(tot, validation.pooling));
const finalTotal = useGrid ? selectGrid("total", tot.cs, HOLDOUT).K : K_PLACEMENT;
print(
  `  => totals use ${useGrid ? "the grid" : "POOLING"}; final constants (targets <= 2019): ${JSON.stringify(finalTotal, (_, v) => (v === Infinity ? "inf" : v))}`,
);

print("\n  placements, for reference: validation MdAPE at 1/2/3 years (POOLING is not re-chosen):");
table([
  ["auto (POOLING)", commonFilter(levels.placement, validation.placementAuto)],
  ...["flat", "last", "cagr-3", "cagr-5", "ols-5", "reference-5"].map((m) => [
    m,
    commonFilter(levels.placement, naiveAt(levels.placement, m, inValidation)),
  ]),
]);

// 1b. Not part of the rule and never scored on the holdout: what the same nested selection makes of
// the placement growth constants, now that the backtest reads England's trend over its last three
// years as scenarios do (before, a newest-first national series made it read 2010 to the origin).
if (process.argv.includes("--placement-grid")) {
  const pl = levels.placement;
  const grid = [];
  for (const O of VALIDATION) {
    const sel = selectGrid("placement", pl.cs, O);
    print(`  placements, selected on targets <= ${O}: ${JSON.stringify(sel.K)}`);
    grid.push(...atOrigin(records("placement", pl.cs, sel.K), O));
  }
  table([["grid (selected at each O)", commonFilter(pl, grid)]]);
  print(`  selected on targets <= 2019: ${JSON.stringify(selectGrid("placement", pl.cs, HOLDOUT).K)}`);
}

// 2. band models.
const chosenBands = {};
for (const level of ["placement", "total"]) {
  const lvl = levels[level];
  const Kat = (O) => (level === "total" && useGrid ? selections[O] : K_PLACEMENT);
  const recsAt = (O) => records(level, lvl.cs, Kat(O));
  const { scored, chosen } = chooseBands(recsAt);
  print(`\n== 2. Band models, ${level} (validation coverage at 1/2/3 years, median width) ==`);
  for (const s of scored.sort((a, b) => a.worst - b.worst))
    print(
      `  ${bandName(s.m).padEnd(30)} ${s.v.map((c) => `${pct(c.coverage)}%`).join(" / ")}  (n ${s.v.map((c) => c.n).join("/")})  worst |cov-80| ${pct(s.worst)}  width ${s.width.toFixed(3)}`,
    );
  const K = level === "total" ? finalTotal : K_PLACEMENT;
  const q = fitBands(chosen.m, records(level, lvl.cs, K), HOLDOUT);
  chosenBands[level] = { model: chosen.m, q, K };
  const fitN = [1, 2, 3].map(
    (h) =>
      records(level, lvl.cs, K).filter(
        (r) => r.h === h && r.target <= HOLDOUT && r.target > HOLDOUT - chosen.m.window,
      ).length,
  );
  print(`  fitted on ${fitN.join(" / ")} forecasts at 1 / 2 / 3 years`);
  print(
    `  => chosen: ${bandName(chosen.m)}; quantiles fitted on targets <= 2019: ${JSON.stringify(q.map((x) => x.map((y) => +y.toFixed(3))))}`,
  );
  // The current model, for comparison, in the same validation.
  const cur = scored.find((s) => s.m.scale === "v6" && s.m.window === Infinity);
  print(`  (current-style v6/all in validation: ${cur.v.map((c) => `${pct(c.coverage)}%`).join(" / ")})`);
}

// 3. the holdout, scored once.
if (process.argv.includes("--training-only")) process.exit(0);
print("\n== 3. Holdout: origin 2019, targets 2020-2022, every authority, methods on the same forecasts ==");
for (const level of ["placement", "total"]) {
  const lvl = levels[level];
  const { model, q, K } = chosenBands[level];
  const hold = commonFilter(
    lvl,
    records(level, lvl.cs, K).filter((r) => r.origin === HOLDOUT),
  );
  const cov = bandScore(model, q, hold);
  const current = commonFilter(
    lvl,
    records(level, lvl.cs, K_PLACEMENT).filter((r) => r.origin === HOLDOUT),
  );
  print(`  ${level}: median APE at 1 / 2 / 3 years`);
  const isHold = (r) => r.origin === HOLDOUT;
  const rows = [
    [`auto (study)`, hold],
    ...(level === "total" ? [["auto (POOLING, current)", current]] : []),
    ...["flat", "last", "cagr-3", "cagr-5", "ols-5", "reference-5", "combined"].map((m) => [
      m,
      commonFilter(lvl, naiveAt(lvl, m, isHold)),
    ]),
  ];
  table(rows);
  print(
    `  auto 10-90% coverage: ${cov.map((c) => `${pct(c.coverage)}%`).join(" / ")} (median width in log units ${cov.map((c) => c.width.toFixed(3)).join(" / ")})`,
  );
  const naiveBest = (h) =>
    Math.min(...["flat", "last", "cagr-3", "cagr-5", "ols-5"].map((m) => mdape(naiveAt(lvl, m, isHold), h)));
  const ref = (h) => mdape(naiveAt(lvl, "reference-5", isHold), h);
  const a = (h) => mdape(hold, h);
  const checks = [
    [`3 yr at least 1 point below best naive`, a(3) <= naiveBest(3) - 0.01],
    [`1, 2 yr no worse than best naive`, a(1) <= naiveBest(1) && a(2) <= naiveBest(2)],
    [`no worse than reference-5 at 1, 2, 3`, [1, 2, 3].every((h) => a(h) <= ref(h))],
    [`coverage 72-88% at 1, 2, 3`, cov.every((c) => c.coverage >= 0.72 && c.coverage <= 0.88)],
  ];
  for (const [name, ok] of checks) print(`    ${ok ? "MET   " : "NOT MET"} ${name}`);
}

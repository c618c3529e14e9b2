// Study for issue #13: would pooled `auto` do better pooling each placement-type series towards
// England's trend FOR THE SAME PLACEMENT TYPE (or a blend of that and England's total trend) than
// towards England's total trend, as it does today? Same protocol as scripts/study-pooling.mjs.
// Run after `pnpm build`:  node scripts/study-reference-type.mjs [DIR]   (default ../shared/data/sen2-2022)
// --training-only stops before the holdout.
//
// NATIONAL COUNTS BY PLACEMENT TYPE: read from the National rows of sen2_estab_caseload.csv
// (Total_all; establishment_type "Total" rows skipped, as the reader skips them for authorities),
// each establishment type mapped by the reader's own placementOfEstablishment (@hnb/io), so the
// national series carry exactly the definitions (and the definitional breaks) of the authority
// series they are a reference for. Readsen2Dir keeps only England's grand total, so the rows are
// read here; the sum of the authorities' parsed placement counts is printed beside them as a check.
//
// THE RULE (fixed before the holdout was scored; the holdout is scored once, at the end):
//
// Series and forecasts: every authority's placement-type series (backtestSeries, level placement),
// origins 2012 on, horizons 1-3; training = forecasts whose targets are January 2019 or earlier.
// Estimator: pooledGrowth mirrored (own log-linear trend over 3 years, noise over 6 years, c = 2,
// v0 = POOLING.v0), the reference trend being
//     g_ref = lambda * g_type + (1 - lambda) * g_total,
// g_total = England's total EHCP log-CAGR over `referenceYears` to the origin (as the package),
// g_type  = England's log-CAGR over `referenceYears` for the series' placement type, used only if
//           England's count of that type is positive in EVERY year of the window (origin -
//           referenceYears ... origin); otherwise g_type := g_total (post-16 before 2019-2020 windows,
//           which start from 0 before 2015). lambda = 0 is today's auto (checked: the mirror
//           reproduces the package's auto exactly).
// Candidates ("families"), each a set of constants:
//   current   POOLING as it stands (lambda 0, referenceYears 3, tau2 0.001219, damping 0.6): fixed.
//   type-fix  lambda 1 with POOLING's constants: fixed.
//   blend-fix lambda 0.5 with POOLING's constants: fixed.
//   total-grid lambda 0;             referenceYears 3/5, tau2 in {0, 1e-4, 3e-4, 0.001219, 3e-3,
//   type-grid  lambda 1;             1e-2, 3e-2, "own only"}, damping 0.2/0.4/0.6/0.8/1 (80 points each;
//   blend-grid lambda 0.25/0.5/0.75;  240 for the blend)
// Nested, as-known validation, exactly as study-pooling.mjs: for each validation origin O in 2016,
// 2017, 2018, a grid family selects the point with the lowest mean over horizons 1-3 of the median
// APE on the forecasts known at O (targets <= O, origins >= 2012), and is scored on the forecasts
// made at O whose targets are <= 2019 (O = 2016: 1-3 years; 2017: 1-2; 2018: 1). Fixed families are
// scored on the same forecasts. Validation error = mean over horizons 1-3 of the median APE on the
// common forecasts (those on which every HOLDOUT_METHODS method has a forecast, as `hnb backtest`).
// Choice: the family with the lowest validation error is "the chosen variant"; a grid family's final
// constants are its selection on targets <= 2019. The "same-type pooled" row of the holdout is the
// better (validation) of type-fix and type-grid; the "blend" row the better of blend-fix and
// blend-grid. Every family is scored on the holdout beside them (no further choice is made there).
// Naive reference-type-5: England's same-type 5-year CAGR applied to the series' own base count,
// where England's count of that type 5 years before the origin is positive; otherwise England's
// total 5-year CAGR (i.e. reference-5) - at origin 2019 that is post-16 only (England 2014 = 0).
// Scored on the holdout (origin 2019, targets 2020-2022, all authorities) once, all methods on the
// same (common) forecasts, against issue #13's targets: no worse than reference-5 at 1, 2 and 3
// years; 3 years at least 1 point below the best single-series naive (flat, last, cagr-3, cagr-5,
// ols-5); 1 and 2 years no worse than it.
//
// RESULT, first run (before the reader fix below; validation run first with --training-only, then
// the holdout scored once, 2022 release): validation chose `current` (mean MdAPE 20.5% vs type-grid
// 22.4, blend-grid 21.2, reference-5 21.0); holdout MdAPE 1/2/3 yr: current 11.1/16.7/21.9,
// type-grid 10.9/17.0/22.2, blend-grid 11.0/17.3/23.8, reference-5 9.9/15.1/20.5, flat
// 12.0/19.6/26.0 (n 860/850/849). No variant was no worse than reference-5 at any horizon.
// Found on the way: the reader mapped "Special - Academy" (2012-2016) and "Special - Free school"
// (2013-2016) to `other`, not `special`, so England's and every authority's special and other
// series broke at 2017 (England special 81,671 -> 103,646; other 25,247 -> 9,440). Fixed in
// packages/io/src/sen2/establishment-map.ts; re-run on the corrected data, validation again chooses
// `current` (mean MdAPE 17.8% vs reference-5 17.9, blend-fix 18.1, type-fix 18.5), and its holdout
// figures (now looked at twice, so no longer a clean test) are auto 10.7/16.2/20.8,
// reference-5 9.9/15.1/20.5: still not met.
import "./help.mjs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { backtestSeries, parseCsv, placementOfEstablishment, SEN2_PLACEMENTS } from "@hnb/io";
import { HOLDOUT_METHODS, PLACEMENT_LEVEL, POOLING, rollingOrigin } from "@hnb/model";
import { ownTrend } from "@hnb/model/internal";
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
  referenceTrend,
  VALIDATION,
  variance,
} from "./study-common.mjs";

const { dir, data, referenceSeries, reference } = await loadRelease();
const print = (s = "") => console.log(s);
const TYPES = SEN2_PLACEMENTS.map((p) => p.id);

// ---------- England by placement type ----------
const MISSING = new Set(["x", "z", "c", ":", "..", "low", "u", ""]);
const [header, ...rows] = parseCsv(await readFile(join(dir, "sen2_estab_caseload.csv"), "utf8"));
const col = Object.fromEntries(header.map((h, i) => [h.trim(), i]));
const england = new Map(TYPES.map((t) => [t, new Map()]));
for (const row of rows) {
  if (row[col.geographic_level] !== "National") continue;
  const type = row[col.establishment_type] ?? "";
  if (type === "Total") continue;
  const raw = (row[col.Total_all] ?? "").trim();
  if (MISSING.has(raw.toLowerCase())) continue;
  const year = Number(row[col.time_period]);
  const m = england.get(placementOfEstablishment(type));
  m.set(year, (m.get(year) ?? 0) + Number(raw));
}
const typeSeries = Object.fromEntries(
  TYPES.map((t) => [
    t,
    [...england.get(t).entries()].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
  ]),
);
// Check: the authorities' parsed placement counts summed (England up to suppression).
const years = [...data.national.keys()].sort((a, b) => a - b);
const laSum = new Map(TYPES.map((t) => [t, new Map()]));
for (const byYear of data.placements.values())
  for (const [year, byType] of byYear)
    for (const [t, v] of byType) if (v !== null) laSum.get(t).set(year, (laSum.get(t).get(year) ?? 0) + v);
print("England's EHCPs by placement type (National rows, the reader's mapping)");
print(`  ${"".padEnd(11)}${years.map((y) => String(y).padStart(8)).join("")}`);
for (const t of TYPES)
  print(`  ${t.padEnd(11)}${years.map((y) => String(england.get(t).get(y) ?? 0).padStart(8)).join("")}`);
const diffs = [];
for (const t of TYPES)
  for (const y of years) {
    const a = laSum.get(t).get(y) ?? 0;
    const n = england.get(t).get(y) ?? 0;
    if (a !== n) diffs.push(`${t} ${y}: National ${n}, authorities ${a}`);
  }
print(
  diffs.length
    ? `  sum of authorities differs from the National rows in ${diffs.length} cells: ${diffs.join("; ")}`
    : "  check: the sum of the authorities' parsed placement counts equals the National rows in every cell",
);
const sumCheck = years.map(
  (y) => TYPES.reduce((a, t) => a + (england.get(t).get(y) ?? 0), 0) - data.national.get(y),
);
print(`  sum of types minus England's total, by year: ${sumCheck.join(" ")}`);

// ---------- the pooled estimator with a chosen reference (mirrors packages/model/src/growth/pooling.ts) ----------
/** England's same-type log-CAGR over `years` to origin, only if every year of the window is positive. */
function typeTrend(series, origin, years) {
  const by = new Map(series.map((p) => [p.year, p.count]));
  for (let y = origin - years; y <= origin; y++) if (!((by.get(y) ?? 0) > 0)) return undefined;
  return (log(by.get(origin)) - log(by.get(origin - years))) / years;
}
function pooledRates(c, horizon, K) {
  const points = c.fitted;
  const origin = c.origin;
  const noise = variance(growthsOver(points, origin, K.noiseYears), K.v0);
  const { own, span } = ownTrend(points, origin, K.ownYears);
  const total = referenceTrend(c.known, origin, K.referenceYears);
  let refMixed = total;
  if (K.lambda > 0 && total !== undefined) {
    const type = typeTrend(c.knownType, origin, K.referenceYears) ?? total;
    refMixed = K.lambda * type + (1 - K.lambda) * total;
  }
  const ref = refMixed ?? own ?? 0;
  return pooledRatesFrom(ref, own, noise, span, horizon, K);
}

// ---------- forecasts ----------
const series = backtestSeries(data, { level: "placement" });
const typeOf = (key) => key.slice(key.lastIndexOf(" / ") + 3);
const cs = [];
for (const s of series) {
  const pts = s.points;
  const type = typeOf(s.key);
  for (let o = 0; o < pts.length - 1; o++) {
    const origin = pts[o];
    if (origin.year < FIRST_ORIGIN || origin.year > HOLDOUT || origin.count <= 0) continue;
    const outcomes = [];
    for (const h of [1, 2, 3]) {
      const a = pts.find((p) => p.year === origin.year + h);
      if (a && a.count > 0) outcomes.push({ h, actual: a.count });
    }
    if (!outcomes.length) continue;
    cs.push({
      key: s.key,
      type,
      origin: origin.year,
      base: origin.count,
      fitted: pts.slice(0, o + 1),
      known: referenceSeries.filter((p) => p.year <= origin.year),
      knownType: typeSeries[type].filter((p) => p.year <= origin.year),
      outcomes,
    });
  }
}
const ser = (K) => JSON.stringify(K, (_, v) => (v === Infinity ? "inf" : v));
const recordCache = new Map();
function records(K) {
  const id = ser(K);
  const hit = recordCache.get(id);
  if (hit) return hit;
  const out = [];
  for (const c of cs)
    out.push(...forecastRecords(c, compoundPath(c.base, pooledRates(c, 3, K)), () => ({ type: c.type })));
  recordCache.set(id, out);
  return out;
}
/** reference-type-5: England's same-type 5-year CAGR on the own base (England's total where the type's 5-year-back count is 0). */
function referenceType5() {
  const out = [];
  for (const c of cs) {
    const by = new Map(c.knownType.map((p) => [p.year, p.count]));
    const then = by.get(c.origin - 5) ?? 0;
    const now = by.get(c.origin) ?? 0;
    const rate = then > 0 && now > 0 ? (now / then) ** (1 / 5) - 1 : reference(c.origin, 5);
    if (rate === undefined) continue;
    const path = [1, 2, 3].map((h) => c.base * (1 + rate) ** h);
    out.push(...forecastRecords(c, path, () => ({ type: c.type })));
  }
  return out;
}

// ---------- naive methods and the common set ----------
const nvRecs = rollingOrigin(series, {
  reference,
  referenceSeries,
  firstOrigin: FIRST_ORIGIN,
  lastOrigin: HOLDOUT,
  methods: HOLDOUT_METHODS,
});
const kOf = (r) => `${r.key ?? r.series}|${r.origin}|${r.h ?? r.horizon}`;
const methodCount = new Set(nvRecs.map((r) => r.method)).size;
const cnt = new Map();
for (const r of nvRecs) cnt.set(kOf(r), (cnt.get(kOf(r)) ?? 0) + 1);
const common = new Set([...cnt].filter(([, n]) => n === methodCount).map(([k]) => k));
const onCommon = (recs) => recs.filter((r) => common.has(kOf(r)));
const naiveOf = (method) =>
  nvRecs
    .filter((r) => r.method === method)
    .map((r) => ({
      key: r.series,
      type: typeOf(r.series),
      origin: r.origin,
      h: r.horizon,
      target: r.origin + r.horizon,
      ape: r.ape,
    }));

// Check: the mirror with lambda 0 and POOLING reproduces the package's `auto` exactly.
const BASE = { lambda: 0, ...PLACEMENT_LEVEL };
{
  const mine = new Map(records(BASE).map((r) => [kOf(r), r.forecast]));
  let worst = 0;
  let n = 0;
  for (const r of nvRecs.filter((r) => r.method === "auto")) {
    worst = Math.max(worst, Math.abs((mine.get(kOf(r)) ?? Number.NaN) / r.forecast - 1));
    n++;
  }
  if (!(worst < 1e-9)) throw new Error(`mirror of pooledGrowth differs from the package (${worst})`);
  print(
    `\nMirror check: lambda 0 with POOLING reproduces the package's auto on all ${n} forecasts (max rel. diff ${worst.toExponential(1)}).`,
  );
}

const mdape = (recs, h) => median(recs.filter((r) => r.h === h).map((r) => r.ape));
const meanMdape = (recs) => [1, 2, 3].map((h) => mdape(recs, h)).reduce((a, b) => a + b, 0) / 3;
const atOrigin = (recs, O) => recs.filter((r) => r.origin === O && r.target <= HOLDOUT);

// ---------- families ----------
const TAU2 = [0, 1e-4, 3e-4, POOLING.tau2, 3e-3, 1e-2, 3e-2, Infinity];
const grid = (lambdas) => {
  const g = [];
  for (const lambda of lambdas)
    for (const referenceYears of [3, 5])
      for (const tau2 of TAU2)
        for (const damping of [0.2, 0.4, 0.6, 0.8, 1])
          g.push({ ...BASE, lambda, referenceYears, tau2, damping });
  return g;
};
const FAMILIES = {
  current: { fixed: BASE },
  "type-fix": { fixed: { ...BASE, lambda: 1 } },
  "blend-fix": { fixed: { ...BASE, lambda: 0.5 } },
  "total-grid": { grid: grid([0]) },
  "type-grid": { grid: grid([1]) },
  "blend-grid": { grid: grid([0.25, 0.5, 0.75]) },
};
function select(fam, upTo) {
  if (fam.fixed) return { K: fam.fixed };
  let best;
  for (const K of fam.grid) {
    const e = meanMdape(records(K).filter((r) => r.target <= upTo));
    if (!best || e < best.e) best = { K, e };
  }
  return best;
}
const short = (K) =>
  `lambda ${K.lambda}, refYears ${K.referenceYears}, tau2 ${K.tau2 === Infinity ? "own only" : K.tau2}, damping ${K.damping}`;

const table = (rows) => {
  print(`  ${"".padEnd(34)} ${[1, 2, 3].map((h) => `${h} yr MdAPE (n)`.padStart(17)).join(" ")}   mean`);
  for (const [name, recs] of rows)
    print(
      `  ${name.padEnd(34)} ${[1, 2, 3]
        .map((h) =>
          `${pct(mdape(recs, h)).padStart(5)}% (${String(recs.filter((r) => r.h === h).length).padStart(4)})`.padStart(
            17,
          ),
        )
        .join(" ")}  ${pct(meanMdape(recs)).padStart(5)}%`,
    );
};

print(
  "\n== Nested validation (selected on targets <= O, scored at O = 2016, 2017, 2018 with targets <= 2019) ==",
);
const validation = {};
for (const [name, fam] of Object.entries(FAMILIES)) {
  const recs = [];
  for (const O of VALIDATION) {
    const sel = select(fam, O);
    if (fam.grid)
      print(
        `  ${name.padEnd(11)} selected on targets <= ${O}: ${short(sel.K)} (known mean MdAPE ${pct(sel.e)}%)`,
      );
    recs.push(...atOrigin(records(sel.K), O));
  }
  validation[name] = onCommon(recs);
}
const inValidation = (r) => VALIDATION.includes(r.origin) && r.target <= HOLDOUT;
const rt5 = referenceType5();
table([
  ...Object.entries(validation).map(([n, r]) => [n, r]),
  ["reference-type-5", onCommon(rt5.filter(inValidation))],
  ...["reference-5", "flat", "last", "cagr-3", "cagr-5", "ols-5"].map((m) => [
    m,
    onCommon(naiveOf(m).filter(inValidation)),
  ]),
]);
const errs = Object.entries(validation).map(([n, r]) => [n, meanMdape(r)]);
const chosenName = errs.sort((a, b) => a[1] - b[1])[0][0];
const better = (a, b) => (meanMdape(validation[a]) <= meanMdape(validation[b]) ? a : b);
const typeName = better("type-fix", "type-grid");
const blendName = better("blend-fix", "blend-grid");
const finalK = Object.fromEntries(Object.entries(FAMILIES).map(([n, f]) => [n, select(f, HOLDOUT).K]));
print(`\n  => chosen variant: ${chosenName}; same-type pooled row: ${typeName}; blend row: ${blendName}`);
for (const [n, K] of Object.entries(finalK))
  print(`     final constants (targets <= 2019) ${n.padEnd(11)} ${short(K)}`);

// By placement type, validation (diagnostic: where the reference helps or hurts).
print("\n  validation mean MdAPE by placement type (diagnostic, not part of the choice):");
print(`  ${"".padEnd(18)}${TYPES.map((t) => t.padStart(11)).join("")}`);
for (const [n, recs] of [
  ["current", validation.current],
  [typeName, validation[typeName]],
  [blendName, validation[blendName]],
  ["reference-5", onCommon(naiveOf("reference-5").filter(inValidation))],
  ["reference-type-5", onCommon(rt5.filter(inValidation))],
])
  print(
    `  ${n.padEnd(18)}${TYPES.map((t) => `${pct(meanMdape(recs.filter((r) => r.type === t)))}%`.padStart(11)).join("")}`,
  );

// ---------- the holdout, scored once ----------
if (process.argv.includes("--training-only")) process.exit(0);
print(
  "\n== Holdout: origin 2019, targets 2020-2022, every authority's placement series, same (common) forecasts ==",
);
const isHold = (r) => r.origin === HOLDOUT;
const hold = (K) => onCommon(records(K).filter(isHold));
const holdRows = [
  ["current auto (package)", onCommon(naiveOf("auto").filter(isHold))],
  ["current auto (mirror)", hold(finalK.current)],
  [`same-type pooled (${typeName})`, hold(finalK[typeName])],
  [`blend (${blendName})`, hold(finalK[blendName])],
  ...Object.keys(FAMILIES)
    .filter((n) => ![typeName, blendName, "current"].includes(n))
    .map((n) => [`  other family: ${n}`, hold(finalK[n])]),
  ["reference-5", onCommon(naiveOf("reference-5").filter(isHold))],
  ["reference-type-5", onCommon(rt5.filter(isHold))],
  ...["flat", "last", "cagr-3", "cagr-5", "ols-5", "combined"].map((m) => [
    m,
    onCommon(naiveOf(m).filter(isHold)),
  ]),
];
table(holdRows);
const naiveBest = (h) =>
  Math.min(
    ...["flat", "last", "cagr-3", "cagr-5", "ols-5"].map((m) =>
      mdape(onCommon(naiveOf(m).filter(isHold)), h),
    ),
  );
const ref5 = (h) => mdape(onCommon(naiveOf("reference-5").filter(isHold)), h);
for (const [name, recs] of [
  [`chosen variant (${chosenName})`, hold(finalK[chosenName])],
  [`same-type pooled (${typeName})`, hold(finalK[typeName])],
  [`blend (${blendName})`, hold(finalK[blendName])],
  ["current auto", hold(finalK.current)],
]) {
  const a = (h) => mdape(recs, h);
  print(`  ${name}:`);
  for (const [what, ok] of [
    ["no worse than reference-5 at 1, 2, 3", [1, 2, 3].every((h) => a(h) <= ref5(h))],
    ["3 yr at least 1 point below best naive", a(3) <= naiveBest(3) - 0.01],
    ["1, 2 yr no worse than best naive", a(1) <= naiveBest(1) && a(2) <= naiveBest(2)],
  ])
    print(`    ${ok ? "MET    " : "NOT MET"} ${what}`);
}
print("\n  holdout mean MdAPE by placement type (diagnostic):");
print(`  ${"".padEnd(18)}${TYPES.map((t) => t.padStart(11)).join("")}`);
for (const [n, recs] of [
  ["current", hold(finalK.current)],
  [typeName, hold(finalK[typeName])],
  [blendName, hold(finalK[blendName])],
  ["reference-5", onCommon(naiveOf("reference-5").filter(isHold))],
  ["reference-type-5", onCommon(rt5.filter(isHold))],
  ["flat", onCommon(naiveOf("flat").filter(isHold))],
])
  print(
    `  ${n.padEnd(18)}${TYPES.map((t) => `${pct(meanMdape(recs.filter((r) => r.type === t)))}%`.padStart(11)).join("")}`,
  );

// The spread of new EHC plans' growth, which sets the EHCP level when a scenario has a `demand`
// section (docs/demand-flows.md): the simulation draws a constant shift in it once per path, with
// sd √(9a + b/n) / 3 (n the base year's new plans), as it draws each placement type's growth from
// its type's residuals (docs/accuracy.md). This script fits a and b and scores the bands.
// Run after `pnpm build`:
//   node scripts/study-newplans-bands.mjs [HISTORY_DIR] [--release OUTCOMES_DIR] [--paths N]
// (defaults $HNB_SHARED_DATA/sen2-2022 and $HNB_SHARED_DATA/sen2-2025-dev, HNB_SHARED_DATA
// defaulting to ../shared/data; --paths default 1000).
//
// WHAT IT FORECASTS. The new plans forecast `hnb import` writes (`demand.newPlans.growth: auto`):
// pooledGrowth of the authority's new plans (census Y counts the plans of calendar year Y−1, history
// from seven calendar years before the origin, as the import keeps) towards England's EHCP trend,
// the arithmetic packages/model/src/compile/demand-model.ts applies.
//
// 1. FIT (in-sample). Every authority of the 2022 release, origins January 2019–2021 (2019: the
//    first census after statements stopped being converted to plans, the rule TYPE_BANDS follows),
//    targets up to January 2022 (new plans of calendar 2021), one to three years ahead: the log
//    errors log(actual / forecast), and e² = h²·a + b/n fitted by least squares (fitVariance, a and
//    b kept non-negative). No scale is tuned. Coverage of the fitted 10–90% bands on these same
//    forecasts is in-sample. The fit must equal NEW_PLANS_BANDS in the model (else exit 1).
// 2. HOLDOUT (out of sample). Origin January 2022, history from the 2022 release only; outcomes the
//    new plans of calendar 2022–2024 (censuses 2023–2025) in the 2025 release's 77 development
//    authorities: how often the fitted band held them, and the errors' median and bias.
// 3. EHCP TOTALS (out of sample). For the same authorities, the scenario `hnb import` writes at
//    base 2022 from the 2022 release (every TODO filled with a harmless figure: unit costs 1, census
//    phasing, no income or lines, so a path's in-year balance is minus its EHCP total) is simulated
//    with N paths, seed 1: with new plans' growth drawn (now), and without (new plans' sd 0: before,
//    when only the placements' mix was drawn). Scored on the growth of the authority's EHCP total
//    from January 2022 to 2023–2025 in the 2025 release.
import "./help.mjs";
import { authorityHistory, readSen2Dir, scenarioSkeleton } from "@hnb/io";
import {
  fitVariance,
  NEW_PLANS_BANDS,
  newPlansGrowthSd,
  parseScenario,
  pooledGrowth,
  simulate,
} from "@hnb/model";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter(
  (a, i) => !a.startsWith("--") && !["--release", "--paths"].includes(args[i - 1]),
);
const shared = process.env.HNB_SHARED_DATA ?? new URL("../../shared/data", import.meta.url).pathname;
const historyDir = positional[0] ?? `${shared}/sen2-2022`;
const outcomesDir = flag("--release") ?? `${shared}/sen2-2025-dev`;
const PATHS = Number(flag("--paths") ?? 1000);

const read = (dir) =>
  readSen2Dir(dir).catch((e) => {
    process.stderr.write(
      `study-newplans-bands: ${e.message}\nusage: node scripts/study-newplans-bands.mjs [HISTORY_DIR] [--release OUTCOMES_DIR] [--paths N]\n`,
    );
    process.exit(1);
  });
const history = await read(historyDir);
const outcomes = await read(outcomesDir);
const england = [...history.national]
  .map(([year, count]) => ({ year, count }))
  .sort((a, b) => a.year - b.year);

const print = (s = "") => console.log(s);
const Z90 = 1.2815515655446004;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const pct = (x, d = 1) => (Number.isFinite(x) ? (100 * x).toFixed(d) : "-");
const pad = (s, n) => String(s).padStart(n);

/** New plans by census (calendar Y−1 arrives by census Y) up to the origin, as the import keeps them. */
function newPlansPoints(newPlans, origin) {
  return [...newPlans.entries()]
    .filter(([y, v]) => v !== null && v !== undefined && y >= origin - 7 && y < origin)
    .map(([y, v]) => ({ year: y + 1, count: v }))
    .sort((a, b) => a.year - b.year);
}

/** The new plans forecast at an origin, 1–3 years ahead, and the base count; undefined without one. */
function forecastAt(newPlans, origin) {
  const points = newPlansPoints(newPlans, origin);
  const base = points.at(-1);
  if (!base || base.year !== origin || !(base.count > 0)) return undefined;
  const g = pooledGrowth(
    points,
    england.filter((p) => p.year <= origin),
    3,
  );
  let f = base.count;
  return { base: base.count, path: g.rates.map((r) => (f *= 1 + r)) };
}

/** Log errors of every authority's forecast from the origins, targets up to lastTarget. */
function residualsOf(data, origins, lastTarget, outcome = (_authority, y, h) => h.newPlans.get(y - 1)) {
  const out = [];
  for (const authority of data.authorities) {
    const h = authorityHistory(data, authority);
    for (const origin of origins) {
      const f = forecastAt(h.newPlans, origin);
      if (!f) continue;
      for (const k of [1, 2, 3]) {
        const target = origin + k;
        const actual = outcome(authority, target, h);
        if (target > lastTarget || actual === null || actual === undefined || !(actual > 0)) continue;
        out.push({
          id: "newPlans",
          who: authority.name,
          origin,
          count: f.base,
          horizon: k,
          error: Math.log(actual / (f.path[k - 1] ?? Number.NaN)),
        });
      }
    }
  }
  return out;
}

const variance = (m, h, n) => h * h * m.a + m.b / Math.max(1, n);
function score(label, residuals, model) {
  print(label);
  print(`${"".padEnd(8)}${pad("n", 6)}${pad("median |e|", 12)}${pad("bias", 8)}${pad("10–90% held", 13)}`);
  for (const h of [1, 2, 3]) {
    const rs = residuals.filter((r) => r.horizon === h);
    if (!rs.length) continue;
    const held = rs.filter((r) => Math.abs(r.error) <= Z90 * Math.sqrt(variance(model, h, r.count))).length;
    print(
      `${`${h} yr`.padEnd(8)}${pad(rs.length, 6)}${pad(`${pct(median(rs.map((r) => Math.abs(r.error))))}%`, 12)}${pad(`${pct(median(rs.map((r) => r.error)))}%`, 8)}${pad(`${pct(held / rs.length)}%`, 13)}`,
    );
  }
}

// ---------- 1. the fit (in-sample) ----------
const FOOTNOTE =
  "   (e = log(actual / forecast); bias: the median e, above 0 where outcomes came in above the forecast)";
const fitted = residualsOf(history, [2019, 2020, 2021], 2022);
const model = fitVariance(fitted);
print(
  "1. Fit: new plans' log errors, 2022 release, every authority, origins 2019–2021, targets to January 2022",
);
print(
  `   ${fitted.length} forecasts; e² = h²·a + b/n: a = ${model.a.toPrecision(6)}, b = ${model.b.toPrecision(6)}`,
);
const shipped = NEW_PLANS_BANDS.pooled;
const same = Math.abs(model.a - shipped.a) < 1e-12 && Math.abs(model.b - shipped.b) < 1e-9;
print(`   the model's NEW_PLANS_BANDS: ${same ? "the same" : `DIFFERENT (a ${shipped.a}, b ${shipped.b})`}`);
print(
  `   the simulation's sd (newPlansGrowthSd) at n = 100, 300, 1,000, 3,000 new plans a year: ${[100, 300, 1000, 3000].map((n) => pct(newPlansGrowthSd(n), 2)).join(", ")} points a year`,
);
score("   In-sample (the forecasts fitted on):", fitted, model);
print(FOOTNOTE);

// ---------- 2. the holdout: origin 2022, outcomes from the 2025 release ----------
const outcomeCodes = new Set(outcomes.authorities.map((a) => a.newCode));
const developed = {
  ...history,
  authorities: history.authorities.filter((a) => outcomeCodes.has(a.newCode)),
};
const later = (authority, target) => outcomes.newPlans.get(authority.newCode)?.get(target - 1) ?? undefined;
const holdout = residualsOf(developed, [2022], 2025, later);
print();
print(
  `2. Holdout: origin 2022 (history from the 2022 release), new plans of calendar 2022–2024 in the 2025 release, ${new Set(holdout.map((r) => r.who)).size} development authorities`,
);
score("   Out of sample:", holdout, model);
print(FOOTNOTE);
const wild = holdout.filter((r) => Math.abs(r.error) > 1).map((r) => `${r.who} ${r.origin + r.horizon - 1}`);
if (wild.length) print(`   errors beyond ±100% in logs (likely recording breaks): ${wild.join(", ")}`);

// ---------- 3. EHCP totals: the imported scenario's bands, with and without new plans drawn ----------
function fillTodos(node, path = []) {
  if (typeof node === "string" && node.startsWith("TODO")) {
    const key = path[path.length - 1];
    if (key === "unitCost") return 1;
    if (key === "count") throw new Error("suppressed base count");
    if (key === "sd") return 0.05;
    return 0;
  }
  if (Array.isArray(node)) return node.map((v, i) => fillTodos(v, [...path, i]));
  if (node && typeof node === "object")
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillTodos(v, [...path, k])]));
  return node;
}
/** p10/p90 of the EHCP total's growth from the base, by horizon: minus the in-year balance (census phasing, unit cost 1). */
function totalBands(raw) {
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  const u = simulate(parsed.scenario, { paths: PATHS, seed: 1 });
  const rows = u.ledger.filter((r) => r.measure === "inYear" && r.forecast === "unmitigated");
  const base = -(rows[0]?.p50 ?? Number.NaN);
  return rows.slice(1).map((r) => ({ p10: -r.p90 / base, p50: -r.p50 / base, p90: -r.p10 / base }));
}
const totals = { now: [], before: [] };
const skipped = [];
for (const authority of developed.authorities) {
  const h = authorityHistory(history, authority);
  let raw;
  try {
    raw = fillTodos(scenarioSkeleton(h, { baseYear: 2022, horizon: 3 }, history));
  } catch (e) {
    skipped.push(
      `${authority.name} (${e.message.includes("no figures for the base year") ? "no 2022 census" : e.message})`,
    );
    continue;
  }
  if (!raw.demand) {
    skipped.push(`${authority.name} (no demand section)`);
    continue;
  }
  raw.phasing = "census";
  raw.lines = [];
  raw.staffing = [];
  const actual = outcomes.totals.get(authority.newCode);
  const base = actual?.get(2022);
  if (!base) {
    skipped.push(`${authority.name} (no 2022 total in the 2025 release)`);
    continue;
  }
  const runs = {
    now: totalBands(raw),
    before: totalBands({
      ...raw,
      uncertainty: { ...raw.uncertainty, newPlansGrowth: { distribution: "normal", sd: 0 } },
    }),
  };
  for (const k of [1, 2, 3]) {
    const a = actual.get(2022 + k);
    if (!a) continue;
    const g = a / base;
    for (const [name, b] of Object.entries(runs)) {
      const band = b[k - 1];
      totals[name].push({
        who: authority.name,
        horizon: k,
        held: g >= band.p10 && g <= band.p90,
        width: Math.log(band.p90 / band.p10),
      });
    }
  }
}
print();
print(
  `3. EHCP totals: the imported scenario at base January 2022 (2022 release), ${PATHS} paths, seed 1; outcomes January 2023–2025 (2025 release), ${new Set(totals.now.map((r) => r.who)).size} authorities${skipped.length ? ` (left out: ${skipped.join(", ")})` : ""}`,
);
print(
  `${"".padEnd(8)}${pad("n", 5)}${pad("held, now", 11)}${pad("width, now", 12)}${pad("held, mix only", 16)}${pad("width, mix only", 17)}`,
);
for (const k of [1, 2, 3]) {
  const now = totals.now.filter((r) => r.horizon === k);
  const before = totals.before.filter((r) => r.horizon === k);
  if (!now.length) continue;
  const held = (rs) => `${pct(rs.filter((r) => r.held).length / rs.length)}%`;
  const width = (rs) => `${pct(median(rs.map((r) => r.width)))}%`;
  print(
    `${`${k} yr`.padEnd(8)}${pad(now.length, 5)}${pad(held(now), 11)}${pad(width(now), 12)}${pad(held(before), 16)}${pad(width(before), 17)}`,
  );
}
print("   (width: the median of log(p90 / p10) of the total, in %)");
if (!same) process.exit(1);

// Study of the stock-flow demand model against the growth methods on authority EHCP totals
// (issue #17, item 5). Run after `pnpm build`:  node scripts/study-flows.mjs [DIR] [--list]
// (default DIR ../shared/data/sen2-2022; --list prints every authority's errors).
//
// WHAT IT MEASURES. For every authority, the scenario `hnb import` would write (scenarioSkeleton
// with baseYear = origin, every "TODO" money input replaced by a harmless number: unit costs 1,
// inflation 0, income 0, opening balance 0, a TODO growth 0) is forecast with `forecast`; the
// authority's EHCP total is the sum of the skeleton's placement counts (every category but NONE),
// compared with the same placement types summed in the actual later census. Methods, all on the
// same authorities and targets:
//   flow        the scenario as imported, with its `demand` section (new plans projected by pooled
//               auto, one cessation rate estimated from the age history, ageing 1/band width)
//   flow-np0    the same with demand.newPlans.growth = 0 (new plans held at their base-year level)
//   growth      the same scenario without `demand` (pooled auto growth per placement type)
//   ref-5       England's 5-year CAGR to the origin applied to the authority's base total
//   flat        the base total
//   cagr-3      the authority total's own 3-year CAGR to the origin
//   flow-npx    DIAGNOSTIC, not a forecast: the flow model given the actual later new plans (their
//               growth set year by year to what happened), so what is left is the cessation/ageing
//               part's error; it splits the flow model's error between new plans and cessations
// Error: absolute percentage error |forecast / actual - 1|, median and mean by horizon.
//
// WHY THE HOLDOUT IS TINY. The flow model needs two censuses with age bands that new plans explain:
// the import leaves out censuses before 2019 (FIRST_FLOW_CENSUS: until March 2018 statements were
// converted to EHC plans, so stock moved by far more than new plans less cessations). The 2022
// release ends at the January 2022 census, so the only origins are 2020 (targets 2021, 2022: horizons
// 1 and 2) and 2021 (target 2022: horizon 1). That is three origin-target pairs per authority, all in
// the Covid years, with cessations estimated from one (origin 2020) or two (origin 2021) years of
// flows. Horizon 2 rests on one origin. Treat the comparison as indicative, not as a calibration.
//
// It also reports the estimated cessation rates (median, 10th/90th percentiles, how many were
// clamped at 0 because the stock grew by more than new plans explain), the raw (unclamped) rates,
// and the distribution of the flow model's implied one-year growth against the other methods'.
import "./help.mjs";
import { authorityHistory, nationalReference, readSen2Dir, scenarioSkeleton } from "@hnb/io";
import { forecast, parseScenario } from "@hnb/model";

const args = process.argv.slice(2);
const dir =
  args.find((a) => !a.startsWith("--")) ?? new URL("../../shared/data/sen2-2022", import.meta.url).pathname;
const LIST = args.includes("--list");
// The 2022 release is not in the repository: without it, say where to put it instead of a stack trace.
const data = await readSen2Dir(dir).catch((error) => {
  process.stderr.write(
    `study-flows: ${error.message}\nusage: node scripts/study-flows.mjs [DIR] [--list]: DIR holds the DfE SEN2 2022 release's CSV files (read: ${dir})\n`,
  );
  process.exit(1);
});
const reference = nationalReference(data);
const ORIGINS = [2020, 2021];
const LAST = 2022;
const METHODS = ["flow", "flow-np0", "growth", "ref-5", "flat", "cagr-3", "flow-npx"];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
};
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const pct = (x, d = 1) => (Number.isFinite(x) ? `${(100 * x).toFixed(d)}` : "-");
const pad = (s, n) => String(s).padStart(n);

// Replace every "TODO: …" string by a harmless number chosen from its path (only counts matter).
function fillTodos(node, path = []) {
  if (typeof node === "string" && node.startsWith("TODO")) {
    const key = path[path.length - 1];
    if (key === "unitCost") return 1;
    if (key === "count") throw new Error("suppressed base count");
    return 0; // inflation, income amounts and growth, opening balance, placement growth
  }
  if (Array.isArray(node)) return node.map((v, i) => fillTodos(v, [...path, i]));
  if (node && typeof node === "object")
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillTodos(v, [...path, k])]));
  return node;
}

// Driven (non-NONE) placement total by census from a forecast.
function totalsByCensus(result) {
  const out = new Map();
  for (const r of result.unmitigated.placements)
    if (r.category !== "NONE") out.set(r.census, (out.get(r.census) ?? 0) + r.count);
  return out;
}

function run(raw) {
  const parsed = parseScenario(raw);
  if (!parsed.ok)
    throw new Error(parsed.problems.map((p) => `${p.path?.join?.(".")}: ${p.message}`).join("; "));
  return forecast(parsed.scenario);
}

const records = []; // { name, origin, target, h, actual, forecasts: {method: value} }
const skipped = new Map(); // reason -> [name@origin]
const skip = (reason, who) => {
  if (!skipped.has(reason)) skipped.set(reason, []);
  skipped.get(reason).push(who);
};
const cessation = []; // { name, origin, rate, raw, clamped, level, years }
const residuals = []; // { name, census, opening, newPlans, closing, ceased, rate }
const scales = []; // placement total / age-table total at the origin
const npGrowth = []; // the pooled auto growth of new plans, first year
const oneYear = { flow: [], "flow-np0": [], growth: [], "ref-5": [], "cagr-3": [] };
const errors = [];

for (const authority of data.authorities) {
  const history = authorityHistory(data, authority);
  for (const origin of ORIGINS) {
    const who = `${authority.name}@${origin}`;
    if (!history.years.includes(origin)) {
      skip("no census at the origin (authority created or abolished)", who);
      continue;
    }
    let raw;
    try {
      raw = fillTodos(scenarioSkeleton(history, { baseYear: origin }, data));
    } catch (e) {
      skip(
        e.message === "suppressed base count"
          ? "a base placement count suppressed"
          : `skeleton: ${e.message}`,
        who,
      );
      continue;
    }
    if (!raw.demand) {
      const at = (y) => history.years.indexOf(y);
      const agesAt = (y) => at(y) >= 0 && Object.values(history.byAge).every((c) => c[at(y)] != null);
      const why = !agesAt(origin)
        ? "no age bands at the origin census"
        : !agesAt(origin - 1)
          ? "no age bands at the census before the origin"
          : "no new plans for the two calendar years before the origin";
      skip(`no demand section: ${why}`, who);
      continue;
    }
    const ids = raw.placements.map((p) => p.id);
    const actualSum = (year) => {
      const i = history.years.indexOf(year);
      if (i < 0) return undefined;
      let s = 0;
      for (const p of history.byPlacement) {
        if (!ids.includes(p.id)) continue;
        const v = p.counts[i];
        if (v === null || v === undefined) return undefined;
        s += v;
      }
      return s;
    };
    const base = actualSum(origin);
    const before3 = actualSum(origin - 3);
    let flow;
    let flowNp0;
    let flowNpx;
    let growth;
    try {
      flow = run(raw);
      flowNp0 = run({ ...raw, demand: { ...raw.demand, newPlans: { ...raw.demand.newPlans, growth: 0 } } });
      // Actual new plans after the origin as census-year growth rates (calendar Y-1 -> census Y).
      const npAll = history.newPlans;
      const known = {};
      for (let c = origin + 1; c <= LAST; c++) {
        const a = npAll.get(c - 1);
        const b = npAll.get(c - 2);
        if (a != null && b != null && b > 0) known[String(c)] = a / b - 1;
      }
      if (Object.keys(known).length === LAST - origin)
        flowNpx = run({
          ...raw,
          demand: { ...raw.demand, newPlans: { ...raw.demand.newPlans, growth: known } },
        });
      const { demand: _d, ...noDemand } = raw;
      growth = run(noDemand);
    } catch (e) {
      skip("forecast failed (see --list)", who);
      errors.push(`${who}: ${e.message}`);
      continue;
    }
    const ft = totalsByCensus(flow);
    const f0 = totalsByCensus(flowNp0);
    const gt = totalsByCensus(growth);
    const fx = flowNpx ? totalsByCensus(flowNpx) : new Map();
    if (Math.abs((ft.get(origin) ?? base) - base) > 1e-6 || Math.abs((gt.get(origin) ?? base) - base) > 1e-6)
      errors.push(
        `${who}: base total differs (flow ${ft.get(origin)}, growth ${gt.get(origin)}, actual ${base})`,
      );

    const est = flow.demand?.estimates;
    const ce = est?.cessationEstimate;
    if (ce) {
      const w = ce.warnings.find((x) => x.band === "all");
      const rawRate = w ? w.estimate : ce.rate;
      cessation.push({
        who,
        origin,
        rate: ce.rate,
        raw: rawRate,
        clamped0: !!w && w.used === 0,
        clampedHi: !!w && w.used > 0,
        level: ce.level,
      });
    }
    if (est?.scale !== undefined) scales.push(est.scale);
    if (est?.growth) npGrowth.push(est.growth);
    // Raw yearly residual evidence, for the data check (every pair, clamped or not), from origin 2021.
    if (origin === LAST - 1) {
      const np = raw.flows?.newPlans ?? {};
      const hs = raw.demand.history;
      for (const c of [origin - 1, origin]) {
        const s0 = hs[String(c - 1)];
        const s1 = hs[String(c)];
        const n = np[String(c - 1)];
        if (!s0 || !s1 || n === undefined) continue;
        const tot = (v) => Object.values(v).reduce((a, b) => a + b, 0);
        const leaving = s0.age20to25 !== undefined ? s0.age20to25 / 6 : 0;
        residuals.push({
          who: authority.name,
          census: c,
          opening: tot(s0) - leaving,
          newPlans: n,
          closing: tot(s1),
          ceased: tot(s0) + n - tot(s1) - leaving,
          yearly: true,
        });
      }
    }

    const r5 = reference(origin, 5);
    const c3 = base !== undefined && before3 ? (base / before3) ** (1 / 3) - 1 : undefined;
    if (ft.get(origin + 1) !== undefined) {
      oneYear.flow.push(ft.get(origin + 1) / base - 1);
      oneYear["flow-np0"].push(f0.get(origin + 1) / base - 1);
      oneYear.growth.push(gt.get(origin + 1) / base - 1);
      if (r5 !== undefined) oneYear["ref-5"].push(r5);
      if (c3 !== undefined) oneYear["cagr-3"].push(c3);
    }
    for (let target = origin + 1; target <= LAST; target++) {
      const actual = actualSum(target);
      const h = target - origin;
      if (actual === undefined || actual <= 0) {
        skip(`no actual total at the target (h=${h})`, `${who}->${target}`);
        continue;
      }
      if (r5 === undefined || c3 === undefined) {
        skip("no 3-year history for cagr-3 or no England reference", `${who}->${target}`);
        continue;
      }
      records.push({
        who,
        origin,
        target,
        h,
        actual,
        forecasts: {
          flow: ft.get(target),
          "flow-np0": f0.get(target),
          growth: gt.get(target),
          "ref-5": base * (1 + r5) ** h,
          flat: base,
          "cagr-3": base * (1 + c3) ** h,
          "flow-npx": fx.get(target) ?? Number.NaN,
        },
      });
    }
  }
}

// ---------------- report ----------------
const line = (s = "") => console.log(s);
line(
  `Flow model vs growth methods on authority EHCP totals — SEN2 2022 release, ${data.authorities.length} authorities`,
);
line(`Origins ${ORIGINS.join(", ")}; targets up to ${LAST}. APE = |forecast/actual - 1|, %.`);
line();
const ape = (r, m) => Math.abs(r.forecasts[m] / r.actual - 1);
const fin = (xs) => xs.filter(Number.isFinite);
const table = (title, filter) => {
  line(title);
  line(`${"".padEnd(14)}${METHODS.map((m) => pad(m, 10)).join("")}`);
  for (const h of [1, 2]) {
    const rs = records.filter((r) => r.h === h && filter(r));
    if (!rs.length) continue;
    line(
      `h=${h} n=${String(rs.length).padEnd(4)} median${METHODS.map((m) => pad(pct(median(fin(rs.map((r) => ape(r, m))))), 10)).join("")}`,
    );
    line(
      `${"".padEnd(10)}  mean${METHODS.map((m) => pad(pct(mean(fin(rs.map((r) => ape(r, m))))), 10)).join("")}`,
    );
    const nx = fin(rs.map((r) => ape(r, "flow-npx"))).length;
    if (nx !== rs.length)
      line(`${"".padEnd(10)}  (flow-npx on ${nx} of ${rs.length}: actual new plans missing)`);
    line(
      `${"".padEnd(10)}   p90${METHODS.map((m) => pad(pct(quantile(fin(rs.map((r) => ape(r, m))), 0.9)), 10)).join("")}`,
    );
    // signed bias: median of log(forecast/actual)
    line(
      `${"".padEnd(6)}bias(med)${METHODS.map((m) => pad(pct(median(fin(rs.map((r) => Math.log(r.forecasts[m] / r.actual))))), 10)).join("")}`,
    );
  }
  line();
};
table(
  "1. APE by horizon, all origins pooled (h=1: origins 2020 and 2021; h=2: origin 2020 only)",
  () => true,
);
for (const o of ORIGINS) table(`   origin ${o}`, (r) => r.origin === o);

// Head-to-head: share of forecasts where the flow model beats each method.
// Paired difference flow - other, with a bootstrap over authorities (forecasts of one authority
// resampled together: its origins share data), 2000 draws, fixed seed.
let seed = 17;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
line(
  "1b. Paired APE difference, flow minus other (points; negative = flow better), 90% bootstrap interval over authorities",
);
for (const h of [1, 2]) {
  const rs = records.filter((r) => r.h === h);
  const byAuth = new Map();
  for (const r of rs) {
    const a = r.who.split("@")[0];
    if (!byAuth.has(a)) byAuth.set(a, []);
    byAuth.get(a).push(r);
  }
  const groups = [...byAuth.values()];
  const parts = [];
  for (const m of ["growth", "ref-5", "cagr-3", "flow-np0"]) {
    const d = (xs) => xs.map((r) => ape(r, "flow") - ape(r, m));
    const stat = (xs) => [
      mean(d(xs)),
      median(xs.map((r) => ape(r, "flow"))) - median(xs.map((r) => ape(r, m))),
    ];
    const [m0, md0] = stat(rs);
    const bm = [];
    const bmd = [];
    for (let k = 0; k < 2000; k++) {
      const sample = [];
      for (let i = 0; i < groups.length; i++) sample.push(...groups[Math.floor(rand() * groups.length)]);
      const [a, b] = stat(sample);
      bm.push(a);
      bmd.push(b);
    }
    parts.push(
      `   h=${h} vs ${m.padEnd(8)} mean ${pad(pct(m0, 2), 6)} [${pct(quantile(bm, 0.05), 2)}, ${pct(quantile(bm, 0.95), 2)}]   median ${pad(pct(md0, 2), 6)} [${pct(quantile(bmd, 0.05), 2)}, ${pct(quantile(bmd, 0.95), 2)}]`,
    );
  }
  for (const p of parts) line(p);
}
line();

line("2. Head to head: share of (authority, origin, target) forecasts where flow has the lower APE");
for (const h of [1, 2]) {
  const rs = records.filter((r) => r.h === h);
  line(
    `h=${h} n=${rs.length}: ${METHODS.filter((m) => m !== "flow" && m !== "flow-npx")
      .map((m) => `vs ${m} ${pct(mean(rs.map((r) => (ape(r, "flow") < ape(r, m) ? 1 : 0))), 0)}%`)
      .join(", ")}`,
  );
}
line();

line("3. Skipped (authority@origin, or ->target for one target):");
for (const [reason, who] of skipped)
  line(`   ${String(who.length).padStart(3)}  ${reason}: ${who.join("; ")}`);
{
  const scored = new Set(records.map((r) => r.who.split("@")[0]));
  const in2022 = data.authorities
    .filter((a) => authorityHistory(data, a).years.includes(LAST))
    .map((a) => a.name);
  line(
    `   authorities with at least one scored forecast: ${scored.size} of ${in2022.length} in the ${LAST} census; not scored: ${in2022.filter((n) => !scored.has(n)).join("; ")}`,
  );
  line(
    "   (the 16 without a census at the origin are old or new codes of reorganised authorities, counted under the other code where it has the data)",
  );
}
line();

line("4. Estimated cessation rates (one common rate, leavers at 25 taken out), % a year");
for (const o of ORIGINS) {
  const cs = cessation.filter((c) => c.origin === o);
  const used = cs.map((c) => c.rate);
  const rawR = cs.map((c) => c.raw);
  line(
    `   origin ${o} (flows of census ${o === 2020 ? "2020" : "2020-2021"}): n=${cs.length}, used median ${pct(median(used))}, p10 ${pct(quantile(used, 0.1))}, p90 ${pct(quantile(used, 0.9))}; clamped at 0: ${cs.filter((c) => c.clamped0).length}, at the maximum: ${cs.filter((c) => c.clampedHi).length}; raw median ${pct(median(rawR))}, p10 ${pct(quantile(rawR, 0.1))}, min ${pct(Math.min(...rawR))}; levels: ${[...new Set(cs.map((c) => c.level))].join(",")}`,
  );
}
const yearly = residuals.filter((r) => r.yearly);
for (const c of [2020, 2021]) {
  const ys = yearly.filter((r) => r.census === c);
  const rates = ys.map((r) => r.ceased / r.opening);
  const unexplained = ys.filter((r) => r.ceased < 0);
  line(
    `   yearly residual for census ${c} (new plans of calendar ${c - 1}): n=${ys.length}, median ${pct(median(rates))}, p10 ${pct(quantile(rates, 0.1))}, p90 ${pct(quantile(rates, 0.9))}; negative (stock grew more than new plans explain): ${unexplained.length}; sum over authorities: opening ${Math.round(ys.reduce((a, r) => a + r.opening, 0))}, new ${Math.round(ys.reduce((a, r) => a + r.newPlans, 0))}, closing ${Math.round(ys.reduce((a, r) => a + r.closing, 0))}, pooled rate ${pct(ys.reduce((a, r) => a + r.ceased, 0) / ys.reduce((a, r) => a + r.opening, 0))}`,
  );
}
line();

line("5. Implied 1-year growth at the origin, % (all authorities with a flow forecast, both origins)");
line(`${"".padEnd(10)}${["p10", "median", "p90", "mean", "n"].map((s) => pad(s, 8)).join("")}`);
for (const [m, xs] of Object.entries(oneYear))
  line(
    `${m.padEnd(10)}${[quantile(xs, 0.1), median(xs), quantile(xs, 0.9), mean(xs)].map((x) => pad(pct(x), 8)).join("")}${pad(xs.length, 8)}`,
  );
{
  const g = npGrowth.map((r) => r.rate);
  const own = npGrowth.filter((r) => r.ownRate !== undefined).map((r) => r.ownRate);
  const w = npGrowth.filter((r) => r.weight !== undefined).map((r) => r.weight);
  line(
    `new plans' projected growth (pooled auto, first year): p10 ${pct(quantile(g, 0.1))}, median ${pct(median(g))}, p90 ${pct(quantile(g, 0.9))}; own trend median ${pct(median(own))} (p10 ${pct(quantile(own, 0.1))}, p90 ${pct(quantile(own, 0.9))}); weight on own: median ${pct(median(w), 0)}%, p90 ${pct(quantile(w, 0.9), 0)}%; reference ${[...new Set(npGrowth.map((r) => r.reference))].join(", ")} (EHCP stock trend) median ${pct(median(npGrowth.map((r) => r.referenceRate)))}%`,
  );
  const nat = (y) => [...data.newPlans.values()].reduce((a, m) => a + (m.get(y) ?? 0), 0);
  line(
    `actual new plans, sum over authorities by calendar year: ${[2017, 2018, 2019, 2020, 2021].map((y) => `${y} ${nat(y)}`).join(", ")} (growth ${[2018, 2019, 2020, 2021].map((y) => `${pct(nat(y) / nat(y - 1) - 1)}%`).join(", ")})`,
  );
}
line(
  `age-table total vs placement total at the origin (scale): p10 ${quantile(scales, 0.1).toFixed(3)}, median ${median(scales).toFixed(3)}, p90 ${quantile(scales, 0.9).toFixed(3)}`,
);
// Does the spread of a method's 1-year growth carry information? Correlation with the actual growth.
{
  const rs = records.filter((r) => r.h === 1);
  const act = rs.map((r) => r.actual / r.forecasts.flat - 1);
  const corr = (x, y) => {
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * (y[i] - my);
      sxx += (xi - mx) ** 2;
      syy += (y[i] - my) ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };
  line(
    `correlation of forecast with actual 1-year growth across authorities (h=1, n=${rs.length}): ${[
      "flow",
      "flow-np0",
      "growth",
      "cagr-3",
      "flow-npx",
    ]
      .map((m) => {
        const pairs = rs
          .map((r, i) => [r.forecasts[m] / r.forecasts.flat - 1, act[i]])
          .filter(([a]) => Number.isFinite(a));
        return `${m} ${corr(
          pairs.map((q) => q[0]),
          pairs.map((q) => q[1]),
        ).toFixed(2)}`;
      })
      .join(", ")}`,
  );
}
const actualG = records.filter((r) => r.h === 1).map((r) => r.actual / r.forecasts.flat - 1);
line(
  `actual 1-year growth of the targets (h=1): p10 ${pct(quantile(actualG, 0.1))}, median ${pct(median(actualG))}, p90 ${pct(quantile(actualG, 0.9))}`,
);
const neg = yearly.filter((r) => r.ceased < 0).sort((a, b) => a.ceased / a.opening - b.ceased / b.opening);
line(
  `6. Stock growing faster than new plans explain (negative residual cessations), worst first (census: opening-leavers, new, closing):`,
);
for (const r of neg.slice(0, 12))
  line(
    `   ${r.who} ${r.census}: ${Math.round(r.opening)} + ${r.newPlans} -> ${r.closing} (residual ${Math.round(r.ceased)}, ${pct(r.ceased / r.opening)}%)`,
  );
line();
if (errors.length) {
  line(`${errors.length} problems${LIST ? ":" : " (--list to print)"}`);
  if (LIST) for (const e of errors) line(`   ${e}`);
}

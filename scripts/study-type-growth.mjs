// Study for issue #31: growth that knows the placement type, scored where the money is.
// Run after `pnpm build`:
//   node scripts/study-type-growth.mjs [HISTORY_DIR] [--release OUTCOMES_DIR] [--validation-only]
// (defaults $HNB_SHARED_DATA/sen2-2022 and $HNB_SHARED_DATA/sen2-2025-dev, HNB_SHARED_DATA defaulting to
// ../shared/data). THE RULE is docs/accuracy.md,
// "The selection rule"; this script applies it step by step and prints every figure the choice
// rests on. --validation-only stops before any outcome after January 2022 is read.
import "./help.mjs";
import { authoritySeries, FIRST_FLOW_CENSUS, nationalTypeSeries, readSen2Dir } from "@hnb/io";
import {
  authorityGrowth,
  fitBandModel,
  PLACEMENT_LEVEL,
  summariseTypes,
  TYPE_POOLING,
  typeBacktest,
} from "@hnb/model";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--release");
// The shared data folder as the tests find it (HNB_SHARED_DATA, else ../shared/data beside the repository).
const shared = process.env.HNB_SHARED_DATA ?? new URL("../../shared/data", import.meta.url).pathname;
const historyDir = positional[0] ?? `${shared}/sen2-2022`;
const outcomesDir = flag("--release") ?? `${shared}/sen2-2025-dev`;
const validationOnly = args.includes("--validation-only");

const history = await readSen2Dir(historyDir);
const england = [...history.national]
  .map(([year, count]) => ({ year, count }))
  .sort((a, b) => a.year - b.year);
const englandTypes = nationalTypeSeries(history);
const print = (s = "") => console.log(s);
const pct = (x) => (x === undefined || Number.isNaN(x) ? "-" : (100 * x).toFixed(1));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// ---------- the candidates (docs/accuracy.md, step 1) ----------
const level = (tau2) => ({ ...PLACEMENT_LEVEL, tau2 });
const CANDIDATES = {
  today: (t) => ({ ...TYPE_POOLING, typeReference: false, hierarchy: false, constrain: false, total: t }),
  type: (t) => ({ ...TYPE_POOLING, typeReference: true, hierarchy: false, constrain: false, total: t }),
  "type+hierarchy": (t) => ({
    ...TYPE_POOLING,
    typeReference: true,
    hierarchy: true,
    constrain: false,
    total: t,
  }),
  "type+constraint": (t) => ({
    ...TYPE_POOLING,
    typeReference: true,
    hierarchy: false,
    constrain: true,
    total: t,
  }),
  "type+hierarchy+constraint": (t) => ({
    ...TYPE_POOLING,
    typeReference: true,
    hierarchy: true,
    constrain: true,
    total: t,
  }),
};
const TOTAL_TAU2 = [0, 1e-4, 3e-4, PLACEMENT_LEVEL.tau2];
const SCALES = Array.from({ length: 41 }, (_, i) => 0.25 * 1.07 ** i);

/** Every authority of the history release, forecast from each origin whose targets are known by `knownTo`. */
function knownCases(origins) {
  return origins.map((origin) => ({ origin, cases: authoritySeries(history, undefined, origin) }));
}
const at = (points, year) => points.find((p) => p.year === year)?.count;

/** Step 2: the authority-total τ², by the median APE of the pooled total on targets up to knownTo. */
function chooseTotalTau2(sets, knownTo) {
  const scores = TOTAL_TAU2.map((tau2) => {
    const byH = { 1: [], 2: [], 3: [] };
    for (const { origin, cases } of sets) {
      const recs = typeBacktest(
        cases.map((c) => ({ ...c, types: [] })),
        { origin, england, englandTypes, constants: CANDIDATES.type(level(tau2)) },
      );
      for (const r of recs)
        if (r.method === "auto" && r.measure === "total" && origin + r.horizon <= knownTo)
          byH[r.horizon].push(r.error);
    }
    return { tau2, score: mean([1, 2, 3].map((h) => median(byH[h]))) };
  });
  return { scores, best: scores.reduce((a, b) => (b.score < a.score - 1e-12 ? b : a)) };
}

/** Step 3: the band model of a candidate, fitted on the log errors of its type forecasts with targets up to knownTo; its scale set on totals' and spend's coverage. */
function fitBands(sets, constants, knownTo, fromTarget = -Infinity) {
  const residuals = [];
  const runs = [];
  for (const { origin, cases } of sets) {
    runs.push({ origin, cases });
    // Residuals: each type's log error, from the same forecasts (recomputed here from the paths).
    for (const c of cases) {
      const types = c.types;
      if (!types.every((t) => at(t.points, origin) !== undefined)) continue;
      const g = typeBacktestPaths(c, origin, constants);
      for (const [i, t] of types.entries())
        for (const h of [1, 2, 3]) {
          const target = origin + h;
          const actual = at(t.points, target);
          const base = at(t.points, origin);
          if (
            target > knownTo ||
            target <= fromTarget ||
            actual === undefined ||
            !(actual > 0) ||
            !(base > 0)
          )
            continue;
          residuals.push({ id: t.id, count: base, horizon: h, error: Math.log(actual / g[i][h - 1]) });
        }
    }
  }
  const unscaled = fitBandModel(residuals, [1]);
  // Unscaled bands once; a scale s multiplies the variance, so the band's half-width in logs is √s times.
  const scored = [];
  for (const { origin, cases } of runs) {
    const recs = typeBacktest(cases, { origin, england, englandTypes, constants, bands: unscaled });
    for (const r of recs)
      if (
        r.method === "auto" &&
        r.p10 !== undefined &&
        origin + r.horizon <= knownTo &&
        origin + r.horizon > fromTarget &&
        r.measure !== "mix"
      )
        scored.push({
          k: `${r.measure} ${r.horizon}`,
          z: Math.abs(Math.log(r.actual / r.forecast)),
          half: Math.log(r.p90 / r.forecast),
        });
  }
  // Each horizon's scale: the one whose pooled coverage of totals and of spend is nearest 80% at the worse of the two.
  const scales = [];
  const coverage = {};
  for (const h of [1, 2, 3]) {
    let best;
    for (const scale of SCALES) {
      const cover = {};
      for (const r of scored) {
        if (!r.k.endsWith(` ${h}`)) continue;
        cover[r.k] ??= [0, 0];
        cover[r.k][0] += r.z <= Math.sqrt(scale) * r.half ? 1 : 0;
        cover[r.k][1] += 1;
      }
      const worst = Math.max(...Object.values(cover).map(([a, n]) => Math.abs(a / n - 0.8)));
      if (!best || worst < best.worst - 1e-12) best = { scale, worst, cover };
    }
    scales.push(best.scale);
    Object.assign(coverage, best.cover);
  }
  return { model: { ...unscaled, scales }, residuals: residuals.length, coverage };
}

/**
 * Amendment A2 (docs/accuracy.md): the band model fitted only on forecasts from origins at or after
 * FIRST_FLOW_CENSUS (2019, the first census after the conversion of statements to EHC plans ended in
 * March 2018), with targets up to knownTo. A first amendment (the last K known target years, K by
 * nested validation) could not tell K apart: every K's 3-year bands rested on origins in the
 * conversion years.
 */
function recentBands(sets, constants, knownTo) {
  const after = sets.filter((x) => x.origin >= FIRST_FLOW_CENSUS);
  if (!after.length) return undefined;
  return fitBands(after, constants, knownTo);
}

/** A candidate's type paths for one authority (the same arithmetic typeBacktest scores). */
function typeBacktestPaths(c, origin, constants) {
  const upTo = (p) => p.filter((x) => x.year <= origin);
  const g = authorityGrowth(
    {
      types: c.types.map((t) => ({
        id: t.id,
        points: upTo(t.points),
        reference: upTo(englandTypes[t.id] ?? []),
      })),
      total: upTo(c.total),
      reference: upTo(england),
      horizon: 3,
    },
    constants,
  );
  return g.types.map((t, i) => {
    let f = at(c.types[i].points, origin);
    return t.rates.map((r) => (f *= 1 + r));
  });
}

/** Summary rows of a scoring run, keyed "method measure h". */
function table(recs) {
  const out = {};
  for (const s of summariseTypes(recs)) out[`${s.method} ${s.measure} ${s.horizon}`] = s;
  return out;
}
const J = (t, m = "auto") =>
  mean(
    ["total", "spend", "mix"].flatMap((measure) =>
      [1, 2, 3].map((h) => t[`${m} ${measure} ${h}`]?.medianError),
    ),
  );

/** Steps 2–4 for one origin: constants and bands fitted on what was known, then every candidate scored. */
async function study(origin, knownTo, outcomes, label) {
  const originsKnown = Array.from({ length: knownTo - 2015 }, (_, i) => 2015 + i).filter((o) => o < knownTo);
  const sets = knownCases(originsKnown);
  const tau = chooseTotalTau2(sets, knownTo);
  print(`\n## ${label}: constants fitted on the history release, targets up to January ${knownTo}`);
  print(
    `authority-total tau2 (mean over h of median APE of the pooled total): ${tau.scores.map((s) => `${s.tau2}: ${pct(s.score)}`).join(", ")} -> ${tau.best.tau2}`,
  );
  const cases = authoritySeries(history, outcomes, origin);
  const results = {};
  for (const [name, make] of Object.entries(CANDIDATES)) {
    const constants = make(level(tau.best.tau2));
    const first = fitBands(sets, constants, knownTo);
    const firstTable = table(
      typeBacktest(cases, { origin, england, englandTypes, constants, bands: first.model }),
    );
    const bands = recentBands(sets, constants, knownTo) ?? first;
    const recs = typeBacktest(cases, { origin, england, englandTypes, constants, bands: bands.model });
    results[name] = {
      constants,
      bands,
      first,
      firstTable,
      table: table(recs),
      autoTable: table(recs.filter((r) => r.method === "auto")),
      recs,
    };
    print(
      `${name}: as first registered (all known targets): coverage totals ${[1, 2, 3].map((h) => pct(firstTable[`auto total ${h}`]?.coverage)).join("/")}, spend ${[1, 2, 3].map((h) => pct(firstTable[`auto spend ${h}`]?.coverage)).join("/")}, spend width at 3 years ${pct(firstTable["auto spend 3"]?.medianWidth)}`,
    );
    if (bands === first)
      print(
        `${name}: A2: no forecast from an origin of 2019 or later is known by ${knownTo}; bands as first registered`,
      );
    print(
      `${name}: band model fitted on ${bands.residuals} type residuals, scales ${bands.model.scales.map((x) => x.toFixed(3)).join("/")}; in-fit coverage ${Object.entries(
        bands.coverage,
      )
        .map(([k, [a, n]]) => `${k} ${pct(a / n)}%`)
        .join(", ")}`,
    );
  }
  return { cases, results, tau };
}

function report(label, s) {
  const methods = [
    "auto",
    "auto-2022",
    "flat",
    "last",
    "cagr-3",
    "cagr-5",
    "ols-5",
    "reference-5",
    "reference-type-3",
    "reference-type-5",
  ];
  const any = Object.values(s.results)[0].table;
  print(`\n### ${label}: median error (%), methods on the same forecasts; auto = each candidate`);
  print(
    `${"".padEnd(28)}${["total", "spend", "mix"].flatMap((m) => [1, 2, 3].map((h) => `${m} ${h}`.padStart(9))).join("")}      J   cover tot 1-3   cover spend 1-3   width spend 3 (n)`,
  );
  const row = (name, t, m) =>
    `${name.padEnd(28)}${["total", "spend", "mix"].flatMap((measure) => [1, 2, 3].map((h) => pct(t[`${m} ${measure} ${h}`]?.medianError).padStart(9))).join("")}  ${pct(J(t, m)).padStart(5)}  ${[
      1, 2, 3,
    ]
      .map((h) => pct(t[`${m} total ${h}`]?.coverage))
      .join("/")
      .padStart(14)}  ${[1, 2, 3]
      .map((h) => pct(t[`${m} spend ${h}`]?.coverage))
      .join("/")
      .padStart(16)}   ${pct(t[`${m} spend 3`]?.medianWidth)} (${t[`${m} spend 3`]?.n ?? "-"})`;
  for (const [name, r] of Object.entries(s.results)) print(row(`auto: ${name}`, r.table, "auto"));
  for (const m of methods.slice(1)) print(row(m, any, m));
}

// ---------- the development origin: 2022, history to January 2022, outcomes 2023–2025 ----------
if (validationOnly) {
  const sets = knownCases([2015, 2016, 2017, 2018, 2019, 2020, 2021]);
  const tau = chooseTotalTau2(sets, 2022);
  print(tau.scores.map((s) => `${s.tau2}: ${pct(s.score)}`).join(", "));
  for (const [name, make] of Object.entries(CANDIDATES)) {
    const b = fitBands(sets, make(level(tau.best.tau2)), 2022);
    print(
      `${name}: scales ${b.model.scales.map((x) => x.toFixed(3)).join("/")}, ${JSON.stringify(b.model.types)}`,
    );
    print(
      `  coverage ${Object.entries(b.coverage)
        .map(([k, [a, n]]) => `${k} ${pct(a / n)}% (${n})`)
        .join(", ")}`,
    );
  }
  process.exit(0);
}
const outcomes = await readSen2Dir(outcomesDir);
const dev = await study(2022, 2022, outcomes, "Development: origin 2022, 77 authorities, outcomes 2023–2025");
report("Origin 2022 (development authorities)", dev);
const check = await study(
  2019,
  2019,
  undefined,
  "Second check: origin 2019, every authority, outcomes 2020–2022",
);
report("Origin 2019 (2022 release, every authority)", check);

// ---------- the choice (docs/accuracy.md, step 5) ----------
// Amendment A1: the second check's J is computed on the forecasts every candidate made (auto's own
// records): at origin 2019 no authority has every naive method for every type (post-16 has no 2014
// count, so CAGR-5 and linear-5 cannot forecast it), so J on the all-method common forecasts is empty.
const todayCheck = J(check.results.today.autoTable);
print(
  "\nSecond check, origin 2019, on the forecasts every candidate made (median error %, total / spend / mix at 1, 2, 3 years):",
);
for (const [n, r] of Object.entries(check.results))
  print(
    `  ${n.padEnd(26)} ${["total", "spend", "mix"].map((m) => [1, 2, 3].map((h) => pct(r.autoTable[`auto ${m} ${h}`]?.medianError)).join("/")).join("   ")}   J ${pct(J(r.autoTable))} (n ${r.autoTable["auto spend 3"]?.n})`,
  );
const eligible = Object.entries(dev.results).filter(
  ([name]) => J(check.results[name].autoTable) <= todayCheck + 0.005,
);
const order = Object.keys(CANDIDATES);
const chosen = eligible.reduce((a, b) =>
  J(b[1].table) < J(a[1].table) - 0.001 ||
  (Math.abs(J(b[1].table) - J(a[1].table)) <= 0.001 && order.indexOf(b[0]) < order.indexOf(a[0]))
    ? b
    : a,
);
print(
  `\nSecond-check J of today at origin 2019: ${pct(todayCheck)}; eligible: ${eligible.map(([n]) => n).join(", ")}`,
);
print(`CHOSEN: ${chosen[0]} (J at origin 2022 ${pct(J(chosen[1].table))})`);
print(`constants: ${JSON.stringify(chosen[1].constants)}`);
print(`bands: ${JSON.stringify(chosen[1].bands.model)}`);

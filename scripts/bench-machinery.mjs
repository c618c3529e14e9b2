// `node scripts/bench-machinery.mjs [cache|flag|tier|select]…` (after `pnpm build`): measures each
// piece of speed machinery with and without it (issue #27: keep what moves a bench figure by 10% or
// more). The variants are made here, beside the build, and removed after: a launcher without the
// code cache, without the process-wide interrupt-budget flag, or with tier-up.ts made a no-op; a
// bundle whose percentiles sort instead of select; a model build likewise, for simulate() in-process.
// (The hand-written formatNumber it measured at commit cd9f06f, `fmt`, moved no bench figure by 10%
// and is gone: formatNumber is toLocaleString("en-GB"); docs/performance.md.)
// Each comparison runs 3 times, each the median of several runs of A and B in turn; the machine is
// shared, so read the three medians, not one. Prints one JSON line per comparison.
import "./help.mjs";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

const root = new URL("..", import.meta.url).pathname;
const bin = readFileSync(`${root}packages/cli/bin/hnb.js`, "utf8");
const bundle = readFileSync(`${root}packages/cli/dist/bundle/hnb.cjs`, "utf8");
const made = [];
const write = (path, text) => {
  writeFileSync(`${root}${path}`, text);
  made.push(`${root}${path}`);
};
const swap = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`variant: cannot find ${from.slice(0, 60)}`);
  return text.replace(from, to);
};
const FLAG =
  'if (process.versions.v8.startsWith("11.")) v8.setFlagsFromString("--interrupt-budget=1000000");';
const CACHE = "cachedData = process.env.HNB_WRITE_CODE_CACHE ? undefined : readFileSync(cache);";
// Order statistics by a full sort: the same values (select.ts returns the sorted array's), slower or not.
const bySort = (text, head) =>
  swap(
    text,
    head,
    `${head}
  { const n = VALUES.length;
  if (n === 0) throw new Error("quantile requires at least one data point.");
  for (const p of ps) if (p < 0 || p > 1) throw new Error("quantiles must be between 0 and 1");
  VALUES.sort();
  const stats = new Map();
  for (const p of ps) { const idx = (n - 1) * p; for (const k of [Math.floor(idx), Math.ceil(idx)]) stats.set(k, VALUES[k]); }
  stats.set(n - 1, VALUES[n - 1]); stats.set(0, VALUES[0]);
  return stats; }`.replaceAll("VALUES", /\((\w+), ps\)/.exec(head)?.[1] ?? "values"),
  );
const noCache = swap(bin, CACHE, "cachedData = undefined;");
write("packages/cli/bin/.ab-nocache.js", noCache);
write("packages/cli/bin/.ab-noflag.js", swap(bin, FLAG, ""));
write("packages/cli/bin/.ab-notier.js", swap(bin, FLAG, `${FLAG}\nv8.setFlagsFromString = () => undefined;`));
write("packages/cli/dist/bundle/.ab-sort.cjs", bySort(bundle, "function orderStatistics(values2, ps) {"));
write(
  "packages/cli/bin/.ab-sort.js",
  swap(noCache, '"../dist/bundle/hnb.cjs"', '"../dist/bundle/.ab-sort.cjs"'),
);
cpSync(`${root}packages/model/dist`, `${root}packages/model/.ab-dist-sort`, { recursive: true });
made.push(`${root}packages/model/.ab-dist-sort`);
const select = `${root}packages/model/.ab-dist-sort/simulate/select.js`;
writeFileSync(select, bySort(readFileSync(select, "utf8"), "export function orderStatistics(values, ps) {"));
write(
  "bench/.ab-warm-simulate.mjs",
  `import { readScenarioFile } from "@hnb/io";
const m = await import(new URL(\`../packages/model/\${process.argv[2]}/index.js\`, import.meta.url).href);
const read = await readScenarioFile(new URL("../data/default-scenario.yaml", import.meta.url).pathname);
const compiled = m.compile(read.scenario, read.growths);
m.forecast(compiled);
const times = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  m.simulate(compiled, { paths: 10_000, seed: 1 });
  if (i >= 2) times.push(performance.now() - t0);
}
process.stdout.write(\`\${times.sort((a, b) => a - b)[2]}\\n\`);
`,
);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function wall(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  return performance.now() - t0;
}
function printed(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}
function compare(name, a, b, measure = wall, runs = 7) {
  const ma = [];
  const mb = [];
  measure(a);
  measure(b);
  for (let rep = 0; rep < 3; rep++) {
    const ta = [];
    const tb = [];
    for (let i = 0; i < runs; i++) {
      ta.push(measure(a));
      tb.push(measure(b));
    }
    ma.push(median(ta));
    mb.push(median(tb));
  }
  const [A, B] = [median(ma), median(mb)];
  console.log(
    JSON.stringify({
      name,
      with: ma.map(Math.round),
      without: mb.map(Math.round),
      medianWith: Math.round(A),
      medianWithout: Math.round(B),
      without_vs_with: `${(((B - A) / A) * 100).toFixed(1)}%`,
    }),
  );
}
const F = (launcher, ...rest) => [
  `packages/cli/bin/${launcher}`,
  "forecast",
  "data/default-scenario.yaml",
  ...rest,
];
const PATHS = ["--json", "--paths", "10000"];
const which = process.argv.slice(2);
const wants = (w) => which.length === 0 || which.includes(w);
console.log(JSON.stringify({ cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }));
try {
  if (wants("cache"))
    compare("code cache: forecast --json wall ms", F("hnb.js", "--json"), F(".ab-nocache.js", "--json"));
  if (wants("flag")) {
    compare(
      "interrupt-budget flag: forecast --json wall ms",
      F("hnb.js", "--json"),
      F(".ab-noflag.js", "--json"),
    );
    compare(
      "interrupt-budget flag: forecast --paths 10000 wall ms",
      F("hnb.js", ...PATHS),
      F(".ab-noflag.js", ...PATHS),
      wall,
      5,
    );
  }
  if (wants("tier"))
    compare(
      "tier-up.ts: forecast --paths 10000 wall ms",
      F("hnb.js", ...PATHS),
      F(".ab-notier.js", ...PATHS),
      wall,
      5,
    );
  if (wants("select")) {
    compare(
      "select.ts: forecast --paths 10000 wall ms (no code cache either side)",
      F(".ab-nocache.js", ...PATHS),
      F(".ab-sort.js", ...PATHS),
      wall,
      5,
    );
    compare(
      "select.ts: simulate() 10,000 paths in-process, warm, ms",
      ["bench/.ab-warm-simulate.mjs", "dist"],
      ["bench/.ab-warm-simulate.mjs", ".ab-dist-sort"],
      printed,
      3,
    );
  }
} finally {
  for (const path of made) rmSync(path, { recursive: true, force: true });
}

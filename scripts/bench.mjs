// `pnpm bench`: measures the engine and the command line against the targets of issue #8, prints a
// table and writes bench/results.json. Run after `pnpm build` (the script does). Speed is measured
// here, never by timed tests in CI.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { parseText, readScenarioFile } from "@hnb/io";
import * as model from "@hnb/model";
import { Bench } from "tinybench";
import { largeScenario, withTwelveLevers } from "../bench/synthetic.mjs";

const { allLevers, attribute, forecast, normalise, parseScenario, project } = model;
const root = new URL("..", import.meta.url).pathname;
const quick = process.argv.includes("--quick");

function valid(raw) {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return r.scenario;
}

const defaultFile = await readScenarioFile(`${root}data/default-scenario.yaml`);
if (!defaultFile.ok) throw new Error("the default scenario does not validate");
const defaultScenario = defaultFile.scenario;
const defaultRaw = parseText(readFileSync(`${root}data/default-scenario.yaml`, "utf8"), "yaml").data;
const default12 = valid(withTwelveLevers(defaultRaw));
const large = valid(largeScenario());
const defaultModel = normalise(defaultScenario);
const largeModel = normalise(large);
const default12Model = normalise(default12);

const results = [];
function record(name, value, unit, target, meets, note) {
  results.push({ name, value, unit, target, meets, note });
}

const bench = new Bench({ time: quick ? 200 : 1000, warmupTime: quick ? 50 : 200 });
bench
  .add("project default (mitigated)", () => project(defaultModel, allLevers(defaultModel)))
  .add("normalise + project default", () => {
    const m = normalise(defaultScenario);
    project(m, allLevers(m));
  })
  .add("forecast() default (8 levers, with Shapley)", () => forecast(defaultScenario))
  .add("attribute default + 4 levers (12 levers)", () => attribute(default12Model))
  .add("project large (mitigated)", () => project(largeModel, allLevers(largeModel)))
  .add("attribute large (12 levers)", () => attribute(largeModel));

let simulate;
try {
  ({ simulate } = model);
} catch {
  simulate = undefined;
}
const uncertain = typeof simulate === "function" && defaultScenario.uncertainty !== undefined;
if (uncertain)
  bench.add("simulate default, 10,000 paths", () => simulate(defaultScenario, { paths: 10_000, seed: 1 }));

await bench.run();
const byName = Object.fromEntries(bench.tasks.map((t) => [t.name, t.result]));
const hz = (name) => {
  const r = byName[name];
  return r?.throughput?.mean ?? r?.hz ?? Number.NaN;
};
const ms = (name) => {
  const r = byName[name];
  return r?.latency?.mean ?? r?.mean ?? Number.NaN;
};

const perSecond = hz("project default (mitigated)");
record(
  "deterministic forecasts a second (default scenario, one projection with every lever)",
  Math.round(perSecond),
  "per s",
  "≥ 20,000",
  perSecond >= 20_000,
);
record(
  "normalise + project (default scenario)",
  Math.round(hz("normalise + project default")),
  "per s",
  "",
  null,
  "from a validated scenario",
);
record(
  "forecast() with Shapley over 8 levers (default scenario)",
  Number(ms("forecast() default (8 levers, with Shapley)").toFixed(2)),
  "ms",
  "",
  null,
  "2^8 projections",
);
const shapley12 = ms("attribute default + 4 levers (12 levers)") / 1000;
record(
  "Shapley attribution, 12 levers (default scenario + 4 levers)",
  Number(shapley12.toFixed(3)),
  "s",
  "< 0.25 s",
  shapley12 < 0.25,
  "4,096 projections, each once",
);
const shapleyLarge = ms("attribute large (12 levers)") / 1000;
record(
  "Shapley attribution, 12 levers (large: 20 placements, 30 years)",
  Number(shapleyLarge.toFixed(3)),
  "s",
  "",
  null,
  "4,096 projections",
);
record(
  "deterministic forecasts a second (large scenario)",
  Math.round(hz("project large (mitigated)")),
  "per s",
  "",
  null,
);
if (uncertain) {
  const paths = ms("simulate default, 10,000 paths") / 1000;
  record("10,000 uncertainty paths (default scenario)", Number(paths.toFixed(3)), "s", "< 1 s", paths < 1);
} else {
  record(
    "10,000 uncertainty paths (default scenario)",
    null,
    "s",
    "< 1 s",
    null,
    "not measured: uncertainty simulation is not available for the default scenario in this build",
  );
}

// Start-up: `hnb forecast --json` against a bare `node -e 0`, median of repeated runs.
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function wall(args) {
  const times = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    times.push(performance.now() - t0);
  }
  return median(times);
}
const nodeMs = wall(["-e", "0"]);
const hnbMs = wall(["packages/cli/bin/hnb.js", "forecast", "data/default-scenario.yaml", "--json"]);
record("hnb forecast --json wall time", Math.round(hnbMs), "ms", "", null);
record("node -e 0 wall time", Math.round(nodeMs), "ms", "", null);
record(
  "hnb forecast --json ÷ node -e 0",
  Number((hnbMs / nodeMs).toFixed(2)),
  "×",
  "≤ 5×",
  hnbMs / nodeMs <= 5,
);

// The notebook suite, when Jupyter and the kernel are here.
if (!quick && !process.argv.includes("--no-notebooks") && existsSync(`${root}scripts/run-notebooks.mjs`)) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["scripts/run-notebooks.mjs"], { cwd: root, encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  const skipped = /SKIPPED/.test(r.stdout + r.stderr);
  record(
    "notebook suite (execute every notebook)",
    skipped || r.status !== 0 ? null : Number(seconds.toFixed(1)),
    "s",
    "",
    null,
    skipped ? "skipped: Jupyter or the kernel is missing" : r.status !== 0 ? "failed" : "",
  );
}

const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  commit: (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })(),
};
const table = results.map((r) => ({
  measure: r.name,
  value:
    r.value === null
      ? "—"
      : `${typeof r.value === "number" ? r.value.toLocaleString("en-GB") : r.value} ${r.unit}`,
  target: r.target,
  meets: r.meets === null ? "" : r.meets ? "yes" : "NO",
  note: r.note ?? "",
}));
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit}`,
);
console.table(table);
const missed = results.filter((r) => r.meets === false);
if (missed.length) console.log(`missed targets: ${missed.map((r) => r.name).join("; ")}`);
writeFileSync(`${root}bench/results.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log("wrote bench/results.json");

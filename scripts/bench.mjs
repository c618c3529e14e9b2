// `pnpm bench`: measures the engine and the command line against the targets of issues #8 and #21,
// prints every figure with its target and PASS/MISS, and writes bench/results.json with the machine.
// Run after `pnpm build` (the script does). Speed is measured here, never by timed tests in CI.
// Ratios are taken within one run (the same machine, the same load), as the targets are.
import "./help.mjs";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseText, readScenarioFile } from "@hnb/io";
import * as model from "@hnb/model";
import { Bench } from "tinybench";
import { plainInputs, plainSimulate } from "../bench/plain-model.mjs";
import { englandScenario, largeScenario, withTwelveLevers } from "../bench/synthetic.mjs";
import { BENCH_PAGE, renderBenchTable, withBenchTable } from "./bench-table.mjs";

const { allLevers, assumptions, attribute, forecast, normalise, parseScenario, project, projectAll } = model;
const root = new URL("..", import.meta.url).pathname;
const quick = process.argv.includes("--quick");
const noEngland = process.argv.includes("--no-england");

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

// Shapley over every lever: every subset projected once, then attributed.
const shapley = (m) => attribute(m, projectAll(m).subsets);

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
  .add("attribute default + 4 levers (12 levers)", () => shapley(default12Model))
  .add("project large (mitigated)", () => project(largeModel, allLevers(largeModel)))
  .add("attribute large (12 levers)", () => shapley(largeModel));

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

// Start-up: `hnb forecast --json` against a bare `node -e 0`, medians of runs taken in turn (so
// that a change of load on the machine falls on both alike).
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function spawnTimed(args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], ...options });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}
// The median of the milliseconds a script prints, each run in a fresh process (what a command pays from cold).
function freshMedian(script, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [script], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  return median(times);
}
function walls(commands, runs) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, j) => times[j].push(spawnTimed(args)));
  return times.map(median);
}
const HNB = ["packages/cli/bin/hnb.js"];
const FORECAST_JSON = [...HNB, "forecast", "data/default-scenario.yaml", "--json"];
// Whether bin/hnb.js will run the bundle (it does when the bundle is newer than every tsc output).
const bundleUsed = (() => {
  const built = statSync(`${root}packages/cli/dist/bundle/hnb.cjs`, { throwIfNoEntry: false })?.mtimeMs;
  return (
    built !== undefined &&
    ["model", "io", "charts", "cli"].every(
      (p) =>
        (statSync(`${root}packages/${p}/dist/.tsbuildinfo`, { throwIfNoEntry: false })?.mtimeMs ??
          Infinity) <= built,
    )
  );
})();
walls([["-e", "0"], FORECAST_JSON], 2); // warm the file cache
const [nodeMs, hnbMs] = walls([["-e", "0"], FORECAST_JSON], quick ? 5 : 15);
record(
  "hnb forecast --json wall time",
  Math.round(hnbMs),
  "ms",
  "",
  null,
  bundleUsed ? "bundle" : "tsc output (no fresh bundle)",
);
record("node -e 0 wall time", Math.round(nodeMs), "ms", "", null);
record(
  "hnb forecast --json ÷ node -e 0",
  Number((hnbMs / nodeMs).toFixed(2)),
  "×",
  "≤ 3.5×",
  hnbMs / nodeMs <= 3.5,
  `medians of ${quick ? 5 : 15} runs each, in turn`,
);

// mathjs loads only for formulas beyond plain arithmetic: what the first such formula costs, in fresh processes.
record(
  "first formula that needs mathjs, in a fresh process",
  Math.round(freshMedian("bench/mathjs-load.mjs", quick ? 3 : 7)),
  "ms",
  "",
  null,
  "bench/mathjs-load.mjs: why plain arithmetic never loads it",
);

// The plain reference: the same model as a deliberately plain loop (bench/plain-model.mjs), against
// the engine's simulate(), 10,000 paths of the default scenario each, in this process, in turn.
const PATHS = 10_000;
const plain = plainInputs(forecast(defaultScenario), assumptions(defaultScenario).list);
const engineTimes = [];
const plainTimes = [];
if (uncertain) {
  plainSimulate(plain, 1000, 1);
  simulate(defaultScenario, { paths: 1000, seed: 1 });
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    let t0 = performance.now();
    simulate(defaultScenario, { paths: PATHS, seed: 1 });
    engineTimes.push(performance.now() - t0);
    t0 = performance.now();
    plainSimulate(plain, PATHS, 1);
    plainTimes.push(performance.now() - t0);
  }
  const engineMs = median(engineTimes);
  const plainMs = median(plainTimes);
  record("10,000 paths in-process: simulate()", Math.round(engineMs), "ms", "", null, "default scenario");
  record(
    "10,000 paths in-process: plain reference loop",
    Math.round(plainMs),
    "ms",
    "",
    null,
    "bench/plain-model.mjs",
  );
  record(
    "10,000 paths: project ÷ plain",
    Number((engineMs / plainMs).toFixed(2)),
    "×",
    "≤ 1.0×",
    engineMs / plainMs <= 1,
  );
  // The same simulate() from cold: the first call in a fresh process, after the forecast has run.
  record(
    "10,000 paths in a fresh process: the first simulate()",
    Math.round(freshMedian("bench/cold-simulate.mjs", quick ? 3 : 9)),
    "ms",
    "",
    null,
    "bench/cold-simulate.mjs: before V8 has optimised the projection",
  );
  // Through the command line, 10,000 paths should add no more than one plain `forecast --json` takes.
  const [cliPathsMs] = walls([[...FORECAST_JSON, "--paths", String(PATHS)]], quick ? 3 : 9);
  const added = cliPathsMs - engineMs;
  record("hnb forecast --json --paths 10000 wall time", Math.round(cliPathsMs), "ms", "", null);
  record(
    "CLI time beyond the in-process 10,000 paths",
    Math.round(added),
    "ms",
    `≤ ${Math.round(hnbMs)} ms (one forecast --json)`,
    added <= hnbMs,
  );
}

// England scale: 1,500 placements (150 authorities × 10 types), 8 levers, 10,000 paths, through the
// command line, generated into a temporary folder (never committed); wall time and peak memory.
if (!noEngland) {
  const dir = mkdtempSync(join(tmpdir(), "hnb-bench-"));
  try {
    const file = join(dir, "england.json");
    const raw = englandScenario({ paths: PATHS });
    valid(raw);
    writeFileSync(file, JSON.stringify(raw));
    const args = [...HNB, "forecast", file, "--json", "--paths", String(PATHS)];
    const gnuTime = existsSync("/usr/bin/time");
    const t0 = performance.now();
    // /usr/bin/time -v reports the child's peak resident memory; without it, a wrapper reads Node's own.
    const r = gnuTime
      ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], {
          cwd: root,
          stdio: ["ignore", "ignore", "pipe"],
          encoding: "utf8",
          maxBuffer: 1 << 26,
        })
      : spawnSync(
          process.execPath,
          [
            "--import",
            "data:text/javascript,process.on('exit',()=>process.stderr.write('Maximum resident set size (kbytes): '+process.resourceUsage().maxRSS+'\\n'))",
            ...args,
          ],
          { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 },
        );
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) {
      record(
        "England scale through the CLI (1,500 placements, 8 levers, 10,000 paths)",
        null,
        "s",
        "",
        false,
        `failed: ${(r.stderr ?? "").slice(-300)}`,
      );
    } else {
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
      const gb = (kb * 1024) / 1e9;
      const ratio = (seconds * 1000) / hnbMs;
      record(
        "England scale through the CLI (1,500 placements, 8 levers, 10,000 paths)",
        Number(seconds.toFixed(1)),
        "s",
        "",
        null,
        "generated, not committed",
      );
      record(
        "England scale ÷ one default forecast --json",
        Number(ratio.toFixed(1)),
        "×",
        "≤ 30×",
        ratio <= 30,
      );
      record(
        "England scale peak memory",
        Number(gb.toFixed(2)),
        "GB",
        "≤ 1.5 GB",
        kb * 1024 <= 1.5e9,
        gnuTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS",
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Tornado and Shapley at England scale, in this process, at half and full size: linear in placement
// types means the full size takes about twice as long (quadratic would be four times).
if (!noEngland) {
  const timed = (f) => {
    const t0 = performance.now();
    f();
    return (performance.now() - t0) / 1000;
  };
  const at = (authorities, levers) =>
    model.compile(model.scenarioOrThrow(englandScenario({ authorities, paths: 100, levers })));
  const half = at(75, 8);
  const full = at(150, 8);
  // A tornado takes tens of milliseconds here: the least of seven runs each, in turn, against noise.
  model.tornado(half);
  model.tornado(full);
  const halves = [];
  const fulls = [];
  for (let i = 0; i < 7; i++) {
    halves.push(timed(() => model.tornado(half)));
    fulls.push(timed(() => model.tornado(full)));
  }
  const tornadoHalf = Math.min(...halves);
  const tornadoFull = Math.min(...fulls);
  record(
    "tornado at England scale (1,500 placements, 1,508 assumptions)",
    Number(tornadoFull.toFixed(3)),
    "s",
    "",
    null,
  );
  record(
    "tornado: 1,500 ÷ 750 placements",
    Number((tornadoFull / tornadoHalf).toFixed(2)),
    "×",
    "≤ 2.5× (linear)",
    tornadoFull / tornadoHalf <= 2.5,
    "projections linear; re-adding the placements' costs for each assumption is P² additions",
  );
  const sixteen = [at(75, 16), at(150, 16)];
  const shapleyHalf = timed(() => model.forecast(sixteen[0]));
  const shapleyFull = timed(() => model.forecast(sixteen[1]));
  record(
    "forecast with Shapley over 16 levers at England scale (65,536 projections of 1,500 placements)",
    Number(shapleyFull.toFixed(1)),
    "s",
    "",
    null,
  );
  record(
    "Shapley: 1,500 ÷ 750 placements",
    Number((shapleyFull / shapleyHalf).toFixed(2)),
    "×",
    "≤ 2.5× (linear)",
    shapleyFull / shapleyHalf <= 2.5,
  );
}

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
    "≤ 25 s",
    skipped || r.status !== 0 ? null : seconds <= 25,
    skipped ? "skipped: Jupyter or the kernel is missing" : r.status !== 0 ? "failed" : "",
  );
}

const machine = {
  cpu: cpus()[0]?.model?.trim() ?? "unknown",
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
  result: r.meets === null ? "" : r.meets ? "PASS" : "MISS",
  note: r.note ?? "",
}));
console.log(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit}`,
);
console.table(table);
const missed = results.filter((r) => r.meets === false);
console.log(
  missed.length
    ? `MISS: ${missed.map((r) => r.name).join("; ")}`
    : "PASS: every figure with a target meets it",
);
writeFileSync(`${root}bench/results.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`);
// docs/performance.md's table is these figures, rendered (test/readme-bench.test.ts checks they match).
const page = `${root}${BENCH_PAGE}`;
writeFileSync(page, withBenchTable(readFileSync(page, "utf8"), renderBenchTable({ machine, results })));
console.log(`wrote bench/results.json and the performance table of ${BENCH_PAGE}`);

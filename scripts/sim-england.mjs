// Times the England-scale simulation in-process, stage by stage (development aid, not a benchmark).
import * as model from "@hnb/model";
import { englandScenario } from "../bench/synthetic.mjs";

const paths = Number(process.argv[2] ?? 2000);
const compiled = model.compile(model.scenarioOrThrow(englandScenario({ paths })));
const time = (label, f) => {
  const t0 = performance.now();
  const r = f();
  console.log(label.padEnd(12), `${Math.round(performance.now() - t0)} ms`);
  return r;
};
time("simulate", () => model.simulate(compiled, { paths, seed: 1 }));
time("tornado", () => model.tornado(compiled));

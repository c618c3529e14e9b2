// Prints the milliseconds of the first simulate() of 10,000 default paths in a fresh process, after
// the forecast has run (as `hnb forecast --paths` does): what the command line pays before V8 has
// optimised the projection. `pnpm bench` runs it in new processes and reports the median.
import { readScenarioFile } from "@hnb/io";
import { compile, forecast, simulate } from "@hnb/model";

const read = await readScenarioFile(new URL("../data/default-scenario.yaml", import.meta.url).pathname);
if (!read.ok) throw new Error("the default scenario does not validate");
const compiled = compile(read.scenario, read.growths);
forecast(compiled);
const t0 = performance.now();
simulate(compiled, { paths: 10_000, seed: 1 });
process.stdout.write(`${(performance.now() - t0).toFixed(1)}\n`);

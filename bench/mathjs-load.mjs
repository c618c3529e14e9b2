// Prints the milliseconds of the first formula that needs mathjs (a function call) in a fresh
// process: what loading and configuring mathjs costs, which is why plain arithmetic never loads it.
import { evaluateFormula } from "@hnb/model";

const t0 = performance.now();
const r = evaluateFormula("max(49000, 31000)");
if (!r.ok || r.value !== 49000) throw new Error("mathjs did not evaluate max(49000, 31000)");
process.stdout.write(`${(performance.now() - t0).toFixed(1)}\n`);

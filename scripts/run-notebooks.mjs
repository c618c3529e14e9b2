// Executes every notebooks/*.ipynb headlessly in the tslab kernel and fails on any cell error,
// naming the notebook and the cell. `--write` writes the executed notebooks back in place (only
// when every one succeeds), so the committed notebooks carry their outputs.
//
// usage: node scripts/run-notebooks.mjs [NAME...] [--write]   (NAME: part of a file name, e.g. 01)
import "./help.mjs";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellErrors, executeNotebooks, notReady, root, tidy } from "./notebook-runner.mjs";

const dir = join(root, "notebooks");
const write = process.argv.includes("--write");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function skip(reason) {
  if (process.env.CI) {
    console.error(`notebooks: cannot run: ${reason}`);
    process.exit(1);
  }
  console.log(`SKIPPED notebooks: ${reason}`);
  process.exit(0);
}

const why = notReady();
if (why) skip(why);

const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const out = mkdtempSync(join(tmpdir(), "hnb-notebooks-"));
let passed = 0;
let failed = 0;
const executed = [];

const results = executeNotebooks(
  notebooks.map((f) => join(dir, f)),
  { out },
);
for (const { file, status, stderr, seconds } of results) {
  const target = join(out, file);
  if (status !== 0 || !existsSync(target)) {
    failed++;
    console.log(
      `notebook ${file}: FAILED to execute (${seconds} s)\n${(stderr || "").split("\n").slice(-15).join("\n")}`,
    );
    continue;
  }
  const nb = JSON.parse(readFileSync(target, "utf8"));
  const errors = cellErrors(nb);
  const code = nb.cells.filter((c) => c.cell_type === "code").length;
  if (errors.length) {
    failed++;
    console.log(
      `notebook ${file}: ${errors.length} cell error${errors.length > 1 ? "s" : ""} (${seconds} s)\n${errors.join("\n")}`,
    );
  } else {
    passed++;
    console.log(`notebook ${file}: ${code} code cells, ok (${seconds} s)`);
    executed.push([file, nb]);
  }
}
if (write && failed === 0) {
  for (const [file, nb] of executed) writeFileSync(join(dir, file), `${JSON.stringify(tidy(nb), null, 1)}\n`);
  console.log(`wrote ${executed.length} executed notebooks back to notebooks/`);
}
rmSync(out, { recursive: true, force: true });
console.log(`notebooks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

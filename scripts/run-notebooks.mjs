// Executes every notebooks/*.ipynb headlessly in the tslab kernel and fails on any cell error,
// naming the notebook and the cell. `--write` writes the executed notebooks back in place (only
// when every one succeeds), so the committed notebooks carry their outputs.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
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

const jupyter = spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" });
if (jupyter.error || jupyter.status !== 0)
  skip(
    "Jupyter is not installed (run `bash scripts/setup.sh`, or apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)",
  );
const tslab = process.env.HNB_TSLAB ?? join(root, "node_modules", ".bin", "tslab");
if (!existsSync(tslab)) skip("the workspace is not installed (run `bash scripts/setup.sh`)");

// Volatile metadata would make every run a diff. Execution counts are numbered 1, 2, 3… over the
// code cells in order (the kernel's own counter is not always reported, and a fresh run executes
// every cell once, top to bottom), and an execute_result carries its cell's count.
function tidy(nb) {
  let count = 0;
  for (const cell of nb.cells) {
    if (cell.metadata) {
      delete cell.metadata.execution;
      delete cell.metadata.collapsed;
    }
    if (cell.cell_type !== "code") continue;
    cell.execution_count = ++count;
    for (const o of cell.outputs ?? []) if (o.output_type === "execute_result") o.execution_count = count;
  }
  return nb;
}

const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
const out = mkdtempSync(join(tmpdir(), "hnb-notebooks-"));
// A private kernel spec, first on JUPYTER_PATH, runs THIS checkout's tslab: the user-level
// registration points at whichever clone ran setup last, which may not be this one.
const kernels = join(out, "jupyter", "kernels", "tslab");
mkdirSync(kernels, { recursive: true });
writeFileSync(
  join(kernels, "kernel.json"),
  JSON.stringify({
    argv: [tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
  }),
);
const jupyterPath = [join(out, "jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(":");
let passed = 0;
let failed = 0;
const executed = [];

// One Python process runs every notebook through nbclient, one kernel per notebook and as many
// kernels at once as the machine has cores (at most 2: each kernel compiles TypeScript on start);
// results are reported in notebook order. Jupyter's own Python has nbclient (setup.sh installs it).
const python = ["/usr/bin/python3", "python3"].find(
  (p) => spawnSync(p, ["-c", "import nbclient, nbformat"], { stdio: "ignore" }).status === 0,
);
if (!python)
  skip("nbclient is not installed (run `bash scripts/setup.sh`, or apt-get install python3-nbclient)");
const lanes = Math.max(1, Math.min(2, availableParallelism()));
const run = spawnSync(
  python,
  [join(root, "scripts", "execute-notebooks.py"), out, String(lanes), ...notebooks.map((f) => join(dir, f))],
  {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    maxBuffer: 1 << 26,
  },
);
const lines = new Map(
  (run.stdout ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t"))
    .map(([file, status, seconds]) => [file, { status, seconds }]),
);
const results = notebooks.map((file) => {
  const line = lines.get(file);
  return {
    file,
    status: line?.status === "ok" && run.status === 0 ? 0 : 1,
    stderr: run.stderr ?? String(run.error ?? ""),
    seconds: line?.seconds ?? "?",
  };
});

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
  const errors = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const first = (Array.isArray(cell.source) ? cell.source.join("") : cell.source).split("\n")[0];
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") errors.push(`  cell ${i + 1} (${first}): ${o.ename}: ${o.evalue}`);
      // tslab reports a TypeScript compile error as a stderr stream, not as an error output.
      else if (o.output_type === "stream" && o.name === "stderr") {
        // …and a runtime error as a stderr stream with a stack: report its "Error: message" line.
        const text = Array.isArray(o.text) ? o.text.join("") : o.text;
        const thrown = text.split("\n").find((l) => /^[A-Za-z]*Error(\s\[\w+\])?: /.test(l));
        errors.push(
          `  cell ${i + 1} (${first}): ${thrown ?? `stderr: ${text.trim().split("\n").slice(0, 5).join(" | ")}`}`,
        );
      }
    }
  });
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

// What scripts/run-notebooks.mjs and scripts/notebook.mjs share: a private tslab kernel spec for
// THIS checkout, the Python that has nbclient, executing notebooks through execute-notebooks.py,
// and reading cell errors out of an executed notebook. A module: run on its own it only answers --help.
import "./help.mjs";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export const root = new URL("..", import.meta.url).pathname;

/** Why notebooks cannot run here (Jupyter, the workspace or nbclient missing), or undefined when they can. */
export function notReady() {
  const jupyter = spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" });
  if (jupyter.error || jupyter.status !== 0)
    return "Jupyter is not installed (run `bash scripts/setup.sh`, or apt-get install jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)";
  if (!existsSync(tslabPath())) return "the workspace is not installed (run `bash scripts/setup.sh`)";
  if (!python())
    return "nbclient is not installed (run `bash scripts/setup.sh`, or apt-get install python3-nbclient)";
  return undefined;
}

/** This checkout's tslab (HNB_TSLAB overrides it). */
export function tslabPath() {
  return process.env.HNB_TSLAB ?? join(root, "node_modules", ".bin", "tslab");
}

/** Jupyter's own Python, which has nbclient (setup.sh installs it). */
export function python() {
  return ["/usr/bin/python3", "python3"].find(
    (p) => spawnSync(p, ["-c", "import nbclient, nbformat"], { stdio: "ignore" }).status === 0,
  );
}

/**
 * A private kernel spec under `dir`, first on JUPYTER_PATH, running THIS checkout's tslab: whatever
 * kernel the machine has registered is not used. Returns the JUPYTER_PATH to run with.
 */
export function privateKernel(dir) {
  const kernels = join(dir, "jupyter", "kernels", "tslab");
  mkdirSync(kernels, { recursive: true });
  writeFileSync(
    join(kernels, "kernel.json"),
    JSON.stringify({
      argv: [tslabPath(), "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript",
      language: "typescript",
    }),
  );
  return [join(dir, "jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(":");
}

/**
 * Executes notebooks (one Python process, at most 2 kernels at once) into `out`; the kernels run in
 * `cwd` when given, else each in its notebook's folder. Returns each file's status, seconds and stderr.
 */
export function executeNotebooks(paths, { out, cwd, env = {} }) {
  const jupyterPath = privateKernel(out);
  const lanes = Math.max(1, Math.min(2, availableParallelism()));
  const run = spawnSync(
    python() ?? "python3",
    [join(root, "scripts", "execute-notebooks.py"), out, String(lanes), ...paths],
    {
      cwd: cwd ?? join(root, "notebooks"),
      encoding: "utf8",
      env: {
        ...process.env,
        ...env,
        JUPYTER_PATH: jupyterPath,
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
        ...(cwd ? { HNB_NOTEBOOK_CWD: cwd } : {}),
      },
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
  return paths.map((path) => {
    const file = path.split("/").pop();
    const line = lines.get(file);
    return {
      file,
      status: line?.status === "ok" && run.status === 0 ? 0 : 1,
      stderr: run.stderr ?? String(run.error ?? ""),
      seconds: line?.seconds ?? "?",
    };
  });
}

/** The errors of an executed notebook, one line per cell: its number, first line and the error. */
export function cellErrors(nb) {
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
        const lines = text.split("\n");
        const at = lines.findIndex((l) => /^[A-Za-z]*Error(\s\[\w+\])?: /.test(l));
        // The error's own lines up to its stack (a ScenarioError lists its problems there).
        const message =
          at < 0
            ? []
            : lines
                .slice(at, at + 12)
                .filter((_l, j, all) => !all.slice(0, j + 1).some((x) => /^\s+at /.test(x)));
        errors.push(
          `  cell ${i + 1} (${first}): ${at >= 0 ? message.join("\n    ") : `stderr: ${text.trim().split("\n").slice(0, 5).join(" | ")}`}`,
        );
      }
    }
  });
  return errors;
}

// Volatile metadata would make every run a diff. Execution counts are numbered 1, 2, 3… over the
// code cells in order (the kernel's own counter is not always reported, and a fresh run executes
// every cell once, top to bottom), and an execute_result carries its cell's count.
/** An executed notebook without volatile metadata. */
export function tidy(nb) {
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

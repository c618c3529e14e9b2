// The notebook tooling without a kernel: the .ipynb and its source kept in step both ways (an edit
// made in Jupyter is never overwritten, and can be pulled into the source), `pnpm notebook`
// refusing a bad scenario or someone's notebook before it runs anything, the kernel launcher
// finding the clone a notebook sits in, and every script answering --help without doing work.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { scratch } from "./support.js";

const ROOT = process.cwd();
const node = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, INIT_CWD: cwd } });

/** A copy of the scripts and notebooks (sources and .ipynb) to change freely. */
function copy(): string {
  const root = scratch("hnb-nbtools-");
  cpSync("scripts", join(root, "scripts"), { recursive: true });
  cpSync("notebooks", join(root, "notebooks"), { recursive: true, filter: (p) => !p.includes("/output") });
  return root;
}

interface Nb {
  cells: { cell_type: string; source: string[]; metadata?: { tags?: string[] } }[];
  metadata: { hnb?: { cells?: string } };
}
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Nb;

describe("notebooks and their sources, both ways", () => {
  test("the committed notebooks are in step with their sources and record the cells they were built with", () => {
    const r = node(ROOT, "scripts/build-notebooks.mjs", "--check");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const f of readdirSync("notebooks").filter((x) => x.endsWith(".ipynb"))) {
      const nb = read(join("notebooks", f));
      expect(nb.metadata.hnb?.cells, f).toMatch(/^[0-9a-f]{16}$/);
      // The first code cell is the parameters cell, tagged as papermill and `pnpm notebook` expect.
      const first = nb.cells.find((c) => c.cell_type === "code");
      expect(first?.metadata?.tags, f).toEqual(["parameters"]);
      expect(first?.source.join(""), f).toMatch(/process\.env\.HNB_SCENARIO \?\? "\.\.\/data\//);
    }
  });

  test("an edit made in Jupyter is not overwritten; --pull writes it into the source, which then builds the same notebook", () => {
    const root = copy();
    const ipynb = join(root, "notebooks", "01-quick-start.ipynb");
    const source = join(root, "notebooks", "src", "01-quick-start.ts");
    const nb = read(ipynb);
    const cell = nb.cells.filter((c) => c.cell_type === "code")[1];
    cell?.source.push("\nconsole.log('my own line');");
    writeFileSync(ipynb, JSON.stringify(nb, null, 1));
    const edited = readFileSync(ipynb, "utf8");

    const build = node(root, "scripts/build-notebooks.mjs");
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(
      "notebooks/01-quick-start.ipynb was edited (in Jupyter?) since it was built from notebooks/src/01-quick-start.ts: not overwritten.",
    );
    expect(build.stderr).toContain("to keep the edit: node scripts/build-notebooks.mjs --pull 01");
    expect(readFileSync(ipynb, "utf8")).toBe(edited);
    expect(node(root, "scripts/build-notebooks.mjs", "--check").status).toBe(1);

    const outputs = read(ipynb).cells.map((c) =>
      JSON.stringify((c as { outputs?: unknown }).outputs ?? null),
    );
    const pulled = node(root, "scripts/build-notebooks.mjs", "--pull", "01");
    expect(pulled.status).toBe(0);
    expect(readFileSync(source, "utf8")).toContain("console.log('my own line');");
    const check = node(root, "scripts/build-notebooks.mjs", "--check");
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    // The notebook keeps its cells and the outputs the user had.
    expect(
      read(ipynb).cells.map((c) => JSON.stringify((c as { outputs?: unknown }).outputs ?? null)),
    ).toEqual(outputs);
  });

  test("a changed source rebuilds its notebook; both changed stops; --force discards the notebook's edit", () => {
    const root = copy();
    const ipynb = join(root, "notebooks", "02-staffing-investment.ipynb");
    const source = join(root, "notebooks", "src", "02-staffing-investment.ts");
    writeFileSync(source, `${readFileSync(source, "utf8")}\n// %%\nconsole.log("added in the source");\n`);
    expect(node(root, "scripts/build-notebooks.mjs", "--check").stderr).toContain(
      "notebooks/02-staffing-investment.ipynb is stale: its source notebooks/src/02-staffing-investment.ts changed",
    );
    const built = node(root, "scripts/build-notebooks.mjs");
    expect(built.status).toBe(0);
    expect(read(ipynb).cells.at(-1)?.source.join("")).toBe('console.log("added in the source");');

    // Now both sides change: nothing is overwritten until the user says which to keep.
    writeFileSync(source, `${readFileSync(source, "utf8")}\n// %%\nconsole.log("source again");\n`);
    const nb = read(ipynb);
    nb.cells.push({ cell_type: "markdown", source: ["a note of mine"], metadata: {} });
    writeFileSync(ipynb, JSON.stringify(nb, null, 1));
    const before = readFileSync(ipynb, "utf8");
    const both = node(root, "scripts/build-notebooks.mjs");
    expect(both.status).toBe(1);
    expect(both.stderr).toContain("were both changed since the notebook was built");
    expect(readFileSync(ipynb, "utf8")).toBe(before);
    const forced = node(root, "scripts/build-notebooks.mjs", "--force", "02");
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain("discarding the edits made in it");
    expect(read(ipynb).cells.at(-1)?.source.join("")).toBe('console.log("source again");');
  });
});

describe("pnpm notebook, before it runs anything", () => {
  test("a scenario with TODOs is refused with hnb validate's lines; nothing is run or saved", () => {
    const out = scratch("hnb-nbout-");
    const plan = join(out, "plan.xlsx");
    const cli = join(ROOT, "packages/cli/bin/hnb.js");
    expect(
      node(ROOT, cli, "import", "data/sen2-extract", "--authority", "North Somerset", "--out", plan).status,
    ).toBe(0);
    const r = node(
      out,
      join(ROOT, "scripts/notebook.mjs"),
      "01",
      "--scenario",
      "plan.xlsx",
      "--out",
      "saved",
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("plan.xlsx: Placements!E3 (placements[0].unitCost): is not filled in");
    expect(r.stderr).toContain("is not a scenario the notebook can run on");
    expect(existsSync(join(out, "saved"))).toBe(false);
  });

  test("a notebook in --out that it did not write is never replaced; an unknown notebook lists them", () => {
    const out = scratch("hnb-nbout-");
    writeFileSync(join(out, "01-quick-start.ipynb"), JSON.stringify({ cells: [], metadata: {} }));
    const r = node(
      ROOT,
      "scripts/notebook.mjs",
      "01",
      "--scenario",
      "data/default-scenario.yaml",
      "--out",
      out,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("exists and was not written by pnpm notebook (it may be your own edit)");
    expect(readFileSync(join(out, "01-quick-start.ipynb"), "utf8")).toBe(
      JSON.stringify({ cells: [], metadata: {} }),
    );
    const unknown = node(ROOT, "scripts/notebook.mjs", "42", "--scenario", "data/default-scenario.yaml");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no notebook is named "42"');
    expect(unknown.stderr).toContain("  10-demand-flows");
  });
});

describe("the kernel launcher", () => {
  test("runs the tslab of the clone a notebook sits in, and says so when there is none", () => {
    const launcher = join(ROOT, "scripts", "hnb-kernel.cjs");
    expect(node(join(ROOT, "notebooks"), launcher, "--which").stdout.trim()).toBe(
      join(ROOT, "node_modules", "tslab", "dist", "main.js"),
    );
    // Another clone: its own tslab, whichever clone registered the kernel.
    const other = scratch("hnb-clone-");
    mkdirSync(join(other, "node_modules", "tslab", "dist"), { recursive: true });
    writeFileSync(join(other, "node_modules", "tslab", "dist", "main.js"), "");
    mkdirSync(join(other, "notebooks"));
    expect(node(join(other, "notebooks"), launcher, "--which").stdout.trim()).toBe(
      join(other, "node_modules", "tslab", "dist", "main.js"),
    );
    const nowhere = scratch("hnb-nowhere-");
    const r = node(nowhere, launcher, "connection.json");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("is not inside an hnb workspace");
    expect(r.stderr).toContain("ln -s /path/to/clone/node_modules node_modules");
  });

  const jupyter = spawnSync("jupyter", ["--version"], { encoding: "utf8" }).status === 0;
  test.skipIf(!jupyter)(
    "is registered with no clone's path in it, and registering again changes nothing",
    () => {
      const data = scratch("hnb-jupyter-data-");
      const env = { ...process.env, JUPYTER_DATA_DIR: data };
      const register = () =>
        spawnSync(process.execPath, ["scripts/register-kernel.mjs", "--user"], { encoding: "utf8", env });
      expect(register().status).toBe(0);
      const spec = join(data, "kernels", "tslab");
      const kernel = JSON.parse(readFileSync(join(spec, "kernel.json"), "utf8"));
      expect(kernel.argv).toEqual([process.execPath, "{resource_dir}/hnb-kernel.cjs", "{connection_file}"]);
      expect(JSON.stringify(kernel)).not.toContain(ROOT);
      expect(readFileSync(join(spec, "hnb-kernel.cjs"), "utf8")).toBe(
        readFileSync("scripts/hnb-kernel.cjs", "utf8"),
      );
      const first = readFileSync(join(spec, "kernel.json"), "utf8");
      expect(register().status).toBe(0);
      expect(readFileSync(join(spec, "kernel.json"), "utf8")).toBe(first);

      // The registered kernel runs a notebook outside the clone, through a node_modules link beside it.
      const python = ["/usr/bin/python3", "python3"].find(
        (p) => spawnSync(p, ["-c", "import nbclient, nbformat"], { stdio: "ignore" }).status === 0,
      );
      if (!python) return;
      const folder = scratch("hnb-outside-");
      symlinkSync(join(ROOT, "node_modules"), join(folder, "node_modules"), "dir");
      const nb = {
        cells: [
          {
            cell_type: "code",
            execution_count: null,
            id: "c1",
            metadata: {},
            outputs: [],
            source: ['import { fyLabel } from "@hnb/model";\nconsole.log(fyLabel(2022));'],
          },
        ],
        metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
        nbformat: 4,
        nbformat_minor: 5,
      };
      writeFileSync(join(folder, "t.ipynb"), JSON.stringify(nb));
      const run = spawnSync(
        python,
        [
          "-c",
          "import nbformat,sys\nfrom nbclient import NotebookClient\nfrom jupyter_client.kernelspec import KernelSpecManager\nprint(KernelSpecManager().get_kernel_spec('tslab').resource_dir)\nnb=nbformat.read('t.ipynb',4)\nNotebookClient(nb,kernel_name='tslab',timeout=120,resources={'metadata':{'path':sys.argv[1]}}).execute()\nprint(''.join(o.get('text','') for o in nb.cells[0].outputs))",
          folder,
        ],
        {
          cwd: folder,
          encoding: "utf8",
          env: { ...env, JUPYTER_PATH: "", PYDEVD_DISABLE_FILE_VALIDATION: "1" },
          timeout: 180_000,
        },
      );
      // The kernel registered here (not one the machine has) ran it.
      expect(run.stdout.trim().split("\n"), run.stderr).toEqual([spec, "2021-22"]);
    },
    240_000,
  );
});

describe("every script answers --help without doing work", () => {
  const scripts = readdirSync("scripts").sort();
  // Files the scripts write: none may change when asked for help.
  const written = [
    "packages/model/hnb-scenario.schema.json",
    "data/best-case.yaml",
    "data/worst-case.yaml",
    "data/north-somerset-illustrative.yaml",
    "README.md",
    "bench/results.json",
  ].filter((f) => existsSync(f));
  test.each(scripts)("%s --help", (script) => {
    const before = written.map((f) => statSync(f).mtimeMs);
    const path = join("scripts", script);
    const [cmd, args] = script.endsWith(".sh")
      ? ["bash", [path, "--help"]]
      : script.endsWith(".py")
        ? ["python3", [path, "--help"]]
        : [process.execPath, [path, "--help"]];
    const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(80);
    // What it does and how to run it: its opening comment (a shell or Python script prints its own).
    expect(r.stdout).toMatch(/node |bash |pnpm |python|usage/i);
    expect(written.map((f) => statSync(f).mtimeMs)).toEqual(before);
  });
});

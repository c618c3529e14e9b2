// The notebook runner must fail on a broken cell and name the notebook and the cell. Runs only
// where Jupyter and the tslab kernel are installed (scripts/setup.sh installs both).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { scratch } from "./support.js";

const kernels = spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" });
const ready = kernels.status === 0 && existsSync(join("node_modules", ".bin", "tslab"));
if (!ready)
  console.warn(
    "notebook harness test skipped: Jupyter or the tslab kernel is not installed (run bash scripts/setup.sh)",
  );

describe.skipIf(!ready)("the notebook runner", () => {
  test("names the notebook and the cell of a compile error and of a runtime error", () => {
    const root = scratch("hnb-nb-");
    cpSync("scripts", join(root, "scripts"), { recursive: true });
    cpSync("notebooks", join(root, "notebooks"), { recursive: true, filter: (p) => !p.includes("/src") });
    const nb = JSON.parse(readFileSync("notebooks/01-quick-start.ipynb", "utf8"));
    const code = (source: string) => ({
      cell_type: "code",
      execution_count: null,
      metadata: {},
      outputs: [],
      source: [source],
    });
    writeFileSync(
      join(root, "notebooks", "98-compile.ipynb"),
      JSON.stringify({ ...nb, cells: [code("const x: number = 'not a number';")] }),
    );
    writeFileSync(
      join(root, "notebooks", "99-runtime.ipynb"),
      JSON.stringify({
        ...nb,
        cells: [code("const y = 1;"), code('throw new Error("deliberately broken");')],
      }),
    );
    const r = spawnSync(
      process.execPath,
      [join(root, "scripts", "run-notebooks.mjs"), "98-compile", "99-runtime"],
      {
        encoding: "utf8",
        cwd: root,
        env: { ...process.env, HNB_TSLAB: join(process.cwd(), "node_modules", ".bin", "tslab") },
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/notebook 98-compile\.ipynb: 1 cell error/);
    expect(r.stdout).toMatch(
      /cell 1 \(const x: number = 'not a number';\): stderr: .*not assignable to type 'number'/,
    );
    expect(r.stdout).toMatch(
      /cell 2 \(throw new Error\("deliberately broken"\);\): Error: deliberately broken/,
    );
    expect(r.stdout).toMatch(/notebooks: 0 passed, 2 failed/);
  }, 120_000);
});

// `pnpm notebook 01 --scenario FILE` on an imported, filled authority that is not Bristol: it
// executes, saves the executed copy with the user's file in its parameters cell, and every chart
// names that authority and no other. Runs where Jupyter and the tslab kernel are installed; in CI
// (env CI) their absence is a failure, not a skip, as for scripts/run-notebooks.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { scratch } from "./support.js";

const ready =
  spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" }).status === 0 &&
  existsSync(join("node_modules", ".bin", "tslab"));
if (!ready && process.env.CI)
  throw new Error("CI: Jupyter or the tslab kernel is not installed (run bash scripts/setup.sh)");
if (!ready)
  console.warn(
    "notebook-own-scenario test skipped: Jupyter or the tslab kernel is not installed (run bash scripts/setup.sh)",
  );

const FIXTURE = "data/north-somerset-illustrative.yaml";

describe("the North Somerset fixture", () => {
  test("is what hnb import writes for North Somerset, with every TODO filled by a figure marked illustrative", () => {
    const r = spawnSync(process.execPath, ["scripts/make-north-somerset.mjs", "--check"], {
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const text = readFileSync(FIXTURE, "utf8");
    // Its header quotes the import's account ("19 inputs are marked TODO"); no value is one.
    expect(text).not.toMatch(/^[^#]*:\s*"?TODO/m);
    expect(text).toContain('openingBalanceSource: "illustrative:');
  });
});

describe.skipIf(!ready)("pnpm notebook 01 on an imported, filled authority", () => {
  test("executes, saves the copy on the user's file, and its charts name North Somerset, never Bristol", () => {
    const out = scratch("hnb-own-");
    const r = spawnSync(
      process.execPath,
      ["scripts/notebook.mjs", "01", "--scenario", FIXTURE, "--out", out],
      {
        encoding: "utf8",
        env: { ...process.env, INIT_CWD: process.cwd() },
      },
    );
    expect(r.stderr).toContain(`01-quick-start.ipynb: 7 code cells, ok`);
    expect(r.status).toBe(0);
    // Without levers, the cells that need them say so, here and in the notebook.
    expect(r.stderr).toContain("Skipped: the scenario has no levers (mitigations)");
    const nb = JSON.parse(readFileSync(join(out, "01-quick-start.ipynb"), "utf8"));
    const params = nb.cells.find((c: { cell_type: string }) => c.cell_type === "code");
    expect(params.source.join("")).toContain(
      `process.env.HNB_SCENARIO ?? ${JSON.stringify(resolve(FIXTURE))}`,
    );
    const charts: string[] = nb.cells.flatMap((c: { outputs?: { data?: Record<string, unknown> }[] }) =>
      (c.outputs ?? []).flatMap((o) =>
        Object.entries(o.data ?? {})
          .filter(([k]) => k.includes("vegalite") || k === "image/svg+xml")
          .map(([, v]) => JSON.stringify(v)),
      ),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart).toContain("Source: North Somerset from SEN2 2010");
      expect(chart).toContain("north-somerset-illustrative.yaml");
      expect(chart).not.toContain("Bristol");
    }
    // The copy outside the clone finds the clone's packages through a link beside it.
    expect(existsSync(join(out, "node_modules", "@hnb", "io"))).toBe(true);
  }, 300_000);
});

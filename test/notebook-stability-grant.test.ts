// Notebook 11 on a forecast that runs past 31 March 2028 (the Leeds review): every lever figure names
// the year it is at and is computed for that year. The levers' table and sentence are at the
// override's end (2027-28), adding up to the gap then, and the horizon's end is named as such.
// Runs where Jupyter and the tslab kernel are installed; in CI their absence is a failure.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile, parseText, scenarioYaml } from "@hnb/io";
import { forecast, formatMoney } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { scratch } from "./support.js";

const ready =
  spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" }).status === 0 &&
  existsSync(join("node_modules", ".bin", "tslab"));
if (!ready && process.env.CI)
  throw new Error("CI: Jupyter or the tslab kernel is not installed (run bash scripts/setup.sh)");
if (!ready)
  console.warn(
    "notebook-stability-grant test skipped: Jupyter or the tslab kernel is not installed (run bash scripts/setup.sh)",
  );

/** data/bristol-2025.yaml run on to 2029-30 with two levers: its grant is paid in 2026-27. */
function pastTheOverride(dir: string): string {
  const read = parseText(readFileSync("data/bristol-2025.yaml", "utf8"), "yaml");
  if (!read.ok) throw new Error("data/bristol-2025.yaml does not parse");
  // biome-ignore lint/suspicious/noExplicitAny: a raw scenario file, edited as data
  const s = read.data as any;
  s.horizon = 5;
  s.income.hnb.growth = 0;
  s.mitigations = [
    { id: "banding", type: "unitCostChange", placements: ["special"], change: -0.03, fromFY: "2026-27" },
    {
      id: "invest",
      type: "staffing",
      staffing: [
        { id: "eps", role: "Educational Psychologist", fte: 3, unitCost: 90_000, firstFY: "2025-26" },
      ],
    },
  ];
  const file = join(dir, "bristol-to-2030.yaml");
  writeFileSync(file, scenarioYaml(s));
  return file;
}

type Output = { text?: string | string[]; data?: Record<string, string | string[]> };
const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
// What a reader sees: printed lines and the plain text of tables.
const outputText = (nb: { cells: { outputs?: Output[] }[] }) =>
  nb.cells
    .flatMap((c) => c.outputs ?? [])
    .map((o) => joined(o.text) + joined(o.data?.["text/plain"]))
    .join("\n");

describe.skipIf(!ready)("notebook 11 on a forecast that runs past the override's end", () => {
  test("weighs the levers at 31 March 2028 and names the horizon's end apart", async () => {
    const dir = scratch("hnb-nb11-");
    const file = pastTheOverride(dir);
    const result = forecast(await loadScenarioFile(file));
    const o = result.statutoryOverride;
    expect(o.fy).toBe("2027-28");
    expect(result.financialYears.at(-1)).toBe("2029-30");
    const money = (x: number) =>
      formatMoney(x, { unit: "millions", decimals: 1, symbol: true, suffix: true, negative: "minus" });
    const gap2028 = (o.mitigated ?? 0) - (o.unmitigated ?? 0);
    const gapEnd = result.leverTotals.total.shapley;
    // The two gaps differ, so a sentence at the wrong year cannot pass.
    expect(money(gap2028)).not.toBe(money(gapEnd));
    const r = spawnSync(process.execPath, ["scripts/notebook.mjs", "11", "--scenario", file, "--out", dir], {
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: process.cwd() },
    });
    expect(r.status, r.stderr).toBe(0);
    const text = outputText(JSON.parse(readFileSync(join(dir, "11-stability-grant.ipynb"), "utf8")));
    expect(text).toContain(
      `The plan's levers improve the balance at the end of 2027-28 by ${money(gap2028)} net of the grant`,
    );
    expect(text).toContain(
      `At the end of 2029-30, the forecast's last year (the lever table of hnb forecast), they improve it by ${money(gapEnd)} net of the grant.`,
    );
    expect(text).toContain("Levers: savings on the balance at the end of 2027-28");
  }, 300_000);
});

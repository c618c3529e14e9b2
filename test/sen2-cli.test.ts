// hnb import and hnb backtest on the DfE SEN2 2022 release. The full files are not in the repo:
// the tests find them through HNB_SEN2_DIR (default ../shared/data/sen2-2022) and are skipped,
// saying so, where they are absent.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "@hnb/cli";
import { parseScenarioText } from "@hnb/io";
import { describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

const DIR = resolve(process.env.HNB_SEN2_DIR ?? "../shared/data/sen2-2022");
const available = existsSync(join(DIR, "sen2_estab_caseload.csv"));
if (!available)
  console.warn(`SKIPPED hnb import/backtest tests: no DfE SEN2 2022 release at ${DIR} (set HNB_SEN2_DIR)`);

describe("hnb import and backtest: bad input", () => {
  test("a folder without SEN2 files, and a missing --authority, are clear errors", async () => {
    const io = capture();
    expect(await main(["import", "test", "--authority", "Bristol"], io)).toBe(1);
    expect(io.stderr).toContain("holds no DfE SEN2 statistics");
    const usage = capture();
    expect(await main(["import", "test"], usage)).toBe(2);
    expect(usage.stderr).toContain("--authority is required");
  });
});

describe.skipIf(!available)("hnb import and backtest on the 2022 release", () => {
  test("import writes a valid scenario skeleton with history and growth: auto", async () => {
    const io = capture();
    expect(await main(["import", DIR, "--authority", "Bristol", "--horizon", "4"], io)).toBe(0);
    expect(io.stdout).toContain("# Bristol, City of (E06000023, 801)");
    const parsed = parseScenarioText(io.stdout, "yaml");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.scenario.baseYear).toBe(2022);
      expect(parsed.scenario.placements.find((p) => p.id === "special")?.history?.["2021"]).toBe(1051);
    }
  });
  test("an unknown authority lists the closest names", async () => {
    const io = capture();
    expect(await main(["import", DIR, "--authority", "Bristoll"], io)).toBe(1);
    expect(io.stderr).toContain('no authority "Bristoll" in the statistics; closest:');
  });
  test("backtest prints the method table and writes its chart", async () => {
    const out = join(scratch("hnb-bt-"), "bt");
    const io = capture();
    expect(await main(["backtest", DIR, "--out", out, "--quiet"], io)).toBe(0);
    expect(io.stdout).toMatch(/auto\s+\|?\s*3 yr/);
    expect(readdirSync(out).sort()).toEqual([
      "backtest-summary.csv",
      "backtest.csv",
      "backtest.json",
      "backtest.png",
      "backtest.svg",
      "chart-descriptions.md",
    ]);
    const json = JSON.parse(readFileSync(join(out, "backtest.json"), "utf8"));
    expect(json.series).toBeGreaterThan(140);
  }, 60_000);
});

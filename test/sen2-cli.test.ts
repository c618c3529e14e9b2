// hnb import and hnb backtest on the DfE SEN2 2022 release. The full files are not in the repo:
// the tests find them through HNB_SHARED_DATA (test/shared-data.ts) and are skipped, saying so,
// where they are absent.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { parseScenarioText } from "@hnb/io";
import { describe, expect, test } from "vitest";
import { HAS_2022 as available, SEN2_2022 as DIR, HAS_2025, SEN2_2025 } from "./shared-data.js";
import { capture, scratch } from "./support.js";

describe("hnb import and backtest: bad input", () => {
  test("a folder without SEN2 files, and a missing --authority, are clear errors", async () => {
    const io = capture();
    expect(await main(["import", "test", "--authority", "Bristol"], io)).toBe(1);
    expect(io.stderr).toContain("holds no DfE SEN2 statistics");
    const usage = capture();
    expect(await main(["import", "test"], usage)).toBe(2);
    expect(usage.stderr).toContain("--authority is required");
    const missing = capture();
    expect(await main(["import", "no-such-folder", "--authority", "Bristol"], missing)).toBe(1);
    expect(missing.stderr).toContain("no-such-folder does not exist");
    const file = capture();
    expect(await main(["import", "README.md", "--authority", "Bristol"], file)).toBe(1);
    expect(file.stderr).toContain("README.md is a file, not a folder");
  });
});

describe.skipIf(!available)("hnb import and backtest on the 2022 release", () => {
  test("import writes a skeleton with history and growth: auto whose only problems are its TODO inputs", async () => {
    const io = capture();
    expect(await main(["import", DIR, "--authority", "Bristol", "--horizon", "4"], io)).toBe(0);
    expect(io.stdout).toContain("# Bristol, City of (E06000023, 801)");
    const parsed = parseScenarioText(io.stdout, "yaml");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.every((p) => p.code === "not-filled-in")).toBe(true);
    const filled = parseScenarioText(io.stdout.replace(/"?TODO:[^\n]*(\n {6,}[^\n]*)*/g, "0.03"), "yaml");
    expect(filled.ok).toBe(true);
    if (filled.ok) {
      expect(filled.scenario.baseYear).toBe(2022);
      // January 2021: 602 LA maintained (hospital schools included, as the 2023+ layout counts them) + 473 academies.
      expect(filled.scenario.placements.find((p) => p.id === "special")?.history?.["2021"]).toBe(1075);
      expect(filled.scenario.reference?.name).toBe("England");
      expect(filled.scenario.flows?.newPlans?.["2021"]).toBe(579);
    }
  });
  test("import never replaces an existing file (it may be a filled-in scenario) and --out must name a file", async () => {
    const dir = scratch("hnb-import-");
    const kept = join(dir, "scenario.yaml");
    writeFileSync(kept, "filled in\n");
    const io = capture();
    expect(await main(["import", DIR, "--authority", "Bristol", "--out", kept], io)).toBe(1);
    expect(io.stderr).toContain("already exists: import never replaces a file");
    expect(readFileSync(kept, "utf8")).toBe("filled in\n");
    const folder = capture();
    expect(await main(["import", DIR, "--authority", "Bristol", "--out", dir], folder)).toBe(1);
    expect(folder.stderr).toContain("is a folder: give the scenario file to write");
  });
  test("a backtest with no forecast to score is refused, nothing written", async () => {
    const out = join(scratch("hnb-bt-"), "bt");
    const io = capture();
    expect(await main(["backtest", DIR, "--holdout", "2030", "--level", "total", "--out", out], io)).toBe(1);
    expect(io.stderr).toContain("no forecast can be scored from origin 2030");
    expect(io.stderr).toContain("the statistics run from 2010 to 2022");
    expect(existsSync(out)).toBe(false);
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
      ".hnb-pack",
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

describe("hnb backtest: what is out of sample is said", () => {
  test("a holdout origin before the figures auto was tuned on is labelled in-sample, on the extract in the repo", async () => {
    const io = capture();
    expect(await main(["backtest", "data/sen2-extract", "--holdout", "2016", "--json"], io)).toBe(0);
    const r = JSON.parse(io.stdout);
    expect(r.scope).toContain(
      "origin 2016 only, in-sample (auto's constants were chosen on targets up to January 2019: a holdout origin is 2019 or later)",
    );
    expect(r.outOfSample).toBe(false);
    expect(r.holdout).toBeUndefined();
    const later = capture();
    expect(await main(["backtest", "data/sen2-extract", "--holdout", "2019", "--json"], later)).toBe(0);
    expect(JSON.parse(later.stdout)).toMatchObject({ outOfSample: true, holdout: 2019 });
  });
  test.skipIf(!HAS_2025)(
    "a release that starts at the origin: auto has nothing to read and the run says it forecasts no change",
    async () => {
      const io = capture();
      expect(await main(["backtest", SEN2_2025, "--holdout", "2019", "--level", "total", "--json"], io)).toBe(
        0,
      );
      expect(io.stderr).toContain(
        "hnb backtest: these statistics start at 2019: at origin 2019 no series has a census before it, so auto has neither its own trend nor England's and forecasts no change (the same as flat)",
      );
      expect(JSON.parse(io.stdout).note).toContain("forecasts no change");
    },
  );
});

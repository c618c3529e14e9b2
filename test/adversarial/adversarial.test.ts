// The adversarial pass of issue #15, one case (or more) per class of fault, each through the real
// command line: a clean refusal naming the file and the field or flag (exit 1 bad input, 2 usage),
// no stack trace, and no output changed. Deeper cases of each class live beside the code they test:
// formula-limits.test.ts, write.test.ts (killed at random points), csv.test.ts, scenario-keys.test.ts,
// goal-seek-args.test.ts, sen2.test.ts and bad-input.test.ts.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { forecast, type Scenario } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { GOOD_SCENARIO } from "../fixtures/good-scenario.js";
import { run, scratch } from "../support.js";
import { refused, scratchFile } from "./refusal.js";

const BIN = resolve("packages/cli/bin/hnb.js");
const BUILT = existsSync(resolve("packages/cli/dist/bin.js"));
const GOOD = GOOD_SCENARIO;

/** A scenario file in a fresh folder. */
const scenario = scratchFile;
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64").slice(0, 200)]),
  );

describe("1–2. the pack is replaced whole, and no stale file survives", () => {
  test("a pack written with --paths, then without: no fan, tornado or uncertainty.csv remain", async () => {
    const dir = join(scratch("hnb-adv-"), "pack");
    const file = "data/default-scenario.yaml";
    expect((await run(["forecast", file, "--out", dir, "--paths", "50", "--quiet"])).code).toBe(0);
    expect(readdirSync(dir)).toContain("fan.svg");
    expect((await run(["forecast", file, "--out", dir, "--quiet"])).code).toBe(0);
    const files = readdirSync(dir);
    for (const stale of ["fan.svg", "fan.png", "tornado.svg", "uncertainty.csv"])
      expect(files).not.toContain(stale);
  });
  test("levers.csv replaced by a folder, then a pack for another scenario: the folder holds exactly the new pack", async () => {
    const dir = join(scratch("hnb-adv-"), "pack");
    expect((await run(["forecast", "data/default-scenario.yaml", "--out", dir, "--quiet"])).code).toBe(0);
    rmSync(join(dir, "levers.csv"));
    mkdirSync(join(dir, "levers.csv"));
    const other = scenario(GOOD);
    expect((await run(["forecast", other, "--out", dir, "--quiet"])).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "forecast.json"), "utf8"));
    expect(json.scenario).toBe("Test");
    expect(readFileSync(join(dir, "levers.csv"), "utf8")).toMatch(/^id,/);
    expect(readdirSync(join(dir, "..")).filter((f) => f.includes(".hnb-"))).toEqual([]);
  });
});

describe("3 and 12. formulas cannot crash, hang, exhaust memory or reconfigure the evaluator", () => {
  test.each([
    ["sum(1:1e9)", /ranges \(a:b\) are not allowed/],
    ["f(n) = n < 1 ? 1 : f(n-1) + f(n-1); f(40)", /refused/],
    ["size(zeros(20000,20000))[1]", /refused/],
    ["max(config({number:'BigNumber'}).precision,1)", /refused/],
    [`${"(".repeat(100_000)}1${")".repeat(100_000)}`, /nests brackets 100000 levels deep/],
  ])("%#: refused, naming the field", async (formula, says) => {
    const file = scenario(GOOD.replace("unitCost: 28500", `unitCost: ${JSON.stringify(formula)}`));
    refused(await run(["validate", file]), 1, /placements\[0\]\.unitCost: /, says);
  });
  test("a later formula in the same process is still a plain number", async () => {
    await run([
      "validate",
      scenario(GOOD.replace("unitCost: 28500", `unitCost: "max(config({number:'BigNumber'}).precision,1)"`)),
    ]);
    const r = await run([
      "forecast",
      scenario(GOOD.replace("unitCost: 28500", 'unitCost: "2^0.5 * 20000"')),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).unmitigated.placements[0].unitCost).toBeCloseTo(2 ** 0.5 * 20000, 9);
  });
});

describe("4. overflow is refused at the inputs, and no output figure is ever non-finite", () => {
  test.each([
    ["count: 100", "count: 1e308", "placements[0].count"],
    ["unitCost: 60000", "unitCost: 1e308", "placements[1].unitCost"],
    ["growth: 0.05", "growth: 1e300", "placements[0].growth"],
  ])("%s → %s", async (find, replace, path) => {
    refused(await run(["forecast", scenario(GOOD.replace(find, replace)), "--json"]), 1, `${path}: must be`);
  });
});

describe("5. CSV cells cannot run as formulas", () => {
  test("a label such as =cmd|' /C calc'!A0 is written as text", async () => {
    const dir = join(scratch("hnb-adv-"), "pack");
    const file = scenario(GOOD.replace("label: INMSS", `label: "=cmd|' /C calc'!A0"`));
    expect((await run(["forecast", file, "--out", dir, "--quiet"])).code).toBe(0);
    const csv = readFileSync(join(dir, "placements.csv"), "utf8");
    expect(csv).toContain("'=cmd|' /C calc'!A0");
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});

describe("6. goal-seek answers only what it can", () => {
  test("--min above --max, an out-of-range bound and a prototype name are usage errors", async () => {
    const base = ["goal-seek", "data/default-scenario.yaml", "--lever", "dbv-grant", "--target", "2027-28"];
    refused(
      await run([...base, "--parameter", "confidence", "--min", "5", "--max", "1"]),
      2,
      /--min 5 is above --max 1/,
    );
    refused(
      await run([...base, "--parameter", "confidence", "--max", "50"]),
      2,
      /confidence must be between 0 and 1/,
    );
    refused(await run([...base, "--parameter", "constructor"]), 2, /unknown parameter "constructor"/);
  });
});

describe("7. a bad SEN2 file is refused by file and line", () => {
  const head =
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,establishment_type,establishment_group,Total_st,Total_st_pc,Total_ehc,Total_ehc_pc,Total_all,Total_all_pc";
  const row =
    '2022,Calendar year,Local authority,E92000001,England,E12000009,South West,801,E06000023,"Bristol, City of",Total,Total,z,z,100,100,100,100';
  test.each([
    ["a duplicated row", `${head}\n${row}\n${row}\n`, /line 3 repeats line 2/],
    [
      "an unterminated quote",
      `${head}\n${row.replace('"Bristol', '"Bristol ')}\n2022,"x\n`,
      /a quote is opened and never closed/,
    ],
    [
      "a negative count",
      `${head}\n${row.replace(",100,100,100,100", ",100,100,-5,100")}\n`,
      /Total_all is "-5", not a count/,
    ],
  ])("%s", async (_, text, says) => {
    const dir = scratch("hnb-adv-");
    writeFileSync(join(dir, "sen2_estab_caseload.csv"), text);
    refused(await run(["import", dir, "--authority", "Bristol"]), 1, /sen2_estab_caseload\.csv/, says);
  });
  test("a Latin-1 file", async () => {
    const dir = scratch("hnb-adv-");
    writeFileSync(
      join(dir, "sen2_estab_caseload.csv"),
      Buffer.from(`${head}\n${row.replace("Bristol", "Br\xeestol")}\n`, "latin1"),
    );
    refused(await run(["import", dir, "--authority", "Bristol"]), 1, /is not UTF-8 text/);
  });
  test("--horizon abc is a usage error, not an internal one", async () => {
    refused(
      await run(["import", "data/sen2-extract", "--authority", "Bristol", "--horizon", "abc"]),
      2,
      /--horizon must be a whole number/,
    );
  });
});

describe("8. valid scenarios do not crash --out", () => {
  test("1,200 placement types: the charts show DSG categories instead of a legend of 1,200", async () => {
    const types = Array.from(
      { length: 1200 },
      (_, i) => `  - { id: p${i}, label: P${i}, category: MdSSA, count: 10, unitCost: 1000 }`,
    );
    const file = scenario(
      `${GOOD.split("placements:")[0]}placements:\n${types.join("\n")}\nincome:\n  hnb: { amount: 5000000 }\n`,
    );
    const dir = join(scratch("hnb-adv-"), "pack");
    expect((await run(["forecast", file, "--out", dir, "--quiet"])).code).toBe(0);
    expect(readFileSync(join(dir, "chart-descriptions.md"), "utf8")).toContain(
      "## High Needs expenditure by placement type",
    );
  }, 60_000);
  test("a control character in a label is refused at validation", async () => {
    refused(
      await run(["validate", scenario(GOOD.replace("label: INMSS", 'label: "IN\\u001bMSS"'))]),
      1,
      /placements\[1\]\.label: contains a control character/,
    );
  });
});

describe("9. simulation memory is estimated and refused above the budget", () => {
  test("1,009 placement types × 1,000,000 paths", async () => {
    const types = Array.from(
      { length: 1009 },
      (_, i) => `  - { id: p${i}, label: P${i}, category: MdSSA, count: 10, unitCost: 1000 }`,
    );
    const file = scenario(
      `${GOOD.split("placements:")[0]}placements:\n${types.join("\n")}\nincome:\n  hnb: { amount: 5000000 }\nuncertainty: { costInflation: { distribution: normal, sd: 0.01 } }\n`,
    );
    refused(
      await run(["forecast", file, "--json", "--paths", "1000000"]),
      2,
      /--paths 1000000 would keep [\d.]+ GiB of simulated figures \(1,0\d\d a path: .* the budget is 2 GiB: use at most --paths \d+/,
    );
  });
});

describe("10. duplicate keys are refused", () => {
  test("JSON and YAML", async () => {
    const json = scenario(
      '{"schema":"hnb-scenario/1","openingBalance":-20000000,"openingBalance":0}',
      "s.json",
    );
    refused(await run(["validate", json]), 1, /duplicate key "openingBalance" at line 1/);
    const yaml = scenario(
      `${GOOD}mitigations:\n  - { id: m, type: placementShift, fromPlacement: inmss, toPlacement: special, moves: { 2026: 10, "2026": 500 } }\n`,
    );
    refused(await run(["validate", yaml]), 1, /duplicate key "2026"/);
  });
});

describe("11. --out can never overwrite the input", () => {
  test("a scenario inside the output folder", async () => {
    const file = scenario(GOOD);
    const dir = join(file, "..");
    const before = snapshot(dir);
    refused(await run(["forecast", file, "--out", dir]), 2, /holds the scenario file/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("13. I/O problems name the path, never raw internals", () => {
  test("--out an existing file, a dangling symlink, and a folder that is not a pack", async () => {
    const dir = scratch("hnb-adv-");
    const file = join(dir, "report.txt");
    writeFileSync(file, "mine");
    refused(
      await run(["forecast", "data/default-scenario.yaml", "--out", file, "--quiet"]),
      1,
      /report\.txt is a file, not a folder/,
    );
    symlinkSync(join(dir, "nowhere"), join(dir, "link"));
    refused(
      await run(["forecast", "data/default-scenario.yaml", "--out", join(dir, "link"), "--quiet"]),
      1,
      /link/,
    );
    refused(
      await run(["forecast", "data/default-scenario.yaml", "--out", dir, "--quiet"]),
      1,
      /is not an hnb output folder/,
    );
    expect(readFileSync(file, "utf8")).toBe("mine");
  });
  test("a scenario file that does not exist", async () => {
    refused(await run(["forecast", "no/such.yaml"]), 1, /no\/such\.yaml/);
  });
});

describe.skipIf(!BUILT)("14. terminal safety (the built command)", () => {
  test("a closed pipe ends quietly; a full disk says so; neither prints a stack trace", () => {
    const pipe = spawnSync(
      "bash",
      ["-c", `node ${BIN} forecast data/default-scenario.yaml --json | head -c 10`],
      { encoding: "utf8" },
    );
    expect(pipe.stdout).toHaveLength(10);
    noStack(pipe.stderr);
    const full = spawnSync(
      "bash",
      ["-c", `node ${BIN} forecast data/default-scenario.yaml --json > /dev/full`],
      { encoding: "utf8" },
    );
    expect(full.status).toBe(1);
    expect(full.stderr).toContain("cannot write to standard output: ENOSPC");
    noStack(full.stderr);
  });
  test("--out under /proc ends at once with a message", () => {
    const r = spawnSync("node", [BIN, "forecast", "data/default-scenario.yaml", "--out", "/proc/xyz"], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    noStack(r.stderr);
  });
  test("a newline in a formula cannot forge an extra message line", async () => {
    const r = await run([
      "validate",
      scenario(GOOD.replace("unitCost: 28500", 'unitCost: "1 +\\nfile: forged: line"')),
    ]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n").filter((l) => l.startsWith("file: forged"))).toEqual([]);
  });
});

describe("15. smaller", () => {
  test("__proto__ and constructor inside a map are refused alike", async () => {
    for (const key of ["__proto__", "constructor"])
      refused(
        await run([
          "validate",
          scenario(
            `${GOOD}mitigations:\n  - { id: m, type: placementShift, fromPlacement: inmss, toPlacement: special, moves: { ${key}: 5 } }\n`,
          ),
        ]),
        1,
        new RegExp(`key "${key}"`),
      );
  });
  test("forecast() on an object that was never validated throws, rather than returning NaN", () => {
    expect(() => forecast({ name: "x" } as unknown as Scenario)).toThrow(/needs a validated scenario/);
  });
  test("goal-seek's 'no lever' names the file, on stderr", async () => {
    refused(
      await run([
        "goal-seek",
        "data/default-scenario.yaml",
        "--lever",
        "nope",
        "--parameter",
        "reduction",
        "--target",
        "2025-26",
      ]),
      1,
      /data\/default-scenario\.yaml: --lever: no lever "nope"/,
    );
  });
});

// The second adversarial round (issue #33): each class of fault closed at its root, each case through
// the real command line (part 2: exit codes, readers, numbers, bounds, messages, CSV, markup; part 1 is
// second-round-writes.test.ts). A refusal is a message naming the input, exit 1 (bad input) or 2
// (usage), no stack trace, and nothing written or deleted.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "../run-command.js";
import { scratch } from "../support.js";
import { refused } from "./refusal.js";
import {
  DEMAND,
  file,
  GOOD,
  HEAD,
  monitoringFolder,
  monitoringYaml,
  ROW,
  sen2Dir,
} from "./second-round-support.js";

describe("6. no input gives exit 70 (an internal error)", () => {
  test.each([
    [
      "loglinear with a zero year",
      "{ method: loglinear }",
      "2022: 100, 2023: 0, 2024: 160",
      /loglinear-5 needs 3 census years with counts above zero/,
    ],
    ["last with one year", "{ method: last }", "2024: 160", /last needs at least 2 census years/],
    [
      "reference without a reference",
      "{ method: reference }",
      undefined,
      /reference-5 needs a reference series/,
    ],
  ])("demand.newPlans.growth: %s", async (_, growth, flows, says) => {
    const s = file(DEMAND(growth, flows));
    for (const command of ["validate", "forecast"])
      refused(
        await run([command, s]),
        1,
        /demand\.newPlans\.growth: /,
        says,
        /the history is flows\.newPlans/,
      );
  });
  test("a per-head population near zero is refused at the input, not overflowed at an output", async () => {
    const perHead = (base: string) =>
      GOOD.replace(
        "hnb: { amount: 5000000 }",
        `hnb: { amount: 5000000, perHead: { population: { "2024-25": ${base}, "2025-26": 50000, "2026-27": 50000 }, formula: { "2025-26": 100, "2026-27": 100 }, floor: 0, cap: 0.1 } }`,
      );
    for (const command of ["validate", "forecast"])
      refused(
        await run([command, file(perHead("1e-300"))]),
        1,
        /income\.hnb\.perHead\.population\["2024-25"\]: is 1e-300: the 2–18 population must be at least 1/,
      );
  });
  test.each([
    [
      "an ESC in a name",
      ROW("2022", "100", '"Bris\u001btol"'),
      /line 2: holds a control character \(U\+001B\)/,
    ],
    ["1e308 as a count", ROW("2022", "1e308"), /line 2: Total_all is "1e308", not a count/],
    ["a count beyond any authority", ROW("2022", "99999999"), /line 2: Total_all is "99999999", not a count/],
    ["an empty la_name", ROW("2022", "100", ""), /line 2: la_name is empty on a Local authority row/],
  ])("a SEN2 file with %s is refused by file and line", async (_, row, says) => {
    const r = await run(["import", sen2Dir(`${HEAD}\n${row}\n`), "--authority", "E06000023"]);
    refused(r, 1, /sen2_estab_caseload\.csv /, says);
  });
});

describe("7. every reader refuses what is not a regular file: a FIFO, a link to a device, a folder", () => {
  /** A FIFO, a link to /dev/zero and a folder at `path`, one at a time, each removed after `check`. */
  async function eachKind(path: string, check: (kind: string) => Promise<void>): Promise<void> {
    execFileSync("mkfifo", [path]);
    await check("a FIFO");
    rmSync(path);
    symlinkSync("/dev/zero", path);
    await check("a link to /dev/zero");
    rmSync(path);
    mkdirSync(path);
    await check("a folder");
    rmSync(path, { recursive: true });
  }
  test.skipIf(process.platform === "win32")(
    "the SEN2 reader (each of its files)",
    async () => {
      for (const name of ["sen2_estab_caseload.csv", "sen2_age_caseload.csv"]) {
        const dir = sen2Dir(`${HEAD}\n${ROW()}\n`);
        rmSync(join(dir, name), { force: true });
        await eachKind(join(dir, name), async () => {
          const r = await run(["import", dir, "--authority", "E06000023"]);
          refused(r, 1, new RegExp(`${name} is not a regular file \\(a folder, pipe or device\\)`));
        });
      }
    },
    20_000,
  );
  test.skipIf(process.platform === "win32")(
    "the scenario, monitoring and previous-report readers",
    async () => {
      const dir = monitoringFolder();
      await eachKind(join(dir, "x.yaml"), async () => {
        refused(await run(["validate", join(dir, "x.yaml")]), 1, /x\.yaml is not a file/);
        refused(await run(["monitor", join(dir, "x.yaml")]), 1, /x\.yaml is not a file/);
        refused(
          await run(["monitor", join(dir, "q2.yaml"), "--previous", join(dir, "x.yaml")]),
          1,
          /x\.yaml is not a file/,
        );
      });
      await eachKind(join(dir, "x.json"), async () => {
        refused(
          await run(["monitor", join(dir, "q2.yaml"), "--previous", join(dir, "x.json")]),
          1,
          /x\.json is not a file/,
        );
      });
      // The scenario a monitoring file names.
      file(monitoringYaml("Q1", 3, "x.yaml"), "named.yaml", dir);
      await eachKind(join(dir, "x.yaml"), async () => {
        refused(await run(["monitor", join(dir, "named.yaml")]), 1, /scenario: x\.yaml .* is not a file/);
      });
    },
    20_000,
  );
});

describe("8. no silent wrong numbers", () => {
  test.each([
    [
      "baseYear: 2025",
      "baseYear: 2024-01-01",
      /baseYear: is "2024-01-01", which looks like a date, not a figure/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: 2024-01-01",
      /openingBalance: is "2024-01-01", which looks like a date, not a figure \(written as a formula it would be the subtraction 2024 − 01 − 01\)/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: 2024-01-01T10:00:00Z",
      /openingBalance: is "2024-01-01T10:00:00Z", which looks like a date/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: 2025-26",
      /openingBalance: is "2025-26", which looks like a financial year, not a figure/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: 2025-06",
      /openingBalance: is "2025-06", which looks like a month, not a figure/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: !!timestamp 2024-01-01",
      /openingBalance: expected a number or a formula, got a date \(2024-01-01\)/,
    ],
    [
      "openingBalance: 0",
      "openingBalance: !!binary aGVsbG8=",
      /openingBalance: expected a number or a formula, got binary data/,
    ],
  ])("%s → %s", async (find, replace, says) => {
    refused(await run(["validate", file(GOOD.replace(find, replace))]), 1, says);
  });
  test("a formula that merely has a dash is still a formula", async () => {
    expect(
      (await run(["validate", file(GOOD.replace("openingBalance: 0", 'openingBalance: "1000-25"'))])).code,
    ).toBe(0);
  });
  test("an override that ended before the base year ends is refused", async () => {
    refused(
      await run(["validate", file(`${GOOD}statutoryOverride: { ends: "1999-03-31" }\n`)]),
      1,
      /statutoryOverride\.ends: 1999-03-31 is before the end of the base financial year 2024-25 \(31 March 2025\)/,
    );
  });
  test("--previous monitoring.json: a line missing or given twice, and an actualsTo that is not its month, are refused", async () => {
    const dir = monitoringFolder();
    expect((await run(["monitor", join(dir, "q1.yaml"), "--out", join(dir, "q1"), "--quiet"])).code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "q1", "monitoring.json"), "utf8"));
    const previous = (change: (j: typeof written) => void) => {
      const j = structuredClone(written);
      change(j);
      return ["monitor", join(dir, "q2.yaml"), "--previous", file(JSON.stringify(j), "previous.json", dir)];
    };
    refused(
      await run(previous((j) => j.lines.splice(1, 1))),
      1,
      /previous\.json: lines: gives no outturn for "inmss", a line of this report .*, so its movement would be its whole outturn/,
    );
    refused(
      await run(previous((j) => j.lines.push({ ...j.lines[0], outturn: 1 }))),
      1,
      /previous\.json: lines\[3\]\.id: line "special" is given a second time/,
    );
    refused(
      await run(
        previous((j) => {
          j.actualsTo = "banana";
        }),
      ),
      1,
      /previous\.json: actualsTo: is "banana", but 3 months of 2024-25 closed means "2024-06"/,
    );
    // As written it is accepted.
    expect((await run(previous(() => undefined))).code).toBe(0);
  });
});

describe("9. bounds on inputs that would otherwise do nothing or give absurd figures", () => {
  test.each([
    [
      "unitCostChange change 1e12",
      '{ id: m, type: unitCostChange, placements: [special], change: 1e12, fromFY: "2025-26" }',
      /mitigations\[0\]\.change: must be a proportional change from -1 \(the whole cost saved\) to 10 \(1,000% more\) \(got 1000000000000\)/,
    ],
    [
      "lineChange change 11",
      '{ id: m, type: lineChange, lines: [therapies], change: 11, fromFY: "2025-26" }',
      /mitigations\[0\]\.change: must be a proportional change from -1/,
    ],
  ])("%s", async (_, lever, says) => {
    refused(await run(["validate", file(`${GOOD}mitigations:\n  - ${lever}\n`)]), 1, says);
  });
  test("a line cut by 100% (change -1) is a lever, not an error", async () => {
    const r = await run([
      "forecast",
      file(
        `${GOOD}mitigations:\n  - { id: m, type: lineChange, lines: [therapies], change: -1, fromFY: "2025-26" }\n`,
      ),
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).mitigated.lines.map((l: { cost: number }) => l.cost)).toEqual([100000, 0, 0]);
  });
  test("a flow lever from after the horizon", async () => {
    refused(
      await run([
        "validate",
        file(
          `${DEMAND("0.05")}mitigations:\n  - { id: m, type: newPlansChange, change: -0.1, from: 2090 }\n`,
        ),
      ]),
      1,
      /mitigations\[0\]\.from: census year 2090 is after the last forecast year 2027: the lever would change nothing/,
    );
  });
  test("a demand section whose EHCP placements total 0", async () => {
    refused(
      await run([
        "validate",
        file(DEMAND("0.05").replace("count: 100", "count: 0").replace("count: 20", "count: 0")),
      ]),
      1,
      /demand: the EHCP placements \(every category but NONE\) have no pupils in 2025/,
    );
  });
  test("a per-head population of 0 in a later year", async () => {
    const s = GOOD.replace(
      "hnb: { amount: 5000000 }",
      'hnb: { amount: 5000000, perHead: { population: { "2024-25": 50000, "2025-26": 0, "2026-27": 50000 }, formula: { "2025-26": 100, "2026-27": 100 }, floor: 0, cap: 0.1 } }',
    );
    refused(
      await run(["validate", file(s)]),
      1,
      /income\.hnb\.perHead\.population\["2025-26"\]: is 0: the 2–18 population must be at least 1/,
    );
  });
  test("ehcpsByAge.census after the base year", async () => {
    refused(
      await run(["validate", file(`${GOOD}ehcpsByAge: { census: 2099, counts: { under5: 3 } }\n`)]),
      1,
      /ehcpsByAge\.census: census year 2099 is after the base year 2025/,
    );
  });
});

describe("10. messages name the input that caused them, in the user's terms", () => {
  test("demand.requests: new plans above the requests are not said to be missing", async () => {
    const s = DEMAND("0.05")
      .replace(
        "  newPlans: { growth: 0.05 }\n",
        "  newPlans: { growth: 0.05 }\n  requests: { growth: 0.05 }\n",
      )
      .replace("flows:\n", "flows:\n  requests: { 2022: 100, 2023: 100, 2024: 100 }\n");
    const r = await run(["validate", file(s)]);
    refused(
      r,
      1,
      /demand\.requests\.conversion: is needed: flows\.newPlans for 2024 \(160\) exceeds flows\.requests \(100\)/,
    );
    expect(r.err).not.toMatch(/is missing/);
  });
  test("an authority named only in a flow file: no base year, said as such", async () => {
    const dir = sen2Dir(`${HEAD}\n${ROW()}\n`);
    writeFileSync(
      join(dir, "sen2_estab_new_plans.csv"),
      `${HEAD.replace(/Total_(st|ehc|all)/g, "Total_new_$1")}\n${ROW("2021", "50", "Elsewhere", "E09000099")}\n`,
    );
    const r = await run(["import", dir, "--authority", "E09000099"]);
    refused(
      r,
      1,
      /Elsewhere \(E09000099\) has no caseload figures in sen2_estab_caseload\.csv: there is no census year to base a scenario on/,
    );
    expect(r.err).not.toMatch(/undefined|NaN/);
  });
  test("a time_period that is not a year is named, not read as NaN", async () => {
    const r = await run(["import", sen2Dir(`${HEAD}\n${ROW("20l6")}\n`), "--authority", "Bristol"]);
    refused(r, 1, /sen2_estab_caseload\.csv line 2: time_period is "20l6", not a year/);
    expect(r.err).not.toMatch(/NaN/);
  });
  test("two authorities of one name are suggested with their codes", async () => {
    const dir = sen2Dir(
      `${HEAD}\n${ROW("2019", "80", "Dorset", "E10000009")}\n${ROW("2022", "90", "Dorset", "E06000059")}\n`,
    );
    refused(
      await run(["import", dir, "--authority", "Dorsett"]),
      1,
      /closest: Dorset \(E\d{8}\); Dorset \(E\d{8}\)/,
    );
  });
});

describe("11. CSV cells are read as DfE writes them, and problems are named at their line", () => {
  test("0x236 is not a count", async () => {
    refused(
      await run(["import", sen2Dir(`${HEAD}\n${ROW("2022", "0x236")}\n`), "--authority", "Bristol"]),
      1,
      /line 2: Total_all is "0x236", not a count/,
    );
  });
  test("backtest reports a garbage time_period rather than dropping its row", async () => {
    const text = readFileSync("data/sen2-extract/sen2_estab_caseload.csv", "utf8").replace(
      "\n2019,",
      "\n2O19,",
    );
    const r = await run(["backtest", sen2Dir(text), "--json"]);
    refused(r, 1, /sen2_estab_caseload\.csv line \d+: time_period is "2O19", not a year/);
  });
  test("the line after a blank line or a row that spans lines is the file's line", async () => {
    const bad = ROW("2021", "-5");
    refused(
      await run(["import", sen2Dir(`${HEAD}\n${ROW()}\n\n${bad}\n`), "--authority", "Bristol"]),
      1,
      /sen2_estab_caseload\.csv line 4: Total_all is "-5"/,
    );
    const spanning = ROW("2020").replace("England,E12", '"Eng\nland",E12');
    refused(
      await run(["import", sen2Dir(`${HEAD}\n${ROW()}\n${spanning}\n${bad}\n`), "--authority", "Bristol"]),
      1,
      /sen2_estab_caseload\.csv line 5: Total_all is "-5"/,
    );
  });
});

describe("12. no markup or bidirectional control reaches the pack", () => {
  test("a label with HTML is text in chart-descriptions.md and in the SVG", async () => {
    const dir = join(scratch("hnb-adv2-"), "pack");
    const label = "<img src=x onerror=alert(1)> [click](http://example.com) &amp;";
    const r = await run([
      "forecast",
      file(GOOD.replace("label: INMSS", `label: "${label}"`)),
      "--out",
      dir,
      "--quiet",
    ]);
    expect(r.code).toBe(0);
    const md = readFileSync(join(dir, "chart-descriptions.md"), "utf8");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt; \\[click\\](http://example.com) &amp;amp;");
    expect(md).not.toContain("<img");
    for (const svg of readdirSync(dir).filter((f) => f.endsWith(".svg")))
      expect(readFileSync(join(dir, svg), "utf8")).not.toContain("<img");
  });
  test("a bidirectional control in a label, a name or --source is refused", async () => {
    refused(
      await run(["validate", file(GOOD.replace("label: INMSS", 'label: "INMSS\\u202Egnp.exe"'))]),
      1,
      /placements\[1\]\.label: contains a bidirectional control \(U\+202E\) at position 6: remove it/,
    );
    refused(
      await run(["validate", file(GOOD.replace("name: Test", 'name: "Test\\u2066"'))]),
      1,
      /name: contains a bidirectional control \(U\+2066\)/,
    );
    refused(
      await run(["forecast", file(GOOD), "--source", "DfE\u202e", "--json"]),
      2,
      /--source must be plain text/,
    );
  });
});

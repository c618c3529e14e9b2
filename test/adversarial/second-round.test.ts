// The second adversarial round (issue #33): each class of fault closed at its root, each case through
// the real command line. A refusal is a message naming the input, exit 1 (bad input) or 2 (usage),
// no stack trace, and nothing written or deleted.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
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
import { parseText, scenarioYaml } from "@hnb/io";
import { describe, expect, test } from "vitest";
import { GOOD_SCENARIO } from "../fixtures/good-scenario.js";
import { run, scratch } from "../support.js";
import { refused, scratchFile } from "./refusal.js";

const GOOD = GOOD_SCENARIO;
const BIN = resolve("packages/cli/bin/hnb.js");
const BUILT = existsSync(resolve("packages/cli/dist/bundle/hnb.cjs"));

/** A file in a fresh folder (or in `dir`). */
const file = scratchFile;
/** Every file under a folder, by relative path, with its bytes (base64). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(dir, entry);
    try {
      out[entry] = readFileSync(path).toString("base64");
    } catch {
      // a folder
    }
  }
  return out;
}
/** A monitoring file of GOOD's first year with `months` closed (its scenario beside it, as s.yaml). */
const monitoringYaml = (name: string, months: number, scenario = "s.yaml") => `schema: hnb-monitoring/1
name: ${name}
scenario: ${scenario}
fy: "2024-25"
budget: { special: 2850000, inmss: 1200000, therapies: 100000 }
actuals:
${Array.from({ length: months }, (_, i) => `  "2024-${String(i + 4).padStart(2, "0")}": { special: 240000, inmss: 100000, therapies: 8000 }`).join("\n")}
`;
/** GOOD as s.yaml with Q1 and Q2 monitoring files beside it, in a fresh folder. */
function monitoringFolder(): string {
  const dir = scratch("hnb-adv2-mon-");
  file(GOOD, "s.yaml", dir);
  file(monitoringYaml("Q1", 3), "q1.yaml", dir);
  file(monitoringYaml("Q2", 6), "q2.yaml", dir);
  return dir;
}
// compare --out is the quickest pack to write; every command writes through the same writer.
const writer = (pack: string, n = "Test") => {
  const a = file(GOOD.replace("name: Test", `name: ${n}`));
  return ["compare", a, a, "--names", `${n},${n}-again`, "--out", pack, "--quiet"];
};
/** A pack folder at `dir`. */
async function packAt(dir: string): Promise<string> {
  expect(await run(writer(dir))).toEqual({ code: 0, out: "", err: "" });
  return dir;
}

describe("1. --out never destroys an input of the same run", () => {
  test("monitor --previous pack/monitoring.json --out pack (the README's workflow with one folder)", async () => {
    const dir = monitoringFolder();
    const pack = join(dir, "pack");
    expect((await run(["monitor", join(dir, "q1.yaml"), "--out", pack, "--quiet"])).code).toBe(0);
    const before = tree(pack);
    const q2 = ["monitor", join(dir, "q2.yaml"), "--previous", join(pack, "monitoring.json")];
    refused(
      await run([...q2, "--out", pack]),
      2,
      /--out .*pack holds the previous report .*monitoring\.json, and the pack replaces the whole folder: choose another --out/,
    );
    expect(tree(pack)).toEqual(before);
    // The workflow as meant: Q2 into a folder of its own.
    expect((await run([...q2, "--out", join(dir, "q2-pack"), "--quiet"])).code).toBe(0);
  });
  test("monitor: the monitoring file, or the scenario it names, inside --out", async () => {
    const dir = monitoringFolder();
    refused(
      await run(["monitor", join(dir, "q1.yaml"), "--out", dir]),
      2,
      /holds the monitoring file .*q1\.yaml/,
    );
    // The scenario in a pack folder, the monitoring file outside it.
    const pack = await packAt(join(dir, "pack"));
    file(GOOD, "scenario.yaml", pack);
    file(monitoringYaml("Q1", 3, "pack/scenario.yaml"), "q1-packed.yaml", dir);
    const before = tree(pack);
    refused(
      await run(["monitor", join(dir, "q1-packed.yaml"), "--out", pack]),
      2,
      /holds its scenario file .*pack\/scenario\.yaml/,
    );
    expect(tree(pack)).toEqual(before);
  });
  test("compare: a scenario inside --out", async () => {
    const dir = scratch("hnb-adv2-");
    const a = file(GOOD, "a.yaml", dir);
    const b = file(GOOD.replace("name: Test", "name: Other"), "b.yaml", dir);
    const before = tree(dir);
    refused(await run(["compare", a, b, "--out", dir]), 2, /holds the scenario file .*a\.yaml/);
    expect(tree(dir)).toEqual(before);
  });
  test("forecast: a scenario reached through a symbolic link, and --out through a linked folder", async () => {
    const dir = scratch("hnb-adv2-");
    const pack = await packAt(join(dir, "pack"));
    writeFileSync(join(pack, "mine.yaml"), GOOD);
    writeFileSync(join(pack, "wording.yaml"), "{}\n");
    symlinkSync(join(pack, "mine.yaml"), join(dir, "link.yaml"));
    const before = tree(pack);
    refused(
      await run(["forecast", join(dir, "link.yaml"), "--out", pack, "--quiet"]),
      2,
      /holds the scenario file .*link\.yaml \(.*pack\/mine\.yaml\)/,
    );
    // The paper's wording file, another input of the run.
    refused(
      await run(["forecast", file(GOOD), "--out", pack, "--wording", join(pack, "wording.yaml"), "--quiet"]),
      2,
      /holds the --wording file .*pack\/wording\.yaml/,
    );
    symlinkSync(dir, join(dir, "via"));
    refused(
      await run(["forecast", join(pack, "mine.yaml"), "--out", join(dir, "via", "pack"), "--quiet"]),
      2,
      /holds the scenario file .*mine\.yaml/,
    );
    expect(tree(pack)).toEqual(before);
  });
});

describe("2. concurrent writers to one --out: one complete pack, or a clean refusal", () => {
  const whole = (dir: string, pack: string, names: string[]) => {
    const marker = JSON.parse(readFileSync(join(pack, ".hnb-pack"), "utf8"));
    expect(readdirSync(pack).sort()).toEqual([".hnb-pack", ...marker.files].sort());
    const written = JSON.parse(readFileSync(join(pack, "comparison.json"), "utf8")).scenarios[0].name;
    expect(names).toContain(written);
    expect(readdirSync(dir)).toEqual(["pack"]);
  };
  test("five writers into one folder at once, in one process: they take turns", async () => {
    const dir = scratch("hnb-adv2-");
    const pack = join(dir, "pack");
    const names = ["One", "Two", "Three", "Four", "Five"];
    const runs = await Promise.all(names.map((n) => run(writer(pack, n))));
    expect(runs).toEqual(names.map(() => ({ code: 0, out: "", err: "" })));
    whole(dir, pack, names);
    // And the folder is still a pack the next run replaces.
    expect((await run(writer(pack, "Six"))).code).toBe(0);
  });
  test.skipIf(!BUILT)("three processes at once (the built command)", async () => {
    const dir = scratch("hnb-adv2-");
    const pack = join(dir, "pack");
    const names = ["One", "Two", "Three"];
    const children = names.map((n) => {
      const child = spawn(process.execPath, [BIN, ...writer(pack, n)], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let err = "";
      child.stderr?.on("data", (d: Buffer) => {
        err += d.toString();
      });
      return once(child, "exit").then(([code]) => ({ code: code as number, err }));
    });
    expect(await Promise.all(children)).toEqual(names.map(() => ({ code: 0, err: "" })));
    whole(dir, pack, names);
  });
});

describe("3. files of the user's own in a pack folder are never deleted", () => {
  test("a paper's draft saved beside the charts survives the next run, and stays the user's", async () => {
    const dir = await packAt(join(scratch("hnb-adv2-"), "pack"));
    writeFileSync(join(dir, "paper-draft.docx"), "my draft");
    await packAt(dir);
    expect(readFileSync(join(dir, "paper-draft.docx"), "utf8")).toBe("my draft");
    const marker = JSON.parse(readFileSync(join(dir, ".hnb-pack"), "utf8"));
    expect(marker.files).not.toContain("paper-draft.docx");
  });
  test("one standing where the new pack writes a file is refused, naming it, and nothing changes", async () => {
    const dir = await packAt(join(scratch("hnb-adv2-"), "pack"));
    rmSync(join(dir, "comparison.txt"));
    mkdirSync(join(dir, "comparison.txt"));
    writeFileSync(join(dir, "comparison.txt", "mine.txt"), "mine");
    const before = tree(dir);
    refused(
      await run(writer(dir)),
      1,
      /comparison\.txt\/mine\.txt is not a file hnb wrote \(the pack's marker does not list it\), and the new pack writes comparison\.txt: move it out/,
    );
    expect(tree(dir)).toEqual(before);
  });
});

describe("4. import writes YAML that no SEN2 cell can inject into", () => {
  const sen2 = (replace: (text: string) => string) => {
    const dir = scratch("hnb-adv2-sen2-");
    for (const f of readdirSync("data/sen2-extract").filter((f) => f.endsWith(".csv")))
      writeFileSync(join(dir, f), replace(readFileSync(join("data/sen2-extract", f), "utf8")));
    return dir;
  };
  test("an la_name with a line break is refused by file and line, never a live key", async () => {
    const dir = sen2((t) =>
      t.replaceAll("Bath and North East Somerset", "\"Bath\nstatutoryOverride: { ends: '2099-03-31' }\n#\""),
    );
    const r = await run(["import", dir, "--authority", "E06000022"]);
    refused(r, 1, /sen2_estab_caseload\.csv line \d+: la_name holds a line break/);
  });
  test("the header comments stay comments, whatever the authority is called", async () => {
    const text = scenarioYaml({ name: "x" }, "# a\nstatutoryOverride: 1\r\nbaseYear: 1\u2028c\u0085d");
    expect(parseText(text, "yaml")).toEqual({ ok: true, data: { name: "x" } });
  });
});

/** No raw control, bidirectional or invisible format character (line feeds apart). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const noRawControls = (text: string) => expect(text).not.toMatch(UNSAFE);

// The SEN2 2022 layout, one authority (two for the name cases), as the first round's tests write it.
const HEAD =
  "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,establishment_type,establishment_group,Total_st,Total_st_pc,Total_ehc,Total_ehc_pc,Total_all,Total_all_pc";
const ROW = (year = "2022", total = "100", name = '"Bristol, City of"', code = "E06000023") =>
  `${year},Calendar year,Local authority,E92000001,England,E12000009,South West,801,${code},${name},Total,Total,z,z,${total},100,${total},100`;
/** A SEN2 folder holding sen2_estab_caseload.csv with `text`. */
function sen2Dir(text: string): string {
  const dir = scratch("hnb-adv2-sen2-");
  writeFileSync(join(dir, "sen2_estab_caseload.csv"), text);
  return dir;
}

describe("5. user text never reaches the terminal raw: escapes and bidirectional controls are shown escaped", () => {
  test("an unknown key, a path and an option value", async () => {
    const r = await run(["validate", file(`${GOOD}"\\e]0;pwned\\a\\e[2J": 1\n`)]);
    refused(r, 1, /unknown field/, /\\u001b\]0;pwned\\u0007\\u001b\[2J/);
    noRawControls(r.err);
    const path = await run(["forecast", "no-such\u001b[31m\u202e.yaml"]);
    refused(path, 1, /no-such\\u001b\[31m\\u202e\.yaml does not exist/);
    noRawControls(path.err);
    const option = await run([
      "import",
      "data/sen2-extract",
      "--authority",
      "Bristol",
      "--horizon",
      "\u001b[2J",
    ]);
    refused(option, 2, /--horizon must be a whole number/);
    noRawControls(option.err);
    const authority = await run(["import", "data/sen2-extract", "--authority", "Bris\u001b[8mtol\u2066"]);
    refused(authority, 1, /no authority "Bris\\u001b\[8mtol\\u2066"/);
    noRawControls(authority.err);
  });
  test("a monitoring file's name and month keys, and a forged monitoring.json", async () => {
    const dir = monitoringFolder();
    const named = await run(["monitor", file(monitoringYaml("Q1\u001b[2J\u202e", 3), "named.yaml", dir)]);
    refused(named, 1, /name: contains a control character \(U\+001B\) at position 3/);
    noRawControls(named.err);
    const month = await run([
      "monitor",
      file(monitoringYaml("Q1", 3).replace('"2024-05"', '"2024-\\e[31m05"'), "month.yaml", dir),
    ]);
    refused(month, 1, /actuals\["2024-\\u001b\[31m05"\]: is not a month/);
    noRawControls(month.err);
    expect((await run(["monitor", join(dir, "q1.yaml"), "--out", join(dir, "q1"), "--quiet"])).code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "q1", "monitoring.json"), "utf8"));
    json.lines[0].id = "special\u001b]2;owned\u0007";
    json.name = "Q1\u009b2J";
    const forged = file(JSON.stringify(json), "forged.json", dir);
    const r = await run(["monitor", join(dir, "q2.yaml"), "--previous", forged]);
    refused(r, 1, /forged\.json: name: contains a control character \(U\+009B\)/);
    noRawControls(r.err);
  });
});

// A demand section over GOOD's placements (EHCP placements, so the flows drive their total).
const DEMAND = (growth: string, flows = "2022: 140, 2023: 150, 2024: 160") => `${GOOD}flows:
  newPlans: { ${flows} }
demand:
  history:
    2024: { under5: 5, age5to10: 30, age11to15: 40, age16to19: 30, age20to25: 10 }
    2025: { under5: 6, age5to10: 33, age11to15: 41, age16to19: 30, age20to25: 10 }
  newPlans: { growth: ${growth} }
`;

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

// The second adversarial round (issue #33), part 1: what --out, concurrent writers, the import and
// the terminal do with hostile input. Each case runs the real command line; a refusal is a message
// naming the input, exit 1 (bad input) or 2 (usage), no stack trace, and nothing written or deleted.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseText, scenarioYaml } from "@hnb/io";
import { describe, expect, test } from "vitest";
import { run } from "../run-command.js";
import { scratch } from "../support.js";
import { refused } from "./refusal.js";
import {
  BIN,
  BUILT,
  file,
  GOOD,
  monitoringFolder,
  monitoringYaml,
  noRawControls,
  packAt,
  tree,
  writer,
} from "./second-round-support.js";

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

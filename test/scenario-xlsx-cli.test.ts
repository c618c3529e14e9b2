// The scenario workbook from the command line: the default scenario's XLSX twin forecasts to the
// same bytes of JSON as the YAML, an imported workbook's TODOs are listed by sheet and cell, convert
// goes between the three forms and never replaces a file, and an output workbook is refused.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("the default scenario's XLSX twin", () => {
  test("hnb forecast --json prints the same bytes as for the YAML", async () => {
    const dir = scratch("hnb-xlsx-");
    const xlsx = join(dir, "default.xlsx");
    const converted = await run("convert", DEFAULT, "--out", xlsx);
    expect(converted).toMatchObject({ code: 0, stdout: "" });
    expect(converted.stderr).toBe(`hnb convert: wrote ${xlsx} from ${DEFAULT}: a valid scenario\n`);
    const yaml = await run("forecast", DEFAULT, "--json");
    const twin = await run("forecast", xlsx, "--json");
    expect(twin.code).toBe(0);
    expect(twin.stdout.length).toBeGreaterThan(10_000);
    expect(twin.stdout).toBe(yaml.stdout);
    // …and back to YAML and JSON: still the same forecast, and the file's opening comments kept.
    const back = join(dir, "default.yaml");
    expect((await run("convert", xlsx, "--out", back)).code).toBe(0);
    expect(readFileSync(back, "utf8").split("\n").slice(0, 3)).toEqual(
      readFileSync(DEFAULT, "utf8").split("\n").slice(0, 3),
    );
    const json = join(dir, "default.json");
    expect((await run("convert", back, "--out", json)).code).toBe(0);
    expect((await run("forecast", json, "--json")).stdout).toBe(yaml.stdout);
  });
});

describe("hnb import --out plan.xlsx", () => {
  test("writes an input workbook whose TODO inputs validate lists by sheet and cell", async () => {
    const plan = join(scratch("hnb-xlsx-"), "plan.xlsx");
    const imported = await run("import", "data/sen2-extract", "--authority", "North Somerset", "--out", plan);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain(`wrote ${plan}; fill in its 39 TODO inputs`);
    const v = await run("validate", plan);
    expect(v.code).toBe(1);
    const lines = v.stderr.trim().split("\n");
    expect(lines[0]).toBe(
      `${plan}: Scenario!B10 (openingBalance): is not filled in: the DSG balance on 1 April 2021 in £, negative for a deficit: the DSG note of the council's 2020-21 statement of accounts, “net DSG position” at 31 March 2021 (the DSG unusable reserve the statutory override holds); give its source in openingBalanceSource`,
    );
    expect(lines).toContain(
      `${plan}: Placements!E3 (placements[0].unitCost): is not filled in: £ per pupil a year in 2021-22: element 3 top-ups for EHCPs in mainstream: s251 lines 1.2.1 (maintained schools) + 1.2.2 (academies and free schools), mainstream settings only, from the council's 2021-22 s251 outturn (Schools Budget, high needs), ÷ the pupils it paid for in 2021-22: 5/12 of the January 2021 count (history) + 7/12 of the January 2022 count (count), as the forecast phases by academic year; give its source in sources.unitCost`,
    );
    expect(lines).toContain(
      `${plan}: Income!B2 (income.hnb.amount): is not filled in: the High Needs Block allocation for 2021-22 in £: the DSG allocation tables for 2021 to 2022 (the final update in the year), the authority's row, column “Total high needs block after deductions” (academy place funding is deducted there and kept out of the unit costs); give its source in sources.amount`,
    );
    expect(lines.at(-1)).toBe(
      `${plan}: 39 inputs still to fill in (marked TODO); nothing was forecast or written.`,
    );
  });
});

describe("hnb convert", () => {
  test("never replaces a file, and the extension names the form", async () => {
    const dir = scratch("hnb-xlsx-");
    const out = join(dir, "plan.xlsx");
    writeFileSync(out, "mine");
    const r = await run("convert", DEFAULT, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `hnb convert: ${out} already exists: convert never replaces a file, which may hold inputs you filled in; remove it or choose another --out. Nothing was written.\n`,
    );
    expect(readFileSync(out, "utf8")).toBe("mine");
    const txt = await run("convert", DEFAULT, "--out", join(dir, "plan.txt"));
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain("the extension says the form to write: .yaml (or .yml), .json or .xlsx");
    expect(existsSync(join(dir, "plan.txt"))).toBe(false);
  });

  test("refuses the forecast's output workbook as a scenario, writing nothing", async () => {
    const dir = scratch("hnb-xlsx-");
    expect((await run("forecast", DEFAULT, "--out", join(dir, "pack"), "--quiet")).code).toBe(0);
    const plan = join(dir, "pack", "management-plan.xlsx");
    for (const command of ["validate", "forecast"]) {
      const r = await run(command, plan);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${plan}: (file): is not an hnb scenario input workbook: it is the DSG management-plan workbook \`hnb forecast --out\` writes`,
      );
    }
    const c = await run("convert", plan, "--out", join(dir, "x.yaml"));
    expect(c.code).toBe(1);
    expect(existsSync(join(dir, "x.yaml"))).toBe(false);
  });

  test.skipIf(process.platform === "win32")(
    "a FIFO named .xlsx is refused, never read (it would block)",
    async () => {
      const fifo = join(scratch("hnb-xlsx-"), "plan.xlsx");
      execFileSync("mkfifo", [fifo]);
      for (const argv of [
        ["validate", fifo],
        ["convert", fifo, "--out", `${fifo}.yaml`],
      ]) {
        const r = await run(...argv);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`${fifo}: (file): ${fifo} is not a file`);
      }
    },
  );
});

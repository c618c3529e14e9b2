// What the readable outputs say with a Stability Grant (review of the Leeds walk-through): which
// in-year balance each table shows, which share of reserves counts when the override ends, and a
// lever that changes the base year (closed accounts) named by its field in validate and forecast.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { parseText, scenarioYaml } from "@hnb/io";
import { describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

/** The default scenario with one more lever: a post with no firstFY, so charged from the base year. */
function withBaseYearPost(): string {
  const read = parseText(readFileSync("data/default-scenario.yaml", "utf8"), "yaml");
  if (!read.ok) throw new Error("data/default-scenario.yaml does not parse");
  const s = read.data as { mitigations: unknown[] };
  s.mitigations.push({
    id: "navigator",
    type: "staffing",
    staffing: [{ id: "navigator-post", role: "SEND navigator", fte: 1, unitCost: 45_000 }],
  });
  const file = join(scratch("hnb-labels-"), "base-year-post.yaml");
  writeFileSync(file, scenarioYaml(s));
  return file;
}

const WARNING =
  'base year (mitigations.navigator.staffing.navigator-post.firstFY): not given, so the lever charges the post from 2021-22, the base year, whose figures are the outturn you typed: give the first year it is paid (firstFY "2022-23" or later)';

describe("a lever that changes the base financial year", () => {
  test("validate and forecast name it by its field path", async () => {
    const file = withBaseYearPost();
    const validate = capture();
    expect(await main(["validate", file], validate)).toBe(0);
    expect(validate.stdout).toContain(`  - ${WARNING}\n`);
    const forecast = capture();
    expect(await main(["forecast", file], forecast)).toBe(0);
    expect(forecast.stdout).toContain(`  - ${WARNING}\n`);
    // The default scenario's own levers start after its base year: nothing to say there.
    const plain = capture();
    expect(await main(["validate", "data/default-scenario.yaml"], plain)).toBe(0);
    expect(plain.stdout).not.toContain("base year (mitigations.");
  });
});

describe("with a Stability Grant, every in-year balance and share of reserves says which it is", () => {
  test("the ledgers' in-year includes the grant, the comparison's is before it, and the share that counts is named", async () => {
    const io = capture();
    expect(await main(["forecast", "data/default-scenario.yaml"], io)).toBe(0);
    const lines = io.stdout.split("\n");
    const headers = lines.filter((l) => l.startsWith("FY "));
    // Both ledgers, then the comparison: no bare "In-year" column is left.
    expect(headers.slice(0, 3).map((h) => h.match(/In-year[^ ]*( [a-z.]+)*/g))).toEqual([
      ["In-year with grant"],
      ["In-year with grant"],
      ["In-year unmit. before grant", "In-year mit. before grant"],
    ]);
    expect(headers[2]).toContain("Gap before grant");
    expect(io.stdout).toContain(
      "This share, the deficit the council carries when the override ends with the Stability Grant received, against its usable reserves, is the measure that counts; the shares below are context.",
    );
    expect(io.stdout).toContain("Accrued / reserves (context)");
    expect(io.stdout).toContain(
      "In-year balance before the Stability Grant at zero or better and staying there:",
    );
  });
  test("without a grant the labels are as they were", async () => {
    const io = capture();
    expect(await main(["forecast", "data/bcp-bespoke.yaml"], io)).toBe(0);
    expect(io.stdout).not.toContain("before grant");
    expect(io.stdout).not.toContain("with grant");
    expect(io.stdout).not.toContain("measure that counts");
  });
});

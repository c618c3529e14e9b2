// The Forum paper's wording: the defaults pass their own check, a user's file is laid over them key by
// key, and every kind of bad text is refused with its key path. The layout helpers are checked here too.
import { readFileSync } from "node:fs";
import { loadScenarioFile, parseText } from "@hnb/io";
import { forecast } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { packCharts } from "../src/forum-pack.js";
import { paperContent, paperContext } from "../src/paper/content.js";
import { printSize } from "../src/paper/paper.js";
import { DEFAULT_WORDING, fill, placeholders, readWording } from "../src/paper/wording.js";

describe("the default wording", () => {
  test("passes the check a user's file gets: no digits, only well-formed placeholders", () => {
    const read = readWording(DEFAULT_WORDING);
    expect(read.ok).toBe(true);
  });

  test("fill replaces each placeholder and refuses a missing one", () => {
    expect(fill("{amount} better", { amount: "£1.2m" })).toBe("£1.2m better");
    expect(placeholders("from {fy} to {fy}, {plan}")).toEqual(["fy", "fy", "plan"]);
    expect(() => fill("{amount}", {})).toThrow(/no value for \{amount\}/);
  });
});

describe("a user's wording file", () => {
  test("gives a subset of the keys; the rest keep their defaults", () => {
    const read = readWording({ names: { plan: "SEND plan" }, summary: { noReserves: "" } });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.wording.names.plan).toBe("SEND plan");
    expect(read.wording.summary.noReserves).toBe("");
    expect(read.wording.summary.override).toBe(DEFAULT_WORDING.summary.override);
    // The defaults themselves are never changed by a read.
    expect(DEFAULT_WORDING.names.plan).toBe("recovery plan");
    expect(readWording(undefined).ok).toBe(true);
  });

  test.each([
    ["not a mapping", ["a"], "(file)", "expected a mapping of groups"],
    ["an unknown group", { sumary: {} }, "sumary", 'unknown group (did you mean "summary"?)'],
    ["a group that is not a mapping", { summary: "x" }, "summary", "expected a mapping of keys to texts"],
    [
      "an unknown key",
      { summary: { overide: "x" } },
      "summary.overide",
      'unknown key (did you mean "override"?)',
    ],
    ["a number", { names: { plan: 3 } }, "names.plan", "expected text, got number"],
    ["a digit", { names: { plan: "Plan 2026" } }, "names.plan", "has a figure typed in"],
    [
      "an unknown placeholder",
      { summary: { inYear: "{unmitigated} and {mitigatd}" } },
      "summary.inYear",
      "unknown placeholder {mitigatd} (did you mean {mitigated}?)",
    ],
    [
      "a stray brace",
      { names: { plan: "plan {" } },
      "names.plan",
      "has a brace that is not part of a placeholder",
    ],
    ["a control character", { names: { plan: "a\u001b[31m" } }, "names.plan", "no control characters"],
    ["the prototype's keys", JSON.parse('{"__proto__": {"x": "y"}}'), "__proto__", "unknown group"],
  ])("refuses %s, naming the key", (_, data, path, message) => {
    const read = readWording(data);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]?.path).toBe(path);
    expect(read.problems[0]?.message).toContain(message);
  });

  test("a key's own placeholders and the global ones are allowed; another key's are not", () => {
    expect(readWording({ summary: { reserves: "{reserves}: {unmitigatedShare} for {authority}" } }).ok).toBe(
      true,
    );
    const read = readWording({ summary: { reserves: "{seed}" } });
    expect(read.ok).toBe(false);
  });

  test("the example in docs/forum-paper.md reads", () => {
    const doc = readFileSync(new URL("../../../docs/forum-paper.md", import.meta.url), "utf8");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    const parsed = parseText(yaml, "yaml");
    if (!parsed.ok) throw new Error("not YAML");
    expect(readWording(parsed.data).ok).toBe(true);
  });
});

describe("the paper's content", () => {
  test("an empty text leaves its paragraph out; the plan's name goes where {plan} is", async () => {
    const scenario = await loadScenarioFile(
      new URL("../../../data/default-scenario.yaml", import.meta.url).pathname,
    );
    const result = forecast(scenario);
    const read = readWording({ summary: { inYear: "" }, names: { plan: "SEND plan" } });
    if (!read.ok) throw new Error("wording");
    const blocks = paperContent(
      paperContext({ scenario, result, wording: read.wording }),
      packCharts({ scenario, result }),
    );
    const ids = blocks.flatMap((b) => (b.kind === "paragraph" ? [b.id] : []));
    expect(ids).not.toContain("in-year");
    expect(ids).toContain("override");
    expect(blocks.some((b) => b.kind === "heading" && b.text === "The SEND plan: savings and funding")).toBe(
      true,
    );
    // Every chart of the pack is in the paper once, each with its own description.
    const charts = blocks.filter((b) => b.kind === "chart");
    expect(charts.map((c) => (c.kind === "chart" ? c.name : ""))).toEqual(
      packCharts({ scenario, result }).map((c) => c.name),
    );
  });

  test("charts print 16 cm wide, narrower only when that would be taller than a page allows", () => {
    expect(printSize({ width: 1800, height: 900 })).toEqual({ width: 16, height: 8 });
    const tall = printSize({ width: 1800, height: 3600 });
    expect(tall.height).toBe(22);
    expect(tall.width).toBeCloseTo(11, 10);
  });
});

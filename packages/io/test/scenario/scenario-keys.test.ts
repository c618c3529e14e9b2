// One strict-key check for JSON and YAML scenarios: two keys in one mapping that become the same
// JavaScript key are refused (the second would silently replace the first), and so are the keys
// "__proto__", "constructor" and "prototype" anywhere, each with its line and column.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { GOOD_SCENARIO } from "../../../../test/fixtures/good-scenario.js";
import { parseScenarioText, parseText } from "../../src/scenario/scenario-file.js";

const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url));

const REPLACES = "a second value would silently replace the first";
const NEVER =
  'is refused: "__proto__", "constructor" and "prototype" are never scenario keys (they can pollute prototypes or be dropped silently)';

const GOOD_YAML = GOOD_SCENARIO;

const problemsOf = (text: string, format: "json" | "yaml") => {
  const r = parseText(text, format);
  expect(r.ok, `expected a refusal of:\n${text}`).toBe(false);
  return r.ok ? [] : r.problems;
};

describe("duplicate keys are refused, with line and column", () => {
  test("JSON: a repeated openingBalance (JSON.parse would keep the last)", () => {
    expect(problemsOf('{"openingBalance": -20000000, "openingBalance": 0}', "json")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "openingBalance" at line 1, column 31 (first at line 1, column 2): ${REPLACES}`,
      },
    ]);
  });

  test("JSON: a whole scenario with a repeated key is refused end to end", () => {
    const json = JSON.stringify(
      { schema: "hnb-scenario/1", name: "Test", openingBalance: -20000000 },
      null,
      2,
    );
    const text = json.replace(/\n}$/, ',\n  "openingBalance": 0\n}');
    const r = parseScenarioText(text, "json");
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        path: "(file)",
        message: `duplicate key "openingBalance" at line 5, column 3 (first at line 4, column 3): ${REPLACES}`,
      },
    ]);
  });

  test("JSON: keys written with escapes are the same key", () => {
    expect(problemsOf('{"a": 1,\n "\\u0061": 2}', "json")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "a" at line 2, column 2 (first at line 1, column 2): ${REPLACES}`,
      },
    ]);
  });

  test("YAML: a number key and a string key that are both the JavaScript key 2023", () => {
    const text = `${GOOD_YAML}mitigations:
  - { id: s, type: placementShift, fromPlacement: inmss, toPlacement: special, moves: { 2023: 10, "2023": 500 } }
`;
    const line = text.split("\n").length - 1;
    const first = text.split("\n")[line - 1]?.indexOf("2023") ?? -1;
    expect(first).toBe(88);
    expect(problemsOf(text, "yaml")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "2023" in mitigations[0].moves at line ${line}, column 99 (first at line ${line}, column 89): ${REPLACES}`,
      },
    ]);
    expect(parseScenarioText(text, "yaml").ok).toBe(false);
  });

  test("YAML: a plain duplicate at the top is named with both places", () => {
    expect(problemsOf("a: 1\na: 2\n", "yaml")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "a" at line 2, column 1 (first at line 1, column 1): ${REPLACES}`,
      },
    ]);
  });

  test("YAML: true and 'true', 1.0 and '1' collide too", () => {
    expect(problemsOf('x: { true: 1, "true": 2 }\ny: { 1.0: a, "1": b }\n', "yaml")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "true" in x at line 1, column 15 (first at line 1, column 6): ${REPLACES}`,
      },
      {
        path: "(file)",
        message: `duplicate key "1" in y at line 2, column 14 (first at line 2, column 6): ${REPLACES}`,
      },
    ]);
  });

  test("nested duplicates name the mapping they are in, in both formats", () => {
    const json = `{
  "income": {
    "schoolsBlock": { "amount": 1, "transferRate": { "2025-26": 0.005, "2025-26": 0.5 } }
  }
}`;
    expect(problemsOf(json, "json")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "2025-26" in income.schoolsBlock.transferRate at line 3, column 72 (first at line 3, column 54): ${REPLACES}`,
      },
    ]);
    const yaml = `placements:
  - id: a
  - id: b
    history:
      2023: 1
      "2023": 2
`;
    expect(problemsOf(yaml, "yaml")).toEqual([
      {
        path: "(file)",
        message: `duplicate key "2023" in placements[1].history at line 6, column 7 (first at line 5, column 7): ${REPLACES}`,
      },
    ]);
  });

  test("every duplicate is reported, in file order", () => {
    const problems = problemsOf('{"a": 1, "b": [{"c": 1, "c": 2}], "a": 3}', "json");
    expect(problems.map((p) => p.message)).toEqual([
      `duplicate key "c" in b[0] at line 1, column 25 (first at line 1, column 17): ${REPLACES}`,
      `duplicate key "a" at line 1, column 35 (first at line 1, column 2): ${REPLACES}`,
    ]);
  });
});

describe("__proto__, constructor and prototype are refused anywhere", () => {
  test("JSON __proto__ inside a map", () => {
    expect(problemsOf('{"income": {\n  "hnb": {"__proto__": {"amount": 1}}}}', "json")).toEqual([
      { path: "(file)", message: `key "__proto__" in income.hnb at line 2, column 11 ${NEVER}` },
    ]);
  });

  test("JSON constructor at the top", () => {
    expect(problemsOf('{"constructor": 1}', "json")).toEqual([
      { path: "(file)", message: `key "constructor" at line 1, column 2 ${NEVER}` },
    ]);
  });

  test("YAML __proto__ and constructor, and prototype in a list", () => {
    const text = `${GOOD_YAML}mitigations:
  - { id: s, type: placementShift, fromPlacement: inmss, toPlacement: special, moves: { __proto__: 5 } }
notes:
  - constructor: x
  - { prototype: 1 }
`;
    const n = GOOD_YAML.split("\n").length;
    expect(problemsOf(text, "yaml")).toEqual([
      {
        path: "(file)",
        message: `key "__proto__" in mitigations[0].moves at line ${n + 1}, column 89 ${NEVER}`,
      },
      { path: "(file)", message: `key "constructor" in notes[0] at line ${n + 3}, column 5 ${NEVER}` },
      { path: "(file)", message: `key "prototype" in notes[1] at line ${n + 4}, column 7 ${NEVER}` },
    ]);
  });

  test("as values they are ordinary strings", () => {
    expect(parseText('{"name": "constructor", "id": "__proto__"}', "json")).toEqual({
      ok: true,
      data: { name: "constructor", id: "__proto__" },
    });
    expect(parseText("name: prototype\n", "yaml")).toEqual({ ok: true, data: { name: "prototype" } });
  });
});

describe("ordinary scenarios still parse", () => {
  for (const file of ["data/default-scenario.yaml", "test/fixtures/spec-example.yaml"]) {
    test(file, () => {
      const text = readFileSync(root(file), "utf8");
      const raw = parseText(text, "yaml");
      expect(raw.ok).toBe(true);
      expect(parseScenarioText(text, "yaml").ok).toBe(true);
      // The same data as JSON passes the JSON check too.
      if (raw.ok) expect(parseText(JSON.stringify(raw.data, null, 2), "json")).toEqual(raw);
    });
  }

  test("keys that differ, and the same key in different maps, are fine", () => {
    expect(parseText('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}', "json").ok).toBe(true);
    expect(parseText("a: { 2023: 1, 2024: 2 }\nb: { 2023: 3 }\n", "yaml").ok).toBe(true);
  });

  test("syntax errors keep their messages", () => {
    expect(parseText('{\n  "a": ,\n}', "json")).toMatchObject({
      ok: false,
      problems: [{ path: "(file)", message: expect.stringMatching(/^invalid JSON at line 2, column 8/) }],
    });
  });
});

describe("YAML the parser would read past, or report in its own terms", () => {
  test("an unknown tag is refused, not ignored", () => {
    expect(problemsOf("count: !custom 400\n", "yaml")).toEqual([
      {
        path: "(file)",
        message:
          "invalid YAML at line 1, column 8: Unresolved tag: !custom: YAML tags (`!name`) are not used in scenario files",
      },
    ]);
  });
  test("a second document, and brackets nested past reading, in a scenario's words and a few lines", () => {
    expect(problemsOf("a: 1\n---\nb: 2\n", "yaml")[0]?.message).toContain(
      "the file holds more than one YAML document (a second `---`): a scenario is one document",
    );
    const deep = problemsOf(`a: ${"[".repeat(100_000)}\n`, "yaml");
    expect(deep.length).toBeLessThanOrEqual(6);
    expect(deep[0]?.message).toContain("nest too deeply to read");
  });
});

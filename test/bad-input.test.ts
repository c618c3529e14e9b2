// Every bad input listed in issues #3 and #4, one case each, run through the real command line:
// each exits non-zero, prints one line per problem naming the field path and what was wrong,
// prints no stack trace and writes no output file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { GOOD_SCENARIO } from "./fixtures/good-scenario.js";
import { capture, scratch } from "./support.js";

const dir = scratch("hnb-bad-");

const GOOD = GOOD_SCENARIO;

/** The good scenario with one line replaced or appended. */
function edit(find: string, replace: string): string {
  if (!GOOD.includes(find)) throw new Error(`fixture has no "${find}"`);
  return GOOD.replace(find, replace);
}
const withMitigations = (yaml: string) => `${GOOD}mitigations:\n${yaml}`;

interface Case {
  name: string;
  content: string | Uint8Array;
  ext?: string;
  /** Expected [path, message fragment] pairs; every one must appear on its own line. */
  expect: [string, string | RegExp][];
}

const CASES: Case[] = [
  {
    name: "non-UTF-8 file",
    content: Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xa3, 0x31, 0x0a]),
    expect: [["(file)", "is not UTF-8"]],
  },
  {
    name: "invalid JSON with line and column",
    ext: ".json",
    content: '{\n  "schema": "hnb-scenario/1",\n  "name": ,\n}',
    expect: [["(file)", /invalid JSON at line 3, column \d+/]],
  },
  {
    name: "invalid YAML with line and column",
    content: "schema: hnb-scenario/1\nname: [unclosed\nhorizon: 2\n",
    expect: [["(file)", /invalid YAML at line \d+, column \d+/]],
  },
  {
    name: "YAML alias bomb",
    content: `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
    expect: [["(file)", /YAML refused: .*alias/i]],
  },
  {
    name: "missing schema",
    content: edit("schema: hnb-scenario/1\n", ""),
    expect: [["schema", 'must be "hnb-scenario/1"']],
  },
  {
    name: "unknown schema version",
    content: edit("hnb-scenario/1", "hnb-scenario/9"),
    expect: [["schema", 'must be "hnb-scenario/1"']],
  },
  {
    name: "missing required fields",
    content: edit("horizon: 2\nopeningBalance: 0\n", ""),
    expect: [
      ["horizon", "is required"],
      ["openingBalance", "is required"],
    ],
  },
  {
    name: "unknown key with a did-you-mean hint",
    content: edit("unitCost: 28500", "unitcost: 28500"),
    expect: [
      ["placements[0].unitCost", "is required"],
      ["placements[0].unitcost", "did you mean `unitCost`?"],
    ],
  },
  {
    name: "negative count",
    content: edit("count: 100", "count: -5"),
    expect: [["placements[0].count", "must be zero or more, and at most 10,000,000 (got -5)"]],
  },
  {
    name: "a count or cost so large the forecast would overflow",
    content: edit("unitCost: 60000", "unitCost: 1e308"),
    expect: [["placements[1].unitCost", "must be zero or more, and at most 1e12 (£1 trillion) (got 1e+308)"]],
  },
  {
    name: "an sd so large the simulation would overflow",
    content: `${GOOD}uncertainty: { growth: { distribution: normal, sd: 1e300 } }\n`,
    expect: [["uncertainty.growth.sd", "must be zero or more, and at most 10 (got 1e+300)"]],
  },
  {
    name: "a control character in a label (it would reach terminals and SVG text)",
    content: edit("label: Special,", 'label: "Special\\u001b[31m schools",'),
    expect: [["placements[0].label", "contains a control character (U+001B) at position 8: remove it"]],
  },
  {
    name: "negative cost",
    content: edit("unitCost: 60000", "unitCost: -60000"),
    expect: [["placements[1].unitCost", "must be zero or more"]],
  },
  {
    name: "NaN",
    content: edit("unitCost: 28500", "unitCost: .nan"),
    expect: [["placements[0].unitCost", "is NaN, not a number"]],
  },
  {
    name: "Infinity",
    content: edit("count: 100", "count: .inf"),
    expect: [["placements[0].count", "is Infinity, not a finite number"]],
  },
  {
    name: "number given as a word",
    content: edit("count: 100", "count: twelve"),
    expect: [
      [
        "placements[0].count",
        'formula "twelve" is refused: the name "twelve" is not allowed in scenario formulas (the only constants are pi and e)',
      ],
    ],
  },
  {
    name: "bad formula names the field and the formula",
    content: edit("unitCost: 28500", 'unitCost: "49000 -* 31000"'),
    expect: [["placements[0].unitCost", 'formula "49000 -* 31000"']],
  },
  {
    name: "growth of −100% or less",
    content: edit("growth: 0.05", "growth: -1"),
    expect: [["placements[0].growth", "must be a rate above -1"]],
  },
  {
    name: "confidence outside [0, 1]",
    content: withMitigations(
      "  - { id: inc, type: growthReduction, placements: [special], reduction: 0.01, from: 2026, confidence: 1.5 }\n",
    ),
    expect: [["mitigations[0].confidence", "must be between 0 and 1 (got 1.5)"]],
  },
  {
    name: "transfer rate below 0",
    content: edit(
      "schoolsBlock: { amount: 100000000 }",
      'schoolsBlock: { amount: 100000000, transferRate: { "2025-26": -0.01 } }',
    ),
    expect: [['income.schoolsBlock.transferRate["2025-26"]', "between 0 and 1"]],
  },
  {
    name: "transfer rate above 100%",
    content: edit(
      "schoolsBlock: { amount: 100000000 }",
      'schoolsBlock: { amount: 100000000, transferRate: { "2025-26": 1.5 } }',
    ),
    expect: [['income.schoolsBlock.transferRate["2025-26"]', "between 0 and 1"]],
  },
  {
    name: "duplicate ids",
    content: edit("id: inmss", "id: special"),
    expect: [["placements[1].id", 'duplicate placement id "special"']],
  },
  {
    name: "a mitigation naming a placement that does not exist",
    content: withMitigations(
      "  - { id: inc, type: growthReduction, placements: [specal], reduction: 0.01, from: 2026 }\n",
    ),
    expect: [
      [
        "mitigations[0].placements[0]",
        'names placement "specal", which does not exist (did you mean "special"?)',
      ],
    ],
  },
  {
    name: "a mitigation naming a line that does not exist",
    content: withMitigations(
      '  - { id: c, type: lineChange, lines: [therapy], change: -0.1, fromFY: "2025-26" }\n',
    ),
    expect: [["mitigations[0].lines[0]", 'names line "therapy", which does not exist']],
  },
  {
    name: "a shift naming a placement that does not exist",
    content: withMitigations(
      "  - { id: s, type: placementShift, fromPlacement: inmss, toPlacement: bespoke, moves: { 2026: 5 } }\n",
    ),
    expect: [["mitigations[0].toPlacement", 'names placement "bespoke", which does not exist']],
  },
  {
    name: "a per-year map that misses a forecast year",
    content: edit("growth: 0.05", "growth: { 2026: 0.05 }"),
    expect: [["placements[0].growth", "misses forecast census year 2027"]],
  },
  {
    name: "an FY label that is not YYYY-YY",
    content: edit(
      "schoolsBlock: { amount: 100000000 }",
      'schoolsBlock: { amount: 100000000, transferRate: { "2025/26": 0.005 } }',
    ),
    expect: [['income.schoolsBlock.transferRate["2025/26"]', "is not a financial year label"]],
  },
  {
    name: "an FY label with non-consecutive years",
    content: edit(
      "schoolsBlock: { amount: 100000000 }",
      'schoolsBlock: { amount: 100000000, transferRate: { "2025-27": 0.005 } }',
    ),
    expect: [['income.schoolsBlock.transferRate["2025-27"]', "consecutive years"]],
  },
  {
    name: "horizon below 1",
    content: edit("horizon: 2", "horizon: 0"),
    expect: [["horizon", "from 1 to 30"]],
  },
  {
    name: "horizon above 30",
    content: edit("horizon: 2", "horizon: 31"),
    expect: [["horizon", "from 1 to 30"]],
  },
  {
    name: "base year before 2000",
    content: edit("baseYear: 2025", "baseYear: 1999"),
    expect: [["baseYear", "from 2000 to 2100"]],
  },
  {
    name: "base year after 2100",
    content: edit("baseYear: 2025", "baseYear: 2101"),
    expect: [["baseYear", "from 2000 to 2100"]],
  },
  // Issue #4's bad inputs.
  {
    name: "a shift from a placement to itself",
    content: withMitigations(
      "  - { id: s, type: placementShift, fromPlacement: inmss, toPlacement: inmss, moves: { 2026: 5 } }\n",
    ),
    expect: [["mitigations[0].toPlacement", "is the same as fromPlacement"]],
  },
  {
    name: "moves keyed outside the forecast years",
    content: withMitigations(
      "  - { id: s, type: placementShift, fromPlacement: inmss, toPlacement: special, moves: { 2025: 5, 2031: 5 } }\n",
    ),
    expect: [
      ['mitigations[0].moves["2025"]', "outside the forecast years 2026–2027"],
      ['mitigations[0].moves["2031"]', "outside the forecast years"],
    ],
  },
  {
    name: "a fromFY outside the reported years",
    content: withMitigations(
      '  - { id: b, type: unitCostChange, placements: [special], change: -0.03, fromFY: "2030-31" }\n',
    ),
    expect: [["mitigations[0].fromFY", "2030-31 is outside the reported financial years 2024-25…2026-27"]],
  },
  {
    name: "a grant without its implementation spend",
    content: withMitigations('  - { id: dbv, type: grant, amounts: { "2025-26": 1000 } }\n'),
    expect: [["mitigations[0].spend", "is required"]],
  },
  {
    name: "a grant with no spend and no reason why",
    content: withMitigations('  - { id: dbv, type: grant, amounts: { "2025-26": 1000 }, spend: {} }\n'),
    expect: [
      [
        "mitigations[0].spend",
        "is empty: give the implementation spend the grant pays for by FY, or add spendReason saying why it carries no spend of its own",
      ],
    ],
  },
  {
    name: "an import placeholder not filled in",
    content: edit("count: 100", 'count: "TODO: the January count from the SEN2 return"'),
    expect: [["placements[0].count", "is not filled in: the January count from the SEN2 return"]],
  },
  {
    name: "a line or staffing post whose years all fall outside the forecast (it would cost nothing)",
    content: edit(
      "  - { id: therapies, label: Therapies, amount: 100000 }\n",
      '  - { id: therapies, label: Therapies, amount: 100000, firstFY: "2030-31" }\nstaffing:\n  - { id: old, role: Old post, fte: 1, unitCost: 50000, firstFY: "2010-11", lastFY: "2015-16" }\n',
    ),
    expect: [
      [
        "lines[0].firstFY",
        "2030-31 is after the last reported year 2026-27: the line would cost nothing in the forecast",
      ],
      [
        "staffing[0].lastFY",
        "2015-16 is before the first reported year 2024-25: the line would cost nothing in the forecast",
      ],
    ],
  },
  {
    name: "an unknown field inside a growth method, named with the fields known there",
    content: edit("growth: 0.05", "growth: { method: cagr, yeras: 5 }"),
    expect: [
      [
        "placements[0].growth.yeras",
        "unknown field (did you mean `years`?); known fields here: method, years",
      ],
    ],
  },
  {
    name: "a lever naming a placement twice",
    content: withMitigations(
      '  - { id: b, type: unitCostChange, placements: [special, special], change: -0.01, fromFY: "2025-26" }\n',
    ),
    expect: [["mitigations[0].placements[1]", 'names "special" a second time: name each once']],
  },
  {
    name: "more than 16 levers",
    content: withMitigations(
      Array.from(
        { length: 17 },
        (_, i) => `  - { id: g${i}, type: grant, amounts: { "2025-26": 1000 }, spend: { "2025-26": 500 } }\n`,
      ).join(""),
    ),
    expect: [
      [
        "mitigations",
        "has 17 levers; at most 16 are allowed, because Shapley attribution evaluates every subset",
      ],
    ],
  },
];

describe("bad input gets a clear error and nothing else", () => {
  for (const [i, c] of CASES.entries()) {
    test(c.name, async () => {
      const file = join(dir, `case-${i}${c.ext ?? ".yaml"}`);
      writeFileSync(file, c.content);
      const out = join(dir, `out-${i}`);
      const io = capture();
      const code = await main(["forecast", file, "--out", out], io);
      expect(code).toBe(1);
      expect(io.stdout).toBe("");
      const lines = io.stderr.trimEnd().split("\n");
      for (const [path, message] of c.expect) {
        const line = lines.find((l) => l.startsWith(`${file}: ${path}: `));
        expect(line, `no line for ${path} in:\n${io.stderr}`).toBeDefined();
        expect(line?.slice(`${file}: ${path}: `.length)).toMatch(message);
      }
      expect(io.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  test("a file that does not exist", async () => {
    const io = capture();
    expect(await main(["validate", join(dir, "nope.yaml")], io)).toBe(1);
    expect(io.stderr).toMatch(/\(file\): .*nope\.yaml does not exist/);
  });

  test("a path that cannot be read as a file", async () => {
    const folder = join(dir, "folder.yaml");
    mkdirSync(folder, { recursive: true });
    const io = capture();
    expect(await main(["validate", folder], io)).toBe(1);
    expect(io.stderr).toMatch(/\(file\): .*is not a file/);
  });

  test("a file over 10 MB is refused before it is read", async () => {
    const file = join(dir, "big.yaml");
    writeFileSync(file, `# ${"x".repeat(10 * 1024 * 1024)}\n`);
    const io = capture();
    expect(await main(["validate", file], io)).toBe(1);
    expect(io.stderr).toMatch(/\(file\): .*scenario files are limited to 10 MB/);
  });

  test("every problem is reported at once", async () => {
    const file = join(dir, "many.yaml");
    writeFileSync(
      file,
      edit("count: 100", "count: -1")
        .replace("unitCost: 60000", "unitCost: lots")
        .replace("horizon: 2", "horizon: 40"),
    );
    const io = capture();
    expect(await main(["validate", file], io)).toBe(1);
    expect(io.stderr).toContain("placements[0].count");
    expect(io.stderr).toContain("placements[1].unitCost");
    expect(io.stderr).toContain("horizon");
    expect(io.stderr).toContain("3 problems; nothing was written.");
  });
});

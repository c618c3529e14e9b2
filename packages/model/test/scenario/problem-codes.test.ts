// Every problem carries a code from a small, stable set, so callers (the CLI, the import) branch on
// the code and never on a message's wording; every error of the tool is an HnbError with its code.
import { describe, expect, test } from "vitest";
import {
  ComparisonError,
  compareScenarios,
  DemandInputError,
  HnbError,
  isProblemCode,
  NotEnoughHistory,
  PROBLEM_CODES,
  type ProblemCode,
  ScenarioError,
  scenarioOrThrow,
} from "../../src/index.js";
import { baseInput, problems } from "../helpers.js";

const placement = { id: "a", label: "A", category: "MmSoA", count: 10, unitCost: 1000, growth: 0 };
const codeAt = (raw: unknown, path: string): ProblemCode | undefined =>
  problems(raw).find((p) => p.path === path)?.code;

describe("problem codes", () => {
  test("each kind of mistake has its code, at the field's path", () => {
    const cases: [unknown, string, ProblemCode][] = [
      [{ ...baseInput(), horizon: undefined }, "horizon", "required"],
      [baseInput({ horizon: [2] }), "horizon", "wrong-type"],
      [{ ...baseInput(), horizn: 2 }, "horizn", "unknown-key"],
      [baseInput({ openingBalance: 1e13 }), "openingBalance", "out-of-range"],
      [baseInput({ openingBalance: "TODO: from the accounts" }), "openingBalance", "not-filled-in"],
      [baseInput({ openingBalance: "1 +* 2" }), "openingBalance", "bad-value"],
      [baseInput({ placements: [placement, placement] }), "placements[1].id", "duplicate"],
      [
        baseInput({
          placements: [placement],
          mitigations: [{ id: "g", type: "growthReduction", placements: ["b"], reduction: 0.01, from: 2026 }],
        }),
        "mitigations[0].placements[0]",
        "bad-reference",
      ],
      [
        baseInput({ placements: [{ ...placement, ageSplit: { under5: 0.5, age5to10: 0.2 } }] }),
        "placements[0].ageSplit",
        "cross-field",
      ],
      [
        baseInput({ placements: [{ ...placement, growth: { method: "cagr", years: 3 } }] }),
        "placements[0].growth",
        "not-enough-history",
      ],
    ];
    for (const [raw, path, code] of cases) expect(codeAt(raw, path), path).toBe(code);
  });

  test("every problem of a broken scenario has a known code", () => {
    const raw = baseInput({
      horizon: 99,
      placements: [{ ...placement, count: -1, extra: 1 }, { id: "a" }],
      income: { hnb: { amount: "TODO" } },
    });
    for (const p of problems(raw)) expect(isProblemCode(p.code), `${p.path}: ${p.code}`).toBe(true);
    expect(PROBLEM_CODES.length).toBeLessThanOrEqual(12);
  });
});

describe("errors", () => {
  test("the engine's errors are HnbErrors with their code", () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error;
      }
      throw new Error("expected a throw");
    };
    const invalid = thrown(() => scenarioOrThrow(baseInput({ horizon: 0 })));
    expect(invalid).toBeInstanceOf(ScenarioError);
    expect(invalid).toBeInstanceOf(HnbError);
    expect((invalid as HnbError).code).toBe("invalid-scenario");
    expect((invalid as HnbError).problems.map((p) => p.path)).toEqual(["horizon"]);
    const compare = thrown(() => compareScenarios([], []));
    expect(compare).toBeInstanceOf(ComparisonError);
    expect((compare as HnbError).code).toBe("cannot-compare");
    expect(new NotEnoughHistory("x").code).toBe("not-enough-history");
    expect(new DemandInputError("x").code).toBe("demand-input-refused");
    expect(new NotEnoughHistory("x").name).toBe("NotEnoughHistory");
  });
});

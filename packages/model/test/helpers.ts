import { type Problem, parseScenario, type Scenario, type ScenarioInput } from "../src/index.js";

/** A minimal valid scenario input (base census 2025, horizon 2) to extend in tests. */
export function baseInput(
  overrides: Partial<Record<keyof ScenarioInput, unknown>> = {},
): Record<string, unknown> {
  return {
    schema: "hnb-scenario/1",
    name: "Test",
    baseYear: 2025,
    horizon: 2,
    openingBalance: 0,
    placements: [],
    income: { hnb: { amount: 0 } },
    ...overrides,
  };
}

/** Validates or fails the test with every problem listed. */
export function valid(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return r.scenario;
}

/** The problems of an invalid scenario (fails the test if it is valid). */
export function problems(raw: unknown): Problem[] {
  const r = parseScenario(raw);
  if (r.ok) throw new Error("expected the scenario to be rejected");
  return r.problems;
}

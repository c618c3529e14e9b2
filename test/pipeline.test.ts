// The one-pass pipeline (issue #16): parse → compile (growth resolved once) → project (every
// subset of levers once) → derive → simulate → present. These count the work actually done by
// wrapping the two expensive functions, so a stage that starts again from the Scenario fails here.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { parseScenarioText } from "../packages/io/src/index.js";
import { compile, forecast, uncertaintyOf } from "../packages/model/src/index.js";

const calls = vi.hoisted(() => ({ project: 0, resolveGrowths: 0 }));

vi.mock("../packages/model/src/project/projection.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../packages/model/src/project/projection.js")>();
  return {
    ...real,
    project: (...args: Parameters<typeof real.project>) => {
      calls.project++;
      return real.project(...args);
    },
  };
});

vi.mock("../packages/model/src/growth/growth.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../packages/model/src/growth/growth.js")>();
  return {
    ...real,
    resolveGrowths: (...args: Parameters<typeof real.resolveGrowths>) => {
      calls.resolveGrowths++;
      return real.resolveGrowths(...args);
    },
  };
});

const text = readFileSync(resolve(import.meta.dirname, "../data/default-scenario.yaml"), "utf8");

beforeEach(() => {
  calls.project = 0;
  calls.resolveGrowths = 0;
});

describe("one pass from scenario to result", () => {
  test("the default scenario: growth resolved once, 2^8 projections for the forecast, none more", () => {
    const parsed = parseScenarioText(text, "yaml");
    if (!parsed.ok) throw new Error("default scenario invalid");
    expect(calls.resolveGrowths).toBe(1);
    const compiled = compile(parsed.scenario, parsed.growths);
    const result = forecast(compiled);
    expect(calls.resolveGrowths).toBe(1);
    expect(result.levers).toHaveLength(8);
    // Attribution needs every subset once; unmitigated, mitigated and savings-only are among them.
    expect(calls.project).toBe(2 ** 8);
    expect(result.safetyValve.path).toHaveLength(result.financialYears.length);
  });

  test("with paths: 2 projections a path, 1 for the tornado and 2 per assumption it cannot re-cost, growth still resolved once", () => {
    const parsed = parseScenarioText(text, "yaml");
    if (!parsed.ok) throw new Error("default scenario invalid");
    const compiled = compile(parsed.scenario, parsed.growths);
    forecast(compiled);
    calls.project = 0;
    const u = uncertaintyOf(compiled, { paths: 50, seed: 1 });
    // The tornado re-costs a growth assumption's own placement unless a shift ties it to another
    // (the default scenario has no demand section and no places).
    const shifted = new Set(
      parsed.scenario.mitigations.flatMap((m) =>
        m.type === "placementShift" ? [m.fromPlacement, m.toPlacement] : [],
      ),
    );
    const recosted = u.assumptions.filter((a) => a.kind === "growth" && !shifted.has(a.id)).length;
    expect(recosted).toBeGreaterThan(5);
    expect(calls.project).toBe(2 * 50 + 1 + 2 * (u.assumptions.length - recosted));
    expect(calls.resolveGrowths).toBe(1);
  });

  test("a lever's savings by FY add up to its saving on the final balance (sequential and Shapley)", () => {
    const parsed = parseScenarioText(text, "yaml");
    if (!parsed.ok) throw new Error("default scenario invalid");
    const result = forecast(compile(parsed.scenario, parsed.growths));
    for (const l of result.levers) {
      const sum = (k: "sequential" | "shapley") => l.byYear.reduce((a, y) => a + y[k], 0);
      expect(sum("shapley")).toBeCloseTo(l.shapley, 4);
      expect(sum("sequential")).toBeCloseTo(l.sequential, 4);
      expect(l.byYear.map((y) => y.fy)).toEqual(result.financialYears);
    }
    // Each FY's shares add up to that FY's in-year gap between mitigated and unmitigated.
    result.financialYears.forEach((fy, k) => {
      const gap =
        (result.mitigated.ledger[k]?.inYear ?? Number.NaN) -
        (result.unmitigated.ledger[k]?.inYear ?? Number.NaN);
      const shares = result.levers.reduce((a, l) => a + (l.byYear[k]?.shapley ?? Number.NaN), 0);
      expect(shares, fy).toBeCloseTo(gap, 4);
    });
  });

  test("a plain Scenario still works everywhere a Compiled does, with the same figures", () => {
    const parsed = parseScenarioText(text, "yaml");
    if (!parsed.ok) throw new Error("default scenario invalid");
    expect(forecast(parsed.scenario)).toEqual(forecast(compile(parsed.scenario, parsed.growths)));
  });
});

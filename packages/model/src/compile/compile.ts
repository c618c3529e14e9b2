// The pipeline's first two stages, done once per run: a validated scenario and its normalised
// model (growth resolved from history once). Every later stage (project, derive, simulate,
// present) starts from this, never again from the Scenario.
import type { ResolvedGrowths } from "../growth/growth.js";
import type { Scenario } from "../scenario/schema.js";
import { type Model, normalise } from "./model.js";

/** A validated scenario with its normalised model: what every later stage of the pipeline takes. */
export interface Compiled {
  readonly scenario: Scenario;
  readonly model: Model;
}

/**
 * Normalises a validated scenario once, reusing the growth parseScenario resolved when given.
 * @example const c = compile(parsed.scenario, parsed.growths); forecast(c); simulate(c, { paths: 2000 })
 */
export function compile(scenario: Scenario, growths?: ResolvedGrowths): Compiled {
  return { scenario, model: growths ? normalise(scenario, growths) : normalise(scenario) };
}

/**
 * The compiled form of either input, so library users may pass a plain Scenario.
 * @example compiledOf(scenario).model.financialYears
 */
export function compiledOf(input: Scenario | Compiled): Compiled {
  return "model" in input && "scenario" in input ? input : compile(input);
}

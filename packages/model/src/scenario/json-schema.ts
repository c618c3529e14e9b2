import { z } from "zod";
import { SCHEMA_VERSION, ScenarioSchema } from "./schema.js";

/**
 * The JSON Schema of the scenario file, generated from the zod schema (the one source of truth) so
 * editors can autocomplete and check scenario files. Numbers may be formulas (strings).
 * @example scenarioJsonSchema().title === "hnb-scenario/1"
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
  return {
    ...schema,
    $id: "https://hnb-forecast.invalid/schema/hnb-scenario-1.schema.json",
    title: SCHEMA_VERSION,
    description:
      "A High Needs Block forecast scenario (spec §9). Field names are the public format: extended, never renamed.",
  };
}

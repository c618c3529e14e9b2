import { readFileSync } from "node:fs";
import { scenarioJsonSchema } from "@hnb/model";
import { expect, test } from "vitest";

test("the committed JSON Schema matches the zod schema (run `pnpm schema` when this fails)", () => {
  const committed = JSON.parse(readFileSync("packages/model/hnb-scenario.schema.json", "utf8"));
  expect(committed).toEqual(scenarioJsonSchema());
});

test("the JSON Schema names every top-level field and rejects unknown ones", () => {
  const schema = scenarioJsonSchema() as {
    properties: Record<string, unknown>;
    additionalProperties: boolean;
    required: string[];
  };
  expect(Object.keys(schema.properties)).toEqual(
    expect.arrayContaining([
      "schema",
      "name",
      "baseYear",
      "horizon",
      "phasing",
      "openingBalance",
      "placements",
      "lines",
      "staffing",
      "income",
      "mitigations",
    ]),
  );
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(
    expect.arrayContaining(["schema", "name", "baseYear", "horizon", "openingBalance", "income"]),
  );
});

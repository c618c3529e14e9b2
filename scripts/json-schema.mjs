// Writes packages/model/hnb-scenario.schema.json from the zod schema (run after `pnpm build`).
// test/json-schema.test.ts fails when the committed file is stale.
import "./help.mjs";
import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "@hnb/model";

const path = new URL("../packages/model/hnb-scenario.schema.json", import.meta.url);
writeFileSync(path, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);

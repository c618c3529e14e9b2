import { readFileSync } from "node:fs";
import { parseText } from "@hnb/io";
import { expect, test } from "vitest";
import { run } from "@hnb/model";

test("smoke", () => {
  const r = run((parseText(readFileSync("test/fixtures/spec-example.yaml", "utf8"), "yaml") as { data: unknown }).data);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  console.log(JSON.stringify(r.result.unmitigated.ledger.map((l) => [l.fy, Math.round(l.inYear), Math.round(l.cumulative)])));
  console.log(JSON.stringify(r.result.mitigated.ledger.map((l) => [l.fy, Math.round(l.inYear), Math.round(l.cumulative)])));
  console.log(JSON.stringify(r.result.levers));
  expect(r.ok).toBe(true);
});

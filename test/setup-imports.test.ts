// test/setup.ts runs before every test file, so what it imports is loaded before that file's
// vi.mock calls: a runtime import of a workspace package there would load the engine un-mocked and
// silently defeat every module mock (write.test.ts's faults, pipeline.test.ts's projection counts).
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

test("test/setup.ts and what it imports load no workspace package at runtime (types only)", () => {
  for (const file of ["test/setup.ts", "test/support.ts"]) {
    const runtime = [...readFileSync(file, "utf8").matchAll(/^import (?!type )[^;]*from "(@hnb\/[^"]+)"/gm)];
    expect(
      runtime.map((m) => m[1]),
      `${file} imports a workspace package at runtime`,
    ).toEqual([]);
  }
});

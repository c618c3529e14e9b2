// docs/spec.md is the accounting contract vendored from the project's shared folder, so a clone
// holds the spec the README and docs cite. Where the shared folder is present (beside the data
// HNB_SHARED_DATA names: ../shared/spec/model.md by default), the copy must be the file, unchanged.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SHARED_DATA } from "./shared-data.js";

const SPEC = join(SHARED_DATA, "..", "spec", "model.md");
const HAS_SPEC = existsSync(SPEC);
if (!HAS_SPEC)
  console.warn(
    `SKIPPED the vendored spec's check: no ${SPEC} (set HNB_SHARED_DATA to the shared data folder beside spec/)`,
  );

/** docs/spec.md less its first line (where it comes from) and the blank line after it. */
function vendoredBody(): string {
  const text = readFileSync("docs/spec.md", "utf8");
  const [first, blank, ...rest] = text.split("\n");
  expect(first).toMatch(/^> Vendored from .*`\.\.\/shared\/spec\/model\.md`/);
  expect(blank).toBe("");
  return rest.join("\n");
}

describe("docs/spec.md", () => {
  test("says where it comes from, then holds the spec's sections", () => {
    const body = vendoredBody();
    expect(body).toMatch(/^# The forecast model: what every number means\n/);
    expect(body).toContain("\n## 8. What the command line returns\n");
  });

  test.skipIf(!HAS_SPEC)("is ../shared/spec/model.md, unchanged", () => {
    expect(vendoredBody()).toBe(readFileSync(SPEC, "utf8"));
  });
});

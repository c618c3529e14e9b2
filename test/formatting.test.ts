// Numbers are written by one formatter, formatNumber (model/src/units/money.ts): it writes what
// toLocaleString("en-GB") writes (property-tested there) without loading ICU's locale data, which
// would cost every command ~10 ms at its first call. A toLocaleString in the packages would bring
// that back unnoticed: this lists any.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { PACKAGES, ROOT, sources } from "./example-source.js";

test("no package writes numbers with toLocaleString or Intl but formatNumber", () => {
  const found = PACKAGES.flatMap((p) => sources(join(ROOT, "packages", p, "src")))
    .filter((f) => !f.endsWith(join("model", "src", "units", "money.ts")))
    .flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /toLocaleString|\bIntl\./.test(line) ? [`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
  expect(found).toEqual([]);
});

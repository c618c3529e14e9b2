// Numbers are written by one formatter, formatNumber (model/src/units/money.ts, toLocaleString("en-GB")
// with the decimals checked), so every figure reads the same everywhere. A toLocaleString or Intl
// elsewhere in the packages would be a second formatter: this lists any.
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

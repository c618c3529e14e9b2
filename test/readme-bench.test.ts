// The performance table (docs/performance.md) is rendered from bench/results.json
// (scripts/bench-table.mjs), so every figure in it is one `pnpm bench` printed, never typed by hand.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { BENCH_PAGE, END, renderBenchTable, START } from "../scripts/bench-table.mjs";

describe("performance table", () => {
  test(`${BENCH_PAGE} holds exactly what bench/results.json renders to`, () => {
    expect(BENCH_PAGE).toBe("docs/performance.md");
    const page = readFileSync(BENCH_PAGE, "utf8");
    const results = JSON.parse(readFileSync("bench/results.json", "utf8"));
    const from = page.indexOf(START);
    const to = page.indexOf(END);
    expect(from).toBeGreaterThan(0);
    expect(page.slice(from + START.length, to).trim()).toBe(renderBenchTable(results));
  });

  test("the README holds no copy of it", () => {
    expect(readFileSync("README.md", "utf8")).not.toContain(START);
  });
});

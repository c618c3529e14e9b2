// The README's performance table is rendered from bench/results.json (scripts/bench-table.mjs), so
// every figure in it is one `pnpm bench` printed, never typed by hand.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { END, renderBenchTable, START } from "../scripts/bench-table.mjs";

describe("README performance table", () => {
  test("is exactly what bench/results.json renders to", () => {
    const readme = readFileSync("README.md", "utf8");
    const results = JSON.parse(readFileSync("bench/results.json", "utf8"));
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    expect(from).toBeGreaterThan(0);
    expect(readme.slice(from + START.length, to).trim()).toBe(renderBenchTable(results));
  });
});

// The performance table of docs/performance.md, rendered from bench/results.json, so no figure in it
// is typed by hand. `pnpm bench` rewrites it after each run; `node scripts/bench-table.mjs --write`
// does it from the committed results, and without --write prints it. test/readme-bench.test.ts
// checks that the page holds exactly what this renders.
import "./help.mjs";
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("..", import.meta.url).pathname;
export const START = "<!-- bench:start (scripts/bench-table.mjs renders this from bench/results.json) -->";
export const END = "<!-- bench:end -->";
/** The page that holds the table, from the repository's root. */
export const BENCH_PAGE = "docs/performance.md";

/** The markdown of one results.json: the machine, then a row per measure. */
export function renderBenchTable(results) {
  const { machine } = results;
  const number = (v) =>
    typeof v === "number" ? v.toLocaleString("en-GB", { maximumFractionDigits: 3 }) : "not measured";
  const rows = results.results.map((r) => {
    const value = r.value === null ? "not measured" : `${number(r.value)} ${r.unit}`.trim();
    const target = r.target
      ? `${r.target} ${r.meets === true ? "PASS" : r.meets === false ? "MISS" : ""}`.trim()
      : "";
    return `| ${r.name} | ${value} | ${target} | ${r.note ?? ""} |`;
  });
  return [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, "")}; commit ${machine.commit}.`,
    "",
    "| measure | figure | target | note |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

/** The page with its bench section replaced by `table`. */
export function withBenchTable(page, table) {
  const from = page.indexOf(START);
  const to = page.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${BENCH_PAGE} has no bench markers`);
  return `${page.slice(0, from + START.length)}\n${table}\n${page.slice(to)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(readFileSync(`${root}bench/results.json`, "utf8"));
  const table = renderBenchTable(results);
  if (process.argv.includes("--write")) {
    const file = `${root}${BENCH_PAGE}`;
    writeFileSync(file, withBenchTable(readFileSync(file, "utf8"), table));
    console.log(`${BENCH_PAGE}: bench table rewritten from bench/results.json`);
  } else console.log(table);
}

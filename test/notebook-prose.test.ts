// The committed notebooks must agree with themselves: every figure in their markdown appears in
// their own outputs (so a take-away typed by hand cannot drift from the tables), every notebook
// shows a chart, execution counts run 1, 2, 3… and tables have readable headers and years.
// Reads the committed .ipynb files only: no kernel needed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  execution_count?: number | null;
}
interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

const dir = "notebooks";
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((file) => ({
    name: file.replace(/\.ipynb$/, ""),
    cells: (JSON.parse(readFileSync(join(dir, file), "utf8")) as { cells: Cell[] }).cells,
  }));

/**
 * Figures a source paper prints that a notebook's markdown quotes but its outputs do not show,
 * with the reason. Keep it short: a figure from the model belongs in a code cell's output.
 */
const FROM_PAPERS: Record<string, Record<string, string>> = {};

const join_ = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Everything a notebook's code cells print or display, as text. */
function outputText(cells: Cell[]): string {
  const parts: string[] = [];
  for (const cell of cells)
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "stream") parts.push(join_(o.text));
      if (o.data?.["text/plain"]) parts.push(join_(o.data["text/plain"]));
      if (o.data?.["text/html"]) parts.push(decode(join_(o.data["text/html"])));
    }
  return parts.join("\n");
}

/**
 * Number-like figures in markdown: money (£3.37m, £1,234k, £31k, £220,000), percentages, and plain
 * numbers with 3+ digits or decimals; not years (2000–2099, financial and academic years), dates,
 * section, table, paragraph or seed references, list or heading numbers, or code spans.
 */
function figuresIn(markdown: string): string[] {
  const text = markdown
    .replace(/`[^`]*`/g, " ")
    .replace(/^\s*#*\s*\d+\.\s/gm, " ")
    .replace(/§\s*\d[\d.]*/g, " ")
    .replace(/\b(?:seed|para(?:graph)?|section|tables?)\s+\d[\d.–-]*/gi, " ")
    .replace(/\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/g, " ")
    .replace(/\b20\d\d(?:[-/–]\d\d(?:\d\d)?)?\b/g, " ");
  return [
    ...text.matchAll(
      /£\d[\d,]*(?:\.\d+)?(?:bn|[km])?|\d[\d,]*(?:\.\d+)?%|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{3,}/g,
    ),
  ].map((m) => m[0]);
}

interface Num {
  value: number;
  /** Half the last written digit's place, scaled by the unit: the rounding a figure allows. */
  tolerance: number;
  kind: "money" | "percent" | "plain";
  /** Units a bare number may be read in (£, £ thousands, £ millions), or the one its suffix gives. */
  scales: number[];
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, bn: 1e9 };

function parse(text: string, bare: number[] = [1]): Num {
  const m = /^(£)?\(?[−-]?(\d[\d,]*)(?:\.(\d+))?(bn|k|m)?(%)?/.exec(text);
  if (!m) throw new Error(`not a figure: ${text}`);
  const value = Number(`${(m[2] ?? "").replace(/,/g, "")}.${m[3] ?? "0"}`);
  const scale = m[4] ? (SUFFIX[m[4]] ?? 1) : undefined;
  const kind = m[5] ? "percent" : m[1] || m[4] ? "money" : "plain";
  return {
    value,
    tolerance: 10 ** -(m[3]?.length ?? 0) / 2,
    kind,
    scales: scale ? [scale] : bare,
  };
}

/** Whether a markdown figure appears in the output text: as written, or with the same value in £, £k or £m. */
function foundIn(figure: string, output: string): boolean {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`).test(output)) return true;
  const f = parse(figure);
  const target = f.value * (f.scales[0] ?? 1);
  const tolerance = f.tolerance * (f.scales[0] ?? 1);
  for (const m of output.matchAll(/£?\(?[−-]?\d[\d,]*(?:\.\d+)?(?:bn|k|m(?![a-z]))?%?/g)) {
    const token = m[0];
    const t = parse(
      token,
      /^[^£]*\d$/.test(token) && token.replace(/\D/g, "").length > 1 ? [1, 1e3, 1e6] : [1],
    );
    if ((t.kind === "percent") !== (f.kind === "percent")) continue;
    const candidates = f.kind === "money" ? t.scales.map((s) => t.value * s) : [t.value];
    // Strictly inside: 1.5% does not round to 1%.
    if (candidates.some((c) => Math.abs(c - target) < tolerance)) return true;
  }
  return false;
}

describe("the figure rule", () => {
  test("finds money, percentages and long numbers, not years, dates or references", () => {
    expect(
      figuresIn(
        "# 2. Title\nThe tables cost £3.20m (£3.37m by 2023-24), £220,000 more; 2,000 paths, seed 2022, " +
          "0.5% and 12.5 points in 2024/25 (seed 004, para 3.2, section 5, §5, 26.11.2019), `--paths 2000`, 1–3 years.\n1. a list",
      ),
    ).toEqual(["£3.20m", "£3.37m", "£220,000", "2,000", "0.5%", "12.5"]);
  });

  test("matches a figure to the same value in £ thousands, not to a different one", () => {
    const table = "Financial year Staffing cost (£k)\n2020-21 3,201\n2023-24 3,489";
    expect(foundIn("£3.37m", table)).toBe(false);
    expect(foundIn("£3.49m", table)).toBe(true);
    expect(foundIn("£3.20m", table)).toBe(true);
    expect(foundIn("£935,549.2", "printed 935,549")).toBe(false);
    expect(foundIn("1%", "rate 1.0%")).toBe(true);
    expect(foundIn("1%", "rate 1.5%")).toBe(false);
    expect(foundIn("£290.0m", "Schools Block 2021-22: £290.0m")).toBe(true);
  });
});

describe.each(notebooks)("notebook $name", ({ name, cells }) => {
  const code = cells.filter((c) => c.cell_type === "code");
  const outputs = code.flatMap((c) => c.outputs ?? []);

  test("every figure in its markdown appears in its own outputs", () => {
    const text = outputText(cells);
    const allowed = FROM_PAPERS[name] ?? {};
    const missing = cells
      .filter((c) => c.cell_type === "markdown")
      .flatMap((c) => figuresIn(join_(c.source)))
      .filter((f) => !(f in allowed) && !foundIn(f, text));
    expect(
      missing,
      "print these from the results in a code cell, or list a paper's figure in FROM_PAPERS",
    ).toEqual([]);
  });

  test("shows at least one chart", () => {
    const charts = outputs.filter(
      (o) => o.data && ("application/vnd.vegalite.v5+json" in o.data || "image/svg+xml" in o.data),
    );
    expect(charts.length).toBeGreaterThan(0);
  });

  test("records execution counts 1, 2, 3… over its code cells", () => {
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    for (const [i, c] of code.entries())
      for (const o of c.outputs ?? [])
        if (o.output_type === "execute_result") expect(o.execution_count).toBe(i + 1);
  });

  test("its tables have readable headers and print years as years", () => {
    for (const o of outputs) {
      const html = join_(o.data?.["text/html"]);
      if (!html.includes("<table")) continue;
      const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
        [...(r[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1] ?? "").trim()),
      );
      const [head = [], ...body] = rows;
      for (const h of head) {
        // A code name (fy, inYear, p10) where a title belongs.
        expect(h, `header "${h}"`).not.toMatch(/^[a-z]|\b[a-z]+[A-Z]\w*/);
      }
      head.forEach((h, i) => {
        if (!/^(financial year|year|january census|census)\b/i.test(h)) return;
        for (const row of body) expect(row[i], `column "${h}"`).not.toMatch(/^\d,\d{3}$/);
      });
    }
  });
});

// PNGs are checked for size and for real glyphs (not empty boxes); every spec type-checks against
// vega-lite's own types.
import { join } from "node:path";
import { loadScenarioFile, readMonitoringFile } from "@hnb/io";
import { compareScenarios } from "@hnb/model";
import { beforeAll, describe, expect, test } from "vitest";
import { comparisonChart, monitoringChart, PNG_WIDTH, rasterise, renderSvg } from "../src/index.js";
import { chart, charts, ctx } from "./chart-set.js";

describe("PNG rendering", () => {
  let svg = "";
  beforeAll(async () => {
    svg = await renderSvg(chart("balance").spec);
  });

  test("is print resolution: 1,800 px wide, a valid PNG", async () => {
    const r = await rasterise(svg);
    expect(r.width).toBe(PNG_WIDTH);
    expect(r.height).toBeGreaterThan(600);
    expect([...r.png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  // Missing glyphs draw nothing or identical boxes whatever the letter; real glyphs differ in ink.
  test("draws real glyphs from the bundled font, not empty boxes", async () => {
    const ink = async (text: string) => {
      const doc = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><text x="10" y="40" font-family="Source Sans 3" font-size="32">${text}</text></svg>`;
      const r = await rasterise(doc, 400);
      let dark = 0;
      for (let i = 0; i < r.pixels.length; i += 4) if ((r.pixels[i] ?? 255) < 128) dark++;
      return dark;
    };
    const wide = await ink("WWWWWWWW");
    const narrow = await ink("llllllll");
    expect(narrow).toBeGreaterThan(50);
    expect(wide).toBeGreaterThan(narrow * 1.5);
  });

  test("the chart's title area has ink", async () => {
    const r = await rasterise(svg);
    let dark = 0;
    for (let y = 20; y < 80; y++)
      for (let x = 20; x < 600; x++) if ((r.pixels[(y * r.width + x) * 4] ?? 255) < 100) dark++;
    expect(dark).toBeGreaterThan(1000);
  });
});

// The builders write specs as plain objects and frame() casts them to TopLevelSpec once; this is the
// check that cast skips: every chart's spec, as data, type-checks against vega-lite's own types
// (excess-property checks catch a misspelt property, which vega-lite would silently ignore).
describe("every chart's spec is a vega-lite TopLevelSpec", () => {
  test("type-checks with the TypeScript compiler against vega-lite's types", async () => {
    const ts = (await import("typescript")).default;
    // Row data is not spec structure (and would only slow the check): keep one row of each data set.
    const structure = (spec: unknown): unknown =>
      JSON.parse(
        JSON.stringify(spec, (key, value) =>
          key === "values" && Array.isArray(value) ? value.slice(0, 1) : value,
        ),
      );
    // The monitoring and comparison charts too (the demand chart needs an imported history: not here).
    const data = (f: string) => new URL(`../../../data/${f}`, import.meta.url).pathname;
    const monitored = await readMonitoringFile(data("monitoring-q2.yaml"));
    if (!monitored.ok) throw new Error("data/monitoring-q2.yaml does not read");
    const compared = compareScenarios(
      await Promise.all(["best-case.yaml", "worst-case.yaml"].map((f) => loadScenarioFile(data(f)))),
    );
    const all = [...charts, monitoringChart(monitored.monitoring, ctx), comparisonChart(compared, ctx)];
    const file = join(import.meta.dirname, "chart-specs.check.ts");
    const text = `import type { TopLevelSpec } from "vega-lite";\n${all
      .map(
        (c, i) =>
          `// ${c.name}\nexport const chart${i}: TopLevelSpec = ${JSON.stringify(structure(c.spec))};\n`,
      )
      .join("")}`;
    const options = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    const getSource = host.getSourceFile.bind(host);
    host.readFile = (f) => (f === file ? text : read(f));
    host.fileExists = (f) => f === file || exists(f);
    host.getSourceFile = (f, lang, ...rest) =>
      f === file ? ts.createSourceFile(f, text, lang) : getSource(f, lang, ...rest);
    const program = ts.createProgram([file], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const chart = at ? text.split("\n")[at.line - 1] : "";
      return `${chart} ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 4000)}`;
    });
    expect(problems).toEqual([]);
  }, 60_000);
});

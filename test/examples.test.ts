// Every public function's one-line doc comment carries an @example; this type-checks each one
// against the function it documents, so an example cannot drift from the signature (a renamed
// function, a wrong argument, a field that does not exist). Examples name sample values
// (`scenario`, `result`, …) declared once below with their types.
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { type Example, examplesOf, PACKAGES, publicNames, ROOT, sources } from "./example-source.js";

// The sample values examples may use, with their types.
const SAMPLES = `
import type * as M from "@hnb/model";
import type * as IO from "@hnb/io";
import type * as C from "@hnb/charts";
import type { TopLevelSpec } from "vega-lite";
declare const scenario: M.Scenario;
declare const s: M.Scenario;
declare const raw: unknown;
declare const text: string;
declare const yaml: { parse(text: string): unknown };
declare const parsed: Extract<M.ParseResult, { ok: true }>;
declare const result: M.ForecastResult;
declare const forecastResult: M.ForecastResult;
declare const model: M.Model;
declare const m: M.Model;
declare const compiled: M.Compiled;
declare const t: M.Trajectory;
declare const mask: number;
declare const conf: (i: number) => number;
declare const p: M.Placement;
declare const l: M.Line;
declare const points: M.HistoryPoint[];
declare const englandSeries: M.HistoryPoint[];
declare const series: M.HistoryPoint[];
declare const history: M.HistoryPoint[];
declare const records: M.BacktestRecord[];
declare const data: IO.Sen2Data;
declare const a: IO.AuthorityRef;
declare const bristol: IO.AuthorityRef;
declare const found: { authority: IO.AuthorityRef };
declare const ctx: C.ChartContext;
declare const paperCtx: C.paper.PaperContext;
declare const chart: C.Chart;
declare const charts: C.Chart[];
declare const spec: TopLevelSpec;
declare const svg: string;
declare const io: import("${ROOT}/packages/cli/src/console.js").Console;
declare const values: number[];
declare const placementIds: string[];
declare const u: M.UncertaintyOutput;
declare const uncertainty: M.UncertaintyOutput;
declare const monitoring: M.Monitoring;
declare const rows: Record<string, unknown>[];
declare const central: M.Scenario;
declare const best: M.Scenario;
declare const worst: M.Scenario;
declare const b: M.Scenario;
declare const input: M.DemandInput;
declare const projected: M.Projected;
declare const reference: { name: string; series: M.HistoryPoint[] };
declare const counts: Float64Array[];
declare const unitCosts: Float64Array[];
declare const skeleton: Record<string, unknown>;
declare const h: IO.AuthorityHistory;
declare const bytes: Uint8Array;
declare const csv: string;
declare const json: string;
declare const dir: string;
declare const metrics: import("${ROOT}/packages/charts/src/font-metrics.js").FontMetrics;
declare const body: Record<string, unknown>;
declare const encoding: Record<string, unknown>;
declare const columns: IO.TableColumn[];
declare const c: M.Comparison;
declare const base: M.ForecastResult;
declare const withTransfer: M.ForecastResult;
declare const args: string[];
declare const USAGE: string;
declare const problems: M.Problem[];
declare const quiet: boolean;
declare const monitored: M.MonitoringResult;
declare const monitoringFile: M.Monitoring;
declare const staffingLine: M.StaffingLine;
declare const mitigation: M.Mitigation;
declare const ledger: M.LedgerRow[];
declare const fanRows: C.FanRow[];
declare const tornadoRows: C.TornadoBar[];
declare const errorRows: C.BacktestErrorRow[];
declare const backtestSeriesList: M.BacktestSeries[];
declare const ws: import("${ROOT}/packages/io/node_modules/exceljs").Worksheet;
declare const row: import("${ROOT}/packages/io/node_modules/exceljs").Row;
declare const sheet: import("${ROOT}/packages/io/src/workbook/writer.js").SheetWriter;
declare const total: number;
declare const outturn: number;
`;

describe("every @example type-checks against what it documents", () => {
  test("all packages", () => {
    const checks: { path: string; text: string; examples: Example[]; offsets: number[] }[] = [];
    const publics = PACKAGES.map((pkg) => [pkg, publicNames(pkg)] as const);
    for (const pkg of PACKAGES) {
      for (const file of sources(join(ROOT, "packages", pkg, "src"))) {
        const { examples, exported } = examplesOf(file);
        if (!examples.length) continue;
        // The module's own names first, then its package's public API, then the packages it may use.
        const taken = new Set(exported);
        const order = [pkg, ...PACKAGES.filter((x) => x !== pkg)];
        const imports = order.map((x) => {
          const names = (publics.find(([q]) => q === x)?.[1] ?? []).filter((n) => !taken.has(n));
          for (const n of names) taken.add(n);
          return names.length ? `import { ${names.join(", ")} } from "@hnb/${x}";\n` : "";
        });
        const header = `${SAMPLES}\nimport { ${exported.join(", ")} } from ${JSON.stringify(file.replace(/\.ts$/, ".js"))};\n${imports.join("")}import { join } from "node:path";\nimport { readFile } from "node:fs/promises";\n`;
        let text = header;
        const offsets: number[] = [];
        examples.forEach((e, i) => {
          offsets.push(text.length);
          text += `async function example${i}() {\n${e.code};\n}\n`;
        });
        checks.push({ path: `${file}.examples.ts`, text, examples, offsets });
      }
    }
    const byPath = new Map(checks.map((c) => [c.path, c]));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ["@hnb/source"],
      skipLibCheck: true,
      types: ["node"],
      noUnusedLocals: false,
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    host.readFile = (f) => byPath.get(f)?.text ?? read(f);
    host.fileExists = (f) => byPath.has(f) || exists(f);
    const getSource = host.getSourceFile.bind(host);
    host.getSourceFile = (f, lang, ...rest) => {
      const c = byPath.get(f);
      return c ? ts.createSourceFile(f, c.text, lang) : getSource(f, lang, ...rest);
    };
    const program = ts.createProgram([...byPath.keys()], options, host);
    const problems: string[] = [];
    for (const c of checks) {
      const sf = program.getSourceFile(c.path);
      if (!sf) continue;
      for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
        const at = d.start ?? 0;
        let i = c.offsets.length - 1;
        while (i > 0 && (c.offsets[i] as number) > at) i--;
        const e = c.examples[i];
        // The sample header's own lines are not examples.
        if (!e || at < (c.offsets[0] as number)) continue;
        problems.push(
          `${e.file.slice(ROOT.length + 1)}:${e.line} ${e.name}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}\n    @example ${e.code}`,
        );
      }
    }
    expect(problems.join("\n")).toBe("");
  }, 120_000);
});

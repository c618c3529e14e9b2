// The @examples that claim a value are run (with the sample values the type-check declares bound to
// the default scenario and what the engine makes of it: scenario, result, model, …),
// and their claim checked: `a === b` (each statement of a list must hold) or `expr // → value` /
// `expr // value` with a JSON literal (`≈` meaning equal to the literal's decimal places). The
// type-check of every example is examples.test.ts; this catches a documented value that is wrong.

import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { type Example, examplesOf, PACKAGES, publicNames, ROOT, sources } from "./example-source.js";

// Globals an example may use besides the exported names.
const GLOBALS = new Set([
  "Float64Array",
  "Math",
  "Number",
  "Object",
  "Array",
  "Error",
  "JSON",
  "true",
  "false",
  "undefined",
  "null",
  "new",
  "await",
  "typeof",
]);

// The identifiers an example reads: not property names (after a dot), not object keys (before a colon).
function identifiers(code: string): string[] {
  const bare = code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  // Arrow-function parameters are the example's own names.
  const params = new Set(
    [...bare.matchAll(/\(([\w$,\s]*)\)\s*=>|([A-Za-z_$][\w$]*)\s*=>/g)].flatMap((m) =>
      (m[1] ?? m[2] ?? "").split(",").map((x) => x.trim()),
    ),
  );
  return [...bare.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)(?![\w$])(?!\s*:)/g)]
    .map((m) => m[1] as string)
    .filter((id) => !params.has(id));
}

// Whether `===` appears outside every bracket of the expression.
function topLevelComparison(expr: string): boolean {
  const bare = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  let depth = 0;
  for (let i = 0; i < bare.length; i++) {
    const c = bare[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && bare.startsWith("===", i)) return true;
  }
  return false;
}

interface Claim {
  /** Expressions that must be true. */
  truths: string[];
  /** An expression and the value a comment says it gives. */
  value?: { expr: string; expected: unknown; approx: boolean; decimals: number };
}

// The claim an example makes, or undefined when it makes none this test can check.
function claimOf(code: string): Claim | undefined {
  const at = code.indexOf("//");
  const body = (at >= 0 ? code.slice(0, at) : code).trim();
  const comment = at >= 0 ? code.slice(at + 2).trim() : "";
  // Statements comparing at the top level (not inside a callback's brackets) are claims.
  const statements = body
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean);
  if (statements.length && statements.every(topLevelComparison)) return { truths: statements };
  if (body.includes("===")) return undefined;
  const m = /^(→\s*|≈\s*)?(.*)$/.exec(comment);
  if (!m || !comment) return undefined;
  const literal = (m[2] ?? "").trim();
  let expected: unknown;
  try {
    expected = JSON.parse(literal);
  } catch {
    return undefined;
  }
  if (typeof expected === "string" && expected.includes("…")) return undefined;
  const decimals = Math.max(0, ...[...literal.matchAll(/\.(\d+)/g)].map((d) => (d[1] as string).length));
  return { truths: [], value: { expr: body, expected, approx: (m[1] ?? "").startsWith("≈"), decimals } };
}

const plain = (v: unknown): unknown =>
  ArrayBuffer.isView(v) && !(v instanceof DataView)
    ? Array.from(v as Float64Array)
    : Array.isArray(v)
      ? v.map(plain)
      : v;

function close(actual: unknown, expected: unknown, tolerance: (e: number) => number): boolean {
  const a = plain(actual);
  if (typeof expected === "number")
    return typeof a === "number" && Math.abs(a - expected) <= tolerance(expected);
  if (Array.isArray(expected))
    return (
      Array.isArray(a) && a.length === expected.length && expected.every((e, i) => close(a[i], e, tolerance))
    );
  return JSON.stringify(a) === JSON.stringify(expected);
}

describe("every @example that claims a value gives it", () => {
  test("all packages", async () => {
    const publicScope: Record<string, unknown> = {};
    for (const pkg of PACKAGES) {
      const mod = (await import(`@hnb/${pkg}`)) as Record<string, unknown>;
      for (const name of publicNames(pkg)) if (!(name in publicScope)) publicScope[name] = mod[name];
    }
    // The sample values examples name (examples.test.ts declares their types): the default scenario
    // and what the engine makes of it.
    const model = (await import("@hnb/model")) as typeof import("@hnb/model");
    const io = (await import("@hnb/io")) as typeof import("@hnb/io");
    const scenario = await io.loadScenarioFile(join(ROOT, "data", "default-scenario.yaml"));
    const compiled = model.compile(scenario);
    const result = model.forecast(compiled);
    const uncertainty = model.uncertaintyOf(compiled, { paths: 200, seed: 1 });
    Object.assign(publicScope, {
      scenario,
      s: scenario,
      compiled,
      result,
      forecastResult: result,
      model: compiled.model,
      m: compiled.model,
      t: model.project(compiled.model, model.NO_LEVERS),
      p: scenario.placements[0],
      l: scenario.lines[0],
      mitigation: scenario.mitigations[0],
      ledger: result.mitigated.ledger,
      u: uncertainty,
      uncertainty,
    });
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<unknown>;
    const failures: string[] = [];
    let checked = 0;
    for (const pkg of PACKAGES)
      for (const file of sources(join(ROOT, "packages", pkg, "src"))) {
        const { examples } = examplesOf(file);
        if (!examples.length) continue;
        const mod = (await import(file)) as Record<string, unknown>;
        const scope: Record<string, unknown> = { ...publicScope, ...mod };
        for (const e of examples as Example[]) {
          const claim = claimOf(e.code);
          if (!claim || e.code.includes("processConsole")) continue;
          const body = e.code.split("//")[0] ?? "";
          if (!identifiers(body).every((id) => id in scope || GLOBALS.has(id))) continue;
          const run = (expr: string) =>
            new AsyncFunction(...Object.keys(scope), `return (${expr});`)(...Object.values(scope));
          const where = `${file.slice(ROOT.length + 1)}:${e.line} ${e.code}`;
          try {
            for (const t of claim.truths)
              if ((await run(t)) !== true) failures.push(`${where}: ${t} is not true`);
            if (claim.value) {
              const { expr, expected, approx, decimals } = claim.value;
              const actual = await run(expr);
              const tolerance = approx
                ? () => 0.5 * 10 ** -decimals + 1e-12
                : (x: number) => 1e-9 * Math.max(1, Math.abs(x));
              if (!close(actual, expected, tolerance))
                failures.push(`${where}: gives ${JSON.stringify(plain(actual))}`);
            }
            checked++;
          } catch (error) {
            failures.push(`${where}: throws ${(error as Error).message}`);
          }
        }
      }
    expect(failures).toEqual([]);
    // The examples of this kind at the time of writing: a drop means the parser stopped seeing them.
    expect(checked).toBeGreaterThanOrEqual(85);
  });
});

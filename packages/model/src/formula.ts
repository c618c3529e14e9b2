import { createRequire } from "node:module";

type MathJs = { evaluate: (expr: string, scope?: object) => unknown };

let mathjs: MathJs | undefined;

// mathjs takes over a second to import, so it is loaded on the first formula only:
// a scenario written in plain numbers never pays for it.
function loadMathJs(): MathJs {
  if (!mathjs) {
    const require = createRequire(import.meta.url);
    const { create, all } = require("mathjs") as { create: (f: unknown) => MathJs; all: unknown };
    const math = create(all) as MathJs & { import: (fns: object, opts: object) => void };
    const evaluate = math.evaluate;
    // As mathjs's security notes advise: a scenario file must not redefine functions or reach the parser itself.
    const disabled = () => {
      throw new Error("this function is disabled in scenario formulas");
    };
    const names = [
      "import",
      "createUnit",
      "evaluate",
      "parse",
      "simplify",
      "derivative",
      "resolve",
      "compile",
    ];
    math.import(Object.fromEntries(names.map((n) => [n, disabled])), { override: true });
    mathjs = { evaluate };
  }
  return mathjs;
}

/**
 * Evaluates plain arithmetic (numbers, + - * /, unary minus, parentheses) the way mathjs does, in
 * IEEE doubles with the usual precedence, or returns undefined for anything else. Most scenario
 * formulas are like "11900000 / 92"; this spares them mathjs's second-long import.
 * @example arithmetic("(49000 - 31000) * 2") === 36000
 */
export function arithmetic(text: string): number | undefined {
  let i = 0;
  const space = () => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  const primary = (): number | undefined => {
    space();
    if (text[i] === "(") {
      i++;
      const v = sum();
      space();
      if (v === undefined || text[i] !== ")") return undefined;
      i++;
      return v;
    }
    if (text[i] === "-" || text[i] === "+") {
      const sign = text[i++] === "-" ? -1 : 1;
      const v = primary();
      return v === undefined ? undefined : sign * v;
    }
    const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number | undefined => {
    let v = primary();
    for (;;) {
      space();
      const op = text[i];
      if (v === undefined || (op !== "*" && op !== "/")) return v;
      i++;
      const r = primary();
      if (r === undefined) return undefined;
      v = op === "*" ? v * r : v / r;
    }
  };
  const sum = (): number | undefined => {
    let v = product();
    for (;;) {
      space();
      const op = text[i];
      if (v === undefined || (op !== "+" && op !== "-")) return v;
      i++;
      const r = product();
      if (r === undefined) return undefined;
      v = op === "+" ? v + r : v - r;
    }
  };
  const v = sum();
  space();
  return i === text.length ? v : undefined;
}

/** The outcome of evaluating a formula: a finite number, or why it is not one. */
export type FormulaResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Evaluates a scenario formula with mathjs's expression parser (never `eval`).
 * @example evaluateFormula("4 * 83448 / 2") // { ok: true, value: 166896 }
 */
export function evaluateFormula(expression: string): FormulaResult {
  const text = expression.trim();
  if (text === "") return { ok: false, reason: "is an empty string, not a number or a formula" };
  let value: unknown = arithmetic(text);
  try {
    value ??= loadMathJs().evaluate(text, {});
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `formula "${text}" is not a number or a valid formula (${detail})` };
  }
  if (typeof value !== "number") {
    return { ok: false, reason: `formula "${text}" does not give a single number` };
  }
  if (!Number.isFinite(value)) {
    return { ok: false, reason: `formula "${text}" gives ${value}, not a finite number` };
  }
  return { ok: true, value };
}

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

/** The outcome of evaluating a formula: a finite number, or why it is not one. */
export type FormulaResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Evaluates a scenario formula with mathjs's expression parser (never `eval`).
 * @example evaluateFormula("4 * 83448 / 2") // { ok: true, value: 166896 }
 */
export function evaluateFormula(expression: string): FormulaResult {
  const text = expression.trim();
  if (text === "") return { ok: false, reason: "is an empty string, not a number or a formula" };
  let value: unknown;
  try {
    value = loadMathJs().evaluate(text, {});
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

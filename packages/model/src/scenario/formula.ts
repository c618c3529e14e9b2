import { createRequire } from "node:module";
// Reasons end up in terminal output and logs: user text in them must not forge lines or reorder text.
import { escapeUnsafe, isUnsafeCode as isUnsafe } from "./text-safety.js";

// Longer text is not a hand-written scenario value, and bounding it bounds every recursion below it.
const MAX_LENGTH = 1000;
// mathjs's parser recurses about 25 frames per bracket, so deep nesting would overflow the stack.
const MAX_NESTING = 50;
// Reasons quote the formula; a long one would bury the message.
const MAX_QUOTED = 80;

/** The part of a mathjs expression node this file relies on (types only, so mathjs stays unloaded). */
type MathNode = {
  type: string;
  name?: string;
  fn?: MathNode | string;
  op?: string;
  value?: unknown;
  args?: MathNode[];
  object?: MathNode;
  forEach: (callback: (child: MathNode) => void) => void;
  compile: () => { evaluate: (scope?: object) => unknown };
};

type MathJs = {
  parse: (expr: string) => MathNode;
  Unit: { isValuelessUnit: (name: string) => boolean };
};

let mathjs: MathJs | undefined;

// mathjs takes over a second to import, so it is loaded on the first formula that needs it only:
// a scenario written in plain numbers never pays for it. A private instance keeps even a bug in the
// checks below from changing the configuration that other users of mathjs see.
function loadMathJs(): MathJs {
  if (!mathjs) {
    const require = createRequire(import.meta.url);
    const { create, all } = require("mathjs") as { create: (f: unknown, c: object) => MathJs; all: unknown };
    mathjs = create(all, { number: "number" });
  }
  return mathjs;
}

// Scalar functions only: nothing here builds matrices, loops, defines or reconfigures anything.
// Each maps to its [fewest, most] arguments.
const FUNCTIONS = new Map<string, [number, number]>([
  ["min", [1, Number.POSITIVE_INFINITY]],
  ["max", [1, Number.POSITIVE_INFINITY]],
  ["round", [1, 2]],
  ["floor", [1, 2]],
  ["ceil", [1, 2]],
  ["abs", [1, 1]],
  ["sqrt", [1, 1]],
  ["exp", [1, 1]],
  ["log", [1, 2]],
  ["log10", [1, 1]],
  ["pow", [2, 2]],
]);
const CONSTANTS = new Set(["pi", "e"]);
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "mod", "unaryMinus", "unaryPlus"]);
const COMPARISONS = new Set(["equal", "unequal", "smaller", "larger", "smallerEq", "largerEq", "compare"]);

const NOT_ALLOWED = new Map<string, string>([
  ["AssignmentNode", "assignments (x = …) are not allowed in scenario formulas"],
  ["FunctionAssignmentNode", "function definitions (f(x) = …) are not allowed in scenario formulas"],
  ["RangeNode", "ranges (a:b) are not allowed in scenario formulas"],
  ["ArrayNode", "matrices ([…]) are not allowed in scenario formulas, which must give a single number"],
  ["ObjectNode", "objects ({…}) are not allowed in scenario formulas"],
  ["AccessorNode", "property access and indexing (a.b, a[1]) are not allowed in scenario formulas"],
  ["IndexNode", "property access and indexing (a.b, a[1]) are not allowed in scenario formulas"],
  ["ConditionalNode", "conditionals (a ? b : c) are not allowed in scenario formulas"],
  ["RelationalNode", "comparisons (<, >, ==, …) are not allowed in scenario formulas"],
  ["BlockNode", "several expressions (a; b) are not allowed in one scenario formula"],
]);

function notAllowed(type: string): string {
  return NOT_ALLOWED.get(type) ?? `${type} is not allowed in scenario formulas`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function quote(text: string): string {
  return escapeUnsafe(JSON.stringify(truncate(text, MAX_QUOTED)));
}

// Cheap checks on the raw text that must come before any recursive parser sees it.
function refuseText(text: string): string | undefined {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isUnsafe(text.charCodeAt(i))) {
      return "contains a line break or another control character, which scenario formulas may not";
    }
    if (ch === "(" || ch === "[" || ch === "{") deepest = Math.max(deepest, ++depth);
    else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
  }
  if (deepest > MAX_NESTING) {
    return `nests brackets ${deepest} levels deep; scenario formulas may nest at most ${MAX_NESTING}`;
  }
  if (text.length > MAX_LENGTH) {
    return `is ${text.length} characters long; scenario formulas may be at most ${MAX_LENGTH}`;
  }
  return undefined;
}

const DISABLED = "is disabled in scenario formulas";

// Collects what is refused, descending where the parts say more (a block's statements, a call's
// arguments, an accessed object) but not into constructs that are refused as a whole.
function refuseNode(math: MathJs, node: MathNode, problems: Set<string>): void {
  const name = node.name ?? "";
  switch (node.type) {
    case "ConstantNode": {
      const v = node.value;
      if (typeof v === "string") problems.add('strings ("…") are not allowed in scenario formulas');
      else if (typeof v === "boolean") problems.add("true and false are not allowed in scenario formulas");
      else if (typeof v !== "number") problems.add(`${String(v)} is not allowed in scenario formulas`);
      return;
    }
    case "ParenthesisNode":
      break;
    case "SymbolNode":
      if (CONSTANTS.has(name)) return;
      problems.add(
        math.Unit.isValuelessUnit(name)
          ? `units such as ${quote(name)} are not allowed in scenario formulas`
          : `the name ${quote(name)} is not allowed in scenario formulas (the only constants are pi and e)`,
      );
      return;
    case "OperatorNode": {
      const fn = typeof node.fn === "string" ? node.fn : "";
      if (COMPARISONS.has(fn)) problems.add(notAllowed("RelationalNode"));
      else if (!OPERATORS.has(fn)) {
        problems.add(`the operator ${quote(node.op ?? fn)} ${DISABLED} (only + - * / ^ % mod are allowed)`);
      }
      break;
    }
    case "FunctionNode": {
      const callee = typeof node.fn === "object" ? node.fn : undefined;
      const arity = callee?.type === "SymbolNode" ? FUNCTIONS.get(name) : undefined;
      if (callee?.type !== "SymbolNode") {
        problems.add("only the named functions may be called in scenario formulas");
        if (callee) refuseNode(math, callee, problems);
      } else if (!arity) {
        problems.add(`the function ${quote(name)} ${DISABLED}`);
      } else {
        const n = node.args?.length ?? 0;
        const [least, most] = arity;
        if (n < least || n > most) {
          const takes =
            least === most ? `${least}` : most === Infinity ? `${least} or more` : `${least} or ${most}`;
          problems.add(`the function ${name} takes ${takes} arguments, not ${n}`);
        }
      }
      for (const arg of node.args ?? []) refuseNode(math, arg, problems);
      return;
    }
    case "AccessorNode":
      problems.add(notAllowed("AccessorNode"));
      if (node.object) refuseNode(math, node.object, problems);
      return;
    case "BlockNode":
      problems.add(notAllowed("BlockNode"));
      break;
    default:
      problems.add(notAllowed(node.type));
      return;
  }
  node.forEach((child) => refuseNode(math, child, problems));
}

class Refusal extends Error {}

// The one way mathjs evaluates a formula: parse, refuse anything outside the whitelist, then run
// the checked tree. Nothing reachable from the tree can define, loop, allocate or reconfigure.
function evaluateChecked(text: string): unknown {
  const math = loadMathJs();
  const tree = math.parse(text);
  const problems = new Set<string>();
  refuseNode(math, tree, problems);
  if (problems.size > 0) {
    const listed = [...problems].slice(0, 3);
    if (problems.size > 3) listed.push("and more");
    if ([...problems].some((p) => p.startsWith("the function") && p.endsWith(DISABLED))) {
      listed.push(`the allowed functions are ${[...FUNCTIONS.keys()].join(", ")}`);
    }
    throw new Refusal(`is refused: ${listed.join("; ")}`);
  }
  refuseModZero(tree);
  return tree.compile().evaluate({});
}

// mathjs defines x mod 0 as x: a formula that divides by zero would give a number, silently. The
// tree is already checked, so evaluating a divisor runs nothing the whitelist refuses.
function refuseModZero(node: MathNode): void {
  if (node.type === "OperatorNode" && node.fn === "mod" && node.args?.[1]?.compile().evaluate({}) === 0)
    throw new Refusal("divides by zero (the remainder after dividing by 0 is not a number)");
  node.forEach(refuseModZero);
}

/**
 * Evaluates plain arithmetic (numbers, + - * /, unary minus, parentheses) the way mathjs does, in
 * IEEE doubles with the usual precedence, or returns undefined for anything else. Most scenario
 * formulas are like "11900000 / 92"; this spares them mathjs's second-long import.
 * @example arithmetic("(49000 - 31000) * 2") === 36000
 */
export function arithmetic(text: string): number | undefined {
  let i = 0;
  let depth = 0;
  const space = () => {
    while (text[i] === " " || text[i] === "\t") i++;
  };
  const primary = (): number | undefined => {
    space();
    // Deeper text is left to evaluateFormula's limits rather than this function's stack.
    if (depth > MAX_NESTING) return undefined;
    if (text[i] === "(") {
      i++;
      depth++;
      const v = sum();
      depth--;
      space();
      if (v === undefined || text[i] !== ")") return undefined;
      i++;
      return v;
    }
    if (text[i] === "-" || text[i] === "+") {
      const sign = text[i++] === "-" ? -1 : 1;
      depth++;
      const v = primary();
      depth--;
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

// A date or a financial year where a figure belongs (baseYear: 2024-01-01, openingBalance:
// 2025-26) reaches this evaluator as text, and as arithmetic it is a wrong figure: 2022, 1999.
const DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?)?$/;
const MONTH_OR_FY = /^(\d{4})-(\d{2})$/;

/**
 * Why a text that looks like a date, a month or a financial-year label is not a figure, or undefined.
 * @example looksLikeDate("2024-01-01") // 'is "2024-01-01", which looks like a date, not a figure: …'
 */
export function looksLikeDate(text: string): string | undefined {
  const year = (y: string | undefined) => Number(y) >= 1900 && Number(y) <= 2199;
  const quoted = quote(text);
  const as = `written as a formula it would be the subtraction ${text.replace(/-/g, " − ")}`;
  const d = DATE.exec(text);
  if (d && year(d[1]) && Number(d[2]) >= 1 && Number(d[2]) <= 12 && Number(d[3]) >= 1 && Number(d[3]) <= 31)
    return `is ${quoted}, which looks like a date, not a figure (${as}): give the number itself, e.g. a year as 2024 or an amount in £`;
  const m = MONTH_OR_FY.exec(text);
  if (m && year(m[1])) {
    const second = Number(m[2]);
    if (second === (Number(m[1]) + 1) % 100)
      return `is ${quoted}, which looks like a financial year, not a figure (${as}): give the number itself`;
    if (second >= 1 && second <= 12)
      return `is ${quoted}, which looks like a month, not a figure (${as}): give the number itself`;
  }
  return undefined;
}

/** The outcome of evaluating a formula: a finite number, or why it is not one. */
export type FormulaResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Evaluates a scenario formula: numbers, + - * / ^ % mod, pi, e and a few scalar functions, within
 * length and nesting limits; never throws, and any other construct gives a reason instead.
 * @example evaluateFormula("4 * 83448 / 2") // { ok: true, value: 166896 }
 */
export function evaluateFormula(expression: string): FormulaResult {
  if (typeof expression !== "string") {
    return { ok: false, reason: `expected a formula as a string, got ${typeof expression}` };
  }
  const text = expression.trim();
  if (text === "") return { ok: false, reason: "is an empty string, not a number or a formula" };
  const refusal = refuseText(text);
  if (refusal) return { ok: false, reason: `formula ${quote(text)} ${refusal}` };
  const date = looksLikeDate(text);
  if (date) return { ok: false, reason: date };
  let value: unknown;
  try {
    value = arithmetic(text) ?? evaluateChecked(text);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: `formula ${quote(text)} ${error.message}` };
    const detail = escapeUnsafe(truncate(error instanceof Error ? error.message : String(error), 200));
    const what =
      error instanceof RangeError ? "is too complex to evaluate" : "is not a number or a valid formula";
    return { ok: false, reason: `formula ${quote(text)} ${what} (${detail})` };
  }
  if (typeof value !== "number") {
    const complex = typeof value === "object" && value !== null && "im" in value;
    const what = complex
      ? "gives a complex number, not a single real number"
      : "does not give a single number";
    return { ok: false, reason: `formula ${quote(text)} ${what}` };
  }
  if (!Number.isFinite(value)) {
    return { ok: false, reason: `formula ${quote(text)} gives ${value}, not a finite number` };
  }
  return { ok: true, value };
}

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { evaluateFormula } from "../../src/index.js";

// Every refusal must be a reason, never a throw, a hang or a crash; these inputs once did all three.
function refused(text: string, ...parts: string[]): string {
  const r = evaluateFormula(text);
  expect(r.ok).toBe(false);
  const reason = r.ok ? "" : r.reason;
  for (const part of parts) expect(reason).toContain(part);
  return reason;
}

const nested = (depth: number, inner: string) => `${"(".repeat(depth)}${inner}${")".repeat(depth)}`;

describe("faults found in review", () => {
  test("a huge range is refused before it is built", () => {
    refused("sum(1:1e9)", 'function "sum" is disabled', "ranges (a:b) are not allowed");
  });

  test("function definitions and recursion are refused", () => {
    refused(
      "f(n) = n < 1 ? 1 : f(n-1) + f(n-1); f(40)",
      "several expressions",
      "function definitions (f(x) = …) are not allowed",
    );
  });

  test("matrix construction is refused", () => {
    refused("size(zeros(20000,20000))[1]", 'function "zeros" is disabled', "indexing");
  });

  test("100,000 nested parentheses give a clear reason, not a stack overflow", () => {
    refused(nested(100_000, "1"), "nests brackets 100000 levels deep", "at most 50");
    refused(`${"(".repeat(100_000)}1`, "nests brackets");
  });

  test("mathjs's configuration cannot be changed from a formula", () => {
    refused("max(config({number:'BigNumber'}).precision,1)", 'function "config" is disabled');
    refused("config({})", 'function "config" is disabled');
    // A later formula that needs mathjs still evaluates in plain doubles, not BigNumbers.
    const later = evaluateFormula("2^0.5 + 0.1");
    expect(later).toEqual({ ok: true, value: Math.SQRT2 + 0.1 });
  });

  test("reasons quote the formula safely and briefly", () => {
    const reason = refused("1 +\n2\r\u001b[31m\u009b\u2028x", "line break or another control character");
    expect(reason).toContain("\\n");
    expect(reason).toContain("\\u001b");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none get through
    expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    const long = refused(`${"1+".repeat(5000)}1`, "10001 characters long", "at most 1000", "…");
    expect(long.length).toBeLessThan(200);
  });
});

describe("refused constructs name what is not allowed", () => {
  test.each([
    ["1:10", "ranges (a:b) are not allowed"],
    ["[1,2]", "single number"],
    ["x = 5", "assignments"],
    ["a.b", "property access"],
    ['"text"', "strings"],
    ["5 cm", 'units such as "cm"'],
    ["true ? 1 : 2", "conditionals"],
    ["zeros(3)", 'function "zeros" is disabled'],
    ["ones(2,2)", 'function "ones" is disabled'],
    ["import({},{})", 'function "import" is disabled'],
    ["f(x)=x", "function definitions"],
    ["2 > 1", "comparisons"],
    ["3!", 'operator "!"'],
    ["{a: 1}", "objects"],
    ["x + 1", 'the name "x" is not allowed'],
    ["pow(1, 2, 3)", "pow takes 2 arguments, not 3"],
    ["min()", "min takes 1 or more arguments, not 0"],
    ["sqrt(-1)", "complex number"],
    ["1e308 * 10", "gives Infinity, not a finite number"],
    ["exp(1000)", "not a finite number"],
    ["NaN", "not a finite number"],
    ["1 +", "not a number or a valid formula"],
  ])("%s", (text, part) => {
    refused(text, part);
  });
});

describe("allowed formulas still evaluate", () => {
  test.each([
    ["min(1, 2)", 1],
    ["max(3, 4, 2)", 4],
    ["round(10.5)", 11],
    ["round(-10.5)", -11],
    ["2^10", 1024],
    ["-(3)", -3],
    ["10 % 3", 1],
    ["10 mod 3", 1],
    ["log(8, 2)", 3],
    ["2 pi", 2 * Math.PI],
    ["floor(e)", 2],
    ["abs(-2) + sqrt(9) + ceil(0.1) + log10(100) + pow(2, 3)", 16],
  ])("%s", (text, value) => {
    expect(evaluateFormula(text)).toEqual({ ok: true, value });
  });

  test("nesting exactly at the limit is allowed, one more is not", () => {
    expect(evaluateFormula(nested(50, "2^1"))).toEqual({ ok: true, value: 2 });
    expect(evaluateFormula(nested(50, "7"))).toEqual({ ok: true, value: 7 });
    refused(nested(51, "2^1"), "nests brackets 51 levels deep");
  });

  test("a formula at the length limit is evaluated without exhausting the stack", () => {
    expect(evaluateFormula(`${"-".repeat(999)}1`)).toEqual({ ok: true, value: -1 });
    expect(evaluateFormula(`${"1+".repeat(499)}pi`)).toEqual({ ok: true, value: 499 + Math.PI });
    refused(`${"2^".repeat(333)}1`, "not a finite number");
  });
});

test("evaluateFormula never throws and every reason is one safe line", () => {
  const alphabet = fc.constantFrom(..."0123456789.+-*/^%()[]{}:;,=?!<>'\"abcxyzpie \n\t\u0000".split(""));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
      const r = evaluateFormula(chars.join(""));
      if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none get through
      else expect(r.reason).not.toMatch(/[\u0000-\u001f]/);
    }),
    { numRuns: 300 },
  );
});

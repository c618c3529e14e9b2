import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { arithmetic, evaluateFormula, formatNumber, roundMoney } from "../../src/index.js";

describe("roundMoney: the one rounding function", () => {
  test("rounds half away from zero in the chosen unit", () => {
    expect(roundMoney(1_234_567, "thousands")).toBe(1235);
    expect(roundMoney(-1_234_567, "thousands")).toBe(-1235);
    expect(roundMoney(2_500, "thousands")).toBe(3);
    expect(roundMoney(-2_500, "thousands")).toBe(-3);
    expect(roundMoney(94_390.5, "pounds")).toBe(94_391);
    expect(roundMoney(1.005, "pounds", 2)).toBe(1.01);
    expect(roundMoney(12_345_678, "millions", 1)).toBe(12.3);
    expect(Object.is(roundMoney(-0.4, "pounds"), 0)).toBe(true);
  });
});

describe('formatNumber writes what toLocaleString("en-GB") writes', () => {
  const locale = (x: number, max: number, min: number) =>
    x.toLocaleString("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max });
  test("at ties, where the shortest decimal and the double's exact value round apart, and at the edges", () => {
    expect(formatNumber(1.005, 2)).toBe("1.01");
    expect(formatNumber(0.045, 2)).toBe("0.05");
    expect(formatNumber(-2.5)).toBe("-3");
    expect(formatNumber(1234567.891, 2)).toBe("1,234,567.89");
    expect(formatNumber(999.9995, 3)).toBe("1,000");
    expect(formatNumber(0.5, 2, 2)).toBe("0.50");
    for (const x of [0, -0, -0.001, 5e-324, 1e20, 1e21, -1e300, Number.POSITIVE_INFINITY, Number.NaN])
      for (const [max, min] of [
        [0, 0],
        [2, 0],
        [3, 3],
      ] as const)
        expect(formatNumber(x, max, min)).toBe(locale(x, max, min));
  });
  test("refuses the decimals toLocaleString refuses", () => {
    expect(() => formatNumber(1, 1, 2)).toThrow(RangeError);
    expect(() => formatNumber(1, 21)).toThrow(RangeError);
    expect(() => formatNumber(1, 1.5)).toThrow(RangeError);
  });
  test("on random doubles, decimals and half-way values", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((i) => i / 1000 + 0.0005),
      fc.integer({ min: -1e7, max: 1e7 }).map((i) => i + 0.5),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (x, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        expect(formatNumber(x, max, min)).toBe(locale(x, max, min));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("formulas", () => {
  test("evaluate arithmetic with mathjs", () => {
    expect(evaluateFormula("49000 - 31000")).toEqual({ ok: true, value: 18000 });
    expect(evaluateFormula("4 * 83448 / 2")).toEqual({ ok: true, value: 166896 });
    expect(evaluateFormula(" 11900000 / 92 ")).toEqual({ ok: true, value: 11900000 / 92 });
  });
  test("reject what is not one finite number", () => {
    expect(evaluateFormula("")).toMatchObject({ ok: false });
    expect(evaluateFormula("1 / 0")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("Infinity"),
    });
    // mathjs would give 49000 for 49000 mod 0.
    for (const f of ["49000 % 0", "49000 mod (2 - 2)", "1 + 5 % 0"])
      expect(evaluateFormula(f)).toMatchObject({
        ok: false,
        reason: expect.stringContaining("divides by zero"),
      });
    expect(evaluateFormula("49000 % 7")).toEqual({ ok: true, value: 0 });
    expect(evaluateFormula("[1, 2]")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("single number"),
    });
    expect(evaluateFormula("2 > 1")).toMatchObject({ ok: false });
    expect(evaluateFormula("import({}, {})")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("disabled"),
    });
    expect(evaluateFormula('evaluate("1")')).toMatchObject({
      ok: false,
      reason: expect.stringContaining("disabled"),
    });
  });
});

describe("the arithmetic fast path agrees with mathjs", () => {
  const numberText = fc
    .oneof(
      fc.integer({ min: 0, max: 10_000_000 }).map(String),
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
    )
    .map((t) => t);
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      numberText,
      fc
        .tuple(tie("e"), fc.constantFrom("+", "-", "*", "/"), tie("e"))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      tie("e").map((a) => `(${a})`),
      tie("e").map((a) => `-${a}`),
    ),
  })).e as fc.Arbitrary<string>;

  test("on random arithmetic expressions", async () => {
    const { create, all } = await import("mathjs");
    const math = create(all);
    fc.assert(
      fc.property(expr, (text) => {
        const fast = arithmetic(text);
        const slow = math.evaluate(text) as number;
        expect(fast).toBeDefined();
        expect(Object.is(fast, slow) || fast === slow).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test("leaves anything else to mathjs", () => {
    for (const text of ["2^3", "5%", "sqrt(4)", "1e3 x", "twelve", "1,000", "(1"])
      expect(arithmetic(text)).toBeUndefined();
    expect(evaluateFormula("2^3")).toEqual({ ok: true, value: 8 });
  });
});

import { describe, expect, test } from "vitest";
import { evaluateFormula, roundMoney } from "../src/index.js";

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

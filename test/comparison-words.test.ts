// A comparison's inputs in a reader's words (issue #32): labels, not ids, and every changed value
// with its rate or amount, year by year, growth: auto as the forecast estimates it.
import { loadScenarioFile } from "@hnb/io";
import { changeDetails, changeWords, compareScenarios } from "@hnb/model";
import { describe, expect, test } from "vitest";

describe("changed values in words", () => {
  test("rates as percentages, money in pounds, one number against a per-year map year by year", () => {
    const d = changeDetails(
      { growth: 0.05, unitCost: 15_000, confidence: 0.7, label: "A", count: 10 },
      { growth: { 2026: 0.05, 2027: 0.07 }, unitCost: 18_000, confidence: 1, label: "B", count: 12 },
    );
    expect(changeWords(d)).toBe(
      "growth 2027: 5% → 7%; unit cost £15,000 → £18,000; confidence 70% → 100%; count 10 → 12",
    );
  });
  test("the comparison's growth is the rate the forecast uses each year, auto included", async () => {
    const central = await loadScenarioFile("data/default-scenario.yaml");
    const changed = structuredClone(central);
    const p = changed.placements.find((x) => x.id === "ap");
    if (!p) throw new Error("no ap placement");
    p.growth = 0.5;
    const d = compareScenarios([central, changed]).differences[0]?.inputs[0];
    expect(d?.label).toBe("Alternative provision and pupil referral units");
    expect(d?.details?.filter((x) => x.field === "growth").map((x) => x.to)).toEqual(Array(6).fill("50%"));
    expect(d?.details?.every((x) => x.from !== "auto")).toBe(true);
  });
});

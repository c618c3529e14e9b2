// Goal seek on the demand flows' levers: an imported authority's plan acts on new plans and
// cessations (its placements' growth only sets their mix), so those are the levers to solve for.
// Each answer is checked by forecasting the scenario with the value it gives.
import { describe, expect, test } from "vitest";
import { forecast, goalSeek, goalSeekRange } from "../../src/index.js";
import { baseInput, valid } from "../helpers.js";

const SPLIT = { under5: 0.3, age5to10: 0.4, age11to15: 0.2, age16to19: 0.08, age20to25: 0.02 };
const RATE2 = { under5: 0.02, age5to10: 0.02, age11to15: 0.02, age16to19: 0.02, age20to25: 0.02 };

const scenario = (hnb: number, mitigations: unknown[]) =>
  valid(
    baseInput({
      baseYear: 2022,
      horizon: 3,
      placements: [
        { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 600, unitCost: 10_000 },
        { id: "special", label: "Special", category: "MdSSA", count: 400, unitCost: 25_000 },
      ],
      flows: { newPlans: { 2020: 140, 2021: 150 } },
      demand: {
        history: {
          2021: { under5: 50, age5to10: 300, age11to15: 350, age16to19: 200, age20to25: 50 },
          2022: { under5: 60, age5to10: 330, age11to15: 370, age16to19: 190, age20to25: 50 },
        },
        newPlans: { growth: 0.1, split: SPLIT },
        cessation: RATE2,
      },
      income: { hnb: { amount: hnb } },
      mitigations,
    }),
  );

const TARGET = "2024-25";
const LEVERS = [
  { id: "fewer", type: "newPlansChange", change: -0.1, from: 2023 },
  { id: "cease", type: "cessationChange", change: 0.01, from: 2023 },
];
// An allocation 3% short of the unmitigated spending of the target year: a gap the levers can close.
const spend = forecast(scenario(0, LEVERS)).unmitigated.ledger.find((l) => l.fy === TARGET)?.expenditure;
// One lever at a time, so the answer is that lever's alone.
const withOnly = (lever: string) =>
  scenario(
    0.97 * (spend ?? Number.NaN),
    LEVERS.filter((m) => m.id === lever),
  );
const s = withOnly("cease");

function inYearWith(lever: string, change: number): number {
  const one = withOnly(lever);
  const changed = { ...one, mitigations: one.mitigations.map((m) => ({ ...m, change })) };
  return forecast(changed).mitigated.ledger.find((l) => l.fy === TARGET)?.inYear ?? Number.NaN;
}

describe("goal seek on flow levers", () => {
  test("the default ranges run the way effort does: fewer new plans, more cessations", () => {
    expect(goalSeekRange("change", "newPlansChange")).toEqual([0, -0.5]);
    expect(goalSeekRange("change", "cessationChange")).toEqual([0, 0.2]);
    expect(goalSeekRange("change", "unitCostChange")).toEqual([0, -0.5]);
  });

  test.each([
    ["fewer", (v: number) => v < 0],
    ["cease", (v: number) => v > 0],
  ])("%s: the answer balances the target year when forecast", (lever, direction) => {
    const r = goalSeek(withOnly(lever), { lever, parameter: "change", targetFY: TARGET });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(direction(r.value)).toBe(true);
    expect(Math.abs(inYearWith(lever, r.value) - r.inYear)).toBeLessThan(1e-3);
    expect(r.inYear).toBeGreaterThanOrEqual(0);
    expect(r.inYear).toBeLessThan(1);
    // A little less effort leaves the year in deficit: the answer is the least that balances it.
    expect(inYearWith(lever, r.value * 0.99)).toBeLessThan(0);
  });

  test("a value outside the lever type's bounds is refused, naming them", () => {
    const r = goalSeek(s, { lever: "cease", parameter: "change", targetFY: TARGET, range: [0, 1.5] });
    expect(r).toMatchObject({ ok: false, field: "range", end: 1 });
    if (!r.ok) expect(r.reason).toContain("rate points between -1 and 1");
  });
});

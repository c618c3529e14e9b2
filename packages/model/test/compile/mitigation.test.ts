import { describe, expect, test } from "vitest";
import { bridge, costAvoidance, forecast, goalSeek, safetyValve } from "../../src/index.js";
import { baseInput, valid } from "../helpers.js";

describe("cost avoidance of placement shifts", () => {
  // BCP Schools Forum (seed 004): "Based on the average cost of an independent specialist school
  // place (£49k) and the agreed cost per place at the bespoke provisions (£18k in Year 1) each place
  // generates a cost avoidance of £31k per place."
  const bcp = (phasing: "census" | "academic") =>
    valid(
      baseInput({
        baseYear: 2024,
        horizon: 2,
        phasing,
        placements: [
          { id: "independent", label: "Independent special", category: "NMISS", count: 100, unitCost: 49000 },
          { id: "bespoke", label: "Bespoke co-located", category: "RPSEN", count: 0, unitCost: 18000 },
        ],
        mitigations: [
          {
            id: "bespoke-places",
            type: "placementShift",
            fromPlacement: "independent",
            toPlacement: "bespoke",
            moves: { 2025: 10, 2026: 10 },
          },
        ],
      }),
    );

  test("an independent place at £49k against a bespoke one at £18k avoids £31k a place", () => {
    const rows = costAvoidance(bcp("census"));
    expect(rows.map((r) => [r.fy, r.moved, r.perPlace, r.avoided])).toEqual([
      ["2023-24", 0, 31000, 0],
      ["2024-25", 10, 31000, 310000],
      ["2025-26", 20, 31000, 620000],
    ]);
  });

  test("cost avoidance equals the shift's saving when nothing else acts", () => {
    const s = bcp("academic");
    const avoided = costAvoidance(s).reduce((a, r) => a + r.avoided, 0);
    // academic: 2024-25 pays 7/12 of 10 moved places, 2025-26 5/12·10 + 7/12·20 = 15.833…
    expect(avoided).toBeCloseTo(31000 * (70 / 12 + 190 / 12), 6);
    expect(forecast(s).levers[0]?.sequential).toBeCloseTo(avoided, 6);
  });
});

describe("goal seek", () => {
  const scenario = valid(
    baseInput({
      horizon: 2,
      income: { hnb: { amount: 1_000_000 }, schoolsBlock: { amount: 100_000_000 } },
      placements: [
        { id: "main", label: "Mainstream", category: "MmSoA", count: 100, unitCost: 10000, growth: 0.1 },
        { id: "inmss", label: "INMSS", category: "NMISS", count: 10, unitCost: 50000 },
        { id: "bespoke", label: "Bespoke", category: "RPSEN", count: 0, unitCost: 18000 },
      ],
      mitigations: [
        { id: "inclusion", type: "growthReduction", placements: ["main"], reduction: 0, from: 2026 },
        {
          id: "local",
          type: "placementShift",
          fromPlacement: "inmss",
          toPlacement: "bespoke",
          moves: { 2026: 0 },
        },
        { id: "transfer", type: "transfer", transferRate: { "2026-27": 0 } },
      ],
    }),
  );

  test("finds the growth reduction that balances the target year", () => {
    // In 2026-27: income 1,000,000; mainstream 100·(1.1 − r)²·10,000; INMSS 500,000.
    // Balance needs (1.1 − r)² = 0.5 → r = 1.1 − √0.5 = 0.392893…
    const r = goalSeek(scenario, { lever: "inclusion", parameter: "reduction", targetFY: "2026-27" });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toBeCloseTo(1.1 - Math.sqrt(0.5), 7);
      expect(r.inYear).toBeGreaterThanOrEqual(0);
      expect(r.inYear).toBeLessThan(1);
    }
  });

  test("finds the number of moves that balances the target year", () => {
    // In 2025-26: income 1,000,000; mainstream 1,100,000; INMSS (10 − M)·50,000; bespoke M·18,000.
    // Balance needs 600,000 − 32,000·M = −… : 1,000,000 = 1,100,000 + 500,000 − 32,000·M → M = 18.75,
    // more than the 10 places INMSS holds: no value balances it.
    const none = goalSeek(scenario, {
      lever: "local",
      parameter: "movesPerYear",
      targetFY: "2025-26",
      range: [0, 50],
    });
    expect(none.ok).toBe(false);
    if (!none.ok)
      expect(none.reason).toMatch(/no movesPerYear from 0 to 50 on lever "local" balances 2025-26/);
    // With a 1% transfer of £100m (+£1m) the target is easy: 1,000,000 + 1,000,000 = 1,600,000 − 32,000·M → 0 moves.
    const withTransfer = {
      ...scenario,
      mitigations: scenario.mitigations.map((m) =>
        m.type === "transfer" ? { ...m, transferRate: { "2025-26": 0.01 } } : m,
      ),
    };
    const zero = goalSeek(withTransfer, { lever: "local", parameter: "movesPerYear", targetFY: "2025-26" });
    expect(zero).toMatchObject({ ok: true, value: 0, iterations: 0 });
  });

  test("finds the transfer rate that balances the target year", () => {
    // 2026-27: income 1,000,000 + rate·100,000,000 = 1,210,000 + 500,000 → rate = 0.0071
    const r = goalSeek(scenario, { lever: "transfer", parameter: "transferRate", targetFY: "2026-27" });
    expect(r.ok && r.value).toBeCloseTo(0.0071, 9);
  });

  test("says clearly when the parameter does not fit the lever or the year is not reported", () => {
    expect(goalSeek(scenario, { lever: "local", parameter: "reduction", targetFY: "2026-27" })).toMatchObject(
      { ok: false, reason: expect.stringMatching(/does not apply to a placementShift lever/) },
    );
    expect(
      goalSeek(scenario, { lever: "inclusion", parameter: "reduction", targetFY: "2031-32" }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/not a reported financial year/) });
    expect(goalSeek(scenario, { lever: "nope", parameter: "reduction", targetFY: "2026-27" })).toMatchObject({
      ok: false,
      reason: 'no lever "nope" in the scenario',
    });
  });
});

describe("Safety Valve view and bridge", () => {
  const s = valid(
    baseInput({
      horizon: 3,
      openingBalance: -1_000_000,
      income: { hnb: { amount: 1_000_000, growth: 0.1 } },
      placements: [{ id: "p", label: "P", category: "MdSSA", count: 100, unitCost: 11_000 }],
      mitigations: [
        { id: "banding", type: "unitCostChange", placements: ["p"], change: -0.05, fromFY: "2025-26" },
        {
          id: "sv",
          type: "grant",
          label: "Safety Valve",
          amounts: { "2024-25": 200_000, "2025-26": 200_000 },
          spend: {},
          spendReason: "a contribution towards the historic deficit pays for no activity of its own",
        },
      ],
    }),
  );

  test("the first year in balance, with and without named contributions", () => {
    // Expenditure 1,100,000 a year; 1,045,000 with banding from 2025-26. Income 1.0m, 1.1m, 1.21m, 1.331m.
    // Unmitigated in-year: −100,000; 0; 110,000; 231,000 → first balanced 2025-26.
    // Mitigated in-year: 100,000 (grant); 255,000; 165,000; 286,000 → first balanced 2024-25.
    const v = safetyValve(s);
    expect(v.unmitigatedBalancedIn).toBe("2025-26");
    expect(v.mitigatedBalancedIn).toBe("2024-25");
    expect(v.contributions).toEqual(["sv"]);
    const last = v.path.at(-1);
    expect(last?.mitigated).toBeCloseTo(-1_000_000 + 100_000 + 255_000 + 165_000 + 286_000, 6);
    expect(last?.mitigatedWithoutContributions).toBeCloseTo((last?.mitigated ?? 0) - 400_000, 6);
  });

  test("not within the horizon", () => {
    const deficit = valid(
      baseInput({
        income: { hnb: { amount: 0 } },
        placements: [{ id: "p", label: "P", category: "MdSSA", count: 1, unitCost: 1 }],
      }),
    );
    expect(safetyValve(deficit).unmitigatedBalancedIn).toBeNull();
  });

  test("the bridge walks from the unmitigated to the mitigated final balance", () => {
    const r = forecast(s);
    const rows = bridge(r);
    expect(rows.map((x) => x.kind)).toEqual(["start", "lever", "lever", "end"]);
    expect(rows[0]?.value).toBe(r.unmitigated.ledger.at(-1)?.cumulative);
    expect(rows[2]?.total).toBeCloseTo(r.mitigated.ledger.at(-1)?.cumulative ?? 0, 6);
    expect(rows[3]?.total).toBe(r.mitigated.ledger.at(-1)?.cumulative);
    expect(bridge(r, "sequential")[1]?.value).toBe(r.levers[0]?.sequential);
  });
});

describe("a shift that asks for more pupils than its source holds", () => {
  test("moves what the source holds and says so, with what it asked (moves × confidence)", () => {
    // 100 pupils in the source, flat; the shift asks for 80 by 2025 and 80 more by 2026 at 0.75
    // confidence: 60 then 120 asked; 100 held, so 2026 is the first year held back.
    const r = forecast(
      valid(
        baseInput({
          placements: [
            { id: "inmss", label: "INMSS", category: "NMISS", count: 100, unitCost: 50000 },
            { id: "special", label: "Special", category: "MdSSA", count: 0, unitCost: 25000 },
          ],
          mitigations: [
            {
              id: "local",
              type: "placementShift",
              fromPlacement: "inmss",
              toPlacement: "special",
              moves: { 2026: 80, 2027: 80 },
              confidence: 0.75,
            },
          ],
        }),
      ),
    );
    expect(r.shiftWarnings).toEqual([
      {
        lever: "local",
        census: 2027,
        asked: 120,
        moved: 100,
        message:
          'asks to have moved 120 pupils out of "inmss" by January 2027 (moves × confidence) but the placement holds 100 for it then, so it moves 100; check the moves',
      },
    ]);
    expect(r.mitigated.placements.find((p) => p.id === "inmss" && p.census === 2027)?.count).toBe(0);
  });
});

describe("inputs under which the balances are not a DSG position", () => {
  test("an allocation of £0 in every year is said; any allocation is not", () => {
    const none = forecast(valid(baseInput({ income: { hnb: { amount: 0 } } })));
    expect(none.inputWarnings.map((w) => w.path)).toEqual(["income.hnb.amount"]);
    expect(none.inputWarnings[0]?.message).toContain("every balance is the spending alone");
    expect(forecast(valid(baseInput({ income: { hnb: { amount: 1 } } }))).inputWarnings).toEqual([]);
  });
});

describe("goal seek says when its answer is not a zero", () => {
  // Income £25m; special 1,000 pupils at £20,000 growing 10%: 2026-27 in-year −£3m before the
  // Safety Valve's £5m, paid only when that balance reaches −£3m: the balance steps from below −£3m
  // to above +£2m, so no reduction gives exactly £0.
  const s = valid(
    baseInput({
      placements: [
        { id: "special", label: "Special", category: "MdSSA", count: 1000, unitCost: 20_000, growth: 0.1 },
      ],
      income: { hnb: { amount: 19_000_000 } },
      mitigations: [
        { id: "gr", type: "growthReduction", placements: ["special"], reduction: 0.01, from: 2026 },
        {
          id: "sv",
          type: "safetyValve",
          payments: { "2025-26": 5_000_000 },
          inYearTargets: { "2025-26": -2_000_000 },
        },
      ],
    }),
  );
  test("a step past zero is a jump, with the balance just short of it", () => {
    const r = goalSeek(s, { lever: "gr", parameter: "reduction", targetFY: "2025-26" });
    if (!r.ok) throw new Error(r.reason);
    expect(r.note).toBe("jump");
    expect(r.inYear).toBeGreaterThanOrEqual(1);
    expect(r.below ?? 0).toBeLessThan(0);
  });
  test("a year already balanced with no effort says so", () => {
    const r = goalSeek(s, { lever: "gr", parameter: "reduction", targetFY: "2025-26", range: [0.5, 1] });
    expect(r).toMatchObject({ ok: true, value: 0.5, note: "balanced", iterations: 0 });
  });
});

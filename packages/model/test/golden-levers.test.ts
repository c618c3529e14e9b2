// Hand-computed golden cases of spec §7 (../shared/spec/model.md): each lever, and the sequential
// savings and Shapley shares of two that interact. Every expected figure is worked out in the comments.
import { describe, expect, test } from "vitest";
import { forecast } from "../src/index.js";
import { baseInput, valid } from "./helpers.js";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

describe("§7 levers", () => {
  const twoPlacements = {
    placements: [
      { id: "main", label: "Mainstream", category: "MmSoA", count: 100, unitCost: 1000, growth: 0.1 },
      { id: "inmss", label: "INMSS", category: "NMISS", count: 50, unitCost: 50000 },
      { id: "bespoke", label: "Bespoke", category: "RPSEN", count: 0, unitCost: 18000 },
    ],
  };
  const only = (mitigation: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    forecast(valid(baseInput({ ...twoPlacements, horizon: 3, ...extra, mitigations: [mitigation] })));

  test("growthReduction with ramp and confidence", () => {
    // g = 10%; reduction 4 points from 2026 over 2 years at confidence 0.5:
    // 2026: 0.10 − 0.5·0.04·½ = 0.09 → 109; 2027: 0.10 − 0.02 = 0.08 → 117.72; 2028: 0.08 → 127.1376
    const r = only({
      id: "inc",
      type: "growthReduction",
      placements: ["main"],
      reduction: 0.04,
      from: 2026,
      rampYears: 2,
      confidence: 0.5,
    });
    const counts = r.mitigated.placements.filter((p) => p.id === "main").map((p) => p.count);
    [100, 109, 117.72, 127.1376].forEach((n, k) => close(counts[k] ?? 0, n));
    // Unmitigated is untouched: 100, 110, 121, 133.1
    close(r.unmitigated.placements[3]?.count ?? 0, 133.1);
  });

  test("placementShift moves stock after growth, capped at the source's count", () => {
    // moves 20 in 2026 and 20 in 2027 at confidence 0.75: M = 0, 15, 30, 30
    // inmss 50, 35, 20, 20; bespoke 0, 15, 30, 30. Cost in 2027-28 (census): 20·50,000 + 30·18,000
    const r = only({
      id: "shift",
      type: "placementShift",
      fromPlacement: "inmss",
      toPlacement: "bespoke",
      moves: { 2026: 20, 2027: 20 },
      confidence: 0.75,
    });
    const inmss = r.mitigated.placements.filter((p) => p.id === "inmss").map((p) => p.count);
    const bespoke = r.mitigated.placements.filter((p) => p.id === "bespoke").map((p) => p.count);
    expect(inmss).toEqual([50, 35, 20, 20]);
    expect(bespoke).toEqual([0, 15, 30, 30]);
    // Cap: 80 moves asked of a stock of 50 move only 50.
    const capped = only({
      id: "shift",
      type: "placementShift",
      fromPlacement: "inmss",
      toPlacement: "bespoke",
      moves: { 2026: 80 },
    });
    expect(capped.mitigated.placements.filter((p) => p.id === "inmss").map((p) => p.count)).toEqual([
      50, 0, 0, 0,
    ]);
    expect(capped.mitigated.placements.filter((p) => p.id === "bespoke").map((p) => p.count)).toEqual([
      0, 50, 50, 50,
    ]);
  });

  test("unitCostChange and lineChange from their FY, scaled by confidence", () => {
    // −10% at confidence 0.5 from 2026-27: main unit cost 1000, 1000, 950, 950
    const r = only({
      id: "band",
      type: "unitCostChange",
      placements: ["main"],
      change: -0.1,
      fromFY: "2026-27",
      confidence: 0.5,
    });
    expect(r.mitigated.placements.filter((p) => p.id === "main").map((p) => p.unitCost)).toEqual([
      1000, 1000, 950, 950,
    ]);
    // Line 2,000 cut by 20% from 2025-26: 2000, 1600, 1600, 1600
    const lines = { lines: [{ id: "ther", label: "Therapies", amount: 2000 }] };
    const l = only(
      { id: "comm", type: "lineChange", lines: ["ther"], change: -0.2, fromFY: "2025-26" },
      lines,
    );
    expect(l.mitigated.lines.map((x) => x.cost)).toEqual([2000, 1600, 1600, 1600]);
    expect(l.unmitigated.lines.map((x) => x.cost)).toEqual([2000, 2000, 2000, 2000]);
  });

  test("staffing, transfer and grant levers act on the mitigated forecast only", () => {
    const income = { income: { hnb: { amount: 0 }, schoolsBlock: { amount: 200_000_000 } } };
    const s = only(
      { id: "eps", type: "staffing", staffing: [{ id: "ep", role: "EP", fte: 4, unitCost: 91600 }] },
      income,
    );
    expect(s.unmitigated.staffing).toHaveLength(0);
    expect(s.mitigated.staffing.map((x) => x.cost)).toEqual([366_400, 366_400, 366_400, 366_400]);
    expect(s.levers[0]?.sequential).toBeCloseTo(-4 * 366_400, 6);
    // 1% of £200m = £2m in 2026-27, which needs a disapplication request.
    const t = only({ id: "t", type: "transfer", transferRate: { "2026-27": 0.01 } }, income);
    expect(t.unmitigated.transfers).toEqual([]);
    expect(t.mitigated.transfers).toEqual([
      {
        fy: "2026-27",
        rate: 0.01,
        amount: 2_000_000,
        movements: [],
        totalRate: 0.01,
        needs: "disapplication",
      },
    ]);
    // A £500k grant at confidence 0.8 is £400k of income; its £300k spend at 0.8 is £240k: net £160k.
    const g = only(
      {
        id: "dbv",
        type: "grant",
        amounts: { "2025-26": 500_000 },
        spend: { "2025-26": 300_000 },
        confidence: 0.8,
      },
      income,
    );
    expect(g.mitigated.ledger[1]?.otherIncome).toBe(400_000);
    expect(g.mitigated.ledger[1]?.implementationCost).toBe(240_000);
    expect(g.unmitigated.ledger[1]?.implementationCost).toBe(0);
    expect(g.levers[0]).toMatchObject({ kind: "funding", sequential: 160_000, shapley: 160_000 });
  });

  test("sequential savings and Shapley shares of two interacting levers", () => {
    // A cut of INMSS unit cost by 50% from 2025-26 (A) and a shift of all 50 INMSS places to bespoke
    // in 2026 (B), horizon 1 (census). Both act only in FY 2025-26, where INMSS costs 50 × 50,000 = 2,500,000.
    // Savings on the final cumulative balance: v(A) = 1,250,000; v(B) = 2,500,000 − 900,000 (bespoke
    // 50 × 18,000) = 1,600,000; v(AB) = 1,600,000 (nothing left in INMSS for A to cut)
    // sequential: A = 1,250,000, B = v(AB) − v(A) = 350,000
    // Shapley: A = ½(1,250,000 + 0) = 625,000; B = ½(1,600,000 + 350,000) = 975,000
    const r = forecast(
      valid(
        baseInput({
          ...twoPlacements,
          horizon: 1,
          mitigations: [
            { id: "A", type: "unitCostChange", placements: ["inmss"], change: -0.5, fromFY: "2025-26" },
            {
              id: "B",
              type: "placementShift",
              fromPlacement: "inmss",
              toPlacement: "bespoke",
              moves: { 2026: 50 },
            },
          ],
        }),
      ),
    );
    expect(r.levers.map((l) => [l.id, l.sequential, l.shapley])).toEqual([
      ["A", expect.closeTo(1_250_000, 6), expect.closeTo(625_000, 6)],
      ["B", expect.closeTo(350_000, 6), expect.closeTo(975_000, 6)],
    ]);
  });
});

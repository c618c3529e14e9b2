// Pooled `auto` (spec §10) and the sanity guards on estimated growth, with hand-worked figures.
import { describe, expect, test } from "vitest";
import { forecast, growthWarnings, POOLING, pooledBand, pooledGrowth } from "../../src/index.js";
import { baseInput, valid } from "../helpers.js";

const pts = (first: number, counts: number[]) => counts.map((count, i) => ({ year: first + i, count }));
// A reference growing exactly 5% a year: its CAGR-3 trend is ln(1.05) a year.
const england = pts(2019, [1000, 1050, 1102.5, 1157.625]);

describe("pooled growth", () => {
  test("a noiseless own trend keeps the whole weight, and its lead over the reference fades by 0.6 a year", () => {
    // Own 10% a year exactly: log-linear slope ln 1.1, noise v = 0, so w = τ² / τ² = 1.
    const g = pooledGrowth(pts(2019, [100, 110, 121, 133.1]), england, 3);
    expect(g.weight).toBe(1);
    expect(g.noise).toBeCloseTo(0, 15);
    // Year j: exp(ln 1.05 + 1 · ln(1.1 / 1.05) · 0.6^(j−1)) − 1.
    expect(g.rates[0]).toBeCloseTo(0.1, 12);
    expect(g.rates[1]).toBeCloseTo(Math.exp(Math.log(1.05) + 0.6 * Math.log(1.1 / 1.05)) - 1, 12);
    expect(g.rates[2]).toBeCloseTo(Math.exp(Math.log(1.05) + 0.36 * Math.log(1.1 / 1.05)) - 1, 12);
  });
  test("a noisy series leans on the reference", () => {
    // 100, 120, 100, 120, 100, 120, 100 (2016–2022): six annual log growths ±a, a = ln 1.2;
    // v = 6a²/5 = 0.039890. Own window 2019–2022 (120, 100, 120, 100): slope −a/5 = −0.036464, span 3.
    // s² = v / 3 = 0.013297; w = 0.001219 / (0.001219 + 2 · 0.013297) = 0.043829.
    // Year 1: ln 1.05 + w · (−0.036464 − ln 1.05) = 0.048790 − 0.003737 = 0.045054 → 4.6084%.
    const g = pooledGrowth(pts(2016, [100, 120, 100, 120, 100, 120, 100]), england, 2);
    expect(g.noise).toBeCloseTo(0.03989, 5);
    expect(g.own).toBeCloseTo(Math.expm1(-Math.log(1.2) / 5), 12);
    expect(g.weight).toBeCloseTo(0.043829, 5);
    expect(g.rates[0]).toBeCloseTo(0.046084, 5);
  });
  test("without three recent counts there is no own trend: the reference's trend, with the prior noise", () => {
    const g = pooledGrowth(pts(2021, [40, 50]), england, 2);
    expect(g.own).toBeUndefined();
    expect(g.weight).toBe(0);
    expect(g.noise).toBe(POOLING.v0);
    expect(g.rates).toEqual([expect.closeTo(0.05, 12), expect.closeTo(0.05, 12)]);
  });
  test("a type with nothing at the base stays empty", () => {
    const empty = pooledGrowth(pts(2019, [5, 3, 0]), england, 2);
    expect(empty.rates).toEqual([0, 0]);
    // England's trend is still England's (shown beside the series), not the 0 the series grows by:
    // at origin 2021 the reference reads 2019–2021, ln(1.05) a year.
    expect(empty.reference).toBeCloseTo(Math.log(1.05), 12);
  });
  test("the calibrated band: forecast · exp(q · √(h · v)), h = 3's quantiles beyond three years", () => {
    const [[q10, q90], , [r10, r90]] = POOLING.bands as [number, number][];
    const [lo, hi] = pooledBand(1000, 2, 0.01);
    expect(lo).toBeCloseTo(1000 * Math.exp(-1.416 * Math.sqrt(0.02)), 9);
    expect(hi).toBeCloseTo(1000 * Math.exp(3.457 * Math.sqrt(0.02)), 9);
    expect(pooledBand(1000, 1, 0.01)).toEqual([
      expect.closeTo(1000 * Math.exp((q10 as number) * 0.1), 9),
      expect.closeTo(1000 * Math.exp((q90 as number) * 0.1), 9),
    ]);
    expect(pooledBand(1000, 5, 0.01)).toEqual([
      expect.closeTo(1000 * Math.exp((r10 as number) * Math.sqrt(0.05)), 9),
      expect.closeTo(1000 * Math.exp((r90 as number) * Math.sqrt(0.05)), 9),
    ]);
  });
  test("the simulation's growth sd matches the 3-year band: 3 · Z80 · sd = (q90 − q10) / 2 · √(3v)", () => {
    // v is the band's noise, over the last four years' growths.
    // v = 0.001: 100, 103, 106, 110 … a quiet series, well under the cap.
    const g = pooledGrowth(pts(2016, [100, 103, 107, 109, 114, 116, 121]), england, 3);
    const [q10, q90] = POOLING.bands[2] as [number, number];
    expect(g.growthSd).toBeLessThan(POOLING.sdCap);
    expect(3 * 1.2815515655446004 * g.growthSd).toBeCloseTo(
      ((q90 - q10) / 2) * Math.sqrt(3 * g.bandNoise),
      12,
    );
  });
  test("the reference's trend reads its last three years whatever order its points come in", () => {
    // A map's entries may run newest first (the SEN2 reader's national series does).
    const older = [...pts(2012, [500, 600, 700, 800, 900, 950]), ...england];
    const own = pts(2019, [100, 110, 121, 133.1]);
    const forwards = pooledGrowth(own, older, 2);
    expect(forwards.reference).toBeCloseTo(0.05, 12);
    expect(pooledGrowth(own, [...older].reverse(), 2)).toEqual(forwards);
  });
  test("a scenario's reference is what auto pools towards, and the calibration records it", () => {
    const s = valid(
      baseInput({
        placements: [
          {
            id: "p",
            label: "P",
            category: "MdSSA",
            count: 100,
            unitCost: 1,
            growth: { method: "auto" },
            history: { 2022: 80, 2023: 95, 2024: 85 },
          },
        ],
        reference: { name: "England", history: { 2022: 1000, 2023: 1050, 2024: 1102.5, 2025: 1157.625 } },
      }),
    );
    const rec = forecast(s).calibration[0];
    expect(rec?.reference).toBe("England");
    expect(rec?.referenceRate).toBeCloseTo(0.05, 12);
    expect(Object.keys(rec?.rates ?? {})).toEqual(["2026", "2027"]);
  });
});

describe("sanity guards on estimated growth", () => {
  test("a rate outside the plausible range and a recording break are flagged with their evidence", () => {
    const w = growthWarnings(pts(2019, [170, 21, 53, 204]), { 2023: 0.4, 2024: 0.3, 2025: 0.1 });
    expect(w).toEqual([
      "rate 40.0% a year in 2023 (and 1 more year) is outside the plausible range -10% to +25%: check the history or give a rate",
      "history has possible recording breaks: 170 → 21 (2019 → 2020), 21 → 53 (2020 → 2021), 53 → 204 (2021 → 2022); the estimate leans on the reference trend, but check the series",
    ]);
  });
  test("small counts and steady series raise nothing", () => {
    expect(growthWarnings(pts(2019, [2, 5, 9, 4]), { 2023: 0.1 })).toEqual([]);
    expect(growthWarnings(pts(2019, [100, 110, 121]), { 2023: 0.1 })).toEqual([]);
  });
});

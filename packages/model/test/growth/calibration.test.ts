// Growth methods by hand, rolling-origin backtests, auto selection, seeded uncertainty and the
// tornado: hand-computed cases and reproducibility by seed.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  estimateGrowth,
  forecast,
  type HistoryPoint,
  NotEnoughHistory,
  quantileOf,
  rollingOrigin,
  simulate,
  simulationBytes,
  simulationFigures,
  summarise,
  tornado,
} from "../../src/index.js";
import { autoGrowth, normalQuantile, uniforms } from "../../src/internal.js";
import { scenarioInput } from "../arbitrary.js";
import { baseInput, problems, valid } from "../helpers.js";

const pts = (start: number, counts: number[]): HistoryPoint[] =>
  counts.map((count, i) => ({ year: start + i, count }));

describe("growth methods by hand", () => {
  const h = pts(2017, [100, 110, 121, 133.1, 146.41, 161.051]);
  test("constant 10% growth is found by every trend method", () => {
    expect(estimateGrowth(h, { method: "last", years: 1 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(h, { method: "cagr", years: 3 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(h, { method: "cagr", years: 5 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(h, { method: "loglinear", years: 5 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(h, { method: "weighted", years: 3 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(h, { method: "flat", years: 0 })).toBe(0);
  });
  test("last year, CAGR, OLS, weighted and pooled on a hand-worked series", () => {
    const s = pts(2019, [100, 120, 126, 140]);
    expect(estimateGrowth(s, { method: "last", years: 1 })).toBeCloseTo(140 / 126 - 1, 12);
    expect(estimateGrowth(s, { method: "cagr", years: 3 })).toBeCloseTo((140 / 100) ** (1 / 3) - 1, 12);
    // OLS over 2019–2022: slope 63 / 5 = 12.6; the line at 2022 is 121.5 + 1.5 · 12.6 = 140.4 → 12.6 / 140.4.
    expect(estimateGrowth(s, { method: "ols", years: 5 })).toBeCloseTo(12.6 / 140.4, 12);
    // Weighted 1:2:3 of growths 20%, 5%, 11.11%.
    expect(estimateGrowth(s, { method: "weighted", years: 3 })).toBeCloseTo(
      (0.2 + 2 * 0.05 + 3 * (140 / 126 - 1)) / 6,
      12,
    );
    const own = (140 / 100) ** (1 / 3) - 1;
    expect(estimateGrowth(s, { method: "pooled", years: 3 }, 0.05)).toBeCloseTo(0.5 * own + 0.5 * 0.05, 12);
  });
  test("a missing middle year shortens the evidence instead of reading as zero", () => {
    const gap = [
      { year: 2019, count: 100 },
      { year: 2021, count: 121 },
      { year: 2022, count: 133.1 },
    ];
    expect(estimateGrowth(gap, { method: "cagr", years: 3 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(gap, { method: "last", years: 1 })).toBeCloseTo(0.1, 12);
    expect(estimateGrowth(gap.slice(0, 2), { method: "last", years: 1 })).toBeCloseTo(0.1, 12);
  });
  test("a one-year history is not enough for any method that reads growth", () => {
    const one = pts(2022, [500]);
    for (const spec of [
      { method: "last", years: 1 },
      { method: "cagr", years: 3 },
      { method: "ols", years: 5 },
    ] as const)
      expect(() => estimateGrowth(one, spec)).toThrow(NotEnoughHistory);
    expect(() => estimateGrowth(one, { method: "cagr", years: 3 })).toThrow(
      "cagr-3 needs at least 2 census years of history reaching 3 years back (to 2019), found 1 census year (2022)",
    );
    expect(() => autoGrowth(one)).toThrow(
      "auto needs at least 3 census years of history to weigh methods by backtest, found 1",
    );
  });
});

describe("rolling-origin backtest", () => {
  test("on an exact 10% series, every trend method scores zero error and the combined band holds the outcome", () => {
    const series = [
      { key: "x", points: pts(2012, [100, 110, 121, 133.1, 146.41, 161.051, 177.1561, 194.87171]) },
    ];
    const rows = summarise(rollingOrigin(series, { horizons: [1, 2, 3] }));
    // A straight line through compound growth is not exact; every compound method is. Without a
    // reference, pooled auto's own trend is its reference and its noise is nil: exact too.
    for (const r of rows.filter(
      (r) => !["flat", "combined"].includes(r.method) && !r.method.startsWith("ols"),
    ))
      expect(r.medianApe).toBeCloseTo(0, 9);
    // combined averages them all, the inexact linear trend with a small weight.
    for (const r of rows.filter((r) => r.method === "combined")) expect(r.medianApe).toBeLessThan(0.001);
    expect(rows.find((r) => r.method === "combined" && r.horizon === 3)?.coverage).toBe(1);
    // flat misses 3-year-ahead growth of 33.1% by 1 - 1/1.331.
    expect(rows.find((r) => r.method === "flat" && r.horizon === 3)?.medianApe).toBeCloseTo(1 - 1 / 1.331, 9);
  });
  test("auto weighs methods by 1 / their own-history error: the exact method dominates", () => {
    // Steady absolute growth: the linear trend is exact, compound methods overshoot.
    const linear = pts(2014, [100, 120, 140, 160, 180, 200, 220, 240, 260]);
    const choice = autoGrowth(linear);
    expect(choice.weights[0]?.method).toBe("ols-5");
    expect(choice.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 12);
    expect(choice.rate).toBeCloseTo(
      choice.weights.reduce((a, w) => a + w.weight * w.rate, 0),
      12,
    );
    // ols-5 scores 0 error, so its weight is 1/0.001 against ≥ 1/(0.001 + its rivals' errors).
    expect(choice.weights[0]?.weight).toBeGreaterThan(0.4);
    expect(choice.weights[0]?.weight).toBeGreaterThan(3 * (choice.weights[1]?.weight ?? 1));
  });
});

describe("growth from history in a scenario", () => {
  const input = baseInput({
    horizon: 2,
    placements: [
      {
        id: "special",
        label: "Special",
        category: "MdSSA",
        count: 133.1,
        unitCost: 1000,
        growth: { method: "cagr", years: 3 },
        history: { 2022: 100, 2023: 110, 2024: 121 },
      },
    ],
  });
  test("the method's rate drives the forecast and is recorded", () => {
    const r = forecast(valid(input));
    expect(r.calibration).toEqual([
      expect.objectContaining({ id: "special", requested: "cagr-3", used: "cagr-3", points: 4 }),
    ]);
    expect(r.calibration[0]?.rate).toBeCloseTo(0.1, 12);
    expect(r.unmitigated.placements.find((p) => p.census === 2027)?.count).toBeCloseTo(133.1 * 1.21, 9);
  });
  test("auto records the reference, the weight and the rates; combined records its candidates", () => {
    const s = valid({
      ...input,
      placements: [{ ...(input.placements as object[])[0], growth: { method: "auto" } }],
    });
    const rec = forecast(s).calibration[0];
    expect(rec?.requested).toBe("auto");
    expect(rec?.used).toMatch(/^pooled: own 10\.0%, the scenario's own total 10\.0%/);
    // An exact 10% series is its own total: every year's rate is 10%, with the whole weight on it.
    expect(rec?.rate).toBeCloseTo(0.1, 12);
    expect(Object.values(rec?.rates ?? {}).every((r) => Math.abs(r - 0.1) < 1e-12)).toBe(true);
    expect(rec?.weight).toBe(1);
    expect(rec?.warnings).toEqual([]);
    const c = valid({
      ...input,
      placements: [{ ...(input.placements as object[])[0], growth: { method: "combined" } }],
    });
    const combined = forecast(c).calibration[0];
    expect(combined?.used).toMatch(/^weighted: /);
    expect(combined?.weights?.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 12);
  });
  test("too little history is a clear error at the growth field", () => {
    const short = { ...input, placements: [{ ...(input.placements as object[])[0], history: {} }] };
    expect(problems(short)).toEqual([
      {
        path: "placements[0].growth",
        message:
          "not enough history: cagr-3 needs at least 2 census years of history reaching 3 years back (to 2022), found 1 census year (2025); give `history` for earlier census years or a growth rate",
      },
    ]);
  });
  test("an unknown method is named", () => {
    const bad = {
      ...input,
      placements: [{ ...(input.placements as object[])[0], growth: { method: "magic" } }],
    };
    expect(problems(bad)[0]?.path).toBe("placements[0].growth.method");
    expect(problems(bad)[0]?.message).toContain("must be one of auto, combined, flat, last, cagr");
  });
});

describe("seeded randomness", () => {
  test("same seed, same numbers; another seed, other numbers", () => {
    const a = uniforms(42);
    const b = uniforms(42);
    const c = uniforms(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    // Pinned values: a change to the generator changes every published band.
    expect(uniforms(1)()).toBeCloseTo(0.6270739405881613, 9);
  });
  test("quantile functions", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
    expect(quantileOf({ distribution: "triangular", min: 0, mode: 1, max: 2 }, 0.5)).toBeCloseTo(1, 12);
    expect(quantileOf({ distribution: "triangular", min: 0, mode: 0, max: 1 }, 0.75)).toBeCloseTo(
      1 - Math.sqrt(0.25),
      12,
    );
    expect(quantileOf({ distribution: "uniform", min: -1, max: 3 }, 0.25)).toBe(0);
  });
});

describe("uncertainty", () => {
  const scenario = valid(
    baseInput({
      horizon: 3,
      placements: [
        { id: "special", label: "Special", category: "MdSSA", count: 1000, unitCost: 10_000, growth: 0.05 },
      ],
      income: { hnb: { amount: 10_000_000 } },
      mitigations: [
        { id: "cut", type: "growthReduction", placements: ["special"], reduction: 0.02, from: 2026 },
      ],
      uncertainty: {
        growth: { distribution: "normal", sd: 0.02 },
        costInflation: { distribution: "uniform", min: -0.01, max: 0.01 },
        delivery: { distribution: "triangular", min: 0.5, mode: 1, max: 1 },
      },
    }),
  );
  test("same seed, same bands; the bands bracket the deterministic forecast", () => {
    const a = simulate(scenario, { paths: 500, seed: 7 });
    const b = simulate(scenario, { paths: 500, seed: 7 });
    expect(b).toEqual(a);
    expect(simulate(scenario, { paths: 500, seed: 8 }).ledger).not.toEqual(a.ledger);
    const det = forecast(scenario);
    const last = det.unmitigated.ledger[det.unmitigated.ledger.length - 1];
    const band = a.ledger.find(
      (r) => r.forecast === "unmitigated" && r.measure === "cumulative" && r.fy === last?.fy,
    );
    expect(band?.p10).toBeLessThan(last?.cumulative ?? 0);
    expect(band?.p90).toBeGreaterThan(last?.cumulative ?? 0);
    expect(a.placements.filter((r) => r.census === 2025).every((r) => r.p10 === 1000 && r.p90 === 1000)).toBe(
      true,
    );
  });
  test("with no spread, every percentile equals the deterministic forecast", () => {
    const flat = valid({
      ...baseInput({
        horizon: 2,
        placements: [
          { id: "special", label: "Special", category: "MdSSA", count: 100, unitCost: 1000, growth: 0.1 },
        ],
      }),
      uncertainty: { growth: { distribution: "normal", sd: 0 } },
    });
    const u = simulate(flat, { paths: 10, seed: 1 });
    const det = forecast(flat);
    for (const r of u.placements) {
      const d = det.unmitigated.placements.find((p) => p.census === r.census);
      expect(r.p10).toBeCloseTo(d?.count ?? NaN, 9);
      expect(r.p90).toBeCloseTo(d?.count ?? NaN, 9);
    }
  });
  test("the growth band at 3 years is the analytic one: N·(1 + g ± 1.2816·sd)^3", () => {
    const u = simulate(
      valid({
        ...baseInput({
          horizon: 3,
          placements: [{ id: "p", label: "P", category: "MdSSA", count: 1000, unitCost: 0, growth: 0.05 }],
        }),
        uncertainty: { growth: { distribution: "normal", sd: 0.02 } },
      }),
      { paths: 20_000, seed: 3 },
    );
    const r = u.placements.find((x) => x.census === 2028);
    expect(r?.p10).toBeCloseTo(1000 * (1.05 - 1.2816 * 0.02) ** 3, -1);
    expect(r?.p90).toBeCloseTo(1000 * (1.05 + 1.2816 * 0.02) ** 3, -1);
  });
  test("the tornado puts each assumption at its 10th and 90th percentile, the others as the central forecast has them", () => {
    const t = tornado(scenario);
    expect(t.forecast).toBe("mitigated");
    // Every bar starts at the central forecast (the uniform inflation's median is 0, the triangular
    // delivery's is below 1: centred on the medians the bars would start elsewhere).
    const centralForecast = forecast(scenario).mitigated.ledger.at(-1)?.cumulative;
    for (const r of t.rows) expect(r.central).toBe(centralForecast);
    expect(t.rows.map((r) => r.kind).sort()).toEqual(["costInflation", "delivery", "growth"]);
    for (const r of t.rows) expect(Math.min(r.low, r.high)).toBeLessThanOrEqual(r.central);
    // Lower growth (its 10th percentile) leaves a better balance than higher growth.
    const growth = t.rows.find((r) => r.kind === "growth");
    expect(growth?.low).toBeGreaterThan(growth?.high ?? 0);
    const delivery = t.rows.find((r) => r.kind === "delivery");
    expect(delivery?.low).toBeLessThan(delivery?.high ?? 0);
    const swings = t.rows.map((r) => Math.abs(r.high - r.low));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
  });
  test("bad uncertainty input names the path", () => {
    const raw = {
      ...baseInput({ placements: [{ id: "special", label: "S", category: "MdSSA", count: 1, unitCost: 1 }] }),
      uncertainty: {
        growth: { distribution: "triangular", min: 0, mode: 2, max: 1 },
        placements: { specal: { growth: "auto" } },
      },
    };
    expect(problems(raw)).toEqual([
      { path: "uncertainty.growth.mode", message: "must lie between min and max (min 0, mode 2, max 1)" },
      {
        path: "uncertainty.placements.specal",
        message: 'placement "specal" does not exist (did you mean "special"?)',
      },
    ]);
    const auto = { ...raw, uncertainty: { growth: "auto" } };
    expect(problems(auto)[0]).toEqual({
      path: "uncertainty.growth",
      message:
        '"auto" for placement "special" needs at least 3 census years of history to measure its noise, found 1; give its history or a distribution',
    });
  });
});

describe("uncertainty on random scenarios (fast-check)", () => {
  const withUncertainty = scenarioInput({ maxLevers: 4 }).chain((raw) =>
    fc
      .record({
        sd: fc.double({ min: 0, max: 0.1, noNaN: true }),
        spread: fc.double({ min: 0, max: 0.02, noNaN: true }),
        seed: fc.nat({ max: 1000 }),
      })
      .map(({ sd, spread, seed }) => ({
        scenario: valid({
          ...raw,
          uncertainty: {
            growth: { distribution: "normal", sd },
            costInflation: { distribution: "uniform", min: -spread, max: spread },
            delivery: { distribution: "triangular", min: 0.5, mode: 1, max: 1 },
          },
        }),
        seed,
      })),
  );

  test("bands are ordered, the base year is certain, and the same seed repeats", () => {
    fc.assert(
      fc.property(withUncertainty, ({ scenario, seed }) => {
        const a = simulate(scenario, { paths: 60, seed });
        for (const r of [...a.ledger, ...a.placements]) {
          expect(r.p10).toBeLessThanOrEqual(r.p50 + 1e-9 * Math.max(1, Math.abs(r.p50)));
          expect(r.p50).toBeLessThanOrEqual(r.p90 + 1e-9 * Math.max(1, Math.abs(r.p90)));
        }
        const det = forecast(scenario);
        for (const r of a.placements.filter((x) => x.census === scenario.baseYear)) {
          const d = det.unmitigated.placements.find((p) => p.id === r.id && p.census === r.census);
          expect(r.p10).toBeCloseTo(d?.count ?? Number.NaN, 9);
          expect(r.p90).toBeCloseTo(d?.count ?? Number.NaN, 9);
        }
        expect(simulate(scenario, { paths: 60, seed })).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
});

describe("what a simulation keeps", () => {
  test("figures a path, worked by hand: derived counts keep one draw, tied or cut counts every year", () => {
    // Horizon 3 (4 years), both forecasts. Balances: 2 measures × 4 years × 2 forecasts = 16.
    // p0: its counts follow its own draw (1), but a growth reduction names it, so the mitigated
    // forecast stores its 4 years (4). p1 and p2: a shift ties them, so both forecasts store every
    // year (2 × 4 each = 16). Total 16 + 5 + 16 = 37.
    const placement = (id: string) => ({
      id,
      label: id,
      category: "MdSSA",
      count: 100,
      unitCost: 1000,
      growth: 0.05,
    });
    const s = valid(
      baseInput({
        horizon: 3,
        placements: [placement("p0"), placement("p1"), placement("p2")],
        mitigations: [
          { id: "cut", type: "growthReduction", placements: ["p0"], reduction: 0.01, from: 2026 },
          { id: "move", type: "placementShift", fromPlacement: "p1", toPlacement: "p2", moves: { 2026: 5 } },
        ],
        uncertainty: { growth: { distribution: "normal", sd: 0.02 } },
      }),
    );
    expect(simulationFigures(s)).toBe(37);
    expect(simulationBytes(s, 1000)).toBe(8 * 1000 * 37);
  });
});

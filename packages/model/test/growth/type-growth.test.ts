// Type-level auto, its bands and the authority-level backtest (issue #31): hand-computed cases.
import { describe, expect, test } from "vitest";
import { cleanWindow } from "../../src/growth/type-growth.js";
import {
  authorityGrowth,
  fitVariance,
  NATIONAL_UNIT_COSTS,
  PLACEMENT_LEVEL,
  poolTowards,
  resolveGrowths,
  summariseTypes,
  TYPE_BANDS,
  TYPE_POOLING,
  type TypeBacktestSummary,
  typeBacktest,
  typeGrowthSd,
  typeLogVariance,
  typeTargets,
} from "../../src/index.js";
import { baseInput, problems, valid } from "../helpers.js";

const series = (first: number, counts: number[]) => counts.map((count, i) => ({ year: first + i, count }));
const grow = (base: number, rate: number, n: number) =>
  Array.from({ length: n }, (_, i) => base * (1 + rate) ** i);

describe("poolTowards: prior_j + w·(own − prior_1)·0.6^(j−1)", () => {
  test("a series without noise keeps its own trend (w = 1), fading towards the prior", () => {
    const g = poolTowards(series(2019, grow(100, 0.1, 4)), [0.05, 0.05, 0.05], PLACEMENT_LEVEL);
    expect(g.weight).toBeCloseTo(1, 10);
    // log 1.1 = 0.095310; 0.05 + 0.045310·0.6 = 0.077186; 0.05 + 0.045310·0.36 = 0.066312.
    expect(g.logRates[0]).toBeCloseTo(0.09531018, 7);
    expect(g.logRates[1]).toBeCloseTo(0.07718611, 7);
    expect(g.logRates[2]).toBeCloseTo(0.06631166, 7);
  });
  test("a noisy series: v = 0.022887 over its three growths, w = 0.001219 / (0.001219 + 2v/3) = 0.07398", () => {
    const g = poolTowards(series(2019, [100, 120, 110, 130]), [0.05], PLACEMENT_LEVEL);
    expect(g.noise).toBeCloseTo(0.0228871, 6);
    expect(g.weight).toBeCloseTo(0.0739816, 6);
    expect(g.own).toBeCloseTo(0.0700081, 6);
    expect(g.logRates[0]).toBeCloseTo(0.05 + 0.0739816 * (0.0700081 - 0.05), 6);
  });
  test("nothing at the base: no growth, whatever the prior", () => {
    expect(poolTowards(series(2019, [5, 3, 0]), [0.1, 0.1], PLACEMENT_LEVEL).logRates).toEqual([0, 0]);
  });
});

describe("authorityGrowth: type within authority within England", () => {
  const england = series(2019, grow(1000, 0.05, 4));
  const total = series(2019, grow(100, 0.1, 4));
  const type = { id: "special", points: series(2021, [40, 50]), reference: series(2019, grow(100, 0.08, 4)) };
  test("hierarchy: England's same-type trend (8%) plus the authority's lead log(1.1/1.05), fading by 0.6", () => {
    const g = authorityGrowth({ types: [type], total, reference: england, horizon: 2 }, TYPE_POOLING);
    expect(TYPE_POOLING.hierarchy && TYPE_POOLING.typeReference && !TYPE_POOLING.constrain).toBe(true);
    // 1.08 · 1.1 / 1.05 − 1 = 0.131429; then exp(log 1.08 + 0.046520 · 0.6) − 1 = 0.110570.
    expect(g.types[0]?.rates[0]).toBeCloseTo(0.1314286, 6);
    expect(g.types[0]?.rates[1]).toBeCloseTo(0.1105696, 6);
    expect(g.types[0]?.referenceName).toBe("type");
  });
  test("without a clean type window the type pools towards England's total (5%)", () => {
    const broken = { ...type, reference: series(2019, [10, 100, 110, 120]) };
    const g = authorityGrowth(
      { types: [broken], total, reference: england, horizon: 1 },
      { ...TYPE_POOLING, hierarchy: false },
    );
    expect(g.types[0]?.referenceName).toBe("total");
    expect(g.types[0]?.rates[0]).toBeCloseTo(0.05, 10);
  });
  test("constraint: each year the types add up to the pooled total", () => {
    const types = [type, { id: "inmss", points: series(2019, [10, 12, 15, 20]), reference: undefined }];
    const g = authorityGrowth(
      { types, total: series(2019, [50, 54, 62, 70]), reference: england, horizon: 3 },
      { ...TYPE_POOLING, constrain: true },
    );
    let [a, b, t] = [50, 20, 70];
    for (let j = 0; j < 3; j++) {
      a *= 1 + (g.types[0]?.rates[j] ?? 0);
      b *= 1 + (g.types[1]?.rates[j] ?? 0);
      t *= Math.exp(g.total.logRates[j] ?? 0);
      expect(a + b).toBeCloseTo(t, 8);
    }
  });
  test("cleanWindow: positive every year and no 2× change in a year", () => {
    expect(cleanWindow(series(2015, [67, 11772, 32066, 46854]), 2018, 3)).toBe(false);
    expect(cleanWindow(series(2015, [67, 11772, 32066, 46854, 57191, 64437]), 2020, 3)).toBe(true);
    expect(cleanWindow(series(2017, [5, 0, 6, 7]), 2020, 3)).toBe(false);
  });
});

describe("bands from pooled residuals", () => {
  test("fitVariance recovers a = 0.01, b = 2 from residuals that lie on e² = h²·a + b/n", () => {
    const r = [
      { id: "x", count: 100, horizon: 1, error: Math.sqrt(0.01 + 0.02) },
      { id: "x", count: 50, horizon: 2, error: -Math.sqrt(0.04 + 0.04) },
      { id: "x", count: 400, horizon: 3, error: Math.sqrt(0.09 + 0.005) },
    ];
    const v = fitVariance(r);
    expect(v.a).toBeCloseTo(0.01, 10);
    expect(v.b).toBeCloseTo(2, 8);
  });
  test("variance scale_h·(h²·a + b/n); growth sd √V(3, n) / 3; NONE falls back to the pooled components", () => {
    const model = { types: { special: { a: 0.001, b: 1 } }, pooled: { a: 0.01, b: 2 }, scales: [0.5, 0.8] };
    expect(typeLogVariance("special", 1000, 1, model)).toBeCloseTo(0.5 * (0.001 + 0.001), 12);
    expect(typeLogVariance("special", 1000, 3, model)).toBeCloseTo(0.8 * (0.009 + 0.001), 12);
    expect(typeLogVariance("bespoke", 0, 2, model)).toBeCloseTo(0.8 * (0.04 + 2), 12);
    expect(typeGrowthSd("special", 1000, model)).toBeCloseTo(Math.sqrt(0.008) / 3, 12);
    expect(Object.keys(TYPE_BANDS.types).sort()).toEqual(Object.keys(NATIONAL_UNIT_COSTS).sort());
  });
});

describe("typeBacktest: totals, spend and mix by hand", () => {
  const authority = {
    key: "A",
    total: series(2019, [110, 110, 110, 110, 118]),
    types: [
      { id: "special", points: series(2019, [100, 100, 100, 100, 110]) },
      { id: "inmss", points: series(2019, [10, 10, 10, 10, 8]) },
    ],
  };
  const options = {
    origin: 2022,
    horizons: [1],
    england: series(2015, grow(1000, 0.05, 8)),
    englandTypes: {},
    unitCosts: { special: 1, inmss: 2 },
  };
  const records = typeBacktest([authority], options);
  const flat = (measure: string) => records.find((r) => r.method === "flat" && r.measure === measure);
  test("flat: total 8/118; spend 100 + 2·10 = 120 against 110 + 2·8 = 126; mix (10 + 2·2) / 126", () => {
    expect(flat("total")?.error).toBeCloseTo(8 / 118, 12);
    expect(flat("spend")?.forecast).toBe(120);
    expect(flat("spend")?.actual).toBe(126);
    expect(flat("spend")?.error).toBeCloseTo(6 / 126, 12);
    expect(flat("mix")?.error).toBeCloseTo(14 / 126, 12);
  });
  test("reference-5 grows each type by England's 5-year trend (5%): spend 126 exactly, total 115.5", () => {
    const spend = records.find((r) => r.method === "reference-5" && r.measure === "spend");
    expect(spend?.forecast).toBeCloseTo(126, 10);
    expect(records.find((r) => r.method === "reference-5" && r.measure === "total")?.forecast).toBeCloseTo(
      115.5,
      10,
    );
  });
  test("a census unscored for types still scores the total; auto carries its bands", () => {
    const unscored = typeBacktest([{ ...authority, unscoredTypeYears: [2023] }], options);
    expect(unscored.filter((r) => r.measure !== "total")).toEqual([]);
    const auto = records.find((r) => r.method === "auto" && r.measure === "spend");
    expect(auto?.p10).toBeLessThan(auto?.forecast ?? 0);
    expect(auto?.p90).toBeGreaterThan(auto?.forecast ?? 0);
  });
  test("summariseTypes: medians per method, measure and horizon, coverage for auto", () => {
    const s = summariseTypes(records);
    expect(s.find((x) => x.method === "flat" && x.measure === "mix")?.medianError).toBeCloseTo(14 / 126, 12);
    expect(s.find((x) => x.method === "auto" && x.measure === "total")?.coverage).toBeDefined();
  });
});

describe("typeTargets", () => {
  const row = (
    method: string,
    measure: "total" | "spend" | "mix",
    horizon: number,
    medianError: number,
    extra = {},
  ) => ({ method, measure, horizon, n: 10, medianError, ...extra }) as TypeBacktestSummary;
  test("spend passes only 2 points below the best naive; coverage only inside 72–88%", () => {
    const summary = [
      row("auto", "spend", 3, 0.05, { coverage: 0.9, medianWidth: 0.2 }),
      row("auto-2022", "spend", 3, 0.07, { medianWidth: 0.25 }),
      row("reference-type-3", "spend", 3, 0.069),
      row("flat", "spend", 3, 0.2),
      row("auto", "mix", 3, 0.1),
      row("reference-5", "mix", 3, 0.121),
    ];
    const t = typeTargets(summary);
    expect(t.find((x) => x.target.startsWith("spend 3 yr at least"))).toMatchObject({
      pass: false,
      versus: "reference-type-3 6.9% − 2 points",
    });
    expect(t.find((x) => x.target.startsWith("mix 3 yr at least"))?.pass).toBe(true);
    expect(t.find((x) => x.target.startsWith("spend 3 yr 10–90%"))?.pass).toBe(false);
    expect(t.find((x) => x.target.startsWith("spend 3 yr median"))?.pass).toBe(true);
  });
});

describe("scenarios: auto resolves every type together", () => {
  const placement = (id: string, count: number, history: Record<string, number>) => ({
    id,
    label: id,
    category: "MdSSA" as const,
    count,
    unitCost: 1,
    costInflation: 0,
    growth: { method: "auto" as const },
    history,
  });
  test("a placement with reference.placements[id] pools towards its own type; the record says so", () => {
    const s = {
      baseYear: 2022,
      horizon: 2,
      placements: [placement("special", 40, { "2021": 40 }), placement("other", 60, { "2021": 60 })],
      reference: {
        name: "England",
        history: { "2019": 1000, "2020": 1050, "2021": 1102.5, "2022": 1157.625 },
        placements: { special: { "2019": 100, "2020": 108, "2021": 116.64, "2022": 125.9712 } },
      },
    };
    const r = resolveGrowths(s as never);
    const special = r.records.find((x) => x.id === "special");
    const other = r.records.find((x) => x.id === "other");
    expect(special?.reference).toBe("England special");
    expect(special?.referenceRate).toBeCloseTo(0.08, 10);
    expect(other?.reference).toBe("England");
    expect(other?.referenceRate).toBeCloseTo(0.05, 10);
    // Two census years: no own trend for the types or the total, so no lead: the references' trends.
    expect(special?.rates["2023"]).toBeCloseTo(0.08, 10);
    expect(other?.rates["2024"]).toBeCloseTo(0.05, 10);
    expect(special?.growthSd).toBeCloseTo(typeGrowthSd("special", 40, TYPE_BANDS), 12);
  });
});

describe("reference.placements at the boundary", () => {
  test("keyed by a placement id and history only: an unknown id or a year after the base is refused by path", () => {
    const p = {
      id: "special",
      label: "Special",
      category: "MdSSA",
      count: 10,
      unitCost: 1,
      costInflation: 0,
      growth: 0,
    };
    const found = problems(
      baseInput({
        placements: [p],
        reference: {
          name: "England",
          history: { "2024": 1 },
          placements: { specal: { "2024": 5 }, special: { "2026": 5 } },
        },
      }),
    );
    expect(found.map((x) => x.path)).toEqual([
      "reference.placements.specal",
      'reference.placements.special["2026"]',
    ]);
    expect(found[0]?.message).toContain('no placement has the id "specal"');
    expect(
      valid(
        baseInput({
          placements: [p],
          reference: { name: "England", history: {}, placements: { special: { "2025": 5 } } },
        }),
      ).reference?.placements,
    ).toEqual({ special: { "2025": 5 } });
  });
});

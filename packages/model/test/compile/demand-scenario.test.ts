// EHCP demand as flows in a scenario (issue #17): hand-worked golden figures, the stock identity
// and band sums on every row of the result, the EHCP placements following the flows' total, flow
// levers attributed like every other lever, and clear refusals.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AGE_GROUP_KEYS, demandWarnings, forecast } from "../../src/index.js";
import { baseInput, problems, valid } from "../helpers.js";

const HISTORY = {
  2021: { under5: 50, age5to10: 300, age11to15: 350, age16to19: 200, age20to25: 50 },
  2022: { under5: 60, age5to10: 330, age11to15: 370, age16to19: 190, age20to25: 50 },
};
const SPLIT = { under5: 0.3, age5to10: 0.4, age11to15: 0.2, age16to19: 0.08, age20to25: 0.02 };
const RATE2 = { under5: 0.02, age5to10: 0.02, age11to15: 0.02, age16to19: 0.02, age20to25: 0.02 };

const input = (over: Record<string, unknown> = {}, demand: Record<string, unknown> = {}) =>
  baseInput({
    baseYear: 2022,
    horizon: 2,
    placements: [
      { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 600, unitCost: 10_000 },
      { id: "special", label: "Special", category: "MdSSA", count: 400, unitCost: 25_000 },
      { id: "nonstat", label: "Non-statutory", category: "NONE", count: 100, unitCost: 3_000, growth: 0.1 },
    ],
    flows: { newPlans: { 2020: 140, 2021: 150 } },
    demand: {
      history: HISTORY,
      newPlans: { growth: 0.1, split: SPLIT },
      cessation: RATE2,
      ...demand,
    },
    ...over,
  });

describe("demand: golden case worked by hand", () => {
  // Census 2023 (new plans 150 × 1.1 = 165; cessation 2%; ageing 1/5, 1/6, 1/5, 1/4, 1/6):
  // under5:    60 + 49.5 − 1.2 + 0 − (58.8 / 5 = 11.76)                = 96.54
  // age5to10:  330 + 66 − 6.6 + 11.76 − (323.4 / 6 = 53.9)             = 347.26
  // age11to15: 370 + 33 − 7.4 + 53.9 − (362.6 / 5 = 72.52)             = 376.98
  // age16to19: 190 + 13.2 − 3.8 + 72.52 − (186.2 / 4 = 46.55)          = 225.37
  // age20to25: 50 + 3.3 − 1 + 46.55 − (49 / 6 = 8.1666…)               = 90.6833…
  // total 1,136.8333…; mainstream keeps 60% of it (682.1), special 40% (454.7333…); the
  // non-statutory placement (no EHCP) grows by its own 10% (110).
  const r = forecast(valid(input()));
  test("stock by band and the placements' counts in 2023", () => {
    const rows = r.demand?.rows.filter((x) => x.forecast === "unmitigated" && x.census === 2023) ?? [];
    expect(rows.map((x) => x.stock).map((v) => Number(v.toFixed(6)))).toEqual([
      96.54, 347.26, 376.98, 225.37, 90.683333,
    ]);
    const count = (id: string) =>
      r.unmitigated.placements.find((p) => p.id === id && p.census === 2023)?.count;
    expect(count("mainstream")).toBeCloseTo(682.1, 9);
    expect(count("special")).toBeCloseTo(454.733333, 5);
    expect(count("nonstat")).toBeCloseTo(110, 9);
    // The base year is the placements' own counts.
    expect(r.unmitigated.placements.filter((p) => p.census === 2022).map((p) => p.count)).toEqual([
      600, 400, 100,
    ]);
  });
  test("the estimates say what was given", () => {
    expect(r.demand?.estimates.splitEstimated).toBe(false);
    expect(r.demand?.estimates.flowTotals.map((v) => Number(v.toFixed(6)))).toEqual([150, 165, 181.5]);
    expect(r.demand?.base).toEqual({ census: 2022, stock: HISTORY[2022] });
  });
});

describe("demand: flow levers", () => {
  const withLevers = input({
    mitigations: [
      { id: "fewer", type: "newPlansChange", change: -0.2, from: 2023, confidence: 0.5 },
      { id: "cease", type: "cessationChange", change: 0.01, from: 2024, bands: ["age16to19", "age20to25"] },
    ],
  });
  const r = forecast(valid(withLevers));
  test("fewer new plans: 10% fewer from 2023, in every band", () => {
    const at = (f: "unmitigated" | "mitigated", band: string) =>
      r.demand?.rows.find((x) => x.forecast === f && x.census === 2023 && x.band === band)?.newPlans ??
      Number.NaN;
    for (const band of AGE_GROUP_KEYS)
      expect(at("mitigated", band)).toBeCloseTo(0.9 * at("unmitigated", band), 9);
  });
  test("more cessations only in the bands named and from 2024", () => {
    const ceased = (f: "unmitigated" | "mitigated", census: number, band: string) =>
      r.demand?.rows.find((x) => x.forecast === f && x.census === census && x.band === band)?.ceased ??
      Number.NaN;
    expect(ceased("mitigated", 2023, "age20to25")).toBeCloseTo(ceased("unmitigated", 2023, "age20to25"), 9);
    expect(ceased("mitigated", 2024, "age20to25")).toBeGreaterThan(ceased("unmitigated", 2024, "age20to25"));
    expect(ceased("mitigated", 2024, "age5to10")).toBeGreaterThan(0);
  });
  test("both levers are attributed, Shapley shares adding up to the gap", () => {
    expect(r.levers.map((l) => [l.id, l.kind])).toEqual([
      ["fewer", "saving"],
      ["cease", "saving"],
    ]);
    for (const l of r.levers) expect(l.shapley).toBeGreaterThan(0);
    const gap = (r.mitigated.ledger.at(-1)?.cumulative ?? 0) - (r.unmitigated.ledger.at(-1)?.cumulative ?? 0);
    expect(r.levers.reduce((a, l) => a + l.shapley, 0)).toBeCloseTo(gap, 6);
  });
});

describe("demand: the identity and the totals on every row (property)", () => {
  const band = fc.double({ min: 0, max: 2000, noNaN: true });
  const bands = fc.record({
    under5: band,
    age5to10: band,
    age11to15: band,
    age16to19: band,
    age20to25: band,
  });
  const rate = fc.double({ min: 0, max: 0.3, noNaN: true });
  const rates = fc.record({
    under5: rate,
    age5to10: rate,
    age11to15: rate,
    age16to19: rate,
    age20to25: rate,
  });
  test("stock(Y) = stock(Y−1) + new − ceased + in − out; bands add up to the EHCP placements' counts", () => {
    fc.assert(
      fc.property(
        bands,
        bands,
        rates,
        fc.double({ min: -0.2, max: 0.3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        (h2021, h2022, cessation, growth, share, change) => {
          const total = AGE_GROUP_KEYS.reduce((a, b) => a + h2022[b], 0);
          fc.pre(total > 1);
          const s = valid(
            input(
              {
                placements: [
                  { id: "a", label: "A", category: "MmSoA", count: total * share, unitCost: 1 },
                  {
                    id: "b",
                    label: "B",
                    category: "NMISS",
                    count: total * (1 - share),
                    unitCost: 2,
                    growth: 0.05,
                  },
                ],
                horizon: 4,
                mitigations: [{ id: "np", type: "newPlansChange", change, from: 2024 }],
              },
              { history: { 2021: h2021, 2022: h2022 }, newPlans: { growth, split: SPLIT }, cessation },
            ),
          );
          const r = forecast(s);
          for (const f of ["unmitigated", "mitigated"] as const) {
            const rows = r.demand?.rows.filter((x) => x.forecast === f) ?? [];
            // The opening stock is the base census scaled to the placements' total (a factor of 1 up to rounding).
            const opening = r.demand?.base.stock ?? h2022;
            const prev = new Map<string, number>(AGE_GROUP_KEYS.map((b) => [`2022 ${b}`, opening[b]]));
            for (const x of rows) {
              const before = prev.get(`${x.census - 1} ${x.band}`) as number;
              expect(x.stock).toBe(before + x.newPlans - x.ceased + x.agedIn - x.agedOut);
              expect(x.stock).toBeGreaterThanOrEqual(0);
              prev.set(`${x.census} ${x.band}`, x.stock);
            }
            for (const census of [2023, 2024, 2025, 2026]) {
              const stock = rows.filter((x) => x.census === census).reduce((a, x) => a + x.stock, 0);
              const counts = r[f].placements
                .filter((p) => p.census === census)
                .reduce((a, p) => a + p.count, 0);
              expect(counts).toBeCloseTo(stock, 6);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("demand: refusals name the field", () => {
  test("a flow lever without a demand section", () => {
    const raw = baseInput({
      placements: [{ id: "a", label: "A", category: "MmSoA", count: 10, unitCost: 1 }],
      mitigations: [{ id: "np", type: "newPlansChange", change: -0.1, from: 2026 }],
    });
    expect(problems(raw)).toContainEqual({
      path: "mitigations[0].type",
      message: expect.stringContaining("add a `demand` section"),
    });
  });
  test("a growth reduction on an EHCP placement the flows drive", () => {
    const raw = input({
      mitigations: [
        { id: "g", type: "growthReduction", placements: ["special"], reduction: 0.01, from: 2023 },
      ],
    });
    expect(problems(raw)).toContainEqual({
      path: "mitigations[0].placements",
      message: expect.stringContaining("use newPlansChange or cessationChange"),
    });
  });
  test("new plans of the base year missing, shares not adding up, no base census", () => {
    expect(problems(input({ flows: { newPlans: { 2020: 140 } } }))).toContainEqual({
      path: "demand.newPlans",
      message: expect.stringContaining("calendar year 2021"),
    });
    expect(
      problems(input({}, { newPlans: { growth: 0.1, split: { ...SPLIT, under5: 0.5 } } })),
    ).toContainEqual({
      path: "demand.newPlans.split",
      message: "shares must add up to 1 (they add up to 1.2)",
    });
    expect(problems(input({}, { history: { 2021: HISTORY[2021] } }))).toContainEqual({
      path: "demand.history",
      message: "needs the base census 2022 by age band",
    });
  });
  test("conversionChange needs requests", () => {
    const raw = input({ mitigations: [{ id: "c", type: "conversionChange", change: -0.05, from: 2023 }] });
    expect(problems(raw)).toContainEqual({
      path: "mitigations[0].type",
      message: expect.stringContaining("demand.requests"),
    });
  });
});

describe("demand: estimated inputs", () => {
  test("cessation auto and split estimated come from the history, with the evidence", () => {
    const r = forecast(valid(input({}, { cessation: "auto", newPlans: { growth: 0.1 } })));
    const e = r.demand?.estimates;
    expect(e?.splitEstimated).toBe(true);
    expect(AGE_GROUP_KEYS.reduce((a, b) => a + (e?.split[b] ?? 0), 0)).toBeCloseTo(1, 12);
    expect(e?.cessationEstimate?.level).toBe("common");
    expect(e?.cessationEstimate?.years).toEqual([2022]);
    // 950 + 150 − 1000 = 100 left the stock; 50/6 ≈ 8.33 aged out at 25, so about 92 ceased of 950 − 8.33.
    expect(e?.cessation.age5to10).toBeCloseTo((950 + 150 - 1000 - 50 / 6) / (950 - 50 / 6), 9);
  });
});

describe("demand: requests × conversion", () => {
  test("new plans from requests; conversionChange cuts them and is attributed", () => {
    const raw = input(
      {
        flows: { newPlans: { 2020: 140, 2021: 150 }, requests: { 2020: 280, 2021: 300 } },
        mitigations: [{ id: "conv", type: "conversionChange", change: -0.1, from: 2023 }],
      },
      { requests: { growth: 0.05 } },
    );
    const r = forecast(valid(raw));
    // Conversion defaults to base new plans / base requests = 150 / 300 = 0.5; requests 300 × 1.05 = 315.
    expect(r.demand?.estimates.flow).toBe("requests");
    expect(r.demand?.estimates.conversion).toBe(0.5);
    const newPlans = (f: "unmitigated" | "mitigated") =>
      (r.demand?.rows ?? [])
        .filter((x) => x.forecast === f && x.census === 2023)
        .reduce((a, x) => a + x.newPlans, 0);
    expect(newPlans("unmitigated")).toBeCloseTo(315 * 0.5, 9);
    expect(newPlans("mitigated")).toBeCloseTo(315 * 0.4, 9);
    expect(r.levers[0]?.shapley).toBeGreaterThan(0);
  });
});

describe("demand: what a reader must be told", () => {
  test("an estimated cessation rate outside its range, and rates levers push out of range, are said", () => {
    // Stock falls by far more than cessations could explain: the estimate is clamped at 50%.
    const fall = forecast(
      valid(
        input(
          {
            mitigations: [{ id: "cease", type: "cessationChange", change: -0.6, from: 2023 }],
          },
          {
            history: {
              2021: { under5: 500, age5to10: 900, age11to15: 900, age16to19: 600, age20to25: 300 },
              2022: { under5: 60, age5to10: 330, age11to15: 370, age16to19: 190, age20to25: 50 },
            },
            cessation: "auto",
          },
        ),
      ),
    );
    const warnings = demandWarnings(fall.demand);
    expect(warnings.map((w) => w.path)).toEqual(["demand.cessation", "mitigations"]);
    expect(warnings[0]?.message).toMatch(/^cessation rate [\d.]+% a year is outside 0%–50%: 50\.0% is used/);
    expect(warnings[1]?.message).toMatch(
      /^the levers push \d+ rates of the demand flows out of range in the mitigated forecast, and they are held at the limit \(first: the cessation rate for under5 in 2023, -10% asked, 0% used/,
    );
    expect(demandWarnings(forecast(valid(input())).demand)).toEqual([]);
    expect(demandWarnings(undefined)).toEqual([]);
  });
});

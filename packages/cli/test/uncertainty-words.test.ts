// What the readable uncertainty summary says must be true to the figures it prints: the median
// path is "below" the central forecast only where it prints below it, and each tornado bar's
// better end is the one whose printed balance is higher, whatever kind of assumption it is.
import { TORNADO_BARS, tornadoChart } from "@hnb/charts";
import {
  AGE_GROUP_KEYS,
  type ForecastResult,
  forecast,
  parseScenario,
  type UncertaintyOutput,
  uncertaintyOf,
} from "@hnb/model";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { medianNote, tornadoRowsText } from "../src/commands/uncertainty-words.js";

const ZERO = Object.fromEntries(AGE_GROUP_KEYS.map((b) => [b, 0]));
// Two EHCP placements at the same unit cost, demand as flows, and a growth draw on each: the draws
// move only the mix, which moves no money; new plans' growth is drawn with sd `newPlansSd` ("auto"
// when undefined).
function equalCosts(newPlansSd?: number) {
  const r = parseScenario({
    schema: "hnb-scenario/1",
    name: "Equal unit costs",
    baseYear: 2025,
    horizon: 3,
    phasing: "census",
    openingBalance: 0,
    placements: [
      { id: "a", label: "A", category: "MmSoA", count: 600, unitCost: 10_000, growth: 0.08 },
      { id: "b", label: "B", category: "MdSSA", count: 400, unitCost: 10_000, growth: 0.02 },
    ],
    income: { hnb: { amount: 0 } },
    flows: { newPlans: { 2024: 150 } },
    demand: {
      history: { 2025: { ...ZERO, under5: 300, age5to10: 700 } },
      newPlans: { growth: 0.05, split: { ...ZERO, under5: 0.5, age5to10: 0.5 } },
      cessation: { ...ZERO, under5: 0.05, age5to10: 0.05 },
    },
    uncertainty: {
      growth: { distribution: "normal", sd: 0.1 },
      ...(newPlansSd === undefined ? {} : { newPlansGrowth: { distribution: "normal", sd: newPlansSd } }),
    },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  return { u: uncertaintyOf(r.scenario, { paths: 400, seed: 1 }), result: forecast(r.scenario) };
}

// A summary's final rows with p50 set at a distance from the central forecast, per forecast.
function atDistance(offsets: { unmitigated: number; mitigated?: number }, kinds: string[] = ["growth"]) {
  const central = -50_000_000;
  const forecasts = Object.keys(offsets) as ("unmitigated" | "mitigated")[];
  const u = {
    assumptions: kinds.map((kind) => ({ kind })),
    tornado: { fy: "2027-28", forecast: forecasts.at(-1), rows: [] },
    ledger: forecasts.map((f) => ({
      fy: "2027-28",
      forecast: f,
      measure: "cumulative",
      p10: central - 9e6,
      p50: central + (offsets[f] as number),
      p90: central + 9e6,
    })),
  } as unknown as UncertaintyOutput;
  const ledger = [{ fy: "2027-28", cumulative: central }];
  const result = { unmitigated: { ledger }, mitigated: { ledger } } as unknown as ForecastResult;
  return medianNote(u, result);
}

describe("the note on the median path", () => {
  test("equal unit costs, no new plans spread: p50 is the central forecast, and the note says so", () => {
    const { u, result } = equalCosts(0);
    const last = u.ledger.filter((r) => r.measure === "cumulative" && r.fy === "2027-28");
    // Floating-point noise apart, every path gives the central forecast.
    for (const r of last) {
      const central = result[r.forecast].ledger.at(-1)?.cumulative ?? 0;
      expect(Math.abs(r.p50 - central)).toBeLessThan(1);
    }
    expect(medianNote(u, result)).toBe(
      ": the median path (p50) ends at the central forecast, to the £ thousand",
    );
  });

  test("below only when it prints below: by more than rounding, with the reason where growth is drawn", () => {
    expect(atDistance({ unmitigated: -2_000 })).toBe(
      ": growth compounds, so a higher draw adds more than a lower one saves, and the median path (p50) ends below the central forecast",
    );
    expect(atDistance({ unmitigated: -2_000 }, ["delivery"])).toBe(
      ": the median path (p50) ends below the central forecast",
    );
    // Under half a thousand pounds: the same figure in the table.
    expect(atDistance({ unmitigated: -400 })).toBe(
      ": the median path (p50) ends at the central forecast, to the £ thousand",
    );
    expect(atDistance({ unmitigated: 3_000 })).toBe(
      ": the median path (p50) ends above the central forecast",
    );
    expect(atDistance({ unmitigated: -3_000, mitigated: 0.2 })).toBe(
      ": the median path (p50) ends below the central forecast unmitigated, and ends at the central forecast, to the £ thousand mitigated",
    );
  });

  test("new plans drawn: the bands widen from nothing (equal costs), and the note follows the figures", () => {
    const { u, result } = equalCosts();
    const last = u.ledger.find((r) => r.measure === "cumulative" && r.fy === "2027-28");
    expect(last?.p10).toBeLessThan(last?.p50 ?? Number.NaN);
    expect(last?.p50).toBeLessThan(last?.p90 ?? Number.NaN);
    const central = result.unmitigated.ledger.at(-1)?.cumulative ?? 0;
    const printedBelow = Math.round((last?.p50 ?? 0) / 1000) < Math.round(central / 1000);
    expect(medianNote(u, result).includes("ends below")).toBe(printedBelow);
  });
});

describe("the better end of each tornado bar", () => {
  // The printed figure back to pounds (thousands, deficits in brackets).
  const value = (text: string) => {
    const t = text.trim();
    const n = Number(t.replace(/[(),]/g, ""));
    return t.startsWith("(") ? -n : n;
  };
  const row = fc
    .record({
      central: fc.integer({ min: -300_000_000, max: 300_000_000 }),
      low: fc.integer({ min: -50_000_000, max: 50_000_000 }),
      high: fc.integer({ min: -50_000_000, max: 50_000_000 }),
      kind: fc.constantFrom("growth", "costInflation", "delivery", "newPlans", "cessation"),
    })
    .map(({ central, low, high, kind }) => ({
      kind,
      id: kind,
      label: kind,
      central,
      low: central + low,
      high: central + high,
    }));

  test("the readable table names the end whose printed balance is higher (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = tornadoRowsText(rows as UncertaintyOutput["tornado"]["rows"]);
        for (const [, low, high, , better] of text) {
          const [l, h] = [value(low as string), value(high as string)];
          expect(better).toBe(l === h ? "neither" : l > h ? "p10" : "p90");
        }
      }),
      { numRuns: 200 },
    );
  });

  test("the chart colours each end better or worse by where its balance lies against the central forecast (fast-check)", () => {
    const ctx = { scenario: "Test", baseYear: 2025, source: "Source: test" };
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: TORNADO_BARS }), (rows) => {
        const central = rows[0]?.central ?? 0;
        const labelled = rows.map((r, i) => ({ ...r, label: `A${i}`, central }));
        const c = tornadoChart(labelled, "2027-28", ctx, central);
        const layers = (c.spec as unknown as { vconcat: { layer: { data: { values: unknown[] } }[] }[] })
          .vconcat[0]?.layer;
        const bars = layers?.[0]?.data.values as { label: string; end: string; to: number; effect: string }[];
        for (const b of bars) {
          const r = labelled.find((x) => x.label === b.label);
          expect(b.to).toBe(b.end === "10th" ? r?.low : r?.high);
          if (b.to !== central) expect(b.effect.startsWith(b.to > central ? "Better" : "Worse")).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("a real demand scenario: the better end of every bar, new plans' bar first with equal unit costs", () => {
    const { u } = equalCosts();
    expect(u.tornado.rows[0]?.label).toBe("New EHCPs a year");
    const text = tornadoRowsText(u.tornado.rows);
    expect(text[0]?.[4]).toBe("p10");
    // Equal unit costs: a share of EHCPs moves no money, and neither end is better.
    for (const r of text.slice(1)) {
      expect(r[0]).toMatch(/^Share of EHCPs: /);
      expect(r[4]).toBe("neither");
    }
  });
});

// Place funding, top-ups, recoupment, import/export and the High Needs allocation (issue #18), with
// hand-worked figures for every rule.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  hnbAllocation,
  importExportAdjustment,
  meanTopUp,
  PLACE_FUNDING,
  placeFundedCost,
  reconcileGrossNet,
  recoupment,
  s251Lines,
} from "../../src/compile/place-funding.js";
import { forecast } from "../../src/derive/forecast.js";
import { s251Statement } from "../../src/project/place-costs.js";
import { CATEGORY_CODES } from "../../src/scenario/category.js";
import { baseInput, problems, valid } from "../helpers.js";

const closeAll = (actual: readonly number[], expected: readonly number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, k) => {
    expect(a).toBeCloseTo(expected[k] ?? Number.NaN, 6);
  });
};

describe("default place-funding rates", () => {
  test("the operational guide's rates, with a source and s251 lines for every category", () => {
    expect(PLACE_FUNDING.MdSSA.rate).toBe(10_000);
    expect(PLACE_FUNDING.HspAP.rate).toBe(10_000);
    expect(PLACE_FUNDING.RPSEN.rate).toBe(6_000);
    expect(PLACE_FUNDING.RPSEN.notOnRollRate).toBe(10_000);
    expect(PLACE_FUNDING.P16FE.rate).toBe(6_000);
    expect(PLACE_FUNDING.NMISS.rate).toBeNull();
    expect(PLACE_FUNDING.MmSoA.rate).toBeNull();
    for (const c of CATEGORY_CODES) {
      const d = PLACE_FUNDING[c];
      expect(d.source).toMatch(/High needs funding: 2025 to 2026 operational guide/);
      expect(d.placeLine === null).toBe(d.rate === null);
      for (const line of [d.placeLine, d.topUpLine.maintained, d.topUpLine.academy])
        if (line !== null) expect(Object.keys(s251Lines)).toContain(line);
    }
    expect(s251Lines["1.0.2"]).toMatch(/place funding/i);
    expect(PLACE_FUNDING.NMISS.topUpLine.academy).toBe("1.2.3");
  });
});

describe("place funding and top-ups", () => {
  test("20 new special places filling [0.5, 1]: place funding is paid for the empty half in year 0", () => {
    // FY0: 20 places × £10,000 = £200,000 place funding; half the new places can be filled, so 10 of the
    // 20 pupils are placed and 10 are unplaced; 10 empty places × £10,000 = £100,000 of the £200,000;
    // top-ups 10 × £15,000 = £150,000; total £350,000 (1.0.2 £200,000, 1.2.1 £150,000).
    // FY1: all 20 places fill: £200,000 + 20 × £15,000 = £300,000 → £500,000, nothing empty.
    const r = placeFundedCost({
      category: "MdSSA",
      places: [20, 20],
      placesBefore: 0,
      pupils: [20, 20],
      topUp: 15_000,
      fill: [0.5, 1],
    });
    closeAll(r.capacity, [10, 20]);
    closeAll(r.placed, [10, 20]);
    closeAll(r.unplaced, [10, 0]);
    closeAll(r.emptyPlaces, [10, 0]);
    closeAll(r.placeFunding, [200_000, 200_000]);
    closeAll(r.emptyPlaceCost, [100_000, 0]);
    closeAll(r.topUps, [150_000, 300_000]);
    closeAll(r.total, [350_000, 500_000]);
    expect(Object.keys(r.s251).sort()).toEqual(["1.0.2", "1.2.1"]);
    closeAll(r.s251["1.0.2"] ?? [], [200_000, 200_000]);
    closeAll(r.s251["1.2.1"] ?? [], [150_000, 300_000]);
  });

  test("fewer pupils than places: the empty places still cost their place funding", () => {
    // 30 established places (placesBefore defaults to places[0]), 24 then 30 pupils, top-up £12,000:
    // FY0 300,000 + 24 × 12,000 = 288,000 → 588,000, 6 empty = 60,000; FY1 300,000 + 360,000 = 660,000.
    const r = placeFundedCost({ category: "MdSSA", places: [30, 30], pupils: [24, 30], topUp: 12_000 });
    closeAll(r.emptyPlaces, [6, 0]);
    closeAll(r.emptyPlaceCost, [60_000, 0]);
    closeAll(r.total, [588_000, 660_000]);
  });

  test("banded top-ups in academy resourced provision go to 1.2.2, place funding to 1.0.2", () => {
    // Bands A 50% × £4,000 + B 25% × £8,000 + C 25% × £12,000 = 2,000 + 2,000 + 3,000 = £7,000 a pupil.
    // FY0: 10 places × £6,000 = 60,000; 8 pupils × 7,000 = 56,000 (A 8 × 0.5 × 4,000 = 16,000,
    // B 8 × 0.25 × 8,000 = 16,000, C 8 × 0.25 × 12,000 = 24,000); total 116,000; 2 empty = 12,000.
    // FY1: 60,000 + 10 × 7,000 = 70,000 → 130,000.
    const r = placeFundedCost({
      category: "RPSEN",
      provider: "academy",
      places: [10, 10],
      pupils: [8, 10],
      topUp: [
        { band: "A", share: 0.5, topUp: 4_000 },
        { band: "B", share: 0.25, topUp: 8_000 },
        { band: "C", share: 0.25, topUp: 12_000 },
      ],
    });
    closeAll(r.topUps, [56_000, 70_000]);
    closeAll(r.topUpsByBand.A ?? [], [16_000, 20_000]);
    closeAll(r.topUpsByBand.B ?? [], [16_000, 20_000]);
    closeAll(r.topUpsByBand.C ?? [], [24_000, 30_000]);
    closeAll(r.emptyPlaceCost, [12_000, 0]);
    closeAll(r.total, [116_000, 130_000]);
    closeAll(r.s251["1.0.2"] ?? [], [60_000, 60_000]);
    closeAll(r.s251["1.2.2"] ?? [], [56_000, 70_000]);
    expect(meanTopUp([{ band: "A", share: 1, topUp: 9_000 }])).toBe(9_000);
  });

  test("resourced-provision pupils not on the school's roll take £10,000 a place", () => {
    // 5 places × £10,000 = 50,000 + 5 × £3,000 = 15,000 → 65,000.
    const r = placeFundedCost({ category: "RPSEN", onRoll: false, places: [5], pupils: [5], topUp: 3_000 });
    closeAll(r.total, [65_000]);
  });

  test("academic phasing: FY k pays 5/12 of academic year k-1 and 7/12 of academic year k", () => {
    // Places AY−1 72, AY0 96, AY1 120; pupils 72, 84, 120; £10,000 a place, £12,000 top-up.
    // FY0 places 5/12 × 72 + 7/12 × 96 = 30 + 56 = 86 → £860,000; pupils 30 + 7/12 × 84 = 30 + 49 = 79 →
    // £948,000; 7 empty → £70,000; total £1,808,000.
    // FY1 places 5/12 × 96 + 7/12 × 120 = 40 + 70 = 110 → £1,100,000; pupils 35 + 70 = 105 → £1,260,000;
    // 5 empty → £50,000; total £2,360,000.
    const r = placeFundedCost({
      category: "MdSSA",
      phasing: "academic",
      places: [96, 120],
      placesBefore: 72,
      pupils: [84, 120],
      pupilsBefore: 72,
      topUp: 12_000,
    });
    closeAll(r.places, [86, 110]);
    closeAll(r.placed, [79, 105]);
    closeAll(r.placeFunding, [860_000, 1_100_000]);
    closeAll(r.topUps, [948_000, 1_260_000]);
    closeAll(r.emptyPlaceCost, [70_000, 50_000]);
    closeAll(r.total, [1_808_000, 2_360_000]);
  });

  test("a cut in places closes the newest (emptiest) places first", () => {
    // 10 established places; FY1 opens 20 more filling [0, 0.5, 1]; FY2 cuts 10, taken from the new 20.
    // Capacity: FY0 10; FY1 10 + 20 × 0 = 10; FY2 10 + 10 × 0.5 = 15 (not 0 + 20 × 0.5 = 10).
    // With 100 pupils a year: placed 10, 10, 15; unplaced 90, 90, 85.
    const r = placeFundedCost({
      category: "MdSSA",
      places: [10, 30, 20],
      pupils: [100, 100, 100],
      topUp: 1,
      fill: [0, 0.5, 1],
    });
    closeAll(r.capacity, [10, 10, 15]);
    closeAll(r.placed, [10, 10, 15]);
    closeAll(r.unplaced, [90, 90, 85]);
    closeAll(r.emptyPlaces, [0, 20, 5]);
  });

  test("for any input: pupils placed ≤ capacity ≤ places, and the s251 lines add up to the total", () => {
    const count = fc.integer({ min: 0, max: 300 });
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(count, count), { minLength: 1, maxLength: 8 }),
        fc.array(share, { minLength: 1, maxLength: 4 }),
        count,
        fc.constantFrom("census" as const, "academic" as const),
        (years, fill, placesBefore, phasing) => {
          const r = placeFundedCost({
            category: "MdSSA",
            places: years.map(([p]) => p),
            pupils: years.map(([, n]) => n),
            placesBefore,
            topUp: 15_000,
            fill,
            phasing,
          });
          r.places.forEach((p, k) => {
            const placed = r.placed[k] ?? Number.NaN;
            expect(placed).toBeLessThanOrEqual((r.capacity[k] ?? 0) + 1e-9);
            expect(r.capacity[k]).toBeLessThanOrEqual(p + 1e-9);
            expect(r.emptyPlaceCost[k]).toBeCloseTo((p - placed) * 10_000, 4);
            const lines = Object.values(r.s251).reduce((sum, a) => sum + (a[k] ?? 0), 0);
            expect(lines).toBeCloseTo(r.total[k] ?? Number.NaN, 4);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("without places: a fee or top-up per pupil, every pupil placed, no place funding", () => {
    // Independent: 10 and 12 pupils × £60,000 = 600,000 and 720,000, all on 1.2.3.
    const ind = placeFundedCost({ category: "NMISS", pupils: [10, 12], topUp: 60_000 });
    closeAll(ind.total, [600_000, 720_000]);
    closeAll(ind.placeFunding, [0, 0]);
    closeAll(ind.unplaced, [0, 0]);
    expect(Object.keys(ind.s251)).toEqual(["1.2.3"]);
    // Mainstream academy: 100 pupils × £8,662 top-up above the school's first £6,000 = £866,200 on 1.2.2.
    const main = placeFundedCost({ category: "MmSoA", provider: "academy", pupils: [100], topUp: 8_662 });
    closeAll(main.s251["1.2.2"] ?? [], [866_200]);
  });
});

describe("recoupment", () => {
  test("academy place funding comes off both the allocation and the spend", () => {
    // Recouped: 100 × £10,000 = £1m; 150 × £10,000 = £1.5m.
    // Gross: 50m − 52m = −2m; 55m − 54m = +1m. Net: (50 − 1) − (52 − 1) = −2m; (55 − 1.5) − (54 − 1.5) = +1m.
    const r = recoupment({
      academyPlaces: [100, 150],
      rate: 10_000,
      allocation: [50e6, 55e6],
      spend: [52e6, 54e6],
    });
    closeAll(r.recouped, [1e6, 1.5e6]);
    closeAll(r.net.allocation, [49e6, 53.5e6]);
    closeAll(r.net.spend, [51e6, 52.5e6]);
    closeAll(r.gross.inYear, [-2e6, 1e6]);
    closeAll(r.net.inYear, [-2e6, 1e6]);
    expect(reconcileGrossNet(r)).toEqual([0, 0]);
  });

  test("academic phasing blends the academic-year places as the deductions do", () => {
    // FY0 5/12 × 96 + 7/12 × 120 = 40 + 70 = 110 places; FY1 5/12 × 120 + 7/12 × 180 = 50 + 105 = 155.
    const r = recoupment({
      academyPlaces: [120, 180],
      placesBefore: 96,
      phasing: "academic",
      rate: 10_000,
      allocation: [10e6, 10e6],
      spend: [10e6, 10e6],
    });
    closeAll(r.recouped, [1.1e6, 1.55e6]);
  });

  test("gross and net in-year balances reconcile for any input", () => {
    const year = fc.record({
      places: fc.integer({ min: 0, max: 2_000 }),
      rate: fc.double({ min: 0, max: 20_000, noNaN: true, noDefaultInfinity: true }),
      allocation: fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      extraSpend: fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    });
    fc.assert(
      fc.property(fc.array(year, { minLength: 1, maxLength: 8 }), (ys) => {
        const r = recoupment({
          academyPlaces: ys.map((y) => y.places),
          rate: ys.map((y) => y.rate),
          allocation: ys.map((y) => y.allocation),
          spend: ys.map((y) => y.places * y.rate + y.extraSpend),
        });
        reconcileGrossNet(r).forEach((d, k) => {
          const scale = Math.max(1, Math.abs(r.gross.allocation[k] ?? 0), Math.abs(r.gross.spend[k] ?? 0));
          expect(Math.abs(d)).toBeLessThanOrEqual(1e-12 * scale);
          expect(r.net.allocation[k]).toBeCloseTo((r.gross.allocation[k] ?? 0) - (r.recouped[k] ?? 0), 4);
          expect(r.net.spend[k]).toBeGreaterThanOrEqual(0);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("import/export adjustment", () => {
  test("net imported pupils × £6,000, positive for a net importer", () => {
    // 10 × 6,000 = 60,000; −5 × 6,000 = −30,000; 0.
    expect(importExportAdjustment([10, -5, 0])).toEqual([60_000, -30_000, 0]);
    expect(importExportAdjustment([4], 5_000)).toEqual([20_000]);
  });
});

describe("High Needs allocation: per head × 2–18 population, within floor and cap", () => {
  test("the cap, the floor and neither bind when they should", () => {
    // Base £1,000 a head; floor +7%, cap +10%.
    // FY0: range [1,070, 1,100]; formula 1,200 → cap 1,100 × 100 = 110,000.
    // FY1: range [1,177, 1,210]; formula 1,150 → floor 1,177 × 101 = 118,877.
    // FY2: range [1,259.39, 1,294.70]; formula 1,270 → itself, 1,270 × 102 = 129,540.
    // FY3: range [1,358.90, 1,397.00]; formula 1,380 → itself, 1,380 × 103 = 142,140.
    const r = hnbAllocation({
      basePerHead: 1_000,
      formulaPerHead: [1_200, 1_150, 1_270, 1_380],
      population: [100, 101, 102, 103],
      floor: 0.07,
      cap: 0.1,
    });
    expect(r.bound).toEqual(["cap", "floor", null, null]);
    closeAll(r.perHead, [1_100, 1_177, 1_270, 1_380]);
    closeAll(r.allocation, [110_000, 118_877, 129_540, 142_140]);
  });

  test("a formula exactly on the limit does not count as bound", () => {
    const r = hnbAllocation({
      basePerHead: 1_000,
      formulaPerHead: [1_100],
      population: [1],
      floor: 0,
      cap: 0.1,
    });
    expect(r.bound).toEqual([null]);
  });
});

describe("bad input throws a RangeError naming the field", () => {
  const special = { category: "MdSSA" as const, places: [10, 10], pupils: [10, 10], topUp: 1 };
  test.each([
    ["places[1]", () => placeFundedCost({ ...special, places: [10, -1] })],
    ["pupils", () => placeFundedCost({ ...special, pupils: [10, 10, 10] })],
    ["pupils[0]", () => placeFundedCost({ ...special, pupils: [Number.NaN, 10] })],
    ["rate", () => placeFundedCost({ ...special, rate: [10_000] })],
    ["fill[1]", () => placeFundedCost({ ...special, fill: [0.5, 1.5] })],
    ["placesBefore", () => placeFundedCost({ ...special, placesBefore: -3 })],
    ["onRoll", () => placeFundedCost({ ...special, onRoll: false })],
    ["places", () => placeFundedCost({ category: "NMISS", pupils: [1], topUp: 1, rate: 10_000 })],
    [
      "topUp shares",
      () =>
        placeFundedCost({
          ...special,
          topUp: [
            { band: "A", share: 0.5, topUp: 1 },
            { band: "B", share: 0.4, topUp: 2 },
          ],
        }),
    ],
    ["topUp[0].share", () => placeFundedCost({ ...special, topUp: [{ band: "A", share: -1, topUp: 1 }] })],
    ["allocation", () => recoupment({ academyPlaces: [1, 1], rate: 1, allocation: [1], spend: [1, 1] })],
    ["spend[0]", () => recoupment({ academyPlaces: [10], rate: 10_000, allocation: [1e6], spend: [50_000] })],
    ["academyPlaces[0]", () => recoupment({ academyPlaces: [-1], rate: 1, allocation: [1], spend: [1] })],
    ["netImportedPupils", () => importExportAdjustment([])],
    ["rate", () => importExportAdjustment([1], -6_000)],
    [
      "population",
      () => hnbAllocation({ basePerHead: 1, formulaPerHead: [1, 1], population: [1], floor: 0, cap: 0.1 }),
    ],
    [
      "floor",
      () => hnbAllocation({ basePerHead: 1, formulaPerHead: [1], population: [1], floor: 0.2, cap: 0.1 }),
    ],
    [
      "basePerHead",
      () => hnbAllocation({ basePerHead: -1, formulaPerHead: [1], population: [1], floor: 0, cap: 0.1 }),
    ],
  ])("%s", (field, call) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(new RegExp(`^${field.replace(/[[\].]/g, "\\$&")} `));
  });
});

describe("a placement's own s251 line", () => {
  test("top-ups go to the line the placement names; place funding stays on 1.0.2", () => {
    const r = placeFundedCost({ category: "MdSSA", places: [10], pupils: [10], topUp: 1_000, s251: "1.2.2" });
    expect(Object.keys(r.s251).sort()).toEqual(["1.0.2", "1.2.2"]);
    closeAll(r.s251["1.2.2"] ?? [], [10_000]);
    closeAll(r.s251["1.0.2"] ?? [], [100_000]);
  });
  test("the s251 statement follows it for per-pupil placements (special-school pupils without an EHCP are not mainstream's 1.2.4)", () => {
    const s = valid(
      baseInput({
        horizon: 1,
        placements: [
          {
            id: "special-ns",
            label: "Special, no EHCP",
            category: "NONE",
            count: 10,
            unitCost: 1_000,
            s251: "1.2.1",
          },
          { id: "mainstream-ns", label: "Mainstream, no EHCP", category: "NONE", count: 20, unitCost: 1_000 },
        ],
      }),
    );
    const r = forecast(s);
    const st = s251Statement(r.financialYears, r.unmitigated);
    const line = (code: string) => st.rows.find((x) => x.line === code)?.amounts[0];
    expect(line("1.2.1")).toBeCloseTo(10_000, 6);
    expect(line("1.2.4")).toBeCloseTo(20_000, 6);
    expect(r.unmitigated.placements.find((p) => p.id === "special-ns")?.s251).toBe("1.2.1");
  });
  test("a line that is not an s251 high-needs line is refused with examples", () => {
    expect(
      problems(
        baseInput({
          placements: [{ id: "p", label: "P", category: "NONE", count: 1, unitCost: 1, s251: "9.9.9" }],
        }),
      )[0]?.message,
    ).toMatch(
      /^must be an s251 high-needs line from "1.2.1" to "1.2.13", e.g. "1.2.1" \(top-ups, maintained schools\)/,
    );
  });
});

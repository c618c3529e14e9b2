// Place funding, top-ups, recoupment, import/export and the per-head allocation at the scenario level
// (issue #18): data/place-funding.yaml forecast and checked against figures worked by hand, every rule
// once, plus the gross/net reconciliation as a property.
import { loadScenarioFile } from "@hnb/io";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { forecast, type LedgerRow, parseScenario, type Scenario, s251Statement } from "../../src/index.js";
import { baseInput, problems, valid } from "../helpers.js";

const file = new URL("../../../../data/place-funding.yaml", import.meta.url).pathname;
const scenario: Scenario = valid(await loadScenarioFile(file));
const result = forecast(scenario);
const u = result.unmitigated;
const row = (id: string, fy: string) => {
  const r = u.placeFunding?.find((p) => p.id === id && p.fy === fy);
  if (!r) throw new Error(`no place-funding row ${id} ${fy}`);
  return r;
};
const ledger = (fy: string) => u.ledger.find((l) => l.fy === fy) as LedgerRow;
const close = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 6);

describe("data/place-funding.yaml: 20 new special places from the second year", () => {
  test("base year: 200 places × £10,000 + 200 pupils × £15,000 top-up", () => {
    // 2025-26: place funding 200 × 10,000 = 2,000,000 (s251 1.0.2); top-ups 200 × 15,000 = 3,000,000
    // (1.2.1, maintained); cost 5,000,000; no empty place.
    const r = row("special", "2025-26");
    close(r.placeFunding, 2_000_000);
    close(r.topUps, 3_000_000);
    close(r.cost, 5_000_000);
    close(r.emptyPlaces, 0);
    expect(r.s251).toEqual({ "1.0.2": 2_000_000, "1.2.1": 3_000_000 });
    expect(r.rate).toBe(10_000);
  });

  test("the new places' first year: all 20 are paid for, only half can be filled", () => {
    // 2026-27: 220 places × 10,000 = 2,200,000, paid filled or not. Capacity 200 + 20 × 0.5 = 210;
    // pupils 200 × 1.05 = 210, all placed; 220 − 210 = 10 empty places × 10,000 = 100,000.
    // Top-up 15,000 × 1.02 = 15,300 × 210 = 3,213,000; cost 2,200,000 + 3,213,000 = 5,413,000.
    const r = row("special", "2026-27");
    close(r.places, 220);
    close(r.capacity, 210);
    close(r.pupils, 210);
    close(r.placed, 210);
    close(r.emptyPlaces, 10);
    close(r.placeFunding, 2_200_000);
    close(r.emptyPlaceCost, 100_000);
    close(r.topUps, 3_213_000);
    close(r.cost, 5_413_000);
    close(u.placements.find((p) => p.id === "special" && p.fy === "2026-27")?.cost, 5_413_000);
  });

  test("pupils the places cannot hold are costed at the overflow placement", () => {
    // 2027-28: pupils 200 × 1.05² = 220.5, capacity 220 (the new places are full now): 0.5 unplaced
    // move to independent. Special top-ups 220 × 15,000 × 1.02² = 220 × 15,606 = 3,433,320; cost
    // 2,200,000 + 3,433,320 = 5,633,320. Independent: 60 × 1.03² = 63.654 + 0.5 = 64.154 pupils ×
    // 60,000 × 1.03² = 63,654 → 4,083,658.716.
    const r = row("special", "2027-28");
    close(r.pupils, 220.5);
    close(r.unplaced, 0.5);
    close(r.cost, 5_633_320);
    const ind = u.placements.find((p) => p.id === "independent" && p.fy === "2027-28");
    close(ind?.count, 64.154);
    close(ind?.cost, 4_083_658.716);
    close(u.placements.find((p) => p.id === "special" && p.fy === "2027-28")?.count, 220);
  });

  test("academy resourced provision: £6,000 a place, banded top-ups, s251 1.0.2 and 1.2.2", () => {
    // 2025-26: 42 places × 6,000 = 252,000 (recouped: academy); 40 pupils × 6,800 = 272,000, by band
    // A 40 × 0.5 × 4,000 = 80,000, B 40 × 0.3 × 8,000 = 96,000, C 40 × 0.2 × 12,000 = 96,000;
    // 2 empty places × 6,000 = 12,000; cost 524,000.
    const r = row("resourced", "2025-26");
    expect(r.provider).toBe("academy");
    expect(r.rate).toBe(6_000);
    close(r.placeFunding, 252_000);
    close(r.recouped, 252_000);
    close(r.topUps, 272_000);
    close(r.topUpsByBand?.A, 80_000);
    close(r.topUpsByBand?.B, 96_000);
    close(r.topUpsByBand?.C, 96_000);
    close(r.emptyPlaceCost, 12_000);
    close(r.cost, 524_000);
    expect(r.s251).toEqual({ "1.0.2": 252_000, "1.2.2": 272_000 });
    // 2027-28: 48 places × 6,000 = 288,000 recouped.
    close(row("resourced", "2027-28").recouped, 288_000);
  });

  test("recoupment: gross and net presentations of the ledger", () => {
    // 2025-26: HNB 16,500,000 + import/export 30,000 = income 16,530,000. Expenditure: special
    // 5,000,000 + independent 3,600,000 + resourced 524,000 + mainstream 4,000,000 + post-16
    // 1,200,000 + SEN support 1,500,000 + hospital 400,000 = 16,224,000; in-year +306,000.
    // Net of recoupment (252,000): income 16,278,000, expenditure 15,972,000, in-year +306,000.
    const l = ledger("2025-26");
    close(l.income, 16_530_000);
    close(l.expenditure, 16_224_000);
    close(l.inYear, 306_000);
    expect(l.recoupment).toBe(252_000);
    expect(l.netIncome).toBe(16_278_000);
    expect(l.netExpenditure).toBe(15_972_000);
    expect((l.netIncome ?? 0) - (l.netExpenditure ?? 0)).toBe(l.inYear);
    expect(ledger("2029-30").recoupment).toBe(288_000);
  });

  test("import/export adjustment: 5 net imported pupils × £6,000 = £30,000 of income a year", () => {
    const ie = u.otherIncome.filter((o) => o.id === "import-export");
    expect(ie.map((o) => o.amount)).toEqual([30_000, 30_000, 30_000, 30_000, 30_000]);
    expect(ie[0]?.label).toBe("Import/export adjustment");
    close(ledger("2026-27").otherIncome, 30_000);
  });

  test("the s251 statement puts every pound on a line and adds up to the ledger's expenditure", () => {
    // 2025-26: 1.0.2 = 2,000,000 + 252,000 + post-16's place funding 100 × £6,000 = 600,000 →
    // 2,852,000; 1.2.1 = special 3,000,000 + mainstream 500 × 8,000 = 4,000,000 → 7,000,000; 1.2.2 =
    // 272,000 + post-16's top-ups (FE colleges) 100 × (12,000 − 6,000) = 600,000 → 872,000; 1.2.3 =
    // 60 × 60,000 = 3,600,000; 1.2.5 = 1,500,000; 1.2.6 = 400,000. Total 16,224,000.
    const s = s251Statement(result.financialYears, u);
    const at = (line: string) => s.rows.find((r) => r.line === line)?.amounts[0];
    expect(s.rows.map((r) => r.line)).toEqual(["1.0.2", "1.2.1", "1.2.2", "1.2.3", "1.2.5", "1.2.6"]);
    close(at("1.0.2"), 2_852_000);
    close(at("1.2.1"), 7_000_000);
    close(at("1.2.2"), 872_000);
    close(at("1.2.3"), 3_600_000);
    close(at("1.2.5"), 1_500_000);
    close(at("1.2.6"), 400_000);
    close(s.total[0], 16_224_000);
    s.total.forEach((t, k) => close(t, u.ledger[k]?.expenditure ?? Number.NaN));
    s.net?.forEach((n, k) => close(n, u.ledger[k]?.netExpenditure ?? Number.NaN));
  });

  test("the allocation is typed here, so the result carries no per-head view", () => {
    expect(result.hnbAllocation).toBeUndefined();
  });
});

describe("the HNB allocation per head of the 2–18 population", () => {
  test("base per head from the typed amount, then the formula within floor and cap", () => {
    // Base 16,500,000 / 55,000 = £300 a head. Floor +0.5%, cap +10%.
    // 2026-27: formula 340 > 300 × 1.1 = 330 → cap: 330 × 55,500 = 18,315,000.
    // 2027-28: formula 320 < 330 × 1.005 = 331.65 → floor: 331.65 × 56,000 = 18,572,400.
    // 2028-29: range [333.30825, 364.815]; 350 stands: 350 × 56,500 = 19,775,000.
    // 2029-30: range [351.75, 385]; 360 stands: 360 × 57,000 = 20,520,000.
    const s = valid({
      ...scenario,
      income: {
        ...scenario.income,
        hnb: {
          amount: 16_500_000,
          perHead: {
            population: {
              "2025-26": 55_000,
              "2026-27": 55_500,
              "2027-28": 56_000,
              "2028-29": 56_500,
              "2029-30": 57_000,
            },
            formula: { "2026-27": 340, "2027-28": 320, "2028-29": 350, "2029-30": 360 },
            floor: 0.005,
            cap: 0.1,
          },
        },
      },
    });
    const r = forecast(s);
    expect(r.hnbAllocation?.basis).toBe("per-head");
    expect(r.hnbAllocation?.rows.map((x) => x.bound)).toEqual([null, "cap", "floor", null, null]);
    const expected = [16_500_000, 18_315_000, 18_572_400, 19_775_000, 20_520_000];
    r.unmitigated.ledger.forEach((l, k) => close(l.hnb, expected[k] as number));
    close(r.hnbAllocation?.rows[0]?.perHead, 300);
  });
});

describe("without places nothing changes; a places block without commissioned places is per pupil", () => {
  test("places: { provider } alone costs count × unit cost, as before", () => {
    const plain = {
      id: "m",
      label: "Mainstream",
      category: "MmSoA",
      count: 100,
      unitCost: 8_662,
      growth: 0.1,
    };
    const a = forecast(valid(baseInput({ placements: [plain] })));
    const b = forecast(valid(baseInput({ placements: [{ ...plain, places: { provider: "academy" } }] })));
    expect(b.unmitigated.ledger.map((l) => l.expenditure)).toEqual(
      a.unmitigated.ledger.map((l) => l.expenditure),
    );
    expect(a.unmitigated.placeFunding).toBeUndefined();
    expect(a.unmitigated.ledger[0]?.recoupment).toBeUndefined();
    // Mainstream academy top-ups go to 1.2.2; nothing is recouped without commissioned places.
    expect(b.unmitigated.placeFunding?.[0]?.s251).toEqual({ "1.2.2": 866_200 });
    expect(b.unmitigated.ledger[0]?.recoupment).toBeUndefined();
  });
});

describe("gross and net reconcile for any academy places", () => {
  test("net income − net expenditure equals the in-year balance, and recoupment is academy place funding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 5e7, noNaN: true }),
        (count, places, rate, growth, hnb) => {
          const s = valid(
            baseInput({
              placements: [
                {
                  id: "a",
                  label: "Academy special",
                  category: "MdSSA",
                  count,
                  unitCost: 20_000,
                  growth,
                  places: { commissioned: { 2025: places }, rate, provider: "academy" },
                },
              ],
              income: { hnb: { amount: hnb } },
            }),
          );
          for (const l of forecast(s).unmitigated.ledger) {
            const scale = Math.max(1, Math.abs(l.income), Math.abs(l.expenditure));
            expect(l.recoupment).toBeCloseTo(places * rate, 4);
            expect(
              Math.abs((l.netIncome ?? Number.NaN) - (l.netExpenditure ?? Number.NaN) - l.inYear),
            ).toBeLessThanOrEqual(1e-12 * scale);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("bad input names the field", () => {
  const special = (places: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    baseInput({
      placements: [
        { id: "s", label: "Special", category: "MdSSA", count: 10, unitCost: 7_000, places, ...extra },
        { id: "i", label: "Independent", category: "NMISS", count: 5, unitCost: 50_000 },
      ],
    });
  test.each([
    ["placements[0].places.commissioned", special({ commissioned: { 2026: 10 } }), /base year 2025/],
    [
      'placements[0].places.commissioned["2031"]',
      special({ commissioned: { 2025: 10, 2031: 12 } }),
      /outside/,
    ],
    ["placements[0].places.onRoll", special({ commissioned: { 2025: 10 }, onRoll: false }), /RPSEN/],
    [
      "placements[0].unitCost",
      special({ commissioned: { 2025: 10 }, bands: [{ band: "A", share: 1, topUp: 9_000 }] }),
      /mean top-up, 9000/,
    ],
    [
      "placements[0].places.overflow",
      special({ commissioned: { 2025: 10 }, overflow: "nowhere" }),
      /does not exist/,
    ],
    ["placements[0].places.fill", special({ fill: [0.5] }), /needs commissioned places/],
    ["placements[0].places.fill[0]", special({ commissioned: { 2025: 10 }, fill: [1.5] }), /between 0 and 1/],
    [
      "income.hnb.growth",
      baseInput({
        income: {
          hnb: {
            amount: 1,
            growth: 0.1,
            perHead: {
              population: { "2024-25": 1, "2025-26": 1, "2026-27": 1 },
              formula: { "2025-26": 1, "2026-27": 1 },
              floor: 0,
              cap: 0.1,
            },
          },
        },
      }),
      /cannot be given with perHead/,
    ],
    [
      "income.hnb.perHead.formula",
      baseInput({
        income: {
          hnb: {
            amount: 1,
            perHead: {
              population: { "2024-25": 1, "2025-26": 1, "2026-27": 1 },
              formula: {},
              floor: 0,
              cap: 0.1,
            },
          },
        },
      }),
      /misses 2025-26, 2026-27/,
    ],
    [
      'income.importExport.netImported["2030-31"]',
      baseInput({ income: { hnb: { amount: 1 }, importExport: { netImported: { "2030-31": 3 } } } }),
      /outside the reported years/,
    ],
  ])("%s", (path, raw, message) => {
    const found = problems(raw).find((p) => p.path === path);
    expect(found, JSON.stringify(problems(raw))).toBeDefined();
    expect(found?.message).toMatch(message);
  });

  test("a valid scenario with places parses", () => {
    expect(parseScenario(special({ commissioned: { 2025: 10 }, overflow: "i" })).ok).toBe(true);
  });
});

describe("illustrative inputs of the place-funding sections", () => {
  test("a places, per-head or import/export figure marked illustrative is named in the result", () => {
    expect(result.illustrative).toEqual(
      expect.arrayContaining(["placements.special.places", "placements.resourced.places"]),
    );
    const marked = { source: "illustrative: a guess" };
    const s = valid({
      ...baseInput({}),
      income: {
        hnb: {
          amount: 1e7,
          perHead: {
            population: { "2024-25": 1000, "2025-26": 1000, "2026-27": 1000 },
            formula: { "2025-26": 10_000, "2026-27": 10_500 },
            floor: 0,
            cap: 0.1,
            ...marked,
          },
        },
        importExport: { netImported: { "2025-26": 5 }, ...marked },
      },
    });
    expect(forecast(s).illustrative).toEqual(
      expect.arrayContaining(["income.hnb.perHead", "income.importExport"]),
    );
  });
});

describe("places a reader must not misread", () => {
  // 50 FE places; 50 pupils growing 10% a year: 55 in the first forecast year, 5 the places cannot
  // hold and no overflow placement to take them. Mainstream's places block only names its provider.
  const r = forecast(
    valid(
      baseInput({
        placements: [
          {
            id: "fe",
            label: "FE",
            category: "P16FE",
            count: 50,
            unitCost: 9_000,
            growth: 0.1,
            places: { commissioned: { 2025: 50 } },
          },
          {
            id: "ms",
            label: "Mainstream",
            category: "MmSoA",
            count: 100,
            unitCost: 8_000,
            places: { provider: "academy" },
          },
        ],
        income: { hnb: { amount: 2_000_000 } },
      }),
    ),
  );
  test("a placement paid per pupil has no empty places", () => {
    for (const p of r.unmitigated.placeFunding?.filter((x) => x.id === "ms") ?? [])
      expect(p.emptyPlaces).toBe(0);
  });
  test("pupils the places cannot hold, with no overflow placement, are said to be costed nowhere", () => {
    expect(r.inputWarnings).toEqual([
      {
        path: "placements.fe.places.overflow",
        message:
          "5 pupils the places cannot hold in 2025-26 (10.5 in 2026-27) are costed nowhere: name an overflow placement that takes them, or commission more places",
      },
    ]);
  });
});

// Issue #29: every input figure carries its own source, and a figure without one is illustrative;
// the base year is judged against its allocation, the national spend per EHCP and the lines every
// authority has. Hand-worked cases: each figure below is computed in the comment beside it.
import { describe, expect, test } from "vitest";
import {
  BASE_YEAR_TOLERANCE,
  baseYearWarnings,
  compareScenarios,
  forecast,
  illustrativeInputs,
  NATIONAL_SPEND_PER_EHCP,
  sourceOf,
} from "../../src/index.js";
import { baseInput, problems, valid } from "../helpers.js";

const placement = (extra: Record<string, unknown> = {}) => ({
  id: "special",
  label: "Special",
  category: "MdSSA",
  count: 100,
  unitCost: 25000,
  ...extra,
});

describe("per-figure sources", () => {
  test("a figure's own source wins over the item's; a figure with neither has none", () => {
    expect(sourceOf({ source: "DfE SEN2", sources: { unitCost: "s251 1.2.1" } }, "unitCost")).toBe(
      "s251 1.2.1",
    );
    expect(sourceOf({ source: "DfE SEN2", sources: { unitCost: "s251 1.2.1" } }, "count")).toBe("DfE SEN2");
    expect(sourceOf({ sources: { count: "DfE SEN2" } }, "unitCost")).toBeUndefined();
    expect(sourceOf(undefined, "amount")).toBeUndefined();
  });
  test("an imported count's source never covers a typed unit cost: that figure alone is illustrative", () => {
    const s = valid(
      baseInput({
        openingBalanceSource: "DSG note",
        placements: [placement({ sources: { count: "DfE SEN2 reporting year 2025" } })],
        income: { hnb: { amount: 3_000_000, source: "DSG allocation tables" } },
      }),
    );
    // count sourced; unitCost, costInflation and growth (defaults 0, typed by no one) are not.
    expect(illustrativeInputs(s)).toEqual([
      "placements.special.unitCost",
      "placements.special.costInflation",
      "placements.special.growth",
    ]);
  });
  test("an item whose every figure has no source is listed once, as before sources existed", () => {
    const s = valid(baseInput({ placements: [placement()], income: { hnb: { amount: 1 } } }));
    expect(illustrativeInputs(s)).toEqual(["openingBalance", "placements.special", "income.hnb"]);
  });
  test("a source marked illustrative marks its figure; growth from history is the history's, not a figure", () => {
    const s = valid(
      baseInput({
        openingBalanceSource: "accounts",
        placements: [
          placement({
            growth: { method: "cagr", years: 1 },
            history: { 2024: 90 },
            source: "DfE SEN2",
            sources: { unitCost: "illustrative: national average" },
          }),
        ],
        income: { hnb: { amount: 1, source: "tables" } },
      }),
    );
    expect(illustrativeInputs(s)).toEqual(["placements.special.unitCost"]);
  });
  test("an empty transfer map holds no figure; a typed rate needs its source", () => {
    const sb = (transferRate: Record<string, number>) =>
      valid(
        baseInput({
          openingBalanceSource: "accounts",
          income: {
            hnb: { amount: 1, source: "tables" },
            schoolsBlock: { amount: 100, growth: 0, transferRate, sources: { amount: "t", growth: "t" } },
          },
        }),
      );
    expect(illustrativeInputs(sb({}))).toEqual([]);
    expect(illustrativeInputs(sb({ "2025-26": 0.005 }))).toEqual(["income.schoolsBlock.transferRate"]);
  });
  test("sources names only the item's figures, and a TODO source is not filled in", () => {
    expect(problems(baseInput({ placements: [placement({ sources: { unitcost: "x" } })] }))).toEqual([
      {
        code: "unknown-key",
        path: "placements[0].sources.unitcost",
        message: expect.stringContaining("unknown field (did you mean `unitCost`?)"),
      },
    ]);
    expect(problems(baseInput({ placements: [placement({ sources: { unitCost: "TODO: s251" } })] }))).toEqual(
      [
        {
          code: "not-filled-in",
          path: "placements[0].sources.unitCost",
          message:
            "is not filled in: give where the figure comes from, or delete the entry (the figure is then marked illustrative)",
        },
      ],
    );
  });
});

describe("base-year plausibility", () => {
  // Census phasing, base FY 2024-25: special 100 × £25,000 = £2.5m, mainstream 400 × £5,000 = £2m,
  // INMSS 10 × £60,000 = £0.6m, one line £0.4m: £5.5m of expenditure over 510 EHCPs.
  const scenario = (hnb: number, extra: Record<string, unknown> = {}) =>
    valid(
      baseInput({
        placements: [
          placement(),
          { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 400, unitCost: 5000 },
          { id: "inmss", label: "INMSS", category: "NMISS", count: 10, unitCost: 60000 },
        ],
        lines: [{ id: "sen-support", label: "SEN support", s251: "1.2.5", amount: 400000 }],
        income: { hnb: { amount: hnb } },
        ...extra,
      }),
    );
  const warnings = (hnb: number, extra?: Record<string, unknown>) => {
    const s = scenario(hnb, extra);
    return baseYearWarnings(s, forecast(s).unmitigated.ledger[0]);
  };
  test("an overspend above 15% of the allocation is said with the figures; 15% itself is not", () => {
    // £5.5m against £4.5m: 22% over, £1.0m.
    expect(warnings(4_500_000)).toEqual([
      {
        path: "baseYear.expenditure",
        message: expect.stringContaining(
          "2024-25 expenditure £5.5m is 22% above the High Needs Block allocation £4.5m (an overspend of £1.0m; more than 15% is said)",
        ),
      },
    ]);
    // £5.5m against £4.8m: 14.6% over, within the tolerance.
    expect(BASE_YEAR_TOLERANCE.overspend).toBe(0.15);
    expect(warnings(4_800_000)).toEqual([]);
  });
  test("a surplus above 10% of the allocation is said; a smaller one is not", () => {
    // £5.5m against £6.5m: 15% under, £1.0m.
    expect(warnings(6_500_000)[0]?.message).toContain(
      "2024-25 expenditure £5.5m is 15% below the High Needs Block allocation £6.5m (a surplus of £1.0m",
    );
    expect(warnings(6_000_000)).toEqual([]); // 8.3% under
  });
  test("spend per EHCP outside half to 1.5 times the national allocation per EHCP is said", () => {
    // National: £10.5bn / 638,745 = £16,438 an EHCP. 5,000 more mainstream pupils at £0: £5.5m over
    // 5,510 EHCPs = £998, 0.06 times.
    const national = NATIONAL_SPEND_PER_EHCP.allocation / NATIONAL_SPEND_PER_EHCP.ehcps;
    expect(Math.round(national)).toBe(16438);
    const s = valid(
      baseInput({
        placements: [
          placement(),
          { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 400, unitCost: 5000 },
          { id: "inmss", label: "INMSS", category: "NMISS", count: 10, unitCost: 60000 },
          { id: "cheap", label: "Unfunded", category: "OTHER", count: 5000, unitCost: 0 },
        ],
        lines: [{ id: "sen-support", label: "SEN support", amount: 400000 }],
        income: { hnb: { amount: 5_500_000 } },
      }),
    );
    const w = baseYearWarnings(s, forecast(s).unmitigated.ledger[0]);
    expect(w.map((x) => x.path)).toEqual(["baseYear.spendPerEHCP"]);
    expect(w[0]?.message).toContain(
      "2024-25 expenditure per EHCP is £998 (£5.5m over 5,510 EHCPs), 0.06 times",
    );
    // 510 EHCPs at £5.5m: £10,784, 0.66 times: within.
    expect(warnings(5_500_000)).toEqual([]);
  });
  test("no mainstream top-ups, no independent fees and no lines are each said", () => {
    // 100 pupils at £20,000: £2.0m, £20,000 an EHCP (1.22 times the national: within).
    const s = valid(
      baseInput({ placements: [placement({ unitCost: 20000 })], income: { hnb: { amount: 2_000_000 } } }),
    );
    expect(
      baseYearWarnings(s, forecast(s).unmitigated.ledger[0]).map((w) => w.message.split(":")[0]),
    ).toEqual(["no mainstream top-ups", "no independent special school fees", "no other expenditure lines"]);
  });
  test("without an allocation (a scenario of spending alone) nothing is judged; the result carries them apart", () => {
    expect(warnings(0)).toEqual([]);
    const r = forecast(scenario(4_500_000));
    expect(r.baseYearWarnings.map((w) => w.path)).toEqual(["baseYear.expenditure"]);
    expect(r.inputWarnings).toEqual([]);
  });
});

describe("sources in a comparison", () => {
  test("two scenarios that differ only in a figure's source differ in documentation, not in an input", () => {
    const a = valid(
      baseInput({ placements: [placement({ sources: { unitCost: "s251 outturn 2024-25" } })] }),
    );
    const b = valid(baseInput({ placements: [placement({ sources: { unitCost: "s251 budget 2024-25" } })] }));
    const d = compareScenarios([a, b]).differences[0];
    expect(d?.inputs).toEqual([]);
    expect(d?.textOnly).toEqual(["placements.special"]);
  });
});

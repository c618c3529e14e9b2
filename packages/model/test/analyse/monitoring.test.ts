// In-year monitoring and scenario comparison (issue #19), with hand-worked figures.
import { describe, expect, test } from "vitest";
import {
  compareScenarios,
  forecast,
  monitor,
  monthKey,
  movementSince,
  parseMonitoring,
  runRateWarnings,
} from "../../src/index.js";
import { baseInput, valid } from "../helpers.js";

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 6);

// One placement of 120 pupils at £10,000 (£1.2m a year) and one line of £240,000; census phasing,
// base census 2025 (FY 2024-25), horizon 2, income £1.5m a year, opening balance 0.
const scenario = valid(
  baseInput({
    phasing: "census",
    placements: [{ id: "special", label: "Special", category: "MdSSA", count: 120, unitCost: 10_000 }],
    lines: [{ id: "therapies", label: "Therapies", amount: 240_000 }],
    income: { hnb: { amount: 1_500_000 } },
  }),
);
const result = forecast(scenario);
const file = (extra: Record<string, unknown> = {}) => {
  const r = parseMonitoring({
    schema: "hnb-monitoring/1",
    name: "Q1",
    scenario: "s.yaml",
    fy: "2024-25",
    budget: { special: 1_100_000, therapies: 240_000 },
    actuals: {
      "2024-04": { special: 110_000, therapies: 20_000 },
      "2024-05": { special: 110_000, therapies: 20_000 },
      "2024-06": { special: 110_000, therapies: 20_000 },
    },
    ...extra,
  });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("; "));
  return r.monitoring;
};

describe("monitoring: outturn, variance, movement, and the years after", () => {
  test("outturn = actuals to date + the model's cost for the months to come", () => {
    // special: 3 × 110,000 = 330,000 + 1,200,000 × 9/12 = 900,000 → 1,230,000; budget 1,100,000 → variance 130,000.
    // therapies: 60,000 + 240,000 × 9/12 = 180,000 → 240,000; variance 0.
    const m = monitor(file(), result);
    if (!m.ok) throw new Error("refused");
    const [special, therapies] = m.result.lines;
    expect([special?.actual, special?.remaining, special?.outturn, special?.variance]).toEqual([
      330_000, 900_000, 1_230_000, 130_000,
    ]);
    expect([therapies?.outturn, therapies?.variance]).toEqual([240_000, 0]);
    expect(m.result.total).toMatchObject({ budget: 1_340_000, outturn: 1_470_000, variance: 130_000 });
    expect(m.result.actualsTo).toBe("2024-06");
    expect(m.result.monthsClosed).toBe(3);
  });
  test("the year's balance uses the outturn; later years carry the difference", () => {
    // Model expenditure 1,440,000 a year; outturn 1,470,000: in-year 30,000 instead of 60,000 in 2024-25,
    // and every later cumulative balance 30,000 lower; later in-year balances unchanged (60,000).
    const m = monitor(file(), result);
    if (!m.ok) throw new Error("refused");
    expect(m.result.ledger.map((r) => r.inYear)).toEqual([30_000, 60_000, 60_000]);
    expect(m.result.ledger.map((r) => r.cumulative)).toEqual([30_000, 90_000, 150_000]);
    expect(result.unmitigated.ledger.map((r) => r.cumulative)).toEqual([60_000, 120_000, 180_000]);
  });
  test("movement since the previous report, by line and in total", () => {
    const m = monitor(
      file({ previous: { name: "Budget setting", outturn: { special: 1_180_000, therapies: 250_000 } } }),
      result,
    );
    if (!m.ok) throw new Error("refused");
    expect(m.result.lines.map((l) => l.movement)).toEqual([50_000, -10_000]);
    close(m.result.total.movement ?? 0, 40_000);
  });
  test("a stated profile: the months to come carry their own shares", () => {
    // Shares: 0.1 for each of Apr–Jun, then 0.7 spread evenly over the other nine (0.7/9 each).
    const profile = [0.1, 0.1, 0.1, ...Array(9).fill(0.7 / 9)];
    const m = monitor(file({ profile }), result);
    if (!m.ok) throw new Error("refused");
    close(m.result.lines[0]?.remaining ?? 0, 1_200_000 * 0.7);
  });
  test("bad input: months out of order, months not yet due, lines the scenario lacks, a missing budget, a year not reported", () => {
    const problems = (m: ReturnType<typeof file> | Record<string, unknown>) => {
      const r = monitor(m as ReturnType<typeof file>, result);
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    const base = file();
    const month = { special: 1, therapies: 1 };
    expect(problems({ ...base, actuals: { "2024-05": month, "2024-04": month } })).toEqual([
      'actuals["2024-04"]: is listed after 2024-05: list the months in order from 2024-04',
    ]);
    expect(problems({ ...base, actuals: { "2024-04": month, "2024-06": month, "2024-08": month } })).toEqual([
      "actuals: has no 2024-05, 2024-07: months run from 2024-04 with none missing (give 0 for a line with no spend)",
    ]);
    expect(problems({ ...base, actuals: { "2025-04": { special: 1 } } })).toEqual([
      'actuals["2025-04"]: is not a month of 2024-25 (2024-04 to 2025-03)',
    ]);
    expect(problems({ ...base, budget: { special: 1, therapy: 2 } })).toEqual([
      'budget.therapy: line "therapy" is not a placement, line or staffing id of the scenario',
      'budget.therapies: is missing: the scenario costs "therapies" in 2024-25; give its budget (0 if none was set)',
    ]);
    // A year not reported is the one problem: the lines it would check against do not exist.
    expect(problems({ ...base, fy: "2030-31" })).toEqual([
      "fy: 2030-31 is not a year the scenario reports (2024-25 to 2026-27)",
    ]);
  });
  test("bad input: a closed month that leaves a line out (it would count as £0 spent)", () => {
    const r = monitor(
      file({
        actuals: {
          "2024-04": { special: 110_000, therapies: 20_000 },
          "2024-05": { therapies: 20_000 },
          "2024-06": {},
        },
      }),
      result,
    );
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `actuals["2024-05"]: gives no spend for "special": give each line's spend in a closed month (0 if none)`,
      `actuals["2024-06"]: gives no spend for "special", "therapies": give each line's spend in a closed month (0 if none)`,
    ]);
  });
  test("bad input in the file: a negative budget, a figure that is not a number, an unknown field", () => {
    const problems = (extra: Record<string, unknown>) => {
      const r = parseMonitoring({
        schema: "hnb-monitoring/1",
        name: "Q1",
        scenario: "s.yaml",
        fy: "2024-25",
        budget: { special: 1_100_000, therapies: 240_000 },
        ...extra,
      });
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ budget: { special: -1, therapies: 0 } })).toEqual([
      "budget.special: must be £0 or more: a budget for spending",
    ]);
    expect(problems({ budget: { special: "TBC", therapies: 0 } })).toEqual([
      'budget.special: expected an amount in £ as a plain number (monitoring files take no formulas), got "TBC"',
    ]);
    expect(problems({ bogus: 1 })[0]).toMatch(/^bogus: unknown field; known fields here: schema, name/);
    expect(problems({ name: undefined })).toEqual(["name: is required"]);
    expect(problems({ profile: "lumpy" })).toEqual([
      'profile: must be "even" or a list of twelve shares from 0 to 1 (April first) adding up to 1: a month of 8.33% is 0.0833',
    ]);
    // A month's actuals may be a credit.
    expect(problems({ actuals: { "2024-04": { special: -5_000, therapies: 0 } } })).toEqual([]);
  });
  test("bad input: months not yet closed by the caller's clock (the engine reads none)", () => {
    const r = monitor(file(), result, { today: "2024-05" });
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'actuals["2024-05"]: 2024-05 to 2024-06 have not closed yet (this month is 2024-05): give actuals for closed months only',
    ]);
    expect(monitor(file(), result, { today: "2024-07" }).ok).toBe(true);
  });
  test("bad input: spend on a line with no budget and no model cost would be in no row", () => {
    const s2 = valid(
      baseInput({
        phasing: "census",
        placements: [{ id: "special", label: "Special", category: "MdSSA", count: 120, unitCost: 10_000 }],
        lines: [
          { id: "therapies", label: "Therapies", amount: 240_000 },
          { id: "neet", label: "NEET", amount: 0 },
        ],
        income: { hnb: { amount: 1_500_000 } },
      }),
    );
    const spent = (neet: number) =>
      file({
        actuals: {
          "2024-04": { special: 110_000, therapies: 20_000, neet },
          "2024-05": { special: 110_000, therapies: 20_000 },
        },
      });
    const r = monitor(spent(50_000), forecast(s2));
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'budget.neet: is missing: 2024-04 has spend on "neet", which the scenario does not cost in 2024-25; give its budget (0 if none was set) so the spend is in the table',
      'actuals["2024-05"]: gives no spend for "neet": give each line\'s spend in a closed month (0 if none)',
    ]);
    // A zero is no spend: nothing to table.
    expect(monitor(spent(0), forecast(s2)).ok).toBe(true);
    // With a budget the spend is a row and in the outturn: 50,000 + 0 for the rest of the year.
    const budgeted = monitor(
      {
        ...spent(50_000),
        budget: { special: 1_100_000, therapies: 240_000, neet: 0 },
        actuals: { "2024-04": { special: 110_000, therapies: 20_000, neet: 50_000 } },
      },
      forecast(s2),
    );
    if (!budgeted.ok) throw new Error("refused");
    expect(budgeted.result.lines.find((l) => l.id === "neet")).toMatchObject({
      actual: 50_000,
      outturn: 50_000,
    });
    expect(budgeted.result.warnings).toContain(
      "NEET: spent £50k to 2024-04 but the model costs it nothing in the year: the rest of the year is forecast at £0",
    );
  });
  test("bad input: a previous outturn block must give every line of the table, and only those", () => {
    const problems = (outturn: Record<string, number>) => {
      const r = monitor(file({ previous: { name: "Q1", outturn } }), result);
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ special: 1_180_000 })).toEqual([
      'previous.outturn: gives no outturn for "therapies": give each line\'s outturn in Q1 (0 if it had none)',
    ]);
    expect(problems({ special: 1, therapies: 2, therapy: 3 })).toEqual([
      'previous.outturn.therapy: line "therapy" is not a placement, line or staffing id of the scenario',
    ]);
  });
  test("movement since an earlier report's table: a line only one of the two has is named, not dropped or read as 0", () => {
    const m = monitor(file(), result);
    if (!m.ok) throw new Error("refused");
    const earlier = {
      name: "Q1",
      lines: [
        { id: "special", outturn: 1_200_000 },
        { id: "neet", outturn: 150_000 },
      ],
    };
    expect(movementSince(m.result, earlier)).toEqual({ ok: false, missing: ["neet"], absent: ["therapies"] });
    // A line the earlier report does not give is named too (issue #33): counted as moving from £0,
    // its whole outturn would show as movement, as a previous: block leaving it out is refused.
    expect(movementSince(m.result, { name: "Q1", lines: [{ id: "special", outturn: 1_200_000 }] })).toEqual({
      ok: false,
      missing: [],
      absent: ["therapies"],
    });
    // The total is the sum of the rows.
    const since = movementSince(m.result, {
      name: "Q1",
      lines: [
        { id: "special", outturn: 1_200_000 },
        { id: "therapies", outturn: 0 },
      ],
    });
    if (!since.ok) throw new Error("refused");
    expect(since.result.lines.map((l) => l.movement)).toEqual([30_000, 240_000]);
    expect(since.result.total.movement).toBe(270_000);
    expect(since.result.previous).toBe("Q1");
  });
  test("the monitored year's parts still add up to its expenditure", () => {
    const m = monitor(file(), result);
    if (!m.ok) throw new Error("refused");
    const r = m.result.ledger[0];
    // special outturn 1,230,000 (model 1,200,000); therapies 240,000 (model 240,000).
    expect([r?.placementCost, r?.lineCost, r?.expenditure]).toEqual([1_230_000, 240_000, 1_470_000]);
    for (const row of m.result.ledger)
      close(row.expenditure, row.placementCost + row.lineCost + row.staffingCost + row.implementationCost);
  });
  test("spend to date running from the model is flagged with the year-to-date outturn; within 5% it is not", () => {
    // special: 330,000 to June against the model's 1,200,000 × 3/12 = 300,000: 10.0% above; at that
    // rate 330,000 / 0.25 = 1,320,000, not 1,230,000. therapies: 60,000 against 60,000: not flagged.
    const m = monitor(file(), result);
    if (!m.ok) throw new Error("refused");
    expect(m.result.warnings).toEqual([
      "Special: spent £330k to 2024-06, 10.0% above the model's £300k for those months; at the year-to-date rate the outturn would be £1,320k, not £1,230k",
    ]);
    expect(runRateWarnings("Special", 314_000, 1_200_000, 0.25, 0.75, "2024-06")).toEqual([]);
    expect(runRateWarnings("Special", -5_000, 1_200_000, 0.25, 0.75, "2024-06")[0]).toBe(
      "Special: spend to 2024-06 is below zero (£(5)k): credits larger than the spend; check the actuals",
    );
    // Once the year has closed there is no rest of the year to question.
    expect(runRateWarnings("Special", 2_000_000, 1_200_000, 1, 0, "2025-03")).toEqual([]);
  });
  test("the run-rate check: judged on the printed percentage, spend where the profile expects none, small sums left alone", () => {
    // 340,200 against 324,000 and 3,123,750 against 2,975,000 are both 5.0% above: neither is flagged.
    expect(runRateWarnings("AP", 340_200, 648_000, 0.5, 0.5, "2021-09")).toEqual([]);
    expect(runRateWarnings("INMSS", 3_123_750, 11_900_000, 0.25, 0.75, "2021-06")).toEqual([]);
    expect(runRateWarnings("AP", 341_000, 648_000, 0.5, 0.5, "2021-09")[0]).toContain("5.2% above");
    // The profile puts none of the cost in the closed months, yet money was spent.
    expect(runRateWarnings("Special", 500_000, 1_200_000, 0, 1, "2024-06")).toEqual([
      "Special: spent £500k to 2024-06, months in which the profile expects none of its cost: check the profile",
    ]);
    // Under £1,000 on a line the model does not cost: not worth a line that prints "£0k".
    expect(runRateWarnings("NEET", 400, 0, 0.5, 0.5, "2021-09")).toEqual([]);
  });
  test("a profile typed to four places is scaled to add up to 1 and said; percentages are refused with the right unit", () => {
    const m = monitor(file({ profile: Array(12).fill(0.0833) }), result);
    if (!m.ok) throw new Error(m.problems.map((p) => p.message).join("; "));
    expect(m.result.warnings[0]).toBe(
      "profile: the twelve shares add up to 0.9996; each was scaled to make them add up to 1",
    );
    // Scaled, the nine months to come carry 9/12 of the cost, as an even profile would.
    close(m.result.lines[0]?.remaining ?? 0, 900_000);
    const pct = parseMonitoring({
      schema: "hnb-monitoring/1",
      name: "Q1",
      scenario: "s.yaml",
      fy: "2024-25",
      budget: { special: 1 },
      profile: Array(12).fill(8.33),
    });
    expect(pct.ok ? [] : pct.problems.map((p) => `${p.path}: ${p.message}`)).toContain(
      "profile: each share must be from 0 to 1: a month of 8.33% is 0.0833",
    );
  });
  test("months out of order and missing are both said", () => {
    const month = { special: 1, therapies: 1 };
    const r = monitor({ ...file(), actuals: { "2024-06": month, "2024-04": month } }, result);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'actuals["2024-04"]: is listed after 2024-06: list the months in order from 2024-04',
      "actuals: has no 2024-05: months run from 2024-04 with none missing (give 0 for a line with no spend)",
    ]);
  });
  test("a name in two lists of the scenario is asked for with its list", () => {
    const s2 = valid(
      baseInput({
        phasing: "census",
        placements: [
          { id: "hospital", label: "Hospital pupils", category: "HspAP", count: 10, unitCost: 10_000 },
        ],
        lines: [{ id: "hospital", label: "Hospital education", amount: 240_000 }],
        income: { hnb: { amount: 1_500_000 } },
      }),
    );
    const r = monitor(file({ budget: { hospital: 1 }, actuals: {} }), forecast(s2));
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)[0]).toBe(
      'budget.hospital: line "hospital" is in more than one list of the scenario: name it "placements.hospital" or "lines.hospital"',
    );
  });
  test("month keys run April to March across the calendar year", () => {
    expect(monthKey("2021-22", 0)).toBe("2021-04");
    expect(monthKey("2021-22", 8)).toBe("2021-12");
    expect(monthKey("2021-22", 9)).toBe("2022-01");
    expect(monthKey("2021-22", 11)).toBe("2022-03");
  });
});

describe("comparison: the input differences split the difference in the final balance exactly", () => {
  // A: 100 pupils × £10,000, horizon 1 (FY 2024-25, 2025-26), income £1m a year. B: 110 pupils, and a
  // lever halving the unit cost from 2025-26. Final balances over the two years: A −0; count only
  // −200,000; lever only +500,000; both +350,000 (costs 1,100,000 + 550,000 against 2,000,000).
  const a = valid(
    baseInput({
      horizon: 1,
      phasing: "census",
      placements: [{ id: "p", label: "P", category: "MdSSA", count: 100, unitCost: 10_000 }],
      income: { hnb: { amount: 1_000_000 } },
    }),
  );
  const b = valid({
    ...a,
    placements: [{ ...a.placements[0], count: 110 }],
    mitigations: [
      {
        id: "half",
        type: "unitCostChange",
        placements: ["p"],
        change: -0.5,
        fromFY: "2025-26",
        confidence: 1,
      },
    ],
  });
  test("Shapley shares of two interacting inputs, by hand", () => {
    const c = compareScenarios([a, b], ["A", "B"]);
    const d = c.differences[0];
    close(d?.total ?? 0, 350_000);
    const share = (input: string) => d?.inputs.find((i) => i.input === input)?.share ?? Number.NaN;
    // count: ½(−200,000 + (350,000 − 500,000)) = −175,000; lever: ½(500,000 + (350,000 + 200,000)) = 525,000.
    close(share("placements.p"), -175_000);
    close(share("mitigations.half"), 525_000);
    expect(d?.inputs.find((i) => i.input === "mitigations.half")?.change).toBe("added");
    expect(d?.inputs.find((i) => i.input === "placements.p")?.change).toBe("count 100 → 110");
    // A map's changed entries by key: one year's transfer rate, with both values.
    const withRate = (rate: number) =>
      valid({
        ...a,
        income: { ...a.income, schoolsBlock: { amount: 10_000_000, transferRate: { "2025-26": rate } } },
      });
    const t = compareScenarios([withRate(0.005), withRate(0)], ["A", "T"]).differences[0];
    expect(t?.inputs[0]?.change).toBe("transfer rate 2025-26: 0.5% → 0%");
    expect(t?.inputs[0]?.label).toBe("Schools Block and its transfer");
    // 0.5% of £10m in 2025-26: £50,000 less income.
    close(t?.inputs[0]?.share ?? 0, -50_000);
  });
  test("every input that enters the forecast is one, wherever it sits (the import/export adjustment was left out)", () => {
    // 5 net imported pupils × £6,000 in each of the two years: £60,000 more income by 2025-26.
    const c = valid({
      ...a,
      income: { ...a.income, importExport: { netImported: { "2024-25": 5, "2025-26": 5 } } },
    });
    const d = compareScenarios([a, c], ["A", "C"]).differences[0];
    close(d?.total ?? 0, 60_000);
    expect(d?.inputs.map((i) => [i.input, i.change])).toEqual([["income.importExport", "added"]]);
    close(d?.inputs[0]?.share ?? 0, 60_000);
  });
  test("a label or source change is no input; a lever with the placement it needs is taken with it", () => {
    const relabelled = valid({
      ...a,
      placements: [{ ...a.placements[0], label: "Renamed", source: "new paper" }],
    });
    const text = compareScenarios([a, relabelled], ["A", "R"]).differences[0];
    expect(text?.inputs).toEqual([]);
    expect(text?.textOnly).toEqual(["placements.p"]);
    // B2 adds a placement and a lever that moves pupils into it: neither can be taken alone.
    const b2 = valid({
      ...a,
      placements: [
        ...a.placements,
        { id: "local", label: "Local", category: "MdSSA", count: 0, unitCost: 5_000 },
      ],
      mitigations: [
        {
          id: "move",
          type: "placementShift",
          fromPlacement: "p",
          toPlacement: "local",
          moves: { 2026: 10 },
          confidence: 1,
        },
      ],
    });
    const d = compareScenarios([a, b2], ["A", "B2"]).differences[0];
    expect(d?.inputs.map((i) => i.input)).toEqual(["mitigations.move + placements.local"]);
    // 10 pupils moved from £10,000 to £5,000 places from the 2026 census (FY 2025-26): £50,000.
    close(d?.total ?? 0, 50_000);
    close(d?.inputs[0]?.share ?? 0, 50_000);
  });
  test("scenarios over different years are refused", () => {
    expect(() => compareScenarios([a, valid({ ...a, baseYear: 2026 })], ["A", "C"])).toThrow(
      "C has base year 2026 and horizon 1, A 2025 and 1: compare scenarios over the same years",
    );
  });
});

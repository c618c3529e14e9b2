// The High Needs Stability Grant (spec §11), worked by hand. Every expected figure is computed in
// the comments from the scenario below, so a reader can check it with a calculator.
//
// Base census 2025 (FY 2024-25), horizon 3 (to 2027-28), census phasing, opening balance −£10.0m.
// One placement: 100 special places at £100,000, growing 10% a year, no inflation; HNB £9.0m flat.
// Unmitigated costs: 2024-25 £10.0m, 2025-26 £11.0m, 2026-27 £12.1m, 2027-28 £13.31m, so in-year
// balances before any grant are −1.0m, −2.0m, −3.1m, −4.31m.
// Levers: `early` cuts unit costs 10% from 2025-26; `late` cuts them another 10% from 2026-27.
import { describe, expect, test } from "vitest";
import { forecast, stabilityGrantAmount } from "../../src/index.js";
import { problems, valid } from "../helpers.js";

const close = (actual: number | undefined, expected: number) => expect(actual).toBeCloseTo(expected, 4);

function scenario(grant: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) {
  return {
    schema: "hnb-scenario/1",
    name: "Stability Grant by hand",
    baseYear: 2025,
    horizon: 3,
    phasing: "census",
    openingBalance: -10_000_000,
    placements: [
      { id: "special", label: "Special", category: "MdSSA", count: 100, unitCost: 100_000, growth: 0.1 },
    ],
    income: {
      hnb: { amount: 9_000_000, growth: 0 },
      ...(grant ? { stabilityGrant: grant } : {}),
    },
    mitigations: [
      { id: "early", type: "unitCostChange", placements: ["special"], change: -0.1, fromFY: "2025-26" },
      { id: "late", type: "unitCostChange", placements: ["special"], change: -0.1, fromFY: "2026-27" },
    ],
    statutoryOverride: { usableReserves: 20_000_000 },
    ...extra,
  };
}

const CONDITION = "DfE approval of the local SEND reform plan";
const cumulative = (r: ReturnType<typeof forecast>, which: "unmitigated" | "mitigated") =>
  r[which].ledger.map((row) => row.cumulative);

describe("spec §11: the grant is share × each forecast's own closing deficit, income of paidIn", () => {
  const r = forecast(valid(scenario({ condition: CONDITION })));

  test("unmitigated: 0.9 × £13.0m = £11.7m in 2026-27; the balance ends 2027-28 at −£8.71m", () => {
    // Cumulative −11.0m, −13.0m; then −13.0 − 3.1 + 11.7 = −4.4m; then −4.4 − 4.31 = −8.71m.
    const row = r.stabilityGrant?.find((g) => g.forecast === "unmitigated");
    close(row?.closingBalance, -13_000_000);
    close(row?.eligibleDeficit, 13_000_000);
    close(row?.amount, 11_700_000);
    expect(row).toMatchObject({ deficitFY: "2025-26", paidIn: "2026-27", share: 0.9, condition: CONDITION });
    expect(row?.eligibleGiven).toBe(false);
    const u = cumulative(r, "unmitigated");
    [-11_000_000, -13_000_000, -4_400_000, -8_710_000].forEach((v, k) => close(u[k], v));
    expect(r.unmitigated.ledger.map((l) => l.stabilityGrant)).toEqual([0, 0, row?.amount, 0]);
    // The grant is income: income = HNB + grant in 2026-27.
    close(r.unmitigated.ledger[2]?.income, 9_000_000 + 11_700_000);
  });

  test("mitigated: its own deficit, 0.9 × £11.9m = £10.71m; the balance ends at −£3.7721m", () => {
    // Costs 10.0m, 11.0 × 0.9 = 9.9m, 12.1 × 0.81 = 9.801m, 13.31 × 0.81 = 10.7811m.
    // Cumulative −11.0m, −11.9m, −11.9 + 9.0 − 9.801 + 10.71 = −1.991m, −1.991 − 1.7811 = −3.7721m.
    close(r.stabilityGrant?.find((g) => g.forecast === "mitigated")?.amount, 10_710_000);
    const m = cumulative(r, "mitigated");
    [-11_000_000, -11_900_000, -1_991_000, -3_772_100].forEach((v, k) => close(m[k], v));
  });

  test("a saving before the end of 2025-26 lowers the grant by 90p in the pound; one after does not", () => {
    // early saves £1.1m in 2025-26, so the grant falls by 0.9 × 1.1m = £0.99m; late starts 2026-27.
    const early = r.levers.find((l) => l.id === "early");
    const late = r.levers.find((l) => l.id === "late");
    close(early?.stabilityGrantEffect?.sequential, -990_000);
    close(early?.stabilityGrantEffect?.shapley, -990_000);
    close(late?.stabilityGrantEffect?.shapley, 0);
    // early alone: cumulative −11.0, −11.9, −11.9 + 9.0 − 10.89 + 10.71 = −3.08, −3.08 − 2.979 = −6.059m,
    // so its sequential saving is −6.059 − (−8.71) = £2.651m, net of the grant; before the grant it
    // is 1.1 + 1.21 + 1.331 = £3.641m of lower spending.
    close(early?.sequential, 2_651_000);
    close(early?.beforeGrant?.sequential, 3_641_000);
    // The levers, net of the grant, still add up to mitigated minus unmitigated.
    const gap = (cumulative(r, "mitigated")[3] ?? 0) - (cumulative(r, "unmitigated")[3] ?? 0);
    close(
      r.levers.reduce((a, l) => a + l.sequential, 0),
      gap,
    );
    close(
      r.levers.reduce((a, l) => a + l.shapley, 0),
      gap,
    );
    // The grant is no lever when both forecasts receive it.
    expect(r.levers.map((l) => l.id)).toEqual(["early", "late"]);
  });

  test("the position on 31 March 2028 with and without the grant, and what no grant covers", () => {
    const o = r.statutoryOverride;
    expect(o.fy).toBe("2027-28");
    expect(o.stabilityGrant?.accruedFrom).toBe("2026-27");
    const u = o.stabilityGrant?.unmitigated;
    close(u?.withGrant, -8_710_000);
    close(u?.withoutGrant, -8_710_000 - 11_700_000);
    close(u?.historicRemaining, -13_000_000 + 11_700_000);
    // 2026-27 and 2027-28 in-year, the grant left out: −3.1m − 4.31m = −7.41m; 7.41 / 20 of reserves.
    close(u?.accruedSince, -7_410_000);
    close(u?.accruedShareOfReserves, 7.41 / 20);
    close(u?.withoutGrantShareOfReserves, 20.41 / 20);
    const m = o.stabilityGrant?.mitigated;
    close(m?.accruedSince, -9_801_000 - 10_781_100 + 18_000_000);
    expect(o.laterYears).toEqual([]);
  });

  test("the same figure through the exported formula", () => {
    expect(
      stabilityGrantAmount({ share: 0.9, eligibleDeficit: undefined, excluded: 0 }, -13_000_000),
    ).toBeCloseTo(11_700_000, 6);
    expect(stabilityGrantAmount({ share: 0.9, eligibleDeficit: undefined, excluded: 0 }, 5_000_000)).toBe(0);
  });
});

describe("spec §11 options", () => {
  test("a given eligible deficit is used by both forecasts, whatever their balances", () => {
    const r = forecast(valid(scenario({ condition: CONDITION, eligibleDeficit: 12_000_000 })));
    for (const g of r.stabilityGrant ?? []) {
      close(g.amount, 10_800_000);
      expect(g.eligibleGiven).toBe(true);
    }
    // No lever changes the grant then.
    for (const l of r.levers) close(l.stabilityGrantEffect?.shapley, 0);
  });

  test("the excluded non-High-Needs deficit comes off each forecast's own", () => {
    const r = forecast(valid(scenario({ condition: CONDITION, excluded: 1_000_000, share: 0.5 })));
    // 0.5 × (13.0 − 1.0) = £6.0m unmitigated; 0.5 × (11.9 − 1.0) = £5.45m mitigated.
    close(r.stabilityGrant?.find((g) => g.forecast === "unmitigated")?.amount, 6_000_000);
    close(r.stabilityGrant?.find((g) => g.forecast === "mitigated")?.amount, 5_450_000);
  });

  test("paid with the plan only: a funding lever of its own, and the levers still add up", () => {
    const r = forecast(valid(scenario({ condition: CONDITION, forecasts: "mitigated" })));
    expect(r.stabilityGrant?.map((g) => g.forecast)).toEqual(["mitigated"]);
    // Unmitigated receives nothing: −11.0, −13.0, −16.1, −20.41m.
    close(cumulative(r, "unmitigated")[3], -20_410_000);
    close(cumulative(r, "mitigated")[3], -3_772_100);
    const grant = r.levers.find((l) => l.id === "stabilityGrant");
    expect(grant).toMatchObject({ kind: "funding", type: "stabilityGrant" });
    // Declared last, its sequential share is the whole £10.71m the mitigated forecast receives.
    close(grant?.sequential, 10_710_000);
    const gap = 20_410_000 - 3_772_100;
    close(
      r.levers.reduce((a, l) => a + l.shapley, 0),
      gap,
    );
    close(r.leverTotals.funding.sequential, 10_710_000);
    expect(r.statutoryOverride.stabilityGrant?.unmitigated).toBeUndefined();
    // By ledger side: the grant's lever brings the grant on the unmitigated deficit, 0.9 × £13.0m;
    // early's saving before 2026-27 lowers it by 0.9 × £1.1m, as when both forecasts receive it.
    close(grant?.side.shapley, 11_700_000);
    close(r.levers.find((l) => l.id === "early")?.stabilityGrantEffect?.shapley, -990_000);
    close(grant?.stabilityGrantEffect?.shapley, 0);
    close(r.leverTotals.bySide.stabilityGrant?.shapley, 10_710_000 - 11_700_000);
  });

  test("deficitFY the year before the base: the opening balance is its closing deficit", () => {
    const r = forecast(valid(scenario({ condition: CONDITION, deficitFY: "2023-24", paidIn: "2024-25" })));
    close(r.stabilityGrant?.[0]?.amount, 9_000_000);
    close(r.unmitigated.ledger[0]?.cumulative, -10_000_000 - 1_000_000 + 9_000_000);
  });

  test("an authority in surplus at the end of deficitFY receives nothing", () => {
    const r = forecast(valid(scenario({ condition: CONDITION }, { openingBalance: 50_000_000 })));
    for (const g of r.stabilityGrant ?? []) expect(g.amount).toBe(0);
  });

  test("a scenario without the grant has no grant column, rows or lever fields", () => {
    const r = forecast(valid(scenario(undefined)));
    expect(r.stabilityGrant).toBeUndefined();
    expect("stabilityGrant" in (r.unmitigated.ledger[0] ?? {})).toBe(false);
    expect(r.levers[0]?.stabilityGrantEffect).toBeUndefined();
    expect(r.statutoryOverride.stabilityGrant).toBeUndefined();
  });

  test("a plan DfE has not approved earns no grant, and the output says why", () => {
    const r = forecast(
      valid(scenario({ condition: CONDITION }, { plan: { name: "Plan", status: "not-approved" } })),
    );
    expect(r.stabilityGrant).toBeUndefined();
    close(cumulative(r, "unmitigated")[3], -20_410_000);
    expect(r.inputWarnings.map((w) => w.path)).toContain("plan.status");
    expect(r.statutoryOverride.stabilityGrant).toBeUndefined();
  });

  test("an eligible deficit above the forecast's own is flagged: DfE uses the lowest figure", () => {
    const r = forecast(valid(scenario({ condition: CONDITION, eligibleDeficit: 50_000_000 })));
    expect(
      r.inputWarnings.find((w) => w.path === "income.stabilityGrant.eligibleDeficit")?.message,
    ).toContain("more than this forecast's own High Needs deficit at the end of 2025-26 (£13,000,000)");
  });

  test("the plan's name is carried through", () => {
    const r = forecast(
      valid(
        scenario(
          { condition: CONDITION },
          { plan: { name: "Anytown local SEND reform plan", status: "submitted" } },
        ),
      ),
    );
    expect(r.plan).toEqual({ name: "Anytown local SEND reform plan", status: "submitted" });
  });
});

describe("bad input: each refused naming its field", () => {
  const at = (grant: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    problems(scenario(grant, extra)).map((p) => `${p.path}: ${p.message}`);

  test("a missing condition", () => {
    expect(at({})).toContainEqual(expect.stringMatching(/^income\.stabilityGrant\.condition: is required/));
  });
  test("a share outside (0, 1]", () => {
    expect(at({ condition: CONDITION, share: 0 })).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.share: .*above 0/),
    );
    expect(at({ condition: CONDITION, share: 1.5 })).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.share: /),
    );
  });
  test("paidIn before the base year", () => {
    expect(
      at({ condition: CONDITION, deficitFY: "2022-23", paidIn: "2023-24", eligibleDeficit: 1 }),
    ).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.paidIn: 2023-24 is before the base year 2024-25/),
    );
  });
  test("paidIn not after deficitFY", () => {
    expect(at({ condition: CONDITION, deficitFY: "2026-27", paidIn: "2026-27" })).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.deficitFY: 2026-27 must end before the grant is paid/),
    );
  });
  test("a negative eligible deficit", () => {
    expect(at({ condition: CONDITION, eligibleDeficit: -5 })).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.eligibleDeficit: /),
    );
  });
  test("a forecast that ends before paidIn", () => {
    expect(at({ condition: CONDITION }, { horizon: 1 })).toContainEqual(
      expect.stringMatching(
        /^income\.stabilityGrant\.paidIn: the forecast ends in 2025-26, before the grant is paid in 2026-27: set horizon to at least 2/,
      ),
    );
  });
  test("a deficit year before the opening balance without an eligible deficit", () => {
    expect(at({ condition: CONDITION, deficitFY: "2022-23", paidIn: "2025-26" })).toContainEqual(
      expect.stringMatching(/^income\.stabilityGrant\.deficitFY: .*give eligibleDeficit/),
    );
  });
  test("a lever already called stabilityGrant when the grant is paid with the plan only", () => {
    const raw = scenario({ condition: CONDITION, forecasts: "mitigated" });
    (raw.mitigations[0] as { id: string }).id = "stabilityGrant";
    expect(problems(raw).map((p) => p.path)).toContain("mitigations[0].id");
  });
});

// Attribution by ledger side (issue #32) on the default scenario with a Safety Valve lever: the
// funding subtotal is the money received (transfers + payments + grants net of their spend), the
// savings subtotal the fall in spending, and the Stability Grant's change is shown apart; each
// figure is computed here from the ledgers' own rows, not from the attribution.
import { forecast } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { defaultWithSafetyValve } from "./fixtures/safety-valve.js";

const withSafetyValve = await defaultWithSafetyValve();

describe("savings and funding by ledger side (default scenario with a Safety Valve lever)", () => {
  const r = forecast(withSafetyValve);
  type Row = (typeof r.mitigated.ledger)[number];
  const total = (which: "unmitigated" | "mitigated", pick: (l: Row) => number) =>
    r[which].ledger.reduce((a, l) => a + pick(l), 0);
  const within = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.01);

  test("a payment is made, so the test means something", () => {
    const paid = r.safetyValvePayments.filter((p) => p.paid);
    expect(paid.map((p) => p.fy)).toEqual(["2024-25"]);
    expect(r.safetyValvePayments.find((p) => p.fy === "2025-26")?.paid).toBe(false);
  });

  test("the funding subtotal equals the money received: transfers + payments + grants net of spend", () => {
    const transfers = (which: "unmitigated" | "mitigated") =>
      r[which].transfers.reduce((a, t) => a + t.amount, 0);
    const payments = r.safetyValvePayments.filter((p) => p.paid).reduce((a, p) => a + p.amount, 0);
    const grants = r.grants.reduce((a, g) => a + g.net, 0);
    const received = transfers("mitigated") - transfers("unmitigated") + payments + grants;
    expect(payments).toBe(5_000_000);
    within(r.leverTotals.bySide.funding.shapley, received);
    within(r.leverTotals.bySide.funding.sequential, received);
    // The Safety Valve lever's own share is every payment made.
    within(r.levers.find((l) => l.id === "safety-valve")?.side.shapley ?? 0, payments);
  });

  test("the savings subtotal equals the fall in spending", () => {
    const spend = (l: Row) => l.expenditure - l.implementationCost;
    const lower = total("unmitigated", spend) - total("mitigated", spend);
    within(r.leverTotals.bySide.savings.shapley, lower);
    within(r.leverTotals.bySide.savings.sequential, lower);
  });

  test("the Stability Grant's change is apart, and the three add up to the whole gap", () => {
    const grant = (l: Row) => l.stabilityGrant ?? 0;
    const change = total("mitigated", grant) - total("unmitigated", grant);
    expect(change).toBeLessThan(0);
    const s = r.leverTotals.bySide;
    within(s.stabilityGrant?.shapley ?? Number.NaN, change);
    const gap = (r.mitigated.ledger.at(-1)?.cumulative ?? 0) - (r.unmitigated.ledger.at(-1)?.cumulative ?? 0);
    within(s.savings.shapley + s.funding.shapley + (s.stabilityGrant?.shapley ?? 0), gap);
    // The bridge: savings' and funding's bars, then the grant's change, from one balance to the other.
    const bars = r.bridge.filter((b) => b.kind === "lever");
    within(bars.at(-1)?.value ?? Number.NaN, change);
    within((r.bridge[0]?.value ?? 0) + bars.reduce((a, b) => a + b.value, 0), r.bridge.at(-1)?.value ?? 0);
  });

  test("the payments the savings made possible are reported apart, and are the payments made", () => {
    const enabled = r.levers.reduce((a, l) => a + (l.paymentsEnabled?.shapley ?? 0), 0);
    const sv = r.levers.find((l) => l.id === "safety-valve");
    // Shapley over every lever of the payments made: the savings' part of the £5m, the rest the
    // lever's own (the first target is met without any saving too, so the savings earn part of it).
    expect(enabled).toBeGreaterThanOrEqual(0);
    expect(enabled).toBeLessThanOrEqual(5_000_000);
    const all = r.levers.filter((l) => l.kind === "saving");
    expect(all.every((l) => l.paymentsEnabled !== undefined)).toBe(true);
    expect(sv?.paymentsEnabled).toBeUndefined();
  });
});

import { STABILITY_GRANT_ID, STABILITY_GRANT_LABEL } from "../compile/stability-grant.js";
import type { BridgeRow, ForecastResult, LeverSaving, LeverTotals, SavingPair } from "./result.js";

/** The levers in their two groups, savings then funding, each with its title and subtotal (empty groups left out). @example leverGroups(result)[0].title === "Savings" */
export function leverGroups(
  result: Pick<ForecastResult, "levers" | "leverTotals">,
): { kind: LeverSaving["kind"]; title: string; levers: LeverSaving[]; total: SavingPair }[] {
  return (
    [
      ["saving", "Savings", result.leverTotals.savings],
      ["funding", "Funding", result.leverTotals.funding],
    ] as const
  ).flatMap(([kind, title, total]) => {
    const levers = result.levers.filter((l) => l.kind === kind);
    return levers.length ? [{ kind, title, levers, total }] : [];
  });
}

/** Savings and funding subtotals of the levers; with the two they add up to the whole gap. @example leverTotals(result.levers).savings.shapley */
export function leverTotals(levers: readonly LeverSaving[]): LeverTotals {
  const sum = (kind: LeverSaving["kind"] | undefined, pick: (l: LeverSaving) => SavingPair = (l) => l) => {
    const chosen = levers.filter((l) => kind === undefined || l.kind === kind);
    return {
      sequential: chosen.reduce((a, l) => a + pick(l).sequential, 0),
      shapley: chosen.reduce((a, l) => a + pick(l).shapley, 0),
    };
  };
  const grant = levers.some((l) => l.stabilityGrantEffect)
    ? { stabilityGrant: sum(undefined, (l) => l.stabilityGrantEffect ?? { sequential: 0, shapley: 0 }) }
    : {};
  return {
    savings: sum("saving"),
    funding: sum("funding"),
    total: sum(undefined),
    bySide: { savings: sum("saving", (l) => l.side), funding: sum("funding", (l) => l.side), ...grant },
  };
}

/**
 * The bridge table: unmitigated final balance, one row per lever, mitigated final balance. Each
 * lever's bar is its share of its ledger side (issue #32: savings the fall in spending, funding the
 * money received), and a last bar the change in the Stability Grant between the forecasts; Shapley
 * shares by default (order-free), or sequential.
 * @example bridge(result).at(-1)?.total === result.mitigated.ledger.at(-1)?.cumulative
 */
export function bridge(
  result: Pick<ForecastResult, "unmitigated" | "mitigated" | "financialYears" | "levers">,
  basis: "shapley" | "sequential" = "shapley",
): BridgeRow[] {
  const start = result.unmitigated.ledger.at(-1)?.cumulative ?? 0;
  const end = result.mitigated.ledger.at(-1)?.cumulative ?? 0;
  const fy = result.financialYears.at(-1) ?? "";
  const rows: BridgeRow[] = [
    { kind: "start", id: "unmitigated", label: `Unmitigated ${fy}`, value: start, total: start },
  ];
  let total = start;
  // Savings first, then funding, each in declared order: the bridge shows the two groups apart.
  const ordered = [
    ...result.levers.filter((l) => l.kind === "saving"),
    ...result.levers.filter((l) => l.kind === "funding"),
  ];
  for (const l of ordered) {
    total += l.side[basis];
    rows.push({ kind: "lever", group: l.kind, id: l.id, label: l.label, value: l.side[basis], total });
  }
  if (result.levers.some((l) => l.stabilityGrantEffect)) {
    const value = result.levers.reduce((a, l) => a + (l.stabilityGrantEffect?.[basis] ?? 0), 0);
    total += value;
    rows.push({
      kind: "lever",
      group: "funding",
      id: `${STABILITY_GRANT_ID}-change`,
      label: `${STABILITY_GRANT_LABEL}: ${value < 0 ? "less" : "more"} with the plan`,
      value,
      total,
    });
  }
  rows.push({ kind: "end", id: "mitigated", label: `Mitigated ${fy}`, value: end, total: end });
  return rows;
}

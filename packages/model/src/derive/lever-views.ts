import { STABILITY_GRANT_ID, STABILITY_GRANT_LABEL } from "../compile/stability-grant.js";
import { fyYear } from "../units/time.js";
import type { BridgeRow, ForecastResult, LeverAt, LeverSaving, LeverTotals, SavingPair } from "./result.js";

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

type YearPair = SavingPair & { fy: string };

// a − b, where a lever whose whole share that year is its grant effect leaves 0, not float residue
// (−0.0000000019 would print as a red "(0)" in the workbook).
const less = (a: number, b: number) => {
  const d = a - b;
  return Math.abs(d) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : d;
};
const ZERO: SavingPair = { sequential: 0, shapley: 0 };

/**
 * A lever's effect on the Stability Grant by FY: all of it in the FY the grant is paid, 0 in the
 * others (the grant is paid once). Empty without a grant.
 * @example grantEffectByYear(result, result.levers[0]).find((y) => y.fy === "2026-27")?.shapley
 */
export function grantEffectByYear(
  result: Pick<ForecastResult, "financialYears" | "stabilityGrant">,
  lever: Pick<LeverSaving, "stabilityGrantEffect">,
): YearPair[] {
  const effect = lever.stabilityGrantEffect;
  const paidIn = result.stabilityGrant?.[0]?.paidIn;
  if (!effect || paidIn === undefined) return [];
  return result.financialYears.map((fy) => ({ fy, ...(fy === paidIn ? effect : ZERO) }));
}

/**
 * Each lever's share of each FY's in-year balance before the Stability Grant (its byYear less its
 * grant effect, which falls in the FY the grant is paid), and the grant's change between the
 * forecasts by FY as a row of its own: a saving made before the grant's deficit year ends is not
 * also shown as a cost in the year the grant is paid. Levers and grant add up to the in-year gap
 * with the grant. Without a grant, `years` is byYear and `grant` is absent.
 * @example leverYearsBeforeGrant(result).grant?.find((y) => y.fy === "2026-27")?.shapley
 */
export function leverYearsBeforeGrant(
  result: Pick<ForecastResult, "financialYears" | "stabilityGrant" | "levers">,
): {
  levers: { lever: LeverSaving; years: YearPair[] }[];
  grant?: YearPair[];
} {
  const levers = result.levers.map((lever) => {
    const effect = grantEffectByYear(result, lever);
    return {
      lever,
      years: lever.byYear.map((y, k) => ({
        fy: y.fy,
        sequential: less(y.sequential, effect[k]?.sequential ?? 0),
        shapley: less(y.shapley, effect[k]?.shapley ?? 0),
      })),
    };
  });
  const granted = result.levers.some((l) => l.stabilityGrantEffect) && result.stabilityGrant?.length;
  if (!granted) return { levers };
  const effects = result.levers.map((l) => grantEffectByYear(result, l));
  return {
    levers,
    grant: result.financialYears.map((fy, k) => ({
      fy,
      sequential: effects.reduce((a, e) => a + (e[k]?.sequential ?? 0), 0),
      shapley: effects.reduce((a, e) => a + (e[k]?.shapley ?? 0), 0),
    })),
  };
}

/**
 * Each lever's effect on the cumulative balance at FY `fy` (spec §7 at that FY): its in-year shares
 * to `fy` added up (Shapley shares and sequential savings are linear, so they add up to the gap
 * between the forecasts then), and with a Stability Grant its effect on the grant paid by then.
 * @example leversAt(result, "2027-28").reduce((a, l) => a + l.shapley, 0) // the 31 March 2028 gap
 */
export function leversAt(
  result: Pick<ForecastResult, "financialYears" | "stabilityGrant" | "levers">,
  fy: string,
): LeverAt[] {
  const k = result.financialYears.indexOf(fy);
  if (k < 0) return [];
  const paidIn = result.stabilityGrant?.[0]?.paidIn;
  const paid = paidIn !== undefined && (fyYear(paidIn) as number) <= (fyYear(fy) as number);
  return result.levers.map((l) => {
    const upTo = l.byYear.slice(0, k + 1);
    const sequential = upTo.reduce((a, y) => a + y.sequential, 0);
    const shapley = upTo.reduce((a, y) => a + y.shapley, 0);
    const effect = l.stabilityGrantEffect && (paid ? l.stabilityGrantEffect : ZERO);
    return {
      id: l.id,
      label: l.label,
      kind: l.kind,
      fy,
      sequential,
      shapley,
      ...(effect
        ? {
            stabilityGrantEffect: { ...effect },
            beforeGrant: { sequential: sequential - effect.sequential, shapley: shapley - effect.shapley },
          }
        : {}),
    };
  });
}

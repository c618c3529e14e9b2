// What the readable uncertainty summary says about its figures, read from the figures as printed:
// where the median path ends against the central forecast, and which end of each tornado bar
// leaves the better balance. Neither is assumed from the kind of assumption.
import { betterEnd, type ForecastResult, type UncertaintyOutput } from "@hnb/model";
import { thousands } from "../table.js";

type Side = "below" | "above" | "at";

/**
 * Where the median path (p50) of the final cumulative balance ends against the central forecast,
 * forecast by forecast, as the table prints them (£ thousands): the clause the summary ends its
 * "Quote the central forecast" line with, or "" without bands. "below" only when it prints below.
 * @example medianNote(u, result).includes("the median path (p50) ends") === true
 */
export function medianNote(u: UncertaintyOutput, result: ForecastResult): string {
  const last = u.ledger.filter((r) => r.measure === "cumulative" && r.fy === u.tornado.fy);
  if (!last.length) return "";
  const sides = last.map((r) => {
    const central = result[r.forecast].ledger.find((l) => l.fy === r.fy)?.cumulative ?? 0;
    const side: Side = thousands(r.p50) === thousands(central) ? "at" : r.p50 < central ? "below" : "above";
    return { forecast: r.forecast, side };
  });
  const words = (side: Side) =>
    side === "at" ? "ends at the central forecast, to the £ thousand" : `ends ${side} the central forecast`;
  const first = (sides[0] as { side: Side }).side;
  if (sides.every((s) => s.side === first)) {
    // Compounding is why a median falls below the plan's path; said only where it did, and where a
    // growth (or new plans' growth) draw is among the assumptions.
    const compounds =
      first === "below" && u.assumptions.some((a) => a.kind === "growth" || a.kind === "newPlans");
    return `: ${compounds ? "growth compounds, so a higher draw adds more than a lower one saves, and " : ""}the median path (p50) ${words(first)}`;
  }
  return `: the median path (p50) ${sides.map((s) => `${words(s.side)} ${s.forecast}`).join(", and ")}`;
}

/**
 * The tornado rows as the summary prints them: each end's balance, the swing, and the end that
 * leaves the better (higher) balance as printed, "neither" when both print the same.
 * @example tornadoRowsText([{ kind: "growth", id: "p", label: "Growth: P", low: -1e6, high: -2e6, central: -1.5e6 }])[0]?.[4] === "p10"
 */
export function tornadoRowsText(rows: UncertaintyOutput["tornado"]["rows"]): string[][] {
  return rows.map((r) => {
    const [low, high] = [thousands(r.low), thousands(r.high)];
    const better = low === high ? "neither" : betterEnd(r) === "low" ? "p10" : "p90";
    return [r.label, low, high, thousands(Math.abs(r.high - r.low)), better];
  });
}

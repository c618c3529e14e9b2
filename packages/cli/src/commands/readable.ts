// The readable forecast `hnb forecast FILE` prints: the ledgers, levers, place funding, warnings,
// the position when the statutory override ends, and the uncertainty bands.
import { TORNADO_BARS } from "@hnb/charts";
import {
  demandWarnings,
  type ForecastResult,
  formatNumber,
  type PlaceFundingRow,
  type UncertaintyOutput,
} from "@hnb/model";
import { needsReport } from "../needs-report.js";
import { textTable, thousands } from "../table.js";
import { mitigatedName, overrideGrantReport, stabilityGrantReport } from "./grant-report.js";
import { leverTable } from "./lever-table.js";
import { medianNote, tornadoRowsText } from "./uncertainty-words.js";

/**
 * The readable lines on placements costed by places and top-ups (issue #18): totals by FY over those
 * placements, and, where academies' place funding is recouped, the ledger net of it. Nothing when
 * no placement has `places`.
 * @example placeFundingReport(forecast(scenario)).join("\n")
 */
export function placeFundingReport(result: ForecastResult): string[] {
  // Placements with commissioned places only: a places block that only names the provider (for
  // s251) leaves a placement paid per pupil, with no places to fill or stand empty.
  const commissioned = new Set(
    (result.unmitigated.placeFunding ?? []).filter((r) => r.places > 0).map((r) => r.id),
  );
  const rows = result.unmitigated.placeFunding?.filter((r) => commissioned.has(r.id));
  if (!rows?.length) return [];
  const k = thousands;
  const count = (v: number) => formatNumber(Math.round(v));
  const fys = result.unmitigated.ledger.map((r) => r.fy);
  const total = (fy: string, pick: (r: PlaceFundingRow) => number) =>
    rows.filter((r) => r.fy === fy).reduce((a, r) => a + pick(r), 0);
  const out = [
    "",
    `Placements costed by places and top-ups (unmitigated; ${[...new Set(rows.map((r) => r.label))].join(", ")}): places × rate, paid filled or not, plus a top-up for each pupil placed; Places, Placed and Empty are counts (places commissioned, pupils in them, places unfilled), money in £ thousands`,
    textTable(
      ["FY", "Places", "Placed", "Empty", "Place funding", "of which empty", "Top-ups", "Cost", "Recouped"],
      fys.map((fy) => [
        fy,
        count(total(fy, (r) => r.places)),
        count(total(fy, (r) => r.placed)),
        count(total(fy, (r) => r.emptyPlaces)),
        k(total(fy, (r) => r.placeFunding)),
        k(total(fy, (r) => r.emptyPlaceCost)),
        k(total(fy, (r) => r.topUps)),
        k(total(fy, (r) => r.cost)),
        k(total(fy, (r) => r.recouped)),
      ]),
    ),
  ];
  const ledger = result.unmitigated.ledger;
  if (ledger.some((r) => r.recoupment !== undefined && r.recoupment !== 0))
    out.push(
      "Recoupment: the ESFA pays academies' place funding itself and deducts it from the High Needs allocation, so the ledger above counts it in both income and expenditure (gross) and the balance is the same net of it:",
      textTable(
        ["FY", "Recouped", "Net income", "Net expenditure", "In-year"],
        ledger.map((r) => [
          r.fy,
          k(r.recoupment ?? 0),
          k(r.netIncome ?? r.income),
          k(r.netExpenditure ?? r.expenditure),
          k(r.inYear),
        ]),
      ),
    );
  // Every year with pupils the places cannot hold, fractions too (half a pupil is still costed at
  // the overflow placement), to one decimal place: what that shows as more than 0.
  const unplaced = rows.filter((r) => r.unplaced >= 0.05);
  if (unplaced.length)
    out.push(
      `Pupils the places cannot hold (costed at the overflow placement where one is named): ${unplaced.map((r) => `${r.label} ${r.fy} ${formatNumber(r.unplaced, 1)}`).join("; ")}`,
    );
  return out;
}

/** The readable report: both ledgers in £ thousands, the gap, transfers with their approval route, levers. @example readable(forecast(scenario)) */
export function readable(result: ForecastResult): string {
  const sv = result.safetyValve;
  const out: string[] = [];
  const k = thousands;
  out.push(
    `${result.scenario}: DSG High Needs forecast, £ thousands (in the ledgers, figures in brackets are deficits; each figure is rounded on its own, so a total may differ from the sum of its parts by 1)`,
    "",
  );
  for (const which of ["unmitigated", "mitigated"] as const) {
    const f = result[which];
    if (which === "mitigated" && result.levers.length === 0) break;
    const grantSpend = f.ledger.some((r) => r.implementationCost !== 0);
    const stability = f.ledger.some((r) => r.stabilityGrant !== undefined);
    out.push(
      which === "unmitigated"
        ? "Unmitigated (the scenario as written)"
        : `${mitigatedName(result)} (after the ${result.plan ? "plan's" : "recovery plan's"} levers)`,
    );
    out.push(
      textTable(
        [
          "FY",
          "HNB",
          "Transfer",
          "Other inc.",
          ...(stability ? ["Stab. grant"] : []),
          "Income",
          "Placements",
          "Lines",
          "Staffing",
          // A grant's implementation spend is expenditure: without its column the others would
          // not add up to the total.
          ...(grantSpend ? ["Grant spend"] : []),
          "Expenditure",
          // Income includes the Stability Grant, so this in-year balance does: said in its name,
          // apart from the in-year balances before the grant of the comparison below.
          stability ? "In-year with grant" : "In-year",
          "Cumulative",
        ],
        f.ledger.map((r) => [
          r.fy,
          k(r.hnb),
          k(r.transfer),
          k(r.otherIncome),
          ...(stability ? [k(r.stabilityGrant ?? 0)] : []),
          k(r.income),
          k(r.placementCost),
          k(r.lineCost),
          k(r.staffingCost),
          ...(grantSpend ? [k(r.implementationCost)] : []),
          k(r.expenditure),
          k(r.inYear),
          k(r.cumulative),
        ]),
      ),
      "",
    );
  }
  out.push(`Opening DSG balance (1 April ${result.baseYear - 1}): ${k(result.openingBalance).trim()}`);
  // General-fund staffing is reported (spec §4) but is in neither ledger above: said apart.
  const generalFund = (which: "unmitigated" | "mitigated", fy: string) =>
    result[which].staffing
      .filter((x) => x.fundedBy === "general-fund" && x.fy === fy)
      .reduce((a, x) => a + x.cost, 0);
  const gfYears = result.financialYears.filter(
    (fy) => generalFund("unmitigated", fy) !== 0 || generalFund("mitigated", fy) !== 0,
  );
  if (gfYears.length)
    out.push(
      "",
      "Staffing funded by the council's general fund (reported, not in the DSG ledgers above)",
      textTable(
        ["FY", "Unmitigated", ...(result.levers.length ? ["Mitigated"] : [])],
        result.financialYears.map((fy) => [
          fy,
          k(generalFund("unmitigated", fy)),
          ...(result.levers.length ? [k(generalFund("mitigated", fy))] : []),
        ]),
      ),
    );
  out.push(...placeFundingReport(result));
  out.push(...stabilityGrantReport(result));
  out.push(...needsReport(result));
  if (result.illustrative.length)
    out.push(
      "",
      `Illustrative figures: ${result.illustrative.length} inputs are marked illustrative in their source or given no source (${result.illustrative.join(", ")}); replace them with the authority's own, each with its source, before relying on the result.`,
    );
  if (result.levers.length) {
    // The in-year balance leaves the Stability Grant out, so the gap shows what the plan does to a
    // year's spending and funding, not the grant's one-off (its change is in the lever table).
    const granted = result.unmitigated.ledger.some((r) => r.stabilityGrant !== undefined);
    const underlying = (r: (typeof result.unmitigated.ledger)[number]) => r.inYear - (r.stabilityGrant ?? 0);
    out.push(
      "",
      `Unmitigated against mitigated${granted ? " (in-year balances before the Stability Grant, which the ledgers' In-year with grant includes; the cumulative balances include it)" : ""}`,
    );
    const before = granted ? " before grant" : "";
    out.push(
      textTable(
        [
          "FY",
          `In-year unmit.${before}`,
          `In-year mit.${before}`,
          `Gap${before}`,
          "Cumulative unmit.",
          "Cumulative mit.",
          "Gap",
        ],
        result.unmitigated.ledger.map((u, i) => {
          const m = result.mitigated.ledger[i] ?? u;
          return [
            u.fy,
            k(underlying(u)),
            k(underlying(m)),
            k(underlying(m) - underlying(u)),
            k(u.cumulative),
            k(m.cumulative),
            k(m.cumulative - u.cumulative),
          ];
        }),
      ),
    );
    out.push("", leverTable(result));
    for (const g of result.grants)
      out.push(
        `  ${g.label}: grant £${k(g.income).trim()}k less its implementation spend £${k(g.spend).trim()}k${g.spendReason ? ` (${g.spendReason})` : ""} = net £${k(g.net).trim()}k`,
      );
  }
  if (result.safetyValvePayments.length) {
    out.push(
      "",
      "Safety Valve payments (mitigated): each paid only if the in-year balance before it meets the year's target",
    );
    out.push(
      textTable(
        ["FY", "Lever", "Payment", "Target in-year", "In-year before", "Outcome"],
        result.safetyValvePayments.map((p) => [
          p.fy,
          p.lever,
          k(p.amount),
          k(p.target),
          k(p.inYearBefore),
          p.paid ? "paid" : "withheld",
        ]),
      ),
    );
  }
  for (const which of ["unmitigated", "mitigated"] as const) {
    const transfers = result[which].transfers;
    if (which === "mitigated" && result.levers.length === 0) break;
    out.push("", `Schools Block transfers (${which})${transfers.length ? "" : ": none"}`);
    for (const t of transfers) {
      // Rates to as many places as show which side of 0.5% they fall (0.5049% is not "0.50%"); a
      // year of other movements alone says it has no transfer to High Needs.
      const pct = (rate: number) => `${formatNumber(100 * rate, 4, 2)}%`;
      const parts = [
        t.rate > 0 ? `transfer ${pct(t.rate)} = £${k(t.amount).trim()}k` : "no transfer to High Needs",
        ...t.movements.map((m) => `${m.label} £${k(m.amount).trim()}k`),
      ];
      out.push(
        `  ${t.fy}: ${parts.join(t.rate > 0 ? " + " : "; ")}${t.movements.length ? ` = ${pct(t.totalRate)} of the Schools Block` : ""}, needs ${t.needs === "schools-forum" ? "Schools Forum approval (up to 0.5%)" : "a disapplication request to the Secretary of State (above 0.5%)"}`,
      );
    }
  }
  if (result.calibration.length) {
    out.push(
      "",
      "Growth estimated from history (rate of the first forecast year; auto fades towards the reference)",
    );
    // With a demand section these rates only share out the EHCP total the flows project.
    if (result.demand)
      out.push(
        "The EHCP placements' total follows the demand flows (new plans, cessations, ageing): these rates set each placement's share of it, not its level.",
      );
    out.push(
      textTable(
        ["Placement", "Asked", "Used", "Rate", "Check"],
        result.calibration.map((c) => [
          c.id,
          c.requested,
          c.used,
          `${(100 * c.rate).toFixed(2)}%`,
          c.warnings.length ? "see below" : "",
        ]),
      ),
    );
  }
  const warnings = warningLines(result);
  if (warnings.length) out.push("", "Check these estimates and inputs:", ...warnings.map((w) => `  - ${w}`));
  out.push("", overrideLine(result), ...overrideGrantReport(result));
  const when = (fy: string | null) => (fy ? `from ${fy} on` : "not within the horizon");
  out.push(
    `In-year balance${result.stabilityGrant ? " before the Stability Grant" : ""} at zero or better and staying there: unmitigated ${when(sv.unmitigatedBalancedIn)}; mitigated ${when(sv.mitigatedBalancedIn)}.`,
  );
  return `${out.join("\n")}\n`;
}

/** Estimates and inputs to check, one line each with its evidence: growth warnings and unit costs outside the national range. @example warningLines(result) */
export function warningLines(result: ForecastResult): string[] {
  return [
    ...result.calibration.flatMap((c) => c.warnings.map((w) => `placements ${c.id} growth: ${w}`)),
    ...result.unitCostWarnings.map((w) => `placements ${w.id} unitCost: ${w.message}`),
    ...result.shiftWarnings.map((w) => `mitigations ${w.lever} moves: ${w.message}`),
    ...[...result.inputWarnings, ...demandWarnings(result.demand)].map((w) => `${w.path}: ${w.message}`),
    ...result.baseYearWarnings.map((w) => `base year (${w.path}): ${w.message}`),
  ];
}

/** The statutory override sentence: the deficit when it ends and its share of usable reserves. @example overrideLine(result) */
export function overrideLine(result: ForecastResult): string {
  const o = result.statutoryOverride;
  const date = `31 March ${o.ends.slice(0, 4)}`;
  if (!o.withinHorizon)
    return `Statutory override ends ${date} (end of ${o.fy}), after the last reported year.`;
  const k = (x: number | undefined) => `£${thousands(x ?? 0).trim()}k`;
  const share = (x: number | undefined) =>
    x === undefined ? "" : ` (${(100 * x).toFixed(1)}% of usable reserves)`;
  // With the grant, three shares of reserves are printed: the one that counts is said as such.
  const counts =
    o.stabilityGrant && o.usableReserves !== undefined
      ? " This share, the deficit the council carries when the override ends with the Stability Grant received, against its usable reserves, is the measure that counts; the shares below are context."
      : "";
  return `Statutory override ends ${date} (end of ${o.fy}): cumulative balance then ${k(o.unmitigated)} unmitigated${share(o.unmitigatedShareOfReserves)}, ${k(o.mitigated)} mitigated${share(o.mitigatedShareOfReserves)}${o.usableReserves === undefined ? "; give statutoryOverride.usableReserves to compare it with the council's reserves" : `; usable reserves ${k(o.usableReserves)}`}.${counts}`;
}

/** The readable uncertainty summary: final balances' bands beside the central forecast, and the tornado, £ thousands. @example readableUncertainty(u, result) */
export function readableUncertainty(u: UncertaintyOutput, result: ForecastResult): string {
  const k = thousands;
  const central = (fy: string, forecast: "unmitigated" | "mitigated") =>
    result[forecast].ledger.find((r) => r.fy === fy)?.cumulative ?? 0;
  const out = [
    "",
    `Uncertainty: ${formatNumber(u.paths)} paths, seed ${u.seed} (£ thousands; the central forecast above, and the 10th, 50th and 90th percentile of the paths' cumulative balance: p10 the worst of the three)`,
  ];
  out.push(
    textTable(
      ["FY", "Forecast", "Central", "p10", "p50", "p90"],
      u.ledger
        .filter((r) => r.measure === "cumulative")
        .map((r) => [r.fy, r.forecast, k(central(r.fy, r.forecast)), k(r.p10), k(r.p50), k(r.p90)]),
    ),
  );
  // The paper quotes the central forecast; where the paths' median ends beside it is read from the figures.
  out.push(`Quote the central forecast, with p10 to p90 as its range${medianNote(u, result)}.`);
  out.push(
    "",
    `What moves the ${u.tornado.fy} ${u.tornado.forecast} cumulative balance most: one assumption at a time at its own 10th and 90th percentile, the others as in the central forecast (${k(u.tornado.rows[0]?.central ?? central(u.tornado.fy, u.tornado.forecast)).trim()}, where every bar starts). "Better at" names the end that leaves the better balance.`,
  );
  // The widest swings, as many as the tornado chart draws; the rest are in the JSON and tornado.csv.
  const shown = u.tornado.rows.slice(0, TORNADO_BARS);
  out.push(textTable(["Assumption", "Its p10", "Its p90", "Swing", "Better at"], tornadoRowsText(shown)));
  const rest = u.tornado.rows.length - shown.length;
  if (rest > 0)
    out.push(
      `… and ${formatNumber(rest)} more assumptions, each with a smaller swing (all of them: --json, or tornado.csv with --out)`,
    );
  return `${out.join("\n")}\n`;
}

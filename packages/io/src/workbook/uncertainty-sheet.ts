// The Uncertainty sheet, where paths were simulated: the balances' 10th, 50th and 90th percentiles
// by FY, the paths and seeds used, and each uncertain assumption with its distribution.
import { distributionText, formatNumber, POOLING, type UncertaintyResult } from "@hnb/model";
import { FORMATS } from "./formats.js";
import { subtitle, type WorkbookInput } from "./plan-input.js";
import { words } from "./readable.js";
import type { SheetWriter } from "./writer.js";

const UNCERTAINTY_KINDS: Record<string, string> = {
  growth: "Growth rate",
  costInflation: "Cost inflation",
  delivery: "Delivery of levers",
};

/** Writes the Uncertainty sheet from the simulated paths `u`. @example uncertaintySheet(sheet, { scenario, result }, u) */
export function uncertaintySheet(ws: SheetWriter, input: WorkbookInput, u: UncertaintyResult): void {
  const fys = input.result.financialYears;
  ws.start(
    "Uncertainty: range of outcomes",
    subtitle(input, `${formatNumber(u.paths)} simulated paths, seed used for these paths ${u.seed}; £`),
    ["Balance", ...fys],
    1,
    false,
  );
  for (const forecast of ["unmitigated", "mitigated"] as const) {
    const rows = u.ledger.filter((r) => r.forecast === forecast);
    if (rows.length === 0) continue;
    for (const measure of ["inYear", "cumulative"] as const)
      for (const p of ["p10", "p50", "p90"] as const)
        ws.add(
          [
            `${forecast === "unmitigated" ? "Unmitigated" : "Mitigated"} ${measure === "inYear" ? "in-year" : "cumulative"}, ${p === "p10" ? "10th" : p === "p50" ? "50th" : "90th"} percentile`,
            ...fys.map((fy) => rows.find((r) => r.fy === fy && r.measure === measure)?.[p] ?? null),
          ],
          FORMATS.money,
        );
    ws.add([]);
  }
  // The run's seed may differ from the file's (a --seed option): both are named, so they are not
  // read as contradicting the Assumptions sheet.
  ws.add(["Simulation", "Value"], undefined, true);
  ws.add(["Simulated paths", u.paths], FORMATS.count);
  ws.add(
    ["Paths in the scenario file (Assumptions sheet)", input.scenario.uncertainty?.paths ?? "not given"],
    FORMATS.count,
  );
  ws.add(["Seed used for these paths", u.seed], FORMATS.plain);
  const fileSeed = input.scenario.uncertainty?.seed;
  ws.add(["Seed in the scenario file (Assumptions sheet)", fileSeed ?? "not given"], FORMATS.plain);
  ws.add([]);
  ws.add(["Assumption", "Kind", "Distribution", "From"], undefined, true);
  for (const a of u.assumptions)
    ws.add([
      a.label,
      UNCERTAINTY_KINDS[a.kind] ?? words(a.kind),
      distributionText(a.distribution),
      // growth: auto's sd is the history's noise, capped where it implies more.
      a.origin !== "auto"
        ? "the scenario"
        : a.basis !== undefined
          ? a.basis
          : a.impliedSd !== undefined
            ? `capped at ${formatNumber(100 * POOLING.sdCap)} points a year: the noise of the placement's history implies ${formatNumber(100 * a.impliedSd)}`
            : "the noise of the placement's history",
    ]);
  ws.fit(10, 70);
}

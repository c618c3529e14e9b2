// Levers that change the base financial year (review of the Leeds walk-through): the base FY's
// figures are the outturn the finance team typed from its accounts, so a lever that changes them
// rewrites a closed year, usually by accident (a staffing line with no firstFY is charged from the
// base year). Lever keys come in two calendars in one list (census years for `from` and `moves`,
// financial years for `fromFY`, `transferRate`, `amounts`), so each warning names the field and
// the year it is keyed by. None stops a forecast. Census-keyed fields (`from`, `moves`) before the
// first forecast census are refused by validation, so only the FY-keyed ones reach here.
import type { Scenario } from "../scenario/schema.js";
import { fyLabel, fyYear } from "../units/time.js";
import type { InputWarning } from "./result.js";

type Mitigation = Scenario["mitigations"][number];

/**
 * One warning per lever field that changes the base financial year, with its path
 * (`mitigations.ID.…`) and what to give instead; levers at confidence 0 change nothing.
 * @example leverBaseYearWarnings(scenario) // []
 */
export function leverBaseYearWarnings(
  s: Pick<Scenario, "baseYear" | "mitigations"> & { income: Pick<Scenario["income"], "schoolsBlock"> },
): InputWarning[] {
  const B = s.baseYear;
  const base = fyLabel(B);
  const next = fyLabel(B + 1);
  const closed = `${base}, the base year, whose figures are the outturn you typed`;
  // Keys of a financial-year map at or before the base year, with a value that changes something.
  const fyKeys = (map: Readonly<Record<string, number>>, changes: (key: string, v: number) => boolean) =>
    Object.entries(map).filter(([key, v]) => (fyYear(key) ?? B + 1) <= B && changes(key, v));
  const out: InputWarning[] = [];
  const warn = (m: Mitigation, field: string, message: string) =>
    out.push({ path: `mitigations.${m.id}.${field}`, message });
  for (const m of s.mitigations) {
    if (m.confidence === 0) continue;
    switch (m.type) {
      case "staffing":
        for (const line of m.staffing) {
          if (line.fundedBy === "general-fund") continue;
          if ((line.fte ?? 0) * (line.unitCost ?? 0) + (line.lumpSum ?? 0) === 0) continue;
          const first = line.firstFY === undefined ? undefined : fyYear(line.firstFY);
          const last = line.lastFY === undefined ? undefined : fyYear(line.lastFY);
          if ((first ?? B) > B || (last ?? B) < B) continue;
          warn(
            m,
            `staffing.${line.id}.firstFY`,
            line.firstFY === undefined
              ? `not given, so the lever charges the post from ${closed}: give the first year it is paid (firstFY "${next}" or later)`
              : `${line.firstFY} is not after the base year, so the lever charges the post in ${closed}: give firstFY "${next}" or later`,
          );
        }
        break;
      case "unitCostChange":
      case "lineChange":
        if (m.change !== 0 && (fyYear(m.fromFY) ?? B + 1) <= B)
          warn(
            m,
            "fromFY",
            `${m.fromFY} is not after the base year, so the lever changes ${closed}: give fromFY "${next}" or later`,
          );
        break;
      case "transfer": {
        const own: Readonly<Record<string, number>> = s.income.schoolsBlock?.transferRate ?? {};
        for (const [key] of fyKeys(m.transferRate, (key, v) => v !== (own[key] ?? 0)))
          warn(
            m,
            `transferRate.${key}`,
            `sets the Schools Block transfer of ${key}, so the lever changes ${closed}: key transfer rates by the financial years from "${next}" on`,
          );
        break;
      }
      case "grant":
        for (const field of ["amounts", "spend"] as const)
          for (const [key] of fyKeys(m[field], (_, v) => v !== 0))
            warn(
              m,
              `${field}.${key}`,
              `is keyed by ${key}, so the lever changes ${closed}: key its ${field === "amounts" ? "income" : "spend"} by the financial years from "${next}" on`,
            );
        break;
      case "safetyValve":
        for (const [key] of fyKeys(m.payments, (_, v) => v !== 0))
          warn(
            m,
            `payments.${key}`,
            `is keyed by ${key}, so the lever changes ${closed}: key payments by the financial years from "${next}" on`,
          );
        break;
      default:
        // Census-keyed levers (growthReduction, placementShift, the flow levers) are refused before
        // the first forecast census (B + 1), so they never reach the base census.
        break;
    }
  }
  return out;
}

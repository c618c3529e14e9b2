// Cross-field bounds found by the second adversarial review (issue #33): inputs each field's schema
// accepts but that, against the base year and horizon, would do nothing or give a wrong figure with
// nothing said.

import { censusYears, financialYears } from "../units/time.js";
import type { Scenario } from "./schema.js";

/** A problem at a field's path (formatted by the caller). */
export interface BoundProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The problems of a validated-by-field scenario's override date, flow levers' first years, its
 * SEN2 age profile's census and its per-head population.
 * @example inputBoundProblems(scenario) // [] for the default scenario
 */
export function inputBoundProblems(s: Scenario): BoundProblem[] {
  const out: BoundProblem[] = [];
  const B = s.baseYear;
  const last = B + s.horizon;
  const fys = financialYears(B, s.horizon);

  // An override that ended before the base year ends would be reported as ending after the horizon.
  const ends = s.statutoryOverride?.ends;
  if (ends !== undefined && Number(ends.slice(0, 4)) < B)
    out.push({
      path: ["statutoryOverride", "ends"],
      message: `${ends} is before the end of the base financial year ${fys[0]} (31 March ${B}): the override runs to 31 March 2028 as announced; give that date, or a later one`,
    });

  // A flow lever from after the last forecast census would change nothing.
  s.mitigations.forEach((m, j) => {
    if (
      (m.type === "newPlansChange" || m.type === "cessationChange" || m.type === "conversionChange") &&
      m.from > last
    )
      out.push({
        path: ["mitigations", j, "from"],
        message: `census year ${m.from} is after the last forecast year ${last}: the lever would change nothing (forecast years ${censusYears(B, s.horizon)[1]}–${last})`,
      });
  });

  // The age profile is of a census the statistics have: the base year or one before it.
  if (s.ehcpsByAge && s.ehcpsByAge.census > B)
    out.push({
      path: ["ehcpsByAge", "census"],
      message: `census year ${s.ehcpsByAge.census} is after the base year ${B}: the age profile is of a census already taken`,
    });

  // Per-head funding × population: a population of 0 gives a £0 allocation, one near 0 a per head
  // that overflows. A real 2–18 population is thousands.
  const population = s.income.hnb.perHead?.population ?? {};
  // (A base FY's population of 0 or less is place-validate.ts's to name.)
  for (const [fy, n] of Object.entries(population))
    if (n < 1 && !(fy === fys[0] && n <= 0))
      out.push({
        path: ["income", "hnb", "perHead", "population", fy],
        message: `is ${n}: the 2–18 population must be at least 1 (the allocation is per-head funding × population; the base FY's per head is amount / population)`,
      });
  return out;
}

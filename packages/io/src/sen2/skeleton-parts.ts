// The parts of an imported scenario skeleton that SEN2 cannot fill and a finance partner must (issue
// #29): each TODO names the exact document, line or column the figure comes from (the s251 outturn's
// line numbers, the DSG allocation tables' columns, the DSG note in the accounts). And the parts SEN2
// fills beyond the caseload: cessation rates from ceased_plans.csv, the flows' identity, the placements
// not recorded since the 2023 move to person-level records.
import type { Category } from "@hnb/model";
import type { CeasedYear } from "./sen2-flows.js";

/** A placeholder the scenario schema refuses ("TODO: …"), saying what to enter. @example todo("the count") === "TODO: the count" */
export const todo = (what: string): string => `TODO: ${what}`;

/** The financial year label of a census year ("2024-25" for January 2025). @example fyOf(2025) === "2024-25" */
export const fyOf = (census: number): string => `${census - 1}-${String(census % 100).padStart(2, "0")}`;

/** The last census year a skeleton's default horizon must reach: the statutory override ends 31 March 2028 (FY 2027-28). */
export const OVERRIDE_END_CENSUS = 2028;

/**
 * The default horizon: five years, or more to reach 2027-28 (the override's end) from an early base.
 * @example defaultHorizon(2022) === 6
 */
export function defaultHorizon(baseYear: number): number {
  return Math.max(5, OVERRIDE_END_CENSUS - baseYear);
}

// Where a placement's unit cost comes from in the s251 outturn, by management-plan category.
const UNIT_COST_LINES: Record<Category, string> = {
  MmSoA:
    "element 3 top-ups for EHCPs in mainstream: s251 lines 1.2.1 (maintained schools) + 1.2.2 (academies and free schools), mainstream settings only",
  RPSEN:
    "place funding on s251 line 1.0.2 (maintained units; academies' is paid by the ESFA and not in the outturn) + top-ups on lines 1.2.1 and 1.2.2 for resourced provision and SEN units",
  MdSSA:
    "place funding on s251 line 1.0.2 (maintained special schools; academies' is paid by the ESFA and not in the outturn) + top-ups on lines 1.2.1 (maintained) and 1.2.2 (academies and free schools)",
  NMISS:
    "fees on s251 line 1.2.3 (top-up funding, non-maintained and independent providers) for special schools",
  HspAP: "place funding on s251 line 1.0.2 for pupil referral units + their top-ups on lines 1.2.1 and 1.2.2",
  P16FE:
    "top-ups on s251 lines 1.2.2 (FE and sixth-form colleges) and 1.2.3 (independent specialist post-16 providers)",
  OTHER:
    "what these pupils cost beyond the other types and the lines below (early years top-ups and other arrangements; direct payments go on the direct-payments line, s251 1.2.11, not here); 0 where the lines cost them all",
  NONE: "non-statutory top-ups on s251 line 1.2.4 (additional high needs targeted funding for mainstream)",
};

/**
 * The TODO for a placement's unit cost: the s251 lines it is read from, in the base FY, and the
 * pupils to divide by. The skeleton phases by academic year (spec §2), so the base FY pays for
 * 5/12 of the previous January's pupils and 7/12 of the base January's: dividing by the base count
 * alone would understate the unit cost wherever numbers grow.
 * @example unitCostTodo("NMISS", "2024-25")
 */
export function unitCostTodo(category: Category, fy: string): string {
  const census = Number(fy.slice(0, 4)) + 1;
  return todo(
    `£ per pupil a year in ${fy}: ${UNIT_COST_LINES[category]}, from the council's ${fy} s251 outturn (Schools Budget, high needs), ÷ the pupils it paid for in ${fy}: 5/12 of the January ${census - 1} count (history) + 7/12 of the January ${census} count (count), as the forecast phases by academic year; give its source in sources.unitCost`,
  );
}

// The lines as the outturn lists them, one a row: the s251 line, the id a skeleton gives it, its label.
const LINES = `
1.2.4   targeted-mainstream    Additional high needs targeted funding for mainstream schools and academies
1.2.5   sen-support            SEN support services
1.2.6   hospital               Hospital education services
1.2.7   ap-services            Other alternative provision services
1.2.8   inclusion              Support for inclusion
1.2.9   financial-difficulty   Special schools and PRUs in financial difficulty
1.2.10  pfi-bsf                PFI/BSF costs at special schools, AP/PRUs and post-16 institutions
1.2.11  direct-payments        Direct payments (SEN and disability)
1.2.13  therapies              Therapies and other health-related services`;

/** The non-placement s251 high-needs lines a skeleton lists, each its own TODO (../shared/domain.md's list). */
export const S251_LINES: readonly { id: string; s251: string; label: string }[] = LINES.trim()
  .split("\n")
  .map((row) => {
    const [, s251 = "", id = "", label = ""] = /^(\S+)\s+(\S+)\s+(.+)$/.exec(row) ?? [];
    return { id, s251, label };
  });

/**
 * The skeleton's other expenditure lines: one per s251 line, amount and inflation TODO.
 * @example s251Lines("2024-25")[0].s251 === "1.2.4"
 */
export function s251Lines(fy: string): Record<string, unknown>[] {
  return S251_LINES.map((l) => ({
    id: l.id,
    label: l.label,
    s251: l.s251,
    amount: todo(
      `£ in ${fy} on s251 line ${l.s251} (${l.label}): the council's ${fy} s251 outturn, Schools Budget high-needs section, line ${l.s251}, net expenditure; 0 if the council spends nothing there${l.s251 === "1.2.4" ? " or pays it per pupil as a placement of category NONE" : ""}; give its source in sources.amount`,
    ),
    inflation: todo(
      "annual inflation of the line, e.g. 0.03 for 3% a year (pay awards and prices); give its source in sources.inflation",
    ),
  }));
}

/**
 * The skeleton's income: the High Needs and Schools Block allocations, each TODO naming the DSG
 * allocation tables' column.
 * @example skeletonIncome(2025).hnb
 */
export function skeletonIncome(baseYear: number): Record<string, unknown> {
  const fy = fyOf(baseYear);
  const tables = (census: number) => `the DSG allocation tables for ${fyOf(census).replace("-", " to 20")}`;
  return {
    hnb: {
      amount: todo(
        `the High Needs Block allocation for ${fy} in £: ${tables(baseYear)} (the final update in the year), the authority's row, column “Total high needs block after deductions” (academy place funding is deducted there and kept out of the unit costs); give its source in sources.amount`,
      ),
      growth: todo(
        `the allocation's growth by census year, e.g. { ${baseYear + 1}: 0.07, ${baseYear + 2}: 0 }: the same column of ${tables(baseYear + 1)} ÷ ${fy}'s − 1, then the provisional tables (many authorities' allocation fell in 2026-27: do not assume steady growth); give its source in sources.growth`,
      ),
    },
    schoolsBlock: {
      amount: todo(
        `the Schools Block allocation for ${fy} in £: ${tables(baseYear)}, column “Total schools block before recoupment” (the 0.5% transfer limit is a share of it); or delete income.schoolsBlock if no transfer is planned`,
      ),
      growth: todo(
        `annual growth of the Schools Block, e.g. 0.02: the same column of ${tables(baseYear + 1)} ÷ ${fy}'s − 1; give its source in sources.growth`,
      ),
      transferRate: {},
    },
  };
}

/** Where the Stability Grant's rules come from (spec §11). */
export const STABILITY_GRANT_SOURCE =
  "explanatory note on the government's approach to DSG deficits, DfE and MHCLG, 9 February 2026: 90% of the High Needs DSG deficit at 31 March 2026, paid from autumn 2026 (2026-27)";

/**
 * The High Needs Stability Grant block (spec §11) for a base census up to 2027 (from 2028 the grant
 * is in the opening balance) whose horizon reaches 2026-27, when it is paid: the policy's figures sourced to the note, the non-High-Needs part of
 * the deficit TODO, and the eligible deficit TODO when the base FY is after the deficit's FY.
 * @example stabilityGrantBlock(2025)?.paidIn === "2026-27"
 */
export function stabilityGrantBlock(
  baseYear: number,
  horizon = defaultHorizon(baseYear),
): Record<string, unknown> | undefined {
  // Paid in 2026-27 (census 2027): a forecast that stops before it has no year to pay it in.
  if (baseYear > 2027 || baseYear + horizon < 2027) return undefined;
  return {
    condition: "DfE approval of the local SEND reform plan",
    share: 0.9,
    deficitFY: "2025-26",
    paidIn: "2026-27",
    ...(baseYear > 2026
      ? {
          eligibleDeficit: todo(
            "the High Needs deficit at 31 March 2026 DfE uses, £ (positive): the lowest of the authority's figures (s251 outturn 2025-26, DSG note of the 2025-26 accounts, s151 assurance); give its source in sources.eligibleDeficit",
          ),
        }
      : {}),
    excluded: todo(
      "£ of the DSG deficit at 31 March 2026 that is not High Needs (other blocks' overspends, equal-pay charges), from the DSG note of the 2025-26 statement of accounts, by block; 0 if none; give its source in sources.excluded",
    ),
    forecasts: "both",
    sources: { share: STABILITY_GRANT_SOURCE },
  };
}

/** One census year's stock–flow identity: stock(Y) = stock(Y−1) + new(Y−1) − ceased(Y−1) + moves. */
export interface FlowIdentityRow {
  census: number;
  opening: number;
  newPlans: number;
  ceased: number;
  /** opening + newPlans − ceased. */
  expected: number;
  closing: number;
  /** closing − expected: plans moved in from other authorities, and recording differences. */
  residual: number;
}

/**
 * The flows' identity for each census whose opening stock, calendar-year new plans and cessations
 * and closing stock are all known.
 * @example flowIdentity([2024, 2025], [4382, 4931], new Map([[2024, 778]]), new Map([[2024, 351]]))[0].residual === 122
 */
export function flowIdentity(
  years: readonly number[],
  totals: readonly (number | null)[],
  newPlans: ReadonlyMap<number, number | null>,
  ceased: ReadonlyMap<number, number | null>,
): FlowIdentityRow[] {
  return years.flatMap((census, i) => {
    const j = years.indexOf(census - 1);
    const opening = j < 0 ? null : totals[j];
    const closing = totals[i];
    const n = newPlans.get(census - 1);
    const c = ceased.get(census - 1);
    if (opening == null || closing == null || n == null || c == null) return [];
    const expected = opening + n - c;
    return [{ census, opening, newPlans: n, ceased: c, expected, closing, residual: closing - expected }];
  });
}

/** The cessation rate ceased_plans.csv gives, with the years and counts behind it. */
export interface CeasedRates {
  /** One rate for every age band: ceased less those ageing out at 25, over the EHCPs at January. */
  rate: number;
  /** Calendar years whose cessations were used (each over the EHCPs at January of that year). */
  years: number[];
  /** Plans ceased in those years, every reason. */
  ceased: number;
  /** Of which the maximum age was reached at 20 and over (the whole year's where it has no age rows). */
  agedOut: number;
  /** EHCPs at the January censuses of those years. */
  opening: number;
  /** Years without age rows, whose every maximum-age cessation was taken as ageing out. */
  noAges: number[];
}

/**
 * One cessation rate for every age band: plans ceased in calendar year Y less those that reached the
 * maximum age at 20 and over (the projection ages them out at 25 itself), over the EHCPs at the
 * January Y census, pooled over the years both are known before the base census. One rate, not one
 * a band: ceased_plans.csv counts the age when the plan ceased, so band by band it credits young
 * people who were 19 in January and ceased at 20 to the top band (Kent 2024: 1,429 ceased at 20 and
 * over against 1,224 aged 20 to 25 in January). Undefined when no year has both.
 * @example ceasedRates(h.ceased, new Map([[2024, 4382]]), 2025)?.rate
 */
export function ceasedRates(
  ceased: ReadonlyMap<number, CeasedYear>,
  totals: ReadonlyMap<number, number | null>,
  baseYear: number,
): CeasedRates | undefined {
  const out: CeasedRates = { rate: 0, years: [], ceased: 0, agedOut: 0, opening: 0, noAges: [] };
  for (const [year, c] of [...ceased.entries()].sort(([a], [b]) => a - b)) {
    const stock = totals.get(year);
    if (year >= baseYear || stock == null || stock <= 0 || c.total === null) continue;
    const top = c.byAge.age20to25;
    const ages = Object.keys(c.byAge).length > 0;
    const agedOut = ages ? top?.maxAge : c.maxAge;
    // A suppressed count would read as none ageing out: the year is left out instead.
    if (agedOut === null || (ages && top !== undefined && top.maxAge === null)) continue;
    out.ceased += c.total;
    out.agedOut += agedOut ?? 0;
    out.opening += stock;
    out.years.push(year);
    if (!ages) out.noAges.push(year);
  }
  if (!out.years.length) return undefined;
  return { ...out, rate: (out.ceased - out.agedOut) / out.opening };
}

/** Whether a forecast from a base census reaches 2027-28, the year the statutory override ends in. @example reachesOverrideEnd(2025, 3) === true */
export function reachesOverrideEnd(baseYear: number, horizon: number): boolean {
  return baseYear + horizon >= OVERRIDE_END_CENSUS;
}

/**
 * The statutory override's end and the council's usable reserves: the 31 March 2028 deficit that no
 * grant covers is weighed against them, the question a section 151 officer asks of the forecast.
 * @example overrideBlock(2025).ends === "2028-03-31"
 */
export function overrideBlock(baseYear: number): Record<string, unknown> {
  return {
    ends: "2028-03-31",
    usableReserves: todo(
      `the council's usable reserves in £ at 31 March ${baseYear - 1} or later: the balance sheet of its statement of accounts, usable reserves (general fund and earmarked; not the DSG unusable reserve), which the deficit when the override ends is compared with; give its source in source`,
    ),
  };
}

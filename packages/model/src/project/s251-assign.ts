// Which s251 line each cost of a forecast goes to, where the scenario does not cost it by places
// (issue #32). The DfE s251 budget statement puts place funding on 1.0.2 and splits top-ups by who
// runs the setting (1.2.1 maintained, 1.2.2 academies, free schools and colleges, 1.2.3
// non-maintained and independent); a placement costed as count × unit cost holds both in its unit
// cost (../shared/domain.md: "average cost per EHCP pupil (place + top-up)").

import { PLACE_FUNDING, type S251Line } from "../compile/place-funding.js";
import type { Category } from "../scenario/category.js";

/**
 * The top-up line of a count-based placement whose category's maintained default is wrong for most
 * of its pupils: post-16 EHCPs are mostly in FE colleges (Bristol, January 2022: 582 of 607), whose
 * top-ups are on 1.2.2 ("academies, free schools and colleges").
 */
const COUNT_BASED_TOP_UP: Partial<Record<Category, S251Line>> = { P16FE: "1.2.2" };

/** One placement row's cost as the s251 statement needs it. */
export interface CountBasedRow {
  category: Category;
  s251?: string;
  s251Split?: Readonly<Record<string, number>>;
  /** £ per placement this FY (place funding and top-up together). */
  unitCost: number;
  cost: number;
}

/**
 * A count-based placement's cost by s251 line: place funding at its category's rate per placement
 * (the rate is a flat £ a place, so its share of the cost is rate ÷ unit cost, at most all of it)
 * on 1.0.2, the rest on its top-up lines: `s251Split`'s shares, else `s251`, else the category's.
 * @example countBasedLines({ category: "MdSSA", unitCost: 28_500, cost: 285_000 }) // [["1.0.2", 100_000], ["1.2.1", 185_000]]
 */
export function countBasedLines(row: CountBasedRow): [string, number][] {
  const rate = PLACE_FUNDING[row.category].rate ?? 0;
  const place = rate > 0 && row.unitCost > 0 ? row.cost * Math.min(1, rate / row.unitCost) : 0;
  const topUp = row.cost - place;
  const split: [string, number][] = row.s251Split
    ? Object.entries(row.s251Split)
    : [[row.s251 ?? COUNT_BASED_TOP_UP[row.category] ?? PLACE_FUNDING[row.category].topUpLine.maintained, 1]];
  return [
    ...(place !== 0 ? [["1.0.2", place] as [string, number]] : []),
    ...split.map(([line, share]): [string, number] => [line, topUp * share]),
  ];
}

/** Keys of spend that no s251 high-needs line holds, each shown apart with why. */
export const UNASSIGNED = {
  staffing: "?staffing",
  grant: "?grant",
  line: "?line",
} as const;

/** The row label of each kind of unassigned spend: what it is and why it has no s251 line. */
export const UNASSIGNED_LABELS: Record<string, string> = {
  [UNASSIGNED.staffing]:
    "Not on an s251 line: HNB-funded staffing that names no s251 line (give the staffing line s251, e.g. 1.2.5)",
  [UNASSIGNED.grant]:
    "Not on an s251 line: implementation spend of grant levers, paid from grants outside the DSG (such as DBV), so on no s251 high-needs line",
  [UNASSIGNED.line]: "Not on an s251 line: expenditure lines that name no s251 line",
};

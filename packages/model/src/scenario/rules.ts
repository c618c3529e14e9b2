// What the cross-field rules of each section share: the scenario's years, a way to report a
// problem, the checks several sections make, and the lever limit.
import type { ResolvedGrowths } from "../growth/growth.js";
import type { Problem, ProblemCode } from "./problem.js";
import type { Scenario } from "./schema.js";

/** At most this many levers: Shapley attribution evaluates every subset once (2^16 = 65,536 forecasts). */
export const MAX_LEVERS = 16;

// Cross-field rules by default: the rules below weigh fields against each other; others say their kind.
export type Push = (path: PropertyKey[], message: string, code?: ProblemCode) => void;

/**
 * Reports every id used a second time in a list, naming the index of its first use.
 * @example checkUnique(s.placements, (i) => ["placements", i], "placement", () => undefined)
 */
export function checkUnique(
  items: readonly { id: string }[],
  at: (i: number) => PropertyKey[],
  what: string,
  push: Push,
) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined)
      push([...at(i), "id"], `duplicate ${what} id "${item.id}" (also used at index ${first})`, "duplicate");
    else seen.set(item.id, i);
  });
}

/** What every section of the cross-field rules works with. */
export interface Rules {
  s: Scenario;
  push: Push;
  /** The problems so far (some rules run only when the others found none). */
  problems: readonly Problem[];
  growths: ResolvedGrowths;
  B: number;
  years: number[];
  fys: string[];
  yearRange: string;
  fyRange: string;
  /** A per-year rate map covers exactly the forecast years. */
  rateMap: (v: number | Readonly<Record<string, number>>, path: PropertyKey[]) => void;
  /** An FY map names only reported years. */
  fyKeys: (map: Readonly<Record<string, number>>, path: PropertyKey[]) => void;
  /** firstFY is not after lastFY. */
  window: (first: string | undefined, last: string | undefined, path: PropertyKey[]) => void;
  /** A staffing line's own rules. */
  staffingLine: (line: Scenario["staffing"][number], path: PropertyKey[]) => void;
}

// Cross-field rules of place funding, the per-head allocation and the import/export adjustment
// (issue #18), each problem at the field's path.
import { IMPORT_EXPORT_ID } from "../compile/income.js";
import { financialYears } from "../units/time.js";
import type { Scenario } from "./schema.js";

/** One problem: the path as keys and what is wrong. */
export interface PathProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * The problems of a validated-by-field scenario's `places`, `income.hnb.perHead` and `income.importExport`.
 * @example placeFundingProblems(s) // [] when they are consistent
 */
export function placeFundingProblems(s: Scenario): PathProblem[] {
  const out: PathProblem[] = [];
  const push = (path: PropertyKey[], message: string) => out.push({ path, message });
  const B = s.baseYear;
  const fys = financialYears(B, s.horizon);
  const ids = s.placements.map((p) => p.id);

  s.placements.forEach((p, i) => {
    const places = p.places;
    if (!places) return;
    const at = (...rest: PropertyKey[]) => ["placements", i, "places", ...rest];
    if (places.commissioned) {
      if (!(String(B) in places.commissioned))
        push(at("commissioned"), `must give the places in the base year ${B}`);
      for (const key of Object.keys(places.commissioned))
        if (Number(key) < B - 1 || Number(key) > B + s.horizon)
          push(
            at("commissioned", key),
            `census year ${key} is outside ${B - 1}–${B + s.horizon} (the year before the base to the last forecast year)`,
          );
    } else {
      for (const key of ["rate", "fill", "overflow"] as const)
        if (places[key] !== undefined)
          push(at(key), "needs commissioned places: without them the placement is paid per pupil only");
    }
    if (places.onRoll !== undefined && p.category !== "RPSEN")
      push(at("onRoll"), `applies to resourced provision (RPSEN) only, not ${p.category}`);
    if (places.bands) {
      const seen = new Set<string>();
      places.bands.forEach((b, j) => {
        if (seen.has(b.band)) push(at("bands", j, "band"), `repeats "${b.band}"`);
        seen.add(b.band);
      });
      const shares = places.bands.reduce((a, b) => a + b.share, 0);
      const mean = places.bands.reduce((a, b) => a + b.share * b.topUp, 0);
      if (Math.abs(shares - 1) > 1e-6) push(at("bands"), `shares add up to ${shares}, not 1`);
      else if (Math.abs(mean - p.unitCost) > 0.005)
        push(
          ["placements", i, "unitCost"],
          `is the top-up per pupil when places are given, so it must equal the bands' share-weighted mean top-up, ${mean} (got ${p.unitCost})`,
        );
    }
    if (places.overflow !== undefined) {
      const j = ids.indexOf(places.overflow);
      if (j < 0) push(at("overflow"), `names placement "${places.overflow}", which does not exist`);
      else if (j === i)
        push(at("overflow"), "names the placement itself: name the placement the pupils go to instead");
      else if (s.placements[j]?.places)
        push(
          at("overflow"),
          `names "${places.overflow}", which has places of its own: name a placement paid per pupil`,
        );
    }
  });

  const perHead = s.income.hnb.perHead;
  if (perHead) {
    const at = (...rest: PropertyKey[]) => ["income", "hnb", "perHead", ...rest];
    const g = s.income.hnb.growth;
    if (typeof g !== "number" || g !== 0)
      push(
        ["income", "hnb", "growth"],
        "cannot be given with perHead: the allocation follows per-head funding × population",
      );
    const missing = fys.filter((fy) => !(fy in perHead.population));
    if (missing.length)
      push(at("population"), `misses ${missing.join(", ")} (it must cover ${fys[0]}…${fys.at(-1)})`);
    else if ((perHead.population[fys[0] as string] ?? 0) <= 0)
      push(
        at("population", fys[0] as string),
        "must be above 0: the base FY's per head is amount / population",
      );
    const later = fys.slice(1);
    const gaps = later.filter((fy) => !(fy in perHead.formula));
    if (gaps.length) push(at("formula"), `misses ${gaps.join(", ")} (it must cover every FY after the base)`);
    for (const key of Object.keys(perHead.population))
      if (!fys.includes(key))
        push(at("population", key), `financial year ${key} is outside the reported years`);
    for (const key of Object.keys(perHead.formula))
      if (!later.includes(key))
        push(at("formula", key), `financial year ${key} is not a forecast year after the base`);
    if (perHead.floor > perHead.cap)
      push(at("floor"), `(${perHead.floor}) cannot exceed the cap (${perHead.cap})`);
  }

  const ie = s.income.importExport;
  if (ie) {
    for (const key of Object.keys(ie.netImported))
      if (!fys.includes(key))
        push(
          ["income", "importExport", "netImported", key],
          `financial year ${key} is outside the reported years`,
        );
    s.income.other.forEach((o, i) => {
      if (o.id === IMPORT_EXPORT_ID)
        push(
          ["income", "other", i, "id"],
          `"${IMPORT_EXPORT_ID}" is the import/export adjustment's id: choose another`,
        );
    });
  }
  return out;
}

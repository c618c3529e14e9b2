// What the s251 sheet says about how it placed costs the scenario does not cost by places (issue
// #32), so a reader can follow each line back to a rule.
import { formatNumber, PLACE_FUNDING, type Scenario } from "@hnb/model";

/** The notes under the s251 sheet's title: place funding taken out of per-pupil unit costs, and post-16's line. @example s251Notes(scenario) */
export function s251Notes(scenario: Pick<Scenario, "placements">): string[] {
  const counted = scenario.placements.filter(
    (p) => !p.places && p.unitCost > 0 && (PLACE_FUNDING[p.category].rate ?? 0) > 0,
  );
  const notes: string[] = [];
  if (counted.length)
    notes.push(
      `place funding of placements costed per pupil is on 1.0.2 at the operational guide's rate a placement (${counted
        .map((p) => `${p.label} £${formatNumber(PLACE_FUNDING[p.category].rate ?? 0)}`)
        .join(", ")}); the rest of each unit cost is top-up.`,
    );
  const post16 = scenario.placements.filter(
    (p) => !p.places && p.category === "P16FE" && p.s251 === undefined && p.s251Split === undefined,
  );
  if (post16.length)
    notes.push(
      `${post16.map((p) => p.label).join(", ")}: top-ups on 1.2.2, where FE colleges' are (most post-16 EHCPs are in colleges); give s251 or s251Split where they are not.`,
    );
  return notes;
}

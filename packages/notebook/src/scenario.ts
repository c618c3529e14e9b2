// What every notebook needs to run on any scenario: the source line of its charts, taken from the
// scenario and its file (never a fixed authority), and a plain note when the scenario lacks what a
// cell needs (levers, place funding, a demand section), so the cell skips its figures instead of failing.

/** The part of a scenario a source line names. */
export interface ScenarioName {
  name: string;
  authority?: { name: string } | undefined;
}

/**
 * A scenario as a source cites it: its name, its authority (when the name does not already say it)
 * and its file's name.
 * @example scenarioCitation({ name: "NS plan", authority: { name: "North Somerset" } }, "/x/ns.xlsx") === "NS plan (North Somerset), ns.xlsx"
 */
export function scenarioCitation(scenario: ScenarioName, file: string): string {
  const authority = scenario.authority?.name;
  const named = authority && !scenario.name.includes(authority) ? ` (${authority})` : "";
  return `${scenario.name}${named}, ${file.split(/[\\/]/).pop() ?? file}`;
}

/**
 * A chart's source line from the scenario it was drawn from, then how the figures were made.
 * @example scenarioSource({ name: "NS plan", authority: { name: "North Somerset" } }, "ns.xlsx") === "Source: NS plan (North Somerset), ns.xlsx; hnb forecast"
 */
export function scenarioSource(scenario: ScenarioName, file: string, how = "hnb forecast"): string {
  return `Source: ${scenarioCitation(scenario, file)}; ${how}`;
}

/**
 * Whether a cell can draw its figures; when it cannot, prints "Skipped: …" with the reason, so a
 * notebook run on a scenario without the feature says so and carries on.
 * @example if (skipUnless(scenario.mitigations.length > 0, "the scenario has no levers")) showTable(rows)
 */
export function skipUnless(condition: boolean, reason: string): boolean {
  if (!condition) console.log(`Skipped: ${reason}.`);
  return condition;
}

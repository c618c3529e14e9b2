import type { ForecastResult } from "./result.js";

/**
 * What outputs call a forecast: the mitigated one takes the plan's name where the scenario gives one
 * (for most authorities now their local SEND reform plan); the JSON keeps "mitigated".
 * @example forecastName({ plan: { name: "Anytown local SEND reform plan", status: "draft" } }, "mitigated") === "Mitigated: Anytown local SEND reform plan"
 */
export function forecastName(
  result: Pick<ForecastResult, "plan">,
  which: "unmitigated" | "mitigated",
): string {
  if (which === "unmitigated") return "Unmitigated";
  return result.plan ? `Mitigated: ${result.plan.name}` : "Mitigated";
}

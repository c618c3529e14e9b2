// The default scenario's forecast, as the chart tests draw it.
import { loadScenarioFile } from "@hnb/io";
import { forecast } from "@hnb/model";

/** data/default-scenario.yaml, loaded. */
export const scenario = await loadScenarioFile(
  new URL("../../../data/default-scenario.yaml", import.meta.url).pathname,
);
/** Its forecast. */
export const result = forecast(scenario);
/** The forecast's last financial year. */
export const lastFy = result.financialYears.at(-1) ?? "";
/** The mitigated cumulative balance in that year: the tornado's central forecast. */
export const central = result.mitigated.ledger.at(-1)?.cumulative ?? 0;

// What the management-plan workbook is built from, and the readings of it every sheet shares.
import type { Forecast, ForecastResult, Scenario, UncertaintyResult } from "@hnb/model";

/** What the workbook is built from. */
export interface WorkbookInput {
  scenario: Scenario;
  result: ForecastResult;
  /** Percentile bands from simulated paths: adds an "Uncertainty" sheet. */
  uncertainty?: UncertaintyResult;
}

/** A sheet's subtitle: the scenario, its base census, whether figures are illustrative, the unit. @example subtitle({ scenario, result }, "£") */
export function subtitle(input: WorkbookInput, unit: string): string {
  const illustrative = input.result.illustrative.length ? " · illustrative figures" : "";
  return `${input.result.scenario} · base census January ${input.result.baseYear}${illustrative} · ${unit}`;
}

/** The forecasts a sheet shows, by name: the mitigated one only where there are levers. @example forecasts(result).map(([name]) => name) // ["Unmitigated", "Mitigated"] */
export function forecasts(result: ForecastResult): ["Unmitigated" | "Mitigated", Forecast][] {
  return result.levers.length
    ? [
        ["Unmitigated", result.unmitigated],
        ["Mitigated", result.mitigated],
      ]
    : [["Unmitigated", result.unmitigated]];
}

/** A lever's label, from its id. @example leverLabel(result, "dbv-grant") === "DBV grant" */
export function leverLabel(result: ForecastResult, id: string): string {
  return result.levers.find((l) => l.id === id)?.label ?? id;
}

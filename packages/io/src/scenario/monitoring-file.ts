// Reading a monitoring file: the file itself (checked like a scenario file), then the scenario it
// names (relative to it), then the monitoring table; every problem is named by file and path.
import { dirname, resolve } from "node:path";
import {
  type ForecastResult,
  forecast,
  type MonitoringResult,
  monitor,
  type Problem,
  parseMonitoring,
  parseReportedMonitoring,
  type ReportedMonitoring,
  type Scenario,
} from "@hnb/model";
import { readDataFile, readScenarioFile } from "./scenario-file.js";

/** A monitoring file read to its table, or the problems of the file (or of its scenario) that stop it. */
export type MonitoringRead =
  | {
      ok: true;
      monitoring: MonitoringResult;
      scenario: Scenario;
      result: ForecastResult;
      scenarioFile: string;
    }
  | { ok: false; file: string; problems: Problem[] };

/**
 * Reads a monitoring file and the scenario it names, and builds the monitoring table; with `today`
 * ("2026-11", the month the command runs in), actuals for a month not yet closed are refused.
 * @example const r = await readMonitoringFile("data/monitoring-q2.yaml"); if (r.ok) r.monitoring.total.variance
 */
export async function readMonitoringFile(
  path: string,
  options: { today?: string } = {},
): Promise<MonitoringRead> {
  const read = await readDataFile(path);
  if (!read.ok) return { ok: false, file: path, problems: read.problems };
  const parsed = parseMonitoring(read.data);
  if (!parsed.ok) return { ok: false, file: path, problems: parsed.problems };
  const scenarioFile = resolve(dirname(path), parsed.monitoring.scenario);
  const s = await readScenarioFile(scenarioFile);
  // A scenario that cannot be read at all (missing, not a file) is this file's `scenario` field to
  // correct; problems inside a scenario that was read are that file's, named by it.
  if (!s.ok && s.problems.every((p) => p.path === "(file)"))
    return {
      ok: false,
      file: path,
      problems: s.problems.map((p) => ({
        path: "scenario",
        message: `${parsed.monitoring.scenario} (${scenarioFile}): ${p.message.replace(`${scenarioFile} `, "")}`,
      })),
    };
  if (!s.ok) return { ok: false, file: scenarioFile, problems: s.problems };
  const result = forecast(s.scenario);
  const m = monitor(parsed.monitoring, result, options);
  if (!m.ok) return { ok: false, file: path, problems: m.problems };
  return { ok: true, monitoring: m.result, scenario: s.scenario, result, scenarioFile };
}

/**
 * The earlier report `--previous` names: its monitoring.json as `hnb monitor --out` wrote it (the
 * figures it reported), or its monitoring file, recomputed from its scenario as that file is now
 * (`recomputed`: a scenario revised since would move the "previous" figures too).
 * @example const r = await readPreviousReport("q1/monitoring.json"); if (r.ok) r.report.lines
 */
export async function readPreviousReport(
  path: string,
  options: { today?: string } = {},
): Promise<
  | { ok: true; report: ReportedMonitoring; recomputed: boolean; scenarioFile?: string }
  | { ok: false; file: string; problems: Problem[] }
> {
  if (path.toLowerCase().endsWith(".json")) {
    const read = await readDataFile(path);
    if (!read.ok) return { ok: false, file: path, problems: read.problems };
    const parsed = parseReportedMonitoring(read.data);
    if (!parsed.ok) return { ok: false, file: path, problems: parsed.problems };
    return { ok: true, report: parsed.report, recomputed: false };
  }
  const r = await readMonitoringFile(path, options);
  return r.ok ? { ok: true, report: r.monitoring, recomputed: true, scenarioFile: r.scenarioFile } : r;
}

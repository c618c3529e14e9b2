import { readMonitoringFile, tableWorkbook, writeFilesAtomic } from "@hnb/io";
import type { MonitoringResult } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";
import { poundsThousands, textTable, thousands } from "../table.js";

/** The usage line of `hnb monitor`. */
export const MONITOR_USAGE = "usage: hnb monitor FILE [--previous FILE] [--json] [--out DIR] [--quiet]";

/** The monitoring table as the Forum paper prints it, £ thousands, deficits and underspends in brackets. @example monitoringText(monitored) */
export function monitoringText(m: MonitoringResult): string {
  const k = thousands;
  const moved = m.previous !== undefined;
  const header = [
    "Line",
    "Budget",
    "Actual to date",
    "Rest of year",
    "Forecast outturn",
    "Variance",
    ...(moved ? [`Since ${m.previous}`] : []),
  ];
  const row = (label: string, l: Omit<MonitoringResult["total"], never>) => [
    label,
    k(l.budget),
    k(l.actual),
    k(l.remaining),
    k(l.outturn),
    k(l.variance),
    ...(moved ? [k(l.movement ?? 0)] : []),
  ];
  const out = [
    `${m.name}: ${m.fy} forecast outturn, £ thousands (variance: positive is an overspend)`,
    `Actuals ${m.actualsTo ? `to ${m.actualsTo} (${m.monthsClosed} of 12 months)` : "not yet in (no month closed)"}; the rest of the year from the ${m.forecast} forecast.`,
    "",
    textTable(header, [...m.lines.map((l) => row(l.label, l)), row("Total", m.total)], [0]),
    "",
    `Forecast outturn ${poundsThousands(m.total.outturn)}: ${m.total.variance >= 0 ? `${poundsThousands(m.total.variance)} over` : `${poundsThousands(-m.total.variance)} under`} budget${moved ? `, ${poundsThousands(Math.abs(m.total.movement ?? 0))} ${(m.total.movement ?? 0) >= 0 ? "more" : "less"} than at ${m.previous}` : ""}.`,
    "",
    "DSG balance with the forecast outturn (later years carry it)",
    textTable(
      ["FY", "Income", "Expenditure", "In-year", "Cumulative"],
      m.ledger.map((r) => [r.fy, k(r.income), k(r.expenditure), k(r.inYear), k(r.cumulative)]),
    ),
  ];
  return `${out.join("\n")}\n`;
}

/** `hnb monitor FILE`: the in-year monitoring table, against budget and since the previous report. @example await monitorCommand(["data/monitoring-q2.yaml"], io) */
export async function monitorCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      previous: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      quiet: { type: "boolean" },
    },
    MONITOR_USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one monitoring file\n${MONITOR_USAGE}`);
  const file = positionals[0] as string;
  const read = await readMonitoringFile(file);
  if (!read.ok) return reportProblems(read.file, read.problems, io);
  let m = read.monitoring;
  if (values.previous !== undefined) {
    const before = await readMonitoringFile(values.previous);
    if (!before.ok) return reportProblems(before.file, before.problems, io);
    if (before.monitoring.fy !== m.fy) {
      io.err(`${values.previous}: fy: ${before.monitoring.fy} is not ${m.fy}, the year ${file} monitors\n`);
      return EXIT.badInput;
    }
    // The movement is since an earlier report: one with more months closed is the later of the two.
    if (before.monitoring.monthsClosed > m.monthsClosed) {
      io.err(
        `${values.previous}: actuals: its actuals run to ${before.monitoring.actualsTo}, after ${m.actualsTo ?? "the start of the year"} (${file}): the previous report must be an earlier one; swap the two files?\n`,
      );
      return EXIT.badInput;
    }
    // The previous report's outturn by line: the movement is measured against it.
    const then = new Map(before.monitoring.lines.map((l) => [l.id, l.outturn]));
    const lines = m.lines.map((l) => ({ ...l, movement: l.outturn - (then.get(l.id) ?? 0) }));
    m = {
      ...m,
      previous: before.monitoring.name,
      lines,
      total: { ...m.total, movement: m.total.outturn - before.monitoring.total.outturn },
    };
  }
  if (values.out !== undefined) {
    const cols = ["Line", "Budget", "Actual to date", "Rest of year", "Forecast outturn", "Variance"];
    const moved = m.previous !== undefined;
    const xlsx = await tableWorkbook([
      {
        name: "Monitoring",
        title: `${m.name}: ${m.fy} forecast outturn`,
        subtitle: `£; actuals ${m.actualsTo ? `to ${m.actualsTo}` : "none yet"}; the rest of the year from the ${m.forecast} forecast; variance = outturn − budget: an overspend in red, an underspend in (brackets)`,
        columns: [...cols, ...(moved ? [`Since ${m.previous}`] : [])].map((header, i) => ({
          header,
          kind: i === 0 ? "text" : i >= 5 ? "variance" : "money",
        })),
        rows: [...m.lines, { label: "Total", ...m.total }].map((l) => [
          l.label,
          l.budget,
          l.actual,
          l.remaining,
          l.outturn,
          l.variance,
          ...(moved ? [l.movement ?? 0] : []),
        ]),
        bold: [m.lines.length],
      },
      {
        name: "DSG balance",
        title: `${m.name}: DSG balance with the ${m.fy} forecast outturn`,
        subtitle:
          "£; the monitored year's expenditure is its forecast outturn and later years carry the difference; deficits in red brackets",
        columns: ["FY", "Income", "Expenditure", "In-year", "Cumulative"].map((header, i) => ({
          header,
          kind: i === 0 ? "text" : "money",
        })),
        rows: m.ledger.map((r) => [r.fy, r.income, r.expenditure, r.inYear, r.cumulative]),
      },
    ]);
    await writeFilesAtomic(values.out, {
      "monitoring.json": `${JSON.stringify(m, null, 2)}\n`,
      "monitoring.txt": monitoringText(m),
      "monitoring.xlsx": xlsx,
    });
    if (!values.quiet)
      io.err(`hnb: wrote monitoring.json, monitoring.txt, monitoring.xlsx to ${values.out}\n`);
  }
  if (values.json) io.out(`${JSON.stringify(m)}\n`);
  else if (values.out === undefined || !values.quiet) io.out(monitoringText(m));
  return EXIT.ok;
}

import { chartFiles, contextOf, monitoringPackCharts } from "@hnb/charts";
import { monitoringWorkbook, readMonitoringFile, readPreviousReport, writeFilesAtomic } from "@hnb/io";
import { type MonitoringResult, movementSince, RUN_RATE_TOLERANCE } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { reportProblems } from "../problems.js";
import { poundsThousands, textTable, thousands } from "../table.js";

/** The usage line of `hnb monitor`. */
export const MONITOR_USAGE = "usage: hnb monitor FILE [--previous FILE] [--json] [--out DIR] [--quiet]";

/** The monitoring table as the Forum paper prints it, £ thousands, deficits and underspends in brackets. @example monitoringText(monitored) */
export function monitoringText(m: MonitoringResult): string {
  const k = thousands;
  const moved = m.previous !== undefined;
  const outturn = outturnLabel(m);
  const header = [
    "Line",
    "Budget",
    "Actual to date",
    "Rest of year",
    outturn,
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
  const v = m.total.variance;
  const movement = m.total.movement ?? 0;
  const out = [
    `${m.name}: ${m.fy} ${outturn.toLowerCase()}, £ thousands (variance: positive is an overspend${moved ? `; since ${m.previous}: positive is a higher outturn` : ""})`,
    `Actuals ${m.actualsTo ? `to ${m.actualsTo} (${m.monthsClosed} of 12 months)` : "not yet in (no month closed)"}${m.monthsClosed < 12 ? `; the rest of the year from the ${m.forecast} forecast` : ""}. Each figure is rounded on its own, so a total may differ from the sum of its rows by 1.`,
    "",
    textTable(header, [...m.lines.map((l) => row(l.label, l)), row("Total", m.total)], [0]),
    "",
    `${outturn} ${poundsThousands(m.total.outturn)}: ${Math.abs(v) < 500 ? "on budget (within £0.5k)" : v > 0 ? `${poundsThousands(v)} over budget` : `${poundsThousands(-v)} under budget`}${moved ? `, ${Math.abs(movement) < 500 ? `unchanged since ${m.previous} (within £0.5k)` : `${poundsThousands(Math.abs(movement))} ${movement > 0 ? "more" : "less"} than at ${m.previous}`}` : ""}.`,
    ...(m.previousBasis === "recomputed"
      ? [
          `Movement since ${m.previous}: its figures recomputed from its files as they are now; give its monitoring.json (written by --out) to measure against the figures it reported.`,
        ]
      : []),
    ...(m.warnings.length
      ? [
          "",
          `Check these (spend to date more than ${100 * RUN_RATE_TOLERANCE}% from the model's cost for the closed months, spend below zero, the profile)${m.monthsClosed < 12 ? "; the outturn above keeps the model's rest of the year" : ""}:`,
          ...m.warnings.map((w) => `- ${w}`),
        ]
      : []),
    "",
    `DSG balance with the ${outturn.toLowerCase()} (${m.forecast} forecast): later years carry the year's difference from the model once; their own in-year balances are the model's, so a pressure that continues belongs in the scenario`,
    textTable(
      // Income includes a Stability Grant where the scenario has one: said in the column's name.
      [
        "FY",
        "Income",
        "Expenditure",
        m.ledger.some((r) => r.stabilityGrant !== undefined) ? "In-year with grant" : "In-year",
        "Cumulative",
      ],
      m.ledger.map((r) => [r.fy, k(r.income), k(r.expenditure), k(r.inYear), k(r.cumulative)]),
    ),
  ];
  return `${out.join("\n")}\n`;
}

/** "Outturn" once all twelve months have closed, "Forecast outturn" before. @example outturnLabel(monitored) === "Forecast outturn" */
function outturnLabel(m: MonitoringResult): string {
  return m.monthsClosed === 12 ? "Outturn" : "Forecast outturn";
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
  // Actuals for a month that has not closed by the machine's clock are a typo (a year out) or early.
  const today = new Date().toISOString().slice(0, 7);
  const read = await readMonitoringFile(file, { today });
  if (!read.ok) return reportProblems(read.file, read.problems, io);
  let m = read.monitoring;
  // Every file this run reads: the pack replaces its whole folder, so none may be inside it.
  const inputs: Record<string, string> = {
    [file]: "the monitoring file",
    [read.scenarioFile]: "its scenario file",
  };
  if (values.previous !== undefined) {
    // Two baselines for one movement column: which was meant cannot be guessed.
    if (read.monitoring.previous !== undefined) {
      io.err(
        `${file}: previous: the file gives a previous report's outturn and --previous names another (${values.previous}): give one of the two\n`,
      );
      return EXIT.badInput;
    }
    const before = await readPreviousReport(values.previous, { today });
    if (!before.ok) return reportProblems(before.file, before.problems, io);
    inputs[values.previous] = "the previous report";
    if (before.scenarioFile) inputs[before.scenarioFile] = "the previous report's scenario file";
    const earlier = before.report;
    if (earlier.fy !== m.fy) {
      io.err(`${values.previous}: fy: ${earlier.fy} is not ${m.fy}, the year ${file} monitors\n`);
      return EXIT.badInput;
    }
    // The movement is since an earlier report: one with more months closed is the later of the two.
    if (earlier.monthsClosed > m.monthsClosed) {
      io.err(
        `${values.previous}: actuals: its actuals run to ${earlier.actualsTo}, after ${m.actualsTo ?? "the start of the year"} (${file}): the previous report must be an earlier one; swap the two files?\n`,
      );
      return EXIT.badInput;
    }
    // The previous report's outturn by line: the movement is measured against it.
    const since = movementSince(m, earlier);
    if (!since.ok) {
      const list = (ids: string[]) => ids.map((id) => `"${id}"`).join(", ");
      const many = (ids: string[]) => ids.length > 1;
      if (since.missing.length)
        io.err(
          `${file}: budget: ${list(since.missing)} ${many(since.missing) ? "are" : "is"} in ${values.previous} but not in this report, so ${many(since.missing) ? "their" : "its"} movement would show in no row: give ${many(since.missing) ? "each" : "it"} a budget here (0 if none)\n`,
        );
      if (since.absent.length)
        io.err(
          `${values.previous}: lines: gives no outturn for ${list(since.absent)}, ${many(since.absent) ? "lines" : "a line"} of this report (${file}), so ${many(since.absent) ? "their" : "its"} movement would be ${many(since.absent) ? "their" : "its"} whole outturn: measure against the report that has ${many(since.absent) ? "them" : "it"}, or give its figures in a previous: block (0 for a line it did not have)\n`,
        );
      return EXIT.badInput;
    }
    m = { ...since.result, previousBasis: before.recomputed ? "recomputed" : "as reported" };
  }
  if (values.out !== undefined) {
    const xlsx = await monitoringWorkbook(m);
    const charts = await chartFiles(
      monitoringPackCharts(m, contextOf(read.result, `Source: ${file}; hnb monitor`)),
    );
    await writeFilesAtomic(
      values.out,
      {
        "monitoring.json": `${JSON.stringify(m, null, 2)}\n`,
        "monitoring.txt": monitoringText(m),
        "monitoring.xlsx": xlsx,
        ...charts,
      },
      { inputs },
    );
    if (!values.quiet)
      io.err(
        `hnb: wrote monitoring.json, monitoring.txt, monitoring.xlsx, ${Object.keys(charts).join(", ")} to ${values.out}\n`,
      );
  }
  if (values.json) io.out(`${JSON.stringify(m)}\n`);
  else if (values.out === undefined || !values.quiet) io.out(monitoringText(m));
  return EXIT.ok;
}

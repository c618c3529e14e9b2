// The monitoring file's schema (hnb-monitoring/1) and its parsers: budget, actuals by month, the
// profile and the previous report's outturn.
import { z } from "zod";
import { plainText } from "../scenario/schema.js";
import { type Problem, structuralProblems } from "../scenario/validate.js";
import { fyYear } from "../units/time.js";

/** The monitoring file's schema version. */
export const MONITORING_VERSION = "hnb-monitoring/1";

/** The months of a financial year, April first. */
export const MONTHS = [
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
  "Jan",
  "Feb",
  "Mar",
] as const;

// Monitoring files take amounts as plain numbers (a ledger's figures), not the formulas scenarios allow.
const money = z
  .number({ error: "expected an amount in £ as a plain number (monitoring files take no formulas)" })
  .refine((v) => Number.isFinite(v) && Math.abs(v) <= 1e12, {
    error: "must be a finite amount within ±£1e12",
  });

const lineMap = z.record(z.string(), money);

// A month's actuals may be negative (a credit or an accrual reversed); a budget may not.
const budgetMap = z.record(
  z.string(),
  money.refine((v) => v >= 0, { error: "must be £0 or more: a budget for spending" }),
);

export const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** The monitoring file (one schema at the boundary, as for scenarios). */
export const MonitoringSchema = z.strictObject({
  schema: z.literal(MONITORING_VERSION, { error: `must be "${MONITORING_VERSION}"` }),
  // Names head the report and the movement column: no control or bidirectional characters.
  name: plainText("a report name"),
  /** The scenario file the rest of the year is forecast from, relative to the monitoring file. */
  scenario: z.string().min(1, { error: "must name the scenario file" }),
  /** The financial year monitored, e.g. "2022-23": one of the scenario's reported years. */
  fy: z
    .string()
    .refine((s) => fyYear(s) !== undefined, { error: 'must be a financial year such as "2022-23"' }),
  /** Which of the scenario's forecasts the rest of the year follows (default: mitigated where it has levers). */
  forecast: z.enum(["unmitigated", "mitigated"]).optional(),
  /** How the model's annual cost falls across months: even, or twelve shares (April first) adding up to 1. */
  profile: z
    .union(
      [
        z.literal("even"),
        z
          .array(z.number())
          .length(12)
          // One message for the list, not twelve: shares typed as percentages are the usual slip.
          .refine((xs) => xs.every((x) => x >= 0 && x <= 1), {
            error: "each share must be from 0 to 1: a month of 8.33% is 0.0833",
          }),
      ],
      {
        error:
          'must be "even" or a list of twelve shares from 0 to 1 (April first) adding up to 1: a month of 8.33% is 0.0833',
      },
    )
    .default("even"),
  /** The year's budget by line: placement, line or staffing id → £. */
  budget: budgetMap,
  /** Spend by month ("2022-04" …) and line, for the months that have closed. */
  actuals: z.record(z.string(), lineMap).default({}),
  /** The previous report's forecast outturn by line, to show the movement since it. */
  previous: z.strictObject({ name: plainText("a report name"), outturn: lineMap }).optional(),
  source: plainText("a source").optional(),
});

/** A validated monitoring file. */
export type Monitoring = z.output<typeof MonitoringSchema>;

/**
 * A report as `hnb monitor --out` wrote it (monitoring.json): what `--previous` measures the movement
 * against when the figures must be those the earlier report gave, not its files recomputed today.
 */
export const ReportedMonitoringSchema = z
  .looseObject({
    name: plainText("a report name"),
    fy: z
      .string()
      .refine((s) => fyYear(s) !== undefined, { error: 'must be a financial year such as "2022-23"' }),
    actualsTo: z.string().nullable(),
    monthsClosed: z.number().int().min(0).max(12),
    lines: z.array(z.looseObject({ id: z.string().min(1), outturn: money })),
  })
  .superRefine((r, ctx) => {
    // The months closed are the year's first ones: actualsTo is the last of them, or null for none.
    const expected = r.monthsClosed === 0 ? null : monthKey(r.fy, r.monthsClosed - 1);
    if (r.actualsTo !== expected)
      ctx.addIssue({
        code: "custom",
        path: ["actualsTo"],
        message: `is ${JSON.stringify(r.actualsTo)}, but ${r.monthsClosed} month${r.monthsClosed === 1 ? "" : "s"} of ${r.fy} closed means ${expected === null ? "null (no month closed)" : `"${expected}"`}: is the file as hnb monitor --out wrote it?`,
      });
    // Each line once: a second would silently replace the first's outturn.
    const seen = new Set<string>();
    r.lines.forEach((l, i) => {
      if (seen.has(l.id))
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "id"],
          message: `line "${l.id}" is given a second time: each line once`,
        });
      seen.add(l.id);
    });
  });

/** A report read back from its monitoring.json (the fields the movement needs). */
export interface ReportedMonitoring {
  name: string;
  fy: string;
  actualsTo: string | null;
  monthsClosed: number;
  lines: readonly { id: string; outturn: number }[];
}

// One schema at the boundary: the value, or every problem with its field's path.
function checked<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const r = schema.safeParse(raw, { reportInput: true });
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, problems: structuralProblems(schema, r.error.issues, raw) };
}

/** Checks a monitoring.json written by `hnb monitor --out`; problems name the field's path. @example parseReportedMonitoring(JSON.parse(text)) */
export function parseReportedMonitoring(
  raw: unknown,
): { ok: true; report: ReportedMonitoring } | { ok: false; problems: Problem[] } {
  const r = checked(ReportedMonitoringSchema, raw);
  return r.ok ? { ok: true, report: r.value } : r;
}

/** Checks a raw monitoring file against the schema; problems name the field's path. @example parseMonitoring(yaml.parse(text)) */
export function parseMonitoring(
  raw: unknown,
): { ok: true; monitoring: Monitoring } | { ok: false; problems: Problem[] } {
  const r = checked(MonitoringSchema, raw);
  return r.ok ? { ok: true, monitoring: r.value } : r;
}

/** The month key ("2022-04") of month m (0 = April) of a financial year. @example monthKey("2022-23", 0) === "2022-04" */
export function monthKey(fy: string, m: number): string {
  const start = (fyYear(fy) ?? 0) - 1;
  const year = m < 9 ? start : start + 1;
  return `${year}-${String(((m + 3) % 12) + 1).padStart(2, "0")}`;
}

// In-year monitoring, as every termly Forum paper opens: for the current financial year, each
// line's budget, what has been spent to date, the forecast outturn (actuals to date plus the rest
// of the year from the model, profiled by month), the variance against budget and the movement
// since the previous report. The years after start from the forecast outturn.
import { z } from "zod";
import { didYouMean } from "./names.js";
import type { ForecastResult, LedgerRow } from "./result.js";
import { fyYear } from "./time.js";
import { formatPath, type Problem, structuralProblems } from "./validate.js";

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
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** The monitoring file (one schema at the boundary, as for scenarios). */
export const MonitoringSchema = z.strictObject({
  schema: z.literal(MONITORING_VERSION, { error: `must be "${MONITORING_VERSION}"` }),
  name: z.string().min(1, { error: "must not be empty" }),
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
    .union([z.literal("even"), z.array(z.number().min(0).max(1)).length(12)], {
      error: 'must be "even" or a list of twelve shares from 0 to 1 (April first) adding up to 1',
    })
    .default("even"),
  /** The year's budget by line: placement, line or staffing id → £. */
  budget: budgetMap,
  /** Spend by month ("2022-04" …) and line, for the months that have closed. */
  actuals: z.record(z.string(), lineMap).default({}),
  /** The previous report's forecast outturn by line, to show the movement since it. */
  previous: z.strictObject({ name: z.string().min(1), outturn: lineMap }).optional(),
  source: z.string().optional(),
});

/** A validated monitoring file. */
export type Monitoring = z.output<typeof MonitoringSchema>;

/** One line of the monitoring table. */
export interface MonitoringLine {
  id: string;
  label: string;
  budget: number;
  /** Actual spend in the months to date. */
  actual: number;
  /** The model's cost for the months still to come (its annual cost × their profile share). */
  remaining: number;
  /** actual + remaining. */
  outturn: number;
  /** outturn − budget (positive: overspend). */
  variance: number;
  /** outturn − previous outturn, where a previous report is given. */
  movement?: number;
}

/** The monitoring result: lines and totals, and the ledger from the monitored year on. */
export interface MonitoringResult {
  name: string;
  fy: string;
  /** The last month with actuals ("2022-09"), or none. */
  actualsTo: string | null;
  monthsClosed: number;
  forecast: "unmitigated" | "mitigated";
  lines: MonitoringLine[];
  total: Omit<MonitoringLine, "id" | "label">;
  previous?: string;
  /** The scenario's ledger with the monitored year's expenditure replaced by the forecast outturn; later years carry the difference. */
  ledger: LedgerRow[];
}

/** Checks a raw monitoring file against the schema; problems name the field's path. @example parseMonitoring(yaml.parse(text)) */
export function parseMonitoring(
  raw: unknown,
): { ok: true; monitoring: Monitoring } | { ok: false; problems: Problem[] } {
  const r = MonitoringSchema.safeParse(raw, { reportInput: true });
  if (r.success) return { ok: true, monitoring: r.data };
  return { ok: false, problems: structuralProblems(MonitoringSchema, r.error.issues, raw) };
}

/** The month key ("2022-04") of month m (0 = April) of a financial year. @example monthKey("2022-23", 0) === "2022-04" */
export function monthKey(fy: string, m: number): string {
  const start = (fyYear(fy) ?? 0) - 1;
  const year = m < 9 ? start : start + 1;
  return `${year}-${String(((m + 3) % 12) + 1).padStart(2, "0")}`;
}

/**
 * The monitoring table of a financial year from the scenario's forecast: every problem found in the
 * file against the scenario (months out of order or not yet due, lines the scenario does not have,
 * a year it does not report) is returned, none ignored.
 * @example monitor(monitoringFile, forecast(scenario))
 */
export function monitor(
  m: Monitoring,
  result: ForecastResult,
): { ok: true; result: MonitoringResult } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const push = (path: (string | number)[], message: string) =>
    problems.push({ path: formatPath(path), message });
  const k = result.financialYears.indexOf(m.fy);
  // Every other check reads the model's lines in that year: without it they would all fail too.
  if (k < 0) {
    push(
      ["fy"],
      `${m.fy} is not a year the scenario reports (${result.financialYears[0]} to ${result.financialYears.at(-1)})`,
    );
    return { ok: false, problems };
  }
  const which = m.forecast ?? (result.levers.length ? "mitigated" : "unmitigated");
  const f = result[which];
  // Every line the model costs in the year: placements, other lines, HNB staffing. Ids are unique
  // within each list only, so an id used in two lists is named with its list ("lines.hospital").
  const entries = [
    ...f.placements.filter((p) => p.fy === m.fy).map((p) => ["placements", p.id, p.label, p.cost] as const),
    ...f.lines.filter((l) => l.fy === m.fy).map((l) => ["lines", l.id, l.label, l.cost] as const),
    ...f.staffing
      .filter((x) => x.fy === m.fy && x.fundedBy === "HNB")
      .map((x) => ["staffing", x.id, x.role, x.cost] as const),
  ];
  const uses = new Map<string, number>();
  for (const [section, id] of entries) uses.set(id, (uses.get(id) ?? 0) + (section ? 1 : 0));
  const model = new Map<string, { label: string; cost: number }>();
  for (const [section, id, label, cost] of entries) {
    const key = (uses.get(id) ?? 0) > 1 ? `${section}.${id}` : id;
    model.set(key, { label, cost: (model.get(key)?.cost ?? 0) + cost });
  }
  const ids = [...model.keys()];
  const known = (id: string, path: (string | number)[]) => {
    if (model.has(id)) return true;
    push(path, `line "${id}" is not a placement, line or staffing id of the scenario${didYouMean(id, ids)}`);
    return false;
  };
  for (const id of Object.keys(m.budget)) known(id, ["budget", id]);
  // A budget must cover every line the model costs that year, or the variance would be silently partial.
  for (const [id, v] of model)
    if (v.cost !== 0 && !(id in m.budget))
      push(
        ["budget", id],
        `is missing: the scenario costs "${id}" in ${m.fy}; give its budget (0 if none was set)`,
      );
  // Months: keys of this year only, in order, with no gap and none after the last closed one.
  const keys = Object.keys(m.actuals);
  const due = MONTHS.map((_, i) => monthKey(m.fy, i));
  let closed = 0;
  keys.forEach((key, i) => {
    if (!MONTH_KEY.test(key))
      return push(["actuals", key], 'is not a month: expected YYYY-MM, e.g. "2022-04"');
    const at = due.indexOf(key);
    if (at < 0) return push(["actuals", key], `is not a month of ${m.fy} (${due[0]} to ${due[11]})`);
    if (at !== i)
      return push(
        ["actuals", key],
        at > i
          ? `comes before ${due[i]}, which has no actuals: months must run in order from ${due[0]} with none missing`
          : "is out of order",
      );
    closed = i + 1;
    for (const id of Object.keys(m.actuals[key] ?? {})) known(id, ["actuals", key, id]);
  });
  // A closed month gives every line of the table: a line left out would count as £0 spent, which
  // turns an overspend into an underspend with nothing said.
  const tabled = [...model.entries()].filter(([id, v]) => v.cost !== 0 || id in m.budget).map(([id]) => id);
  for (const key of keys.slice(0, closed)) {
    const month = m.actuals[key] ?? {};
    const missing = tabled.filter((id) => !(id in month));
    if (missing.length)
      push(
        ["actuals", key],
        `gives no spend for ${missing.map((id) => `"${id}"`).join(", ")}: give each line's spend in a closed month (0 if none)`,
      );
  }
  if (m.previous) for (const id of Object.keys(m.previous.outturn)) known(id, ["previous", "outturn", id]);
  const shares = m.profile === "even" ? MONTHS.map(() => 1 / 12) : m.profile;
  const sum = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-6) push(["profile"], `shares add up to ${sum}, not 1`);
  if (problems.length) return { ok: false, problems };
  const remainingShare = shares.slice(closed).reduce((a, b) => a + b, 0);
  const lines: MonitoringLine[] = [...model.entries()]
    .filter(([id]) => tabled.includes(id))
    .map(([id, v]) => {
      const actual = keys.reduce((a, key) => a + (m.actuals[key]?.[id] as number), 0);
      const remaining = v.cost * remainingShare;
      const outturn = actual + remaining;
      const budget = m.budget[id] ?? 0;
      const line: MonitoringLine = {
        id,
        label: v.label,
        budget,
        actual,
        remaining,
        outturn,
        variance: outturn - budget,
      };
      if (m.previous) line.movement = outturn - (m.previous.outturn[id] ?? 0);
      return line;
    });
  const total = {
    budget: lines.reduce((a, l) => a + l.budget, 0),
    actual: lines.reduce((a, l) => a + l.actual, 0),
    remaining: lines.reduce((a, l) => a + l.remaining, 0),
    outturn: lines.reduce((a, l) => a + l.outturn, 0),
    variance: lines.reduce((a, l) => a + l.variance, 0),
    ...(m.previous ? { movement: lines.reduce((a, l) => a + (l.movement ?? 0), 0) } : {}),
  };
  // The year's expenditure becomes the outturn (plus anything the table does not list, such as grant
  // spend); every later cumulative balance carries the difference.
  const listed = lines.reduce((a, l) => a + (model.get(l.id)?.cost ?? 0), 0);
  const shift = total.outturn - listed;
  let carried = 0;
  const ledger = f.ledger.map((r, i) => {
    if (i < k) return { ...r };
    if (i === k) carried = shift;
    const expenditure = r.expenditure + (i === k ? shift : 0);
    const inYear = r.income - expenditure;
    return { ...r, expenditure, inYear, cumulative: r.cumulative - carried };
  });
  return {
    ok: true,
    result: {
      name: m.name,
      fy: m.fy,
      actualsTo: closed ? (due[closed - 1] as string) : null,
      monthsClosed: closed,
      forecast: which,
      lines,
      total,
      ...(m.previous ? { previous: m.previous.name } : {}),
      ledger,
    },
  };
}

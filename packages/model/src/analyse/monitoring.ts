// In-year monitoring, as every termly Forum paper opens: for the current financial year, each
// line's budget, what has been spent to date, the forecast outturn (actuals to date plus the rest
// of the year from the model, profiled by month), the variance against budget and the movement
// since the previous report. The years after start from the forecast outturn.
import { z } from "zod";
import type { ForecastResult, LedgerRow } from "../derive/result.js";
import { didYouMean } from "../scenario/names.js";
import { plainText } from "../scenario/schema.js";
import { formatPath, type Problem, structuralProblems } from "../scenario/validate.js";
import { formatMoney, formatNumber } from "../units/money.js";
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
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

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
  /**
   * What the movement is measured against: the previous report's figures as it gave them (a
   * `previous:` block, or its monitoring.json), or its monitoring file recomputed from its scenario
   * as that is now (a scenario revised since moves them too).
   */
  previousBasis?: "as reported" | "recomputed";
  /**
   * Lines whose spend to date runs away from the model (by more than RUN_RATE_TOLERANCE of the
   * model's cost for the closed months and £1,000), with the outturn the year-to-date rate would
   * give; and spend to date below zero. The outturn stays actuals + the model's rest of the year:
   * these say where that may be optimistic or pessimistic.
   */
  warnings: string[];
  /** The scenario's ledger with the monitored year's expenditure replaced by the forecast outturn; later years carry the difference. */
  ledger: LedgerRow[];
}

/** How far (as a share of the model's cost for the closed months) spend to date may run from the model before it is flagged. */
export const RUN_RATE_TOLERANCE = 0.05;
/** How far a stated profile's shares may add up from 1 and be scaled to 1 (twelve shares typed to 4 places). */
export const PROFILE_TOLERANCE = 0.001;

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

/**
 * The monitoring table of a financial year from the scenario's forecast: every problem found in the
 * file against the scenario (months out of order, missing or, given `today`, not yet closed; lines
 * the scenario does not have; a year it does not report) is returned, none ignored. `today`
 * ("2026-11") comes from the caller: the engine reads no clock.
 * @example monitor(monitoringFile, forecast(scenario), { today: "2026-11" })
 */
export function monitor(
  m: Monitoring,
  result: ForecastResult,
  options: { today?: string } = {},
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
  const model = new Map<string, { label: string; cost: number; section: (typeof entries)[number][0] }>();
  for (const [section, id, label, cost] of entries) {
    const key = (uses.get(id) ?? 0) > 1 ? `${section}.${id}` : id;
    model.set(key, { label, cost: (model.get(key)?.cost ?? 0) + cost, section });
  }
  const ids = [...model.keys()];
  const known = (id: string, path: (string | number)[]) => {
    if (model.has(id)) return true;
    const both = ids.filter((key) => key.endsWith(`.${id}`));
    push(
      path,
      both.length > 1
        ? `line "${id}" is in more than one list of the scenario: name it ${both.map((key) => `"${key}"`).join(" or ")}`
        : `line "${id}" is not a placement, line or staffing id of the scenario${didYouMean(id, ids)}`,
    );
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
  // Months: keys of this year only, in order from April with none missing, none not yet closed.
  const keys = Object.keys(m.actuals);
  const due = MONTHS.map((_, i) => monthKey(m.fy, i));
  const positions = keys.map((key) => {
    if (!MONTH_KEY.test(key)) {
      push(["actuals", key], 'is not a month: expected YYYY-MM, e.g. "2022-04"');
      return -1;
    }
    const at = due.indexOf(key);
    if (at < 0) push(["actuals", key], `is not a month of ${m.fy} (${due[0]} to ${due[11]})`);
    return at;
  });
  const closed = positions.every((at) => at >= 0) ? keys.length : 0;
  if (closed) {
    const after = keys.findIndex((_, i) => i > 0 && (positions[i] as number) < (positions[i - 1] as number));
    const gaps = due.slice(0, Math.max(...positions) + 1).filter((key) => !keys.includes(key));
    if (after >= 0)
      push(
        ["actuals", keys[after] as string],
        `is listed after ${keys[after - 1]}: list the months in order from ${due[0]}`,
      );
    if (gaps.length)
      push(
        ["actuals"],
        `has no ${gaps.join(", ")}: months run from ${due[0]} with none missing (give 0 for a line with no spend)`,
      );
    const early = options.today === undefined ? [] : keys.filter((key) => key >= (options.today as string));
    if (early.length)
      push(
        ["actuals", early[0] as string],
        `${early.length > 1 ? `${early[0]} to ${early.at(-1)} have` : "has"} not closed yet (this month is ${options.today}): give actuals for closed months only`,
      );
  }
  for (const key of keys) for (const id of Object.keys(m.actuals[key] ?? {})) known(id, ["actuals", key, id]);
  // Spend on a line with no budget and no model cost would otherwise be left out of the table and
  // the outturn: it needs a budget (0 if none was set) to be tabled.
  const tabledIds = new Set(
    [...model.entries()].filter(([id, v]) => v.cost !== 0 || id in m.budget).map(([id]) => id),
  );
  for (const key of keys)
    for (const [id, v] of Object.entries(m.actuals[key] ?? {}))
      if (v !== 0 && model.has(id) && !tabledIds.has(id) && !(id in m.budget)) {
        push(
          ["budget", id],
          `is missing: ${key} has spend on "${id}", which the scenario does not cost in ${m.fy}; give its budget (0 if none was set) so the spend is in the table`,
        );
        tabledIds.add(id);
      }
  const tabled = [...tabledIds];
  // A closed month gives every line of the table: a line left out would count as £0 spent, which
  // turns an overspend into an underspend with nothing said.
  for (const key of keys.slice(0, closed)) {
    const month = m.actuals[key] ?? {};
    const missing = tabled.filter((id) => !(id in month));
    if (missing.length)
      push(
        ["actuals", key],
        `gives no spend for ${missing.map((id) => `"${id}"`).join(", ")}: give each line's spend in a closed month (0 if none)`,
      );
  }
  if (m.previous) {
    const given = m.previous.outturn;
    for (const id of Object.keys(given))
      if (known(id, ["previous", "outturn", id]) && !tabledIds.has(id))
        push(
          ["previous", "outturn", id],
          `"${id}" is not in this report's table (no budget, model cost or spend in ${m.fy}): give it a budget (0 if none) so its movement shows`,
        );
    const missing = tabled.filter((id) => !(id in given));
    if (missing.length)
      push(
        ["previous", "outturn"],
        `gives no outturn for ${missing.map((id) => `"${id}"`).join(", ")}: give each line's outturn in ${m.previous.name} (0 if it had none)`,
      );
  }
  // Shares typed to three or four places (twelve of 0.0833 add up to 0.9996) are scaled to add up to
  // 1, and the report says so; further off is a mistake to correct.
  const given = m.profile === "even" ? MONTHS.map(() => 1 / 12) : m.profile;
  const sum = given.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROFILE_TOLERANCE)
    push(["profile"], `shares add up to ${Number(sum.toFixed(6))}, not 1 (within ${PROFILE_TOLERANCE})`);
  const shares = Math.abs(sum - 1) > 1e-9 ? given.map((x) => x / sum) : given;
  if (problems.length) return { ok: false, problems };
  const remainingShare = shares.slice(closed).reduce((a, b) => a + b, 0);
  const closedShare = shares.slice(0, closed).reduce((a, b) => a + b, 0);
  const warnings: string[] = [];
  if (Math.abs(sum - 1) > 1e-9)
    warnings.push(
      `profile: the twelve shares add up to ${Number(sum.toFixed(6))}; each was scaled to make them add up to 1`,
    );
  const lines: MonitoringLine[] = [...model.entries()]
    .filter(([id]) => tabledIds.has(id))
    .map(([id, v]) => {
      const actual = keys.reduce((a, key) => a + (m.actuals[key]?.[id] as number), 0);
      const remaining = v.cost * remainingShare;
      const outturn = actual + remaining;
      const budget = m.budget[id] ?? 0;
      warnings.push(
        ...runRateWarnings(v.label, actual, v.cost, closedShare, remainingShare, due[closed - 1]),
      );
      return { id, label: v.label, budget, actual, remaining, outturn, variance: outturn - budget };
    });
  const monitored = totalled(lines);
  // The year's expenditure becomes the outturn (plus anything the table does not list, such as grant
  // spend); every later cumulative balance carries the difference. Each part of the year's
  // expenditure (placements, lines, staffing) moves by its own lines' difference, so the parts still
  // add up to the expenditure.
  const moved = { placements: 0, lines: 0, staffing: 0 };
  for (const l of lines) {
    const v = model.get(l.id) as { cost: number; section: keyof typeof moved };
    moved[v.section] += l.outturn - v.cost;
  }
  const shift = moved.placements + moved.lines + moved.staffing;
  let carried = 0;
  const ledger = f.ledger.map((r, i) => {
    if (i < k) return { ...r };
    if (i > k) return { ...r, cumulative: r.cumulative - carried };
    carried = shift;
    const expenditure = r.expenditure + shift;
    const inYear = r.income - expenditure;
    return {
      ...r,
      expenditure,
      inYear,
      cumulative: r.cumulative - carried,
      placementCost: r.placementCost + moved.placements,
      lineCost: r.lineCost + moved.lines,
      staffingCost: r.staffingCost + moved.staffing,
      ...(r.netExpenditure !== undefined ? { netExpenditure: r.netExpenditure + shift } : {}),
    };
  });
  const report: MonitoringResult = {
    name: m.name,
    fy: m.fy,
    actualsTo: closed ? (due[closed - 1] as string) : null,
    monthsClosed: closed,
    forecast: which,
    lines: monitored.lines,
    total: monitored.total,
    warnings,
    ledger,
  };
  if (!m.previous) return { ok: true, result: report };
  const since = movementSince(report, {
    name: m.previous.name,
    lines: Object.entries(m.previous.outturn).map(([id, outturn]) => ({ id, outturn })),
  });
  // Checked above: every line of the table has a previous outturn and every previous line is tabled.
  return {
    ok: true,
    result: { ...(since as { ok: true; result: MonitoringResult }).result, previousBasis: "as reported" },
  };
}

const thousands = (v: number) => formatMoney(v, { unit: "thousands", symbol: true, suffix: true });

/**
 * What a line's spend to date says about its outturn: flagged when it runs from the model's cost for
 * the closed months by more than RUN_RATE_TOLERANCE (and £1,000), with the outturn at the
 * year-to-date rate; and when it is below zero. Nothing once the year has closed.
 * @example runRateWarnings("INMSS", 6_366_500, 11_900_000, 0.5, 0.5, "2021-09")[0] // "INMSS: spent £6,367k to 2021-09, 7.0% above …"
 */
export function runRateWarnings(
  label: string,
  actual: number,
  cost: number,
  closedShare: number,
  remainingShare: number,
  to: string | undefined,
): string[] {
  if (to === undefined) return [];
  const out: string[] = [];
  if (actual < 0)
    out.push(
      `${label}: spend to ${to} is below zero (${thousands(actual)}): credits larger than the spend; check the actuals`,
    );
  if (remainingShare <= 0) return out;
  const modelled = cost * closedShare;
  const outturn = actual + cost * remainingShare;
  if (modelled === 0) {
    if (actual >= 1000)
      out.push(
        cost === 0
          ? `${label}: spent ${thousands(actual)} to ${to} but the model costs it nothing in the year: the rest of the year is forecast at £0`
          : `${label}: spent ${thousands(actual)} to ${to}, months in which the profile expects none of its cost: check the profile`,
      );
    return out;
  }
  const gap = actual - modelled;
  // Judged on the percentage as printed, so a line shown at "5.0%" is never flagged beside another
  // at "5.0%" that is not.
  const pct = Math.round((1000 * Math.abs(gap)) / Math.abs(modelled)) / 10;
  if (pct > 100 * RUN_RATE_TOLERANCE && Math.abs(gap) >= 1000 && actual >= 0)
    out.push(
      `${label}: spent ${thousands(actual)} to ${to}, ${formatNumber(pct, 1, 1)}% ${gap > 0 ? "above" : "below"} the model's ${thousands(modelled)} for those months; at the year-to-date rate the outturn would be ${thousands(actual / closedShare)}, not ${thousands(outturn)}`,
    );
  return out;
}

/** A monitoring table's lines with their column totals. @example totalled(lines).total.outturn */
function totalled(lines: MonitoringLine[]): Pick<MonitoringResult, "lines" | "total"> {
  const moved = lines.every((l) => l.movement !== undefined);
  return {
    lines,
    total: {
      budget: lines.reduce((a, l) => a + l.budget, 0),
      actual: lines.reduce((a, l) => a + l.actual, 0),
      remaining: lines.reduce((a, l) => a + l.remaining, 0),
      outturn: lines.reduce((a, l) => a + l.outturn, 0),
      variance: lines.reduce((a, l) => a + l.variance, 0),
      ...(moved && lines.length ? { movement: lines.reduce((a, l) => a + (l.movement ?? 0), 0) } : {}),
    },
  };
}

/**
 * The movement of each line since an earlier report (outturn − its outturn there), the total the sum
 * of the lines'. A line the earlier report had and this one does not is named (`missing`), never
 * dropped: its movement would be in no row; a line this one has and the earlier report does not is
 * named too (`absent`), never counted as moving from £0, as a `previous:` block must give every line.
 * @example movementSince(monitored, { name: "Q1", lines: [{ id: "special", outturn: 31_079_000 }] }).ok
 */
export function movementSince(
  current: MonitoringResult,
  before: { name: string; lines: readonly { id: string; outturn: number }[] },
): { ok: true; result: MonitoringResult } | { ok: false; missing: string[]; absent: string[] } {
  const ids = new Set(current.lines.map((l) => l.id));
  const missing = before.lines.filter((l) => !ids.has(l.id)).map((l) => l.id);
  // A line the earlier report does not give would move from £0: its whole outturn, as a movement.
  const then = new Map(before.lines.map((l) => [l.id, l.outturn]));
  const absent = current.lines.filter((l) => !then.has(l.id)).map((l) => l.id);
  if (missing.length || absent.length) return { ok: false, missing, absent };
  const table = totalled(current.lines.map((l) => ({ ...l, movement: l.outturn - (then.get(l.id) ?? 0) })));
  return { ok: true, result: { ...current, ...table, previous: before.name } };
}

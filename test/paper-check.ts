// The check of a Forum paper against the JSON it was drafted from: every figure in its text is found
// among the section's source values (rounded as the paper rounds them), the key figures are all there,
// and every table cell equals its source value. Expectations are built here from the JSON alone, not
// from the paper's own functions, so a wrong figure in the paper is a failure here.
import { DEFAULT_WORDING, type Wording } from "@hnb/charts";
import {
  demandWarnings,
  type ForecastResult,
  formatNumber,
  LEVER_TYPE_NAMES,
  roundMoney,
  SCHOOLS_FORUM_LIMIT,
  type Scenario,
  type UncertaintyOutput,
} from "@hnb/model";
import type { DocImage, DocItem, DocTable } from "./docx-reader.js";

/** What a paper is checked against: the JSON the CLI prints (result and, with paths, uncertainty), the scenario and chart alt texts. */
export interface PaperTruth {
  json: ForecastResult & { uncertainty?: UncertaintyOutput };
  scenario: Scenario;
  /** name → alt text, as chart-descriptions.md has them. */
  alts: Record<string, string>;
  /** Strings the paper quotes verbatim that are not in the JSON (the engine's demand warnings, say). */
  quoted?: readonly string[];
  /** The plan's name, where the scenario gives one. */
  plan?: string;
  /** The wording the paper was drafted with (default: the built-in one). */
  wording?: Wording;
}

// Money and shares as the paper writes them, from the JSON values, with the project's one rounding.
/** £ in a sentence, size only: £235.6m from £1m, else £450k. */
export const M = (v: number): string =>
  Math.abs(v) >= 1e6
    ? `£${formatNumber(roundMoney(Math.abs(v), "millions", 1), 1, 1)}m`
    : `£${formatNumber(roundMoney(Math.abs(v), "thousands"))}k`;
/** £ in a sentence with a minus sign for a cost. */
export const S = (v: number): string => (v < 0 && M(v) !== "£0k" ? `\u2212${M(v)}` : M(v));
/** £ thousands in a table cell, deficits in brackets. */
export const K = (v: number): string => {
  const r = roundMoney(v, "thousands");
  return r < 0 ? `(${formatNumber(-r)})` : formatNumber(r);
};
export const P = (share: number, decimals = 1): string => `${formatNumber(100 * share, decimals, decimals)}%`;
const N = (v: number) => formatNumber(Math.round(v));
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const dateOf = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m as number) - 1]} ${y}`;
};

/** A figure in the text: its kind and how it is written. */
export interface Token {
  kind: "date" | "fy" | "money" | "percent" | "number";
  text: string;
}

const PATTERNS: [Token["kind"], RegExp][] = [
  ["date", new RegExp(`\\b\\d{1,2} (?:${MONTHS.join("|")}) \\d{4}\\b`, "g")],
  ["fy", /\b\d{4}-\d{2}\b/g],
  ["money", /\u2212?£[\d,]+(?:\.\d+)?[km]?/g],
  ["percent", /\d[\d,]*(?:\.\d+)?%/g],
  ["number", /\d[\d,]*(?:\.\d+)?/g],
];

/** Every figure in a text, after the strings quoted from the JSON or scenario are taken out. */
export function tokens(text: string, quoted: readonly string[]): Token[] {
  let rest = text;
  for (const q of quoted) rest = rest.split(q).join(" ");
  const out: Token[] = [];
  for (const [kind, re] of PATTERNS)
    rest = rest.replace(re, (t) => {
      out.push({ kind, text: t });
      return " ";
    });
  return out;
}

/** The strings of a value (deep) that hold a digit and are not themselves a figure: quoted, not computed. */
export function quotedStrings(...values: unknown[]): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (/\d/.test(v) && !/^[\d\-.,%£ ]+$/.test(v)) found.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return [...found].sort((a, b) => b.length - a.length);
}

/** The body split at its Heading1 paragraphs: heading text → items (the front matter under ""). */
export function sections(items: readonly DocItem[]): Map<string, DocItem[]> {
  const out = new Map<string, DocItem[]>([["", []]]);
  let current = "";
  for (const item of items) {
    if (item.kind === "p" && item.style === "Heading1") {
      current = item.text;
      out.set(current, []);
    } else out.get(current)?.push(item);
  }
  return out;
}

interface Expect {
  /** Figures the section may hold. */
  allowed: string[];
  /** Figures it must hold. */
  required: string[];
}

/**
 * Every failure of a paper against its JSON, as messages ("summary: £235.7m is not a source value").
 * Empty when every figure checks.
 */
export function checkPaper(items: readonly DocItem[], truth: PaperTruth): string[] {
  const { json: r, scenario } = truth;
  const W = truth.wording ?? (DEFAULT_WORDING as Wording);
  const failures: string[] = [];
  const plan = truth.plan ?? W.names.plan;
  const heading = (t: string) => t.replace("{plan}", plan);
  const quoted = quotedStrings(r, scenario, Object.values(truth.alts), truth.quoted ?? []);
  const parts = sections(items);
  const levers = r.levers.length > 0;
  const last = r.financialYears.at(-1) as string;
  const o = r.statutoryOverride;
  const u = r.uncertainty;

  const grants = r.stabilityGrant ?? [];
  const G = (share: number) => `${formatNumber(100 * share, 2)}%`;
  // The position at the override's end with and without the grant, per forecast (spec §11).
  const sides =
    o.withinHorizon && o.stabilityGrant ? [o.stabilityGrant.unmitigated, o.stabilityGrant.mitigated] : [];
  const transfers = r[levers ? "mitigated" : "unmitigated"].transfers.filter((t) => t.rate > 0);

  const summary: Expect = {
    allowed: [
      dateOf(o.ends),
      o.fy,
      last,
      ...(o.withinHorizon
        ? [o.unmitigated, o.mitigated, (o.mitigated ?? 0) - (o.unmitigated ?? 0)].map((v) => M(v ?? 0))
        : [r.unmitigated.ledger.at(-1)?.cumulative ?? 0, r.mitigated.ledger.at(-1)?.cumulative ?? 0].map(M)),
      ...(o.usableReserves !== undefined
        ? [M(o.usableReserves), P(o.unmitigatedShareOfReserves ?? 0), P(o.mitigatedShareOfReserves ?? 0)]
        : []),
      ...[r.safetyValve.unmitigatedBalancedIn, r.safetyValve.mitigatedBalancedIn].filter(
        (x): x is string => x !== null,
      ),
      ...[r.leverTotals.bySide.savings, r.leverTotals.bySide.funding, r.leverTotals.total].map((x) =>
        S(x.shapley),
      ),
      ...(r.leverTotals.bySide.stabilityGrant ? [S(r.leverTotals.bySide.stabilityGrant.shapley)] : []),
      ...grants.flatMap((g) => [M(g.amount), M(g.eligibleDeficit), G(g.share), g.paidIn, g.deficitFY]),
      ...sides.flatMap((x) =>
        x
          ? [
              M(x.withoutGrant),
              M(x.accruedSince),
              M(x.historicRemaining),
              ...[x.accruedShareOfReserves].flatMap((v) => (v === undefined ? [] : [P(v)])),
            ]
          : [],
      ),
      ...(o.stabilityGrant ? [o.stabilityGrant.accruedFrom, o.stabilityGrant.deficitFY] : []),
      ...(r.plan?.submitted ? [dateOf(r.plan.submitted)] : []),
    ],
    required: [
      dateOf(o.ends),
      ...(o.withinHorizon
        ? [
            M(o.unmitigated ?? 0),
            ...(levers ? [M(o.mitigated ?? 0), M((o.mitigated ?? 0) - (o.unmitigated ?? 0))] : []),
          ]
        : []),
      ...(levers
        ? [
            S(r.leverTotals.bySide.savings.shapley),
            S(r.leverTotals.bySide.funding.shapley),
            S(r.leverTotals.total.shapley),
            ...(r.leverTotals.bySide.stabilityGrant ? [S(r.leverTotals.bySide.stabilityGrant.shapley)] : []),
          ]
        : []),
      ...grants.map((g) => M(g.amount)),
      ...(sides[0] ? [M(sides[0].withoutGrant), M(sides[0].accruedSince)] : []),
      ...(levers && sides[1] ? [M(sides[1].withoutGrant), M(sides[1].accruedSince)] : []),
    ],
  };
  const band = u?.ledger.find(
    (b) => b.measure === "cumulative" && b.fy === u.tornado.fy && b.forecast === u.tornado.forecast,
  );
  const central = u ? r[u.tornado.forecast].ledger.find((x) => x.fy === u.tornado.fy)?.cumulative : undefined;
  const top = u?.tornado.rows[0];
  // Every warning the engine gives is counted, one count per kind (none left out).
  const warningCounts = [
    r.calibration.reduce((a, c) => a + c.warnings.length, 0),
    r.unitCostWarnings.length,
    r.shiftWarnings.length,
    r.inputWarnings.length,
    demandWarnings(r.demand).length,
    r.baseYearWarnings.length,
  ]
    .filter((n) => n > 0)
    .map(N);
  const risks: Expect = u
    ? {
        allowed: [
          N(u.paths),
          String(u.seed),
          u.tornado.fy,
          ...[band?.p10, band?.p90, central, top?.low, top?.high].flatMap((v) =>
            v === undefined ? [] : [M(v)],
          ),
          ...warningCounts,
        ],
        required: [
          N(u.paths),
          ...(band ? [M(band.p10), M(band.p90)] : []),
          ...(top ? [M(top.low), M(top.high)] : []),
          ...warningCounts,
        ],
      }
    : { allowed: warningCounts, required: warningCounts };
  const svAllowed = r.safetyValvePayments.flatMap((p) => [p.fy, M(p.amount), M(p.inYearBefore), M(p.target)]);
  const expects: [string, Expect][] = [
    [
      "",
      {
        allowed: [N(r.illustrative.length)],
        required: r.illustrative.length ? [N(r.illustrative.length)] : [],
      },
    ],
    [W.headings.summary, summary],
    [
      W.headings.forecast,
      {
        allowed: [
          r.financialYears[0] as string,
          M(r.openingBalance),
          ...(o.laterYears.length ? [o.laterYears[0] as string, o.ends.slice(0, 4)] : []),
        ],
        required: [M(r.openingBalance)],
      },
    ],
    [
      heading(W.headings.plan),
      {
        allowed: [
          N(r.levers.length),
          last,
          ...r.grants.flatMap((g) => [M(g.income), M(g.spend), S(g.net)]),
          ...svAllowed,
          ...grants.flatMap((g) => [g.deficitFY, G(g.share)]),
        ],
        required: levers ? [N(r.levers.length), ...r.grants.map((g) => S(g.net)), ...svAllowed] : [],
      },
    ],
    [
      W.headings.transfer,
      {
        allowed: [N(transfers.length), P(SCHOOLS_FORUM_LIMIT)],
        required: transfers.length ? [N(transfers.length), P(SCHOOLS_FORUM_LIMIT)] : [],
      },
    ],
    [W.headings.charts, { allowed: [], required: [] }],
    [W.headings.risks, risks],
    [W.headings.methods, { allowed: [], required: [] }],
    [W.headings.appendix, { allowed: [r.financialYears[0] as string], required: [] }],
  ];

  for (const [name, expect] of expects) {
    const items = parts.get(name);
    if (!items) {
      failures.push(`no section "${name}"`);
      continue;
    }
    const seen = new Set<string>();
    for (const item of items) {
      if (item.kind !== "p") continue;
      for (const t of tokens(item.text, quoted)) {
        seen.add(t.text);
        if (!expect.allowed.includes(t.text))
          failures.push(`${name || "front"}: ${t.text} (${t.kind}) is not a source value, in "${item.text}"`);
      }
    }
    // A balance that rounds to nothing is written "nil", not £0k.
    for (const need of expect.required)
      if (need !== "£0k" && !seen.has(need)) failures.push(`${name || "front"}: ${need} is missing`);
  }

  failures.push(...checkTables(parts, truth, plan, W));
  failures.push(...checkCharts(parts, truth));
  for (const key of parts.keys())
    if (key !== "" && !expects.some(([n]) => n === key)) failures.push(`unexpected section "${key}"`);
  return failures;
}

function tablesOf(parts: Map<string, DocItem[]>, name: string): DocTable[] {
  return (parts.get(name) ?? []).filter((i): i is DocTable => i.kind === "table");
}

function checkTables(parts: Map<string, DocItem[]>, truth: PaperTruth, plan: string, W: Wording): string[] {
  const { json: r, scenario } = truth;
  const f: string[] = [];
  const same = (where: string, got: string | undefined, want: string) => {
    if (got !== want) f.push(`${where}: "${got}" where the JSON gives "${want}"`);
  };
  const levers = r.levers.length > 0;
  // The ledgers, years across: each row label is a field of the JSON's ledger rows.
  const F = W.forecast;
  const fields: [string, (x: ForecastResult["unmitigated"]["ledger"][number]) => number][] = [
    [F.hnb, (x) => x.hnb],
    [F.transfer, (x) => x.transfer],
    [F.otherIncome, (x) => x.otherIncome],
    [F.stabilityGrant, (x) => (x as { stabilityGrant?: number }).stabilityGrant ?? 0],
    [F.income, (x) => x.income],
    [F.placementCost, (x) => x.placementCost],
    [F.lineCost, (x) => x.lineCost],
    [F.staffingCost, (x) => x.staffingCost],
    [F.implementationCost, (x) => x.implementationCost],
    [F.expenditure, (x) => x.expenditure],
    [F.inYear, (x) => x.inYear],
    [F.cumulative, (x) => x.cumulative],
  ];
  const ledgers = tablesOf(parts, W.headings.forecast);
  const forecasts = levers ? (["unmitigated", "mitigated"] as const) : (["unmitigated"] as const);
  if (ledgers.length !== forecasts.length)
    f.push(`forecast: ${ledgers.length} tables, expected ${forecasts.length}`);
  forecasts.forEach((which, t) => {
    const table = ledgers[t];
    if (!table) return;
    const ledger = r[which].ledger;
    same(`${which} ledger header`, table.rows[0]?.slice(1).join(" "), ledger.map((x) => x.fy).join(" "));
    const labels = new Set<string>();
    for (const row of table.rows.slice(1)) {
      const field = fields.find(([label]) => label === row[0]);
      if (!field) {
        f.push(`${which} ledger: unknown row "${row[0]}"`);
        continue;
      }
      labels.add(field[0]);
      ledger.forEach((x, i) => same(`${which} ${row[0]} ${x.fy}`, row[i + 1], K(field[1](x))));
    }
    // The rows that add up: income, expenditure, both balances, always there.
    for (const must of [F.income, F.expenditure, F.inYear, F.cumulative])
      if (!labels.has(must)) f.push(`${which} ledger: no row "${must}"`);
    // A column with money in it is never left out.
    for (const [label, pick] of fields)
      if (!labels.has(label) && ledger.some((x) => K(pick(x)) !== "0"))
        f.push(`${which} ledger: "${label}" left out`);
  });

  // The lever table by ledger side: each lever's share of lower spending or of money received,
  // sequential and Shapley; the sides' subtotals; the grant's change; the total. With the grant, each
  // lever's effect on it and its figure net of it; with Safety Valve payments, what each saving earned.
  const planTables = tablesOf(parts, W.headings.plan.replace("{plan}", plan));
  if (levers) {
    const table = planTables[0];
    if (!table) f.push("plan: no lever table");
    else {
      const P_ = W.plan;
      const sides = r.leverTotals.bySide;
      const grant = r.levers.some((l) => l.stabilityGrantEffect !== undefined);
      const payments = r.levers.some((l) => l.paymentsEnabled !== undefined);
      same(
        "lever table columns",
        String(table.rows[0]?.length),
        String(4 + (grant ? 2 : 0) + (payments ? 1 : 0)),
      );
      const pay = grant ? 6 : 4;
      type Lever = (typeof r.levers)[number];
      const sum = (group: readonly Lever[], pick: (l: Lever) => number) =>
        group.reduce((a, l) => a + pick(l), 0);
      const seen = new Set<string>();
      for (const row of table.rows.slice(1)) {
        const lever = r.levers.find((l) => l.label === row[0]);
        const pair = (where: string, x: { sequential: number; shapley: number }) => {
          same(`${where} sequential`, row[2], K(x.sequential));
          same(`${where} Shapley`, row[3], K(x.shapley));
        };
        const extras = (where: string, group: readonly Lever[]) => {
          if (grant) {
            same(`${where} grant effect`, row[4], K(sum(group, (l) => l.stabilityGrantEffect?.shapley ?? 0)));
            // Net of the grant: its side's share plus its effect on the grant (with Safety Valve
            // payments this is not the lever's order-free share of the whole gap, `shapley`).
            same(
              `${where} net of grant`,
              row[5],
              K(sum(group, (l) => l.side.shapley + (l.stabilityGrantEffect?.shapley ?? 0))),
            );
          }
          if (payments)
            same(
              `${where} payments made possible`,
              row[pay],
              group.some((l) => l.paymentsEnabled)
                ? K(sum(group, (l) => l.paymentsEnabled?.shapley ?? 0))
                : "",
            );
        };
        if (lever) {
          seen.add(lever.id);
          // The type in the workbook's words (the model's names of lever types), never a code.
          same(
            `lever ${lever.id} type`,
            row[1],
            (LEVER_TYPE_NAMES as Record<string, string>)[lever.type] ?? "(no name for the type)",
          );
          pair(`lever ${lever.id}`, lever.side);
          extras(`lever ${lever.id}`, [lever]);
        } else if (row[0] === P_.subtotal.replace("{group}", P_.savings)) {
          pair("savings", sides.savings);
          extras(
            "savings",
            r.levers.filter((l) => l.kind === "saving"),
          );
        } else if (row[0] === P_.subtotal.replace("{group}", P_.funding)) {
          pair("funding", sides.funding);
          extras(
            "funding",
            r.levers.filter((l) => l.kind === "funding"),
          );
        } else if (!grant && row[0] === P_.total) {
          pair("total", r.leverTotals.total);
        } else if (grant && row[0] === P_.totalWithGrant) {
          // The grant's change between the forecasts is the Grant effect column's total: the
          // Sequential and Shapley totals are the two sides' (before it), the net is the whole gap.
          pair("total before the grant", {
            sequential: sides.savings.sequential + sides.funding.sequential,
            shapley: sides.savings.shapley + sides.funding.shapley,
          });
          same("total grant effect", row[4], K(sides.stabilityGrant?.shapley ?? 0));
          same("total net of grant", row[5], K(r.leverTotals.total.shapley));
        } else if (row.slice(1).some((c) => c !== "")) f.push(`lever table: unknown row "${row[0]}"`);
      }
      for (const l of r.levers) if (!seen.has(l.id)) f.push(`lever table: ${l.id} missing`);
      if (!table.rows.some((row) => row[0] === (grant ? P_.totalWithGrant : P_.total)))
        f.push("lever table: no total row");
    }
  }

  // The transfers: year, rate (with other movements), amount, approval route.
  const transfers = r[levers ? "mitigated" : "unmitigated"].transfers.filter((t) => t.rate > 0);
  const tt = tablesOf(parts, W.headings.transfer)[0];
  if (transfers.length && !tt) f.push("transfer: no table");
  if (tt) {
    same("transfer rows", String(tt.rows.length - 1), String(transfers.length));
    transfers.forEach((t, i) => {
      const row = tt.rows[i + 1];
      same(`transfer ${t.fy} year`, row?.[0], t.fy);
      same(
        `transfer ${t.fy} rate`,
        row?.[1],
        `${formatNumber(100 * (t.movements.length ? t.totalRate : t.rate), 4, 2)}%`,
      );
      same(`transfer ${t.fy} amount`, row?.[2], K(t.amount));
      same(
        `transfer ${t.fy} route`,
        row?.[3],
        t.needs === "schools-forum" ? W.names.schoolsForum : W.names.disapplication,
      );
    });
  }

  f.push(...checkAppendix(tablesOf(parts, W.headings.appendix)[0], r, scenario, W));
  return f;
}

// The appendix: every input's row, its figure from the JSON, its source verbatim, its illustrative flag.
function checkAppendix(table: DocTable | undefined, r: ForecastResult, s: Scenario, W: Wording): string[] {
  if (!table) return ["appendix: no table"];
  const f: string[] = [];
  const rows = new Map(
    table.rows.slice(1).map((row) => [/\(([^()]+)\)$/.exec(row[0] ?? "")?.[1] ?? "", row]),
  );
  const A = W.appendix;
  const base = r.financialYears[0] as string;
  const check = (key: string, figure: string, source: string | undefined) => {
    const row = rows.get(key);
    if (!row) return void f.push(`appendix: no row for ${key}`);
    if (row[1] !== figure) f.push(`appendix ${key} figure: "${row[1]}" where the JSON gives "${figure}"`);
    if (row[2] !== (source ?? W.names.notGiven))
      f.push(`appendix ${key} source: "${row[2]}" is not the scenario's "${source ?? W.names.notGiven}"`);
    const flagged = r.illustrative.some((k) => k === key || k.startsWith(`${key}.`));
    if ((row[3] === W.names.yes) !== flagged)
      f.push(`appendix ${key}: illustrative "${row[3]}", flagged ${flagged}`);
    rows.delete(key);
  };
  const balance = (v: number) =>
    M(v) === "£0k" ? W.names.balanced : (v < 0 ? W.names.deficit : W.names.surplus).replace("{amount}", M(v));
  check("openingBalance", balance(r.openingBalance), s.openingBalanceSource);
  const next = r.financialYears[1] ?? base;
  for (const p of s.placements) {
    const first = r.unmitigated.placements.find((x) => x.id === p.id && x.census === r.baseYear);
    const pounds = (v: number) => `£${formatNumber(roundMoney(v, "pounds"))}`;
    // The rate into the first forecast year: the one hnb forecast prints for an estimate (the JSON's
    // calibration), else the file's own, to two places as hnb forecast prints it.
    const estimated = r.calibration.find((c) => c.id === p.id);
    const g = p.growth as number | Record<string, number>;
    const rate = estimated ? estimated.rate : typeof g === "number" ? g : (g[String(r.baseYear + 1)] ?? 0);
    const figure = !first
      ? ""
      : first.count > 0
        ? fillIn(A.placement, {
            count: N(first.count),
            unitCost: pounds(first.unitCost),
            fy: base,
            growth: P(rate, 2),
            next,
          })
        : fillIn(A.newPlacement, { unitCost: pounds(first.unitCost), fy: base });
    check(`placements.${p.id}`, figure, sourceCell(p, PLACEMENT_FIGURES, W));
  }
  const year = (v: number) => fillIn(A.amount, { amount: M(v), fy: base });
  const over = (v: number) => A.total.replace("{amount}", M(v));
  for (const l of s.lines)
    check(
      `lines.${l.id}`,
      year(r.unmitigated.lines.find((x) => x.id === l.id && x.fy === base)?.cost ?? 0),
      sourceCell(l, ["amount", "inflation"], W),
    );
  for (const st of s.staffing)
    check(
      `staffing.${st.id}`,
      year(r.unmitigated.staffing.find((x) => x.id === st.id && x.fy === base)?.cost ?? 0),
      sourceCell(st, ["fte", "unitCost", "lumpSum", "payAward"], W),
    );
  // The allocation in its first and last year, from the ledger (it changes year by year).
  const hnb = s.income.hnb;
  check(
    "income.hnb",
    fillIn(A.allocation, {
      first: M(r.unmitigated.ledger[0]?.hnb ?? 0),
      fy: base,
      last: M(r.unmitigated.ledger.at(-1)?.hnb ?? 0),
      lastFY: r.financialYears.at(-1) as string,
    }),
    sourceCell(hnb, hnb.perHead ? ["amount"] : ["amount", "growth"], W),
  );
  const sb = s.income.schoolsBlock;
  if (sb) {
    // The block in the base year is the file's amount; the transfers to High Needs are beside it.
    const moved = r.unmitigated.transfers.reduce((a, t) => a + t.amount, 0);
    check(
      "income.schoolsBlock",
      [year(sb.amount), ...(moved ? [A.transfers.replace("{amount}", M(moved))] : [])].join("; "),
      sourceCell(sb, ["amount", "growth", "transferRate"], W),
    );
  }
  for (const o of s.income.other)
    check(
      `income.other.${o.id}`,
      over(r.unmitigated.otherIncome.filter((x) => x.id === o.id).reduce((a, x) => a + x.amount, 0)),
      sourceCell(o, ["amounts"], W),
    );
  for (const m of s.mitigations) {
    const lever = r.levers.find((l) => l.id === m.id);
    const source =
      m.source ??
      (m.type === "staffing"
        ? m.staffing.flatMap((x) => (x.source ? [x.source] : [])).join("; ") || undefined
        : undefined);
    check(`mitigations.${m.id}`, lever ? A.lever.replace("{amount}", S(lever.side.shapley)) : "", source);
  }
  if (s.statutoryOverride)
    check(
      "statutoryOverride",
      s.statutoryOverride.usableReserves === undefined
        ? ""
        : A.reserves.replace("{amount}", M(s.statutoryOverride.usableReserves)),
      s.statutoryOverride.source,
    );
  if (s.income.stabilityGrant)
    check(
      "income.stabilityGrant",
      (r.stabilityGrant ?? [])
        .map((g) =>
          A.stabilityGrant
            .replace("{forecast}", g.forecast === "mitigated" ? W.names.mitigated : W.names.unmitigated)
            .replace("{amount}", M(g.amount))
            .replace("{paidIn}", g.paidIn),
        )
        .join("; "),
      sourceCell(s.income.stabilityGrant, ["share", "eligibleDeficit", "excluded"], W),
    );
  // Inputs with a source and no figure of their own in the result.
  for (const [key, present, source] of [
    ["plan", s.plan, s.plan?.source],
    ["reference", s.reference, s.reference?.source],
    ["flows", s.flows, s.flows?.source],
    ["demand", s.demand, s.demand?.source],
    ["uncertainty", s.uncertainty, s.uncertainty?.source],
  ] as const)
    if (present) check(key, "", source);
  const ie = s.income.importExport;
  if (ie) check("income.importExport", "", sourceCell(ie, ["netImported", "rate"], W));
  for (const key of rows.keys()) f.push(`appendix: unexpected row ${key}`);
  // Every illustrative input is flagged on a row (its own, or the row of what it belongs to).
  const keyOf = (row: string[]) => /\(([^()]+)\)$/.exec(row[0] ?? "")?.[1] ?? "\u0000";
  for (const key of r.illustrative)
    if (
      !table.rows.some(
        (row) => row[3] === W.names.yes && (key === keyOf(row) || key.startsWith(`${keyOf(row)}.`)),
      )
    )
      f.push(`appendix: illustrative ${key} is flagged on no row`);
  return f;
}

/** A wording text with its placeholders filled (every one must have a value). */
function fillIn(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

// The figures of a placement that may carry a source of their own, in the file's order.
const PLACEMENT_FIGURES = ["count", "unitCost", "costInflation", "growth", "history", "ageSplit"];

/** A field name as the appendix writes it: "unitCost" → "Unit cost", "fte" → "FTE". */
const fieldName = (field: string) =>
  field === "fte"
    ? "FTE"
    : field
        .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
        .replace(/^./, (c) => c.toUpperCase());

/**
 * The Source cell the appendix must show for an item, read from the scenario as written (issue #29):
 * each figure the item gives (a growth estimated from history is not a figure) takes its own source
 * in `sources`, else the item's `source`. One source when all agree, else each figure's named, the
 * figures sharing a source together in the item's order.
 */
function sourceCell(
  item: { source?: string | undefined; sources?: Record<string, string | undefined> | undefined },
  fields: readonly string[],
  W: Wording,
): string | undefined {
  const value = item as unknown as Record<string, unknown>;
  const given = fields.filter((field) => {
    const v = value[field];
    if (v === undefined || v === null) return false;
    if (typeof v === "object" && Object.keys(v).length === 0) return false;
    return !(field === "growth" && typeof v === "object" && "method" in v);
  });
  if (!given.length) return item.source;
  const of = (field: string) => item.sources?.[field] ?? item.source;
  const sources = [...new Set(given.map(of))];
  if (sources.length === 1) return sources[0];
  return sources
    .map((source) => {
      const names = given
        .filter((field) => of(field) === source)
        .map((field, i) => (i === 0 || field === "fte" ? fieldName(field) : fieldName(field).toLowerCase()));
      return `${names.join(", ")}: ${source ?? W.names.notGiven}`;
    })
    .join("; ");
}

// Charts: each printed 16 cm wide (or narrower only to fit a page), with the pack's alt text.
function checkCharts(parts: Map<string, DocItem[]>, truth: PaperTruth): string[] {
  const f: string[] = [];
  const images = [...parts.values()].flat().filter((i): i is DocImage => i.kind === "image");
  for (const [name, alt] of Object.entries(truth.alts)) {
    const image = images.find((i) => i.name === name);
    if (!image) {
      f.push(`chart ${name} missing`);
      continue;
    }
    if (image.descr !== alt) f.push(`chart ${name}: alt text differs from the pack's description`);
    if (Math.abs(image.widthCm - 16) > 0.05 && image.heightCm < 21.95)
      f.push(`chart ${name}: printed ${image.widthCm.toFixed(2)} cm wide, not 16`);
  }
  if (images.length !== Object.keys(truth.alts).length)
    f.push(`${images.length} images, ${Object.keys(truth.alts).length} charts`);
  return f;
}

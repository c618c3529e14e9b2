import {
  type ForecastResult,
  grantEffectByYear,
  type LedgerRow,
  type LeverSaving,
  type PlacementRow,
  type UncertaintyOutput,
  type UncertaintyResult,
} from "@hnb/model";
import { type CsvColumn, columnsOf, toCsv } from "./csv.js";

type Tagged<T> = T & { forecast: "unmitigated" | "mitigated" };

function both<T>(result: ForecastResult, pick: (f: ForecastResult["unmitigated"]) => T[]): Tagged<T>[] {
  return [
    ...pick(result.unmitigated).map((r) => ({ ...r, forecast: "unmitigated" as const })),
    ...pick(result.mitigated).map((r) => ({ ...r, forecast: "mitigated" as const })),
  ];
}

const LEDGER_COLUMNS: CsvColumn<Tagged<LedgerRow>>[] = (
  [
    "fy",
    "income",
    "hnb",
    "transfer",
    "otherIncome",
    "expenditure",
    "placementCost",
    "lineCost",
    "staffingCost",
    "implementationCost",
    "inYear",
    "cumulative",
  ] as const
).map((k) => ({ header: k, value: (r: Tagged<LedgerRow>) => r[k] }));

const PLACEMENT_COLUMNS: CsvColumn<Tagged<PlacementRow>>[] = (
  ["id", "label", "category", "census", "fy", "count", "unitCost", "cost"] as const
).map((k) => ({ header: k, value: (r: Tagged<PlacementRow>) => r[k] }));

/** ledger.csv: both forecasts, one row per forecast and FY, unrounded £. @example ledgerCsv(result).split("\r\n")[0] */
export function ledgerCsv(result: ForecastResult): string {
  // The Stability Grant is part of income: where the scenario has it, its column comes last, so
  // the columns files already read keep their places.
  const grant = result.unmitigated.ledger.some((l) => l.stabilityGrant !== undefined);
  return toCsv(
    both(result, (f) => f.ledger),
    [
      { header: "forecast", value: (r) => r.forecast },
      ...LEDGER_COLUMNS,
      // inYear includes the grant (it is income); the balance before it is the readable
      // comparison's and the balance chart's in-year, so it has a column of its own.
      ...(grant
        ? [
            { header: "stabilityGrant", value: (r: Tagged<LedgerRow>) => r.stabilityGrant ?? 0 },
            {
              header: "inYearBeforeGrant",
              value: (r: Tagged<LedgerRow>) => r.inYear - (r.stabilityGrant ?? 0),
            },
          ]
        : []),
    ],
  );
}

/** placements.csv: both forecasts, one row per forecast, placement and year. @example placementsCsv(result) */
export function placementsCsv(result: ForecastResult): string {
  return toCsv(
    both(result, (f) => f.placements),
    [{ header: "forecast", value: (r) => r.forecast }, ...PLACEMENT_COLUMNS],
  );
}

/**
 * levers.csv: each lever's sequential saving and Shapley share on the final cumulative balance (spec
 * §7), its kind and share of its ledger side (issue #32), and with a Stability Grant its effect on it.
 * @example leversCsv(result)
 */
export function leversCsv(result: ForecastResult): string {
  const grant = result.levers.some((l) => l.stabilityGrantEffect !== undefined);
  return toCsv(result.levers, [
    { header: "id", value: (l) => l.id },
    { header: "label", value: (l) => l.label },
    { header: "type", value: (l) => l.type },
    { header: "sequential", value: (l) => l.sequential },
    { header: "shapley", value: (l) => l.shapley },
    { header: "kind", value: (l) => l.kind },
    { header: "side_sequential", value: (l) => l.side.sequential },
    { header: "side_shapley", value: (l) => l.side.shapley },
    ...(grant
      ? [
          {
            header: "stability_grant_effect_sequential",
            value: (l: LeverSaving) => l.stabilityGrantEffect?.sequential ?? 0,
          },
          {
            header: "stability_grant_effect_shapley",
            value: (l: LeverSaving) => l.stabilityGrantEffect?.shapley ?? 0,
          },
        ]
      : []),
  ]);
}

/**
 * lever-savings-by-year.csv: each lever's saving on each FY's in-year balance (the DfE workstream log
 * by year), with the grant; with a Stability Grant, the part of it that is the lever's effect on the
 * grant (in the FY the grant is paid), as levers.csv has it for the whole horizon.
 * @example leverYearsCsv(result)
 */
export function leverYearsCsv(result: ForecastResult): string {
  const grant = result.levers.some((l) => l.stabilityGrantEffect !== undefined);
  const rows = result.levers.flatMap((l) => {
    const effect = grantEffectByYear(result, l);
    return l.byYear.map((y, k) => ({
      ...y,
      id: l.id,
      label: l.label,
      kind: l.kind,
      effect: effect[k] ?? { sequential: 0, shapley: 0 },
    }));
  });
  type Row = (typeof rows)[number];
  return toCsv(rows, [
    { header: "id", value: (r) => r.id },
    { header: "label", value: (r) => r.label },
    { header: "kind", value: (r) => r.kind },
    { header: "fy", value: (r) => r.fy },
    { header: "sequential", value: (r) => r.sequential },
    { header: "shapley", value: (r) => r.shapley },
    ...(grant
      ? [
          { header: "stability_grant_effect_sequential", value: (r: Row) => r.effect.sequential },
          { header: "stability_grant_effect_shapley", value: (r: Row) => r.effect.shapley },
        ]
      : []),
  ]);
}

/** uncertainty.csv: percentile bands of balances (by FY) and counts (by placement and census), both forecasts. @example uncertaintyCsv(simulate(s, { paths: 100 })) */
export function uncertaintyCsv(u: UncertaintyResult): string {
  const rows = [
    ...u.ledger.map((r) => ({
      kind: r.measure,
      forecast: r.forecast,
      item: "balance",
      year: r.fy,
      p10: r.p10,
      p50: r.p50,
      p90: r.p90,
    })),
    ...u.placements.map((r) => ({
      kind: "count",
      forecast: r.forecast,
      item: r.id,
      year: String(r.census),
      p10: r.p10,
      p50: r.p50,
      p90: r.p90,
    })),
  ];
  return toCsv(rows, columnsOf(rows));
}

/**
 * Every tornado row, widest swing first: the final cumulative balance with one assumption at its
 * 10th and its 90th percentile, the others as in the central forecast (the chart shows the widest only).
 * @example tornadoCsv(uncertaintyOf(compiled, { paths: 2000 }).tornado).split("\r\n")[0] // "rank,kind,id,label,fy,forecast,low,high,central,swing"
 */
export function tornadoCsv(t: UncertaintyOutput["tornado"]): string {
  const rows = t.rows.map((r, i) => ({
    rank: i + 1,
    kind: r.kind,
    id: r.id,
    label: r.label,
    fy: t.fy,
    forecast: t.forecast,
    low: r.low,
    high: r.high,
    central: r.central,
    swing: Math.abs(r.high - r.low),
  }));
  return toCsv(rows, columnsOf(rows));
}

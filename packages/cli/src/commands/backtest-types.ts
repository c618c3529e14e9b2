import {
  authoritySeries,
  columnsOf,
  nationalTypeSeries,
  type Sen2Data,
  toCsv,
  writeFilesAtomic,
} from "@hnb/io";
import { NATIONAL_UNIT_COSTS, summariseTypes, TYPE_METHODS, typeBacktest, typeTargets } from "@hnb/model";
import { type Console, EXIT } from "../console.js";
import { textTable } from "../table.js";

/**
 * `hnb backtest DIR --origin YEAR [--release LATER]`: every authority's placement types forecast from
 * one origin by type-level auto, today's auto and the naive methods, scored on totals, placement spend
 * and type mix (docs/accuracy.md), with issue #31's targets as PASS or MISS. History comes from DIR up
 * to the origin, outcomes from LATER (its authorities only) or DIR.
 * @example await typeBacktestCommand(data, undefined, 2019, { names: { history: "../shared/data/sen2-2022" } }, io)
 */
export async function typeBacktestCommand(
  history: Sen2Data,
  outcomes: Sen2Data | undefined,
  origin: number,
  options: { json?: boolean; out?: string; quiet?: boolean; names: { history: string; outcomes?: string } },
  io: Console,
): Promise<number> {
  const england = [...history.national]
    .map(([year, count]) => ({ year, count }))
    .sort((a, b) => a.year - b.year);
  const authorities = authoritySeries(history, outcomes, origin);
  const records = typeBacktest(authorities, { origin, england, englandTypes: nationalTypeSeries(history) });
  if (!records.length) {
    const years = [...(outcomes ?? history).national.keys()].sort((a, b) => a - b);
    io.err(
      `hnb backtest: no forecast can be scored from origin ${origin}: it needs census years up to the origin in ${options.names.history} and later ones in ${options.names.outcomes ?? options.names.history} (which runs ${years[0]}–${years.at(-1)}); nothing was written.\n`,
    );
    return EXIT.badInput;
  }
  const summary = summariseTypes(records);
  const targets = typeTargets(summary);
  const scope = `${authorities.length} authorities, origin ${origin}: history ${options.names.history} to January ${origin}, outcomes ${options.names.outcomes ?? options.names.history}`;
  const payload = {
    scope,
    origin,
    authorities: authorities.length,
    unitCosts: NATIONAL_UNIT_COSTS,
    summary,
    targets,
  };
  if (options.out) {
    const files = {
      "backtest.json": `${JSON.stringify(payload, null, 2)}\n`,
      "backtest.csv": toCsv(records, columnsOf(records)),
      "backtest-summary.csv": toCsv(summary, columnsOf(summary)),
    };
    await writeFilesAtomic(options.out, files);
    if (!options.quiet) io.err(`hnb backtest: wrote ${Object.keys(files).join(", ")} to ${options.out}\n`);
  }
  if (options.json) {
    io.out(`${JSON.stringify(payload)}\n`);
    return EXIT.ok;
  }
  const pct = (x: number | undefined) => (x === undefined ? "" : `${(100 * x).toFixed(1)}%`);
  io.out(`Authority-level backtest by placement type: ${scope}\n`);
  io.out(
    "Median error, methods compared on the same forecasts (n authorities each); spend = Σ type count × national unit cost (docs/accuracy.md), mix = Σ cost·|forecast − actual| / Σ cost·actual\n",
  );
  const order = TYPE_METHODS as readonly string[];
  const rows = order.flatMap((method) =>
    [1, 2, 3].flatMap((h) => {
      const cell = (measure: string) =>
        summary.find((s) => s.method === method && s.measure === measure && s.horizon === h);
      const [t, s, m] = [cell("total"), cell("spend"), cell("mix")];
      if (!t && !s) return [];
      return [
        [
          method,
          `${h} yr`,
          pct(t?.medianError),
          pct(s?.medianError),
          pct(m?.medianError),
          pct(t?.coverage),
          pct(s?.coverage),
          pct(s?.medianWidth),
        ],
      ];
    }),
  );
  const n = (measure: string) => summary.find((s) => s.measure === measure && s.horizon === 3)?.n ?? 0;
  io.out(
    `${textTable(
      [
        "Method",
        "Horizon",
        `Total (n ${n("total")} at 3 yr)`,
        `Spend (n ${n("spend")})`,
        "Mix",
        "Total 10–90%",
        "Spend 10–90%",
        "Spend band width",
      ],
      rows,
    )}\n`,
  );
  io.out("\nTargets (issue #31)\n");
  io.out(
    `${textTable(
      ["Target", "auto", "Against", "", "Result"],
      targets.map((t) => [t.target, pct(t.value), pct(t.against), t.versus, t.pass ? "PASS" : "MISS"]),
      [0, 3],
    )}\n`,
  );
  return EXIT.ok;
}

import { type BacktestErrorRow, backtestChart, chartFiles, contextOf } from "@hnb/charts";
import { backtestSeries, columnsOf, nationalReference, toCsv, writeFilesAtomic } from "@hnb/io";
import { commonOnly, HOLDOUT_METHODS, rollingOrigin, summarise, TUNED_THROUGH } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { progress } from "../progress.js";
import { loadSen2 } from "../sen2.js";
import { textTable } from "../table.js";
import { typeBacktestCommand } from "./backtest-types.js";

const USAGE =
  "usage: hnb backtest DIR [--authority NAME|CODE] [--level total|placement] [--from YEAR | --holdout YEAR] [--json] [--out DIR] [--quiet]\n       hnb backtest [DIR] --origin YEAR [--release LATER_DIR] [--json] [--out DIR]   (by placement type: totals, spend, mix)";

/** `hnb backtest DIR`: rolling-origin backtest of every growth method, 1–3 years ahead, for one authority or all. @example await backtestCommand(["../shared/data/sen2-2022"], io) */
export async function backtestCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      authority: { type: "string" },
      level: { type: "string" },
      from: { type: "string" },
      holdout: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      quiet: { type: "boolean" },
      origin: { type: "string" },
      release: { type: "string" },
    },
    USAGE,
  );
  const usage = (message: string) => new UsageError(`${message}\n${USAGE}`);
  if (values.release && !values.origin)
    throw usage("--release needs --origin (the census year forecasts start from)");
  if (values.origin) {
    if (!/^\d{4}$/.test(values.origin)) throw usage(`--origin must be a census year, got "${values.origin}"`);
    for (const other of ["authority", "level", "from", "holdout"] as const)
      if (values[other])
        throw usage(`--origin scores every authority by placement type: --${other} cannot be used with it`);
    if (positionals.length > 1)
      throw usage("expected at most one folder of DfE SEN2 statistics before --origin");
    const historyDir = positionals[0] ?? values.release;
    if (!historyDir) throw usage("expected a folder of DfE SEN2 statistics (or --release)");
    const history = await loadSen2("backtest", historyDir, undefined, io);
    if (!history) return EXIT.badInput;
    const later =
      values.release && positionals[0]
        ? await loadSen2("backtest", values.release, undefined, io)
        : undefined;
    if (values.release && positionals[0] && !later) return EXIT.badInput;
    return typeBacktestCommand(
      history.data,
      later?.data,
      Number(values.origin),
      {
        ...(values.json ? { json: true } : {}),
        ...(values.out ? { out: values.out } : {}),
        ...(values.quiet ? { quiet: true } : {}),
        names: { history: historyDir, ...(later && values.release ? { outcomes: values.release } : {}) },
      },
      io,
    );
  }
  if (positionals.length !== 1) throw usage("expected one folder of DfE SEN2 statistics");
  if (values.level && values.level !== "total" && values.level !== "placement")
    throw usage('--level must be "total" or "placement"');
  if (values.from && !/^\d{4}$/.test(values.from))
    throw usage(`--from must be a census year, got "${values.from}"`);
  if (values.holdout && !/^\d{4}$/.test(values.holdout))
    throw usage(`--holdout must be a census year (the forecast origin), got "${values.holdout}"`);
  if (values.holdout && values.from) throw usage("--holdout and --from cannot be used together");
  const loaded = await loadSen2("backtest", positionals[0] as string, values.authority, io);
  if (!loaded) return EXIT.badInput;
  const { data, authority } = loaded;
  const level = (values.level ?? (values.holdout ? "placement" : "total")) as "total" | "placement";
  const holdout = values.holdout ? Number(values.holdout) : undefined;
  const firstOrigin = holdout ?? (values.from ? Number(values.from) : 2015);
  const series = backtestSeries(data, { ...(authority ? { authority } : {}), level });
  const bar = progress(io, "hnb: backtesting", values.quiet === true);
  const referenceSeries = [...data.national.entries()].map(([year, count]) => ({ year, count }));
  const records = series.flatMap((s, i) => {
    const r = rollingOrigin([s], {
      reference: nationalReference(data),
      referenceSeries,
      firstOrigin,
      ...(holdout !== undefined ? { lastOrigin: holdout, methods: HOLDOUT_METHODS } : {}),
    });
    bar.update(i + 1, series.length);
    return r;
  });
  bar.finish();
  // No forecast to score (an origin at or after the last census, or before any history) is an
  // input to correct, not an empty table.
  if (!records.length) {
    const years = [...data.national.keys()].sort((a, b) => a - b);
    io.err(
      `hnb backtest: no forecast can be scored from ${holdout !== undefined ? `origin ${holdout}` : `origins ${firstOrigin} on`}: a forecast needs census years before its origin and one after it, and the statistics run from ${years[0]} to ${years.at(-1)}; nothing was written.\n`,
    );
    return EXIT.badInput;
  }
  const all = summarise(records);
  // Methods compared on the same forecasts only: a method that needs longer history must not be
  // judged on an easier subset.
  const common = summarise(commonOnly(records));
  // Out of sample only where every target comes after the figures auto's constants were chosen on.
  const outOfSample = firstOrigin >= TUNED_THROUGH;
  const tuned = `auto's constants were chosen on targets up to January ${TUNED_THROUGH}`;
  const scope = `${authority ? authority.name : `${series.length} series`} (${level}), ${
    holdout !== undefined
      ? outOfSample
        ? `holdout: origin ${holdout} only`
        : `origin ${holdout} only, in-sample (${tuned}: a holdout origin is ${TUNED_THROUGH} or later)`
      : `origins ${firstOrigin}+ (${outOfSample ? "out of sample" : "in-sample"}: ${tuned})`
  }`;
  // A release that starts at the origin gives no method a history to read: auto then has neither
  // its own trend nor England's and forecasts no change, the same as flat.
  const earliest = Math.min(...data.national.keys());
  const noHistory =
    firstOrigin <= earliest
      ? `these statistics start at ${earliest}: at origin ${firstOrigin} no series has a census before it, so auto has neither its own trend nor England's and forecasts no change (the same as flat), and methods that need history are not scored; use a release with figures before the origin`
      : undefined;
  if (noHistory) io.err(`hnb backtest: ${noHistory}\n`);
  const payload = {
    scope,
    layout: data.layout,
    series: series.length,
    firstOrigin,
    outOfSample,
    ...(holdout !== undefined && outOfSample ? { holdout } : {}),
    ...(noHistory ? { note: noHistory } : {}),
    level,
    summary: all,
    common,
  };
  if (values.out) {
    const rows: BacktestErrorRow[] = common.map((s) => ({
      method: s.method,
      horizon: s.horizon,
      mape: s.medianApe,
    }));
    const ctx = contextOf(
      { scenario: `SEN2 backtest: ${scope}`, baseYear: Math.max(...data.national.keys()) },
      `Source: DfE, Education, health and care plans (${data.layout} release layout); hnb backtest`,
    );
    const files: Record<string, string | Uint8Array> = {
      "backtest.json": `${JSON.stringify(payload, null, 2)}\n`,
      "backtest.csv": toCsv(records, columnsOf(records)),
      "backtest-summary.csv": toCsv(common, columnsOf(common)),
      ...(await chartFiles([backtestChart(rows, ctx, scope)])),
    };
    await writeFilesAtomic(values.out, files, {
      inputs: { [positionals[0] as string]: "the SEN2 folder" },
    });
    if (!values.quiet) io.err(`hnb backtest: wrote ${Object.keys(files).join(", ")} to ${values.out}\n`);
  }
  if (values.json) {
    io.out(`${JSON.stringify(payload)}\n`);
    return EXIT.ok;
  }
  const pct = (x: number | undefined) =>
    x === undefined || Number.isNaN(x) ? "" : `${(x * 100).toFixed(1)}%`;
  io.out(`Rolling-origin backtest: ${scope}\n`);
  io.out("Median absolute percentage error, methods compared on the same forecasts (n each)\n");
  io.out(
    `${textTable(
      ["Method", "Horizon", "n", "Median APE", "Mean APE", "10–90% coverage"],
      common.map((s) => [
        s.method,
        `${s.horizon} yr`,
        String(s.n),
        pct(s.medianApe),
        pct(s.meanApe),
        pct(s.coverage),
      ]),
    )}\n`,
  );
  return EXIT.ok;
}

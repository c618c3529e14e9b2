// The command line end to end: --json, --out packs, uncertainty, goal seek, progress, packs at scale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main, progress } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { capture, SEEK_TRANSFER, scratch } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";

describe("hnb forecast --json", () => {
  test("prints exactly one JSON object with the fields of spec §8", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT, "--json"], io)).toBe(0);
    expect(io.stderr).toBe("");
    const r = JSON.parse(io.stdout);
    expect(r).toMatchObject({ scenario: "Bristol 2022 base case (default scenario)", baseYear: 2022 });
    expect(r.financialYears).toEqual([
      "2021-22",
      "2022-23",
      "2023-24",
      "2024-25",
      "2025-26",
      "2026-27",
      "2027-28",
    ]);
    for (const f of [r.unmitigated, r.mitigated]) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(["ledger", "placements", "lines", "staffing", "transfers"]),
      );
      expect(Object.keys(f.ledger[0])).toEqual(
        expect.arrayContaining(["fy", "income", "expenditure", "inYear", "cumulative"]),
      );
      expect(Object.keys(f.placements[0])).toEqual(
        expect.arrayContaining(["id", "census", "fy", "count", "unitCost", "cost"]),
      );
      expect(Object.keys(f.lines[0])).toEqual(expect.arrayContaining(["id", "fy", "cost"]));
      for (const t of f.transfers) expect(["schools-forum", "disapplication"]).toContain(t.needs);
    }
    expect(Object.keys(r.mitigated.staffing[0])).toEqual(expect.arrayContaining(["id", "fy", "cost"]));
    expect(r.levers.map((l: { id: string }) => l.id)).toEqual([
      "specialist-places",
      "bespoke-provision",
      "early-intervention",
      "banding",
      "commissioning",
      "educational-psychologists",
      "transfer",
      "dbv-grant",
    ]);
    for (const l of r.levers)
      expect(Object.keys(l)).toEqual(expect.arrayContaining(["id", "sequential", "shapley"]));
  });
});

describe("hnb forecast --out", () => {
  test("writes forecast.json, ledger.csv, placements.csv and levers.csv whose figures equal the JSON", async () => {
    const dir = join(scratch("hnb-out-"), "pack");
    const io = capture();
    expect(await main(["forecast", DEFAULT, "--out", dir, "--quiet"], io)).toBe(0);
    expect(io.stdout).toBe("");
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(["forecast.json", "ledger.csv", "levers.csv", "placements.csv"]),
    );
    const json = JSON.parse(readFileSync(join(dir, "forecast.json"), "utf8"));
    const ledger = readFileSync(join(dir, "ledger.csv"), "utf8").trim().split("\r\n");
    expect(ledger[0]).toBe(
      "forecast,fy,income,hnb,transfer,otherIncome,expenditure,placementCost,lineCost,staffingCost,implementationCost,inYear,cumulative,stabilityGrant,inYearBeforeGrant",
    );
    // inYear includes the grant (it is income); inYearBeforeGrant leaves it out.
    for (const line of ledger.slice(1)) {
      const [, , , , , , , , , , , inYear, , grant, before] = line.split(",").map(Number);
      expect(before).toBeCloseTo((inYear as number) - (grant as number), 4);
    }
    // Income is its parts, the Stability Grant among them.
    for (const line of ledger.slice(1)) {
      const [, , income, hnb, transfer, other, , , , , , , , grant] = line.split(",").map(Number);
      expect((hnb as number) + (transfer as number) + (other as number) + (grant as number)).toBeCloseTo(
        income as number,
        4,
      );
    }
    // Expenditure is its parts, a grant's implementation spend among them.
    for (const line of ledger.slice(1)) {
      const [, , , , , , exp, ...parts] = line.split(",").map(Number);
      expect(parts.slice(0, 4).reduce((a, b) => a + b, 0)).toBeCloseTo(exp as number, 4);
    }
    expect(ledger).toHaveLength(1 + 2 * 7);
    const last = ledger[14]?.split(",") ?? [];
    expect(last[0]).toBe("mitigated");
    expect(Number(last[12])).toBe(json.mitigated.ledger[6].cumulative);
    expect(readFileSync(join(dir, "placements.csv"), "utf8").split("\r\n")).toHaveLength(1 + 2 * 13 * 7 + 1);
  });

  test("is a Forum pack: every chart as SVG and PNG, their descriptions and the workbook", async () => {
    const dir = join(scratch("hnb-out-"), "pack");
    expect(await main(["forecast", DEFAULT, "--out", dir, "--paths", "200", "--quiet"], capture())).toBe(0);
    const files = readdirSync(dir).sort();
    const charts = [
      "balance",
      "bridge",
      "ehcp-by-placement",
      "expenditure",
      "fan",
      "tornado",
      "transfers",
      "unit-cost",
    ];
    for (const c of charts) expect(files).toEqual(expect.arrayContaining([`${c}.svg`, `${c}.png`]));
    expect(files).toEqual(
      expect.arrayContaining(["chart-descriptions.md", "management-plan.xlsx", "uncertainty.csv"]),
    );
    expect(readFileSync(join(dir, "uncertainty.csv"), "utf8").split("\r\n")[0]).toBe(
      "kind,forecast,item,year,p10,p50,p90",
    );
    // Every tornado row, widest first, as in forecast.json (the chart draws at most 20).
    const tornado = readFileSync(join(dir, "tornado.csv"), "utf8").trim().split("\r\n");
    expect(tornado[0]).toBe("rank,kind,id,label,fy,forecast,low,high,central,swing");
    const json = JSON.parse(readFileSync(join(dir, "forecast.json"), "utf8"));
    expect(tornado).toHaveLength(json.uncertainty.tornado.rows.length + 1);
    expect(
      tornado[1]?.startsWith(
        `1,${json.uncertainty.tornado.rows[0].kind},${json.uncertainty.tornado.rows[0].id},`,
      ),
    ).toBe(true);
    const md = readFileSync(join(dir, "chart-descriptions.md"), "utf8");
    for (const c of charts) expect(md).toContain(`\`${c}.png\``);
    const png = readFileSync(join(dir, "balance.png"));
    expect(png.readUInt32BE(16)).toBe(1800);
  });
});

describe("uncertainty from the command line", () => {
  test("--paths and --seed add bands; the same seed gives the same numbers", async () => {
    const run = async (seed: string) => {
      const io = capture();
      expect(await main(["forecast", DEFAULT, "--json", "--paths", "300", "--seed", seed], io)).toBe(0);
      return JSON.parse(io.stdout).uncertainty;
    };
    const a = await run("7");
    expect(await run("7")).toEqual(a);
    expect((await run("8")).ledger).not.toEqual(a.ledger);
    expect(a.paths).toBe(300);
    expect(Object.keys(a.placements[0])).toEqual(
      expect.arrayContaining(["id", "census", "p10", "p50", "p90"]),
    );
    expect(Object.keys(a.ledger[0])).toEqual(
      expect.arrayContaining(["fy", "forecast", "measure", "p10", "p50", "p90"]),
    );
    expect(new Set(a.ledger.map((r: { forecast: string }) => r.forecast))).toEqual(
      new Set(["unmitigated", "mitigated"]),
    );
    expect(a.tornado.rows.length).toBeGreaterThan(3);
  });

  test("--paths on a scenario without an uncertainty section is a clear error", async () => {
    const io = capture();
    expect(await main(["forecast", "test/fixtures/spec-example.yaml", "--paths", "10"], io)).toBe(1);
    expect(io.stderr).toContain("uncertainty: --paths needs an `uncertainty` section");
    const bad = capture();
    expect(await main(["forecast", DEFAULT, "--paths", "ten"], bad)).toBe(2);
    expect(bad.stderr).toContain('--paths must be a whole number from 1 to 1,000,000, got "ten"');
  });
});

describe("hnb goal-seek", () => {
  test("answers 'what would it take?' for a lever parameter", async () => {
    const io = capture();
    const code = await main([...SEEK_TRANSFER, "--json"], io);
    expect(code).toBe(0);
    const r = JSON.parse(io.stdout);
    expect(r.ok).toBe(true);
    expect(r.inYear).toBeGreaterThanOrEqual(0);
    expect(r.inYear).toBeLessThan(1);
  });
  test("says clearly when no value in the range balances the year", async () => {
    const io = capture();
    expect(
      await main(
        ["goal-seek", DEFAULT, "--lever", "dbv-grant", "--parameter", "confidence", "--target", "2027-28"],
        io,
      ),
    ).toBe(1);
    // The grant pays in 2023-24 and 2024-25 only: no confidence can move 2027-28.
    expect(io.stdout).toContain(
      'lever "dbv-grant" does not change the 2027-28 in-year balance (£(49,520,226)) at any confidence: its years do not reach 2027-28',
    );
    const short = capture();
    expect(
      await main(
        ["goal-seek", DEFAULT, "--lever", "banding", "--parameter", "change", "--target", "2027-28"],
        short,
      ),
    ).toBe(1);
    expect(short.stdout).toMatch(/no change from 0 to -0.5 on lever "banding" balances 2027-28/);
  });
});

describe("progress on stderr", () => {
  test("draws a bar on a terminal, stays silent otherwise or with --quiet", async () => {
    const tty = { ...capture(), errIsTTY: true };
    let drawn = "";
    tty.err = (t: string) => {
      drawn += t;
    };
    const bar = progress(tty, "paths", false);
    for (let i = 1; i <= 100; i++) bar.update(i, 100);
    bar.finish();
    expect(drawn).toContain("paths [############################] 100/100");
    // Redrawn only when the bar moves (29 positions and the final one), not 100 times.
    expect(drawn.split("\r").filter((x) => x.startsWith("paths")).length).toBeLessThanOrEqual(30);
    const quiet = capture();
    progress({ ...quiet, errIsTTY: true }, "paths", true).update(1, 2);
    const piped = capture();
    progress(piped, "paths", false).update(1, 2);
    expect(quiet.stderr + piped.stderr).toBe("");
  });

  test("the readable forecast with --paths adds the bands and the tornado", async () => {
    const io = capture();
    expect(await main(["forecast", DEFAULT, "--paths", "200", "--seed", "3"], io)).toBe(0);
    expect(io.stdout).toContain(
      "Uncertainty: 200 paths, seed 3 (£ thousands; the central forecast above, and the 10th, 50th and 90th percentile of the paths' cumulative balance: p10 the worst of the three)",
    );
    // The central forecast beside the bands: the final mitigated row starts with the ledger's figure.
    expect(io.stdout).toMatch(/\n2027-28 +mitigated +\(98,007\) /);
    expect(io.stdout).toContain(
      "What moves the 2027-28 mitigated cumulative balance most: one assumption at a time at its own 10th and 90th percentile, the others as in the central forecast ((98,007), where every bar starts).",
    );
    expect(io.stdout).toMatch(/Assumption +Its p10 +Its p90 +Swing/);
    expect(io.stderr).toBe("");
  });
});

describe("a Forum pack at scale", () => {
  // 300 placement types and 300-odd uncertain assumptions (bench/synthetic.mjs): every chart must
  // still compile (the tornado once failed at England scale: vega could not compile a 1,509-label sort).
  test("300 placement types with --paths: every file written, the tornado capped, tornado.csv whole", async () => {
    const { englandScenario } = (await import("../bench/synthetic.mjs")) as {
      englandScenario: (o: { authorities: number; paths: number }) => unknown;
    };
    const dir = scratch("hnb-scale-");
    const file = join(dir, "scale.json");
    writeFileSync(file, JSON.stringify(englandScenario({ authorities: 30, paths: 100 })));
    const out = join(dir, "pack");
    const io = capture();
    expect(await main(["forecast", file, "--out", out, "--paths", "100", "--quiet"], io)).toBe(0);
    const files = readdirSync(out);
    for (const f of ["tornado.svg", "tornado.png", "fan.png", "management-plan.xlsx", "tornado.csv"])
      expect(files).toContain(f);
    const rows = readFileSync(join(out, "tornado.csv"), "utf8").trim().split("\r\n");
    expect(rows.length - 1).toBeGreaterThan(300);
    expect(readFileSync(join(out, "chart-descriptions.md"), "utf8")).toContain("the 12 most influential of");
    // The readable report lists the widest 12 and says how many more there are.
    const text = capture();
    expect(await main(["forecast", file, "--paths", "100"], text)).toBe(0);
    expect(text.stdout).toMatch(/… and \d+ more assumptions, each with a smaller swing/);
  });
});

describe("the pack says what its charts leave out", () => {
  test("place-funded unit costs carry the place; a scenario with no income says so on every chart", async () => {
    const dir = scratch("hnb-pack-");
    expect(
      await main(["forecast", "data/place-funding.yaml", "--out", join(dir, "pf"), "--quiet"], capture()),
    ).toBe(0);
    const described = readFileSync(join(dir, "pf", "chart-descriptions.md"), "utf8");
    expect(described).toContain("the cost is the top-up plus the place funding of a place");
    expect(readFileSync(join(dir, "pf", "unit-cost.svg"), "utf8")).toContain("place-funded: top-up + place");
    expect(
      await main(["forecast", "data/bcp-bespoke.yaml", "--out", join(dir, "bcp"), "--quiet"], capture()),
    ).toBe(0);
    for (const chart of ["balance", "bridge", "expenditure"])
      expect(readFileSync(join(dir, "bcp", `${chart}.svg`), "utf8")).toContain(
        "no income in the scenario: balances are costs alone",
      );
    expect(await main(["forecast", DEFAULT, "--out", join(dir, "default"), "--quiet"], capture())).toBe(0);
    // The unit cost the sanity check flags is flagged where the unit costs are drawn.
    expect(readFileSync(join(dir, "default", "chart-descriptions.md"), "utf8")).toContain(
      "Independent and non-maintained special schools (INMSS) is flagged: £129k against a national £52k–£64k.",
    );
    const bcp = readFileSync(join(dir, "bcp", "chart-descriptions.md"), "utf8");
    expect(bcp).toContain("against no income");
    expect(bcp).toContain("through 1 lever;");
    expect(bcp).toContain("then funding, of which this plan has none.");
    // A chart with nothing to draw says so in the plot, not only in its description.
    expect(readFileSync(join(dir, "pf", "transfers.svg"), "utf8")).toContain(
      "No Schools Block transfer in any year",
    );
  });
});

// `hnb backtest ../shared/data/sen2-2022 --release ../shared/data/sen2-2025-dev --origin 2022` on the
// real files (issue #31): every figure and PASS/MISS it prints is the one the library computes from
// the same files. It checks the printing, not that the targets pass (docs/accuracy.md says which do).
import { readFileSync } from "node:fs";
import { main } from "@hnb/cli";
import { authorityHistory, authoritySeries, nationalTypeSeries, readSen2Dir } from "@hnb/io";
import { summariseTypes, TYPE_METHODS, typeBacktest, typeTargets } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { HAS_2022, HAS_2025_DEV, SEN2_2022, SEN2_2025_DEV, SHARED_DATA } from "./shared-data.js";
import { capture } from "./support.js";

describe.skipIf(!HAS_2022 || !HAS_2025_DEV)("the type-level backtest on the development authorities", () => {
  test("prints the figures and targets the library computes", { timeout: 60_000 }, async () => {
    const io = capture();
    expect(await main(["backtest", SEN2_2022, "--release", SEN2_2025_DEV, "--origin", "2022"], io)).toBe(0);
    const [history, later] = await Promise.all([readSen2Dir(SEN2_2022), readSen2Dir(SEN2_2025_DEV)]);
    const authorities = authoritySeries(history, later, 2022);
    const england = [...history.national]
      .map(([year, count]) => ({ year, count }))
      .sort((a, b) => a.year - b.year);
    const summary = summariseTypes(
      typeBacktest(authorities, { origin: 2022, england, englandTypes: nationalTypeSeries(history) }),
    );
    // docs/accuracy.md's data checks: the later release's 2019–2022 figures are the 2022 release's
    // for every development authority, total and type; England's types and its unknown placements add up to its total.
    const differ: string[] = [];
    for (const a of later.authorities) {
      const before = history.authorities.find((x) => x.newCode === a.newCode);
      if (!before) continue;
      const [h, l] = [authorityHistory(history, before), authorityHistory(later, a)];
      for (const y of [2019, 2020, 2021, 2022]) {
        const [i, j] = [h.years.indexOf(y), l.years.indexOf(y)];
        if (i < 0 || j < 0) continue;
        if (h.total[i] !== l.total[j]) differ.push(`${a.name} ${y} total`);
        h.byPlacement.forEach((p, k) => {
          if (p.counts[i] !== l.byPlacement[k]?.counts[j]) differ.push(`${a.name} ${y} ${p.id}`);
        });
      }
    }
    expect(differ).toEqual([]);
    for (const release of [history, later]) {
      const types = Object.values(nationalTypeSeries(release));
      for (const [year, total] of release.national)
        expect(
          types.reduce((s, t) => s + (t.find((p) => p.year === year)?.count ?? 0), 0) +
            (release.nationalPlacements.get(year)?.get("unknown") ?? 0),
          `${year}`,
        ).toBe(total);
    }
    const pct = (x: number | undefined) => (x === undefined ? "" : `${(100 * x).toFixed(1)}%`);
    expect(io.stdout).toContain(`${authorities.length} authorities, origin 2022`);
    expect(authorities.length).toBe(77);
    const lines = io.stdout.split("\n");
    let rows = 0;
    for (const method of TYPE_METHODS)
      for (const h of [1, 2, 3]) {
        const cell = (measure: string) =>
          summary.find((s) => s.method === method && s.measure === measure && s.horizon === h);
        const [t, s, m] = [cell("total"), cell("spend"), cell("mix")];
        const line = lines.find((l) => new RegExp(`^${method.replace("-", "\\-")}\\s+${h} yr `).test(l));
        expect(line, `${method} ${h}`).toBeDefined();
        const cells = (line as string).trim().split(/\s{2,}/);
        expect(cells.slice(0, 5), `${method} ${h}`).toEqual([
          method,
          `${h} yr`,
          pct(t?.medianError),
          pct(s?.medianError),
          pct(m?.medianError),
        ]);
        if (method === "auto" || method === "auto-2022")
          expect(cells.slice(5), `${method} ${h} bands`).toEqual(
            [pct(t?.coverage), pct(s?.coverage), pct(s?.medianWidth)].filter((x) => x !== ""),
          );
        rows++;
      }
    expect(rows).toBe(TYPE_METHODS.length * 3);
    // docs/accuracy.md quotes this output: every printed line is there as printed.
    const docs = readFileSync("docs/accuracy.md", "utf8");
    for (const l of io.stdout.split(`${SHARED_DATA}/`).join("../shared/data/").split("\n"))
      expect(docs.includes(l), `docs/accuracy.md lacks: ${l}`).toBe(true);
    const targets = typeTargets(summary);
    expect(targets.length).toBe(16);
    for (const t of targets) {
      const line = lines.find((l) => l.startsWith(t.target));
      expect(line, t.target).toBeDefined();
      expect(line?.trim().split(/\s{2,}/), t.target).toEqual(
        [t.target, pct(t.value), pct(t.against), t.versus, t.pass ? "PASS" : "MISS"].filter((x) => x !== ""),
      );
    }
  });
});

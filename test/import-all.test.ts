// Issue #12's promise for every authority in both real releases: `hnb import` gives a skeleton whose
// only problems are the inputs SEN2 cannot know (each named by its path), and once those are
// filled in it forecasts with every figure finite. Skipped, saying why, without ../shared/data.
import { authorityHistory, parseScenarioText, readSen2Dir, scenarioSkeleton, scenarioYaml } from "@hnb/io";
import { forecast } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { HAS_2022, HAS_2025, SEN2_2022, SEN2_2025 } from "./shared-data.js";

// What a finance user would type in place of each TODO, by field name.
const FILL: Record<string, number> = {
  unitCost: 20000,
  costInflation: 0.03,
  growth: 0.04,
  count: 10,
  amount: 50_000_000,
  openingBalance: -5_000_000,
  // The s251 lines' inflation and the Stability Grant's non-High-Needs deficit (issue #29).
  inflation: 0.02,
  excluded: 0,
  eligibleDeficit: 10_000_000,
  usableReserves: 50_000_000,
  sd: 0.05,
};

function fill(value: unknown, key = ""): unknown {
  if (typeof value === "string" && value.startsWith("TODO")) {
    const n = FILL[key];
    if (n === undefined) throw new Error(`no fill value for a TODO in ${key}`);
    return n;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, key));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
  return value;
}

const releases = [
  { name: "2022 release", ok: HAS_2022, dir: SEN2_2022 },
  { name: "2025 release, 2023+ layout", ok: HAS_2025, dir: SEN2_2025 },
];

for (const release of releases) {
  describe.skipIf(!release.ok)(`hnb import for every authority: ${release.name}`, async () => {
    const data = release.ok ? await readSen2Dir(release.dir) : undefined;
    test("each skeleton lists exactly its TODO inputs, and forecasts once they are filled in", () => {
      if (!data) return;
      let forecasts = 0;
      for (const authority of data.authorities) {
        const history = authorityHistory(data, authority);
        const base = Math.max(...history.years.filter((_y, i) => history.total[i] !== null));
        const skeleton = scenarioSkeleton(history, { baseYear: base }, data);
        const text = scenarioYaml(skeleton, `# ${authority.name}`);
        const todos = (text.match(/TODO:/g) ?? []).length;
        const parsed = parseScenarioText(text, "yaml");
        expect(parsed.ok, authority.name).toBe(false);
        if (parsed.ok) continue;
        // Exactly the placeholders, each by its path; nothing else wrong with the skeleton.
        expect(parsed.problems.length, authority.name).toBe(todos);
        for (const p of parsed.problems)
          expect(p.message, `${authority.name} ${p.path}`).toMatch(/^is not filled in: /);
        const filled = parseScenarioText(scenarioYaml(fill(skeleton) as Record<string, unknown>, ""), "yaml");
        if (!filled.ok)
          throw new Error(
            `${authority.name}: ${filled.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
          );
        const result = forecast(filled.scenario);
        for (const row of result.unmitigated.ledger)
          expect(Number.isFinite(row.cumulative), `${authority.name} ${row.fy}`).toBe(true);
        forecasts++;
      }
      expect(forecasts).toBe(data.authorities.length);
    }, 120_000);
  });
}

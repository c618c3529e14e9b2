// The SEN2 readers on the real DfE files of ../shared/data (HNB_SHARED_DATA): the 2022 release and
// the 2025 release's 2023+ layout cut at January 2022. Skipped, saying why, where they are absent.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type BacktestSummary, commonOnly, HOLDOUT_METHODS, rollingOrigin, summarise } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { HAS_2022, HAS_2025, SEN2_2022, SEN2_2025 } from "../../../../test/shared-data.js";
import {
  authorityHistory,
  backtestSeries,
  findAuthority,
  nationalReference,
  parseCsv,
  readSen2Dir,
  type Sen2Data,
} from "../../src/index.js";
import { placementOfEstablishment } from "../../src/sen2/establishment-map.js";

describe.skipIf(!HAS_2022)("every establishment type of the 2022 release maps within its DfE group", () => {
  // The release groups its types (Special school, Mainstream school, ...): a type mapped outside
  // its group's placements would move children between series in the years it is used.
  const GROUPS: Record<string, string[]> = {
    "Special school": ["special", "inmss"],
    "Mainstream school": ["mainstream", "resourced"],
    "Alternative provision/Pupil referral unit": ["ap"],
    "Further education": ["post16"],
  };
  test("special academies before 2017 are special, every year", async () => {
    const text = readFileSync(join(SEN2_2022, "sen2_estab_caseload.csv"), "utf8");
    const rows = parseCsv(text, "sen2_estab_caseload.csv");
    const header = rows[0] as string[];
    const type = header.indexOf("establishment_type");
    const group = header.indexOf("establishment_group");
    const pairs = new Set(rows.slice(1).map((r) => `${r[type]}\u0000${r[group]}`));
    const wrong = [...pairs].flatMap((p) => {
      const [t, g] = p.split("\u0000") as [string, string];
      const allowed = GROUPS[g];
      return t !== "Total" && allowed && !allowed.includes(placementOfEstablishment(t))
        ? [`${t} (${g})`]
        : [];
    });
    expect(wrong).toEqual([]);
  });
});

const load = async (ok: boolean, dir: string) => (ok ? await readSen2Dir(dir) : undefined);
const bristolOf = (data: Sen2Data) => {
  const f = findAuthority(data, "Bristol");
  if (!f.ok) throw new Error(f.message);
  return authorityHistory(data, f.authority);
};
const at = (h: ReturnType<typeof bristolOf>, year: number) => h.years.indexOf(year);

describe.skipIf(!HAS_2025)("the 2025 release in the 2023+ layout (real files)", async () => {
  const data = (await load(HAS_2025, SEN2_2025)) as Sen2Data;
  test("every authority, census years 2019–2022, national and regional totals", () => {
    expect(data.layout).toBe("2023");
    expect(data.files).toEqual(["caseload.csv", "newplans.csv", "requests.csv"]);
    expect(data.authorities.length).toBe(157);
    expect([...data.national.entries()]).toEqual([
      [2019, 353995],
      [2020, 390109],
      [2021, 430697],
      [2022, 473255],
    ]);
    expect(data.regions.size).toBe(9);
    expect(data.regions.get("South West")?.size).toBe(4);
  });
  test("Bristol: totals, placements adding up to them, flows; no age rows before 202324", () => {
    const h = bristolOf(data);
    expect(h.years).toEqual([2019, 2020, 2021, 2022]);
    expect(h.total).toEqual([2280, 2700, 3124, 3424]);
    const i = at(h, 2022);
    const counts = Object.fromEntries(h.byPlacement.map((p) => [p.id, p.counts[i]]));
    // SEN2 January 2022: mainstream 1,251 of which resourced/units 204; special 592 (incl. 26 hospital) + 520; independent 78 + 14.
    expect(counts).toEqual({
      mainstream: 1047,
      resourced: 204,
      special: 1112,
      inmss: 92,
      ap: 36,
      post16: 607,
      other: 326,
    });
    h.years.forEach((_, k) =>
      expect(h.byPlacement.reduce((a, p) => a + (p.counts[k] ?? 0), 0)).toBe(h.total[k]),
    );
    expect([...h.newPlans.entries()]).toEqual([
      [2019, 410],
      [2020, 735],
      [2021, 579],
    ]);
    expect([...h.requests.entries()]).toEqual([
      [2019, 626],
      [2020, 728],
      [2021, 850],
    ]);
    expect(
      Object.values(h.byAge)
        .flat()
        .every((v) => v === null),
    ).toBe(true);
  });
  test("suppressed columns are missing and listed, never zero", () => {
    expect(data.missingCells.some((c) => c.endsWith("mainstream_free_school_resourced_provision"))).toBe(
      true,
    );
  });
});

describe.skipIf(!HAS_2022)("the 2022 release (real files)", async () => {
  const data = (await load(HAS_2022, SEN2_2022)) as Sen2Data;
  test("new plans by calendar year and ages by census year, for Bristol", () => {
    const h = bristolOf(data);
    expect(h.newPlans.get(2019)).toBe(410);
    expect(h.newPlans.get(2021)).toBe(579);
    const i = at(h, 2022);
    expect(h.byAge.age11to15[i]).toBeGreaterThan(0);
    expect(Object.values(h.byAge).reduce((a, s) => a + (s[i] ?? 0), 0)).toBe(3424);
  });
});

describe.skipIf(!HAS_2022 || !HAS_2025)("the two layouts agree", async () => {
  const a = (await load(HAS_2022, SEN2_2022)) as Sen2Data;
  const b = (await load(HAS_2025, SEN2_2025)) as Sen2Data;
  test("every authority in both: the same totals and placement counts for 2019–2022, and the same new plans 2019–2021", () => {
    let compared = 0;
    const differences: string[] = [];
    for (const ref of b.authorities) {
      const other = a.authorities.find((x) => x.newCode === ref.newCode);
      if (!other) continue;
      const ha = authorityHistory(a, other);
      const hb = authorityHistory(b, ref);
      for (const y of [2019, 2020, 2021, 2022]) {
        const ia = ha.years.indexOf(y);
        const ib = hb.years.indexOf(y);
        if (ib < 0 && ia < 0) continue;
        compared++;
        if (ha.total[ia] !== hb.total[ib])
          differences.push(`${ref.name} ${y} total ${ha.total[ia]} ≠ ${hb.total[ib]}`);
        ha.byPlacement.forEach((p, k) => {
          if (p.counts[ia] !== hb.byPlacement[k]?.counts[ib])
            differences.push(`${ref.name} ${y} ${p.id} ${p.counts[ia]} ≠ ${hb.byPlacement[k]?.counts[ib]}`);
        });
      }
      for (const y of [2019, 2020, 2021])
        if (ha.newPlans.get(y) !== hb.newPlans.get(y))
          differences.push(`${ref.name} ${y} new plans ${ha.newPlans.get(y)} ≠ ${hb.newPlans.get(y)}`);
    }
    // Two differences: a row the 2025 release does not carry (Isles of Scilly, 2019 new plans: 0 in
    // 2022); and Northamptonshire's 2021 resourced provision, whose free-school resourced-provision
    // part the 2025 release gives as "x" where other authorities report it, so the 2025 count is
    // unknown rather than the known parts alone (the 2022 release has 0 there: 297).
    expect(differences).toEqual([
      "Northamptonshire 2021 resourced 297 ≠ null",
      "Isles of Scilly 2019 new plans 0 ≠ undefined",
    ]);
    expect(compared).toBeGreaterThanOrEqual(600);
  });
});

describe.skipIf(!HAS_2022)(
  "accuracy on the holdout: origin 2019, targets 2020–2022, every authority",
  async () => {
    const data = (await load(HAS_2022, SEN2_2022)) as Sen2Data;
    const table = (level: "total" | "placement") => {
      const referenceSeries = [...data.national.entries()].map(([year, count]) => ({ year, count }));
      const records = rollingOrigin(backtestSeries(data, { level }), {
        reference: nationalReference(data),
        referenceSeries,
        firstOrigin: 2019,
        lastOrigin: 2019,
        methods: HOLDOUT_METHODS,
      });
      const rows = summarise(commonOnly(records));
      const at = (method: string, h: number) =>
        rows.find((r) => r.method === method && r.horizon === h) as BacktestSummary;
      console.log(
        `holdout (${level}), MdAPE at 1/2/3 years: ${[
          "auto",
          "combined",
          "flat",
          "last",
          "cagr-3",
          "cagr-5",
          "ols-5",
          "reference-5",
        ]
          .map((m) => `${m} ${[1, 2, 3].map((h) => (100 * at(m, h).medianApe).toFixed(1)).join("/")}`)
          .join(
            "; ",
          )}; auto 10–90% coverage ${[1, 2, 3].map((h) => (100 * (at("auto", h).coverage ?? 0)).toFixed(1)).join("/")}`,
      );
      return at;
    };
    // Issue #13's targets (docs/calibration-and-uncertainty.md, "Accuracy on the holdout"). The
    // bands were chosen by the rule of scripts/study-pooling.mjs on forecasts with targets up to 2019 and scored here once.
    const naive = ["flat", "last", "cagr-3", "cagr-5", "ols-5"];
    test("placement types (what scenarios forecast): auto beats every single-series method, by over 1 point at 3 years", () => {
      const at = table("placement");
      const best = (h: number) => Math.min(...naive.map((m) => at(m, h).medianApe));
      expect(at("auto", 3).medianApe).toBeLessThanOrEqual(best(3) - 0.01);
      expect(at("auto", 1).medianApe).toBeLessThanOrEqual(best(1));
      expect(at("auto", 2).medianApe).toBeLessThanOrEqual(best(2));
    });
    test("placement types: auto's 10–90% bands hold 72–88% of outcomes at 1, 2 and 3 years", () => {
      const at = table("placement");
      for (const h of [1, 2, 3]) {
        expect(at("auto", h).coverage).toBeGreaterThanOrEqual(0.72);
        expect(at("auto", h).coverage).toBeLessThanOrEqual(0.88);
      }
    });
    // Not met: with England's trend read over its last three years (as scenarios read it), auto is
    // 1.2 / 1.6 / 1.4 points worse than the national CAGR-5 trend on the own base
    // (docs/calibration-and-uncertainty.md). This test passes while the target is missed, and fails (remove `.fails`) once it is met.
    test.fails("not yet met: placement types, auto no worse than reference-5 at any horizon", () => {
      const at = table("placement");
      for (const h of [1, 2, 3])
        expect(at("auto", h).medianApe).toBeLessThanOrEqual(at("reference-5", h).medianApe);
    });
    test("authority totals: reported, not claimed (auto's constants were chosen on placement series)", () => {
      const at = table("total");
      expect(at("auto", 3).n).toBeGreaterThan(140);
    });
  },
);

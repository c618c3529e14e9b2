// The SEN2 readers on the real DfE files of ../shared/data (HNB_SHARED_DATA): the 2022 release and
// the 2025 release's 2023+ layout cut at January 2022. Skipped, saying why, where they are absent.
import { describe, expect, test } from "vitest";
import { HAS_2022, HAS_2025, SEN2_2022, SEN2_2025 } from "../../../test/shared-data.js";
import { authorityHistory, findAuthority, readSen2Dir, type Sen2Data } from "../src/sen2-reader.js";

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
    // The one difference is a row the 2025 release does not carry (Isles of Scilly, 2019 new plans: 0 in 2022).
    expect(differences).toEqual(["Isles of Scilly 2019 new plans 0 ≠ undefined"]);
    expect(compared).toBeGreaterThanOrEqual(600);
  });
});

// The 2025 release's files beyond the caseload (issue #29), on small hand-made extracts in its real
// layout: single years of age summed into bands, placements not recorded kept out of every type,
// ceased plans and primary needs; and the skeleton parts built on them. The real files are tested in
// test/current-data.test.ts.
import { describe, expect, test } from "vitest";
import {
  authorityHistory,
  ceasedRates,
  defaultHorizon,
  findAuthority,
  flowIdentity,
  parseSen2_2023,
  scenarioSkeleton,
  singleAgeGroup,
} from "../../src/index.js";
import { stabilityGrantBlock } from "../../src/sen2/skeleton-parts.js";
import { BRISTOL, CASELOAD_COLUMNS, caseloadHead } from "./caseload-2023.js";

const A = BRISTOL;
const B = "350,E08000001,Bolton";
// ehcplans 1000 = mainstream_total 400 (300 + 100 resourced) + special 300 + ap 20 + fe 150 + unknown 80 + other 50.
const whole = (period: string, who: string, unknown: string) =>
  `${period},Academic year,Local authority,South West,${who},All EHC plans,All EHC plans,1000,200,100,0,100,0,0,0,0,0,0,400,250,20,25,5,300,20,150,${unknown}`;
const age = (period: string, label: string, n: number, topic = "Child or young persons age") =>
  `${period},Academic year,Local authority,South West,${A},${topic},${label},${n},${CASELOAD_COLUMNS.map(() => "").join(",")}`;
const caseload = [
  caseloadHead(),
  whole("202122", A, "x"),
  whole("202223", A, "80"),
  whole("202324", A, "c"),
  whole("202324", B, "10"),
  whole("202425", A, "80"),
  // January 2025 by single year of age: 100 under 5, 400 at 5–10, 300 at 11–15, 150 at 16–19, 50 at 20–25.
  age("202425", "under 3", 40),
  age("202425", "age 3", 30),
  age("202425", "age 4", 30),
  ...[5, 6, 7, 8, 9, 10].map((a) => age("202425", `age ${a}`, a === 10 ? 150 : 50)),
  ...[11, 12, 13, 14, 15].map((a) => age("202425", `age ${a}`, 60)),
  ...[16, 17, 18, 19].map((a) => age("202425", `age ${a}`, a === 19 ? 0 : 50)),
  age("202425", "age 20", 20),
  age("202425", "age 25", 30),
  // The age the plan started is not the current age: never summed into the bands.
  age("202425", "age 10", 999, "Age when plan started"),
].join("\n");
const CEASED_HEAD =
  "time_period,time_identifier,geographic_level,region_name,old_la_code,new_la_code,la_name,breakdown_topic,breakdown,max_age,transfer,total_ceased";
const ceasedRow = (year: number, topic: string, breakdown: string, maxAge: string, total: string) =>
  `${year},Calendar year,Local authority,South West,${A},${topic},${breakdown},${maxAge},5,${total}`;
const ceased = [
  CEASED_HEAD,
  ceasedRow(2022, "All ceased EHC plans", "All ceased EHC plans", "30", "100"),
  ceasedRow(2024, "All ceased EHC plans", "All ceased EHC plans", "25", "90"),
  ceasedRow(2024, "Age plan ceased", "age 19", "5", "20"),
  ceasedRow(2024, "Age plan ceased", "age 20 and over", "20", "60"),
  ceasedRow(2024, "Age plan ceased", "Age unknown", "0", "10"),
].join("\n");
const NEEDS_HEAD =
  "time_period,time_identifier,geographic_level,region_name,old_la_code,new_la_code,la_name,breakdown_topic,breakdown,ehc_plans,number_asd,number_hi,number_mld,number_msi,number_oth,number_pd,number_pmld,number_semh,number_slcn,number_sld,number_spld,number_vi,number_need_unknown";
const needs = [
  NEEDS_HEAD,
  `202425,Academic year,Local authority,South West,${A},All EHC plans,All EHC plans,1000,400,10,60,c,5,30,10,250,150,20,40,5,0`,
].join("\n");

describe("the 2025 release's caseload, ceased plans and primary needs", () => {
  const data = parseSen2_2023({ caseload, ceased, needs });
  const found = findAuthority(data, "Bristol");
  if (!found.ok) throw new Error(found.message);
  const h = authorityHistory(data, found.authority);

  test("single years of current age add up to the bands; the age a plan started is left alone", () => {
    expect(singleAgeGroup("under 3")).toBe("under5");
    expect(singleAgeGroup("age 2 and under")).toBe("under5");
    expect(singleAgeGroup("Aged 19")).toBe("age16to19");
    expect(singleAgeGroup("age 20 and over")).toBe("age20to25");
    expect(singleAgeGroup("Age unknown")).toBeUndefined();
    const at = h.years.indexOf(2025);
    expect(Object.fromEntries(Object.entries(h.byAge).map(([k, v]) => [k, v[at]]))).toEqual({
      under5: 100,
      age5to10: 400,
      age11to15: 300,
      age16to19: 150,
      age20to25: 50,
    });
  });

  test("placements not recorded are in no type; suppressed where others report them, the remainder is unknown", () => {
    const other = h.byPlacement.find((p) => p.id === "other")?.counts;
    // 2022: no authority reports the column (the collection had none): other 1000 − 400 − 300 − 20 − 150 = 130.
    // 2023 and 2025: 80 not recorded come out of it: 50. 2024: Bristol's cell is suppressed where
    // Bolton reports it: other is unknown, never 130 with the 80 inside.
    expect(h.years).toEqual([2022, 2023, 2024, 2025]);
    expect(other).toEqual([130, 50, null, 50]);
    expect(h.placementUnknown).toEqual([null, 80, null, 80]);
    expect(h.unknownSums).toContain("2024 other: placement_unknown");
    // Each type with placements not recorded adds up to the census.
    const at = h.years.indexOf(2025);
    const sum = h.byPlacement.reduce((a, p) => a + (p.counts[at] ?? 0), 0);
    expect(sum + (h.placementUnknown[at] ?? 0)).toBe(1000);
  });

  test("ceased plans by year, with the maximum-age and unknown-age ones apart", () => {
    expect(h.ceased.get(2022)).toEqual({ total: 100, maxAge: 30, transfer: 5, byAge: {}, ageUnknown: null });
    expect(h.ceased.get(2024)).toMatchObject({
      total: 90,
      maxAge: 25,
      byAge: { age16to19: { total: 20, maxAge: 5 }, age20to25: { total: 60, maxAge: 20 } },
      ageUnknown: 10,
    });
  });

  test("primary needs at January 2025; a suppressed need is missing, never zero", () => {
    expect(h.needs?.census).toBe(2025);
    expect(h.needs?.counts).toMatchObject({ ASD: 400, SEMH: 250, SLCN: 150, MSI: null, notRecorded: 0 });
    expect(data.missingCells).toContain("Bristol, City of 2025 number_msi");
  });

  test("cessation: ceased less those ageing out at 20 and over, over January's EHCPs, pooled", () => {
    // 2022 (no age rows): 100 − all 30 at the maximum age; 2024: 90 − 20 at 20 and over (the 5 at 19
    // are real cessations). (70 + 70) / (1000 + 1000) = 7%. 2023 has no cessations in the extract.
    const totals = new Map(h.years.map((y, i) => [y, h.total[i] ?? null]));
    expect(ceasedRates(h.ceased, totals, 2025)).toEqual({
      rate: 0.07,
      years: [2022, 2024],
      ceased: 190,
      agedOut: 50,
      opening: 2000,
      noAges: [2022],
    });
    // Only flows that arrive by the base census count.
    expect(ceasedRates(h.ceased, totals, 2024)?.years).toEqual([2022]);
  });

  test("the flows' identity: opening + new − ceased, and what is left over", () => {
    const rows = flowIdentity([2024, 2025], [4382, 4931], new Map([[2024, 778]]), new Map([[2024, 351]]));
    expect(rows).toEqual([
      {
        census: 2025,
        opening: 4382,
        newPlans: 778,
        ceased: 351,
        expected: 4809,
        closing: 4931,
        residual: 122,
      },
    ]);
  });

  test("the skeleton: horizon to 2027-28, the Stability Grant where it is paid within it, primary needs, s251 lines", () => {
    expect([2019, 2022, 2023, 2025, 2026].map(defaultHorizon)).toEqual([9, 6, 5, 5, 5]);
    expect(stabilityGrantBlock(2025)).toMatchObject({
      paidIn: "2026-27",
      sources: { share: expect.any(String) },
    });
    expect(stabilityGrantBlock(2025)?.source).toBeUndefined();
    expect(stabilityGrantBlock(2022, 4)).toBeUndefined(); // to 2025-26: before it is paid
    expect(stabilityGrantBlock(2027)?.eligibleDeficit).toMatch(/^TODO: /);
    expect(stabilityGrantBlock(2028)).toBeUndefined();
    const sk = scenarioSkeleton(h) as Record<string, unknown>;
    expect(sk.ehcpsByNeed).toMatchObject({ census: 2025, counts: { ASD: 400, notRecorded: 0 } });
    // A suppressed need is left out, not written as 0.
    expect((sk.ehcpsByNeed as { counts: Record<string, number> }).counts.MSI).toBeUndefined();
    const lines = sk.lines as { s251: string; amount: string }[];
    expect(lines.map((l) => l.s251)).toEqual([
      "1.2.4",
      "1.2.5",
      "1.2.6",
      "1.2.7",
      "1.2.8",
      "1.2.9",
      "1.2.10",
      "1.2.11",
      "1.2.13",
    ]);
    for (const l of lines)
      expect(l.amount).toContain(`s251 outturn, Schools Budget high-needs section, line ${l.s251}`);
    // No placement carries a source for all its figures: only the figures SEN2 gave have one.
    for (const p of sk.placements as Record<string, unknown>[]) {
      expect(p.source).toBeUndefined();
      expect(Object.keys(p.sources as object).sort()).toEqual(
        Object.keys(p.history as object).length ? ["count", "history"] : ["count"],
      );
    }
  });
});

// England's series by placement type (issue #31), from both release layouts, and the authority
// series an authority-level backtest reads: figures computed by hand from the rows below.
import { describe, expect, test } from "vitest";
import { parseSen2_2022, parseSen2_2023 } from "../../src/index.js";
import { authoritySeries } from "../../src/sen2/authority-series.js";
import { nationalTypeSeries, typeReferences } from "../../src/sen2/type-reference.js";
import { BRISTOL, caseloadHead } from "./caseload-2023.js";

// England 2019: mainstream 300 + 400 + 60 + 40 = 800; resourced 50 + 10 = 60; special 700 + 200 = 900;
// inmss 60 + 4 = 64; ap 20; post16 300; other 2,280 − 860 − 964 − 20 − 300 = 136.
const england = (period: string, total: number, unknown: string) =>
  `${period},Academic year,National,,,,,All EHC plans,All EHC plans,${total},300,50,0,400,10,0,60,0,0,40,860,700,200,60,4,964,20,300,${unknown}`;
const la = (period: string, total: number, unknown: string) =>
  `${period},Academic year,Local authority,South West,${BRISTOL},All EHC plans,All EHC plans,${total},30,5,0,40,1,0,6,0,0,4,86,70,20,6,1,97,2,30,${unknown}`;

describe("England by placement type", () => {
  test("2023+ layout: the National row's columns summed as an authority's, other the remainder less unknown placements", () => {
    const data = parseSen2_2023({
      caseload: [caseloadHead(), england("201819", 2280, "x"), england("202223", 2380, "100")].join("\n"),
    });
    const s = nationalTypeSeries(data);
    expect(s.mainstream).toEqual([
      { year: 2019, count: 800 },
      { year: 2023, count: 800 },
    ]);
    expect(s.resourced?.[0]?.count).toBe(60);
    expect(s.special?.[0]?.count).toBe(900);
    expect(s.inmss?.[0]?.count).toBe(64);
    expect(s.ap?.[0]?.count).toBe(20);
    expect(s.post16?.[0]?.count).toBe(300);
    // 2023: 2,380 − 860 − 964 − 20 − 300 = 236, of which 100 have no known placement: other 136.
    expect(s.other?.map((p) => p.count)).toEqual([136, 136]);
    expect(data.nationalPlacements.get(2023)?.get("unknown")).toBe(100);
    expect(data.nationalPlacements.get(2019)?.has("unknown")).toBe(false);
    expect(typeReferences(data, 2022)).toMatchObject({ mainstream: { "2019": 800 }, other: { "2019": 136 } });
    expect(typeReferences(data, 2022).mainstream).toEqual({ "2019": 800 });
  });
  test("2022 layout: National establishment rows mapped by placementOfEstablishment; Total rows skipped", () => {
    const HEAD =
      "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,establishment_type,establishment_group,Total_all";
    const nat = (type: string, group: string, v: number) =>
      `2022,Calendar year,National,E92000001,England,"","","","","",${type},${group},${v}`;
    const data = parseSen2_2022({
      estab: [
        HEAD,
        nat("Total", "Total", 1000),
        nat("Total", "Special school", 700),
        nat("Special - LA maintained", "Special school", 500),
        nat("Special - Academy/free", "Special school", 150),
        nat("Special - Independent", "Special school", 50),
        nat("Mainstream - Academy", "Mainstream school", 290),
        nat("Mainstream - Academy - Resourced Provision", "Mainstream school", 10),
      ].join("\n"),
    });
    const s = nationalTypeSeries(data);
    expect(s.special).toEqual([{ year: 2022, count: 650 }]);
    expect(s.inmss).toEqual([{ year: 2022, count: 50 }]);
    expect(s.mainstream).toEqual([{ year: 2022, count: 290 }]);
    expect(s.resourced).toEqual([{ year: 2022, count: 10 }]);
    expect(data.national.get(2022)).toBe(1000);
  });
});

describe("authority series for a backtest from an origin", () => {
  test("history up to the origin from one release, outcomes after it from the later one; a census with over 5% unplaced is unscored for types", () => {
    const early = parseSen2_2023({
      caseload: [caseloadHead(), la("201819", 228, "x"), la("202122", 240, "x")].join("\n"),
    });
    // 2023: 12 of 250 unplaced (4.8%): scored; 2024: 13 of 250 (5.2%): not; 2025 suppressed: not.
    const later = parseSen2_2023({
      caseload: [
        caseloadHead(),
        la("202122", 999, "x"),
        la("202223", 250, "12"),
        la("202324", 250, "13"),
        la("202425", 250, "c"),
      ].join("\n"),
    });
    const [a] = authoritySeries(early, later, 2022);
    expect(a?.key).toBe("Bristol, City of");
    expect(a?.total).toEqual([
      { year: 2019, count: 228 },
      { year: 2022, count: 240 },
      { year: 2023, count: 250 },
      { year: 2024, count: 250 },
      { year: 2025, count: 250 },
    ]);
    expect(a?.unscoredTypeYears).toEqual([2024, 2025]);
    expect(a?.types.find((t) => t.id === "special")?.points.map((p) => p.count)).toEqual([
      90, 90, 90, 90, 90,
    ]);
  });
});

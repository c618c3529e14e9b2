// s251 lines right (issue #32): place funding on 1.0.2 whether a placement is costed by places or
// per pupil, academies' top-ups on 1.2.2, post-16 on the colleges' line, staffing on the line it
// names, and what is on no line shown apart with why. Figures are worked by hand from the default
// scenario's sources (data/default-scenario.yaml: SEN2 January 2022 counts, the DBV paper's costs).
import { readFileSync } from "node:fs";
import { countBasedLines, forecast, parseScenario, type Scenario, s251Statement } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const scenarioOf = (file: string): Scenario => {
  const r = parseScenario(parse(readFileSync(new URL(`../../../../data/${file}`, import.meta.url), "utf8")));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return r.scenario;
};
const close = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 4);

describe("a placement costed per pupil splits its unit cost into place funding and top-up", () => {
  test("special: £10,000 of £28,500 a pupil on 1.0.2, the rest on its top-up lines by share", () => {
    const lines = countBasedLines({
      category: "MdSSA",
      s251Split: { "1.2.1": 0.5, "1.2.2": 0.5 },
      unitCost: 28_500,
      cost: 285_000,
    });
    expect(lines).toEqual([
      ["1.0.2", 100_000],
      ["1.2.1", 92_500],
      ["1.2.2", 92_500],
    ]);
  });
  test("no place funding where the category has none, and never more than the cost", () => {
    expect(countBasedLines({ category: "NMISS", unitCost: 60_000, cost: 600_000 })).toEqual([
      ["1.2.3", 600_000],
    ]);
    expect(countBasedLines({ category: "MdSSA", unitCost: 8_000, cost: 80_000 })).toEqual([
      ["1.0.2", 80_000],
      ["1.2.1", 0],
    ]);
    // Post-16 costed per pupil: FE colleges' line, not maintained schools'.
    expect(countBasedLines({ category: "P16FE", unitCost: 12_000, cost: 120_000 })).toEqual([
      ["1.0.2", 60_000],
      ["1.2.2", 60_000],
    ]);
  });
});

describe("the default scenario's s251 statement, base year 2021-22 (census phasing: cost = count × unit cost)", () => {
  const s = scenarioOf("default-scenario.yaml");
  const r = forecast(s);
  const u = s251Statement(r.financialYears, r.unmitigated);
  const at = (line: string) => u.rows.find((x) => x.line === line)?.amounts[0];
  const special = 33_800_000 / 1186;

  test("1.0.2 holds the place funding of special (1,086 × £10,000), resourced (204 × £6,000), AP (36 × £10,000) and post-16 (607 × £6,000)", () => {
    close(at("1.0.2"), 10_860_000 + 1_224_000 + 360_000 + 3_642_000);
  });

  test("1.2.2 holds academies' and colleges' top-ups, in SEN2's proportions", () => {
    const expected =
      520 * (special - 10_000) + // special academies and free schools
      100 * special * (520 / 1086) + // their pupils without an EHCP
      199 * 9_000 + // academy resourced provision and units
      728 * 8_662 + // mainstream academies and free schools
      36 * 8_000 + // AP academies: £18,000 less £10,000 place funding
      582 * 4_000; // FE and sixth form colleges
    close(at("1.2.2"), expected);
    close(at("1.2.1"), 566 * (special - 10_000) + 100 * special * (566 / 1086) + 5 * 9_000 + 279 * 8_662);
    // Independent and non-maintained special schools, mainstream independent schools, specialist
    // post-16 institutions, early years and other providers.
    close(at("1.2.3"), 11_900_000 + 40 * 8_662 + 25 * 4_000 + 34 * 5_000 + 83 * 5_000);
  });

  test("every pound is on a line, and the lines add up to the ledger's expenditure in every year", () => {
    expect(u.rows.every((x) => x.line !== "")).toBe(true);
    u.total.forEach((t, k) => close(t, r.unmitigated.ledger[k]?.expenditure ?? Number.NaN));
  });

  test("mitigated: the Educational Psychologists on 1.2.5, the DBV grant's spend apart with its reason", () => {
    const m = s251Statement(r.financialYears, r.mitigated);
    const k = r.financialYears.indexOf("2023-24");
    const eps = r.mitigated.staffing.find((x) => x.id === "eps" && x.fy === "2023-24")?.cost ?? 0;
    expect(eps).toBeCloseTo(4 * 91_600 * 1.03 ** 2, 4);
    const sen = r.mitigated.lines.find((x) => x.id === "sen-support" && x.fy === "2023-24")?.cost ?? 0;
    close(m.rows.find((x) => x.line === "1.2.5")?.amounts[k], sen + eps);
    const apart = m.rows.filter((x) => x.line === "");
    expect(apart.map((x) => x.label)).toEqual([
      "Not on an s251 line: implementation spend of grant levers, paid from grants outside the DSG (such as DBV), so on no s251 high-needs line",
    ]);
    close(apart[0]?.amounts[k], 450_000);
    m.total.forEach((t, j) => close(t, r.mitigated.ledger[j]?.expenditure ?? Number.NaN));
  });
});

describe("data/place-funding.yaml", () => {
  const s = scenarioOf("place-funding.yaml");
  const r = forecast(s);
  const st = s251Statement(r.financialYears, r.unmitigated);
  const at = (line: string) => st.rows.find((x) => x.line === line)?.amounts[0];
  test("FE colleges costed per pupil: £6,000 of £12,000 on 1.0.2, the top-up on 1.2.2 beside the academy's", () => {
    // 1.0.2: 200 special places × £10,000 + 42 academy places × £6,000 + 100 × £6,000.
    close(at("1.0.2"), 2_000_000 + 252_000 + 600_000);
    // 1.2.2: the academy resourced provision's banded top-ups (40 × £6,800) + 100 × £6,000.
    close(at("1.2.2"), 272_000 + 600_000);
    close(at("1.2.1"), 200 * 15_000 + 500 * 8_000);
  });
});

describe("bad s251 input is refused, naming the field", () => {
  const base = (): Record<string, unknown> =>
    parse(readFileSync(new URL("../../../../data/place-funding.yaml", import.meta.url), "utf8"));
  const problems = (input: Record<string, unknown>) => {
    const r = parseScenario(input);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  test("shares that do not add up to 1, and a split beside a single line", () => {
    const input = base();
    const placements = input.placements as Record<string, unknown>[];
    Object.assign(placements[3] ?? {}, { s251Split: { "1.2.1": 0.5, "1.2.2": 0.4 } });
    Object.assign(placements[4] ?? {}, { s251: "1.2.2", s251Split: { "1.2.2": 1 } });
    expect(problems(input)).toEqual([
      "placements[3].s251Split: shares add up to 0.9, not 1",
      "placements[4].s251: give s251 (one line) or s251Split (shares by line), not both",
    ]);
  });
  test("a staffing line's s251 must be a high-needs line", () => {
    const input = { ...base(), staffing: [{ id: "ep", role: "EP", lumpSum: 1, s251: "2.1.1" }] };
    expect(problems(input)[0]).toMatch(
      /^staffing\[0\]\.s251: must be an s251 high-needs line from "1\.2\.1" to "1\.2\.13"/,
    );
  });
});

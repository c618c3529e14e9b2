// Bristol Schools Forum, 26 November 2019 (seed 000): three staffing tables entered as staffing
// lines in data/bristol-2019-staffing.yaml. The printed figures are pinned here; the paper is not
// internally tidy, and these tests show where rather than hide it.
import { readScenarioFile } from "@hnb/io";
import { forecast, roundMoney, type Scenario } from "@hnb/model";
import { beforeAll, describe, expect, test } from "vitest";

const PRINTED_LINES: Record<string, number> = {
  "assessment-manager": 55011,
  "senior-assessment-coordinators": 165639,
  "assessment-coordinators": 377562,
  "career-progression": 160000,
  mediation: 41410,
  "business-support": 55878,
  "send-complaints": 62927,
  "team-manager": 55011,
  "triage-officers": 94391,
  "inclusion-family-support": 223073,
  "childrens-social-care": 109000,
  participation: 64078,
  "quality-assurance": 49961,
  "performance-advisor": 49961,
  "transitions-team": 220000,
  "educational-psychologists": 366400,
  "local-offer": 35639,
  "send-advisor": 64078,
  "pm-alp": 55011,
  "education-partners": 166896,
  "bame-consultant": 41724,
  "disadvantage-project": 41724,
  attendance: 64078,
  "schools-training": 100000,
  "programme-support": 41410,
  "pm-send-system": 41258,
  "business-analyst": 27506,
  "pm-first-call": 27506,
  "po-joint-commissioning": 41410,
  "workforce-training": 25000,
  "consultant-policy": 47500,
  "consultant-bi": 47500,
  "po-inspection": 41410,
  "early-help-module": 44615,
  "stakeholder-officer": 55011,
  "stakeholder-assistant": 41410,
};
const TABLE_1 = "SEND Statutory Assessment, Planning & Review";
const TABLE_2 = "Performance & Standards (SEND & Inclusion)";
const TABLE_3 = "SEND Improvement & Programme Delivery Team";

let scenario: Scenario;
let base: Map<string, number>;
beforeAll(async () => {
  const r = await readScenarioFile("data/bristol-2019-staffing.yaml");
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  scenario = r.scenario;
  const result = forecast(scenario);
  base = new Map(result.unmitigated.staffing.filter((s) => s.fy === "2020-21").map((s) => [s.id, s.cost]));
});
const tableSum = (group: string) =>
  scenario.staffing.filter((s) => s.group === group).reduce((a, s) => a + (base.get(s.id) ?? Number.NaN), 0);

describe("Bristol 2019 staffing tables", () => {
  test("every published line total is reproduced (to the pound, rounded once)", () => {
    expect(scenario.staffing).toHaveLength(Object.keys(PRINTED_LINES).length);
    for (const [id, printed] of Object.entries(PRINTED_LINES))
      expect([id, roundMoney(base.get(id) ?? Number.NaN, "pounds")]).toEqual([id, printed]);
  });

  test("table 1's lines sum to £1,783,902; the printed £1,563,902 leaves out the £220,000 Transitions Team", () => {
    expect(roundMoney(tableSum(TABLE_1), "pounds")).toBe(1_783_902);
    expect(roundMoney(tableSum(TABLE_1) - (base.get("transitions-team") ?? 0), "pounds")).toBe(1_563_902);
  });

  test("table 2's lines sum to £935,550 against a printed £935,549.2", () => {
    expect(tableSum(TABLE_2)).toBe(935_550);
    expect(tableSum(TABLE_2) - 935_549.2).toBeCloseTo(0.8, 9);
  });

  test("table 3's lines sum to about £481,536 against a printed £481,534; its '0.8' FTE line is 0.75 × £55,011", () => {
    expect(tableSum(TABLE_3)).toBeCloseTo(481_535.25, 6);
    const printedLines = scenario.staffing
      .filter((s) => s.group === TABLE_3)
      .reduce((a, s) => a + (PRINTED_LINES[s.id] ?? 0), 0);
    expect(printedLines).toBe(481_536);
    expect(roundMoney(0.8 * 55_011, "pounds")).toBe(44_009);
    expect(roundMoney(0.75 * 55_011, "pounds")).toBe(41_258);
    expect(scenario.staffing.find((s) => s.id === "pm-send-system")?.fte).toBe(0.75);
  });

  test("pay awards compound from the base year across the three forecast years", () => {
    const total = (fy: string) =>
      forecast(scenario)
        .unmitigated.staffing.filter((s) => s.fy === fy)
        .reduce((a, s) => a + s.cost, 0);
    const all = tableSum(TABLE_1) + tableSum(TABLE_2) + tableSum(TABLE_3);
    expect(total("2021-22")).toBeCloseTo(all * 1.0275, 6);
    expect(total("2023-24")).toBeCloseTo(all * 1.0275 * 1.03 * 1.03, 6);
    expect(forecast(scenario).unmitigated.ledger[0]?.inYear).toBeCloseTo(-all, 6);
  });
});

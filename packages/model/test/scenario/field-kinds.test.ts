// Every number of the scenario declares what it measures (issue #27): the walk below fails on a
// number field without a kind wherever it sits (a record, a list, a union's alternative, a map keyed
// by year, a formula), and the lookups read the kinds the schema declares.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import {
  FIELD_KIND_MEANING,
  FIELD_KINDS,
  fieldKind,
  kindsByField,
  ScenarioSchema,
  scenarioJsonSchema,
} from "../../src/index.js";
import { COUNT, GROWTH, MONEY, num, rateOrYearMap, yearMap } from "../../src/scenario/schema-fields.js";
import { kindOfSchema, numbersOf } from "../../src/scenario/schema-kinds.js";

const text = (path: string[]) => path.join(".");

describe("every number of the scenario schema has a kind", () => {
  const numbers = numbersOf(ScenarioSchema);

  test("no number field lacks one", () => {
    expect(numbers.filter((n) => n.kind === undefined).map((n) => text(n.path))).toEqual([]);
  });

  test("the walk reaches records, lists, unions, per-year maps, formulas and values a transform checks", () => {
    const paths = new Set(numbers.map((n) => text(n.path)));
    for (const p of [
      "openingBalance", // a number or a formula
      "placements.*.count", // an item of a list
      "placements.*.history.*", // a map keyed by census year
      "placements.*.growth", // a rate, a per-year map or a method: the rate
      "placements.*.growth.*", // … the per-year map, whose values a transform checks
      "placements.*.growth.years", // … the method's years
      "placements.*.places.bands.*.topUp", // a list inside a record inside a list
      "placements.*.s251Split.*", // a map keyed by s251 line
      "income.hnb.perHead.formula.*", // a map keyed by financial year
      "mitigations.*.change", // alternatives of the lever union
      "mitigations.*.staffing.*.fte", // a list inside one alternative
      "uncertainty.growth", // "auto" or a distribution, checked by a transform
      "uncertainty.levers.*.sd", // a distribution's parameter inside a map
      "demand.history.*.under5", // a band inside a map keyed by year
      "ehcpsByNeed.counts.ASD",
    ])
      expect(paths, p).toContain(p);
    // Every kind is used, and no more than the schema needs.
    expect(new Set(numbers.map((n) => n.kind))).toEqual(new Set(FIELD_KINDS));
  });

  test("the check fails on a number without a kind, wherever it hides", () => {
    const bad = z.strictObject({
      ok: num(MONEY, "£."),
      plain: z.number(),
      inList: z.array(z.strictObject({ n: z.number() })),
      inUnion: z.union([z.literal("auto"), z.strictObject({ n: z.number().optional() })]),
      inMap: z.record(z.string(), z.number()),
      opaque: z.unknown().transform((v) => v),
      // A kind on an object covers no field of it: each declares its own.
      covered: z.strictObject({ n: z.number() }).meta({ kind: "count" }),
      years: yearMap(COUNT, "Counts."),
      rates: rateOrYearMap(GROWTH, "Rates."),
    });
    expect(
      numbersOf(bad)
        .filter((n) => n.kind === undefined)
        .map((n) => text(n.path)),
    ).toEqual(["plain", "inList.*.n", "inUnion.n", "inMap.*", "opaque", "covered.n"]);
  });

  test("every kind is documented", () => {
    expect(Object.keys(FIELD_KIND_MEANING).sort()).toEqual([...FIELD_KINDS].sort());
  });
});

describe("fieldKind", () => {
  test.each([
    [["openingBalance"], "money"],
    [["baseYear"], "year"],
    [["horizon"], "years"],
    [["placements", 0, "unitCost"], "money"],
    [["placements", 0, "count"], "count"],
    [["placements", 0, "history"], "count"],
    [["placements", 0, "history", "2019"], "count"],
    [["placements", 0, "growth"], "rate"],
    [["placements", 0, "growth", "2026"], "rate"],
    // A field the schema names wins over a per-year map's key.
    [["placements", 0, "growth", "years"], "years"],
    [["placements", 0, "ageSplit"], "share"],
    [["placements", 0, "ageSplit", "under5"], "share"],
    [["placements", 0, "places", "fill", 1], "share"],
    [["placements", 0, "places", "bands", 0, "topUp"], "money"],
    [["placements", 0, "s251Split", "1.2.1"], "share"],
    [["staffing", 0, "fte"], "fte"],
    [["staffing", 0, "payAward", "2025"], "rate"],
    [["income", "hnb", "perHead", "population", "2025-26"], "count"],
    [["income", "importExport", "netImported", "2025-26"], "count"],
    [["income", "schoolsBlock", "transferRate", "2025-26"], "rate"],
    [["income", "stabilityGrant", "share"], "share"],
    [["mitigations", 2, "change"], "rate"],
    [["mitigations", 0, "from"], "year"],
    [["mitigations", 0, "rampYears"], "years"],
    [["mitigations", 0, "confidence"], "share"],
    [["mitigations", 0, "staffing", 0, "unitCost"], "money"],
    [["mitigations", 0, "inYearTargets", "2026-27"], "money"],
    [["uncertainty", "seed"], "code"],
    [["uncertainty", "paths"], "count"],
    [["uncertainty", "costInflation", "sd"], "rate"],
    [["uncertainty", "delivery", "mean"], "factor"],
    [["uncertainty", "levers", "lever-a", "max"], "factor"],
    [["uncertainty", "growth"], "rate"],
    [["uncertainty", "placements", "special", "growth"], "rate"],
    [["ehcpsByAge", "census"], "year"],
    [["ehcpsByNeed", "counts", "SEMH"], "count"],
    [["demand", "history", "2024", "age5to10"], "count"],
    [["demand", "newPlans", "split", "under5"], "share"],
    [["demand", "requests", "conversion"], "share"],
    [["statutoryOverride", "usableReserves"], "money"],
  ] as const)("%j is %s", (path, kind) => {
    expect(fieldKind(path)).toBe(kind);
  });

  test.each([
    [[]], // the whole scenario
    [["income"]], // a section of several kinds
    [["placements", 0]], // an item
    [["placements", 0, "label"]], // text
    [["placements", 0, "nosuchfield"]],
    [["placements", "first", "count"]], // a list is indexed by number
  ] as const)("%j has no kind", (path) => {
    expect(fieldKind(path)).toBeUndefined();
  });

  test("a field whose numbers share one kind has it (a distribution's parameters)", () => {
    expect(fieldKind(["uncertainty", "delivery"])).toBe("factor");
    expect(fieldKind(["uncertainty", "costInflation"])).toBe("rate");
  });
});

describe("kindsByField", () => {
  const kinds = kindsByField();

  test("a name has the kinds of every field so named", () => {
    expect(kinds.get("unitCost")).toEqual(["money"]);
    expect(kinds.get("growth")).toEqual(["rate"]);
    expect(kinds.get("history")).toEqual(["count"]);
    // A band is a count in a census and a share in an age split.
    expect(kinds.get("under5")).toEqual(["count", "share"]);
    // A distribution's parameters are rates (cost inflation) or factors (delivery).
    expect(kinds.get("sd")).toEqual(["rate", "factor"]);
  });

  test("a field of several kinds gives its name none; text fields have none", () => {
    // demand.newPlans holds a rate and shares: only flows.newPlans (counts) names the kind.
    expect(kinds.get("newPlans")).toEqual(["count"]);
    expect(kinds.has("income")).toBe(false);
    expect(kinds.has("label")).toBe(false);
  });

  test("a field's kind is the one it declares, else the one its numbers share", () => {
    expect(kindOfSchema(ScenarioSchema.shape.openingBalance)).toBe("money");
    expect(kindOfSchema(ScenarioSchema.shape.flows)).toBe("count");
    expect(kindOfSchema(ScenarioSchema.shape.income)).toBeUndefined();
    expect(kindOfSchema(ScenarioSchema.shape.name)).toBeUndefined();
  });
});

test("the JSON Schema carries each number's kind for editors and the input workbook", () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, { kind?: string }> };
  expect(schema.properties.openingBalance?.kind).toBe("money");
  expect(schema.properties.baseYear?.kind).toBe("year");
  expect(schema.properties.name?.kind).toBeUndefined();
});

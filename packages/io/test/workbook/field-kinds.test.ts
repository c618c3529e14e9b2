// The assumptions sheet's kind-by-field-name lookup, derived from the schema's kinds, against the
// table kept by hand (`KINDS`, workbook.ts's, now assumption-format.ts's, copied below as it stood
// before field kinds): equal key by key, but for the differences listed with why each is right.
import { FIELD_KINDS } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { SHOWN_AS, type WorkbookKind, workbookKind, workbookKinds } from "../../src/workbook/field-kinds.js";

// assumption-format.ts's KINDS (workbook.ts's before the split) as it stood before the schema declared kinds.
const KINDS: Record<string, WorkbookKind> = {
  openingBalance: "money",
  rate: "money",
  formula: "money",
  commissioned: "count",
  netImported: "count",
  population: "count",
  fill: "rate",
  floor: "rate",
  cap: "rate",
  unitCost: "money",
  amount: "money",
  amounts: "money",
  lumpSum: "money",
  spend: "money",
  payments: "money",
  inYearTargets: "money",
  usableReserves: "money",
  costInflation: "rate",
  growth: "rate",
  inflation: "rate",
  payAward: "rate",
  transferRate: "rate",
  reduction: "rate",
  change: "rate",
  confidence: "rate",
  ageSplit: "rate",
  rates: "rate",
  baseYear: "year",
  from: "year",
  census: "year",
  seed: "year",
  count: "count",
  counts: "count",
  moves: "count",
  history: "count",
  newPlans: "count",
  requests: "count",
  paths: "count",
};

// Where the old table gave nothing, the sheet showed a top-level figure as "number" (whole numbers
// with the count format) and a nested one as its parent's kind. `undefined`: no entry now.
const DIFFERENCES: Record<string, { now: WorkbookKind | undefined; why: string }> = {
  rates: {
    now: undefined,
    why: "no scenario field is named rates: the estimated growth rates are shown by derived(), which passes the rate kind itself",
  },
  // Shares: shown as percentages, as ageSplit, fill and confidence were; before, 0.9 read "0.90".
  share: { now: "rate", why: "a share (stabilityGrant.share 0.9, a top-up band's share) read 0.90, now 90%" },
  cessation: { now: "rate", why: "demand.cessation's shares read 0.06 (0.0623 rounded), now 6.2267%" },
  ageing: { now: "rate", why: "demand.ageing's shares, as cessation" },
  split: { now: "rate", why: "demand.newPlans.split's shares of new plans, as cessation" },
  conversion: { now: "rate", why: "demand.requests.conversion, a share of requests: 0.8 read 0.80, now 80%" },
  s251Split: { now: "rate", why: "a placement's shares by s251 line (not shown on the sheet today)" },
  // Money the old table did not name: the format of money (negatives red) instead of the count's.
  eligibleDeficit: {
    now: "money",
    why: "stabilityGrant.eligibleDeficit is £: money's format, not the count's",
  },
  excluded: { now: "money", why: "stabilityGrant.excluded is £: money's format, not the count's" },
  topUp: { now: "money", why: "a band's top-up is £ (inside a list: the text is the same)" },
  other: { now: "money", why: "income.other holds only £ (a container: no row is keyed by it)" },
  otherMovements: { now: "money", why: "schoolsBlock.otherMovements holds only £ (a container)" },
  statutoryOverride: { now: "money", why: "its one figure, usableReserves, is £ (a container)" },
  // Counts: the text of a count and of a number is the same (formatNumber to 2 places).
  ceased: { now: "count", why: "flows.ceased is EHCPs ceased, as flows.newPlans" },
  flows: { now: "count", why: "every flow is a count (a container)" },
  reference: { now: "count", why: "the reference population's series are EHCP counts (a container)" },
  ...Object.fromEntries(
    [
      "ASD",
      "DS",
      "HI",
      "MLD",
      "MSI",
      "OTH",
      "PD",
      "PMLD",
      "SEMH",
      "SLCN",
      "SLD",
      "SPLD",
      "VI",
      "notRecorded",
    ].map((need) => [
      need,
      { now: "count", why: "EHCPs by primary need: the parent, counts, was already count" },
    ]),
  ),
  // Plain numbers: the old fallback named explicitly, and no longer inherited from a parent.
  years: {
    now: "number",
    why: "a growth method's years of history: inside growth it inherited rate and read 300% for 3",
  },
  horizon: { now: "number", why: "years of forecast: as the fallback showed it" },
  rampYears: { now: "number", why: "years to the full effect: as the fallback showed it" },
  fte: { now: "number", why: "FTE may be a fraction: decimals, as the fallback showed it" },
  delivery: { now: "number", why: "a delivery factor's distribution (shown as its text: no change)" },
  levers: { now: "number", why: "delivery factors by lever (shown as their text: no change)" },
  // Fields newer than the old table: the demand flows' draws, rates like growth's.
  newPlansGrowth: { now: "rate", why: "a shift in new plans' growth: a rate, as uncertainty.growth" },
  cessationRate: { now: "rate", why: "rate points on every band's cessation rate: a rate, as cessation" },
};

describe("the workbook's kinds by field name, from the schema", () => {
  const now = workbookKinds();

  test("equal to the old table key by key, but for the differences listed", () => {
    const keys = [...new Set([...Object.keys(KINDS), ...Object.keys(now)])].sort();
    const differing = keys.filter((k) => KINDS[k] !== now[k]);
    expect(Object.fromEntries(differing.map((k) => [k, now[k]]))).toEqual(
      Object.fromEntries(Object.entries(DIFFERENCES).map(([k, d]) => [k, d.now])),
    );
  });

  test("a name shown two ways has no entry: the sheet shows it as its parent", () => {
    // A band is a count in a census and a share in an age split; a distribution's sd a rate or a factor.
    for (const k of ["under5", "age5to10", "sd", "mean", "min", "max", "mode", "placements"])
      expect(workbookKind(k), k).toBeUndefined();
  });

  test("the lookup is safe for any key", () => {
    expect(workbookKind("constructor")).toBeUndefined();
    expect(workbookKind("toString")).toBeUndefined();
    expect(workbookKind("unitCost")).toBe("money");
  });

  test("every schema kind is shown one way", () => {
    expect(Object.keys(SHOWN_AS).sort()).toEqual([...FIELD_KINDS].sort());
  });
});

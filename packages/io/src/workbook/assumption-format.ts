// How the assumptions sheet shows a figure, by the name of the field it is read from: £, rate,
// year, count, or a plain number. (The schema's bounds know these units too: this table is the one
// place to replace when the formats are derived from them.)
import { FORMATS } from "./formats.js";

/** How a figure of the assumptions sheet is shown: by the field it is read from. */
export type Kind = "money" | "rate" | "year" | "count" | "number";

/** The kind of figure each field holds; a field not listed is a plain number. @example KINDS.unitCost === "money" */
export const KINDS: Record<string, Kind> = {
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

/** The number format of each kind. @example FORMAT_OF.year === FORMATS.plain */
export const FORMAT_OF: Record<Kind, string> = {
  money: FORMATS.money,
  rate: FORMATS.rate,
  year: FORMATS.plain,
  count: FORMATS.count,
  number: FORMATS.decimal,
};

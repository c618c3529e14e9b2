// What a number of the scenario measures. Every number field declares one in the schema (the field
// builders of schema-fields.ts take it with the bounds), so formats and units are read from the
// schema instead of being guessed from a field's name or description.

/** The kinds of number a scenario holds, each documented in FIELD_KIND_MEANING. */
export const FIELD_KINDS = [
  "money",
  "count",
  "fte",
  "rate",
  "share",
  "factor",
  "year",
  "years",
  "code",
] as const;

/** What a number field measures: its unit, and how it is shown. */
export type FieldKind = (typeof FIELD_KINDS)[number];

/** What each kind measures, in a sentence (the set's documentation; docs/scenario-format.md cites it). */
export const FIELD_KIND_MEANING: Readonly<Record<FieldKind, string>> = {
  money: "pounds (£): a cost, an allocation, a balance (negative where a deficit may be)",
  count: "a number of things counted: EHCPs, pupils, places, requests, simulated paths",
  fte: "full-time equivalent posts (may be a fraction)",
  rate: "a rate, 0.02 = 2%: growth or inflation a year, a proportional change, a transfer rate, a change in rate points",
  share: "a part of a whole, from 0 to 1: an age split, a lever's confidence, the share of places filled",
  factor: "a multiplier, 1 = as planned: the delivery factor drawn on a lever's confidence",
  year: "a census year (January of the year), e.g. the base year 2025",
  years: "a number of years (a duration): the horizon, a ramp, the years of history a method reads",
  code: "a whole number that names rather than measures (the random seed): no unit, no separators",
};

// The schema's `.meta({ kind })` is checked against the kinds (zod's documented way to type metadata).
declare module "zod" {
  interface GlobalMeta {
    kind?: FieldKind;
  }
}

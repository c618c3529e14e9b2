// The scenario file's schema (spec §9), assembled from one module per section: the field kinds
// (schema-fields.ts), placements, lines and staffing, income, levers, uncertainty and demand.
import { z } from "zod";
import {
  demandSchema,
  ehcpsByAgeSchema,
  ehcpsByNeedSchema,
  flowsSchema,
  referenceSchema,
} from "./schema-demand.js";
import { MONEY, num, plain, record, SIGNED_MONEY, source, text } from "./schema-fields.js";
import { incomeSchema } from "./schema-income.js";
import { mitigation } from "./schema-levers.js";
import { linesSchema, staffingLine } from "./schema-lines.js";
import { placementsSchema } from "./schema-placements.js";
import { uncertainty } from "./schema-uncertainty.js";

export {
  describeValue,
  GROWTH_METHOD_NAMES,
  type GrowthInput,
  type GrowthMethodInput,
  plainText,
  type RateInput,
} from "./schema-fields.js";
export { MITIGATION_TYPES } from "./schema-levers.js";
export type { Distribution } from "./schema-uncertainty.js";

/** The schema version this library reads and writes. */
export const SCHEMA_VERSION = "hnb-scenario/1";

/** Where a recovery plan stands with DfE. */
export const PLAN_STATUSES = ["draft", "submitted", "approved", "not-approved"] as const;

/** The scenario file (spec §9): the one schema at the boundary from which every scenario type is inferred. */
export const ScenarioSchema = record({
  schema: z.literal(SCHEMA_VERSION, {
    error: `must be "${SCHEMA_VERSION}" (the only version this library reads)`,
  }),
  name: text("a scenario name"),
  authority: record({
    name: text("an authority name"),
    code: plain("an authority code").optional(),
  }).optional(),
  description: plain("a description").optional(),
  baseYear: num(
    { kind: "year", min: 2000, max: 2100, integer: true, expects: "a census year from 2000 to 2100" },
    "Base census year B.",
  ),
  horizon: num(
    { kind: "years", min: 1, max: 30, integer: true, expects: "a whole number of years from 1 to 30" },
    "Forecast census years B+1..B+H.",
  ),
  phasing: z.enum(["census", "academic"], { error: 'must be "census" or "academic"' }).default("census"),
  openingBalance: num(SIGNED_MONEY, "DSG reserve on 1 April of the base FY (negative = deficit), £."),
  openingBalanceSource: source,
  placements: placementsSchema,
  lines: linesSchema,
  staffing: z.array(staffingLine).default([]),
  income: incomeSchema,
  plan: record({
    name: text("the plan's name").meta({ description: 'e.g. "Bristol local SEND reform plan".' }),
    status: z
      .enum(PLAN_STATUSES, { error: `must be one of ${PLAN_STATUSES.join(", ")}` })
      .default("draft")
      .meta({ description: "Where the plan stands with DfE." }),
    submitted: z
      .string({ error: 'expected a date such as "2026-06-30"' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" })
      .optional()
      .meta({ description: "When the plan was submitted to DfE." }),
    source,
  })
    .optional()
    .meta({
      description:
        "The recovery plan the levers make up (for most authorities now their local SEND reform plan): the pack calls the mitigated forecast by its name.",
    }),
  mitigations: z.array(mitigation).default([]),
  uncertainty: uncertainty.optional(),
  statutoryOverride: record({
    ends: z
      .string({ error: 'expected a date such as "2028-03-31"' })
      .regex(/^\d{4}-03-31$/, {
        error: "must be 31 March of a year, written YYYY-03-31 (the end of a financial year)",
      })
      .default("2028-03-31")
      .meta({ description: "When the statutory override ends (default 31 March 2028)." }),
    usableReserves: num(MONEY, "The council's usable reserves, £, to compare the deficit with.").optional(),
    source,
  })
    .optional()
    .meta({
      description:
        "The statutory override keeps DSG deficits off the council's general fund until it ends; the output compares the deficit then with usable reserves.",
    }),
  reference: referenceSchema,
  flows: flowsSchema,
  ehcpsByAge: ehcpsByAgeSchema,
  ehcpsByNeed: ehcpsByNeedSchema,
  demand: demandSchema,
});

type ScenarioOutput = z.output<typeof ScenarioSchema>;
/**
 * A validated scenario: what the engine computes from (numbers evaluated, defaults filled). An
 * interface, not an alias, so that declarations (tslab emits them for every notebook cell) name it
 * instead of expanding it into zod's internal types.
 */
export interface Scenario extends ScenarioOutput {}
/** A scenario as written in a file (numbers may be formulas, defaults may be missing). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** One placement type of a validated scenario. */
export type Placement = Scenario["placements"][number];
/** One other-expenditure line of a validated scenario. */
export type Line = Scenario["lines"][number];
/** One staffing line of a validated scenario. */
export type StaffingLine = z.output<typeof staffingLine>;
/** One mitigation (lever) of a validated scenario. */
export type Mitigation = Scenario["mitigations"][number];
/** The uncertainty section of a validated scenario. */
export type Uncertainty = NonNullable<Scenario["uncertainty"]>;
/** The lever types of spec §7. */
export type MitigationType = Mitigation["type"];

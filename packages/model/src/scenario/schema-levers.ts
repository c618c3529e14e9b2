// The mitigations section: the levers of spec §7, savings first, then funding, then EHCP flows.
import { z } from "zod";
import { AGE_GROUP_KEYS } from "./category.js";
import {
  type Bounds,
  CHANGE,
  COUNT,
  fyLabelSchema,
  fyMap,
  idSchema,
  MONEY,
  num,
  record,
  SHARE,
  SIGNED_MONEY,
  source,
  TRANSFER_RATE,
  text,
  yearMap,
} from "./schema-fields.js";
import { staffingLine } from "./schema-lines.js";

/** Every lever type (spec §7), savings first, then funding. */
export const MITIGATION_TYPES = [
  "growthReduction",
  "placementShift",
  "unitCostChange",
  "lineChange",
  "staffing",
  "transfer",
  "grant",
  "safetyValve",
  "newPlansChange",
  "cessationChange",
  "conversionChange",
] as const;

// The age bands a flow lever acts on: all five when absent.
export const bandList = z
  .array(z.enum(AGE_GROUP_KEYS, { error: `must be one of ${AGE_GROUP_KEYS.join(", ")}` }))
  .min(1, { error: "must name at least one age band" })
  .optional();

export const mitigationBase = {
  id: idSchema,
  label: text("a label").optional(),
  confidence: num(SHARE, "Share of the effect assumed delivered.").default(1),
  source,
};

// A lever on EHCP flows: a change, the age bands it acts on and the first census year.
export function flowLever<T extends "newPlansChange" | "cessationChange" | "conversionChange">(
  type: T,
  bounds: Bounds,
  description: string,
) {
  return record({
    ...mitigationBase,
    type: z.literal(type),
    change: num(bounds, description),
    bands: bandList,
    from: num(
      { kind: "year", min: 2000, max: 2100, integer: true, expects: "a census year" },
      "First census year of the effect.",
    ),
  });
}

export const mitigation = z.discriminatedUnion(
  "type",
  [
    record({
      ...mitigationBase,
      type: z.literal("growthReduction"),
      placements: z.array(idSchema).min(1, { error: "must name at least one placement" }),
      reduction: num(
        { kind: "rate", min: 0, max: 1, expects: "between 0 and 1 (a reduction in the growth rate)" },
        "Cut in the annual growth rate, e.g. 0.02 for 2 points.",
      ),
      from: num(
        { kind: "year", min: 2000, max: 2100, integer: true, expects: "a census year" },
        "First census year of the effect.",
      ),
      rampYears: num(
        { kind: "years", min: 1, max: 30, integer: true, expects: "a whole number of years from 1 to 30" },
        "Years to reach the full effect.",
      ).default(1),
    }),
    record({
      ...mitigationBase,
      type: z.literal("placementShift"),
      fromPlacement: idSchema,
      toPlacement: idSchema,
      moves: yearMap(COUNT, "Extra placements moved in each census year."),
    }),
    record({
      ...mitigationBase,
      type: z.literal("unitCostChange"),
      placements: z.array(idSchema).min(1, { error: "must name at least one placement" }),
      change: num(CHANGE, "Proportional change, e.g. -0.03."),
      fromFY: fyLabelSchema,
    }),
    record({
      ...mitigationBase,
      type: z.literal("lineChange"),
      lines: z.array(idSchema).min(1, { error: "must name at least one line" }),
      change: num(CHANGE, "Proportional change, e.g. -0.1."),
      fromFY: fyLabelSchema,
    }),
    record({ ...mitigationBase, type: z.literal("staffing"), staffing: z.array(staffingLine).min(1) }),
    record({
      ...mitigationBase,
      type: z.literal("transfer"),
      transferRate: fyMap(TRANSFER_RATE, "Transfer rate by FY."),
    }),
    record({
      ...mitigationBase,
      type: z.literal("grant"),
      amounts: fyMap(MONEY, "Income by FY, £."),
      spend: fyMap(MONEY, "Implementation spend the grant pays for, by FY, £ (spec §7)."),
      spendReason: text("a reason")
        .optional()
        .meta({ description: "Why the grant carries no spend of its own; required when `spend` is empty." }),
    }),
    flowLever(
      "newPlansChange",
      { kind: "rate", above: -1, max: 10, expects: "a fraction above -1, e.g. -0.1 for 10% fewer" },
      "Proportional change in new EHC plans, e.g. -0.1 (needs a `demand` section).",
    ),
    flowLever(
      "cessationChange",
      { kind: "rate", min: -1, max: 1, expects: "rate points between -1 and 1, e.g. 0.02" },
      "Extra share of each band's plans ceasing each year, e.g. 0.02 for 2 points (needs a `demand` section).",
    ),
    flowLever(
      "conversionChange",
      { kind: "rate", min: -1, max: 1, expects: "rate points between -1 and 1, e.g. -0.05" },
      "Change in the share of requests that become plans (needs `demand.requests`).",
    ),
    record({
      ...mitigationBase,
      type: z.literal("safetyValve"),
      payments: fyMap(
        MONEY,
        "DfE Safety Valve payments by FY, £, each paid only if that year's target is met.",
      ),
      inYearTargets: fyMap(
        SIGNED_MONEY,
        "The in-year balance (before the payment) the agreement requires in each payment year, £; 0 when not given.",
      ).default({}),
    }),
  ],
  {
    error: (iss) =>
      iss.code === "invalid_union" ? `type must be one of ${MITIGATION_TYPES.join(", ")}` : undefined,
  },
);

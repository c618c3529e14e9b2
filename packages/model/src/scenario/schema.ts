import { z } from "zod";
import { GROWTH_METHODS } from "../growth/calibration.js";
import { fyYear } from "../units/time.js";
import { AGE_GROUP_KEYS, type AgeGroup, CATEGORY_CODES } from "./category.js";
import { evaluateFormula } from "./formula.js";
import { didYouMean } from "./names.js";
import { NEED_CODES, type NeedCode } from "./needs.js";
import { sourcesSchema } from "./provenance.js";
import { describeUnsafe, firstUnsafe } from "./text-safety.js";

/** The schema version this library reads and writes. */
export const SCHEMA_VERSION = "hnb-scenario/1";

interface Bounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound (growth > −100%). */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  integer?: boolean;
  /** How the bound reads in a message, e.g. "a rate above -1 (−100%)". */
  expects: string;
}

/** How a raw value reads in a message. @example describeValue([1]) === "a list" */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  // YAML's !!timestamp and !!binary tags give a Date and bytes, not maps.
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? "a date" : `a date (${v.toISOString().slice(0, 10)})`;
  if (v instanceof Uint8Array) return "binary data (a !!binary value)";
  if (typeof v === "object") return "a map";
  if (typeof v === "string") return `"${v}"`;
  return String(v);
}

type Ctx = z.core.$RefinementCtx<unknown>;

// Re-reports the issues of a part parsed on its own at their paths; an unknown field is named, with
// the fields known there, as the file's other unknown fields are (validate.ts).
function forwardIssues(issues: readonly z.core.$ZodIssue[], ctx: Ctx, known: readonly string[]): void {
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys)
        ctx.addIssue({
          code: "custom",
          message: `unknown field${didYouMean(key, known, (k) => `\`${k}\``)}; known fields here: ${known.join(", ")}`,
          path: [...path, key],
        });
    else ctx.addIssue({ code: "custom", message: issue.message, path });
  }
}

// Turns a number or a formula into a number within bounds, reporting the problem at the field's path.
function toNumber(v: unknown, b: Bounds, ctx: Ctx, path: (string | number)[] = []): number | undefined {
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message, path });
    return undefined;
  };
  let value: number;
  if (v === undefined) return fail("is required");
  if (typeof v === "number") {
    if (Number.isNaN(v)) return fail("is NaN, not a number");
    if (!Number.isFinite(v)) return fail(`is ${v}, not a finite number`);
    value = v;
  } else if (typeof v === "string") {
    // An imported skeleton marks what the statistics cannot know as "TODO: …"; it must never become a number.
    const todo = /^\s*TODO\b[\s:.-]*/i.exec(v);
    if (todo) return fail(`is not filled in: ${v.slice(todo[0].length).trim() || "enter a value"}`);
    const r = evaluateFormula(v);
    if (!r.ok) return fail(r.reason);
    value = r.value;
  } else {
    return fail(`expected a number or a formula, got ${describeValue(v)}`);
  }
  const outside =
    (b.min !== undefined && value < b.min) ||
    (b.above !== undefined && value <= b.above) ||
    (b.max !== undefined && value > b.max) ||
    (b.integer === true && !Number.isInteger(value));
  return outside ? fail(`must be ${b.expects} (got ${value})`) : value;
}

// What a number field takes as written: a number or a formula. The union gives the input type and
// the JSON Schema; a value of neither kind gets the same message as a bad formula would.
const numberOrFormula = z.union(
  [z.number(), z.string().meta({ description: 'A formula, evaluated with mathjs, e.g. "49000 - 31000".' })],
  { error: (iss) => notANumber(iss.input) },
);

function notANumber(v: unknown): string {
  if (v === undefined) return "is required";
  if (typeof v === "number") return Number.isNaN(v) ? "is NaN, not a number" : `is ${v}, not a finite number`;
  return `expected a number or a formula, got ${describeValue(v)}`;
}

function num(b: Bounds, description: string) {
  return numberOrFormula
    .transform((v, ctx) => toNumber(v, b, ctx) ?? z.NEVER)
    .meta({ description: `${description} Must be ${b.expects}.` });
}

// Upper bounds far beyond any authority (a national HNB is about £10bn, England about 640,000
// EHCPs), low enough that no forecast of 30 years can overflow a double: a typo such as 1e308 is
// refused here, naming the field, instead of printing "£NaNk".
const MONEY: Bounds = { min: 0, max: 1e12, expects: "zero or more, and at most 1e12 (£1 trillion)" };
const COUNT: Bounds = { min: 0, max: 1e7, expects: "zero or more, and at most 10,000,000" };
const SIGNED_MONEY: Bounds = { min: -1e12, max: 1e12, expects: "between -1e12 and 1e12 (£1 trillion)" };
const DRAW: Bounds = { min: -10, max: 10, expects: "between -10 and 10 (a rate or factor)" };
const GROWTH: Bounds = {
  above: -1,
  max: 10,
  expects: "a rate above -1 (growth of −100% or less would wipe out the base) and at most 10 (1,000%)",
};
const SHARE: Bounds = { min: 0, max: 1, expects: "between 0 and 1" };
// A cost change: -1 stops the cost; +10 (1,000% dearer) is beyond any lever, where 1e12 would give
// a "saving" of £6e18.
const CHANGE: Bounds = {
  min: -1,
  max: 10,
  expects: "a proportional change from -1 (the whole cost saved) to 10 (1,000% more)",
};
const TRANSFER_RATE: Bounds = { min: 0, max: 1, expects: "a rate between 0 and 1 (0% to 100%)" };

const YEAR_KEY = /^\d{4}$/;

/** A rate that is one number for every year, or a map keyed by census year (the step from Y-1 to Y). */
export type RateInput = number | Readonly<Record<string, number>>;

// A plain object keyed by census year, or one number: checked entry by entry so every bad entry is named.
function rateOrYearMapValue(v: unknown, b: Bounds, ctx: Ctx): RateInput {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(v)) {
      if (!YEAR_KEY.test(key)) {
        ctx.addIssue({
          code: "custom",
          message: `key "${key}" is not a census year (YYYY)`,
          path: [key],
        });
        continue;
      }
      const n = toNumber(value, b, ctx, [key]);
      if (n !== undefined) out[key] = n;
    }
    return out;
  }
  return toNumber(v, b, ctx) ?? z.NEVER;
}

// One number or formula for every year, or a map from census year to one.
const rateOrYearMapInput = z.union([numberOrFormula, z.record(z.string(), z.unknown())], {
  error: (iss) => notANumber(iss.input),
});

function rateOrYearMap(b: Bounds, description: string) {
  return rateOrYearMapInput
    .transform((v, ctx): RateInput => rateOrYearMapValue(v, b, ctx))
    .meta({
      description: `${description} One number for every year, or a map keyed by census year. Must be ${b.expects}.`,
    });
}

/** The growth methods a scenario may name; `auto` chooses among them by backtest on the history. */
export const GROWTH_METHOD_NAMES = ["auto", "combined", ...GROWTH_METHODS] as const;

/** Growth estimated from the placement's history instead of typed in. */
export interface GrowthMethodInput {
  method: (typeof GROWTH_METHOD_NAMES)[number];
  /** Years of history the method reads (e.g. 3 for CAGR-3); the method's default when absent. */
  years?: number;
}

/** A placement's growth: a rate, a per-year map, or a method estimating it from history. */
export type GrowthInput = RateInput | GrowthMethodInput;

const growthMethodSchema = z.strictObject({
  method: z.enum(GROWTH_METHOD_NAMES, { error: `must be one of ${GROWTH_METHOD_NAMES.join(", ")}` }),
  years: z
    .number({ error: "must be a whole number of years" })
    .int({ error: "must be a whole number of years" })
    .min(1, { error: "must be at least 1" })
    .max(15, { error: "must be at most 15" })
    .optional(),
});

// An object with a `method` key is a growth method; anything else is a rate or a per-year map.
function growthValue(description: string) {
  return z
    .union([numberOrFormula, growthMethodSchema, z.record(z.string(), z.unknown())], {
      error: (iss) => notANumber(iss.input),
    })
    .transform((v, ctx): GrowthInput => {
      if (v !== null && typeof v === "object" && !Array.isArray(v) && "method" in v) {
        const r = growthMethodSchema.safeParse(v);
        if (r.success)
          return r.data.years === undefined
            ? { method: r.data.method }
            : { method: r.data.method, years: r.data.years };
        forwardIssues(r.error.issues, ctx, Object.keys(growthMethodSchema.shape));
        return z.NEVER;
      }
      return rateOrYearMapValue(v, GROWTH, ctx);
    })
    .meta({
      description: `${description} One number for every year, a map keyed by census year, or { method, years } to estimate it from history (method: ${GROWTH_METHOD_NAMES.join(", ")}).`,
    });
}

function yearMap(b: Bounds, description: string) {
  return z
    .record(z.string().regex(YEAR_KEY, { error: "is not a census year (YYYY)" }), num(b, "A value."))
    .meta({ description });
}

const fyLabelSchema = z
  .string({ error: 'expected a financial year label such as "2025-26"' })
  .refine((s) => fyYear(s) !== undefined, {
    error: (iss) =>
      `"${String(iss.input)}" is not a financial year label: expected YYYY-YY with consecutive years, such as "2025-26"`,
  });

function fyMap(b: Bounds, description: string) {
  return z
    .record(
      z.string().refine((s) => fyYear(s) !== undefined, {
        error: (iss) =>
          `"${String(iss.input)}" is not a financial year label: expected YYYY-YY with consecutive years, such as "2025-26"`,
      }),
      num(b, "A value."),
    )
    .meta({ description });
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const idSchema = z
  .string({ error: "expected an id (letters, digits, '-', '_', '.')" })
  .regex(ID, { error: "must start with a letter or digit and use only letters, digits, '-', '_' and '.'" });
// Control characters in a label would reach terminals (escape sequences), CSV files and SVG text;
// bidirectional controls would reorder what a Forum paper shows.
// A line feed may stay (a folded source); a carriage return is refused, as before.
const unsafeAt = (v: string) => firstUnsafe(v.replace(/\n/g, " "));
const plain = (what: string) =>
  z.string({ error: `expected ${what} (text)` }).refine((v) => unsafeAt(v) < 0, {
    error: (iss) => {
      const text = String(iss.input);
      const at = unsafeAt(text);
      const kind = describeUnsafe(text.charCodeAt(at));
      return `contains ${kind} at position ${at + 1}: remove it`;
    },
  });
const text = (what: string) => plain(what).min(1, { error: "must not be empty" });

/** A text field (a name, a label) as every schema checks it: not empty, no control or bidirectional characters. @example plainText("a name").safeParse("Q1").success */
export const plainText = text;

/**
 * A strict object: unknown keys are rejected (a typo such as `unitcost` is a silently ignored
 * assumption otherwise), with the closest known key suggested by the error formatter.
 */
function record<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape);
}

const source = text("a source")
  .optional()
  .meta({ description: "Where the figure comes from (paper, dataset, page)." });

/** Where a recovery plan stands with DfE. */
export const PLAN_STATUSES = ["draft", "submitted", "approved", "not-approved"] as const;

// The High Needs Stability Grant of spec §11 (DfE/MHCLG explanatory note, 9 February 2026).
const stabilityGrant = record({
  condition: text("the grant's condition").meta({
    description:
      'What the grant depends on, shown wherever the grant is, e.g. "DfE approval of the local SEND reform plan".',
  }),
  share: num(
    { above: 0, max: 1, expects: "a share above 0 and at most 1 (0.9 = 90%)" },
    "Share of the eligible deficit the grant pays off.",
  ).default(0.9),
  deficitFY: fyLabelSchema
    .default("2025-26")
    .meta({ description: "The FY whose closing deficit is paid off." }),
  paidIn: fyLabelSchema.default("2026-27").meta({ description: "The FY the grant is paid in." }),
  eligibleDeficit: num(
    MONEY,
    "The deficit DfE will use, £ (positive), where known; otherwise each forecast's own closing deficit.",
  ).optional(),
  excluded: num(
    MONEY,
    "Non-High-Needs deficit inside the DSG deficit (other blocks' overspends, equal pay), £.",
  ).default(0),
  forecasts: z
    .enum(["both", "mitigated"], { error: 'must be "both" or "mitigated" (paid only with the plan)' })
    .default("both")
    .meta({ description: "Which forecasts receive the grant." }),
  source,
  sources: sourcesSchema("stabilityGrant"),
});

// An s251 high-needs line, 1.2.1 to 1.2.13 (place funding, 1.0.2, follows from the category).
const S251_HIGH_NEEDS = /^1\.2\.(1[0-3]?|[2-9])$/;
const s251HighNeedsLine = z.string().regex(S251_HIGH_NEEDS, {
  error: 'must be an s251 high-needs line from "1.2.1" to "1.2.13", e.g. "1.2.5" (SEN support services)',
});

const staffingLine = record({
  id: idSchema,
  role: text("a role"),
  group: text("a group").optional().meta({ description: "The table or team the line belongs to." }),
  fte: num(COUNT, "Full-time equivalents.").optional(),
  unitCost: num(MONEY, "Cost per FTE with on-costs, £ a year at base-year prices.").optional(),
  lumpSum: num(MONEY, "A lump sum, £ a year at base-year prices.").optional(),
  payAward: rateOrYearMap(GROWTH, "Pay award.").default(0),
  firstFY: fyLabelSchema.optional(),
  lastFY: fyLabelSchema.optional(),
  fundedBy: z.enum(["HNB", "general-fund"]).default("HNB"),
  s251: s251HighNeedsLine.optional().meta({
    description:
      'The s251 line of an HNB-funded post, e.g. "1.2.5" (SEN support services) or "1.2.8" (support for inclusion); without it the s251 sheet shows the cost apart, saying no line was named.',
  }),
  source,
  sources: sourcesSchema("staffing"),
});

// Place funding and top-ups (issue #18): see place-funding.ts and docs/place-funding.md.
const SIGNED_COUNT: Bounds = { min: -1e7, max: 1e7, expects: "between -10,000,000 and 10,000,000" };

const topUpBand = record({
  band: text("a band name"),
  share: num(SHARE, "Share of the placement's pupils in the band."),
  topUp: num(MONEY, "Element 3 top-up per pupil in the band, £ a year at base-year prices."),
});

const placesSchema = record({
  commissioned: yearMap(
    COUNT,
    "Census year -> places commissioned from that year on (a year left out keeps the places of the year before). The base year is required; the year before it is optional (the places then, default the base year's). Omit for a setting paid per pupil only (fees, mainstream top-ups).",
  ).optional(),
  rate: num(
    MONEY,
    "Place funding, £ a commissioned place a year, paid whether the place is filled or not; default the operational guide's rate for the category (see PLACE_FUNDING).",
  ).optional(),
  onRoll: z.boolean({ error: "must be true or false" }).optional().meta({
    description:
      "Resourced provision (RPSEN) only: false when pupils are not on the host school's roll (£10,000 a place instead of £6,000).",
  }),
  fill: z
    .array(num(SHARE, "Share of the new places that can be filled in that year of their life."))
    .min(1, { error: "must give at least one share" })
    .optional()
    .meta({
      description:
        "Share of NEW places that can be filled in their 1st, 2nd, … year; the last share holds thereafter. Default [1]: every place fills at once.",
    }),
  provider: z
    .enum(["maintained", "academy"], { error: 'must be "maintained" or "academy"' })
    .default("maintained")
    .meta({
      description:
        "Who runs the setting: academy (academies, free schools, colleges) place funding is recouped, paid by the ESFA out of the HNB allocation.",
    }),
  bands: z.array(topUpBand).min(1, { error: "must give at least one band" }).optional().meta({
    description:
      "The top-up by band: shares summing to 1 whose share-weighted mean top-up must equal the placement's unitCost.",
  }),
  overflow: idSchema.optional().meta({
    description:
      "A placement without `places` that takes the pupils the commissioned places cannot hold (costed there); without it they are reported as unplaced and costed nowhere.",
  }),
  source,
}).meta({
  description:
    "Cost the placement as commissioned places × place-funding rate + pupils placed × top-up (the placement's unitCost is then the top-up per pupil).",
});

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
const bandList = z
  .array(z.enum(AGE_GROUP_KEYS, { error: `must be one of ${AGE_GROUP_KEYS.join(", ")}` }))
  .min(1, { error: "must name at least one age band" })
  .optional();

const mitigationBase = {
  id: idSchema,
  label: text("a label").optional(),
  confidence: num(SHARE, "Share of the effect assumed delivered.").default(1),
  source,
};

// A lever on EHCP flows: a change, the age bands it acts on and the first census year.
function flowLever<T extends "newPlansChange" | "cessationChange" | "conversionChange">(
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
      { min: 2000, max: 2100, integer: true, expects: "a census year" },
      "First census year of the effect.",
    ),
  });
}

const mitigation = z.discriminatedUnion(
  "type",
  [
    record({
      ...mitigationBase,
      type: z.literal("growthReduction"),
      placements: z.array(idSchema).min(1, { error: "must name at least one placement" }),
      reduction: num(
        { min: 0, max: 1, expects: "between 0 and 1 (a reduction in the growth rate)" },
        "Cut in the annual growth rate, e.g. 0.02 for 2 points.",
      ),
      from: num(
        { min: 2000, max: 2100, integer: true, expects: "a census year" },
        "First census year of the effect.",
      ),
      rampYears: num(
        { min: 1, max: 30, integer: true, expects: "a whole number of years from 1 to 30" },
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
      { above: -1, max: 10, expects: "a fraction above -1, e.g. -0.1 for 10% fewer" },
      "Proportional change in new EHC plans, e.g. -0.1 (needs a `demand` section).",
    ),
    flowLever(
      "cessationChange",
      { min: -1, max: 1, expects: "rate points between -1 and 1, e.g. 0.02" },
      "Extra share of each band's plans ceasing each year, e.g. 0.02 for 2 points (needs a `demand` section).",
    ),
    flowLever(
      "conversionChange",
      { min: -1, max: 1, expects: "rate points between -1 and 1, e.g. -0.05" },
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

const distribution = z.discriminatedUnion(
  "distribution",
  [
    record({
      distribution: z.literal("normal"),
      mean: num(DRAW, "Mean.").default(0),
      sd: num({ min: 0, max: 10, expects: "zero or more, and at most 10" }, "Standard deviation."),
    }),
    record({
      distribution: z.literal("uniform"),
      min: num(DRAW, "Lowest value."),
      max: num(DRAW, "Highest value."),
    }),
    record({
      distribution: z.literal("triangular"),
      min: num(DRAW, "Lowest value."),
      mode: num(DRAW, "Most likely value."),
      max: num(DRAW, "Highest value."),
    }),
  ],
  {
    error: () =>
      'distribution must be "normal" (sd, mean), "uniform" (min, max) or "triangular" (min, mode, max)',
  },
);

/** A probability distribution of an uncertain assumption. */
export type Distribution = z.output<typeof distribution>;

const GROWTH_UNCERTAINTY =
  'must be "auto" (from the noise of the placement\'s history) or a distribution: normal (sd), uniform (min, max) or triangular (min, mode, max)';

// "auto", or a distribution whose own problems (an sd out of range, say) are reported at their path.
const growthUncertainty = z
  .unknown()
  .transform((v, ctx): "auto" | z.output<typeof distribution> => {
    if (v === "auto") return "auto";
    if (v === null || typeof v !== "object" || Array.isArray(v) || !("distribution" in v)) {
      ctx.addIssue({ code: "custom", message: GROWTH_UNCERTAINTY, path: [] });
      return z.NEVER;
    }
    const r = distribution.safeParse(v);
    if (r.success) return r.data;
    // The fields of the distribution named (all of them when it names none known).
    const named = distribution.options.filter(
      (o) => o.shape.distribution.value === (v as { distribution?: unknown }).distribution,
    );
    const known = [
      ...new Set((named.length ? named : distribution.options).flatMap((o) => Object.keys(o.shape))),
    ];
    forwardIssues(r.error.issues, ctx, known);
    return z.NEVER;
  })
  .meta({
    description:
      'Shift added to the growth rate in every forecast year, drawn once per path and placement; "auto" uses the sd from the placement\'s own noise.',
    anyOf: [
      { const: "auto" },
      {
        type: "object",
        properties: { distribution: { enum: ["normal", "uniform", "triangular"] } },
        required: ["distribution"],
      },
    ],
  });

const uncertainty = record({
  paths: num(
    { min: 1, max: 1_000_000, integer: true, expects: "a whole number from 1 to 1,000,000" },
    "Simulated paths.",
  ).default(2000),
  seed: num(
    { min: 0, max: 4_294_967_295, integer: true, expects: "a whole number from 0 to 4294967295" },
    "Random seed.",
  ).default(1),
  growth: growthUncertainty.optional(),
  costInflation: distribution
    .optional()
    .meta({ description: "Shift added to every placement's unit-cost inflation, drawn once per path." }),
  delivery: distribution
    .optional()
    .meta({ description: "Factor on each lever's confidence, drawn per path and lever (clamped to 0–1)." }),
  placements: z
    .record(idSchema, record({ growth: growthUncertainty }))
    .optional()
    .meta({ description: "Growth uncertainty for named placements, replacing `growth` for them." }),
  levers: z
    .record(idSchema, distribution)
    .optional()
    .meta({ description: "Delivery factor for named levers, replacing `delivery` for them." }),
  source,
});

/** The scenario file (spec §9): the one schema at the boundary from which every scenario type is inferred. */
// A value for each of the five management-plan age bands.
function bandValues(b: Bounds, description: string) {
  return z
    .strictObject(
      Object.fromEntries(AGE_GROUP_KEYS.map((k) => [k, num(b, description)])) as Record<
        AgeGroup,
        ReturnType<typeof num>
      >,
    )
    .meta({ description: `${description} One value for each age band: ${AGE_GROUP_KEYS.join(", ")}.` });
}

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
    { min: 2000, max: 2100, integer: true, expects: "a census year from 2000 to 2100" },
    "Base census year B.",
  ),
  horizon: num(
    { min: 1, max: 30, integer: true, expects: "a whole number of years from 1 to 30" },
    "Forecast census years B+1..B+H.",
  ),
  phasing: z.enum(["census", "academic"], { error: 'must be "census" or "academic"' }).default("census"),
  openingBalance: num(SIGNED_MONEY, "DSG reserve on 1 April of the base FY (negative = deficit), £."),
  openingBalanceSource: source,
  placements: z
    .array(
      record({
        id: idSchema,
        label: text("a label"),
        category: z.enum(CATEGORY_CODES as [string, ...string[]], {
          error: `must be one of ${CATEGORY_CODES.join(", ")}`,
        }) as z.ZodType<(typeof CATEGORY_CODES)[number]>,
        count: num(COUNT, "Base census count."),
        unitCost: num(MONEY, "£ per placement per year at base-year prices."),
        costInflation: rateOrYearMap(GROWTH, "Unit-cost inflation.").default(0),
        growth: growthValue("Growth in the count.").default(0),
        history: yearMap(COUNT, "Census year -> count, before the base year.").optional(),
        ageSplit: z
          .strictObject(
            Object.fromEntries(
              AGE_GROUP_KEYS.map((k) => [k, num(SHARE, "Share of the count.").optional()]),
            ) as Record<AgeGroup, z.ZodOptional<ReturnType<typeof num>>>,
          )
          .optional()
          .meta({
            description: "Share of the count in each DSG management-plan age group (shares add up to 1).",
          }),
        places: placesSchema.optional(),
        s251: z
          .string()
          .regex(/^1\.2\.(1[0-3]?|[2-9])$/, {
            error:
              'must be an s251 high-needs line from "1.2.1" to "1.2.13", e.g. "1.2.1" (top-ups, maintained schools), "1.2.2" (academies, free schools and colleges), "1.2.3" (non-maintained and independent providers), "1.2.4" (targeted funding for mainstream)',
          })
          .optional()
          .meta({
            description:
              "The s251 line of the placement's top-ups or fees, where its category's default is not right (special-school pupils without an EHCP: 1.2.1, not 1.2.4). Place funding stays on 1.0.2.",
          }),
        s251Split: z
          .record(s251HighNeedsLine, num(SHARE, "Share of the top-ups (or fees) on that line."))
          .optional()
          .meta({
            description:
              'Shares of the placement\'s top-ups (or fees) by s251 line, adding up to 1, where its pupils are in settings on different lines, e.g. { "1.2.1": 0.52, "1.2.2": 0.48 } for maintained special schools and special academies. Instead of s251; place funding stays on 1.0.2.',
          }),
        source,
        sources: sourcesSchema("placement"),
      }),
    )
    .default([]),
  lines: z
    .array(
      record({
        id: idSchema,
        label: text("a label"),
        s251: plain("an s251 line").optional().meta({ description: 'The s251 line, e.g. "1.2.5".' }),
        amount: num(MONEY, "£ a year at base-year prices."),
        inflation: rateOrYearMap(GROWTH, "Inflation.").default(0),
        firstFY: fyLabelSchema.optional(),
        lastFY: fyLabelSchema.optional(),
        source,
        sources: sourcesSchema("line"),
      }),
    )
    .default([]),
  staffing: z.array(staffingLine).default([]),
  income: record({
    hnb: record({
      amount: num(MONEY, "High Needs Block allocation in the base FY, £."),
      growth: rateOrYearMap(GROWTH, "Allocation growth.").default(0),
      perHead: record({
        population: fyMap(COUNT, "The 2–18 population projection by FY, the base FY included."),
        formula: fyMap(
          MONEY,
          "Per-head funding the formula gives before protection, £, for each FY after the base.",
        ),
        floor: num(
          { min: -1, max: 10, expects: "a rate from -1 to 10" },
          "Least year-on-year change per head, e.g. 0.07.",
        ),
        cap: num(
          { min: -1, max: 10, expects: "a rate from -1 to 10" },
          "Greatest year-on-year change per head, e.g. 0.10.",
        ),
        source,
      })
        .optional()
        .meta({
          description:
            "Project the allocation after the base FY as per-head funding × the 2–18 population, the per-head change kept within [floor, cap] of the year before (the base FY's per head is amount / its population); replaces growth.",
        }),
      source,
      sources: sourcesSchema("hnb"),
    }),
    importExport: record({
      netImported: fyMap(
        SIGNED_COUNT,
        "Pupils educated here but resident elsewhere, less those exported, by FY.",
      ),
      rate: num(MONEY, "£ a pupil (default £6,000).").default(6_000),
      source,
      sources: sourcesSchema("importExport"),
    })
      .optional()
      .meta({ description: "The import/export adjustment: net imported pupils × the rate, an income line." }),
    schoolsBlock: record({
      amount: num(MONEY, "Schools Block allocation in the base FY, £."),
      growth: rateOrYearMap(GROWTH, "Allocation growth.").default(0),
      transferRate: fyMap(TRANSFER_RATE, "Transfer to High Needs by FY (0.005 = 0.5%).").default({}),
      otherMovements: z
        .array(
          record({
            id: idSchema,
            label: text("a label"),
            amounts: fyMap(MONEY, "£ moved out of the Schools Block in each FY."),
            source,
          }),
        )
        .default([])
        .meta({
          description:
            "Other movements out of the Schools Block in the year (e.g. a top-slice to a fund): they count towards the 0.5% limit with the transfer but are not High Needs income.",
        }),
      source,
      sources: sourcesSchema("schoolsBlock"),
    }).optional(),
    other: z
      .array(
        record({
          id: idSchema,
          label: text("a label"),
          amounts: fyMap(MONEY, "Income by FY, £."),
          source,
          sources: sourcesSchema("other"),
        }),
      )
      .default([]),
    stabilityGrant: stabilityGrant.optional().meta({
      description:
        "The High Needs Stability Grant (spec §11): share × the deficit at the end of deficitFY (the forecast's own, or eligibleDeficit), paid as income in paidIn, on its condition.",
    }),
  }),
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
  reference: record({
    name: text("the reference population's name").meta({
      description: 'What the series is, e.g. "England".',
    }),
    history: yearMap(COUNT, "Census year -> EHC plans of the reference population, up to the base year."),
    placements: z
      .record(z.string(), yearMap(COUNT, "Census year -> the reference population's EHC plans of this type."))
      .optional()
      .meta({
        description:
          "The reference population's series for each placement type, by placement id (hnb import writes England's): growth { method: auto } pools a placement towards its own type's trend where it has one, towards `history` otherwise.",
      }),
    source,
  })
    .optional()
    .meta({
      description:
        "A wider population's EHCP series (spec §10) that growth { method: auto } pools each placement's own trend towards. Input only: never forecast or costed.",
    }),
  flows: record({
    newPlans: yearMap(COUNT, "Calendar year -> new EHC plans made in the year.").optional(),
    requests: yearMap(COUNT, "Calendar year -> requests for an EHC needs assessment received.").optional(),
    ceased: yearMap(
      COUNT,
      "Calendar year -> EHC plans ceased in the year, every reason (SEN2 ceased_plans.csv total_ceased).",
    ).optional(),
    source,
  })
    .optional()
    .meta({
      description:
        "The authority's EHCP flows by calendar year, from SEN2 (history shown beside the forecast; the growth-rate projection does not use them).",
    }),
  ehcpsByAge: record({
    census: num({ min: 2000, max: 2100, integer: true, expects: "a census year" }, "The census year."),
    counts: z
      .strictObject(
        Object.fromEntries(
          AGE_GROUP_KEYS.map((k) => [k, num(COUNT, "EHCPs in the age group.").optional()]),
        ) as Record<AgeGroup, z.ZodOptional<ReturnType<typeof num>>>,
      )
      .meta({ description: "EHCPs of the whole authority by management-plan age group." }),
    source,
  })
    .optional()
    .meta({
      description:
        "The authority's EHCPs by age group at one census (all placement types together); shown once in the workbook, never copied into each category.",
    }),
  ehcpsByNeed: record({
    census: num({ min: 2000, max: 2100, integer: true, expects: "a census year" }, "The census year."),
    counts: z
      .strictObject(
        Object.fromEntries(
          NEED_CODES.map((k) => [k, num(COUNT, "EHCPs whose primary need it is.").optional()]),
        ) as Record<NeedCode, z.ZodOptional<ReturnType<typeof num>>>,
      )
      .meta({ description: `EHCPs by primary need: ${NEED_CODES.join(", ")}.` }),
    source,
  })
    .optional()
    .meta({
      description:
        "The authority's EHCPs by primary need at one census (SEN2 sen_needs_all_plans.csv), as the DSG management plan's pupil tables ask: reported in the workbook and the readable forecast, never costed.",
    }),
  demand: record({
    history: z
      .record(
        z.string().regex(YEAR_KEY, { error: "must be a census year (YYYY)" }),
        bandValues(COUNT, "EHCPs in the age band at the census."),
      )
      .refine((m) => Object.keys(m).length >= 1, { error: "must give at least the base census" })
      .meta({
        description:
          "Census year -> the authority's EHCPs by age band (SEN2 age caseload), up to the base year. The base year's split, scaled to the EHCP placements' total, is the starting stock; earlier years estimate cessations.",
      }),
    newPlans: record({
      growth: growthValue(
        "Growth of new plans a year: a rate, a per-year map or a method estimated from `flows.newPlans`.",
      ).default({
        method: "auto",
      }),
      split: z
        .union([z.literal("estimated"), bandValues(SHARE, "Share of new plans in the age band.")])
        .default("estimated")
        .meta({
          description:
            '"estimated" (from how the age profile changed, the default) or the share of new plans in each band (summing to 1).',
        }),
      source,
    }).meta({
      description:
        "New EHC plans: their history is `flows.newPlans` (calendar year Y-1 arrives by census Y); projected by `growth`, split over bands by `split`.",
    }),
    requests: record({
      growth: growthValue(
        "Growth of requests a year: a rate, a per-year map or a method estimated from `flows.requests`.",
      ).default({
        method: "auto",
      }),
      conversion: num(SHARE, "Share of requests that become new plans.").optional(),
      source,
    })
      .optional()
      .meta({
        description:
          "Model new plans as requests × conversion instead (needed for conversionChange levers); conversion defaults to new plans / requests in the base year.",
      }),
    cessation: z
      .union([z.literal("auto"), bandValues(SHARE, "Share of the band's plans ceasing each year.")])
      .default("auto")
      .meta({
        description:
          '"auto" (one rate estimated from the history: stock(Y-1) + new(Y) - stock(Y), leavers at 25 taken out) or a rate for each band.',
      }),
    ageing: bandValues(
      SHARE,
      "Share of the band's remaining plans moving up a band each year (the top band: leaving at 25).",
    )
      .optional()
      .meta({ description: "Default: 1 / band width in years (5, 6, 5, 4, 6)." }),
    source,
  })
    .optional()
    .meta({
      description:
        "EHCP demand as flows by age band (new plans, cessations, ageing): the EHCP placements' total follows it, split by their own growth; levers newPlansChange, cessationChange and conversionChange act on it.",
    }),
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

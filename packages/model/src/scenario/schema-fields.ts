// The kinds of field a scenario is made of: numbers or formulas within bounds, per-year rates and
// maps, growth given or estimated, ids, labels and sources. Every section of the schema builds on them.
import { z } from "zod";
import { GROWTH_METHODS } from "../growth/calibration.js";
import { fyYear } from "../units/time.js";
import { AGE_GROUP_KEYS, type AgeGroup } from "./category.js";
import type { FieldKind } from "./field-kind.js";
import { evaluateFormula } from "./formula.js";
import { didYouMean } from "./names.js";
import { issueCode, type ProblemCode } from "./problem.js";
import { describeUnsafe, firstUnsafe } from "./text-safety.js";

export interface Bounds {
  /** What the number measures (money, a rate, a census year …): the schema carries it as `.meta({ kind })`. */
  kind: FieldKind;
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

/**
 * Re-reports the issues of a part parsed on its own at their paths; an unknown field is named, with
 * the fields known there, as the file's other unknown fields are (validate.ts).
 * @example forwardIssues([], {} as Parameters<typeof forwardIssues>[1], ["distribution", "sd"])
 */
export function forwardIssues(issues: readonly z.core.$ZodIssue[], ctx: Ctx, known: readonly string[]): void {
  for (const issue of issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys)
        ctx.addIssue({
          code: "custom",
          message: `unknown field${didYouMean(key, known, (k) => `\`${k}\``)}; known fields here: ${known.join(", ")}`,
          path: [...path, key],
          params: { code: "unknown-key" },
        });
    else ctx.addIssue({ code: "custom", message: issue.message, path, params: { code: issueCode(issue) } });
  }
}

// Turns a number or a formula into a number within bounds, reporting the problem at the field's path.
function toNumber(v: unknown, b: Bounds, ctx: Ctx, path: (string | number)[] = []): number | undefined {
  const fail = (message: string, code: ProblemCode) => {
    ctx.addIssue({ code: "custom", message, path, params: { code } });
    return undefined;
  };
  let value: number;
  if (v === undefined) return fail("is required", "required");
  if (typeof v === "number") {
    if (Number.isNaN(v)) return fail("is NaN, not a number", "wrong-type");
    if (!Number.isFinite(v)) return fail(`is ${v}, not a finite number`, "out-of-range");
    value = v;
  } else if (typeof v === "string") {
    // An imported skeleton marks what the statistics cannot know as "TODO: …"; it must never become a number.
    const todo = /^\s*TODO\b[\s:.-]*/i.exec(v);
    if (todo)
      return fail(`is not filled in: ${v.slice(todo[0].length).trim() || "enter a value"}`, "not-filled-in");
    const r = evaluateFormula(v);
    if (!r.ok) return fail(r.reason, "bad-value");
    value = r.value;
  } else {
    return fail(`expected a number or a formula, got ${describeValue(v)}`, "wrong-type");
  }
  const outside =
    (b.min !== undefined && value < b.min) ||
    (b.above !== undefined && value <= b.above) ||
    (b.max !== undefined && value > b.max) ||
    (b.integer === true && !Number.isInteger(value));
  return outside ? fail(`must be ${b.expects} (got ${value})`, "out-of-range") : value;
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

/** A number field (or a formula giving one) within bounds, of the bounds' kind. @example num(SHARE, "Share of the effect assumed delivered.") */
export function num(b: Bounds, description: string) {
  return numberOrFormula
    .transform((v, ctx) => toNumber(v, b, ctx) ?? z.NEVER)
    .meta({ description: `${description} Must be ${b.expects}.`, kind: b.kind });
}

// Upper bounds far beyond any authority (a national HNB is about £10bn, England about 640,000
// EHCPs), low enough that no forecast of 30 years can overflow a double: a typo such as 1e308 is
// refused here, naming the field, instead of printing "£NaNk".
export const MONEY: Bounds = {
  kind: "money",
  min: 0,
  max: 1e12,
  expects: "zero or more, and at most 1e12 (£1 trillion)",
};
export const COUNT: Bounds = {
  kind: "count",
  min: 0,
  max: 1e7,
  expects: "zero or more, and at most 10,000,000",
};
export const SIGNED_MONEY: Bounds = {
  kind: "money",
  min: -1e12,
  max: 1e12,
  expects: "between -1e12 and 1e12 (£1 trillion)",
};
// A distribution's parameter is of the kind of what it draws (a shift to a rate, a factor): given there.
export const DRAW: Omit<Bounds, "kind"> = {
  min: -10,
  max: 10,
  expects: "between -10 and 10 (a rate or factor)",
};
export const GROWTH: Bounds = {
  kind: "rate",
  above: -1,
  max: 10,
  expects: "a rate above -1 (growth of −100% or less would wipe out the base) and at most 10 (1,000%)",
};
export const SHARE: Bounds = { kind: "share", min: 0, max: 1, expects: "between 0 and 1" };
// A cost change: -1 stops the cost; +10 (1,000% dearer) is beyond any lever, where 1e12 would give
// a "saving" of £6e18.
export const CHANGE: Bounds = {
  kind: "rate",
  min: -1,
  max: 10,
  expects: "a proportional change from -1 (the whole cost saved) to 10 (1,000% more)",
};
export const TRANSFER_RATE: Bounds = {
  kind: "rate",
  min: 0,
  max: 1,
  expects: "a rate between 0 and 1 (0% to 100%)",
};

export const YEAR_KEY = /^\d{4}$/;

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
          params: { code: "bad-value" },
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

/** A rate for every year, or a map keyed by census year, within bounds. @example rateOrYearMap(GROWTH, "Inflation.").default(0) */
export function rateOrYearMap(b: Bounds, description: string) {
  return rateOrYearMapInput
    .transform((v, ctx): RateInput => rateOrYearMapValue(v, b, ctx))
    .meta({
      description: `${description} One number for every year, or a map keyed by census year. Must be ${b.expects}.`,
      kind: b.kind,
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
    .meta({ kind: "years" })
    .optional(),
});

/** Growth: an object with a `method` key is a growth method; anything else a rate or a per-year map. @example growthValue("Growth in the count.").default(0) */
export function growthValue(description: string) {
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
      kind: GROWTH.kind,
    });
}

/** A map from census year (YYYY) to a number within bounds. @example yearMap(COUNT, "Census year -> count, before the base year.") */
export function yearMap(b: Bounds, description: string) {
  return z
    .record(z.string().regex(YEAR_KEY, { error: "is not a census year (YYYY)" }), num(b, "A value."))
    .meta({ description, kind: b.kind });
}

export const fyLabelSchema = z
  .string({ error: 'expected a financial year label such as "2025-26"' })
  .refine((s) => fyYear(s) !== undefined, {
    error: (iss) =>
      `"${String(iss.input)}" is not a financial year label: expected YYYY-YY with consecutive years, such as "2025-26"`,
  });

/** A map from financial year ("2025-26") to a number within bounds. @example fyMap(MONEY, "Income by FY, £.") */
export function fyMap(b: Bounds, description: string) {
  return z
    .record(
      z.string().refine((s) => fyYear(s) !== undefined, {
        error: (iss) =>
          `"${String(iss.input)}" is not a financial year label: expected YYYY-YY with consecutive years, such as "2025-26"`,
      }),
      num(b, "A value."),
    )
    .meta({ description, kind: b.kind });
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const idSchema = z
  .string({ error: "expected an id (letters, digits, '-', '_', '.')" })
  .regex(ID, { error: "must start with a letter or digit and use only letters, digits, '-', '_' and '.'" });
// Control characters in a label would reach terminals (escape sequences), CSV files and SVG text;
// bidirectional controls would reorder what a Forum paper shows.
// A line feed may stay (a folded source); a carriage return is refused, as before.
const unsafeAt = (v: string) => firstUnsafe(v.replace(/\n/g, " "));
/** A text field that may be empty, with no control or bidirectional characters. @example plain("a code").safeParse("801").success */
export const plain = (what: string) =>
  z.string({ error: `expected ${what} (text)` }).refine((v) => unsafeAt(v) < 0, {
    error: (iss) => {
      const text = String(iss.input);
      const at = unsafeAt(text);
      const kind = describeUnsafe(text.charCodeAt(at));
      return `contains ${kind} at position ${at + 1}: remove it`;
    },
  });
export const text = (what: string) => plain(what).min(1, { error: "must not be empty" });

// An s251 high-needs line, 1.2.1 to 1.2.13 (place funding, 1.0.2, follows from the category).
const S251_HIGH_NEEDS = /^1\.2\.(1[0-3]?|[2-9])$/;
/** An s251 high-needs line, "1.2.1" to "1.2.13". @example s251HighNeedsLine.safeParse("1.2.5").success */
export const s251HighNeedsLine = z.string().regex(S251_HIGH_NEEDS, {
  error: 'must be an s251 high-needs line from "1.2.1" to "1.2.13", e.g. "1.2.5" (SEN support services)',
});

/** A text field (a name, a label) as every schema checks it: not empty, no control or bidirectional characters. @example plainText("a name").safeParse("Q1").success */
export const plainText = text;

/**
 * A strict object: unknown keys are rejected (a typo such as `unitcost` is a silently ignored
 * assumption otherwise), with the closest known key suggested by the error formatter.
 * @example record({ id: idSchema, source })
 */
export function record<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape);
}

export const source = text("a source")
  .optional()
  .meta({ description: "Where the figure comes from (paper, dataset, page)." });

export const SIGNED_COUNT: Bounds = {
  kind: "count",
  min: -1e7,
  max: 1e7,
  expects: "between -10,000,000 and 10,000,000",
};

/** A value for each of the five management-plan age bands. @example bandValues(SHARE, "Share of new plans in the age band.") */
export function bandValues(b: Bounds, description: string) {
  return z
    .strictObject(
      Object.fromEntries(AGE_GROUP_KEYS.map((k) => [k, num(b, description)])) as Record<
        AgeGroup,
        ReturnType<typeof num>
      >,
    )
    .meta({
      description: `${description} One value for each age band: ${AGE_GROUP_KEYS.join(", ")}.`,
      kind: b.kind,
    });
}

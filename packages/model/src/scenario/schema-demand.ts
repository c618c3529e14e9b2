// The demand sections: the EHCP flows, EHCPs by age, the flow model of demand, and the reference
// population growth pools towards.
import { z } from "zod";
import { AGE_GROUP_KEYS, type AgeGroup } from "./category.js";
import { NEED_CODES, type NeedCode } from "./needs.js";
import {
  bandValues,
  COUNT,
  growthValue,
  num,
  record,
  SHARE,
  source,
  text,
  YEAR_KEY,
  yearMap,
} from "./schema-fields.js";

/** The reference population growth pools towards (spec §10). */
export const referenceSchema = record({
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
  });

/** The authority's EHCP flows by calendar year. */
export const flowsSchema = record({
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
  });

/** The authority's EHCPs by age group at one census. */
export const ehcpsByAgeSchema = record({
  census: num(
    { kind: "year", min: 2000, max: 2100, integer: true, expects: "a census year" },
    "The census year.",
  ),
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
  });

/** The authority's EHCPs by primary need at one census. */
export const ehcpsByNeedSchema = record({
  census: num(
    { kind: "year", min: 2000, max: 2100, integer: true, expects: "a census year" },
    "The census year.",
  ),
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
  });

/** EHCP demand as flows by age band. */
export const demandSchema = record({
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
  });

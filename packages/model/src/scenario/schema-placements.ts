// The placements section: each placement type's count, cost, growth and history, and its place
// funding and top-up bands (issue #18: see compile/place-funding.ts and docs/place-funding.md).
import { z } from "zod";
import { AGE_GROUP_KEYS, type AgeGroup, CATEGORY_CODES } from "./category.js";
import { sourcesSchema } from "./provenance.js";
import {
  COUNT,
  GROWTH,
  growthValue,
  idSchema,
  MONEY,
  num,
  rateOrYearMap,
  record,
  SHARE,
  s251HighNeedsLine,
  source,
  text,
  yearMap,
} from "./schema-fields.js";

export const topUpBand = record({
  band: text("a band name"),
  share: num(SHARE, "Share of the placement's pupils in the band."),
  topUp: num(MONEY, "Element 3 top-up per pupil in the band, £ a year at base-year prices."),
});

export const placesSchema = record({
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

/** The placement types. */
export const placementsSchema = z
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
  .default([]);

// The income section: the High Needs Block, the Schools Block and its transfer, the import/export
// adjustment, other income and the High Needs Stability Grant.
import { z } from "zod";
import { sourcesSchema } from "./provenance.js";
import {
  COUNT,
  fyLabelSchema,
  fyMap,
  GROWTH,
  idSchema,
  MONEY,
  num,
  rateOrYearMap,
  record,
  SIGNED_COUNT,
  source,
  TRANSFER_RATE,
  text,
} from "./schema-fields.js";

// The High Needs Stability Grant of spec §11 (DfE/MHCLG explanatory note, 9 February 2026).
export const stabilityGrant = record({
  condition: text("the grant's condition").meta({
    description:
      'What the grant depends on, shown wherever the grant is, e.g. "DfE approval of the local SEND reform plan".',
  }),
  share: num(
    { kind: "share", above: 0, max: 1, expects: "a share above 0 and at most 1 (0.9 = 90%)" },
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

/** The income section. */
export const incomeSchema = record({
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
        { kind: "rate", min: -1, max: 10, expects: "a rate from -1 to 10" },
        "Least year-on-year change per head, e.g. 0.07.",
      ),
      cap: num(
        { kind: "rate", min: -1, max: 10, expects: "a rate from -1 to 10" },
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
});

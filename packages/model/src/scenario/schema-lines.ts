// Other expenditure lines and staffing lines.
import { z } from "zod";
import { sourcesSchema } from "./provenance.js";
import {
  COUNT,
  fyLabelSchema,
  GROWTH,
  idSchema,
  MONEY,
  num,
  plain,
  rateOrYearMap,
  record,
  s251HighNeedsLine,
  source,
  text,
} from "./schema-fields.js";

export const staffingLine = record({
  id: idSchema,
  role: text("a role"),
  group: text("a group").optional().meta({ description: "The table or team the line belongs to." }),
  fte: num({ ...COUNT, kind: "fte" }, "Full-time equivalents.").optional(),
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

/** The other expenditure lines. */
export const linesSchema = z
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
  .default([]);

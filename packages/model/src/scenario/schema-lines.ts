// Other expenditure lines and staffing lines.
import { z } from "zod";
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
  source,
  text,
} from "./schema-fields.js";

export const staffingLine = record({
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
  source,
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
    }),
  )
  .default([]);

// How the assumptions sheet shows a figure: £, rate, year, count, or a plain number. Which field
// holds which is the scenario schema's to say (field-kinds.ts reads it from the schema's kinds).
import { FORMATS } from "./formats.js";

/** How a figure of the assumptions sheet is shown: by the field it is read from. */
export type Kind = "money" | "rate" | "year" | "count" | "number";

/** The number format of each kind. @example FORMAT_OF.year === FORMATS.plain */
export const FORMAT_OF: Record<Kind, string> = {
  money: FORMATS.money,
  rate: FORMATS.rate,
  year: FORMATS.plain,
  count: FORMATS.count,
  number: FORMATS.decimal,
};

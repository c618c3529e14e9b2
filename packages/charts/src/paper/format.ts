// How the paper writes figures and dates in its sentences and tables, and its wording's placeholders.
import { type ForecastResult, formatNumber, formatMoney as money, type StabilityGrantRow } from "@hnb/model";
import { formatMoney } from "../format.js";
import type { PaperContext } from "./context.js";
import { fill } from "./wording.js";

// Dates read the same in the paper and the command line: one function, in the model's time unit.
export { longDate } from "@hnb/model";

// ---------------------------------------------------------------- figures, as the paper writes them

/** Money in a sentence, its size only (the words say deficit or surplus): £235.6m, £450k. @example sentenceMoney(-235_642_270) === "£235.6m" */
export function sentenceMoney(value: number): string {
  return formatMoney(Math.abs(value));
}

/** Money in a sentence with its sign: £4.7m, −£1.2m (a cost). @example signedMoney(-1_200_000) === "−£1.2m" */
export function signedMoney(value: number): string {
  return formatMoney(value);
}

/** £ thousands in a table, deficits in brackets. @example tableThousands(-1_234_567) === "(1,235)" */
export function tableThousands(value: number): string {
  return money(value, { unit: "thousands" });
}

/** A share as a percentage to one decimal place. @example percent(2.3564) === "235.6%" */
export function percent(share: number, decimals = 1): string {
  return `${formatNumber(100 * share, decimals, decimals)}%`;
}

/** A transfer rate to as many places as show which side of 0.5% it falls (0.5049% is not "0.50%"). @example transferRate(0.005) === "0.50%" */
export function transferRate(rate: number): string {
  return `${formatNumber(100 * rate, 4, 2)}%`;
}

/** A count to the nearest whole one. @example wholeCount(1046.6) === "1,047" */
export function wholeCount(value: number): string {
  return formatNumber(Math.round(value));
}

/** A balance in words: "a deficit of £235.6m", "a surplus of £1.0m", "nil" when it rounds to nothing. @example balanceWords(paperCtx, -2e8) === "a deficit of £200.0m" */
export function balanceWords(ctx: PaperContext, value: number): string {
  const amount = sentenceMoney(value);
  if (/^£0k$/.test(amount)) return say(ctx, ctx.w.names.balanced);
  return say(ctx, value < 0 ? ctx.w.names.deficit : ctx.w.names.surplus, { amount });
}

/** A change in the balance in words: "£41.6m better", "£0.2m worse", "no different". @example changeWords(paperCtx, 41_585_950) === "£41.6m better" */
export function changeWords(ctx: PaperContext, value: number): string {
  const amount = sentenceMoney(value);
  if (/^£0k$/.test(amount)) return say(ctx, ctx.w.names.unchanged);
  return say(ctx, value > 0 ? ctx.w.names.better : ctx.w.names.worse, { amount });
}

/** A text of the wording filled with the globals and `values`; "" (a paragraph left out) stays "". @example say(paperCtx, "{plan}") === "recovery plan" */
export function say(ctx: PaperContext, text: string, values: Record<string, string> = {}): string {
  return text === "" ? "" : fill(text, { ...ctx.globals, ...values });
}

// ---------------------------------------------------------------- the Stability Grant (spec §11), where there is one

/** The Stability Grant rows of a result, none without a grant. @example stabilityGrants(result).length */
export function stabilityGrants(result: ForecastResult): StabilityGrantRow[] {
  return result.stabilityGrant ?? [];
}

/** The grant's share as a percentage, to as many places as it has (90%, 87.5%). @example grantShare(0.9) === "90%" */
export function grantShare(share: number): string {
  return `${formatNumber(100 * share, 2)}%`;
}

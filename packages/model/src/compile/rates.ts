import type { RateInput } from "../scenario/schema.js";
import { fyYear } from "../units/time.js";

/**
 * Per-year rates as an array indexed by year offset k = 0..H (k = 0, the base year, is unused: rates
 * apply to the step from Y-1 to Y). @example rateArray(0.03, 2025, 2) // → [0, 0.03, 0.03]
 */
export function rateArray(rate: RateInput, baseYear: number, horizon: number): Float64Array {
  const out = new Float64Array(horizon + 1);
  for (let k = 1; k <= horizon; k++)
    out[k] = typeof rate === "number" ? rate : (rate[String(baseYear + k)] ?? 0);
  return out;
}

/** Running product Π_{j=1..k}(1 + rate[j]) for k = 0..H (1 at the base year). @example compound(Float64Array.of(0, 0.1, 0.1)) // → [1, 1.1, 1.21] */
export function compound(rates: Float64Array): Float64Array {
  const out = new Float64Array(rates.length);
  let f = 1;
  for (let k = 0; k < rates.length; k++) {
    if (k > 0) f *= 1 + (rates[k] ?? 0);
    out[k] = f;
  }
  return out;
}

/** 1 for the reported years inside [firstFY, lastFY] (by census year), else 0. @example activeWindow(2025, 2, 2026, undefined) // → [0, 1, 1] */
export function activeWindow(
  baseYear: number,
  horizon: number,
  first: number | undefined,
  last: number | undefined,
): Uint8Array {
  const out = new Uint8Array(horizon + 1);
  for (let k = 0; k <= horizon; k++) {
    const y = baseYear + k;
    out[k] = (first === undefined || y >= first) && (last === undefined || y <= last) ? 1 : 0;
  }
  return out;
}

/**
 * An amount at base-year prices grown by a rate from the base year (whatever year it starts),
 * counted only inside [firstFY, lastFY] (spec §3 and §4).
 * @example scheduledCost(100, 0.1, 2025, 2, "2026-27", undefined) // → [0, 0, 121]
 */
export function scheduledCost(
  amount: number,
  rate: RateInput,
  baseYear: number,
  horizon: number,
  firstFY: string | undefined,
  lastFY: string | undefined,
): Float64Array {
  const growth = compound(rateArray(rate, baseYear, horizon));
  const active = activeWindow(
    baseYear,
    horizon,
    firstFY ? fyYear(firstFY) : undefined,
    lastFY ? fyYear(lastFY) : undefined,
  );
  return growth.map((f, k) => f * amount * (active[k] ?? 0));
}

// Seeded randomness only: the same seed gives the same numbers on any machine. Every draw is one
// uniform through the distribution's quantile function, so streams stay aligned across distributions.
import type { Distribution } from "../scenario/schema.js";

/** A seeded uniform generator on [0, 1) (mulberry32: 32-bit state, integer arithmetic only). @example const u = uniforms(1); u() */
export function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    // Centre of the 2^-32 cell: never exactly 0 or 1, so quantiles stay finite.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

// Acklam's coefficients, bound once: the quantile runs once per assumption and path (millions of times at England scale).
const [a0, a1, a2, a3, a4, a5] = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const;
const [b0, b1, b2, b3, b4] = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const [c0, c1, c2, c3, c4, c5] = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const [d0, d1, d2, d3] = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416,
] as const;

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). @example normalQuantile(0.9) // ≈ 1.2816 */
export function normalQuantile(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** The value of a distribution at probability p (its quantile function). @example quantileOf({ distribution: "uniform", min: 0, max: 2 }, 0.5) === 1 */
export function quantileOf(d: Distribution, p: number): number {
  switch (d.distribution) {
    case "normal":
      return d.mean + d.sd * normalQuantile(p);
    case "uniform":
      return d.min + (d.max - d.min) * p;
    case "triangular": {
      const { min, mode, max } = d;
      if (max === min) return min;
      const split = (mode - min) / (max - min);
      return p < split
        ? min + Math.sqrt(p * (max - min) * (mode - min))
        : max - Math.sqrt((1 - p) * (max - min) * (max - mode));
    }
  }
}

/** A distribution in words, for tables. @example distributionText({ distribution: "normal", mean: 0, sd: 0.08 }) === "normal (mean 0, sd 0.08)" */
export function distributionText(d: Distribution): string {
  switch (d.distribution) {
    case "normal":
      return `normal (mean ${d.mean}, sd ${d.sd})`;
    case "uniform":
      return `uniform (${d.min} to ${d.max})`;
    case "triangular":
      return `triangular (min ${d.min}, mode ${d.mode}, max ${d.max})`;
  }
}

/** The units money is presented in. */
export type MoneyUnit = "pounds" | "thousands" | "millions";

const DIVISOR: Record<MoneyUnit, number> = { pounds: 1, thousands: 1_000, millions: 1_000_000 };

/**
 * Pounds expressed in a presentation unit, unrounded. @example fromPounds(1_563_902, "thousands") === 1563.902
 */
export function fromPounds(value: number, unit: MoneyUnit): number {
  return value / DIVISOR[unit];
}

/**
 * The one rounding function: applied once, at presentation, never inside the engine. Rounds half
 * away from zero (as finance tables do) to `decimals` places in the given unit.
 * @example roundMoney(-1_234_567, "thousands") === -1235; roundMoney(2_500, "thousands", 0) === 3
 */
export function roundMoney(value: number, unit: MoneyUnit, decimals = 0): number {
  const scaled = fromPounds(value, unit) * 10 ** decimals;
  // A tiny nudge stops binary error turning an exact .5 (e.g. 1.005 stored as 1.00499…) into a round-down.
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled) * (1 + Number.EPSILON));
  return (rounded === 0 ? 0 : rounded) / 10 ** decimals;
}

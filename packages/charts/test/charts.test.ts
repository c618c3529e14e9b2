// Chart builders are data: each spec compiles without a warning, carries its title, subtitle, source
// line and alt text, and draws exactly the forecast's numbers; titles, legends and colours mean one
// thing. Beside it: chart-rendering.test.ts (what the rendered charts show, and the golden SVGs),
// chart-colours.test.ts (colour-blind readers), chart-formats.test.ts (PNGs, vega-lite's types).
import { bridge } from "@hnb/model";
import { describe, expect, test } from "vitest";
import {
  type Chart,
  compile,
  ehcpChart,
  expenditureChart,
  forecastCharts,
  formatMoney,
  incomeExpenditureChart,
  placementColours,
  transferChart,
  unitCostChart,
} from "../src/index.js";
import { body, rowsIn, scalesIn, specOf, valuesOf, walk } from "./chart-read.js";
import { BLUE, chart, charts, ctx, ORANGE, variants } from "./chart-set.js";
import { result } from "./default-forecast.js";

describe("every chart", () => {
  test.each(charts.map((c) => [c.name, c] as const))(
    "%s compiles with vega-lite without warnings",
    async (_, c) => {
      expect((await compile(c.spec)).warnings).toEqual([]);
    },
  );

  test.each(charts.map((c) => [c.name, c] as const))(
    "%s has a title, subtitle, source line and alt text",
    (_, c) => {
      const s = specOf(c);
      expect(s.title.text).toBe(c.title);
      expect(s.title.subtitle).toBe(
        "Bristol 2022 base case (default scenario) · base census year 2022 · illustrative figures",
      );
      expect(s.vconcat[1].data.values[0]?.source).toBe(ctx.source);
      expect(c.alt).toMatch(/^[A-Z].{40,400}\.$/);
    },
  );

  test("the Forum set is placements, expenditure, balance, income against expenditure, bridge, unit cost and transfers", () => {
    expect(forecastCharts(result, ctx).map((c) => c.name)).toEqual([
      "ehcp-by-placement",
      "expenditure",
      "balance",
      "income-expenditure",
      "bridge",
      "unit-cost",
      "transfers",
    ]);
  });
});

describe("charts draw the forecast's numbers", () => {
  test("expenditure bars add up to the ledger's expenditure in every FY", () => {
    const values = valuesOf(chart("expenditure")) as { fy: string; cost: number }[];
    for (const row of result.unmitigated.ledger) {
      const sum = values.filter((v) => v.fy === row.fy).reduce((a, v) => a + v.cost, 0);
      expect(sum).toBeCloseTo(row.expenditure, 4);
    }
  });

  test("the balance lines are the two ledgers", () => {
    const values = rowsIn(body(chart("balance")).layer).map((v) => v.value);
    for (const which of ["unmitigated", "mitigated"] as const)
      for (const r of result[which].ledger) {
        expect(values).toContain(r.cumulative);
        // The in-year line leaves the Stability Grant out (a one-off towards the historic deficit).
        expect(values).toContain(r.inYear - (r.stabilityGrant ?? 0));
      }
  });

  test("the waterfall's bars run between the bridge's running totals", () => {
    const rows = bridge(result);
    const values = valuesOf(chart("bridge")) as { from: number; to: number }[];
    expect(values).toHaveLength(rows.length);
    expect(values[0]).toMatchObject({ from: 0, to: rows[0]?.total });
    for (let i = 1; i < rows.length - 1; i++)
      expect(values[i]).toMatchObject({ from: rows[i - 1]?.total, to: rows[i]?.total });
    expect(values[values.length - 1]?.to).toBeCloseTo(
      result.mitigated.ledger[result.mitigated.ledger.length - 1]?.cumulative ?? NaN,
      6,
    );
  });

  test("alt text quotes the final balances", () => {
    const u = result.unmitigated.ledger[result.unmitigated.ledger.length - 1]?.cumulative ?? 0;
    expect(chart("balance").alt).toContain(formatMoney(u));
    expect(formatMoney(-156_910_000)).toBe("−£156.9m");
    expect(formatMoney(450_400)).toBe("£450k");
  });

  test("a placement type keeps one colour in every chart", () => {
    const colours = placementColours(result.unmitigated.placements);
    const inmss = result.unmitigated.placements.find((p) => p.category === "NMISS");
    const colour = colours.get(inmss?.id ?? "");
    expect(colour).toBe("#882255");
    for (const name of ["ehcp-by-placement", "expenditure", "unit-cost"]) {
      const { domain, range } = scalesIn(body(chart(name)))[0] ?? { domain: [], range: [] };
      expect(range[domain.indexOf(inmss?.label ?? "")]).toBe(colour);
      expect(new Set(range).size).toBe(range.length);
    }
  });
});

describe("unit costs: every series readable", () => {
  test("one panel per placement type with a unit cost, each on its own scale", () => {
    const b = body(chart("unit-cost")) as Record<string, unknown> & {
      facet: { field: string; sort: string[] };
      resolve: { scale: { y: string } };
      spec: { encoding: { color: { legend: unknown } } };
    };
    expect(b.facet.field).toBe("label");
    expect(b.resolve.scale.y).toBe("independent");
    const withCost = new Set(
      result.unmitigated.placements.filter((p) => p.unitCost !== 0).map((p) => p.label),
    );
    expect(new Set(b.facet.sort)).toEqual(withCost);
    // One line per panel: no series can lie behind another.
    expect(b.spec.encoding.color.legend).toBeNull();
  });
});

describe("titles, legends and colours mean one thing", () => {
  test("placement and expenditure titles name their forecast", () => {
    for (const which of ["unmitigated", "mitigated"] as const) {
      expect(ehcpChart(result, ctx, [], which).title).toMatch(new RegExp(`\\(${which}\\)$`));
      expect(expenditureChart(result, ctx, which).title).toMatch(new RegExp(`\\(${which}\\)$`));
    }
  });

  test("legends leave out series that are zero in every year", () => {
    // A placement type with nothing in any year, and no transfer needing disapplication.
    const zeroId = result.unmitigated.placements[0]?.id ?? "";
    const zeroLabel = result.unmitigated.placements[0]?.label ?? "";
    const zeroed = (f: typeof result.unmitigated) => ({
      ...f,
      placements: f.placements.map((p) => (p.id === zeroId ? { ...p, count: 0, cost: 0, unitCost: 0 } : p)),
      transfers: f.transfers.map((t) => ({ ...t, needs: "schools-forum" as const })),
    });
    const r = { ...result, unmitigated: zeroed(result.unmitigated), mitigated: zeroed(result.mitigated) };
    const domains = (c: Chart) => {
      const out: string[][] = [];
      walk(c.spec, (key, value) => {
        if (
          key === "scale" &&
          value &&
          typeof value === "object" &&
          Array.isArray((value as { domain?: unknown }).domain)
        )
          out.push((value as { domain: string[] }).domain);
        if (key === "facet") out.push((value as { sort: string[] }).sort);
      });
      return out.flat();
    };
    for (const c of [ehcpChart(r, ctx), expenditureChart(r, ctx), unitCostChart(r, ctx)]) {
      expect(domains(c)).not.toContain(zeroLabel);
      expect(rowsIn(body(c)).map((v) => v.label)).not.toContain(zeroLabel);
    }
    expect(domains(transferChart(r, ctx))).not.toContain("Disapplication request (above 0.5%)");
    // And in the default scenario, every series a legend names has a non-zero value somewhere.
    const expenditure = valuesOf(chart("expenditure")) as { series: string; cost: number }[];
    const legend = (body(chart("expenditure")) as { encoding: { color: { scale: { domain: string[] } } } })
      .encoding.color.scale.domain;
    for (const s of legend)
      expect(
        expenditure.some((v) => v.series === s && v.cost !== 0),
        s,
      ).toBe(true);
  });

  test("orange and blue mean unmitigated and mitigated in every chart", () => {
    for (const c of variants) {
      const ranges = new WeakSet<object>();
      walk(c.spec, (key, value, parent) => {
        // Only a scale's range may use them (checked below): never a fixed mark colour.
        if (typeof value === "string" && [ORANGE, BLUE].includes(value.toUpperCase()))
          expect(ranges.has(parent), `${c.name}: ${key} is a fixed ${value}`).toBe(true);
        if (key === "scale" && value && typeof value === "object") {
          const { domain, range } = value as { domain?: unknown[]; range?: unknown[] };
          if (!Array.isArray(domain) || !Array.isArray(range)) return;
          ranges.add(range);
          range.forEach((colour, i) => {
            if (typeof colour !== "string") return;
            if (colour.toUpperCase() === ORANGE) expect(domain[i], c.name).toBe("Unmitigated");
            if (colour.toUpperCase() === BLUE) expect(domain[i], c.name).toBe("Mitigated");
          });
        }
      });
    }
  });
});

describe("income against expenditure", () => {
  test("draws both ledgers' income and expenditure, after the balance in the Forum set", () => {
    const c = incomeExpenditureChart(result, ctx);
    const values = valuesOf(c) as { fy: string; forecast: string; measure: string; value: number }[];
    for (const [which, name] of [
      ["unmitigated", "Unmitigated"],
      ["mitigated", "Mitigated"],
    ] as const)
      for (const l of result[which].ledger) {
        const at = (m: string) => values.find((v) => v.fy === l.fy && v.forecast === name && v.measure === m);
        expect(at("Income")?.value).toBe(l.income);
        expect(at("Expenditure")?.value).toBe(l.expenditure);
      }
    const names = charts.map((x) => x.name);
    expect(names.indexOf("income-expenditure")).toBe(names.indexOf("balance") + 1);
    expect(c.alt).toContain(formatMoney(result.unmitigated.ledger.at(-1)?.expenditure ?? 0));
  });
});

import fc from "fast-check";
import { quantileSorted } from "simple-statistics";
import { describe, expect, test } from "vitest";
import {
  allLevers,
  assumptions,
  compile,
  forecast,
  NO_LEVERS,
  parseScenario,
  project,
  quantileOf,
  type Scenario,
  simulate,
  tornado,
} from "../src/index.js";
import { uniforms } from "../src/simulate/random.js";
import { scenarioInput } from "./arbitrary.js";
import { valid } from "./helpers.js";
import { referenceLedger } from "./reference.js";

const RUNS = 150;

/** |a − b| within 1e-6 of the larger magnitude (or 1e-6 absolute near zero). */
function near(a: number, b: number) {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

const validScenario = (options?: Parameters<typeof scenarioInput>[0]) =>
  scenarioInput(options).map((raw) => valid(raw));

describe("the engine against an independent implementation of the spec", () => {
  test("unmitigated and mitigated ledgers match to 1e-6 relative", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const un = referenceLedger(s, []);
        // Every lever, the Stability Grant's own (paid with the plan only) included.
        const mit = referenceLedger(
          s,
          r.levers.map((_, i) => i),
        );
        r.unmitigated.ledger.forEach((row, k) => {
          expect(near(row.inYear, un.inYear[k] ?? Number.NaN)).toBe(true);
          expect(near(row.cumulative, un.cumulative[k] ?? Number.NaN)).toBe(true);
        });
        r.mitigated.ledger.forEach((row, k) => {
          expect(near(row.inYear, mit.inYear[k] ?? Number.NaN)).toBe(true);
          expect(near(row.cumulative, mit.cumulative[k] ?? Number.NaN)).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  test("each lever's sequential saving matches the reference's prefix differences", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const final = (levers: number[]) => referenceLedger(s, levers).cumulative.at(-1) ?? 0;
        r.levers.forEach((l, i) => {
          const before = Array.from({ length: i }, (_, j) => j);
          expect(near(l.sequential, final([...before, i]) - final(before))).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("conservation and invariance of attribution", () => {
  test("sequential savings and Shapley shares each add up to mitigated minus unmitigated", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const total =
          (r.mitigated.ledger.at(-1)?.cumulative ?? 0) - (r.unmitigated.ledger.at(-1)?.cumulative ?? 0);
        expect(
          near(
            r.levers.reduce((a, l) => a + l.sequential, 0),
            total,
          ),
        ).toBe(true);
        expect(
          near(
            r.levers.reduce((a, l) => a + l.shapley, 0),
            total,
          ),
        ).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("by ledger side: savings are the fall in spending, funding the money received, and with the grant's change they add up", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        const sum = (
          which: "unmitigated" | "mitigated",
          pick: (l: (typeof r.mitigated.ledger)[number]) => number,
        ) => r[which].ledger.reduce((a, l) => a + pick(l), 0);
        const spend = (l: (typeof r.mitigated.ledger)[number]) => l.expenditure - l.implementationCost;
        const funding = (l: (typeof r.mitigated.ledger)[number]) =>
          l.income - (l.stabilityGrant ?? 0) - l.implementationCost;
        const grant = (l: (typeof r.mitigated.ledger)[number]) => l.stabilityGrant ?? 0;
        const lowerSpend = sum("unmitigated", spend) - sum("mitigated", spend);
        const received = sum("mitigated", funding) - sum("unmitigated", funding);
        const grantChange = sum("mitigated", grant) - sum("unmitigated", grant);
        const sides = r.leverTotals.bySide;
        // Paid with the plan only, the grant's own lever is funding: the grant on the unmitigated
        // deficit; the levers' effects on the grant are the rest of the change.
        const withPlan = r.levers.some((l) => l.type === "stabilityGrant");
        for (const basis of ["sequential", "shapley"] as const) {
          expect(near(sides.savings[basis], lowerSpend)).toBe(true);
          if (!withPlan) {
            expect(near(sides.funding[basis], received)).toBe(true);
            expect(near(sides.stabilityGrant?.[basis] ?? 0, grantChange)).toBe(true);
          }
          expect(
            near(sides.funding[basis] + (sides.stabilityGrant?.[basis] ?? 0), received + grantChange),
          ).toBe(true);
          expect(
            near(
              sides.savings[basis] + sides.funding[basis] + (sides.stabilityGrant?.[basis] ?? 0),
              r.leverTotals.total[basis],
            ),
          ).toBe(true);
        }
        // A funding lever changes no spending; a saving brings no money in by itself.
        for (const l of r.levers) expect(l.side.basis).toBe(l.kind === "funding" ? "income" : "expenditure");
        // The bridge runs from the unmitigated to the mitigated balance through those shares.
        const end = r.bridge.at(-1);
        const steps = r.bridge.filter((b) => b.kind === "lever").reduce((a, b) => a + b.value, 0);
        expect(near((r.bridge[0]?.value ?? 0) + steps, end?.value ?? Number.NaN)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("reordering levers changes no Shapley share", () => {
    fc.assert(
      fc.property(
        validScenario().chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.mitigations.map((_, i) => i),
              { minLength: s.mitigations.length },
            ),
          ),
        ),
        ([s, order]) => {
          const shuffled: Scenario = {
            ...s,
            mitigations: order.map((i) => s.mitigations[i] as Scenario["mitigations"][number]),
          };
          const a = new Map(forecast(s).levers.map((l) => [l.id, l.shapley]));
          for (const l of forecast(shuffled).levers)
            expect(near(l.shapley, a.get(l.id) ?? Number.NaN)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("ledger properties", () => {
  test("zero growth and zero inflation give a flat ledger", () => {
    fc.assert(
      fc.property(validScenario({ flat: true, maxLevers: 0 }), (s) => {
        const first = forecast(s).unmitigated.ledger[0];
        for (const row of forecast(s).unmitigated.ledger) {
          expect(near(row.income, first?.income ?? 0)).toBe(true);
          expect(near(row.expenditure, first?.expenditure ?? 0)).toBe(true);
          expect(near(row.inYear, first?.inYear ?? 0)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("placement cost scales linearly with counts", () => {
    fc.assert(
      fc.property(validScenario({ maxLevers: 0 }), fc.integer({ min: 0, max: 5 }), (s, factor) => {
        const scaled: Scenario = {
          ...s,
          placements: s.placements.map((p) => ({
            ...p,
            count: p.count * factor,
            ...(p.history
              ? { history: Object.fromEntries(Object.entries(p.history).map(([y, n]) => [y, n * factor])) }
              : {}),
          })),
        };
        const a = forecast(s).unmitigated.placements;
        const b = forecast(scaled).unmitigated.placements;
        a.forEach((row, i) => expect(near(b[i]?.cost ?? Number.NaN, row.cost * factor)).toBe(true));
      }),
      { numRuns: RUNS },
    );
  });

  test("cumulative is the running sum of inYear from the opening balance", () => {
    fc.assert(
      fc.property(validScenario(), (s) => {
        const r = forecast(s);
        for (const f of [r.unmitigated, r.mitigated]) {
          let balance = s.openingBalance;
          for (const row of f.ledger) {
            balance += row.inYear;
            expect(near(row.cumulative, balance)).toBe(true);
            expect(near(row.inYear, row.income - row.expenditure)).toBe(true);
            expect(
              near(
                row.expenditure,
                row.placementCost + row.lineCost + row.staffingCost + row.implementationCost,
              ),
            ).toBe(true);
            expect(
              near(row.income, row.hnb + row.transfer + row.otherIncome + (row.stabilityGrant ?? 0)),
            ).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("academic phasing equals census phasing when counts are flat", () => {
    fc.assert(
      fc.property(validScenario({ flat: true, maxLevers: 0 }), (s) => {
        const census = forecast({ ...s, phasing: "census" });
        const academic = forecast({ ...s, phasing: "academic" });
        census.unmitigated.ledger.forEach((row, k) =>
          expect(near(academic.unmitigated.ledger[k]?.expenditure ?? Number.NaN, row.expenditure)).toBe(true),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test("the engine never mutates its input", () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === "object") {
        for (const v of Object.values(o)) deepFreeze(v);
        Object.freeze(o);
      }
      return o;
    };
    fc.assert(
      fc.property(validScenario(), (s) => {
        const before = JSON.stringify(s);
        forecast(deepFreeze(s));
        expect(JSON.stringify(s)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});

describe("growth methods and uncertainty (property)", () => {
  // A drawn history can make a method estimate a fall of 100% or more: validation refuses those.
  const withMethods = scenarioInput({ methods: true, maxLevers: 4 })
    .map((raw) => parseScenario(raw))
    .filter((r) => r.ok)
    .map((r) => (r as Extract<typeof r, { ok: true }>).scenario);
  test("deterministic, conserving and with ordered bands whatever the methods and distributions", () => {
    fc.assert(
      fc.property(withMethods, fc.integer({ min: 0, max: 1000 }), (s, seed) => {
        const a = forecast(s);
        expect(forecast(s)).toEqual(a);
        for (const c of a.calibration) expect(Number.isFinite(c.rate)).toBe(true);
        const gap =
          (a.mitigated.ledger.at(-1)?.cumulative ?? 0) - (a.unmitigated.ledger.at(-1)?.cumulative ?? 0);
        expect(
          near(
            a.levers.reduce((x, l) => x + l.shapley, 0),
            gap,
          ),
        ).toBe(true);
        const u = simulate(s, { paths: 40, seed });
        expect(simulate(s, { paths: 40, seed })).toEqual(u);
        for (const b of [...u.ledger, ...u.placements]) {
          expect(b.p10).toBeLessThanOrEqual(b.p50);
          expect(b.p50).toBeLessThanOrEqual(b.p90);
        }
      }),
      { numRuns: 40 },
    );
  });

  // The oracle keeps every path's figures and sorts them: simulate stores only some columns
  // (counts that rise with their own growth draw are derived from the draw's percentiles) and
  // selects percentiles without sorting; the bands must be the same numbers, bit for bit.
  test("bands are the percentiles of every path projected one by one and sorted (oracle)", () => {
    fc.assert(
      fc.property(
        withMethods,
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(7, 40, 2100),
        (s, seed, paths) => {
          const u = simulate(s, { paths, seed });
          const { model } = compile(s);
          const list = assumptions(s, model.calibration).list;
          const next = uniforms(seed);
          const forecasts = model.levers.length
            ? (["unmitigated", "mitigated"] as const)
            : (["unmitigated"] as const);
          const kept = new Map<string, number[]>();
          const keep = (key: string, v: number) => {
            const column = kept.get(key) ?? [];
            column.push(v);
            kept.set(key, column);
          };
          for (let path = 0; path < paths; path++) {
            const growth = new Float64Array(model.placements.length);
            const confidence = Float64Array.from(model.levers, (l) => l.confidence);
            let inflation = 0;
            for (const a of list) {
              const v = quantileOf(a.distribution, next());
              if (a.kind === "growth") growth[model.placements.findIndex((p) => p.id === a.id)] = v;
              else if (a.kind === "costInflation") inflation = v;
              else {
                const i = model.levers.findIndex((l) => l.id === a.id);
                confidence[i] = Math.min(1, Math.max(0, (confidence[i] ?? 1) * v));
              }
            }
            forecasts.forEach((f) => {
              const t = project(model, f === "mitigated" ? allLevers(model) : NO_LEVERS, confidence, {
                growth,
                inflation,
              });
              model.placements.forEach((p, pi) => {
                t.counts[pi]?.forEach((c, k) => keep(`${f} ${p.id} ${k}`, c));
              });
              t.inYear.forEach((v, k) => keep(`${f} inYear ${k}`, v));
              t.cumulative.forEach((v, k) => keep(`${f} cumulative ${k}`, v));
            });
          }
          const band = (key: string) => {
            const sorted = Float64Array.from(kept.get(key) ?? []).sort() as unknown as number[];
            return [0.1, 0.5, 0.9].map((p) => quantileSorted(sorted, p));
          };
          const same = (a: number[], b: number[]) => a.every((x, i) => Object.is(x, b[i]));
          for (const r of u.placements)
            expect(
              same([r.p10, r.p50, r.p90], band(`${r.forecast} ${r.id} ${r.census - model.baseYear}`)),
            ).toBe(true);
          for (const r of u.ledger)
            expect(
              same(
                [r.p10, r.p50, r.p90],
                band(`${r.forecast} ${r.measure} ${model.financialYears.indexOf(r.fy)}`),
              ),
            ).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  // The tornado re-costs one placement and re-balances the ledger where it can; the definition
  // projects everything again for each assumption at its 10th and 90th percentile.
  test("the tornado is the full projection at each assumption's percentiles, bit for bit (oracle)", () => {
    fc.assert(
      fc.property(withMethods, (s) => {
        const { model } = compile(s);
        const list = assumptions(s, model.calibration).list;
        const mask = model.levers.length ? allLevers(model) : NO_LEVERS;
        // The others as the central forecast has them: no shift to growth or inflation, full delivery.
        const centres = list.map((a) => (a.kind === "delivery" ? 1 : 0));
        const finalWith = (values: number[]) => {
          const growth = new Float64Array(model.placements.length);
          const confidence = Float64Array.from(model.levers, (l) => l.confidence);
          let inflation = 0;
          list.forEach((a, j) => {
            const v = values[j] as number;
            if (a.kind === "growth") growth[model.placements.findIndex((p) => p.id === a.id)] = v;
            else if (a.kind === "costInflation") inflation = v;
            else {
              const i = model.levers.findIndex((l) => l.id === a.id);
              confidence[i] = Math.min(1, Math.max(0, (confidence[i] ?? 1) * v));
            }
          });
          return project(model, mask, confidence, { growth, inflation }).cumulative.at(-1);
        };
        const t = tornado(s);
        for (const r of t.rows) {
          const j = list.findIndex((a) => a.kind === r.kind && a.id === r.id);
          const at = (p: number) =>
            finalWith(
              centres.map((m, i) =>
                i === j ? quantileOf((list[j] as (typeof list)[number]).distribution, p) : m,
              ),
            );
          expect(Object.is(r.low, at(0.1))).toBe(true);
          expect(Object.is(r.high, at(0.9))).toBe(true);
          expect(Object.is(r.central, finalWith(centres))).toBe(true);
          // Which is the central forecast itself, bit for bit: every bar starts there.
          expect(Object.is(r.central, project(model, mask).cumulative.at(-1))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});

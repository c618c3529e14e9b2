import fc from "fast-check";
import { CATEGORY_CODES, fyLabel } from "../src/index.js";

const money = (max: number) => fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true });
const rate = fc.double({ min: -0.2, max: 0.3, noNaN: true, noDefaultInfinity: true });

export interface ArbitraryOptions {
  /** Levers to draw (0 for none). */
  maxLevers?: number;
  flat?: boolean;
  /** Growth as methods estimated from a drawn history (auto, cagr, ols, …) and an uncertainty section. */
  methods?: boolean;
}

/** Random valid scenario inputs (raw data, as a file would hold) for property tests. */
export function scenarioInput({ maxLevers = 6, flat = false, methods = false }: ArbitraryOptions = {}) {
  return fc
    .record({
      baseYear: fc.integer({ min: 2018, max: 2030 }),
      horizon: fc.integer({ min: 1, max: 6 }),
      phasing: fc.constantFrom("census", "academic"),
      placementCount: fc.integer({ min: 1, max: 4 }),
      lineCount: fc.integer({ min: 0, max: 2 }),
      staffCount: fc.integer({ min: 0, max: 2 }),
    })
    .chain((shape) => {
      const B = shape.baseYear;
      const H = shape.horizon;
      const fys = Array.from({ length: H + 1 }, (_, k) => fyLabel(B + k));
      const years = Array.from({ length: H }, (_, k) => B + 1 + k);
      const rateOrMap = flat
        ? fc.constant(0)
        : fc.oneof(
            rate,
            fc
              .tuple(...years.map(() => rate))
              .map((rs) => Object.fromEntries(years.map((y, i) => [String(y), rs[i]]))),
          );
      // Six years of history before the base, so every method has what it needs.
      const history = fc
        .tuple(...Array.from({ length: 6 }, () => fc.integer({ min: 1, max: 2000 })))
        .map((ns) => Object.fromEntries(ns.map((n, j) => [String(B - 6 + j), n])));
      const method = fc.oneof(
        fc.constant({ method: "auto" }),
        fc.constant({ method: "combined" }),
        fc.record({
          method: fc.constantFrom("cagr", "ols", "loglinear", "reference"),
          years: fc.integer({ min: 2, max: 5 }),
        }),
        fc.constantFrom({ method: "last" }, { method: "weighted" }, { method: "pooled" }),
      );
      const placement = (i: number) =>
        fc.record({
          id: fc.constant(`p${i}`),
          label: fc.constant(`Placement ${i}`),
          category: fc.constantFrom(...CATEGORY_CODES),
          count: methods ? fc.integer({ min: 1, max: 2000 }) : fc.integer({ min: 0, max: 2000 }),
          unitCost: money(150_000),
          costInflation: rateOrMap,
          growth: methods ? method : rateOrMap,
          history: methods
            ? history
            : flat
              ? fc.constant(undefined)
              : fc.option(
                  fc.integer({ min: 0, max: 2000 }).map((n) => ({ [String(B - 1)]: n })),
                  { nil: undefined },
                ),
        });
      const window = fc.option(fc.constantFrom(...fys), { nil: undefined });
      const line = (i: number) =>
        fc.record({
          id: fc.constant(`l${i}`),
          label: fc.constant(`Line ${i}`),
          amount: money(5_000_000),
          inflation: rateOrMap,
          ...(flat ? {} : { firstFY: window }),
        });
      const staff = (i: number) =>
        fc.record({
          id: fc.constant(`s${i}`),
          role: fc.constant(`Role ${i}`),
          fte: fc.integer({ min: 0, max: 20 }),
          unitCost: money(100_000),
          lumpSum: money(200_000),
          payAward: rateOrMap,
          fundedBy: fc.constantFrom("HNB", "general-fund"),
        });
      const fyAmounts = (max: number) =>
        fc.dictionary(fc.constantFrom(...fys), money(max), { maxKeys: fys.length });
      const placementIds = Array.from({ length: shape.placementCount }, (_, i) => `p${i}`);
      const lineIds = Array.from({ length: shape.lineCount }, (_, i) => `l${i}`);
      const conf = fc.double({ min: 0, max: 1, noNaN: true });
      const lever = (i: number) => {
        const id = `m${i}`;
        const options = [
          fc.record({
            id: fc.constant(id),
            type: fc.constant("growthReduction"),
            placements: fc.subarray(placementIds, { minLength: 1 }),
            reduction: fc.double({ min: 0, max: 0.05, noNaN: true }),
            from: fc.constantFrom(...years),
            rampYears: fc.integer({ min: 1, max: 4 }),
            confidence: conf,
          }),
          fc.record({
            id: fc.constant(id),
            type: fc.constant("unitCostChange"),
            placements: fc.subarray(placementIds, { minLength: 1 }),
            change: fc.double({ min: -0.3, max: 0.1, noNaN: true }),
            fromFY: fc.constantFrom(...fys),
            confidence: conf,
          }),
          fc.record({
            id: fc.constant(id),
            type: fc.constant("staffing"),
            staffing: fc.tuple(staff(100 + i)).map(([s]) => [{ ...s, id: `${id}-s` }]),
          }),
          fc.record({
            id: fc.constant(id),
            type: fc.constant("grant"),
            amounts: fyAmounts(1_000_000),
            spend: fyAmounts(800_000),
            spendReason: fc.constant("generated: a grant whose spend may be empty"),
            confidence: conf,
          }),
          fc.record({
            id: fc.constant(id),
            type: fc.constant("safetyValve"),
            payments: fyAmounts(5_000_000),
            inYearTargets: fc.constant({}),
          }),
        ];
        if (placementIds.length > 1) {
          options.push(
            fc
              .tuple(fc.constantFrom(...placementIds), fc.constantFrom(...placementIds))
              .filter(([a, b]) => a !== b)
              .chain(([from, to]) =>
                fc.record({
                  id: fc.constant(id),
                  type: fc.constant("placementShift"),
                  fromPlacement: fc.constant(from),
                  toPlacement: fc.constant(to),
                  moves: fc.dictionary(
                    fc.constantFrom(...years.map(String)),
                    fc.integer({ min: 0, max: 300 }),
                    { maxKeys: years.length },
                  ),
                  confidence: conf,
                }),
              ),
          );
        }
        if (lineIds.length) {
          options.push(
            fc.record({
              id: fc.constant(id),
              type: fc.constant("lineChange"),
              lines: fc.subarray(lineIds, { minLength: 1 }),
              change: fc.double({ min: -0.3, max: 0.1, noNaN: true }),
              fromFY: fc.constantFrom(...fys),
              confidence: conf,
            }),
          );
        }
        // One transfer lever at most owns each year; give lever i the years i, i+n, … so none overlap.
        options.push(
          fc.record({
            id: fc.constant(id),
            type: fc.constant("transfer"),
            transferRate: fc
              .double({ min: 0, max: 0.02, noNaN: true })
              .map((r) =>
                Object.fromEntries(
                  fys.filter((_, k) => k % (maxLevers || 1) === i % (maxLevers || 1)).map((fy) => [fy, r]),
                ),
              ),
          }),
        );
        return fc.oneof(...options);
      };
      return fc.record({
        schema: fc.constant("hnb-scenario/1"),
        name: fc.constant("Random"),
        baseYear: fc.constant(B),
        horizon: fc.constant(H),
        phasing: fc.constant(shape.phasing),
        openingBalance: fc.double({ min: -50_000_000, max: 10_000_000, noNaN: true }),
        placements: fc.tuple(...placementIds.map((_, i) => placement(i))),
        lines: fc.tuple(...lineIds.map((_, i) => line(i))),
        staffing: fc.tuple(...Array.from({ length: shape.staffCount }, (_, i) => staff(i))),
        income: fc.record(
          {
            hnb: fc.record({ amount: money(150_000_000), growth: rateOrMap }),
            schoolsBlock: fc.record({
              amount: money(400_000_000),
              growth: rateOrMap,
              transferRate: flat ? fc.constant({}) : fyAmounts(0.015),
            }),
            other: fc.constant([]),
            // The Stability Grant (spec §11): its deficit year from the FY before the base (the opening
            // balance) to the last but one, paid in a later reported FY; a one-off, so never when flat.
            stabilityGrant: flat
              ? fc.constant(undefined)
              : fc.integer({ min: -1, max: H - 1 }).chain((d) =>
                  fc.record(
                    {
                      condition: fc.constant("DfE approval of the local SEND reform plan"),
                      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
                      deficitFY: fc.constant(fyLabel(B + d)),
                      paidIn: fc.integer({ min: d + 1, max: H }).map((p) => fyLabel(B + p)),
                      eligibleDeficit: money(60_000_000),
                      excluded: money(5_000_000),
                      forecasts: fc.constantFrom("both", "mitigated"),
                    },
                    { requiredKeys: ["condition", "share", "deficitFY", "paidIn", "forecasts"] },
                  ),
                ),
          },
          { requiredKeys: ["hnb", "schoolsBlock", "other"] },
        ),
        ...(methods
          ? {
              uncertainty: fc.record({
                growth: fc.oneof(
                  fc.constant("auto"),
                  fc.record({
                    distribution: fc.constant("normal"),
                    mean: fc.constant(0),
                    sd: fc.double({ min: 0, max: 0.1, noNaN: true }),
                  }),
                ),
                costInflation: fc.constant({ distribution: "triangular", min: -0.01, mode: 0, max: 0.02 }),
                delivery: fc.constant({ distribution: "uniform", min: 0.5, max: 1 }),
              }),
            }
          : {}),
        mitigations: maxLevers
          ? fc
              .integer({ min: 0, max: maxLevers })
              .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lever(i))))
          : fc.constant([]),
      });
    });
}

// The uncertainty section: the distributions of the uncertain assumptions the simulation draws.
import { z } from "zod";
import type { FieldKind } from "./field-kind.js";
import { type Bounds, DRAW, forwardIssues, idSchema, num, record, source } from "./schema-fields.js";

// A distribution of an assumption of the kind: its parameters are in the assumption's unit (a
// shift to a rate is a rate; a delivery factor is a factor).
function distributionOf(kind: FieldKind) {
  const draw: Bounds = { ...DRAW, kind };
  return z.discriminatedUnion(
    "distribution",
    [
      record({
        distribution: z.literal("normal"),
        mean: num(draw, "Mean.").default(0),
        sd: num({ kind, min: 0, max: 10, expects: "zero or more, and at most 10" }, "Standard deviation."),
      }),
      record({
        distribution: z.literal("uniform"),
        min: num(draw, "Lowest value."),
        max: num(draw, "Highest value."),
      }),
      record({
        distribution: z.literal("triangular"),
        min: num(draw, "Lowest value."),
        mode: num(draw, "Most likely value."),
        max: num(draw, "Highest value."),
      }),
    ],
    {
      error: () =>
        'distribution must be "normal" (sd, mean), "uniform" (min, max) or "triangular" (min, mode, max)',
    },
  );
}

// Shifts to growth and cost inflation (rates), and delivery factors on levers' confidence.
const distribution = distributionOf("rate");
const factorDistribution = distributionOf("factor");

/** A probability distribution of an uncertain assumption. */
export type Distribution = z.output<typeof distribution>;

export const GROWTH_UNCERTAINTY =
  'must be "auto" (from the noise of the placement\'s history) or a distribution: normal (sd), uniform (min, max) or triangular (min, mode, max)';

// "auto", or a distribution whose own problems (an sd out of range, say) are reported at their path.
export const growthUncertainty = z
  .unknown()
  .transform((v, ctx): "auto" | z.output<typeof distribution> => {
    if (v === "auto") return "auto";
    if (v === null || typeof v !== "object" || Array.isArray(v) || !("distribution" in v)) {
      ctx.addIssue({ code: "custom", message: GROWTH_UNCERTAINTY, path: [] });
      return z.NEVER;
    }
    const r = distribution.safeParse(v);
    if (r.success) return r.data;
    // The fields of the distribution named (all of them when it names none known).
    const named = distribution.options.filter(
      (o) => o.shape.distribution.value === (v as { distribution?: unknown }).distribution,
    );
    const known = [
      ...new Set((named.length ? named : distribution.options).flatMap((o) => Object.keys(o.shape))),
    ];
    forwardIssues(r.error.issues, ctx, known);
    return z.NEVER;
  })
  .meta({
    kind: "rate",
    description:
      'Shift added to the growth rate in every forecast year, drawn once per path and placement; "auto" uses the sd from the placement\'s own noise.',
    anyOf: [
      { const: "auto" },
      {
        type: "object",
        properties: { distribution: { enum: ["normal", "uniform", "triangular"] } },
        required: ["distribution"],
      },
    ],
  });

export const uncertainty = record({
  paths: num(
    { kind: "count", min: 1, max: 1_000_000, integer: true, expects: "a whole number from 1 to 1,000,000" },
    "Simulated paths.",
  ).default(2000),
  seed: num(
    {
      kind: "code",
      min: 0,
      max: 4_294_967_295,
      integer: true,
      expects: "a whole number from 0 to 4294967295",
    },
    "Random seed.",
  ).default(1),
  growth: growthUncertainty.optional(),
  costInflation: distribution
    .optional()
    .meta({ description: "Shift added to every placement's unit-cost inflation, drawn once per path." }),
  delivery: factorDistribution
    .optional()
    .meta({ description: "Factor on each lever's confidence, drawn per path and lever (clamped to 0–1)." }),
  placements: z
    .record(idSchema, record({ growth: growthUncertainty }))
    .optional()
    .meta({ description: "Growth uncertainty for named placements, replacing `growth` for them." }),
  levers: z
    .record(idSchema, factorDistribution)
    .optional()
    .meta({ description: "Delivery factor for named levers, replacing `delivery` for them." }),
  newPlansGrowth: growthUncertainty.optional().meta({
    description:
      'With a `demand` section: shift added to the growth of new plans (or of requests, with `demand.requests`) in every forecast year, drawn once per path; "auto" (the default wherever growth uncertainty is given) uses the sd of new plans\' past forecast errors (docs/calibration-and-uncertainty.md).',
  }),
  cessationRate: distribution.optional().meta({
    description:
      "With a `demand` section: rate points added to every age band's cessation rate, drawn once per path (clamped to 0–1).",
  }),
  source,
});

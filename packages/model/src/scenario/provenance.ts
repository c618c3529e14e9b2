// Where each input figure comes from (issue #29). An item (a placement, a line, an income) may give
// one `source` for all its figures and, in `sources`, a source of a figure's own, which wins: an
// imported placement's count is "DfE SEN2 …" while the unit cost a user typed is whatever source the
// user gives, or none. A figure with no source, or one whose source says "illustrative", is
// illustrative, and every output built on it says so. One figure's source never covers another's.
import { z } from "zod";

/** The figures of each kind of item that may carry a source of their own in `sources`. */
export const FIGURE_FIELDS = {
  placement: ["count", "unitCost", "costInflation", "growth", "history", "ageSplit"],
  line: ["amount", "inflation"],
  staffing: ["fte", "unitCost", "lumpSum", "payAward"],
  hnb: ["amount", "growth"],
  schoolsBlock: ["amount", "growth", "transferRate"],
  importExport: ["netImported", "rate"],
  other: ["amounts"],
  stabilityGrant: ["share", "eligibleDeficit", "excluded"],
} as const;

/** A kind of item whose figures may each carry a source. */
export type FigureKind = keyof typeof FIGURE_FIELDS;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const figureSource = z
  .string({ error: "expected a source (text)" })
  .min(1, { error: "must not be empty" })
  .refine((v) => !CONTROL.test(v), { error: "contains a control character: remove it" })
  .refine((v) => !/^\s*TODO\b/i.test(v), {
    error:
      "is not filled in: give where the figure comes from, or delete the entry (the figure is then marked illustrative)",
    params: { code: "not-filled-in" },
  });

/**
 * The `sources` field of an item of the kind: one optional source per figure, unknown figures refused.
 * @example sourcesSchema("placement").parse({ count: "DfE SEN2" })
 */
export function sourcesSchema(kind: FigureKind) {
  const fields = FIGURE_FIELDS[kind] as readonly string[];
  return z
    .strictObject(Object.fromEntries(fields.map((f) => [f, figureSource.optional()])))
    .optional()
    .meta({
      description: `A source for each figure of its own (${fields.join(", ")}), winning over \`source\` for that figure; a figure with neither is marked illustrative.`,
    });
}

/** An item as provenance reads it: one source for all its figures, and sources of figures' own. */
export interface Sourced {
  source?: string | undefined;
  sources?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * The source of one figure of an item: its own in `sources`, else the item's `source`, else undefined (not given).
 * @example sourceOf({ source: "DfE SEN2", sources: { unitCost: "s251 1.2.3" } }, "unitCost") === "s251 1.2.3"
 */
export function sourceOf(item: Sourced | undefined, field: string): string | undefined {
  return item?.sources?.[field] ?? item?.source;
}

/** Whether a source says its figures are illustrative (not from a published or local source). @example isMarkedIllustrative("illustrative: 3%") */
export function isMarkedIllustrative(source: string | undefined): boolean {
  return source !== undefined && /\billustrative\b/i.test(source);
}

/** One figure read from the scenario with its source (undefined: not given). */
export interface SourcedFigure {
  /** The item's path, e.g. "placements.inmss" or "income.hnb". */
  item: string;
  field: string;
  source: string | undefined;
}

/**
 * Every input figure of an item with its source: the fields of its kind that the item holds. A
 * placement's growth estimated from history ({ method }) is not typed: its figures are the history's.
 * @example itemFigures("placements.inmss", "placement", p)
 */
export function itemFigures(
  item: string,
  kind: FigureKind,
  value: Sourced & Readonly<Record<string, unknown>>,
): SourcedFigure[] {
  return (FIGURE_FIELDS[kind] as readonly string[]).flatMap((field) => {
    const v = value[field];
    // An empty map (no transfer in any year) holds no figure to source.
    if (v === undefined || (typeof v === "object" && v !== null && Object.keys(v).length === 0)) return [];
    if (field === "growth" && typeof v === "object" && v !== null && "method" in v) return [];
    return [{ item, field, source: sourceOf(value, field) }];
  });
}

/**
 * The paths of illustrative figures among an item's: the item's path when every one of its figures
 * is illustrative and it gives no figure a source of its own (as before `sources`), else each
 * illustrative figure's path ("placements.inmss.unitCost").
 * @example illustrativePaths(itemFigures("income.hnb", "hnb", scenario.income.hnb), scenario.income.hnb)
 */
export function illustrativePaths(figures: readonly SourcedFigure[], value: Sourced): string[] {
  const bad = figures.filter((f) => f.source === undefined || isMarkedIllustrative(f.source));
  if (!bad.length) return [];
  const first = figures[0] as SourcedFigure;
  if (bad.length === figures.length && !value.sources) return [first.item];
  return bad.map((f) => `${f.item}.${f.field}`);
}

// Reading the kinds the scenario schema declares (`.meta({ kind })`, see field-kind.ts): the kind of
// the field at a path, and the kinds each field name has. The walk follows what a file holds: a
// pipe's input side (its output is a transform), every alternative of a union, a map's values and
// a list's items; a kind declared on a field holds for everything inside it that declares none.
import { z } from "zod";
import { FIELD_KINDS, type FieldKind } from "./field-kind.js";
import { ScenarioSchema } from "./schema.js";

type Node = z.core.$ZodType;

// The parts of a zod definition the walk reads.
interface Def {
  type: string;
  innerType?: Node;
  in?: Node;
  options?: readonly Node[];
  shape?: Readonly<Record<string, Node>>;
  valueType?: Node;
  element?: Node;
}

const defOf = (n: Node) => n._zod.def as unknown as Def;

// A step from a node to one below it: within the same field (a wrapper, an alternative), to a named
// field of an object, to a map's value under any key, or to a list's item.
interface Step {
  node: Node;
  by: "same" | "field" | "key" | "index";
  field?: string;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);
// Values the walk cannot see into (checked by a transform): they may hold numbers, so they need a kind.
const OPAQUE = new Set(["unknown", "any"]);
const NUMERIC = new Set(["number", "int", "bigint", ...OPAQUE]);
const TEXT = new Set([
  "string",
  "literal",
  "enum",
  "boolean",
  "null",
  "undefined",
  "date",
  "template_literal",
]);

function steps(n: Node): Step[] {
  const d = defOf(n);
  if (WRAPPERS.has(d.type)) return [{ node: d.innerType as Node, by: "same" }];
  switch (d.type) {
    case "pipe":
      return [{ node: d.in as Node, by: "same" }];
    case "union":
      return (d.options ?? []).map((node) => ({ node, by: "same" }));
    case "object":
      return Object.entries(d.shape ?? {}).map(([field, node]) => ({ node, by: "field", field }));
    case "record":
      return [{ node: d.valueType as Node, by: "key" }];
    case "array":
      return [{ node: d.element as Node, by: "index" }];
    default:
      if (NUMERIC.has(d.type) || TEXT.has(d.type)) return [];
      // A construct the walk does not know could hide a number without a kind: say so, never skip it.
      throw new Error(`schema-kinds: a zod "${d.type}" schema; teach steps() to walk it`);
  }
}

/** The kind a schema node itself declares with `.meta({ kind })`, if any. @example declaredKind(ScenarioSchema) === undefined */
export function declaredKind(n: Node): FieldKind | undefined {
  return z.globalRegistry.get(n)?.kind;
}

/** A number (or a value the schema cannot see into) below a node: its path and the kind in force there. */
export interface KindedNumber {
  /** Field names, `*` for a map's key or a list's index. */
  path: string[];
  kind: FieldKind | undefined;
}

/**
 * Every number below a node with the kind in force there: the nearest declared on the way down
 * within the number's own field (a kind declared on a record never covers its fields).
 * @example numbersOf(ScenarioSchema).filter((n) => n.kind === undefined) // [] when every number has a kind
 */
export function numbersOf(n: Node, path: string[] = [], inForce?: FieldKind): KindedNumber[] {
  const kind = declaredKind(n) ?? inForce;
  if (NUMERIC.has(defOf(n).type)) return [{ path, kind }];
  return steps(n).flatMap((s) =>
    s.by === "field"
      ? numbersOf(s.node, [...path, s.field as string], undefined)
      : numbersOf(s.node, s.by === "same" ? path : [...path, "*"], kind),
  );
}

// The one kind of a list, or undefined when it holds none or several.
function only(kinds: readonly (FieldKind | undefined)[]): FieldKind | undefined {
  const set = new Set(kinds);
  return set.size === 1 ? [...set][0] : undefined;
}

// The kind declared on a node or on what it wraps (its alternatives agreeing), without entering fields.
function ownKind(n: Node): FieldKind | undefined {
  const declared = declaredKind(n);
  if (declared) return declared;
  const inner = steps(n)
    .filter((s) => s.by === "same")
    .map((s) => ownKind(s.node))
    .filter((k) => k !== undefined);
  return only(inner);
}

/**
 * The kind of a field's schema: the one it declares, else the one every number inside it shares
 * (an age split of shares); undefined when it holds numbers of several kinds, or none.
 * @example kindOfSchema(ScenarioSchema.shape.openingBalance) === "money"
 */
export function kindOfSchema(n: Node): FieldKind | undefined {
  return ownKind(n) ?? only(numbersOf(n).map((x) => x.kind));
}

// The ways a path can be read below a node, each with its kind and how many of its keys were taken
// as any key of a map (a field named in the schema is the more specific reading).
function readings(
  n: Node,
  path: readonly string[],
  inForce: FieldKind | undefined,
  loose: number,
): { kind: FieldKind | undefined; loose: number }[] {
  const kind = declaredKind(n) ?? inForce;
  if (path.length === 0) return [{ kind: kindOfSchema(n) ?? kind, loose }];
  const [head, ...rest] = path;
  // The rest of the path is inside a value a transform checks: it is of the value's kind.
  if (OPAQUE.has(defOf(n).type)) return [{ kind, loose: loose + 1 }];
  return steps(n).flatMap((s) => {
    if (s.by === "same") return readings(s.node, path, kind, loose);
    if (s.by === "field") return s.field === head ? readings(s.node, rest, undefined, loose) : [];
    if (s.by === "index") return /^\d+$/.test(head as string) ? readings(s.node, rest, kind, loose) : [];
    return readings(s.node, rest, kind, loose + 1);
  });
}

/**
 * The kind of the field at a path of the scenario (list indices and map keys as they are written),
 * or undefined where the path names no number field, or one of several kinds (a whole section).
 * A field named in the schema wins over a map's key of the same text (growth.years is the years of
 * a growth method, not a year's growth).
 * @example fieldKind(["placements", 0, "unitCost"]) === "money"
 */
export function fieldKind(
  path: readonly (string | number)[],
  schema: Node = ScenarioSchema,
): FieldKind | undefined {
  const found = readings(schema, path.map(String), undefined, 0);
  const least = Math.min(...found.map((r) => r.loose));
  return only(found.filter((r) => r.loose === least).map((r) => r.kind));
}

/**
 * The kinds each field name has across the schema (in FIELD_KINDS order): one for most names, several
 * for a name used for different things (`under5` is a share in an age split, a count in a census).
 * A field holding numbers of several kinds (a section, a lever) gives its name no kind.
 * @example kindsByField().get("unitCost") // ["money"]
 */
export function kindsByField(schema: Node = ScenarioSchema): ReadonlyMap<string, readonly FieldKind[]> {
  const found = new Map<string, Set<FieldKind>>();
  const visit = (n: Node): void => {
    for (const s of steps(n)) {
      if (s.by === "field") {
        const kind = kindOfSchema(s.node);
        const name = s.field as string;
        if (kind) found.set(name, (found.get(name) ?? new Set()).add(kind));
      }
      visit(s.node);
    }
  };
  visit(schema);
  return new Map(
    [...found]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, kinds]) => [name, FIELD_KINDS.filter((k) => kinds.has(k))]),
  );
}

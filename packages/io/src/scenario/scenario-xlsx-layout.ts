// The layout of a scenario input workbook, derived from the scenario's JSON Schema (itself generated
// from the zod schema), so that a field added to the schema gets its column or row without code
// here: lists of objects become sheets with one row per item, sections become sheets of
// Field | Value | Unit | Source | About rows, maps keyed by year become year columns, lists of ids
// become comma-separated cells, and anything deeper becomes a JSON cell with "(JSON)" in its header.
// scenario-xlsx-write.ts and scenario-xlsx-read.ts both read the layout from here.
import { type FieldKind, scenarioJsonSchema } from "@hnb/model";
import { keyText, parseKey, parsePath, pathText } from "./scenario-xlsx-paths.js";

export { keyText, parseKey, parsePath, pathText, sortKeys } from "./scenario-xlsx-paths.js";

/** A node of the scenario's JSON Schema (the parts the layout reads). */
export interface JsonNode {
  type?: string;
  properties?: Record<string, JsonNode>;
  additionalProperties?: JsonNode | boolean;
  propertyNames?: JsonNode;
  items?: JsonNode;
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  pattern?: string;
  /** What a number measures, as the schema declares it (model's FieldKind). */
  kind?: FieldKind;
}

/** What a scalar cell may hold at a field: the JSON types its alternatives allow, and any fixed values. */
export interface ScalarInfo {
  types: Set<string>;
  /** Every value allowed when the field is an enum or constant (undefined: any value of the types). */
  values?: unknown[];
  pattern?: string;
}

/** One field of the schema with every form it may take (a union gives several). */
export interface Tree {
  description?: string;
  /** What its numbers measure (the schema's kind; a map's values and a list's items inherit it). */
  kind?: FieldKind;
  /** A number, text or true/false. */
  scalar?: ScalarInfo;
  /** A map of scalars keyed by year (or another key): one column (or row cell) per key. */
  record?: Tree;
  /** The key pattern of `record` or `recordOf`, when the schema gives one. */
  keyPattern?: string;
  /** A map whose values are objects (demand.history, uncertainty.levers). */
  recordOf?: Tree;
  /** A list of scalars (ids, age bands, shares). */
  list?: Tree;
  /** A list of objects. */
  items?: Tree;
  /** An object's fields (of every alternative, for a union of objects). */
  fields?: Map<string, Tree>;
  /** The object takes fields the schema does not list (a distribution's sd, say). */
  open?: boolean;
}

/** How a column or a row carries its value. */
export type SlotKind = "scalar" | "record" | "list" | "json" | "star" | "open";

/** A column (list sheets) or a row (section sheets): a path below the sheet's root and how it is written. */
export interface Slot {
  path: readonly string[];
  kind: SlotKind;
  tree: Tree;
  /** Section sheets: the path the Source column of this row writes (the object's `source`). */
  sourcePath?: readonly string[];
  /** `star` rows: the path after the record's key (demand.history[*].under5: ["under5"]). */
  after?: readonly string[];
  /** What the field is, from the schema's description. */
  about: string;
}

/** A sheet of the workbook: a section (rows of fields) or a list (rows of items). */
export interface SheetPlan {
  name: string;
  kind: "section" | "list";
  /** A list of alternatives told apart by one field (a lever's `type`): the fields each one takes. */
  variants?: { key: string; fields: Map<unknown, Set<string>> };
  /** Where the sheet's data sits in the scenario: a list sheet's list; [] for a section (its rows give whole paths). */
  root: readonly string[];
  /** A section sheet's top-level field (undefined for the Scenario sheet, which holds the rest). */
  owns?: string;
  slots: Slot[];
}

/** The text in About!A1 that marks an input workbook. */
export const WORKBOOK_MARKER = "hnb scenario input workbook";
/** The sheet holding the marker and the instructions. */
export const ABOUT_SHEET = "About";
/** The columns of a section sheet, in order; year (or other key) columns follow them. */
export const SECTION_COLUMNS = ["Field", "Value", "Unit", "Source", "About"] as const;
/** The header of the cell (list sheets: column; section sheets: Field) holding what no other cell can. */
export const MORE = "more (JSON)";
/** List sheets: the header row, then the units row; items start on this row. */
export const FIRST_ITEM_ROW = 3;

// Friendlier sheet names where the path's last key would be cryptic; any other list or section is
// named after its key, so a section added to the schema gets a sheet without an entry here.
const SHEET_NAMES: Record<string, string> = {
  "": "Scenario",
  "income.other": "Other income",
  "income.schoolsBlock.otherMovements": "Schools Block movements",
  ehcpsByAge: "EHCPs by age",
};

// The alternatives of a node, each with the node's description and kind where it has none of its own.
const flat = (node: JsonNode): JsonNode[] =>
  node.anyOf || node.oneOf
    ? [...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap((n) => {
        const description = n.description ?? node.description;
        const kind = n.kind ?? node.kind;
        return flat({
          ...n,
          ...(description === undefined ? {} : { description }),
          ...(kind === undefined ? {} : { kind }),
        });
      })
    : [node];

const isObjectNode = (n: JsonNode) =>
  n.type === "object" || n.properties !== undefined || typeof n.additionalProperties === "object";

/** Whether a value is a plain object (a map of fields), not a list or null. @example isPlain({}) === true */
export const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether a tree takes nothing but scalars. @example scalarOnly({ scalar: { types: new Set(["number"]) } }) === true */
export function scalarOnly(t: Tree): boolean {
  return !t.record && !t.recordOf && !t.list && !t.items && !t.fields && !t.open;
}

function mergeScalar(a: ScalarInfo | undefined, b: ScalarInfo): ScalarInfo {
  if (!a) return b;
  const values = a.values && b.values ? [...new Set([...a.values, ...b.values])] : undefined;
  return {
    types: new Set([...a.types, ...b.types]),
    ...(values ? { values } : {}),
    ...(a.pattern ? { pattern: a.pattern } : b.pattern ? { pattern: b.pattern } : {}),
  };
}

function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  if (b.description && !out.description) out.description = b.description;
  if (b.kind && !out.kind) out.kind = b.kind;
  if (b.scalar) out.scalar = mergeScalar(a.scalar, b.scalar);
  if (b.record) out.record = a.record ? merge(a.record, b.record) : b.record;
  if (b.recordOf) out.recordOf = a.recordOf ? merge(a.recordOf, b.recordOf) : b.recordOf;
  if (b.keyPattern) out.keyPattern = b.keyPattern;
  if (b.list) out.list = a.list ? merge(a.list, b.list) : b.list;
  if (b.items) out.items = a.items ? merge(a.items, b.items) : b.items;
  if (b.open) out.open = true;
  if (b.fields) {
    const fields = new Map(a.fields ?? []);
    for (const [k, t] of b.fields) fields.set(k, fields.has(k) ? merge(fields.get(k) as Tree, t) : t);
    out.fields = fields;
  }
  return out;
}

/** The tree of a JSON Schema node: every form the field may take. @example treeOf({ type: "string" }).scalar?.types.has("string") === true */
export function treeOf(node: JsonNode): Tree {
  let tree: Tree = {
    ...(node.description ? { description: node.description } : {}),
    ...(node.kind ? { kind: node.kind } : {}),
  };
  // A map's values and a list's items are of the map's (the list's) kind unless they say otherwise.
  const inner = (n: JsonNode | undefined, kind: FieldKind | undefined) =>
    treeOf(kind && !n?.kind ? { ...n, kind } : (n ?? {}));
  for (const alt of flat(node)) {
    const part: Tree = {
      ...(alt.description ? { description: alt.description } : {}),
      ...(alt.kind ? { kind: alt.kind } : {}),
    };
    if (isObjectNode(alt)) {
      if (alt.properties) {
        part.fields = new Map(Object.entries(alt.properties).map(([k, v]) => [k, treeOf(v)]));
        if (alt.additionalProperties !== false) part.open = true;
      } else {
        const value = inner(
          typeof alt.additionalProperties === "object" ? alt.additionalProperties : undefined,
          alt.kind,
        );
        if (scalarOnly(value)) part.record = value;
        else part.recordOf = value;
        if (alt.propertyNames?.pattern) part.keyPattern = alt.propertyNames.pattern;
      }
    } else if (alt.type === "array") {
      const item = inner(alt.items, alt.kind);
      if (scalarOnly(item)) part.list = item;
      else part.items = item;
    } else {
      const types = new Set<string>();
      if (alt.type) types.add(alt.type === "integer" ? "number" : alt.type);
      const values = alt.const !== undefined ? [alt.const] : alt.enum;
      for (const v of values ?? []) types.add(typeof v);
      // An empty node takes anything a cell can hold.
      if (types.size === 0) for (const t of ["number", "string", "boolean"]) types.add(t);
      part.scalar = {
        types,
        ...(values ? { values } : {}),
        ...(alt.pattern ? { pattern: alt.pattern } : {}),
      };
    }
    tree = merge(tree, part);
  }
  return tree;
}

/** Whether a section's subtree is plain fields of scalars (it then goes on the Scenario sheet). */
function isFlat(t: Tree): boolean {
  if (t.record || t.recordOf || t.list || t.items || t.open) return false;
  return [...(t.fields?.values() ?? [])].every(isFlat);
}

/** Whether a record's values are objects of scalars keyed by year, so each field is a row of year columns. */
function starRows(t: Tree): boolean {
  const inner = t.recordOf;
  return (
    t.keyPattern !== undefined &&
    new RegExp(t.keyPattern).test("2020") &&
    !new RegExp(t.keyPattern).test("x2020") &&
    inner?.fields !== undefined &&
    !inner.scalar &&
    [...inner.fields.values()].every(scalarOnly)
  );
}

/**
 * The slots of a field and everything below it, in schema order. Lists of objects become JSON cells,
 * except (`sheets` given) where they can be sheets of their own: then they are handed to `sheets`.
 */
function slotsOf(
  t: Tree,
  path: string[],
  section: boolean,
  sheets?: (path: string[], items: Tree) => void,
): Slot[] {
  const out: Slot[] = [];
  const about = t.description ?? "";
  if (t.scalar || scalarOnly(t)) out.push({ path, kind: "scalar", tree: t, about });
  if (t.record) out.push({ path, kind: "record", tree: t.record, about });
  if (t.list) out.push({ path, kind: "list", tree: t.list, about });
  if (t.recordOf) {
    if (section && starRows(t))
      for (const [k, inner] of t.recordOf.fields ?? [])
        out.push({ path, kind: "star", tree: inner, after: [k], about: inner.description ?? about });
    else out.push({ path, kind: "json", tree: t, about });
  }
  if (t.items) {
    if (sheets) sheets(path, t.items);
    else out.push({ path, kind: "json", tree: t, about });
  }
  for (const [k, field] of t.fields ?? []) out.push(...slotsOf(field, [...path, k], section, sheets));
  if (t.open && t.fields) out.push({ path, kind: "open", tree: t, about: "" });
  return out;
}

// Lists read best with the id first, then what kind of item it is (a lever's type), and the source last.
function listOrder(slots: Slot[]): Slot[] {
  const rank = (s: Slot) =>
    s.path.length === 1 && s.path[0] === "id"
      ? 0
      : s.path.length === 1 && s.tree.scalar?.values?.length && s.path[0] === "type"
        ? 1
        : s.path.length === 1 && s.path[0] === "source"
          ? 3
          : 2;
  return slots
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i)
    .map(({ s }) => s);
}

// Section rows: an object's `source` (and a field's `xSource` sibling) go in the Source column of
// the object's (the field's) first row instead of a row of their own.
function withSources(slots: Slot[]): Slot[] {
  const key = (p: readonly string[]) => p.join("\u0000");
  const firstRow = new Map<string, Slot>();
  const rowOf = new Map<string, Slot>();
  for (const s of slots) {
    if (s.kind === "scalar" || s.kind === "record" || s.kind === "list" || s.kind === "star") {
      const parent = key(s.path.slice(0, -1));
      if (s.path.at(-1) !== "source" && !firstRow.has(parent)) firstRow.set(parent, s);
      if (!rowOf.has(key(s.path))) rowOf.set(key(s.path), s);
    }
  }
  const out: Slot[] = [];
  for (const s of slots) {
    const last = s.path.at(-1) ?? "";
    const parent = s.path.slice(0, -1);
    const target =
      s.kind === "scalar" && last === "source"
        ? firstRow.get(key(parent))
        : s.kind === "scalar" && last.endsWith("Source")
          ? rowOf.get(key([...parent, last.slice(0, -"Source".length)]))
          : undefined;
    if (target && !target.sourcePath) target.sourcePath = s.path;
    else out.push(s);
  }
  return out;
}

function sheetName(path: readonly string[], taken: Set<string>): string {
  const dotted = path.join(".");
  let name = SHEET_NAMES[dotted] ?? (path.at(-1) ?? "Scenario").replace(/^./, (c) => c.toUpperCase());
  name = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${name.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

let cached: { plans: SheetPlan[]; root: Tree } | undefined;

/**
 * The sheets of an input workbook, from the scenario schema: Scenario (the top-level fields and
 * small sections), one sheet per list of objects and one per larger section.
 * @example workbookPlan().map((s) => s.name) // ["Scenario", "Placements", "Lines", "Staffing", "Income", …]
 */
export function workbookPlan(): SheetPlan[] {
  if (cached) return cached.plans;
  const root = treeOf(scenarioJsonSchema() as JsonNode);
  const taken = new Set<string>([ABOUT_SHEET.toLowerCase()]);
  const scenario: SheetPlan = { name: sheetName([], taken), kind: "section", root: [], slots: [] };
  const plans: SheetPlan[] = [scenario];
  const lists: SheetPlan[] = [];
  const schema = scenarioJsonSchema() as JsonNode;
  const addList = (path: string[], items: Tree) => {
    const variants = variantsOf(itemsAt(schema, path));
    lists.push({
      name: "",
      kind: "list",
      root: path,
      slots: listOrder(slotsOf(items, [], false)),
      ...(variants ? { variants } : {}),
    });
  };
  const sections: SheetPlan[] = [];
  for (const [key, field] of root.fields ?? []) {
    if (field.items && !field.scalar && !field.fields) {
      addList([key], field.items);
      const last = lists.pop() as SheetPlan;
      plans.push(last);
    } else if (field.fields && !isFlat(field)) {
      const before = lists.length;
      const slots = withSources(slotsOf(field, [key], true, addList));
      sections.push({ name: "", kind: "section", root: [], owns: key, slots });
      // A section's own lists follow it.
      sections.push(...lists.splice(before));
    } else scenario.slots.push(...slotsOf(field, [key], true));
  }
  scenario.slots = withSources(scenario.slots);
  plans.push(...sections);
  for (const p of plans) if (!p.name) p.name = sheetName(p.kind === "list" ? p.root : [p.owns ?? ""], taken);
  cached = { plans, root };
  return plans;
}

// The JSON Schema node of a list's items, by the list's path.
function itemsAt(node: JsonNode, path: readonly string[]): JsonNode | undefined {
  let n: JsonNode | undefined = node;
  for (const key of path) n = flat(n ?? {}).find((a) => a.properties?.[key])?.properties?.[key];
  return flat(n ?? {}).find((a) => a.type === "array")?.items;
}

// Alternatives told apart by a field each gives as a constant (a lever's `type`), with their fields.
function variantsOf(node: JsonNode | undefined): SheetPlan["variants"] {
  const alts = node ? flat(node).filter((a) => a.properties) : [];
  if (alts.length < 2) return undefined;
  const key = Object.keys(alts[0]?.properties ?? {}).find((k) =>
    alts.every((a) => a.properties?.[k]?.const !== undefined),
  );
  if (!key) return undefined;
  return {
    key,
    fields: new Map(alts.map((a) => [a.properties?.[key]?.const, new Set(Object.keys(a.properties ?? {}))])),
  };
}

/** The tree of the whole scenario. @example scenarioTree().fields?.has("placements") === true */
export function scenarioTree(): Tree {
  workbookPlan();
  return (cached as { root: Tree }).root;
}

/** The tree at a path below a tree (record keys and list indices pass through), or undefined. @example treeAt(scenarioTree(), ["placements", "0", "id"]) */
export function treeAt(tree: Tree, path: readonly (string | number)[]): Tree | undefined {
  let t: Tree | undefined = tree;
  for (const key of path) {
    if (!t) return undefined;
    if (typeof key === "number" || /^\d+$/.test(key)) {
      if (t.items || t.list) {
        t = t.items ?? t.list;
        continue;
      }
    }
    const field = t.fields?.get(String(key));
    t = field ?? t.record ?? t.recordOf ?? (t.open ? {} : undefined);
  }
  return t;
}

// --- Field texts and headers ----------------------------------------------------------------

/** A section row's Field text: the path, `[*]` for a year column's key, " (JSON)" for a JSON cell. @example fieldText({ path: ["demand", "history"], kind: "star", after: ["under5"] }) === "demand.history[*].under5" */
export function fieldText(slot: Pick<Slot, "path" | "kind" | "after">): string {
  if (slot.kind === "star") return `${pathText(slot.path)}[*].${pathText(slot.after ?? [])}`;
  if (slot.kind === "json") return columnHeader(slot.path, "json");
  return pathText(slot.path);
}

/** A column header of a list sheet: the path, then the record key or "(JSON)". @example columnHeader(["history"], "record", "2019") === "history 2019" */
export function columnHeader(path: readonly string[], kind: SlotKind, key?: string): string {
  const p = pathText(path);
  if (kind === "json") return `${p} (JSON)`;
  if (kind === "record") return `${p} ${keyText(key ?? "")}`;
  if (kind === "open") return pathText([...path, key ?? ""]);
  return p;
}

/** A list sheet's header split into its path, and a record key or the JSON mark; undefined when it does not parse. @example parseHeader("history 2019") // { path: ["history"], key: "2019" } */
export function parseHeader(text: string): { path: string[]; key?: string; json?: boolean } | undefined {
  const t = text.trim();
  if (t === MORE) return { path: [], json: true };
  const space = t.indexOf(" ");
  const head = space < 0 ? t : t.slice(0, space);
  const rest = space < 0 ? "" : t.slice(space + 1).trim();
  const path = parsePath(head);
  if (!path || path.some((k) => typeof k === "number" || k === "*")) return undefined;
  if (rest === "") return { path: path as string[] };
  if (rest === "(JSON)") return { path: path as string[], json: true };
  const key = parseKey(rest);
  return key === undefined ? undefined : { path: path as string[], key };
}

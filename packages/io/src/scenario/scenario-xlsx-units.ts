// The units of an input workbook's cells (the units row of a list sheet, the Unit column of a
// section): a number's unit follows from the kind its field declares in the schema (model's
// FieldKind, carried into the JSON Schema the layout reads), text's from its type and pattern.
import type { FieldKind } from "@hnb/model";
import type { SlotKind, Tree } from "./scenario-xlsx-layout.js";

/** The unit a number of each kind is written in (docs/excel-and-notebooks.md lists them). */
export const UNIT_OF_KIND: Readonly<Record<FieldKind, string>> = {
  money: "£",
  count: "count",
  fte: "FTE",
  rate: "rate (0.02 = 2%)",
  share: "share (0 to 1)",
  factor: "factor (1 = as planned)",
  year: "census year",
  years: "years",
  code: "number",
};

/** The unit a cell of a field is written in, from its schema kind and type. @example unitOf({ kind: "money", scalar: { types: new Set(["number"]) } }) === "£" */
export function unitOf(t: Tree, path: readonly string[] = []): string {
  const last = path.at(-1) ?? "";
  const s = t.scalar;
  if (!s) return "";
  if (s.values && s.values.length === 1) return `always ${String(s.values[0])}`;
  if (s.values) {
    const words = s.values.map(String).join(" | ");
    return s.types.has("number") ? `number, or ${words}` : `one of: ${words}`;
  }
  if (s.types.size === 1 && s.types.has("boolean")) return "true or false";
  if (!s.types.has("number")) {
    if (last === "id" || s.pattern === "^[A-Za-z0-9][A-Za-z0-9_.-]*$") return "id (letters, digits, - _ .)";
    if (/FY$/.test(last)) return "financial year, e.g. 2025-26";
    if (s.pattern?.includes("03-31")) return "date, YYYY-03-31";
    return "text";
  }
  // Model's test holds that every number of the schema has a kind; "number" is for a schema without.
  return t.kind ? UNIT_OF_KIND[t.kind] : "number";
}

// The units of numbers before the schema gave kinds (guessed from descriptions): a workbook written
// then still reads, its units row being units, not figures.
const EARLIER_NUMBER_UNITS = new Set([
  "£",
  "census year",
  "rate (0.02 = 2%)",
  "share (0 to 1)",
  "years",
  "rate or factor",
  "number",
]);
const NUMBER_UNITS = new Set([...Object.values(UNIT_OF_KIND), "number"]);
const LIST = "comma-separated list: ";

/** Whether a units cell gives a column's unit: this version's, or for a number one an earlier version wrote. @example unitMatches("number", "count") === true */
export function unitMatches(unit: string, expected: string): boolean {
  if (unit === expected) return true;
  const listed = unit.startsWith(LIST) && expected.startsWith(LIST);
  const [u, e] = listed ? [unit.slice(LIST.length), expected.slice(LIST.length)] : [unit, expected];
  return NUMBER_UNITS.has(e) && EARLIER_NUMBER_UNITS.has(u);
}

/** The unit of a column or row of a kind (a list's tree is its items'). @example slotUnit("json", {}) === "JSON" */
export function slotUnit(kind: SlotKind, tree: Tree, path: readonly string[] = []): string {
  if (kind === "json") return "JSON";
  if (kind === "open") return "";
  if (kind === "list") return `comma-separated list: ${unitOf(tree, path)}`;
  return unitOf(tree, path);
}

// Writes a scenario (raw data, as a YAML or JSON file holds it: formulas and TODOs kept) to an input
// workbook laid out by scenario-xlsx-layout.ts. Every value lands in exactly one cell; what no cell
// can carry (an empty section, say) goes to a "more (JSON)" cell, so reading the workbook back gives
// the same data. TODO cells are filled orange, headers carry each field's description as a note.
import type ExcelJSNamespace from "exceljs";
import { withFixedZipDates } from "../workbook/workbook.js";
import {
  ABOUT_SHEET,
  columnHeader,
  FIRST_ITEM_ROW,
  fieldText,
  isPlain,
  MORE,
  pathText,
  SECTION_COLUMNS,
  type SheetPlan,
  type Slot,
  sortKeys,
  WORKBOOK_MARKER,
  workbookPlan,
} from "./scenario-xlsx-layout.js";
import { slotUnit } from "./scenario-xlsx-units.js";

type Worksheet = ExcelJSNamespace.Worksheet;
type CellValue = string | number | boolean;

/** Options of {@link scenarioWorkbook}. */
export interface ScenarioWorkbookOptions {
  /** Lines shown on the About sheet under "Notes" (an imported skeleton's header, a YAML file's comments). */
  notes?: readonly string[];
}

const TODO = /^\s*TODO\b/i;
const FILL = {
  header: "FFD9E1F2",
  todo: "FFF8CBAD",
  units: "FFF2F2F2",
  /** A column the row's kind of item does not take (another kind of lever's field). */
  unused: "FFE7E6E6",
} as const;

// What a cell cannot give back as written: control characters (XML refuses most, and reads \r as
// \n), unpaired surrogates, and _xHHHH_, which spreadsheet files use to escape characters. A value
// with one goes to the "more (JSON)" cell, escaped.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|_x[0-9A-Fa-f]{4}_/;
const cellSafe = (s: string) => !UNSAFE.test(s);
// −0 too: a cell stores it as 0.
const isScalar = (v: unknown): v is CellValue =>
  (typeof v === "string" && cellSafe(v)) ||
  (typeof v === "number" && !Object.is(v, -0)) ||
  typeof v === "boolean";

/** JSON for a cell: −0 kept, and every character a cell would not give back escaped. @example jsonCell([-0, "a"]) === '[-0,"a"]' */
export function jsonCell(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : JSON.stringify(v);
  if (typeof v === "string")
    return JSON.stringify(v)
      .replace(/[\u007f-\u009f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      .replace(/_x([0-9A-Fa-f]{4})_/g, "_\\u0078$1_");
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? "null" : jsonCell(x))).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${jsonCell(k)}:${jsonCell(x)}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}
const definedKeys = (v: Record<string, unknown>) => Object.keys(v).filter((k) => v[k] !== undefined);

function get(data: unknown, path: readonly string[]): unknown {
  let v = data;
  for (const k of path) {
    if (!isPlain(v) || !Object.hasOwn(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

const keyOf = (path: readonly string[]) => path.join("\u0000");

/** The cells of one list item or one section: by slot, the cell (or the key cells) it writes. */
interface Placed {
  /** Slot index → the value of its single cell. */
  cells: Map<number, CellValue>;
  /** Slot index → record key → value (record and star slots), or extra key → value (open slots). */
  keyed: Map<number, Map<string, CellValue>>;
  /** Slot index → the source its row carries (section sheets). */
  sources: Map<number, CellValue>;
  /** What no cell carries, as a partial copy of the data; undefined when nothing is left. */
  more: unknown;
}

/**
 * Assigns the data's values to the slots, each value to one slot, and collects what is left of the
 * part of the data the sheet holds (`owned`: the whole of a list item; a section's own fields).
 */
function place(
  data: unknown,
  slots: readonly Slot[],
  owned: (path: readonly string[]) => boolean = () => true,
): Placed {
  const placed: Placed = { cells: new Map(), keyed: new Map(), sources: new Map(), more: undefined };
  const taken = new Set<string>();
  const isTaken = (path: readonly string[]) => {
    for (let n = path.length; n >= 0; n--) if (taken.has(keyOf(path.slice(0, n)))) return true;
    return false;
  };
  const keyed = (i: number) => {
    let m = placed.keyed.get(i);
    if (!m) {
      m = new Map();
      placed.keyed.set(i, m);
    }
    return m;
  };
  slots.forEach((slot, i) => {
    if (slot.sourcePath && !isTaken(slot.sourcePath)) {
      const s = get(data, slot.sourcePath);
      if (isScalar(s)) {
        placed.sources.set(i, s);
        taken.add(keyOf(slot.sourcePath));
      }
    }
    if (isTaken(slot.path) && slot.kind !== "star" && slot.kind !== "open") return;
    const v = get(data, slot.path);
    if (v === undefined) return;
    switch (slot.kind) {
      case "scalar":
        if (isScalar(v)) {
          placed.cells.set(i, v);
          taken.add(keyOf(slot.path));
        }
        return;
      case "record": {
        if (!isPlain(v)) return;
        const keys = definedKeys(v);
        const fields = fieldsAt(slots, slot.path);
        if (
          keys.length === 0 ||
          keys.every((k) => fields.has(k)) ||
          !keys.every((k) => isScalar(v[k]) && cellSafe(k))
        )
          return;
        for (const k of keys) keyed(i).set(k, v[k] as CellValue);
        taken.add(keyOf(slot.path));
        return;
      }
      case "list":
        if (!Array.isArray(v)) return;
        placed.cells.set(i, listText(v));
        taken.add(keyOf(slot.path));
        return;
      case "json":
        placed.cells.set(i, jsonCell(v));
        taken.add(keyOf(slot.path));
        return;
      case "star": {
        if (!isPlain(v) || isTaken(slot.path)) return;
        const after = slot.after ?? [];
        for (const k of definedKeys(v)) {
          const inner = get(v[k], after);
          if (!isScalar(inner) || !cellSafe(k) || isTaken([...slot.path, k, ...after])) continue;
          keyed(i).set(k, inner);
          taken.add(keyOf([...slot.path, k, ...after]));
        }
        return;
      }
      case "open": {
        if (!isPlain(v) || isTaken(slot.path)) return;
        const known = slot.tree.fields ?? new Map();
        for (const k of definedKeys(v)) {
          if (known.has(k) || !isScalar(v[k]) || !cellSafe(k) || isTaken([...slot.path, k])) continue;
          keyed(i).set(k, v[k] as CellValue);
          taken.add(keyOf([...slot.path, k]));
        }
        return;
      }
    }
  });
  placed.more = leftOver(data, [], (p) => isTaken(p) || !owned(p));
  return placed;
}

// The fields an object at a path has (from any slot below it), to tell { method: auto } from a year map.
function fieldsAt(slots: readonly Slot[], path: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of slots)
    if (s.path.length > path.length && path.every((k, j) => s.path[j] === k))
      out.add(s.path[path.length] as string);
  return out;
}

/** A list of scalars as a cell: ids and names comma-separated, anything else as JSON. @example listText(["a", "b"]) === "a, b" */
export function listText(v: readonly unknown[]): string {
  const plain = (x: unknown) =>
    typeof x === "string" && /^[^\s,"[\]{}][^,"[\]{}]*$/.test(x) && x.trim() === x && cellSafe(x);
  return v.length > 0 && v.every(plain) ? v.join(", ") : jsonCell(v);
}

// The parts of the data no slot took: an empty object or list, a null, or a field the layout does not have.
function leftOver(v: unknown, path: string[], skip: (p: readonly string[]) => boolean): unknown {
  if (v === undefined || skip(path)) return undefined;
  if (isPlain(v)) {
    const keys = definedKeys(v);
    if (keys.length === 0) return {};
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const left = leftOver(v[k], [...path, k], skip);
      if (left !== undefined) out[k] = left;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

function style(ws: Worksheet, row: number, col: number, value: CellValue | undefined): void {
  const cell = ws.getCell(row, col);
  if (value === undefined) return;
  cell.value = value;
  if (typeof value === "string" && TODO.test(value)) {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL.todo } };
    cell.font = { bold: true };
  }
}

function headerStyle(ws: Worksheet, row: number, cols: number): void {
  for (let c = 1; c <= cols; c++) {
    const cell = ws.getCell(row, c);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL.header } };
  }
}

interface Column {
  /** The item's field the column belongs to. */
  field: string;
  header: string;
  unit: string;
  about: string;
  /** The value of an item's cell in this column. */
  value: (p: Placed) => CellValue | undefined;
}

function listSheet(ws: Worksheet, plan: SheetPlan, items: readonly unknown[]): void {
  const placed = items.map((item) => place(item, plan.slots));
  const columns: Column[] = [];
  plan.slots.forEach((slot, i) => {
    const about = slot.about;
    if (slot.kind === "record" || slot.kind === "open") {
      const keys = sortKeys(placed.flatMap((p) => [...(p.keyed.get(i)?.keys() ?? [])]));
      for (const k of slot.kind === "open" ? [...new Set(keys)] : keys)
        columns.push({
          field: slot.path[0] ?? "",
          header: columnHeader(slot.path, slot.kind, k),
          unit: slotUnit(slot.kind, slot.tree, slot.path),
          about,
          value: (p) => p.keyed.get(i)?.get(k),
        });
      return;
    }
    columns.push({
      field: slot.path[0] ?? "",
      header: columnHeader(slot.path, slot.kind),
      unit: slotUnit(slot.kind, slot.tree, slot.path),
      about,
      value: (p) => p.cells.get(i),
    });
  });
  if (placed.some((p) => p.more !== undefined))
    columns.push({
      field: "",
      header: MORE,
      unit: "JSON",
      about: "What the other columns cannot hold (an empty section, say), merged into the item.",
      value: (p) => (p.more === undefined ? undefined : jsonCell(p.more)),
    });
  columns.forEach((c, j) => {
    const head = ws.getCell(1, j + 1);
    head.value = c.header;
    if (c.about) head.note = c.about;
    const unit = ws.getCell(2, j + 1);
    unit.value = c.unit;
    unit.font = { italic: true, color: { argb: "FF595959" } };
    unit.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL.units } };
    ws.getColumn(j + 1).width = Math.min(40, Math.max(10, c.header.length + 2, c.unit.length * 0.6));
  });
  headerStyle(ws, 1, columns.length);
  placed.forEach((p, r) => {
    // Shade the columns this kind of item does not take (a transfer lever has no `placements`).
    const item = items[r];
    const kind =
      plan.variants && isPlain(item) ? plan.variants.fields.get(item[plan.variants.key]) : undefined;
    columns.forEach((c, j) => {
      style(ws, FIRST_ITEM_ROW + r, j + 1, c.value(p));
      if (kind && c.field !== "" && !kind.has(c.field))
        ws.getCell(FIRST_ITEM_ROW + r, j + 1).fill = {
          type: "pattern",
          pattern: "solid",
          fgColor: { argb: FILL.unused },
        };
    });
  });
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 2 }];
}

function sectionSheet(
  ws: Worksheet,
  plan: SheetPlan,
  data: unknown,
  owned: (path: readonly string[]) => boolean,
): void {
  const p = place(data, plan.slots, owned);
  // Year (or other key) columns after the fixed ones: every key any row uses.
  const keys = sortKeys(
    plan.slots.flatMap((s, i) =>
      s.kind === "record" || s.kind === "star" ? [...(p.keyed.get(i)?.keys() ?? [])] : [],
    ),
  );
  const first = SECTION_COLUMNS.length + 1;
  SECTION_COLUMNS.forEach((h, j) => {
    ws.getCell(1, j + 1).value = h;
  });
  keys.forEach((k, j) => {
    ws.getCell(1, first + j).value = k;
  });
  headerStyle(ws, 1, SECTION_COLUMNS.length + keys.length);
  let row = 2;
  const line = (field: string, unit: string, about: string, value?: CellValue, source?: CellValue) => {
    ws.getCell(row, 1).value = field;
    style(ws, row, 2, value);
    ws.getCell(row, 3).value = unit;
    style(ws, row, 4, source);
    ws.getCell(row, 5).value = about;
    return row++;
  };
  plan.slots.forEach((slot, i) => {
    const about = slot.about;
    const source = p.sources.get(i);
    if (slot.kind === "open") {
      for (const [k, v] of p.keyed.get(i) ?? []) line(pathText([...slot.path, k]), "", "", v);
      return;
    }
    if (slot.kind === "record" || slot.kind === "star") {
      const field = fieldText(slot);
      // A field that is one value or one per year shares its row with its scalar form (written just before).
      const before = plan.slots[i - 1];
      const scalarRow =
        slot.kind === "record" && before?.kind === "scalar" && keyOf(before.path) === keyOf(slot.path);
      const r = scalarRow
        ? row - 1
        : line(field, slotUnit(slot.kind, slot.tree, slot.path), about, undefined, source);
      if (scalarRow && source !== undefined) style(ws, r, 4, source);
      for (const [k, v] of p.keyed.get(i) ?? []) style(ws, r, first + keys.indexOf(k), v);
      return;
    }
    const field = fieldText(slot);
    line(field, slotUnit(slot.kind, slot.tree, slot.path), about, p.cells.get(i), source);
  });
  if (p.more !== undefined)
    line(
      MORE,
      "JSON",
      "What the other rows cannot hold (an empty section, say), merged into the scenario.",
      jsonCell(p.more),
    );
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 18;
  ws.getColumn(3).width = 18;
  ws.getColumn(4).width = 30;
  ws.getColumn(5).width = 60;
  for (let j = 0; j < keys.length; j++) ws.getColumn(first + j).width = 12;
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
}

const ABOUT_LINES = [
  "Fill in this workbook and give it to hnb in place of a YAML file: hnb validate plan.xlsx, hnb forecast plan.xlsx.",
  "Orange cells still say TODO: replace each with a figure. hnb validate lists every one by sheet and cell.",
  "A number cell takes a number, a formula as text (e.g. 33800000 / 1186, as in YAML), or an Excel formula (=B3*1.02): hnb reads the value Excel saved with it.",
  "List sheets (Placements, Lines, …): one row per item from row 3; row 2 gives each column's unit. Add a row to add an item.",
  'A column headed "history 2019" (a field, a space, a year) holds that year\'s entry; add a column with the same form for another year.',
  "A field that is one value or one per year (growth, inflation) takes either its own cell or its year cells, not both.",
  'Lists of ids (a lever\'s placements) are comma-separated: special, inmss. Cells headed "(JSON)" hold JSON, e.g. [{"band": "A", "share": 1, "topUp": 9000}].',
  "Section sheets (Scenario, Income, …): one field a row, its value in Value, its source in Source; year columns follow About.",
  "Sheets of your own are not read: use them for workings. Do not rename the sheets or the headers.",
  "Convert back to YAML with: hnb convert plan.xlsx --out plan.yaml",
];

/**
 * Builds an input workbook from scenario data (as parsed from YAML or JSON, before validation):
 * reading it back with readScenarioWorkbook gives the same data. Byte-identical for the same data.
 * @example await scenarioWorkbook(raw, { notes: ["from SEN2"] })
 */
export async function scenarioWorkbook(
  data: unknown,
  options: ScenarioWorkbookOptions = {},
): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "hnb";
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const about = wb.addWorksheet(ABOUT_SHEET);
  about.getCell(1, 1).value = WORKBOOK_MARKER;
  about.getCell(1, 1).font = { bold: true, size: 14 };
  const lines = [...ABOUT_LINES, ...(options.notes?.length ? ["", "Notes", ...options.notes] : [])];
  lines.forEach((l, i) => {
    about.getCell(i + 3, 1).value = l;
  });
  about.getColumn(1).width = 120;
  const plans = workbookPlan();
  // A list sheet holds its list when it is one (anything else stays with the section above it); a
  // section sheet holds its field; the Scenario sheet the rest.
  // An empty list is no list (the schema's default) where its parent keeps other fields; alone, it
  // goes to the section's "more (JSON)" cell so that the parent is not lost.
  const held = (root: readonly string[]) => {
    const v = get(data, root);
    if (!Array.isArray(v)) return false;
    if (v.length > 0) return true;
    const parent = get(data, root.slice(0, -1));
    return (
      isPlain(parent) &&
      definedKeys(parent).some((k) => {
        const x = parent[k];
        return k !== root.at(-1) && !(Array.isArray(x) && x.length === 0);
      })
    );
  };
  const lists = plans.filter((p) => p.kind === "list" && held(p.root)).map((p) => p.root);
  const sections = new Set(plans.flatMap((p) => (p.owns ? [p.owns] : [])));
  const underList = (path: readonly string[]) =>
    lists.some((root) => root.length <= path.length && root.every((k, j) => path[j] === k));
  for (const plan of plans) {
    const ws = wb.addWorksheet(plan.name);
    if (plan.kind === "list") {
      const items = get(data, plan.root);
      listSheet(ws, plan, Array.isArray(items) ? items : []);
    } else {
      const owns = plan.owns;
      sectionSheet(ws, plan, data, (path) =>
        path.length === 0
          ? true
          : !underList(path) && (owns === undefined ? !sections.has(path[0] as string) : path[0] === owns),
      );
    }
  }
  return withFixedZipDates(new Uint8Array(await wb.xlsx.writeBuffer()));
}

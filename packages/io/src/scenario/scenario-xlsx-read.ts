// Reads an input workbook (scenario-xlsx-write.ts writes one) back to scenario data, which then goes
// through the same schema parse as a YAML file. Every cell read is remembered by the path of the
// field it gives, so a problem the schema finds names its sheet and cell: `Placements!E3
// (placements[0].unitCost): is not filled in: …`. A workbook without the input workbook's mark (the
// forecast's management-plan.xlsx, say) is refused, saying what it is.
import { extname } from "node:path";
import { type ParseResult, type Problem, type ProblemCode, parseScenario } from "@hnb/model";
import { FORBIDDEN_KEYS, readScenarioBytes } from "./scenario-bytes.js";
import {
  cellAddress,
  cellScalar,
  cellText,
  coerce,
  isBlank,
  listValue,
  parseJsonCell,
  sheetRef,
  type Worksheet,
} from "./scenario-xlsx-cells.js";
import {
  ABOUT_SHEET,
  FIRST_ITEM_ROW,
  fieldText,
  isPlain,
  MORE,
  parseHeader,
  parseKey,
  parsePath,
  pathText,
  SECTION_COLUMNS,
  type SheetPlan,
  scenarioTree,
  type Tree,
  treeAt,
  WORKBOOK_MARKER,
  workbookPlan,
} from "./scenario-xlsx-layout.js";
import { locateIn, locateProblems } from "./scenario-xlsx-locate.js";
import { slotUnit, unitMatches } from "./scenario-xlsx-units.js";

export { cellAddress } from "./scenario-xlsx-cells.js";
export { locateProblems } from "./scenario-xlsx-locate.js";

/** A workbook read to raw scenario data, with where each field's cell is; or the problems found. */
export type WorkbookRead =
  | { ok: true; data: Record<string, unknown>; locate: (path: string) => string | undefined; notes: string[] }
  | { ok: false; problems: Problem[] };

/** Whether a file name is a spreadsheet hnb reads as a workbook (.xlsx) or must refuse by name. @example isWorkbookPath("plan.xlsx") === true */
export function isWorkbookPath(path: string): boolean {
  return [".xlsx", ".xlsm", ".xls", ".ods"].includes(extname(path).toLowerCase());
}

/** Builds the data from cells, remembering which cell gave which path and refusing two cells for one field. */
class Builder {
  readonly problems: Problem[] = [];
  readonly where = new Map<string, string>();
  private readonly given = new Map<string, string>();

  constructor(readonly data: Record<string, unknown> = {}) {}

  // A cell's value that cannot be read as its field's (the schema's codes come later, located).
  problem(
    cell: string,
    path: readonly (string | number)[] | undefined,
    message: string,
    code: ProblemCode = "bad-value",
  ): void {
    this.problems.push({ code, path: path?.length ? `${cell} (${pathText(path)})` : cell, message });
  }

  /** Remembers a cell as the place of a path (the first cell named for a path wins). */
  locate(path: readonly (string | number)[], cell: string): void {
    const key = pathText(path);
    if (!this.where.has(key)) this.where.set(key, cell);
  }

  set(
    target: Record<string, unknown>,
    base: readonly (string | number)[],
    path: readonly string[],
    value: unknown,
    cell: string,
  ): void {
    const full = [...base, ...path];
    const bad = path.find((k) => FORBIDDEN_KEYS.has(k));
    if (bad) {
      this.problem(cell, full, `the key "${bad}" is refused: it is never a scenario field`);
      return;
    }
    let obj = target;
    for (let j = 0; j < path.length - 1; j++) {
      const k = path[j] as string;
      const next = obj[k];
      if (next === undefined) obj[k] = {};
      else if (!isPlain(next)) {
        this.conflict(cell, [...base, ...path.slice(0, j + 1)]);
        return;
      }
      obj = obj[k] as Record<string, unknown>;
    }
    const last = path.at(-1) as string;
    if (obj[last] !== undefined) {
      this.conflict(cell, full);
      return;
    }
    obj[last] = value;
    this.given.set(pathText(full), cell);
    this.locate(full, cell);
  }

  private conflict(cell: string, path: readonly (string | number)[]): void {
    const other = [...this.given.entries()].find(
      ([p]) => p === pathText(path) || p.startsWith(pathText(path)),
    )?.[1];
    this.problem(
      cell,
      path,
      `is given twice${other ? ` (also in ${other})` : ""}: a field takes one value, or one per year in its year columns, not both`,
    );
  }

  /** Merges a "more (JSON)" cell's data under a target, refusing what another cell already gives. */
  merge(
    target: Record<string, unknown>,
    base: readonly (string | number)[],
    more: unknown,
    cell: string,
  ): void {
    if (!isPlain(more)) {
      this.problem(cell, base, `must be a JSON map of fields, got ${JSON.stringify(more)}`);
      return;
    }
    for (const [k, v] of Object.entries(more)) {
      if (FORBIDDEN_KEYS.has(k)) {
        this.problem(cell, [...base, k], `the key "${k}" is refused: it is never a scenario field`);
        continue;
      }
      const here = target[k];
      if (here === undefined) {
        target[k] = v;
        this.locate([...base, k], cell);
      } else if (isPlain(here) && isPlain(v)) this.merge(here, [...base, k], v, cell);
      else this.conflict(cell, [...base, k]);
    }
  }
}

/** Reads one cell of a slot into the builder: scalar, list or JSON by what the field takes. */
function readCell(
  b: Builder,
  ws: Worksheet,
  row: number,
  col: number,
  target: Record<string, unknown>,
  base: readonly (string | number)[],
  path: readonly string[],
  kind: "scalar" | "list" | "json",
  tree: Tree | undefined,
): void {
  const cell = `${sheetRef(ws.name)}!${cellAddress(row, col)}`;
  b.locate([...base, ...path], cell);
  const raw = cellScalar(ws.getCell(row, col).value);
  if ("problem" in raw) {
    b.problem(cell, [...base, ...path], raw.problem);
    return;
  }
  if (raw.value === undefined) return;
  if (kind === "scalar") {
    b.set(target, base, path, coerce(raw.value, tree?.scalar), cell);
    return;
  }
  const parsed =
    kind === "list"
      ? listValue(raw.value, tree?.scalar)
      : typeof raw.value === "string"
        ? parseJsonCell(raw.value)
        : { ok: true as const, value: raw.value };
  if (!parsed.ok) {
    b.problem(cell, [...base, ...path], `is not valid JSON: ${parsed.message}`);
    return;
  }
  if (path.length === 0) b.merge(target, base, parsed.value, cell);
  else b.set(target, base, path, parsed.value, cell);
}

/** How a path's cell is read: a list of scalars, JSON, or a scalar. */
function kindAt(tree: Tree | undefined): { kind: "scalar" | "list"; tree: Tree | undefined } {
  if (tree?.list && !tree.scalar) return { kind: "list", tree: tree.list };
  return { kind: "scalar", tree };
}

function readList(b: Builder, ws: Worksheet, plan: SheetPlan, out: Record<string, unknown>): void {
  const itemTree = treeAt(scenarioTree(), [...plan.root, 0]);
  const width = ws.actualColumnCount === 0 ? 0 : ws.columnCount;
  interface Col {
    col: number;
    path: string[];
    key?: string;
    json?: boolean;
    tree: Tree | undefined;
    kind: "scalar" | "list";
  }
  const cols: Col[] = [];
  for (let c = 1; c <= width; c++) {
    const head = cellText(ws, 1, c);
    const cell = `${sheetRef(ws.name)}!${cellAddress(1, c)}`;
    if (head === "") {
      // A column without a header is read only if something is in it: then it is a problem.
      for (let r = FIRST_ITEM_ROW; r <= ws.rowCount; r++)
        if (cellText(ws, r, c) !== "") {
          b.problem(
            `${sheetRef(ws.name)}!${cellAddress(r, c)}`,
            undefined,
            `is in a column without a header (${cell}): give the column a field's name or clear it`,
          );
          break;
        }
      continue;
    }
    const h = parseHeader(head);
    if (!h) {
      b.problem(
        cell,
        undefined,
        `header "${head}" is not a field name (e.g. unitCost, history 2019, places.rate, places.bands (JSON))`,
      );
      continue;
    }
    const fieldTree = treeAt(itemTree ?? {}, h.path);
    const t = h.key !== undefined ? (fieldTree?.record ?? treeAt(fieldTree ?? {}, [h.key])) : fieldTree;
    const { kind, tree } = h.json
      ? { kind: "scalar" as const, tree: undefined }
      : h.key !== undefined
        ? { kind: "scalar" as const, tree: t }
        : kindAt(t);
    cols.push({
      col: c,
      path: h.path,
      ...(h.key !== undefined ? { key: h.key } : {}),
      ...(h.json ? { json: true } : {}),
      tree,
      kind,
    });
    // Row 2 gives the units: a figure typed there would be lost, so anything but the unit is a problem.
    const unit = cellText(ws, 2, c);
    const expected = h.json ? "JSON" : tree ? slotUnit(kind, tree, h.path) : "";
    if (unit !== "" && !unitMatches(unit, expected))
      b.problem(
        `${sheetRef(ws.name)}!${cellAddress(2, c)}`,
        undefined,
        `row 2 gives the units (items start on row ${FIRST_ITEM_ROW}): this cell should be "${expected}" or empty, not "${unit}"`,
      );
  }
  const items: unknown[] = [];
  for (let r = FIRST_ITEM_ROW; r <= ws.rowCount; r++) {
    if (cols.every(({ col }) => isBlank(ws.getCell(r, col).value))) continue;
    const base = [...plan.root, items.length];
    const item: Record<string, unknown> = {};
    b.locate(base, `${sheetRef(ws.name)}!A${r}`);
    for (const c of cols) {
      if (c.json) readCell(b, ws, r, c.col, item, base, c.path, "json", undefined);
      else
        readCell(
          b,
          ws,
          r,
          c.col,
          item,
          base,
          c.key !== undefined ? [...c.path, c.key] : c.path,
          c.kind,
          c.tree,
        );
    }
    items.push(item);
  }
  if (items.length) b.set(out, [], plan.root as string[], items, `${sheetRef(ws.name)}!A${FIRST_ITEM_ROW}`);
}

function readSection(b: Builder, ws: Worksheet, plan: SheetPlan, out: Record<string, unknown>): void {
  const root = scenarioTree();
  const name = sheetRef(ws.name);
  for (const [j, h] of SECTION_COLUMNS.entries())
    if (cellText(ws, 1, j + 1) !== h) {
      b.problem(
        `${name}!${cellAddress(1, j + 1)}`,
        undefined,
        `should read "${h}": the first columns of this sheet are ${SECTION_COLUMNS.join(", ")}, then years`,
      );
      return;
    }
  const width = ws.actualColumnCount === 0 ? 0 : ws.columnCount;
  const keys: { col: number; key: string }[] = [];
  for (let c = SECTION_COLUMNS.length + 1; c <= width; c++) {
    const k = cellText(ws, 1, c);
    if (k === "") continue;
    const key = parseKey(k);
    if (key === undefined)
      b.problem(
        `${name}!${cellAddress(1, c)}`,
        undefined,
        `header "${k}" is not a year (or a key in double quotes)`,
      );
    else keys.push({ col: c, key });
  }
  const bySlot = new Map(plan.slots.map((s) => [fieldText(s), s]));
  const firstRowOf = new Map<string, string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const field = cellText(ws, r, 1);
    const cellA = `${name}!A${r}`;
    const filled = [2, 4, ...keys.map((k) => k.col)].some((c) => !isBlank(ws.getCell(r, c).value));
    if (field === "") {
      if (filled)
        b.problem(
          cellA,
          undefined,
          "a row with values must name its field in column A (e.g. income.hnb.amount)",
        );
      continue;
    }
    if (field === MORE) {
      readCell(b, ws, r, 2, out, [], [], "json", undefined);
      continue;
    }
    const json = field.endsWith(" (JSON)");
    const path = parsePath(json ? field.slice(0, -" (JSON)".length) : field);
    if (!path || path.some((k) => typeof k === "number")) {
      b.problem(cellA, undefined, `"${field}" is not a field path (e.g. income.hnb.amount)`);
      continue;
    }
    const slot = bySlot.get(field);
    const star = path.indexOf("*");
    const strs = path as string[];
    for (let n = 1; n <= strs.length; n++) {
      const prefix = pathText(strs.slice(0, n).filter((k) => k !== "*"));
      if (!firstRowOf.has(prefix)) firstRowOf.set(prefix, cellA);
    }
    // Source column: the field's own xSource or its object's source.
    const sourcePath = slot?.sourcePath ?? [...strs.slice(0, star >= 0 ? star : -1), "source"];
    if (ws.getCell(r, 4).value !== null && ws.getCell(r, 4).value !== undefined)
      readCell(b, ws, r, 4, out, [], sourcePath as string[], "scalar", treeAt(root, sourcePath));
    if (json) {
      readCell(b, ws, r, 2, out, [], strs, "json", undefined);
      continue;
    }
    if (star >= 0) {
      const before = strs.slice(0, star);
      const after = strs.slice(star + 1);
      if (ws.getCell(r, 2).value !== null && ws.getCell(r, 2).value !== undefined)
        b.problem(`${name}!B${r}`, before, "takes one value per year, in the year columns: clear Value");
      for (const { col, key } of keys)
        readCell(
          b,
          ws,
          r,
          col,
          out,
          [],
          [...before, key, ...after],
          "scalar",
          treeAt(root, [...before, key, ...after]),
        );
      continue;
    }
    const tree = treeAt(root, strs);
    const { kind, tree: cellTree } = kindAt(tree);
    readCell(b, ws, r, 2, out, [], strs, kind, cellTree);
    for (const { col, key } of keys)
      readCell(
        b,
        ws,
        r,
        col,
        out,
        [],
        [...strs, key],
        "scalar",
        tree?.record ?? treeAt(root, [...strs, key]),
      );
  }
  for (const [p, cell] of firstRowOf) b.locate(parsePath(p) ?? [], cell);
}

/**
 * Reads an input workbook's bytes to raw scenario data (as YAML would give it), or the problems,
 * each naming its sheet and cell. The data still needs parseScenario.
 * @example const r = await readScenarioWorkbook(bytes); if (r.ok) parseScenario(r.data)
 */
export async function readScenarioWorkbook(bytes: Uint8Array): Promise<WorkbookRead> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          code: "bad-file",
          path: "(file)",
          message: `is not an Excel workbook (.xlsx) hnb can read: ${why.split("\n")[0]}`,
        },
      ],
    };
  }
  const about = wb.getWorksheet(ABOUT_SHEET);
  const marker = about ? cellText(about, 1, 1) : "";
  if (marker !== WORKBOOK_MARKER) {
    const names = wb.worksheets.map((w) => w.name);
    const what =
      names.includes("Financial summary") && names.includes("EHCP numbers")
        ? "it is the DSG management-plan workbook `hnb forecast --out` writes (an output, with the forecast's figures), not a scenario"
        : `its sheets are ${names.map((n) => `"${n}"`).join(", ") || "none"}, and an input workbook's first sheet is "${ABOUT_SHEET}" with "${WORKBOOK_MARKER}" in A1`;
    return {
      ok: false,
      problems: [
        {
          code: "bad-file",
          path: "(file)",
          message: `is not an hnb scenario input workbook: ${what}. Give the scenario itself (YAML, JSON, or a workbook written by \`hnb import --out plan.xlsx\` or \`hnb convert scenario.yaml --out plan.xlsx\`)`,
        },
      ],
    };
  }
  const b = new Builder();
  for (const plan of workbookPlan()) {
    const ws = wb.getWorksheet(plan.name);
    if (ws && plan.kind === "list") readList(b, ws, plan, b.data);
    else if (ws) readSection(b, ws, plan, b.data);
  }
  // A field no cell gives (a required one left out) is named by its sheet, or the sheet's absence.
  for (const plan of workbookPlan()) {
    const path = plan.kind === "list" ? plan.root : plan.owns === undefined ? [] : [plan.owns];
    if (path.length === 0) continue;
    b.locate(
      path,
      wb.getWorksheet(plan.name) ? sheetRef(plan.name) : `sheet ${plan.name} (not in the workbook)`,
    );
  }
  if (b.problems.length) return { ok: false, problems: b.problems };
  const notes: string[] = [];
  if (about) {
    let inNotes = false;
    for (let r = 2; r <= about.rowCount; r++) {
      const line = cellText(about, r, 1);
      if (inNotes) notes.push(line);
      else if (line === "Notes") inNotes = true;
    }
    while (notes.length && notes.at(-1) === "") notes.pop();
  }
  const where = b.where;
  return { ok: true, data: b.data, locate: (p) => locateIn(where, p), notes };
}

/**
 * Reads a workbook file (at most 10 MB) to raw data with the cells of its fields, refusing other spreadsheet formats by name.
 * @example await readWorkbookFile("plan.xlsx") // { ok: true, data, locate, notes }
 */
export async function readWorkbookFile(path: string): Promise<WorkbookRead> {
  const ext = extname(path).toLowerCase();
  if (ext !== ".xlsx")
    return {
      ok: false,
      problems: [
        {
          code: "bad-file",
          path: "(file)",
          message: `is a ${ext} spreadsheet: hnb reads Excel workbooks saved as .xlsx (File › Save As › Excel Workbook)`,
        },
      ],
    };
  const read = await readScenarioBytes(path);
  if (!read.ok) return read;
  return readScenarioWorkbook(read.bytes);
}

/**
 * Reads and checks a scenario workbook: the same schema parse as YAML, problems named by sheet and cell.
 * @example await readScenarioWorkbookFile("plan.xlsx") // { ok: true, scenario, growths } or { ok: false, problems }
 */
export async function readScenarioWorkbookFile(path: string): Promise<ParseResult> {
  const read = await readWorkbookFile(path);
  if (!read.ok) return read;
  const parsed = parseScenario(read.data);
  return parsed.ok ? parsed : { ok: false, problems: locateProblems(parsed.problems, read.locate) };
}

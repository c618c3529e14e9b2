import type ExcelJSNamespace from "exceljs";
import { parseDocument } from "yaml";
import { FORBIDDEN_KEYS } from "./scenario-bytes.js";
import { isPlain, type ScalarInfo } from "./scenario-xlsx-layout.js";

/** A worksheet of the workbook being read. */
export type Worksheet = ExcelJSNamespace.Worksheet;

/** The A1-style address of a cell. @example cellAddress(3, 5) === "E3" */
export function cellAddress(row: number, col: number): string {
  let c = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) c = String.fromCharCode(65 + ((n - 1) % 26)) + c;
  return `${c}${row}`;
}

/** A sheet's name as a cell reference writes it: quoted unless plain. @example sheetRef("About") === "About" */
export const sheetRef = (name: string) =>
  /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

/** A cell's value as a scalar: formulas give the value Excel saved; rich text its text; a date or an error is a problem. @example cellScalar(3) */
export function cellScalar(
  value: unknown,
): { value: string | number | boolean | undefined } | { problem: string } {
  if (value === null || value === undefined) return { value: undefined };
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return { value };
  if (value instanceof Date)
    return {
      problem:
        "is a date: hnb takes a number or text here (format the cell as General or Text, or type a formula as text)",
    };
  const v = value as Record<string, unknown>;
  if ("error" in v) return { problem: `holds the spreadsheet error ${String(v.error)}` };
  if ("formula" in v || "sharedFormula" in v) {
    if (!("result" in v) || v.result === undefined)
      return {
        problem: `holds the Excel formula =${String(v.formula ?? v.sharedFormula)} without a saved value: open the workbook in Excel or LibreOffice and save it (hnb reads the value they save), or type the figure`,
      };
    return cellScalar(v.result);
  }
  if (Array.isArray(v.richText))
    return { value: v.richText.map((t: { text?: string }) => t.text ?? "").join("") };
  if ("text" in v && typeof v.text === "string") return { value: v.text };
  return { problem: "holds a value hnb cannot read (not a number, text or true/false)" };
}

/** A cell's value as the field wants it: Excel makes "801" a number and TRUE a boolean, the schema may want text. @example coerce("3", undefined) */
export function coerce(value: string | number | boolean, info: ScalarInfo | undefined): unknown {
  if (!info) return value;
  if (typeof value === "number" && !info.types.has("number") && info.types.has("string"))
    return String(value);
  if (typeof value === "boolean" && !info.types.has("boolean") && info.types.has("string"))
    return value ? "TRUE" : "FALSE";
  if (typeof value === "string" && info.types.size === 1 && info.types.has("boolean")) {
    if (/^\s*(true|yes)\s*$/i.test(value)) return true;
    if (/^\s*(false|no)\s*$/i.test(value)) return false;
  }
  if (
    typeof value === "string" &&
    info.types.has("number") &&
    !info.types.has("string") &&
    /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)
  )
    return Number(value);
  return value;
}

/**
 * JSON (or YAML flow) in a cell, refusing a key given twice (the second would replace the first) and
 * the keys no scenario holds.
 * @example parseJsonCell('{"a": 1}').ok === true
 */
export function parseJsonCell(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length)
    return {
      ok: false,
      message: errors
        .map((e) => (e.message.split("\n")[0] ?? "").replace(/ at line 1, column /, " at character "))
        .join("; "),
    };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const refused = refusedKey(value);
  return refused
    ? { ok: false, message: `the key "${refused}" is refused: it is never a scenario field` }
    : { ok: true, value };
}

function refusedKey(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.map(refusedKey).find((k) => k !== undefined);
  if (!isPlain(v)) return undefined;
  for (const [k, x] of Object.entries(v)) {
    if (FORBIDDEN_KEYS.has(k)) return k;
    const inner = refusedKey(x);
    if (inner) return inner;
  }
  return undefined;
}

/** A list cell: JSON when it starts with "[", else comma-separated items. @example listValue("a, b", undefined) */
export function listValue(
  value: string | number | boolean,
  item: ScalarInfo | undefined,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof value === "string" && value.trim().startsWith("[")) return parseJsonCell(value);
  if (typeof value !== "string") return { ok: true, value: [coerce(value, item)] };
  const parts = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return { ok: true, value: parts.map((s) => coerce(s, item)) };
}

/** Whether a cell holds nothing. @example isBlank(null) === true */
export const isBlank = (v: unknown) => v === null || v === undefined;

/** A cell's text, trimmed ("" when blank or a problem). @example cellText({} as Parameters<typeof cellText>[0], 1, 1) */
export function cellText(ws: Worksheet, row: number, col: number): string {
  const v = cellScalar(ws.getCell(row, col).value);
  return "value" in v && v.value !== undefined ? String(v.value).trim() : "";
}

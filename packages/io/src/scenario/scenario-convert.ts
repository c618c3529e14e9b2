// A scenario in any of its three forms (YAML, JSON, an .xlsx input workbook) read to raw data and
// written back in the form a file name asks for: `hnb convert` and `hnb import --out` use it, so a
// figure, a formula or a TODO survives every conversion as it was written.
import { extname } from "node:path";
import type { Problem } from "@hnb/model";
import { readScenarioBytes } from "./scenario-bytes.js";
import { decodeUtf8, formatOf, parseText, scenarioYaml } from "./scenario-file.js";
import { isWorkbookPath, readWorkbookFile } from "./scenario-xlsx-read.js";
import { scenarioWorkbook } from "./scenario-xlsx-write.js";

/** The forms a scenario file takes, by its extension. */
export type ScenarioFileFormat = "yaml" | "json" | "xlsx";

/** The form a scenario file's name asks for, or undefined for an extension hnb does not write. @example scenarioFormatOf("plan.xlsx") === "xlsx" */
export function scenarioFormatOf(path: string): ScenarioFileFormat | undefined {
  const ext = extname(path).toLowerCase();
  return ext === ".xlsx"
    ? "xlsx"
    : ext === ".json"
      ? "json"
      : ext === ".yaml" || ext === ".yml"
        ? "yaml"
        : undefined;
}

/** Raw scenario data read from a file with the notes that travel with it (a YAML file's opening comments, a workbook's About notes). */
export type ScenarioSource =
  | { ok: true; data: unknown; notes: string[] }
  | { ok: false; problems: Problem[] };

/**
 * Reads a scenario file of any form to raw data (no schema check: a skeleton with TODOs converts).
 * @example await readScenarioSource("ns.yaml") // { ok: true, data, notes }
 */
export async function readScenarioSource(path: string): Promise<ScenarioSource> {
  if (isWorkbookPath(path)) {
    const r = await readWorkbookFile(path);
    return r.ok ? { ok: true, data: r.data, notes: r.notes } : r;
  }
  // Read once, with every check of the scenario reader; the notes come from the same text.
  const read = await readScenarioBytes(path);
  if (!read.ok) return read;
  const text = decodeUtf8(read.bytes);
  if (!text.ok) return { ok: false, problems: [text.problem] };
  const format = formatOf(path);
  const r = parseText(text.text, format);
  if (!r.ok) return r;
  const notes: string[] = [];
  // The comment lines before the first field: an imported skeleton's account of its source.
  if (format === "yaml")
    for (const line of text.text.split(/\r?\n/)) {
      if (!line.startsWith("#")) break;
      notes.push(line.replace(/^# ?/, ""));
    }
  return { ok: true, data: r.data, notes };
}

/**
 * A scenario's raw data as the bytes of a file of a form: YAML under its notes as comments, JSON,
 * or an input workbook with the notes on its About sheet.
 * @example await scenarioFileBytes(data, "xlsx", ["from SEN2"])
 */
export async function scenarioFileBytes(
  data: unknown,
  format: ScenarioFileFormat,
  notes: readonly string[] = [],
): Promise<string | Uint8Array> {
  if (format === "xlsx") return scenarioWorkbook(data, { notes });
  if (format === "json") return `${JSON.stringify(data, null, 2)}\n`;
  return scenarioYaml(data, notes.map((n) => (n === "" ? "#" : `# ${n}`)).join("\n"));
}

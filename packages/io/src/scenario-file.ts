import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { type ParseResult, type Problem, parseScenario, type Scenario, ScenarioError } from "@hnb/model";
import { parseDocument, stringify } from "yaml";
import { jsonErrorOffset } from "./json-position.js";

/** Scenario files larger than this are refused before they are read. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** Aliases allowed in a YAML scenario: enough for shared anchors, far too few for an alias bomb. */
const MAX_ALIASES = 100;

/** A scenario text's format. */
export type ScenarioFormat = "json" | "yaml";

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Parses scenario text (JSON or YAML) to raw data, reporting syntax errors with line and column.
 * @example parseText('{"schema": "hnb-scenario/1"}', "json") // { ok: true, data: { schema: "hnb-scenario/1" } }
 */
export function parseText(
  text: string,
  format: ScenarioFormat,
): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  if (format === "json") {
    try {
      return { ok: true, data: JSON.parse(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const offset = jsonErrorOffset(text);
      const where = offset >= 0 ? lineColumn(text, offset) : "";
      return {
        ok: false,
        problems: [
          {
            path: "(file)",
            message: `invalid JSON${where ? ` at ${where}` : ""}: ${message.replace(/, (\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "")}`,
          },
        ],
      };
    }
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}` : lineColumn(text, e.pos[0]);
        return { path: "(file)", message: `invalid YAML at ${where}: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ path: "(file)", message: `YAML refused: ${message} (at most ${MAX_ALIASES} aliases)` }],
    };
  }
}

/** The format of a scenario file from its name: `.json` is JSON, anything else YAML (a superset of JSON). @example formatOf("a.yml") === "yaml" */
export function formatOf(path: string): ScenarioFormat {
  return extname(path).toLowerCase() === ".json" ? "json" : "yaml";
}

/**
 * Decodes bytes as UTF-8, refusing anything that is not (a latin-1 export would otherwise turn "£" into garbage).
 * @example decodeUtf8(new TextEncoder().encode("£1")) // { ok: true, text: "£1" }
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false, problem: { path: "(file)", message: "is not UTF-8 text (save the file as UTF-8)" } };
  }
}

/**
 * Checks scenario text end to end: syntax, schema and cross-field rules.
 * @example parseScenarioText(text, "yaml") // { ok: true, scenario } or { ok: false, problems }
 */
export function parseScenarioText(text: string, format: ScenarioFormat): ParseResult {
  const raw = parseText(text, format);
  return raw.ok ? parseScenario(raw.data) : raw;
}

/**
 * Reads and checks a scenario file (JSON or YAML, at most 10 MB, UTF-8). Never throws for bad input.
 * @example await readScenarioFile("data/default-scenario.yaml") // { ok: true, scenario }
 */
export async function readScenarioFile(path: string): Promise<ParseResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile())
      return { ok: false, problems: [{ path: "(file)", message: `${path} is not a file` }] };
    if (info.size > MAX_SCENARIO_BYTES) {
      return {
        ok: false,
        problems: [
          {
            path: "(file)",
            message: `${path} is ${(info.size / 1048576).toFixed(1)} MB; scenario files are limited to 10 MB`,
          },
        ],
      };
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problems: [{ path: "(file)", message: `${path} ${why}` }] };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  return parseScenarioText(decoded.text, formatOf(path));
}

/**
 * Reads a scenario file and returns the validated scenario, or throws a ScenarioError listing
 * every problem: for notebooks and scripts, where a thrown error is the clearest stop.
 * @example const scenario = await loadScenarioFile("../data/default-scenario.yaml")
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const r = await readScenarioFile(path);
  if (!r.ok) throw new ScenarioError(r.problems.map((p) => ({ ...p, path: `${path}: ${p.path}` })));
  return r.scenario;
}

/** A scenario (or any plain data) as YAML under a comment header, for files users edit by hand. @example scenarioYaml(skeleton, "# from SEN2") */
export function scenarioYaml(value: unknown, header = ""): string {
  return `${header ? `${header}\n` : ""}${stringify(value, { lineWidth: 120 })}`;
}

import { extname } from "node:path";
import {
  formatPath,
  type ParseResult,
  type Problem,
  parseScenario,
  type Scenario,
  ScenarioError,
} from "@hnb/model";
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type YAMLError,
} from "yaml";
import { jsonErrorOffset } from "./json-position.js";
import { FORBIDDEN_KEYS, readScenarioBytes } from "./scenario-bytes.js";
import { isWorkbookPath, readScenarioWorkbookFile } from "./scenario-xlsx-read.js";

// The checks every scenario file gets before it is parsed, shared with the workbook reader.
export { MAX_SCENARIO_BYTES } from "./scenario-bytes.js";

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

/** Where a value sits in the data, innermost key last; a linked list so deep nesting costs no copies. */
type KeyPath = { up: KeyPath; key: PropertyKey } | null;

/** One mapping's keys as JavaScript will see them (strings), each with the offset where it is written. */
interface KeyedMap {
  path: KeyPath;
  keys: { key: string; offset: number }[];
}

function keyPathArray(path: KeyPath): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (let p = path; p; p = p.up) out.push(p.key);
  return out.reverse();
}

/** "line L, column C" of offsets in a text (as lineColumn), indexing the line starts once for many look-ups. */
function positions(text: string): (offset: number) => string {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return `line ${lo + 1}, column ${offset - (starts[lo] as number) + 1}`;
  };
}

/**
 * The strict-key check, the same for JSON and YAML: two keys in one mapping that become the same
 * JavaScript key (the second would silently replace the first), and keys that are never scenario keys.
 */
function keyProblems(text: string, maps: readonly KeyedMap[]): Problem[] {
  const at = positions(text);
  const found: { offset: number; message: string }[] = [];
  for (const map of maps) {
    const where = map.path ? ` in ${formatPath(keyPathArray(map.path))}` : "";
    const first = new Map<string, number>();
    for (const { key, offset } of map.keys) {
      const name = JSON.stringify(key);
      if (FORBIDDEN_KEYS.has(key)) {
        found.push({
          offset,
          message: `key ${name}${where} at ${at(offset)} is refused: "__proto__", "constructor" and "prototype" are never scenario keys (they can pollute prototypes or be dropped silently)`,
        });
      }
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, offset);
      else {
        found.push({
          offset,
          message: `duplicate key ${name}${where} at ${at(offset)} (first at ${at(earlier)}): a second value would silently replace the first`,
        });
      }
    }
  }
  return found
    .sort((a, b) => a.offset - b.offset)
    .map(({ message }) => ({ code: "bad-file", path: "(file)", message }));
}

/** Every object of a valid JSON text with its keys (decoded) and where each is written. Iterative: any depth. */
function jsonMaps(text: string): KeyedMap[] {
  const maps: KeyedMap[] = [];
  const stack: { map: KeyedMap | null; path: KeyPath; index: number; key: string }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === "{" || c === "[") {
      const path: KeyPath = top ? { up: top.path, key: top.map ? top.key : top.index } : null;
      const map: KeyedMap | null = c === "{" ? { path, keys: [] } : null;
      if (map) maps.push(map);
      stack.push({ map, path, index: 0, key: "" });
      expectKey = map !== null;
    } else if (c === "}" || c === "]") {
      stack.pop();
      expectKey = false;
    } else if (c === ",") {
      if (top?.map) expectKey = true;
      else if (top) top.index++;
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      if (expectKey && top?.map) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        top.key = key;
        top.map.keys.push({ key, offset: start });
        expectKey = false;
      }
    }
  }
  return maps;
}

/** The JavaScript key a YAML map key becomes (as the yaml package's toJS makes it). */
function yamlKey(node: unknown, doc: Document.Parsed): string {
  const target = isAlias(node) ? node.resolve(doc) : node;
  const value = isScalar(target) ? target.value : target;
  return value === null || value === undefined ? "" : String(value);
}

/** Every mapping of a parsed YAML document with its keys as JavaScript keys and where each is written. */
function yamlMaps(doc: Document.Parsed): KeyedMap[] {
  const maps: KeyedMap[] = [];
  const stack: { node: unknown; path: KeyPath }[] = [{ node: doc.contents, path: null }];
  const offsetOf = (node: unknown): number | undefined =>
    isScalar(node) || isAlias(node) || isMap(node) || isSeq(node) ? node.range?.[0] : undefined;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, path } = item;
    // A pair alone in a flow sequence (`[a: 1]`) is a one-key mapping.
    const pairs = isMap(node) ? node.items : isPair(node) ? [node] : undefined;
    if (pairs) {
      const map: KeyedMap = { path, keys: [] };
      maps.push(map);
      for (const pair of pairs) {
        const key = yamlKey(pair.key, doc);
        const offset = offsetOf(pair.key) ?? offsetOf(pair.value) ?? offsetOf(node) ?? 0;
        map.keys.push({ key, offset });
        stack.push({ node: pair.value, path: { up: path, key } });
      }
    } else if (isSeq(node)) {
      node.items.forEach((child, index) => {
        stack.push({ node: child, path: { up: path, key: index } });
      });
    }
  }
  return maps;
}

/**
 * Parses scenario text (JSON or YAML) to raw data, reporting syntax errors with line and column, and
 * refusing (also with line and column) duplicate keys and the keys __proto__, constructor and prototype.
 * @example parseText('{"schema": "hnb-scenario/1"}', "json") // { ok: true, data: { schema: "hnb-scenario/1" } }
 */
export function parseText(
  text: string,
  format: ScenarioFormat,
): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const offset = jsonErrorOffset(text);
      const where = offset >= 0 ? lineColumn(text, offset) : "";
      return {
        ok: false,
        problems: [
          {
            code: "bad-file",
            path: "(file)",
            message: `invalid JSON${where ? ` at ${where}` : ""}: ${message.replace(/, (\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "")}`,
          },
        ],
      };
    }
    const problems = keyProblems(text, jsonMaps(text));
    return problems.length ? { ok: false, problems } : { ok: true, data };
  }
  // Duplicate keys are left to keyProblems, which names them (the parser's own message does not).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  // A tag the parser does not know (`!custom 400`) is a warning to it and a silently ignored
  // assumption to us: refused like an error.
  const found = [...doc.errors, ...doc.warnings];
  if (found.length) {
    const messages = [
      ...new Set(
        found.map((e) => {
          const pos = e.linePos?.[0];
          const where = pos ? `line ${pos.line}, column ${pos.col}` : lineColumn(text, e.pos[0]);
          return `invalid YAML at ${where}: ${yamlMessage(e)}`;
        }),
      ),
    ];
    // One mistake can make the parser report hundreds (an unclosed bracket nested deep): the first few say where.
    const shown = messages.slice(0, MAX_YAML_ERRORS);
    if (messages.length > shown.length)
      shown.push(`… and ${messages.length - shown.length} more YAML errors after these`);
    return { ok: false, problems: shown.map((message) => ({ code: "bad-file", path: "(file)", message })) };
  }
  const problems = keyProblems(text, yamlMaps(doc));
  if (problems.length) return { ok: false, problems };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          code: "bad-file",
          path: "(file)",
          message: `YAML refused: ${message} (at most ${MAX_ALIASES} aliases)`,
        },
      ],
    };
  }
}

// The YAML errors listed before the rest are counted.
const MAX_YAML_ERRORS = 5;

// The YAML parser's errors a scenario's author could not act on, said in their terms (by the
// parser's own error code; its RESOURCE_EXHAUSTION is a stack overflow on deep nesting).
function yamlMessage(e: YAMLError): string {
  const message = e.message.split("\n")[0] ?? "";
  if (e.code === "RESOURCE_EXHAUSTION")
    return "brackets or indentation nest too deeply to read (a scenario nests a few levels)";
  if (e.code === "MULTIPLE_DOCS")
    return "the file holds more than one YAML document (a second `---`): a scenario is one document";
  if (e.code === "TAG_RESOLVE_FAILED")
    return `${message}: YAML tags (\`!name\`) are not used in scenario files`;
  return message;
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
    return {
      ok: false,
      problem: { code: "bad-file", path: "(file)", message: "is not UTF-8 text (save the file as UTF-8)" },
    };
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
 * Reads and checks a scenario file (JSON, YAML or an .xlsx input workbook, at most 10 MB). Never throws for bad input.
 * @example await readScenarioFile("data/default-scenario.yaml") // { ok: true, scenario }
 */
export async function readScenarioFile(path: string): Promise<ParseResult> {
  // A workbook's problems name their sheet and cell (scenario-xlsx-read.ts).
  if (isWorkbookPath(path)) return readScenarioWorkbookFile(path);
  const read = await readDataFile(path);
  return read.ok ? parseScenario(read.data) : read;
}

/**
 * Reads a JSON or YAML data file (a scenario, a monitoring file) with every check of the scenario
 * reader: a file, at most 10 MB, UTF-8, strict keys, syntax errors with line and column.
 * @example await readDataFile("data/monitoring-q2.yaml") // { ok: true, data } or { ok: false, problems }
 */
export async function readDataFile(
  path: string,
): Promise<{ ok: true; data: unknown } | { ok: false; problems: Problem[] }> {
  const read = await readScenarioBytes(path);
  if (!read.ok) return read;
  const decoded = decodeUtf8(read.bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  return parseText(decoded.text, formatOf(path));
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
export function scenarioYaml(value: unknown, header = "", options: { lineWidth?: number } = {}): string {
  // The header quotes the statistics (an authority's name): every line of it, however the text
  // breaks (YAML 1.1 readers also break at U+0085, U+2028 and U+2029), stays a comment.
  const comment = header
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => (line.startsWith("#") ? line : `# ${line}`))
    .join("\n");
  // lineWidth 0 keeps each text on its own line (a skeleton's TODOs: one line to replace each).
  return `${header ? `${comment}\n` : ""}${stringify(value, { lineWidth: options.lineWidth ?? 120 })}`;
}

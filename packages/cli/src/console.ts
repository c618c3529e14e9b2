import { parseArgs } from "node:util";
import { didYouMean, firstUnsafe } from "@hnb/model";

/** Where a command writes: injected so tests capture output and the commands stay free of globals. */
export interface Console {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars only draw there). */
  errIsTTY: boolean;
}

/** The process's own console. @example processConsole().out("hello\n") */
export function processConsole(): Console {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTTY: process.stderr.isTTY === true,
  };
}

/** Exit codes: 0 success, 1 bad input (scenario or file), 2 bad usage, 70 an internal error. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, internal: 70 } as const;

/** A usage error: bad flags or arguments. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Parses a command's arguments strictly (unknown flags are errors); any problem becomes a UsageError carrying the usage line. @example parseCommand(args, { json: { type: "boolean" } }, USAGE).values.json */
export function parseCommand<const O extends Record<string, { type: "string" | "boolean" }>>(
  args: readonly string[],
  options: O,
  usage: string,
): { values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string }; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options, tokens: true });
  } catch (error) {
    throw new UsageError(
      `${unknownOption(error, Object.keys(options)) ?? (error as Error).message}\n${usage}`,
    );
  }
  // parseArgs keeps the last of a repeated option; which one the user meant is theirs to say. An
  // empty value (--out "") is no value: it would otherwise mean the current folder.
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name))
      throw new UsageError(`--${token.name} is given more than once: give it once\n${usage}`);
    seen.add(token.name);
    if (token.value !== undefined && token.value.trim() === "")
      throw new UsageError(`--${token.name} is empty: give it a value\n${usage}`);
  }
  return {
    values: parsed.values as { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string },
    positionals: parsed.positionals,
  };
}

/** Whether text holds control, bidirectional or invisible format characters (they would reach the screen and the files written). @example hasControlCharacters("a\u001b[31m") === true */
export function hasControlCharacters(text: string): boolean {
  return firstUnsafe(text) >= 0;
}

// A did-you-mean for parseArgs's unknown-option error; undefined when no option is close, as Node's
// own message (with its hint about `--` for a positional starting with a dash) then says more.
function unknownOption(error: unknown, known: readonly string[]): string | undefined {
  if ((error as { code?: unknown } | undefined)?.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return undefined;
  // Node names the option only in its message: "Unknown option '--path'. To specify ...".
  const given = /^Unknown option '(--[^'=]+)'/.exec((error as Error).message)?.[1];
  const hint = given === undefined ? "" : didYouMean(given.slice(2), known, (o) => `--${o}`);
  return hint === "" ? undefined : `unknown option ${given}${hint}`;
}

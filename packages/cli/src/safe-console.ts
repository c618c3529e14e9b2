import { escapeUnsafe } from "@hnb/model";
import type { Console } from "./console.js";

/**
 * Text as it may reach a terminal: every control, bidirectional or invisible format character
 * written as a visible \uXXXX escape (text-safety.ts in the model), line feeds kept. A carriage
 * return is kept only where it opens or closes the chunk, as the progress bar draws; one inside
 * would let a string overwrite what was printed before it.
 * @example terminalSafe("no such file x\u001b[2J.yaml\n") === "no such file x\\u001b[2J.yaml\n"
 */
export function terminalSafe(text: string): string {
  const open = text.startsWith("\r") ? "\r" : "";
  const body = text.slice(open.length);
  const close = body.endsWith("\r") ? "\r" : "";
  const middle = body.slice(0, body.length - close.length);
  return `${open}${escapeUnsafe(middle, { lineBreaks: true }).replace(/\r/g, "\\u000d")}${close}`;
}

/**
 * The console every command writes through: whatever user text a message or report quotes (a key,
 * a path, a name from a file), nothing it prints can move the cursor, recolour, retitle or clear a
 * terminal, forge a line or reorder text. JSON stays valid (an escape is the same string).
 * @example const io = safeConsole(processConsole())
 */
export function safeConsole(io: Console): Console {
  return {
    errIsTTY: io.errIsTTY,
    out: (text) => io.out(terminalSafe(text)),
    err: (text) => io.err(terminalSafe(text)),
  };
}

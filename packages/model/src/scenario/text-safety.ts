// The one definition of the characters user text may not carry to a terminal or into a file: control
// characters (escape sequences reconfigure terminals; a line break forges a line) and the invisible
// format characters that reorder or hide text (bidi overrides and isolates, zero-width marks, line
// and paragraph separators, the BOM). Readers refuse them; the command line escapes any that reach it.

/**
 * Whether a UTF-16 code unit is unsafe in user text: C0 controls but tab (and, with `lineBreaks`,
 * line feed and carriage return), DEL, C1 controls, U+061C, U+200B–U+200F, U+2028–U+202E, U+2060–U+2069, U+FEFF.
 * @example isUnsafeCode(0x1b) === true
 */
export function isUnsafeCode(code: number, options: { lineBreaks?: boolean } = {}): boolean {
  return (
    (code < 0x20 && code !== 0x09 && !(options.lineBreaks === true && (code === 0x0a || code === 0x0d))) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/**
 * The index of the first unsafe character in `text` (see {@link isUnsafeCode}), or -1.
 * @example firstUnsafe("a\u202eb") === 1
 */
export function firstUnsafe(text: string, options: { lineBreaks?: boolean } = {}): number {
  for (let i = 0; i < text.length; i++) if (isUnsafeCode(text.charCodeAt(i), options)) return i;
  return -1;
}

/**
 * What an unsafe character is, for a message: "a line break (U+000A)", "a bidirectional control (U+202E)".
 * @example describeUnsafe(0x1b) === "a control character (U+001B)"
 */
export function describeUnsafe(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029)
    return `a line break (${hex})`;
  if (code === 0x061c || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e))
    return `a bidirectional control (${hex})`;
  if (code >= 0x2066 && code <= 0x2069) return `a bidirectional control (${hex})`;
  if (code >= 0x200b || code === 0xfeff) return `an invisible format character (${hex})`;
  return `a control character (${hex})`;
}

/**
 * The text with every unsafe character written as a visible \uXXXX escape (line feeds and carriage
 * returns kept with `lineBreaks`), so user text can be echoed without forging lines or reordering what surrounds it.
 * @example escapeUnsafe("a\u001b[31mb") === "a\\u001b[31mb"
 */
export function escapeUnsafe(text: string, options: { lineBreaks?: boolean } = {}): string {
  if (firstUnsafe(text, options) < 0) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += isUnsafeCode(code, options) ? `\\u${code.toString(16).padStart(4, "0")}` : (text[i] as string);
  }
  return out;
}

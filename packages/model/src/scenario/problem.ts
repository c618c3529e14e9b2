import type { z } from "zod";

/**
 * What kind of thing is wrong with an input field. A small, stable set: callers branch on the code,
 * never on a message's wording (messages are for people and may be reworded).
 */
export const PROBLEM_CODES = [
  /** A field that must be given is missing. */
  "required",
  /** A value of the wrong kind: text where a number goes, a list where a map goes. */
  "wrong-type",
  /** A field the schema does not know (often a misspelling; the message suggests one). */
  "unknown-key",
  /** A number outside its bounds, or a list shorter or longer than allowed. */
  "out-of-range",
  /** A "TODO: …" placeholder left by `hnb import` for an input the statistics cannot know. */
  "not-filled-in",
  /** A value of the right kind that is not allowed: a bad formula, id, date, label or choice. */
  "bad-value",
  /** An id used twice where ids must be unique. */
  "duplicate",
  /** An id or year naming something that does not exist (a placement, a line, a forecast year). */
  "bad-reference",
  /** Fields that are each valid but disagree with each other (shares not adding up to 1, …). */
  "cross-field",
  /** Growth or a rate to be estimated from history that has too little of it. */
  "not-enough-history",
  /** The file itself: too large, not UTF-8, not JSON or YAML. */
  "bad-file",
] as const;

/** A problem's kind: one of {@link PROBLEM_CODES}. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Whether a value is one of the {@link PROBLEM_CODES}. @example isProblemCode("required") === true */
export function isProblemCode(value: unknown): value is ProblemCode {
  return (PROBLEM_CODES as readonly unknown[]).includes(value);
}

/**
 * A zod issue's kind as a problem code: the schema's own checks name theirs (schema.ts, `params.code`).
 * @example issueCode({ code: "too_small", origin: "number", minimum: 1, input: 0, path: [], message: "" }) === "out-of-range"
 */
export function issueCode(issue: z.core.$ZodIssue): ProblemCode {
  if (issue.code === "custom") {
    const code = (issue.params as { code?: unknown } | undefined)?.code;
    return isProblemCode(code) ? code : "bad-value";
  }
  if (issue.code === "too_big" || issue.code === "too_small") return "out-of-range";
  // A union of kinds (a number or a formula) that got nothing at all was not given.
  if (issue.code === "invalid_union") return issue.input === undefined ? "required" : "wrong-type";
  return "bad-value";
}

/** One thing wrong with an input: its kind, the field's path (e.g. `placements[2].unitCost`) and what was wrong. */
export interface Problem {
  code: ProblemCode;
  path: string;
  message: string;
}

/** Formats a path as a reader writes it. @example formatPath(["placements", 2, "unitCost"]) === "placements[2].unitCost" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `["${String(key)}"]`;
  }
  return out || "(scenario)";
}

/**
 * What went wrong, for an {@link HnbError}; the CLI maps each to an exit status in one place
 * (packages/cli/src/exit.ts).
 */
export const ERROR_CODES = [
  /** Bad flags or arguments on the command line. */
  "usage",
  /** A scenario that fails validation (the problems say where). */
  "invalid-scenario",
  /** A demand section that cannot be normalised (validation reports it as a problem). */
  "invalid-demand",
  /** Input the demand kernel refuses: validation lets none through, so one reaching a command is a bug. */
  "demand-input-refused",
  /** A growth method given too little history: validation and the backtest catch it, so one reaching a command is a bug. */
  "not-enough-history",
  /** Scenarios that cannot be compared. */
  "cannot-compare",
  /** An input that is not a regular file (a folder, FIFO, device) or is too large to read. */
  "not-a-regular-file",
  /** A file that cannot be read as DfE SEN2 statistics. */
  "bad-sen2-file",
  /** A pack (an output folder) that cannot be written or replaced. */
  "cannot-write",
  /** A pack folder that holds a file the same run reads: a usage error (choose another --out). */
  "pack-holds-input",
  /** A formula the evaluator refuses (the formula reader turns it into a problem). */
  "bad-formula",
] as const;

/** An {@link HnbError}'s kind: one of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one base class of the tool's own errors: a code the CLI maps to an exit status, the message
 * a user reads, and, where the error is about input fields, every problem found.
 * @example new HnbError("cannot-compare", "give at least two scenarios").code === "cannot-compare"
 */
export class HnbError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "HnbError";
  }
}

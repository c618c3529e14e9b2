import { type ErrorCode, HnbError } from "@hnb/model";
import { EXIT } from "./console.js";

/**
 * The one map from an error's code to the exit status: 1 for input the user can correct (a
 * scenario, a file, an output folder), 2 for bad usage, 70 for errors that validated input never
 * reaches (one reaching a command is a bug in the tool, not in the input).
 */
export const EXIT_STATUS: Readonly<Record<ErrorCode, number>> = {
  usage: EXIT.usage,
  "invalid-scenario": EXIT.badInput,
  "invalid-demand": EXIT.badInput,
  "cannot-compare": EXIT.badInput,
  "bad-sen2-file": EXIT.badInput,
  "not-a-regular-file": EXIT.badInput,
  "cannot-write": EXIT.badInput,
  "pack-holds-input": EXIT.usage,
  "bad-formula": EXIT.badInput,
  "demand-input-refused": EXIT.internal,
  "not-enough-history": EXIT.internal,
};

/**
 * The exit status for an error a command threw: by its code for the tool's own errors, bad input for
 * an operating-system error the user can act on (`isFileError`), otherwise internal.
 * @example exitStatus(new HnbError("cannot-compare", "x"), () => false) === 1
 */
export function exitStatus(error: unknown, isFileError: (error: unknown) => boolean): number {
  if (error instanceof HnbError) return EXIT_STATUS[error.code];
  return isFileError(error) ? EXIT.badInput : EXIT.internal;
}

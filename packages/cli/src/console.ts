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

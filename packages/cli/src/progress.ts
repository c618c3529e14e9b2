import type { Console } from "./console.js";

/** A progress reporter: draws a bar on stderr when it is a terminal and not --quiet, else stays silent. */
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const WIDTH = 28;

/** A progress bar for long work (charts, uncertainty paths, all-authority backtests). @example const p = progress(io, "rendering charts", quiet); p.update(3, 9); p.finish() */
export function progress(io: Console, label: string, quiet: boolean): Progress {
  if (quiet || !io.errIsTTY) return { update: () => {}, finish: () => {} };
  let drawn = false;
  let last = -1;
  return {
    update(done, total) {
      const filled = total > 0 ? Math.round((WIDTH * done) / total) : WIDTH;
      // Redraw only when the bar moves: thousands of paths must not mean thousands of writes.
      if (filled === last && done !== total) return;
      last = filled;
      drawn = true;
      io.err(`\r${label} [${"#".repeat(filled)}${" ".repeat(WIDTH - filled)}] ${done}/${total}`);
    },
    finish() {
      if (drawn) io.err(`\r${" ".repeat(label.length + WIDTH + 24)}\r`);
    },
  };
}

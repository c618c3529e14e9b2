import type { Console } from "@hnb/cli";

/** A console that keeps what a command prints, for assertions. */
export function capture(): Console & { stdout: string; stderr: string } {
  const c = {
    stdout: "",
    stderr: "",
    errIsTTY: false,
    out: (t: string) => {
      c.stdout += t;
    },
    err: (t: string) => {
      c.stderr += t;
    },
  };
  return c;
}

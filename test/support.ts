import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Console, main } from "@hnb/cli";

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

/** What a command did: its exit code, stdout and stderr. */
export interface Outcome {
  code: number;
  out: string;
  err: string;
}

/** Runs a command in-process: exit code, stdout, stderr. */
export async function run(args: string[]): Promise<Outcome> {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

const scratchDirs: string[] = [];

/** Removes every folder `scratch` made (test/setup.ts runs it after each test file). */
export function removeScratch(): void {
  for (const d of scratchDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A fresh temporary folder, removed when the tests finish. */
export function scratch(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(d);
  return d;
}

/** `hnb goal-seek` of the default scenario's Schools Block transfer rate that balances 2022-23: the call the CLI tests start from. */
export const SEEK_TRANSFER = [
  "goal-seek",
  "data/default-scenario.yaml",
  ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23"],
];

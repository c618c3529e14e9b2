// What both adversarial rounds check a command with: an input file in a fresh folder, and a clean refusal.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { type Outcome, scratch } from "../support.js";

/** A file of `text` in a fresh folder (or in `dir`). @example scratchFile("schema: hnb-scenario/1\n") */
export function scratchFile(text: string, name = "s.yaml", dir = scratch("hnb-adv-")): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A refusal: the exit code, a message saying each of `says`, no stack trace, nothing on stdout. @example refused(await run(["forecast"]), 2, /missing/) */
export function refused(r: Outcome, code: number, ...says: (string | RegExp)[]): void {
  expect(r.code).toBe(code);
  for (const s of says) expect(r.err).toMatch(s);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).toBe("");
}

import type { Problem } from "@hnb/model";
import { type Console, EXIT } from "./console.js";

/** Prints one line per problem, naming the file and the field path, and returns the bad-input exit code. @example reportProblems("a.yaml", problems, io) === 1 */
export function reportProblems(file: string, problems: readonly Problem[], io: Console): number {
  for (const p of problems) io.err(`${file}: ${p.path}: ${p.message}\n`);
  io.err(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written.\n`);
  return EXIT.badInput;
}

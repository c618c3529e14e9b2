import type { Problem } from "@hnb/model";
import { type Console, EXIT } from "./console.js";

/** Prints one line per problem, naming the file and the field path, and returns the bad-input exit code. @example reportProblems("a.yaml", problems, io) === 1 */
export function reportProblems(file: string, problems: readonly Problem[], io: Console): number {
  for (const p of problems) io.err(`${file}: ${p.path}: ${p.message}\n`);
  const todo = problems.every((p) => p.code === "not-filled-in");
  io.err(
    todo
      ? `${file}: ${problems.length} input${problems.length === 1 ? "" : "s"} still to fill in (marked TODO); nothing was forecast or written.\n`
      : `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written.\n`,
  );
  return EXIT.badInput;
}

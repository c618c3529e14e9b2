// The exit status of every error a command can let through comes from one map (src/exit.ts): by
// the error's code, never by its class or its message.
import { PackError, PackInputError, Sen2FileError } from "@hnb/io";
import { ComparisonError, DemandInputError, ERROR_CODES, NotEnoughHistory, ScenarioError } from "@hnb/model";
import { describe, expect, test } from "vitest";
import { EXIT, UsageError } from "../src/console.js";
import { EXIT_STATUS, exitStatus } from "../src/exit.js";
import { ioProblem } from "../src/main.js";

const isFileError = (e: unknown) => ioProblem(e) !== undefined;

describe("exit status", () => {
  test("every error code has a status, and only 1, 2 or 70", () => {
    expect(Object.keys(EXIT_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    for (const status of Object.values(EXIT_STATUS))
      expect([EXIT.badInput, EXIT.usage, EXIT.internal]).toContain(status);
  });

  test("each error class maps by its code", () => {
    const cases: [unknown, number][] = [
      [new UsageError("missing the scenario file"), EXIT.usage],
      [new ScenarioError([{ code: "required", path: "horizon", message: "is required" }]), EXIT.badInput],
      [new ComparisonError("give two scenarios"), EXIT.badInput],
      [new Sen2FileError("caseload.csv: line 3: not a count"), EXIT.badInput],
      [new PackError("could not write out"), EXIT.badInput],
      // A pack folder holding the run's own input is a usage error: choose another --out.
      [new PackInputError("--out pack holds the scenario file"), EXIT.usage],
      // Validated input never reaches these: one reaching a command is the tool's bug.
      [new NotEnoughHistory("not enough history"), EXIT.internal],
      [new DemandInputError("stock is -1"), EXIT.internal],
      [
        Object.assign(new Error("EACCES: permission denied"), { code: "EACCES", path: "/out" }),
        EXIT.badInput,
      ],
      [new TypeError("x is undefined"), EXIT.internal],
      ["a string", EXIT.internal],
    ];
    for (const [error, status] of cases) expect(exitStatus(error, isFileError), String(error)).toBe(status);
  });
});

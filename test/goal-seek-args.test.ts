import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { capture, scratch } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";

// Runs `hnb goal-seek DEFAULT ...args` and returns the exit code with what was printed.
async function goalSeek(...args: string[]) {
  const io = capture();
  const code = await main(["goal-seek", DEFAULT, ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// A refusal: the exit code, nothing on stdout, one message on stderr and no stack trace.
function expectRefused(r: { code: number; stdout: string; stderr: string }, code: number) {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toBe("");
  expect(r.stderr).not.toContain("\n    at ");
  expect(r.stderr).not.toMatch(/failed:|is not iterable|undefined/);
}

describe("hnb goal-seek refuses nonsense arguments", () => {
  test("--min above --max is a usage error naming both flags", async () => {
    const r = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23"],
      ...["--min", "5", "--max", "1"],
    );
    expectRefused(r, 2);
    expect(r.stderr).toContain("--min 5 is above --max 1");
    // One bound given, the other the default: still compared, and the default named.
    const half = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23", "--min", "0.3"],
    );
    expectRefused(half, 2);
    expect(half.stderr).toContain("--min 0.3 is above the default --max of transferRate (0.05)");
  });

  test("a bound outside the parameter's valid range is a usage error naming the flag, value and range", async () => {
    const r = await goalSeek(
      ...["--lever", "dbv-grant", "--parameter", "confidence", "--target", "2027-28", "--max", "50"],
    );
    expectRefused(r, 2);
    expect(r.stderr).toContain("--max 50: confidence must be between 0 and 1 (got 50)");
    expect(r.stderr).not.toContain("%");
    const change = await goalSeek(
      ...["--lever", "banding", "--parameter", "change", "--target", "2027-28", "--min=-1"],
    );
    expectRefused(change, 2);
    expect(change.stderr).toContain("--min -1: change must be a finite rate above -1 (got -1)");
  });

  test("non-finite and overflowing bounds are refused; no Infinity or NaN answer", async () => {
    const infinite = await goalSeek(
      ...["--lever", "early-intervention", "--parameter", "reduction", "--target", "2027-28"],
      ...["--max", "1e999"],
    );
    expectRefused(infinite, 2);
    expect(infinite.stderr).toContain('--max must be a finite number, got "1e999"');
    const rate = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23", "--max", "1e308"],
    );
    expectRefused(rate, 2);
    expect(rate.stderr).toContain("--max 1e308: transferRate must be a rate between 0 and 1");
    const moves = await goalSeek(
      ...["--lever", "specialist-places", "--parameter", "movesPerYear", "--target", "2027-28"],
      ...["--max", "1e308"],
    );
    expectRefused(moves, 2);
    expect(moves.stderr).toContain("--max 1e308: at movesPerYear 1e+308 the scenario is not valid");
    for (const r of [infinite, rate, moves]) expect(r.stderr).not.toMatch(/Infinity%|£NaN/);
  });

  test("an unknown parameter, prototype names included, is a usage error listing the lever's parameters", async () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const r = await goalSeek(
        ...["--lever", "early-intervention", "--parameter", name, "--target", "2027-28"],
      );
      expectRefused(r, 2);
      expect(r.stderr).toContain(
        `--parameter: unknown parameter "${name}": a growthReduction lever takes reduction, confidence`,
      );
    }
    const typo = await goalSeek(
      ...["--lever", "early-intervention", "--parameter", "reductoin", "--target", "2027-28"],
    );
    expectRefused(typo, 2);
    expect(typo.stderr).toContain('did you mean "reduction"?');
  });

  test("no such lever or FY is bad input on stderr as FILE: message, with a did-you-mean", async () => {
    const lever = await goalSeek(
      ...["--lever", "early-interventon", "--parameter", "reduction", "--target", "2027-28"],
    );
    expectRefused(lever, 1);
    expect(lever.stderr).toBe(
      `${DEFAULT}: --lever: no lever "early-interventon" in the scenario; did you mean "early-intervention"?\n`,
    );
    const fy = await goalSeek(
      ...["--lever", "early-intervention", "--parameter", "reduction", "--target", "2027-2"],
    );
    expectRefused(fy, 1);
    expect(fy.stderr).toBe(
      `${DEFAULT}: --target: 2027-2 is not a reported financial year of the scenario (2021-22 to 2027-28); did you mean "2027-28"?\n`,
    );
  });

  test("a valid goal seek still answers", async () => {
    const r = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23", "--json"],
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const answer = JSON.parse(r.stdout);
    expect(answer).toMatchObject({ ok: true, parameter: "transferRate", range: [0, 0.05] });
    expect(answer.inYear).toBeGreaterThanOrEqual(0);
    expect(answer.inYear).toBeLessThan(1);
    expect(Number.isFinite(answer.value)).toBe(true);
    expect(answer.value).toBeGreaterThan(0);
    expect(answer.value).toBeLessThanOrEqual(0.05);
  });
});

describe("hnb goal-seek says what its answer means", () => {
  test("a lever that cannot reach the year, a range past what the scenario accepts, the default range", async () => {
    const untouched = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2026-27"],
    );
    expect(untouched.stdout).toContain(
      'transfer: lever "transfer" does not change the 2026-27 in-year balance',
    );
    // Special schools' growth −30%: a reduction of 1 would take it to −130%, which forecast refuses.
    const file = join(scratch("hnb-gs-"), "neg.yaml");
    writeFileSync(
      file,
      `schema: hnb-scenario/1
name: Shrinking
baseYear: 2025
horizon: 2
openingBalance: 0
placements:
  - { id: special, label: Special, category: MdSSA, count: 1000, unitCost: 20000, growth: -0.3 }
income:
  hnb: { amount: 10000000 }
mitigations:
  - { id: gr, type: growthReduction, placements: [special], reduction: 0.01, from: 2026 }
`,
    );
    const io = capture();
    await main(
      ["goal-seek", file, "--lever", "gr", "--parameter", "reduction", "--target", "2026-27", "--max", "1"],
      io,
    );
    expect(io.stderr).toContain(
      "--max 1: at reduction 1 the scenario is not valid (placements[0].growth: growth in 2026 after growth reductions would be -130.0%",
    );
    const short = await goalSeek(...["--lever", "banding", "--parameter", "change", "--target", "2027-28"]);
    expect(short.stdout).toContain(
      "(the default range; --min and --max search further: the parameter takes a finite rate above -1)",
    );
  });
});

describe("hnb goal-seek puts its answer in the terms the paper needs", () => {
  test("a growth reduction at the lever's confidence and ramp; a transfer rate with its approval route", async () => {
    // early-intervention: confidence 0.7, 2-year ramp from 2024; the answer 37.38 points is 26.17 points
    // off the growth rate once ramped in (0.3738 × 0.7 = 0.2617).
    const r = await goalSeek(
      ...["--lever", "early-intervention", "--parameter", "reduction", "--target", "2025-26"],
    );
    expect(r.stdout).toContain(
      "The lever applies it at its 70% confidence, ramping in over 2 years from 2024: 26.17 points off the growth rate once ramped in.",
    );
    const t = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23"],
    );
    expect(t.stdout).toContain(
      "That is 4.14% of the Schools Block with the year's other movements, above the 0.5% Schools Forum limit: it needs a disapplication request to the Secretary of State.",
    );
    const json = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23", "--json"],
    );
    expect(JSON.parse(json.stdout).approval).toMatchObject({ needs: "disapplication" });
    // A shortfall is a deficit in brackets, as the ledgers write it.
    const short = await goalSeek(
      ...["--lever", "transfer", "--parameter", "transferRate", "--target", "2022-23", "--max", "0.004"],
    );
    expect(short.stdout).toContain("at 0.004 the in-year balance is still £(11,163,201)");
  });
});

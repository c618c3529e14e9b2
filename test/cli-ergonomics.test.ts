// The command line's manners: --help and --version everywhere, did-you-mean for typos, the usage
// line with every usage error, and deficits in brackets in what validate prints.
import { readFileSync } from "node:fs";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { pounds, poundsThousands, textTable } from "../packages/cli/src/table.js";
import { capture, SEEK_TRANSFER } from "./support.js";

const DEFAULT = "data/default-scenario.yaml";

async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// The commands as the overview lists them, so a command added to main.ts's table is checked here too.
async function commands(): Promise<string[]> {
  const { stdout } = await run("help");
  const list = stdout.split("commands:\n")[1]?.split("\n\n")[0] ?? "";
  return list
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0] ?? "")
    .filter((name) => name !== "" && name !== "help" && name !== "version");
}

describe("--help", () => {
  test("the overview lists every command, on stdout for --help, -h and help, on stderr for a bare hnb", async () => {
    const names = await commands();
    expect(names).toEqual(
      expect.arrayContaining(["validate", "forecast", "goal-seek", "import", "backtest"]),
    );
    for (const flag of ["--help", "-h", "help"]) {
      const r = await run(flag);
      expect(r).toMatchObject({ code: 0, stderr: "" });
      for (const name of [...names, "help", "version"])
        expect(r.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    const bare = await run();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toContain("commands:\n  validate ");
  });

  test("every command answers --help and -h with its own usage on stdout, exit 0, not a parser error", async () => {
    for (const name of await commands()) {
      const help = await run(name, "--help");
      expect(help.code, name).toBe(0);
      expect(help.stderr).toBe("");
      expect(help.stdout).toMatch(new RegExp(`^usage: hnb ${name} `));
      // Wherever the flag sits, and as `hnb help NAME`.
      expect(await run(name, "x.yaml", "-h")).toEqual(help);
      expect(await run("help", name)).toEqual(help);
    }
    const forecast = await run("forecast", "--help");
    expect(forecast.stdout).toContain("--paths N");
    expect(forecast.stdout).not.toMatch(/Unknown option/i);
  });

  test("after --, --help is a file name, not a request for help", async () => {
    const r = await run("validate", "--", "--help");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
  });
});

describe("--version", () => {
  test("prints the version in packages/cli/package.json", async () => {
    const { version } = JSON.parse(readFileSync("packages/cli/package.json", "utf8")) as { version: string };
    for (const argv of [["--version"], ["version"]]) {
      expect(await run(...argv)).toEqual({ code: 0, stdout: `hnb ${version}\n`, stderr: "" });
    }
  });
});

describe("did you mean", () => {
  test("an unknown command names the closest one and lists them all, exit 2", async () => {
    const r = await run("forcast");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe('hnb: unknown command "forcast" (did you mean "forecast"?)');
    for (const name of await commands()) expect(r.stderr).toMatch(new RegExp(`^  ${name} `, "m"));
    const far = await run("frobnicate");
    expect(far.code).toBe(2);
    expect(far.stderr.split("\n")[0]).toBe('hnb: unknown command "frobnicate"');
    expect((await run("help", "forcast")).stderr).toContain('(did you mean "forecast"?)');
    // Object's own property names are not commands.
    for (const name of ["constructor", "toString", "__proto__"]) {
      expect((await run(name)).code).toBe(2);
      expect((await run("help", name)).code).toBe(2);
    }
  });

  test("an unknown option names the closest known one, with the usage line, exit 2", async () => {
    const r = await run("forecast", "x.yaml", "--path", "100");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "hnb forecast: unknown option --path (did you mean --paths?)\nusage: hnb forecast FILE [--json] [--out DIR] [--paths N] [--seed S] [--source TEXT] [--wording FILE] [--quiet]\n",
    );
    expect((await run("forecast", "x.yaml", "--paths=5", "--sed=3")).stderr).toContain(
      "unknown option --sed (did you mean --seed?)",
    );
    expect((await run("goal-seek", DEFAULT, "--levr", "transfer")).stderr).toContain(
      "unknown option --levr (did you mean --lever?)",
    );
    expect((await run("import", "dir", "--authorty", "Bristol")).stderr).toContain(
      "unknown option --authorty (did you mean --authority?)",
    );
    expect((await run("backtest", "dir", "--holdot", "2019")).stderr).toContain(
      "unknown option --holdot (did you mean --holdout?)",
    );
  });
});

describe("usage errors", () => {
  // The usage line a command's --help shows (the first line), which must be the one its errors show.
  const usageOf = async (name: string) => (await run(name, "--help")).stdout.split("\n")[0] ?? "";

  test("every command refuses an unknown option with exit 2 and exactly its usage line", async () => {
    for (const name of await commands()) {
      const r = await run(name, "--no-such-option");
      expect(r.code, name).toBe(2);
      expect(r.stdout).toBe("");
      const usage = r.stderr.split("\n").filter((line) => line.startsWith("usage:"));
      // One usage line, the same as --help's: main.ts's table and the command's own USAGE agree.
      expect(usage, name).toEqual([await usageOf(name)]);
    }
  });

  test.each([
    [["validate"], "missing the scenario file"],
    [["validate", "a.yaml", "b.yaml"], "expected one scenario file"],
    [["forecast"], "missing the scenario file"],
    [["goal-seek", DEFAULT], "FILE, --lever, --parameter and --target are required"],
    [[...SEEK_TRANSFER, "--min", "x"], '--min must be a finite number, got "x"'],
    [[...SEEK_TRANSFER, "--min", "5", "--max", "1"], "--min 5 is above --max 1"],
    [["import"], "expected one folder of DfE SEN2 statistics"],
    [["import", "dir"], "--authority is required"],
    [["backtest", "dir", "--level", "all"], '--level must be "total" or "placement"'],
    [["forecast", DEFAULT, "--out"], "argument missing"],
    // The last of a repeated flag would win, silently; an empty --out would mean the current folder.
    [
      ["forecast", DEFAULT, "--paths", "10", "--paths", "20"],
      "--paths is given more than once: give it once",
    ],
    [["forecast", DEFAULT, "--out", ""], "--out is empty: give it a value"],
    [["forecast", DEFAULT, "--seed", "7"], "--seed sets the simulation's seed and needs --paths N"],
    [["compare", DEFAULT, "data/best-case.yaml", "--names", "a,a"], '--names gives "a" twice'],
    [["compare", DEFAULT, "data/best-case.yaml", "--names", ","], "--names gives 0 names for 2 scenarios"],
    [
      ["compare", DEFAULT, "data/best-case.yaml", "--names", "a\u001b[31mX,b"],
      "--names must be plain text, without control characters",
    ],
  ])("hnb %s: exit 2, the message, then the usage line", async (argv, message) => {
    const [name = ""] = argv;
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`\n${await usageOf(name)}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("money in brackets", () => {
  test("pounds and poundsThousands bracket deficits inside the £, and round half away from zero", () => {
    expect(pounds(-15_478_203.4)).toBe("£(15,478,203)");
    expect(pounds(15_478_203.5)).toBe("£15,478,204");
    expect(pounds(-0.4)).toBe("£0");
    expect(poundsThousands(-20_000_000)).toBe("£(20,000)k");
    expect(poundsThousands(1_450_000)).toBe("£1,450k");
  });

  test("textTable left-aligns the columns asked for, with no trailing spaces", () => {
    expect(
      textTable(
        ["Input", "Value"],
        [
          ["a", "x"],
          ["bb", "yyy"],
        ],
        [1],
      ),
    ).toBe("Input  Value\n-----  -----\na      x\nbb     yyy");
    // Numbers stay right-aligned by default.
    expect(textTable(["FY", "£k"], [["2025-26", "(1)"]])).toBe("FY        £k\n-------  ---\n2025-26  (1)");
  });
});

describe("validate's summary", () => {
  test("one short line, then a two-column table; the balance in brackets, no minus signs on money", async () => {
    const r = await run("validate", DEFAULT);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      `${DEFAULT}: valid.`,
      "Bristol 2022 base case (default scenario) (Bristol, City of, 801): base census January 2022, forecast to January 2028.",
    ]);
    expect(lines[2]).toMatch(/^Input\s+Value$/);
    const labels = [
      "Scenario",
      "Authority",
      "Base census",
      "Horizon",
      "Phasing",
      "Placement types",
      "EHCPs at base",
      "Lines",
      "Staffing lines",
      "Other income",
      "Opening balance",
      "Levers",
      "Growth from history",
      "Uncertainty",
    ];
    const table = lines.slice(
      4,
      lines.findIndex((l) => l.startsWith("Illustrative figures")),
    );
    expect(table.map((l) => l.slice(0, 21).trim()).filter(Boolean)).toEqual(labels);
    expect(r.stdout).toMatch(/^Opening balance\s+£\(20,000\)k$/m);
    expect(r.stdout).toMatch(/^Uncertainty\s+2,000 paths, seed 2022/m);
    for (const line of table) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(table.join("\n")).not.toMatch(/£-|-£|-\d{1,3},\d{3}/);
  });
});

describe("--source sets the source line of every chart", () => {
  test("given, it is on every chart; with control characters it is a usage error", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { scratch } = await import("./support.js");
    const dir = join(scratch("hnb-src-"), "pack");
    const io = capture();
    expect(
      await main(
        [
          "forecast",
          "data/default-scenario.yaml",
          "--out",
          dir,
          "--source",
          "Bristol Schools Forum, March 2023",
          "--quiet",
        ],
        io,
      ),
    ).toBe(0);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".svg")))
      expect(readFileSync(join(dir, f), "utf8"), f).toContain(
        "Source: Bristol Schools Forum, March 2023; hnb forecast",
      );
    const bad = capture();
    expect(
      await main(["forecast", "data/default-scenario.yaml", "--json", "--source", "a\u001b[31mb"], bad),
    ).toBe(2);
    expect(bad.stderr).toContain("--source must be plain text");
  });
});

describe("file errors name the file asked for", () => {
  test("not the writers' hidden staging folder or temporary file beside it", async () => {
    const { ioProblem } = await import("../packages/cli/src/main.js");
    const err = (path: string) => Object.assign(new Error("x"), { code: "ENOENT", path });
    expect(ioProblem(err("/proc/.pack.hnb-new-0a1b2c3d4e5f"))).toBe(
      "cannot write or read /proc/pack: no such file or folder (ENOENT)",
    );
    expect(ioProblem(err("/out/.pack.hnb-new-0a1b2c3d4e5f/ledger.csv"))).toBe(
      "cannot write or read /out/pack/ledger.csv: no such file or folder (ENOENT)",
    );
    expect(ioProblem(err("/proc/.x.yaml.0a1b2c3d4e5f.tmp"))).toBe(
      "cannot write or read /proc/x.yaml: no such file or folder (ENOENT)",
    );
    // A file of the user's own that merely starts with a dot keeps its name.
    expect(ioProblem(err("/home/a/.config"))).toBe(
      "cannot write or read /home/a/.config: no such file or folder (ENOENT)",
    );
  });
});

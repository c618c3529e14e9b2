// A pack folder is replaced as a whole: afterwards (after recoverPack, if a writer was killed) it holds
// exactly the new pack or exactly the old one, never a mix, and no staging folders are left beside it.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";
import { lockPack } from "../../src/output/pack-guard.js";
import { PACK_MARKER, recoverPack, writeFilesAtomic, writePackAtomic } from "../../src/output/write.js";

// Lets one test make the swap's second rename fail, to see the previous pack put back.
const faults = vi.hoisted(() => ({ failStagingRename: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (faults.failStagingRename && from.includes(".hnb-new-")) {
        const message = `EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`;
        throw Object.assign(new Error(message), { code: "EXDEV" });
      }
      return real.rename(from, to);
    },
  };
});

const root = mkdtempSync(join(tmpdir(), "hnb-write-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let case_ = 0;
let parent = "";
let dir = "";
beforeEach(() => {
  faults.failStagingRename = false;
  parent = join(root, `case-${++case_}`);
  dir = join(parent, "out");
});

type Files = Record<string, string>;

/** Every file under `folder` (the marker apart) by relative path, with its text. */
function snapshot(folder: string): Files {
  const files: Files = {};
  for (const entry of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(folder, entry);
    if (entry !== PACK_MARKER && statSync(path).isFile()) files[entry] = readFileSync(path, "utf8");
  }
  return files;
}

const marker = (folder: string) => JSON.parse(readFileSync(join(folder, PACK_MARKER), "utf8"));
const siblings = () => readdirSync(parent).sort();

const pack = (tag: string, names: string[]): Files =>
  Object.fromEntries(names.map((n, i) => [n, tag.repeat(10 + i)]));

describe("writePackAtomic", () => {
  test("writes a new pack into a folder that does not exist yet, with its marker", async () => {
    const files = { "forecast.json": "{}\n", "ledger.csv": "fy\r\n", "charts/balance.svg": "<svg/>" };
    const paths = await writePackAtomic(dir, files);
    expect(paths).toEqual(Object.keys(files).map((f) => join(dir, f)));
    expect(snapshot(dir)).toEqual(files);
    expect(marker(dir)).toEqual({ tool: "hnb", files: Object.keys(files).sort() });
    expect(siblings()).toEqual(["out"]);
  });

  test("writeFilesAtomic, the callers' name, is the same function", () => {
    expect(writeFilesAtomic).toBe(writePackAtomic);
  });

  test("replacing a pack removes the files the new one does not have", async () => {
    await writePackAtomic(dir, { "forecast.json": "old", "fan.svg": "<svg/>", "uncertainty.csv": "p10" });
    await writePackAtomic(dir, { "forecast.json": "new" });
    expect(snapshot(dir)).toEqual({ "forecast.json": "new" });
    expect(marker(dir).files).toEqual(["forecast.json"]);
    expect(siblings()).toEqual(["out"]);
  });

  test("a pack whose levers.csv was replaced by an empty folder is still replaced whole", async () => {
    // The second write never writes into the old folder at all; an empty folder holds nothing to lose.
    await writePackAtomic(dir, { "forecast.json": "A", "levers.csv": "A", "fan.svg": "A" });
    rmSync(join(dir, "levers.csv"));
    mkdirSync(join(dir, "levers.csv"));
    const next = { "forecast.json": "B", "levers.csv": "B", "ledger.csv": "B" };
    await writePackAtomic(dir, next);
    expect(snapshot(dir)).toEqual(next);
    expect(siblings()).toEqual(["out"]);
  });

  test("the user's own files in a pack folder are carried over, never deleted", async () => {
    await writePackAtomic(dir, { "forecast.json": "A", "fan.svg": "A" });
    writeFileSync(join(dir, "paper-draft.docx"), "the user's draft");
    mkdirSync(join(dir, "notes"));
    writeFileSync(join(dir, "notes", "q1.txt"), "notes");
    await writePackAtomic(dir, { "forecast.json": "B" });
    expect(snapshot(dir)).toEqual({
      "forecast.json": "B",
      "notes/q1.txt": "notes",
      "paper-draft.docx": "the user's draft",
    });
    // Still the user's: the marker lists the pack's files only, so the next pack carries them again.
    expect(marker(dir).files).toEqual(["forecast.json"]);
    expect(siblings()).toEqual(["out"]);
  });

  test("a file of the user's where the new pack writes one is refused, and the old pack kept", async () => {
    await writePackAtomic(dir, { "forecast.json": "A", "levers.csv": "A" });
    rmSync(join(dir, "levers.csv"));
    mkdirSync(join(dir, "levers.csv"));
    writeFileSync(join(dir, "levers.csv", "note.txt"), "in the way");
    const before = snapshot(dir);
    await expect(writePackAtomic(dir, { "forecast.json": "B", "levers.csv": "B" })).rejects.toThrow(
      `${join(dir, "levers.csv/note.txt")} is not a file hnb wrote (the pack's marker does not list it), and the new pack writes levers.csv`,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(siblings()).toEqual(["out"]);
  });

  test("concurrent writers of one folder take turns: it ends as one of their packs, whole", async () => {
    const packs = Array.from({ length: 4 }, (_, i) =>
      pack(String.fromCharCode(65 + i), ["a.csv", `only-${i}.csv`]),
    );
    await Promise.all(packs.map((p) => writePackAtomic(dir, p)));
    const found = snapshot(dir);
    expect(packs).toContainEqual(found);
    expect(marker(dir).files).toEqual(Object.keys(found).sort());
    expect(siblings()).toEqual(["out"]);
  });

  test("a lock left by a dead process is broken; a live one is waited for, then refused", async () => {
    mkdirSync(parent, { recursive: true });
    const lockPath = join(parent, ".out.hnb-lock");
    const dead = { pid: 2 ** 22 + 12345, host: hostname(), since: Date.now(), token: "x" };
    symlinkSync(JSON.stringify(dead), lockPath);
    await writePackAtomic(dir, { "forecast.json": "{}" });
    expect(siblings()).toEqual(["out"]);
    const held = await lockPack(dir);
    await expect(lockPack(dir, 200)).rejects.toThrow(
      new RegExp(`another hnb is writing ${dir} \\(process ${process.pid}, since .*\\); nothing was written`),
    );
    await held.release();
    expect(siblings()).toEqual(["out"]);
  });

  test("a write that fails part-way leaves the previous pack as it was and nothing beside it", async () => {
    const old = { "forecast.json": "old", "ledger.csv": "old" };
    await writePackAtomic(dir, old);
    const tooLong = `${"x".repeat(300)}.csv`;
    const failing = writePackAtomic(dir, { "forecast.json": "new", [tooLong]: "new", "z.csv": "new" });
    await expect(failing).rejects.toThrow(`could not write ${join(dir, tooLong)}: ENAMETOOLONG`);
    await expect(failing).rejects.toThrow(`(${dir} was left as it was)`);
    expect(snapshot(dir)).toEqual(old);
    expect(siblings()).toEqual(["out"]);
  });

  test("a failed first write leaves no folder at all", async () => {
    await expect(writePackAtomic(dir, { "a.csv": "x", [`${"y".repeat(300)}`]: "x" })).rejects.toThrow(
      "ENAMETOOLONG",
    );
    expect(siblings()).toEqual([]);
  });

  test("if the new pack cannot be renamed into place, the previous one is put back", async () => {
    const old = { "forecast.json": "old" };
    await writePackAtomic(dir, old);
    faults.failStagingRename = true;
    await expect(writePackAtomic(dir, { "forecast.json": "new" })).rejects.toThrow(
      `could not replace ${dir}: EXDEV: cross-device link not permitted (the previous pack was kept)`,
    );
    expect(snapshot(dir)).toEqual(old);
    expect(siblings()).toEqual(["out"]);
  });

  test("refuses to replace a folder it did not write, and leaves it alone", async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "notes.docx"), "the user's own");
    await expect(writePackAtomic(dir, { "forecast.json": "{}" })).rejects.toThrow(
      `${dir} is not an hnb output folder (it has files and no ${PACK_MARKER} marker), so hnb will not replace it: choose another --out or empty it`,
    );
    expect(snapshot(dir)).toEqual({ "notes.docx": "the user's own" });
    expect(siblings()).toEqual(["out"]);
  });

  test("an existing empty folder is fine", async () => {
    mkdirSync(dir, { recursive: true });
    await writePackAtomic(dir, { "forecast.json": "{}" });
    expect(snapshot(dir)).toEqual({ "forecast.json": "{}" });
    expect(siblings()).toEqual(["out"]);
  });

  test("a file where the folder should be is a clear error and is kept", async () => {
    mkdirSync(parent, { recursive: true });
    writeFileSync(dir, "a file");
    await expect(writePackAtomic(dir, { "forecast.json": "{}" })).rejects.toThrow(
      `${dir} is a file, not a folder: choose another --out`,
    );
    expect(readFileSync(dir, "utf8")).toBe("a file");
    expect(siblings()).toEqual(["out"]);
  });

  test("file names that would leave the folder, or overwrite the marker, are refused", async () => {
    for (const name of ["../escape.csv", "/abs.csv", "a/../../b.csv", PACK_MARKER, ""]) {
      const refused = writePackAtomic(dir, { [name]: "x" });
      await expect(refused).rejects.toThrow(`cannot write "${name}" into ${dir}`);
    }
    expect(existsSync(parent)).toBe(false);
  });
});

describe("recoverPack", () => {
  const old = `.out.hnb-old-${"0".repeat(12)}`;
  const staging = `.out.hnb-new-${"1".repeat(12)}`;

  test("puts back the previous pack when a writer was killed between its two renames", async () => {
    const files = { "forecast.json": "old", "ledger.csv": "old" };
    await writePackAtomic(dir, files);
    renameSync(dir, join(parent, old));
    mkdirSync(join(parent, staging));
    writeFileSync(join(parent, staging, "forecast.json"), "half");
    await recoverPack(dir);
    expect(snapshot(dir)).toEqual(files);
    expect(siblings()).toEqual(["out"]);
  });

  test("deletes leftovers when the folder is in place, and a half-deleted old folder is never restored", async () => {
    await writePackAtomic(dir, { "forecast.json": "new" });
    mkdirSync(join(parent, old));
    mkdirSync(join(parent, staging));
    mkdirSync(join(parent, ".out.hnb-old-not-ours"));
    await recoverPack(dir);
    expect(siblings()).toEqual([".out.hnb-old-not-ours", "out"]);

    rmSync(dir, { recursive: true });
    mkdirSync(join(parent, old));
    writeFileSync(join(parent, old, "ledger.csv"), "without its marker");
    await recoverPack(dir);
    expect(siblings()).toEqual([".out.hnb-old-not-ours"]);
  });

  test("does nothing where there is nothing", async () => {
    await recoverPack(dir);
    expect(existsSync(parent)).toBe(false);
  });
});

// A child process writes two different packs alternately and is killed at random instants; after
// recoverPack the folder must hold one of them whole. Plain Node 20 cannot import TypeScript
// (--experimental-strip-types came in Node 22), and dist/ may be stale under `vitest run` alone, so
// the test transpiles src/output/write.ts and src/output/pack-guard.ts (which import only node: modules and each
// other) beside the runner.
describe("a writer killed with SIGKILL", () => {
  const A = pack("A", [
    ...Array.from({ length: 15 }, (_, i) => `shared-${i}.csv`),
    ...Array.from({ length: 14 }, (_, i) => `a-only-${i}.svg`),
    "charts/a.png",
  ]);
  const B = pack("B", [
    ...Array.from({ length: 15 }, (_, i) => `shared-${i}.csv`),
    ...Array.from({ length: 9 }, (_, i) => `b-only-${i}.csv`),
    "charts/b.png",
  ]);

  const runner = `import { writePackAtomic } from "./write.mjs";
const [dir, a, b] = process.argv.slice(2);
const packs = [JSON.parse(a), JSON.parse(b)];
process.stdout.write("go\\n");
for (let i = 0; ; i++) {
  await writePackAtomic(dir, packs[i % 2]);
  process.stdout.write("done\\n");
}
`;

  // mulberry32: the same 20 delays on every run.
  function delays(seed: number, count: number): number[] {
    let s = seed;
    return Array.from({ length: count }, () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return 1 + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 200);
    });
  }

  function output(child: ChildProcess): { text: () => string; saw: (line: string) => Promise<void> } {
    let text = "";
    const waiting: Array<() => void> = [];
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      for (const wake of waiting.splice(0)) wake();
    });
    const saw = (line: string) =>
      new Promise<void>((done, fail) => {
        const check = () => (text.includes(line) ? done() : waiting.push(check));
        child.once("exit", (c) => fail(new Error(`writer exited (${c}) before "${line}"`)));
        check();
      });
    return { text: () => text, saw };
  }

  // Two killers side by side (each on its own folder), as starting Node dominates each round.
  async function killRounds(work: string, lane: string, rounds: number[]): Promise<void> {
    const packs = join(work, lane);
    const out = join(packs, "out");
    let completed = false;
    for (const delay of rounds) {
      const args = [join(work, "runner.mjs"), out, JSON.stringify(A), JSON.stringify(B)];
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
      const exited = once(child, "exit");
      const stdout = output(child);
      await stdout.saw("go");
      await new Promise((wait) => setTimeout(wait, delay));
      child.kill("SIGKILL");
      await exited;
      if (stdout.text().includes("done")) completed = true;

      await recoverPack(out);
      const left = existsSync(packs) ? readdirSync(packs) : [];
      if (!existsSync(out)) {
        expect(completed, `no pack after a kill at ${delay} ms, though one was completed`).toBe(false);
        expect(left).toEqual([]);
        continue;
      }
      expect(left, `leftovers after a kill at ${delay} ms`).toEqual(["out"]);
      const found = snapshot(out);
      const expected = found["shared-0.csv"]?.startsWith("A") ? A : B;
      expect(found, `a mixed pack after a kill at ${delay} ms`).toEqual(expected);
      expect(marker(out).files).toEqual(Object.keys(expected).sort());
    }
    expect(completed, `lane ${lane} never completed a pack`).toBe(true);
  }

  test("always leaves exactly pack A or exactly pack B once recovered", async () => {
    const work = join(root, "kill");
    mkdirSync(work);
    // write.ts imports its guards as ./pack-guard.js: both are ES modules in a "type: module" folder.
    writeFileSync(join(work, "package.json"), '{ "type": "module" }\n');
    for (const file of ["write", "pack-guard"]) {
      const source = readFileSync(new URL(`../../src/output/${file}.ts`, import.meta.url), "utf8");
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(work, file === "write" ? "write.mjs" : `${file}.js`), js);
    }
    writeFileSync(join(work, "runner.mjs"), runner);
    const rounds = delays(20240601, 20);
    const left = rounds.filter((_, i) => i % 2 === 0);
    const right = rounds.filter((_, i) => i % 2 === 1);
    await Promise.all([killRounds(work, "left", left), killRounds(work, "right", right)]);
  }, 30_000);
});

// The pack writer's guards (write.ts): one writer per folder at a time (a lock beside it), the
// user's own files in a pack folder carried over (the marker lists the pack's files), and no pack
// where it would replace an input of the same run. Node modules only: write.test.ts runs this file
// and write.ts transpiled in a child process that it kills at random instants.
import { randomBytes } from "node:crypto";
import {
  copyFile,
  constants as fsConstants,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  realpath,
  symlink,
  unlink,
} from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/** A pack that cannot be written or replaced; the message names the folder and what to do. */
export class PackError extends Error {
  override name = "PackError";
}

/** A pack refused because its folder holds a file the same run reads: a usage error (another --out). */
export class PackInputError extends PackError {
  override name = "PackInputError";
}

/** How long a writer waits for another writer of the same folder before refusing. */
export const LOCK_WAIT_MS = 30_000;
// A lock whose owner cannot be asked (another host, unreadable) is stale after this long: a pack is
// written in seconds, long after the charts were rendered in memory.
const LOCK_STALE_MS = 10 * 60_000;

/** The lock a writer holds on one pack folder; `held` says whether it is still its own. */
export interface PackLock {
  held(): Promise<boolean>;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  host: string;
  since: number;
  token: string;
}

/**
 * Takes the lock of pack folder `dir` (`.NAME.hnb-lock` beside it), waiting up to `waitMs` for a
 * live writer; a lock left by a process that has died (or older than ten minutes) is broken.
 * The lock is a symbolic link whose target is its owner, so it is created with its content in one
 * step (a writer killed at any instant never leaves a lock without an owner); where links cannot be
 * made (Windows without the privilege) it is a file created exclusively.
 * @example const lock = await lockPack("out"); await lock.release()
 */
export async function lockPack(dir: string, waitMs = LOCK_WAIT_MS): Promise<PackLock> {
  const target = resolve(dir);
  const path = join(dirname(target), `.${basename(target)}.hnb-lock`);
  const me: Owner = { pid: process.pid, host: hostname(), since: Date.now(), token: token() };
  const text = JSON.stringify(me);
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(250, pause * 2)) {
    if (await create(path, text)) break;
    const seen = await ownerText(path);
    if (seen === undefined) continue;
    if (await isStale(path, seen)) {
      // Broken only if it is still the lock judged stale: another waiter may have broken it and
      // taken its own since.
      if ((await ownerText(path)) === seen) await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = parse(seen);
      throw new PackError(
        `another hnb is writing ${dir}${owner ? ` (process ${owner.pid}${owner.host === me.host ? "" : ` on ${owner.host}`}, since ${new Date(owner.since).toISOString().slice(11, 19)} UTC)` : ""}; nothing was written: run again when it has finished (if no hnb is running, delete ${path})`,
      );
    }
    await new Promise((wake) => setTimeout(wake, pause));
  }
  const held = async () => (await ownerText(path)) === text;
  return {
    held,
    release: async () => {
      if (await held()) await unlink(path).catch(() => undefined);
    },
  };
}

function token(): string {
  return randomBytes(6).toString("hex");
}

async function create(path: string, text: string): Promise<boolean> {
  try {
    await symlink(text, path);
    return true;
  } catch (error) {
    if (code(error) === "EEXIST") return false;
    if (code(error) !== "EPERM" && code(error) !== "ENOSYS" && code(error) !== "EINVAL") throw error;
  }
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (code(error) === "EEXIST") return false;
    throw error;
  }
}

// The lock's text, whichever form it has; undefined when there is no lock.
async function ownerText(path: string): Promise<string | undefined> {
  try {
    return await readlink(path);
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    if (code(error) !== "EINVAL" && code(error) !== "UNKNOWN") throw error;
  }
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw error;
  }
}

function parse(text: string): Owner | undefined {
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.host === "string" && typeof o.since === "number"
      ? (o as Owner)
      : undefined;
  } catch {
    return undefined;
  }
}

async function isStale(path: string, text: string): Promise<boolean> {
  const owner = parse(text);
  if (!owner) {
    // A file lock read between its creation and its content: stale only once it has aged.
    const stats = await lstat(path).catch(() => undefined);
    return stats !== undefined && Date.now() - stats.mtimeMs > 5_000;
  }
  if (owner.host === hostname() && !alive(owner.pid)) return true;
  return Date.now() - owner.since > LOCK_STALE_MS;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === "EPERM";
  }
}

/**
 * Refuses (PackInputError) a pack folder that is, or holds, a file or folder the same run reads:
 * the pack replaces the whole folder, so the input would be deleted. Paths are compared after
 * resolving symbolic links, so a link to the input, or an --out reached through a linked folder,
 * is caught too. `inputs` maps each path to what it is ("the scenario file").
 * @example await refuseInputsInside("pack", { "pack/s.yaml": "the scenario file" }) // throws
 */
export async function refuseInputsInside(
  dir: string,
  inputs: Readonly<Record<string, string>>,
): Promise<void> {
  const folder = await realPathOf(dir);
  for (const [path, what] of Object.entries(inputs)) {
    const input = await realPathOf(path);
    if (input === folder || input.startsWith(`${folder}${sep}`) || folder === sep)
      throw new PackInputError(
        `--out ${dir} holds ${what} ${path}${input === resolve(path) ? "" : ` (${input})`}, and the pack replaces the whole folder: choose another --out`,
      );
  }
}

// The path with every symbolic link resolved, as far as it exists (the rest appended).
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathOf(parent), basename(absolute));
  }
}

/**
 * The files in pack folder `folder` that its marker does not list (the user's own, such as a
 * paper's draft saved beside the charts), as relative paths with "/"; folders only hold them.
 * @example const mine = await foreignFiles("out", ["forecast.json"], ".hnb-pack")
 */
export async function foreignFiles(
  folder: string,
  listed: readonly string[],
  marker: string,
): Promise<string[]> {
  const pack = new Set(listed.map(slashes));
  const found: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const name = slashes(relative(folder, path));
      if (entry.isDirectory()) await walk(path);
      else if (name !== marker && !pack.has(name)) found.push(name);
    }
  };
  await walk(folder);
  return found.sort();
}

/**
 * Carries the user's own files from the old pack folder into the staging folder of the new one
 * (hard links where the file system allows, else copies; the old folder is untouched until the
 * swap), or refuses, naming the first, when one stands where the new pack writes a file.
 * @example await carryOver("out", ".out.hnb-new-…", ["paper.docx"], ["forecast.json"], "out")
 */
export async function carryOver(
  from: string,
  to: string,
  foreign: readonly string[],
  writing: readonly string[],
  dir: string,
): Promise<void> {
  const names = writing.map(slashes);
  for (const file of foreign) {
    const clash = names.find((n) => n === file || file.startsWith(`${n}/`) || n.startsWith(`${file}/`));
    if (clash !== undefined)
      throw new PackError(
        `${join(dir, file)} is not a file hnb wrote (the pack's marker does not list it), and the new pack writes ${clash}: move it out of ${dir}, then run again (nothing was written)`,
      );
  }
  for (const file of foreign) {
    const source = join(from, file);
    const copy = join(to, file);
    await mkdir(dirname(copy), { recursive: true });
    try {
      await link(source, copy);
    } catch {
      const stats = await lstat(source);
      if (stats.isSymbolicLink()) await symlink(await readlink(source), copy);
      else if (stats.isFile()) await copyFile(source, copy, fsConstants.COPYFILE_EXCL);
      else
        throw new PackError(
          `${join(dir, file)} is not a file hnb wrote and cannot be carried over to the new pack (it is not a regular file): move it out of ${dir}, then run again`,
        );
    }
  }
}

const slashes = (path: string) => path.split(sep).join("/");

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, normalize, resolve } from "node:path";
import { carryOver, foreignFiles, lockPack, PackError, refuseInputsInside } from "./pack-guard.js";

export { PackError, PackInputError, refuseInputsInside } from "./pack-guard.js";

/**
 * Writes a file atomically: to a temporary name beside it, then renamed over the target, so a
 * failure part-way leaves no partial file and an existing file is replaced only when the new one is complete.
 * @example await writeFileAtomic("out/ledger.csv", csv)
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The file every pack holds, so a later write can tell a folder hnb wrote from a user's own. @example join(dir, PACK_MARKER) */
export const PACK_MARKER = ".hnb-pack";

/**
 * Replaces the folder `dir` as a whole by a pack holding exactly `files` (plus the marker); returns their paths.
 *
 * Every file is written (and fsynced) into a sibling staging folder `.NAME.hnb-new-RANDOM`; only when
 * all of them are complete is the folder swapped in: `dir` is renamed to `.NAME.hnb-old-RANDOM`, the
 * staging folder is renamed to `dir`, and the old one is deleted. A normal failure leaves `dir` as it
 * was and removes the staging folder. Node offers no atomic exchange of two directories on Linux
 * (renameat2 RENAME_EXCHANGE is not exposed), so a process killed between the two renames leaves no
 * `dir`, only the complete old pack beside it: every call first runs {@link recoverPack}, which puts it
 * back, and a reader that may follow a killed writer should call it too. After recovery `dir` holds
 * exactly the old pack or exactly the new one, never a mix. Writers of one folder take turns: each
 * holds a lock beside it (pack-guard.ts) from recovery to swap, and one that cannot get it in time
 * refuses with nothing written.
 *
 * A `dir` that exists, is not empty and has no marker is refused rather than deleted, as is a file
 * or a symbolic link. Files in it that the marker does not list (the user's own) are carried over
 * into the new pack, never deleted. With `inputs` (path → what it is), a `dir` that holds one of
 * the run's inputs is refused (PackInputError), as replacing it would delete the input.
 * @example await writePackAtomic("out", { "ledger.csv": csv, "forecast.json": json })
 */
export async function writePackAtomic(
  dir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
  options: { inputs?: Readonly<Record<string, string>> } = {},
): Promise<string[]> {
  const entries = Object.entries(files);
  for (const [name] of entries) checkName(dir, name);
  const { target, parent } = locate(dir);
  if (options.inputs) await refuseInputsInside(dir, options.inputs);
  try {
    await mkdir(parent, { recursive: true });
  } catch (error) {
    throw caused(`could not create the folder ${parent} to hold ${dir}: ${reason(error)}`, error);
  }
  const lock = await lockPack(dir);
  try {
    return await writeLocked(dir, target, entries, lock);
  } finally {
    await lock.release();
  }
}

async function writeLocked(
  dir: string,
  target: string,
  entries: [string, string | Uint8Array][],
  lock: Awaited<ReturnType<typeof lockPack>>,
): Promise<string[]> {
  const { parent, name } = locate(dir);
  await recover(dir);
  const replacing = await replaceable(dir, target);
  const foreign = replacing ? await foreignFiles(target, await packFiles(target), PACK_MARKER) : [];

  const token = randomBytes(6).toString("hex");
  const staging = join(parent, `.${name}.hnb-new-${token}`);
  const old = join(parent, `.${name}.hnb-old-${token}`);
  try {
    await mkdir(staging);
    // allSettled, not all: the finally below must not delete the staging folder while writes are in flight.
    const results = await Promise.allSettled(
      entries.map(async ([file, data]) => {
        try {
          await writeDurably(join(staging, file), data);
        } catch (error) {
          throw caused(
            `could not write ${join(dir, file)}: ${reason(error)} (${dir} was left as it was)`,
            error,
          );
        }
      }),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) throw failure.reason;
    await carryOver(
      target,
      staging,
      foreign,
      entries.map(([file]) => file),
      dir,
    );
    // The marker goes in last, so a staging folder only looks like a pack once it is complete.
    const marker = { tool: "hnb", files: entries.map(([file]) => file).sort() };
    await writeDurably(join(staging, PACK_MARKER), `${JSON.stringify(marker)}\n`);
    await syncDir(staging);

    // A lock broken as stale by mistake (its owner alive on another host) must not mean two swaps.
    if (!(await lock.held()))
      throw new PackError(`another hnb took over writing ${dir}; this run wrote nothing`);
    if (replacing) {
      try {
        await rename(target, old);
      } catch (error) {
        throw caused(
          `could not move the previous pack ${dir} aside: ${reason(error)} (it was left as it was)`,
          error,
        );
      }
    }
    try {
      await rename(staging, target);
    } catch (error) {
      if (!replacing) throw caused(`could not create ${dir}: ${reason(error)}`, error);
      try {
        await rename(old, target);
      } catch {
        throw caused(
          `could not replace ${dir} (${reason(error)}) nor put the previous pack back from ${old}: run hnb again, which restores it first`,
          error,
        );
      }
      throw caused(`could not replace ${dir}: ${reason(error)} (the previous pack was kept)`, error);
    }
    await syncDir(parent);
    // The new pack is complete; an old folder left behind here is removed by the next call's recovery.
    if (replacing) await discard(old).catch(() => undefined);
    return entries.map(([file]) => join(dir, file));
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The former name of {@link writePackAtomic}, kept for its callers; it now replaces the whole folder. @example await writeFilesAtomic("out", { "ledger.csv": csv }) */
export const writeFilesAtomic = writePackAtomic;

/**
 * Undoes an interrupted {@link writePackAtomic} beside `dir`: puts the old pack back if `dir` is missing, deletes the rest.
 * @example await recoverPack("out"); const json = await readFile("out/forecast.json", "utf8")
 */
export async function recoverPack(dir: string): Promise<void> {
  const { parent } = locate(dir);
  // Nothing beside it (no parent folder): nothing to recover, and no lock to take.
  if (
    !(await lstat(parent).then(
      () => true,
      () => false,
    ))
  )
    return;
  const lock = await lockPack(dir);
  try {
    await recover(dir);
  } finally {
    await lock.release();
  }
}

// recoverPack's work, for a caller that already holds the folder's lock.
async function recover(dir: string): Promise<void> {
  const { target, parent, name } = locate(dir);
  let siblings: string[];
  try {
    siblings = await readdir(parent);
  } catch (error) {
    if (code(error) === "ENOENT" || code(error) === "ENOTDIR") return;
    throw caused(`could not look for interrupted writes beside ${dir}: ${reason(error)}`, error);
  }
  const leftovers = (kind: "new" | "old") =>
    siblings.filter((s) => isLeftover(s, name, kind)).map((s) => join(parent, s));

  let present = await exists(target);
  for (const old of leftovers("old")) {
    // Only a killed swap leaves `dir` missing; its old folder still has the marker, because
    // `discard` removes the marker before anything else.
    if (!present && (await isPack(old))) {
      try {
        await rename(old, target);
      } catch (error) {
        throw caused(`could not put the previous pack back from ${old} to ${dir}: ${reason(error)}`, error);
      }
      present = true;
    } else {
      await removeLeftover(old, dir);
    }
  }
  // A staging folder is never promoted: the contract is "the old pack unless the new one was swapped in".
  for (const staging of leftovers("new")) await removeLeftover(staging, dir);
}

function locate(dir: string): { target: string; parent: string; name: string } {
  const target = resolve(dir);
  const parent = dirname(target);
  if (parent === target)
    throw new PackError(`${dir} is a filesystem root, not a folder: choose another --out`);
  return { target, parent, name: basename(target) };
}

function isLeftover(sibling: string, name: string, kind: "new" | "old"): boolean {
  const prefix = `.${name}.hnb-${kind}-`;
  // The exact suffix keeps a folder that merely starts with the same name from being taken for ours.
  return sibling.startsWith(prefix) && /^[0-9a-f]{12}$/.test(sibling.slice(prefix.length));
}

function checkName(dir: string, name: string): void {
  const normal = normalize(name);
  const parts = normal.split(/[\\/]/);
  if (name === "" || isAbsolute(name) || normal === "." || parts.includes("..") || normal === PACK_MARKER) {
    throw new PackError(
      `cannot write "${name}" into ${dir}: a pack's file names must be relative paths inside it, other than ${PACK_MARKER}`,
    );
  }
}

/** True when `target` exists and may be replaced; throws, naming it, when it must not be. */
async function replaceable(dir: string, target: string): Promise<boolean> {
  let stats: Awaited<ReturnType<typeof lstat>>;
  try {
    stats = await lstat(target);
  } catch (error) {
    if (code(error) === "ENOENT") return false;
    throw caused(`could not inspect ${dir}: ${reason(error)}`, error);
  }
  // Renaming a link would swap the link, not the folder it points to, and orphan that folder's pack.
  if (stats.isSymbolicLink()) throw new PackError(`${dir} is a symbolic link: give its folder as --out`);
  if (!stats.isDirectory()) throw new PackError(`${dir} is a file, not a folder: choose another --out`);
  if ((await readdir(target)).length === 0 || (await isPack(target))) return true;
  throw new PackError(
    `${dir} is not an hnb output folder (it has files and no ${PACK_MARKER} marker), so hnb will not replace it: choose another --out or empty it`,
  );
}

async function isPack(folder: string): Promise<boolean> {
  return (await markerOf(folder)) !== undefined;
}

// The files a pack's marker lists (the marker itself apart): everything else in it is the user's.
async function packFiles(folder: string): Promise<string[]> {
  return (await markerOf(folder))?.files ?? [];
}

async function markerOf(folder: string): Promise<{ tool: "hnb"; files: string[] } | undefined> {
  try {
    const marker: unknown = JSON.parse(await readFile(join(folder, PACK_MARKER), "utf8"));
    const m = marker as { tool?: unknown; files?: unknown } | null;
    return typeof m === "object" &&
      m !== null &&
      m.tool === "hnb" &&
      Array.isArray(m.files) &&
      m.files.every((f) => typeof f === "string")
      ? (m as { tool: "hnb"; files: string[] })
      : undefined;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (code(error) === "ENOENT") return false;
    throw error;
  }
}

// fsync, so a power cut after the swap cannot leave the new names pointing at empty files.
async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Best effort: some platforms (Windows) cannot open or fsync a directory, and the data is safe without it.
async function syncDir(path: string): Promise<void> {
  try {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // nothing to do: see above
  }
}

// The marker goes first, so a deletion killed half-way never leaves something recovery would restore.
async function discard(old: string): Promise<void> {
  await unlink(join(old, PACK_MARKER)).catch(() => undefined);
  await rm(old, { recursive: true, force: true });
}

async function removeLeftover(path: string, dir: string): Promise<void> {
  try {
    await discard(path);
  } catch (error) {
    throw caused(`could not remove ${path}, left by an interrupted write of ${dir}: ${reason(error)}`, error);
  }
}

function caused(message: string, cause: unknown): Error {
  return new PackError(message, { cause });
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

// Node's messages end in ", open '/tmp/.pack.hnb-new-…/x.csv'", a staging path that would only confuse.
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, [a-z]+ '.*$/s, "");
}

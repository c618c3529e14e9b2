import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

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

/**
 * Writes a set of files as one: every file is rendered first, then written atomically; if any write
 * fails, the files this call already wrote are removed again (files that existed before are kept).
 * @example await writeFilesAtomic("out", { "ledger.csv": csv, "result.json": json })
 */
export async function writeFilesAtomic(
  dir: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<string[]> {
  const written: string[] = [];
  await mkdir(dir, { recursive: true });
  const staging = join(dir, `.hnb-staging-${randomBytes(6).toString("hex")}`);
  await mkdir(staging);
  try {
    for (const [name, data] of Object.entries(files)) {
      const target = join(staging, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    for (const name of Object.keys(files)) {
      const target = join(dir, name);
      await mkdir(dirname(target), { recursive: true });
      await rename(join(staging, name), target);
      written.push(target);
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

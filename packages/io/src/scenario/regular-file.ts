// The one way every reader opens an input file (scenario, monitoring, previous report, SEN2 CSV):
// only a regular file, within a size limit. A FIFO would block the read forever, /dev/zero (or a
// link to it) would fill memory, and a folder cannot be read. The file is opened without blocking
// and checked through the open handle, so what is read is what was checked.
import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** Why an input file was not read: not a regular file, or larger than the limit. */
export class NotARegularFile extends Error {
  constructor(
    readonly path: string,
    readonly why: "not-a-file" | "too-large",
    readonly size = 0,
  ) {
    super(why === "not-a-file" ? `${path} is not a file` : `${path} is ${size} bytes`);
    this.name = "NotARegularFile";
  }
}

// Windows has no O_NONBLOCK (and no FIFOs in the file system to block on).
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * The bytes of `path` if it is a regular file (a link to one is fine) of at most `maxBytes`; throws
 * NotARegularFile for anything else (a folder, FIFO, socket or device), and the operating system's
 * error (ENOENT, EACCES …) when it cannot be opened.
 * @example const bytes = await readRegularFile("data/default-scenario.yaml", 10 * 1024 * 1024)
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, constants.O_RDONLY | NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotARegularFile(path, "not-a-file");
    if (info.size > maxBytes) throw new NotARegularFile(path, "too-large", info.size);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

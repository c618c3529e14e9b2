// What every scenario file gets before it is parsed, whatever its form (YAML, JSON, an .xlsx
// workbook): a regular file (regular-file.ts), at most 10 MB, readable; and the keys no scenario may hold.
import type { Problem } from "@hnb/model";
import { NotARegularFile, readRegularFile } from "./regular-file.js";

/** Scenario files larger than this are refused before they are read. */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** Keys refused anywhere in a scenario: as JavaScript object keys they can pollute prototypes or be dropped silently. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A scenario file's bytes, refusing what is not a file, a file over 10 MB and one that cannot be read, by name.
 * @example await readScenarioBytes("plan.xlsx") // { ok: true, bytes } or { ok: false, problems }
 */
export async function readScenarioBytes(
  path: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problems: Problem[] }> {
  try {
    return { ok: true, bytes: await readRegularFile(path, MAX_SCENARIO_BYTES) };
  } catch (error) {
    if (error instanceof NotARegularFile) {
      const message =
        error.why === "not-a-file"
          ? `${path} is not a file`
          : `${path} is ${(error.size / 1048576).toFixed(1)} MB; scenario files are limited to 10 MB`;
      return { ok: false, problems: [{ code: "bad-file", path: "(file)", message }] };
    }
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "does not exist"
        : code === "EACCES"
          ? "cannot be read (permission denied)"
          : `cannot be read (${code ?? String(error)})`;
    return { ok: false, problems: [{ code: "bad-file", path: "(file)", message: `${path} ${why}` }] };
  }
}

import { type AuthorityRef, findAuthority, readSen2Dir, type Sen2Data } from "@hnb/io";
import { HnbError } from "@hnb/model";
import type { Console } from "./console.js";

/** Reads a SEN2 folder and, when asked, finds one authority; prints the problem and returns undefined when either fails. @example await loadSen2("import", dir, "Bristol", io) */
export async function loadSen2(
  command: string,
  dir: string,
  authority: string | undefined,
  io: Console,
): Promise<{ data: Sen2Data; authority: AuthorityRef | undefined; note?: string } | undefined> {
  let data: Sen2Data;
  try {
    data = await readSen2Dir(dir);
  } catch (error) {
    // A Sen2FileError reaches main, which says why; an operating-system error names the folder here.
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof HnbError || code === undefined) throw error;
    io.err(`hnb ${command}: cannot read the folder ${dir} (${code})\n`);
    return undefined;
  }
  if (authority === undefined) return { data, authority: undefined };
  const found = findAuthority(data, authority);
  if (!found.ok) {
    io.err(`hnb ${command}: ${found.message}\n`);
    return undefined;
  }
  // Another authority of the same name or old code: said on stderr, and by import in the file too.
  if (found.note) io.err(`hnb ${command}: ${found.note}\n`);
  return { data, authority: found.authority, ...(found.note ? { note: found.note } : {}) };
}

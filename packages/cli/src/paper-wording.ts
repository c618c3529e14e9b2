import { readWording, type Wording } from "@hnb/charts";
import { readDataFile } from "@hnb/io";
import type { Console } from "./console.js";
import { reportProblems } from "./problems.js";

/**
 * The wording file `--wording FILE` names (YAML or JSON, the keys of the default wording), checked;
 * undefined without one, an exit code once its problems are reported (named by file and key path).
 * @example const wording = await readWordingOption("wording.yaml", io); if (typeof wording === "number") return wording
 */
export async function readWordingOption(
  file: string | undefined,
  io: Console,
): Promise<Wording | undefined | number> {
  if (file === undefined) return undefined;
  const read = await readDataFile(file);
  if (!read.ok) return reportProblems(file, read.problems, io);
  const checked = readWording(read.data);
  return checked.ok ? checked.wording : reportProblems(file, checked.problems, io);
}

// Running a command in-process. Kept out of support.ts, which test/setup.ts loads before every test
// file: importing the CLI there would load the whole engine before a test file's vi.mock could
// replace a module of it (test/pipeline.test.ts counts projections through one).
import { main } from "@hnb/cli";
import { capture } from "./support.js";

/** What a command did: its exit code, stdout and stderr. */
export interface Outcome {
  code: number;
  out: string;
  err: string;
}

/** Runs a command in-process: exit code, stdout, stderr. */
export async function run(args: string[]): Promise<Outcome> {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

// Every command output quoted in the README and docs/ is what the command prints today: a fenced
// block after `<!-- hnb-output: ARGS -->` must appear, line for line, in the output of `hnb ARGS`
// (run in-process). A figure typed by hand, or one the code has since changed, fails here.
import { readdirSync, readFileSync } from "node:fs";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { capture } from "./support.js";

const files = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const MARK = /<!-- hnb-output: ([^>]+?) -->\s*\n```[a-z]*\n([\s\S]*?)\n```/g;

const quoted = files.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(MARK)].map((m) => ({
    file,
    args: (m[1] as string).trim().split(/\s+/),
    block: m[2] as string,
  })),
);

const outputs = new Map<string, Promise<string>>();
function outputOf(args: string[]): Promise<string> {
  const key = args.join(" ");
  let out = outputs.get(key);
  if (!out) {
    out = (async () => {
      const io = capture();
      expect(await main(args, io)).toBe(0);
      return io.stdout;
    })();
    outputs.set(key, out);
  }
  return out;
}

describe("command output quoted in the docs", () => {
  test("there is some", () => {
    expect(quoted.length).toBeGreaterThan(0);
  });
  test.each(quoted.map((q, i) => [`${q.file} #${i + 1}: hnb ${q.args.join(" ")}`, q] as const))(
    "%s",
    async (_, q) => {
      const lines = (await outputOf(q.args)).split("\n").map((l) => l.trimEnd());
      let at = 0;
      // The block's lines in order, each a whole line of the output (rows of a table can be elided).
      for (const line of q.block.split("\n").map((l) => l.trimEnd())) {
        const found = lines.indexOf(line, at);
        expect(
          found,
          `${q.file}: not in the output of hnb ${q.args.join(" ")}: ${line}`,
        ).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    },
  );
});

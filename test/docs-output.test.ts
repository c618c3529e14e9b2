// Every command output quoted in the README and docs/ is what the command prints today: a fenced
// block after `<!-- hnb-output: ARGS -->` must appear, line for line, in the output of `hnb ARGS`
// (run in-process). A figure typed by hand, or one the code has since changed, fails here.
// Other marks: `<!-- hnb-refusal: ARGS -->` quotes what a refused command (exit 1) prints on stderr;
// `<!-- hnb-no-answer: ARGS -->` what a command that finds no answer (exit 1: goal seek when no value
// balances the year) prints on stdout;
// `<!-- node-output: SCRIPT ARGS -->` what `node SCRIPT ARGS` prints (a study script, after
// `pnpm build`). ARGS may quote one argument ("North Somerset"), chain commands with ` && ` (each
// before the last must succeed), write into a fresh folder `$TMP` (its path is left out of the
// output, so `$TMP/ns.yaml` prints as `ns.yaml`) and read the real DfE files from
// `$HNB_SHARED_DATA` (test/shared-data.ts; skipped, saying so, where they are absent).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { main } from "@hnb/cli";
import { describe, expect, test } from "vitest";
import { SHARED_DATA } from "./shared-data.js";
import { capture, scratch } from "./support.js";

const files = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
// A mark, then a fenced block, both indented alike (a block may sit in a list item).
const MARK =
  /<!-- (hnb-output|hnb-refusal|hnb-no-answer|node-output): ([^>]+?) -->[ \t]*\n([ \t]*)```[a-z]*\n([\s\S]*?)\n[ \t]*```/g;
const ANY_MARK = /<!-- (hnb-output|hnb-refusal|hnb-no-answer|node-output):/g;
type Kind = "hnb-output" | "hnb-refusal" | "hnb-no-answer" | "node-output";

const quoted = files.flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(MARK)].map((m) => ({
    file,
    kind: m[1] as Kind,
    command: (m[2] as string).trim(),
    block: (m[4] as string)
      .split("\n")
      .map((l) => (l.startsWith(m[3] as string) ? l.slice((m[3] as string).length) : l))
      .join("\n"),
  })),
);
const HAS_SHARED = existsSync(SHARED_DATA);
if (!HAS_SHARED && quoted.some((q) => q.command.includes("$HNB_SHARED_DATA")))
  console.warn(
    `SKIPPED docs quotes of commands on the real DfE files: no ${SHARED_DATA} (set HNB_SHARED_DATA)`,
  );

/** One command's words: whitespace-separated, a double-quoted run one word; `$TMP` and `$HNB_SHARED_DATA` filled in. */
function words(command: string, tmp: string): string[] {
  return (command.match(/"[^"]*"|\S+/g) ?? []).map((w) =>
    w
      .replace(/^"(.*)"$/, "$1")
      .replaceAll("$TMP", tmp)
      .replaceAll("$HNB_SHARED_DATA", SHARED_DATA),
  );
}

const outputs = new Map<string, Promise<string>>();
function outputOf(kind: Kind, command: string): Promise<string> {
  const key = `${kind}: ${command}`;
  let out = outputs.get(key);
  if (!out) {
    out = (async () => {
      const tmp = command.includes("$TMP") ? scratch("hnb-docs-") : "$TMP";
      const steps = command.split(" && ").map((c) => words(c, tmp));
      const last = steps.pop() as string[];
      for (const step of steps) expect(await main(step, capture()), `hnb ${step.join(" ")}`).toBe(0);
      let text: string;
      if (kind === "node-output") {
        text = execFileSync(process.execPath, last, { encoding: "utf8", maxBuffer: 64 << 20 });
      } else {
        const io = capture();
        expect(await main(last, io)).toBe(kind === "hnb-output" ? 0 : 1);
        text = kind === "hnb-refusal" ? io.stderr : io.stdout;
      }
      return text.replaceAll(`${tmp}/`, "");
    })();
    outputs.set(key, out);
  }
  return out;
}

describe("command output quoted in the docs", () => {
  test("there is some, and every mark is followed by its block", () => {
    expect(quoted.length).toBeGreaterThan(0);
    for (const file of files) {
      const marks = readFileSync(file, "utf8").match(ANY_MARK)?.length ?? 0;
      expect(
        quoted.filter((q) => q.file === file).length,
        `${file}: a mark without a fenced block after it`,
      ).toBe(marks);
    }
  });
  test.for(quoted.map((q, i) => [`${q.file} #${i + 1}: ${q.kind} ${q.command}`, q] as const))(
    "%s",
    { timeout: 300_000 },
    async ([, q], { skip }) => {
      skip(q.command.includes("$HNB_SHARED_DATA") && !HAS_SHARED, `no real DfE files in ${SHARED_DATA}`);
      const lines = (await outputOf(q.kind, q.command)).split("\n").map((l) => l.trimEnd());
      let at = 0;
      // The block's lines in order, each a whole line of the output (rows of a table can be elided).
      for (const line of q.block.split("\n").map((l) => l.trimEnd())) {
        const found = lines.indexOf(line, at);
        expect(
          found,
          `${q.file}: not in the output of ${q.kind} ${q.command}: ${line}`,
        ).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    },
  );
});

import { resolve } from "node:path";
import { DEFAULT_WORDING, forumPaper } from "@hnb/charts";
import { scenarioYaml, writeFileAtomic } from "@hnb/io";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { readWordingOption } from "../paper-wording.js";
import { progress } from "../progress.js";
import { oneScenarioFile, RUN_FLAGS, runOptions, runScenario } from "./forecast.js";

/** The usage line of `hnb paper`. */
export const PAPER_USAGE =
  "usage: hnb paper FILE --out PAPER.docx [--paths N] [--seed S] [--source TEXT] [--wording FILE] [--quiet] | hnb paper --print-wording";
const USAGE = PAPER_USAGE;

/** The header of the wording file `--print-wording` prints. */
const WORDING_HEADER = `# The wording of hnb's Forum paper (hnb paper --wording FILE; hnb forecast --out DIR --wording FILE).
# Keep the keys you change and delete the rest: a missing key keeps its default. {placeholders} are
# filled with figures computed from the forecast; a text may use those its default uses, and {plan},
# {scenario}, {authority}. Wording may not contain digits: every figure in the paper is computed.
# An empty text ("") leaves its paragraph out. See docs/forum-paper.md.
`;

/**
 * `hnb paper FILE --out PAPER.docx`: the Schools Forum paper (Word) drafted from the forecast; `--print-wording` prints the default wording to adapt.
 * @example await paperCommand(["data/default-scenario.yaml", "--out", "paper.docx"], processConsole())
 */
export async function paperCommand(args: readonly string[], io: Console): Promise<number> {
  const parsed = parse(args);
  if (parsed.printWording) {
    io.out(scenarioYaml(DEFAULT_WORDING, WORDING_HEADER));
    return EXIT.ok;
  }
  const { file, out } = parsed;
  const wording = await readWordingOption(parsed.wording, io);
  if (typeof wording === "number") return wording;
  const run = await runScenario(file, parsed, io, USAGE);
  if (typeof run === "number") return run;
  const bar = progress(io, "hnb: drafting the paper", parsed.quiet);
  const bytes = await forumPaper({
    ...run,
    ...(parsed.source !== undefined ? { source: parsed.source } : {}),
    ...(wording ? { wording } : {}),
  });
  bar.finish();
  await writeFileAtomic(out, bytes);
  if (!parsed.quiet) io.err(`hnb: wrote ${out}\n`);
  return EXIT.ok;
}

function parse(args: readonly string[]) {
  const { values, positionals } = parseCommand(
    args,
    {
      out: { type: "string" },
      ...RUN_FLAGS,
      "print-wording": { type: "boolean" },
    },
    USAGE,
  );
  if (values["print-wording"]) {
    if (positionals.length || Object.keys(values).length > 1)
      throw new UsageError(`--print-wording takes no scenario file and no other option\n${USAGE}`);
    return { printWording: true as const };
  }
  const file = oneScenarioFile(positionals, USAGE);
  const out = values.out;
  if (out === undefined) throw new UsageError(`missing --out PAPER.docx: the file to write\n${USAGE}`);
  if (!out.toLowerCase().endsWith(".docx"))
    throw new UsageError(`--out ${out}: a Word paper is written to a .docx file\n${USAGE}`);
  // Writing over an input would lose it (the paper replaces its file whole).
  for (const [flag, input] of [
    ["the scenario file", file],
    ["--wording", values.wording],
  ] as const)
    if (input !== undefined && resolve(input) === resolve(out))
      throw new UsageError(`--out ${out} is ${flag}: choose another --out\n${USAGE}`);
  return {
    printWording: false as const,
    file,
    out,
    quiet: values.quiet === true,
    ...runOptions(values, USAGE),
    wording: values.wording,
  };
}

import { authorityHistory, scenarioSkeleton, scenarioYaml, writeFileAtomic } from "@hnb/io";
import { parseScenario } from "@hnb/model";
import { type Console, EXIT, parseCommand, UsageError } from "../console.js";
import { loadSen2 } from "../sen2.js";

const USAGE = "usage: hnb import DIR --authority NAME|CODE [--base-year Y] [--horizon H] [--out FILE]";

/** `hnb import DIR --authority NAME`: an authority's SEN2 history as a scenario skeleton (YAML). @example await importCommand(["../shared/data/sen2-2022", "--authority", "Bristol"], io) */
export async function importCommand(args: readonly string[], io: Console): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      authority: { type: "string" },
      "base-year": { type: "string" },
      horizon: { type: "string" },
      out: { type: "string" },
    },
    USAGE,
  );
  if (positionals.length !== 1) throw new UsageError(`expected one folder of DfE SEN2 statistics\n${USAGE}`);
  if (!values.authority)
    throw new UsageError(`--authority is required (a name, or a new or old LA code)\n${USAGE}`);
  const loaded = await loadSen2("import", positionals[0] as string, values.authority, io);
  if (!loaded?.authority) return EXIT.badInput;
  const history = authorityHistory(loaded.data, loaded.authority);
  let skeleton: Record<string, unknown>;
  try {
    skeleton = scenarioSkeleton(history, {
      ...(values["base-year"] ? { baseYear: Number(values["base-year"]) } : {}),
      ...(values.horizon ? { horizon: Number(values.horizon) } : {}),
    });
  } catch (error) {
    io.err(`hnb import: ${(error as Error).message}\n`);
    return EXIT.badInput;
  }
  // The skeleton must itself be a valid scenario, or the user starts from a broken file.
  const check = parseScenario(skeleton);
  if (!check.ok) {
    for (const p of check.problems) io.err(`hnb import: internal: skeleton ${p.path}: ${p.message}\n`);
    return EXIT.internal;
  }
  const header = [
    `# ${history.authority.name} (${history.authority.newCode}, ${history.authority.oldCode}) from DfE SEN2 statistics, ${history.layout} release layout.`,
    `# Census years ${history.years[0]}–${history.years[history.years.length - 1]}; ${history.missing.count} suppressed or missing cells${history.missing.count ? `: ${history.missing.cells.slice(0, 5).join("; ")}${history.missing.count > 5 ? "; …" : ""}` : ""}.`,
    ...history.breaks.map((b) => `# Series note: ${b}.`),
    "# Unit costs, income and the opening balance are not in SEN2: replace every ENTER before forecasting.",
    "# growth: auto is estimated from each type's own SEN2 series, which can carry recording breaks: review the",
    '# rates `hnb forecast` lists under "Growth estimated from history" before relying on them.',
  ].join("\n");
  const text = scenarioYaml(skeleton, header);
  if (values.out) {
    await writeFileAtomic(values.out, text);
    io.err(`hnb import: wrote ${values.out}\n`);
  } else io.out(text);
  return EXIT.ok;
}

// `--help` for every script here: imported first by each (`import "./help.mjs";`), it prints the
// script's opening comment, which says what the script does and how to run it, and exits before
// the script does any work. Run on its own it lists the scripts.
//
// usage: node scripts/SCRIPT --help
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A script's opening comment block, without the comment marks. @example openingComment("scripts/bench.mjs") */
export function openingComment(path) {
  const lines = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("#!")) continue;
    const m = /^\s*(?:\/\/|#) ?(.*)$/.exec(line);
    if (!m) break;
    lines.push(m[1]);
  }
  return lines.join("\n").trim();
}

const here = dirname(fileURLToPath(import.meta.url));
const script = process.argv[1] ?? "";
if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
  if (basename(script) === "help.mjs" || script === "") {
    const scripts = readdirSync(here)
      .filter((f) => /\.(mjs|sh|py|cjs)$/.test(f))
      .sort();
    console.log(
      `scripts/: each answers --help with what it does and how to run it.\nusage: node scripts/SCRIPT --help\n\n${scripts.map((f) => `  ${f}`).join("\n")}`,
    );
  } else console.log(`${basename(script)}: ${openingComment(script)}`);
  process.exit(0);
} else if (basename(script) === "help.mjs") {
  console.log(openingComment(join(here, "help.mjs")));
}

// Builds notebooks/NN-name.ipynb from percent-format sources notebooks/src/NN-name.ts: a line
// `// %%` starts a code cell and `// %% [markdown]` a markdown cell whose lines are `// ` comments.
// Notebooks are reviewed and diffed as plain TypeScript; the .ipynb keeps the executed outputs.
// `--check` fails when an .ipynb's cells differ from its source (CI runs it).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const srcDir = join(root, "notebooks", "src");
const check = process.argv.includes("--check");

/** Cells of a percent-format source. */
export function parseSource(text) {
  const cells = [];
  let current;
  for (const line of text.replace(/\r\n/g, "\n").split("\n")) {
    const marker = /^\/\/ %%( \[markdown\])?\s*$/.exec(line);
    if (marker) {
      current = { type: marker[1] ? "markdown" : "code", lines: [] };
      cells.push(current);
    } else if (current) {
      current.lines.push(current.type === "markdown" ? line.replace(/^\/\/ ?/, "") : line);
    }
  }
  return cells.map((c) => {
    while (c.lines.length && c.lines.at(-1).trim() === "") c.lines.pop();
    while (c.lines.length && c.lines[0].trim() === "") c.lines.shift();
    return { type: c.type, source: c.lines.join("\n") };
  });
}

const asSource = (text) => text.split(/(?<=\n)/);

function notebookFrom(cells, previous) {
  const old = previous?.cells ?? [];
  return {
    cells: cells.map((c, i) => {
      const before = old[i];
      const same = before && before.cell_type === c.type && before.source.join("") === c.source;
      // Deterministic ids: nbformat 4.5 wants them, and random ones would make every build a diff.
      const id = `cell-${String(i + 1).padStart(2, "0")}`;
      if (c.type === "markdown")
        return { cell_type: "markdown", id, metadata: {}, source: asSource(c.source) };
      return {
        cell_type: "code",
        execution_count: same ? (before.execution_count ?? null) : null,
        id,
        metadata: {},
        outputs: same ? (before.outputs ?? []) : [],
        source: asSource(c.source),
      };
    }),
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        version: "3.7.2",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

let stale = 0;
const sources = existsSync(srcDir)
  ? readdirSync(srcDir)
      .filter((f) => f.endsWith(".ts"))
      .sort()
  : [];
for (const file of sources) {
  const target = join(root, "notebooks", `${basename(file, ".ts")}.ipynb`);
  const cells = parseSource(readFileSync(join(srcDir, file), "utf8"));
  const previous = existsSync(target) ? JSON.parse(readFileSync(target, "utf8")) : undefined;
  const nb = notebookFrom(cells, previous);
  const text = `${JSON.stringify(nb, null, 1)}\n`;
  const current = existsSync(target) ? readFileSync(target, "utf8") : "";
  const sameCells =
    previous &&
    previous.cells.length === cells.length &&
    previous.cells.every((c, i) => c.cell_type === cells[i].type && c.source.join("") === cells[i].source);
  if (check) {
    if (!sameCells) {
      console.error(`notebooks/${basename(target)} is stale: run \`pnpm notebooks:write\``);
      stale++;
    }
  } else if (text !== current) {
    writeFileSync(target, text);
    console.log(`built notebooks/${basename(target)} (${cells.length} cells)`);
  }
}
if (stale) process.exit(1);

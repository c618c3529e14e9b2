// Keeps notebooks/NN-name.ipynb and its percent-format source notebooks/src/NN-name.ts in step, both
// ways: a line `// %%` starts a code cell and `// %% [markdown]` a markdown cell whose lines are `// `
// comments. Sources are reviewed and diffed as plain TypeScript; the .ipynb is what users open, edit
// in Jupyter and run, and it keeps the executed outputs.
//
// Each .ipynb records a fingerprint of the cells it was built with, so the script can tell which
// side changed since: a changed source rebuilds its .ipynb (outputs of unchanged cells kept); a
// changed .ipynb (edited in Jupyter) is never overwritten: the script stops and says how to pull
// the edit into the source (`--pull NN`) or discard it (`--force NN`).
//
// usage: node scripts/build-notebooks.mjs [--check] [--pull NN...] [--force NN...]
//   --check     change nothing; fail (exit 1) when a notebook and its source are not in step (CI)
//   --pull NN   write notebook NN's cells, as edited in Jupyter, into notebooks/src/NN-*.ts
//   --force NN  rebuild notebook NN from its source, discarding the edits made in the .ipynb
import "./help.mjs";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const srcDir = join(root, "notebooks", "src");
const args = process.argv.slice(2);
const check = args.includes("--check");
/** The notebooks named after a flag (`--pull 01 02`), until the next flag. */
function named(flag) {
  const i = args.indexOf(flag);
  if (i < 0) return [];
  const out = [];
  for (let j = i + 1; j < args.length && !args[j].startsWith("--"); j++) out.push(args[j]);
  if (out.length === 0) {
    console.error(`build-notebooks: ${flag} needs the notebook's number or name, e.g. ${flag} 01`);
    process.exit(2);
  }
  return out;
}
const pull = named("--pull");
const force = named("--force");
const picks = (list, file) => list.some((n) => basename(file).startsWith(n) || basename(file).includes(n));

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

/** A percent-format source from cells: parseSource's inverse. */
export function sourceOf(cells) {
  const text = cells
    .map((c) =>
      c.type === "markdown"
        ? `// %% [markdown]\n${c.source
            .split("\n")
            .map((l) => (l === "" ? "//" : `// ${l}`))
            .join("\n")}`
        : `// %%\n${c.source}`,
    )
    .join("\n\n");
  return `${text}\n`;
}

const asSource = (text) => text.split(/(?<=\n)/);
const cellsOf = (nb) =>
  (nb?.cells ?? []).map((c) => ({
    type: c.cell_type,
    source: Array.isArray(c.source) ? c.source.join("") : (c.source ?? ""),
  }));
const fingerprint = (cells) =>
  createHash("sha256")
    .update(JSON.stringify(cells.map((c) => [c.type, c.source])))
    .digest("hex")
    .slice(0, 16);
const same = (a, b) =>
  a.length === b.length && a.every((c, i) => c.type === b[i].type && c.source === b[i].source);
// The first code cell opening with "// Parameters" is tagged as papermill and `pnpm notebook` expect.
const isParameters = (cells, i) =>
  cells[i].type === "code" &&
  cells.findIndex((c) => c.type === "code") === i &&
  /^\/\/ Parameters\b/.test(cells[i].source);

function notebookFrom(cells, previous, file) {
  const old = previous?.cells ?? [];
  return {
    cells: cells.map((c, i) => {
      const before = old[i];
      const kept =
        before && before.cell_type === c.type && cellsOf({ cells: [before] })[0].source === c.source;
      // Deterministic ids: nbformat 4.5 wants them, and random ones would make every build a diff.
      const id = `cell-${String(i + 1).padStart(2, "0")}`;
      if (c.type === "markdown")
        return { cell_type: "markdown", id, metadata: {}, source: asSource(c.source) };
      return {
        cell_type: "code",
        execution_count: kept ? (before.execution_count ?? null) : null,
        id,
        metadata: isParameters(cells, i) ? { tags: ["parameters"] } : {},
        outputs: kept ? (before.outputs ?? []) : [],
        source: asSource(c.source),
      };
    }),
    metadata: {
      // Which source the notebook is built from, and the fingerprint of the cells it was built with.
      hnb: { source: `notebooks/src/${file}`, cells: fingerprint(cells) },
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

const write = (path, nb) => writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);

let problems = 0;
const sources = existsSync(srcDir)
  ? readdirSync(srcDir)
      .filter((f) => f.endsWith(".ts"))
      .sort()
  : [];
for (const file of sources) {
  const name = basename(file, ".ts");
  const target = join(root, "notebooks", `${name}.ipynb`);
  const sourcePath = join(srcDir, file);
  const text = readFileSync(sourcePath, "utf8");
  const fromSource = parseSource(text);
  const nb = existsSync(target) ? JSON.parse(readFileSync(target, "utf8")) : undefined;
  const inNotebook = cellsOf(nb);
  const recorded = nb?.metadata?.hnb?.cells;
  const rel = `notebooks/${name}.ipynb`;
  const how =
    `  to keep the edit: node scripts/build-notebooks.mjs --pull ${name.slice(0, 2)}   (writes it into notebooks/src/${file})\n` +
    `  to discard it:    node scripts/build-notebooks.mjs --force ${name.slice(0, 2)}  (rebuilds the .ipynb from the source)`;

  if (nb && picks(pull, file)) {
    // The .ipynb's cells become the source; the notebook itself keeps its cells and outputs.
    const pulled = sourceOf(inNotebook);
    if (!same(parseSource(pulled), inNotebook)) {
      console.error(
        `${rel}: a cell holds a line "// %%", which would split it in the source; nothing pulled`,
      );
      problems++;
      continue;
    }
    if (!check) {
      writeFileSync(sourcePath, pulled);
      write(target, {
        ...nb,
        metadata: {
          ...nb.metadata,
          hnb: { source: `notebooks/src/${file}`, cells: fingerprint(inNotebook) },
        },
      });
      console.log(`pulled ${rel} into notebooks/src/${file} (${inNotebook.length} cells)`);
    }
    continue;
  }
  const inStep = nb && same(fromSource, inNotebook);
  const sourceChanged = nb && recorded === fingerprint(inNotebook); // the .ipynb is as last built
  const notebookEdited = nb && !inStep && recorded === fingerprint(fromSource) && !sourceChanged;
  if (inStep) {
    // In step; record the fingerprint if the notebook has none yet (or an old one).
    if (
      !check &&
      (recorded !== fingerprint(fromSource) || nb.metadata.hnb.source !== `notebooks/src/${file}`)
    ) {
      write(target, notebookFrom(fromSource, nb, file));
      console.log(`recorded the cells of ${rel}`);
    }
    continue;
  }
  if (!nb || sourceChanged || picks(force, file)) {
    if (check) {
      console.error(
        `${rel} is stale: its source notebooks/src/${file} changed; run \`pnpm notebooks:write\``,
      );
      problems++;
    } else {
      write(target, notebookFrom(fromSource, nb, file));
      console.log(
        `built ${rel} (${fromSource.length} cells)${nb && !sourceChanged ? ", discarding the edits made in it" : ""}`,
      );
    }
    continue;
  }
  problems++;
  if (notebookEdited)
    console.error(
      `${rel} was edited (in Jupyter?) since it was built from notebooks/src/${file}: not overwritten.\n${how}`,
    );
  else
    console.error(
      `${rel} and notebooks/src/${file} were both changed since the notebook was built (or the notebook has no record of its build): not overwritten.\n` +
        `${how}\n  then make the other change again.`,
    );
}
if (problems) process.exit(1);

// `pnpm notebook NN --scenario FILE [--out DIR]`: runs notebook NN on your own scenario (YAML, JSON
// or an .xlsx input workbook) and saves the executed copy as DIR/NN-name.ipynb (default DIR:
// notebooks/output/). The copy's first cell (its parameters) names your file, so it runs on it again
// when opened in Jupyter; the kernel runs in DIR, so what the notebook writes lands there too. A DIR
// outside this clone gets a `node_modules` link to the clone's, so the copy finds @hnb/* from there.
// The scenario is checked first, as `hnb validate` does; a notebook cell that fails is named and
// nothing is saved. Cells that need what a scenario does not have (levers, place funding, a demand
// section) say so in their output and are skipped; those notes are printed here too.
//
// usage: pnpm notebook NN --scenario FILE [--out DIR]     (NN: a notebook's number, 01, 02, …, or part of its name)
import "./help.mjs";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { cellErrors, executeNotebooks, notReady, root, tidy } from "./notebook-runner.mjs";

const USAGE = "usage: pnpm notebook NN --scenario FILE [--out DIR]";
const fail = (message, code = 1) => {
  console.error(`pnpm notebook: ${message}`);
  process.exit(code);
};

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { scenario: { type: "string" }, out: { type: "string" } },
  });
} catch (error) {
  fail(`${error.message}\n${USAGE}`, 2);
}
const [which, ...extra] = parsed.positionals;
if (!which || extra.length) fail(`give one notebook (its number, e.g. 01, or part of its name)\n${USAGE}`, 2);
if (!parsed.values.scenario)
  fail(`--scenario FILE is required: the scenario to run the notebook on\n${USAGE}`, 2);

const dir = join(root, "notebooks");
const key = /^\d$/.test(which) ? `0${which}` : which;
const matches = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb") && (f.startsWith(`${key}-`) || f.includes(key)))
  .sort();
if (matches.length !== 1)
  fail(
    `${matches.length ? `"${which}" names ${matches.length} notebooks` : `no notebook is named "${which}"`}; the notebooks:\n${readdirSync(
      dir,
    )
      .filter((f) => f.endsWith(".ipynb"))
      .sort()
      .map((f) => `  ${f.replace(/\.ipynb$/, "")}`)
      .join("\n")}`,
    2,
  );
const file = matches[0];
// Paths are the user's: `pnpm notebook` runs this in the workspace root, and says where it was started.
const here = process.env.INIT_CWD ?? process.cwd();
const scenario = resolve(here, parsed.values.scenario);

// The scenario first: a notebook that stops at its first cell says less than `hnb validate` does.
let io;
try {
  io = await import("../packages/io/dist/index.js");
} catch {
  fail("the workspace is not built: run `pnpm build` (or `bash scripts/setup.sh`)");
}
const read = await io.readScenarioFile(scenario);
if (!read.ok) {
  for (const p of read.problems) console.error(`${parsed.values.scenario}: ${p.path}: ${p.message}`);
  fail(
    `${parsed.values.scenario} is not a scenario the notebook can run on (hnb validate lists the same problems); nothing was run`,
  );
}
const out = parsed.values.out === undefined ? join(dir, "output") : resolve(here, parsed.values.out);
mkdirSync(out, { recursive: true });
const target = join(out, file);
// An earlier executed copy is replaced; any other notebook of that name may be someone's work.
if (existsSync(target)) {
  let ours = false;
  try {
    ours = JSON.parse(readFileSync(target, "utf8")).metadata?.hnb?.executed !== undefined;
  } catch {}
  if (!ours)
    fail(
      `${target} exists and was not written by pnpm notebook (it may be your own edit): move it or choose another --out; nothing was run`,
    );
}

const why = notReady();
if (why) fail(`cannot run notebooks: ${why}`);

// The parameters cell names the user's file, and any other file it reads by an absolute path, so
// the copy runs the same wherever it is opened.
const nb = JSON.parse(readFileSync(join(dir, file), "utf8"));
const text = (c) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const params = nb.cells.find(
  (c) =>
    c.cell_type === "code" &&
    (c.metadata?.tags?.includes("parameters") || /^\/\/ Parameters\b/.test(text(c))),
);
if (!params || !/process\.env\.HNB_SCENARIO/.test(text(params)))
  fail(`${file} has no parameters cell reading HNB_SCENARIO; it cannot be pointed at a scenario`);
const source = text(params)
  .replace(
    /(process\.env\.HNB_SCENARIO\s*\?\?\s*)("[^"\n]*"|'[^'\n]*')/,
    (_, head) => `${head}${JSON.stringify(scenario)}`,
  )
  .replace(/(["'])(\.\.?\/[^"'\n]*)\1/g, (_, _q, path) => JSON.stringify(resolve(dir, path)));
params.source = source.split(/(?<=\n)/);
for (const c of nb.cells) if (c.cell_type === "code") c.outputs = [];
nb.metadata = { ...nb.metadata, hnb: { executed: { notebook: `notebooks/${file}`, scenario } } };

const work = mkdtempSync(join(tmpdir(), "hnb-notebook-"));
writeFileSync(join(work, file), JSON.stringify(nb));
// Outside this clone the copy needs the clone's packages: a node_modules link beside it.
const inside = !relative(root, out).startsWith("..");
const link = join(out, "node_modules");
if (!inside && !existsSync(link)) {
  symlinkSync(join(root, "node_modules"), link, "dir");
  console.error(
    `pnpm notebook: linked ${link} to this clone's node_modules, so the copy runs in Jupyter from ${out}`,
  );
} else if (!inside && !lstatSync(link).isSymbolicLink())
  console.error(`pnpm notebook: ${link} exists; the copy uses it to find @hnb/* when run from ${out}`);

console.error(`pnpm notebook: running ${file} on ${parsed.values.scenario} (the kernel runs in ${out})`);
const [result] = executeNotebooks([join(work, file)], {
  out: work,
  cwd: out,
  env: { HNB_SCENARIO: scenario },
});
const done = join(work, file);
const ran = existsSync(done) ? JSON.parse(readFileSync(done, "utf8")) : undefined;
if (result?.status !== 0 || !ran) {
  rmSync(work, { recursive: true, force: true });
  fail(
    `${file} failed to execute (${result?.seconds ?? "?"} s)\n${(result?.stderr ?? "").split("\n").slice(-15).join("\n")}`,
  );
}
const errors = cellErrors(ran);
// What the notebook skipped for want of a feature, said where the user ran it.
const notes = ran.cells
  .flatMap((c) => c.outputs ?? [])
  .filter((o) => o.output_type === "stream" && o.name === "stdout")
  .flatMap((o) => text({ source: o.text }).split("\n"))
  .filter((l) => l.startsWith("Skipped:"));
rmSync(work, { recursive: true, force: true });
if (errors.length)
  fail(
    `${file} on ${parsed.values.scenario}: ${errors.length} cell error${errors.length > 1 ? "s" : ""}; nothing was saved\n${errors.join("\n")}`,
  );
writeFileSync(target, `${JSON.stringify(tidy(ran), null, 1)}\n`);
for (const n of notes) console.error(`  ${n}`);
const code = ran.cells.filter((c) => c.cell_type === "code").length;
console.error(`pnpm notebook: ${file}: ${code} code cells, ok (${result.seconds} s); saved ${target}`);

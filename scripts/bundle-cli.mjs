// `pnpm build`, after tsc -b: bundles the tsc output of the `hnb` command line into one file,
// packages/cli/dist/bundle/hnb.cjs, with a V8 code cache beside it (hnb.cache). packages/cli/bin/hnb.js
// runs the bundle when it is newer than every package's tsc output, and packages/cli/dist/bin.js
// otherwise. Start-up was mostly module loading (about 170 ES modules and 70 CommonJS files; zod
// alone is about 100); one file with its compiled code cached loads several times faster.
//
// The bundle runs the code tsc emitted (its input is packages/*/dist, resolved as Node resolves it),
// so it cannot change an output byte. What keeps it so:
//   - `import.meta.url` in a bundled workspace file becomes that file's own URL (relative to the bundle),
//     so createRequire() finds mathjs, the chart font and package.json from where it always did;
//   - the libraries loaded only on demand (vega, vega-lite, exceljs, resvg, arquero, docx) stay outside the
//     bundle, imported by their resolved path, so `forecast --json` never loads them;
//   - the bundle is strict mode, as the ES modules it came from were.
// It is CommonJS, not an ES module, because Node 20 can cache compiled code for a script (vm.Script
// cachedData) but not for an ES module; the one top-level await, in bin.js, becomes an async function.
import "./help.mjs";
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "packages/cli");
const outdir = join(cli, "dist/bundle");
const outfile = join(outdir, "hnb.cjs");
const entry = join(cli, "dist/bin.js");
const packagesDir = join(root, "packages") + sep;

// Loaded with import() only when a chart, workbook, table or paper needs them; kept out of the bundle.
const LAZY = ["vega", "vega-lite", "exceljs", "@resvg/resvg-js", "arquero", "docx"];
const lazyPattern = new RegExp(`^(${LAZY.map((p) => p.replace(/[/.]/g, "\\$&")).join("|")})(/|$)`);

const posix = (p) => p.split(sep).join("/");
const fromBundle = (file) => {
  const r = posix(relative(outdir, file));
  return r.startsWith(".") ? r : `./${r}`;
};
// The bundle's own URL, set by the banner; a bundled file's URL is found relative to it.
const BUNDLE_URL = "__hnbBundleUrl";
// The launcher's import(), for the lazy libraries (see below).
const IMPORT = "__hnbImport";
const urlOf = (file) => `new URL(${JSON.stringify(fromBundle(file))}, ${BUNDLE_URL}).href`;

const lazyFiles = new Set();

/** @type {import("esbuild").Plugin} */
const keepPaths = {
  name: "hnb-keep-paths",
  setup(build) {
    build.onResolve({ filter: lazyPattern }, async (args) => {
      if (args.pluginData === "hnb-resolving") return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "hnb-resolving",
      });
      if (r.errors.length) return { errors: r.errors };
      lazyFiles.add(r.path);
      return { path: r.path, external: true };
    });
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(packagesDir) || args.path.includes(`${sep}node_modules${sep}`))
        return undefined;
      let text = await readFile(args.path, "utf8");
      if (args.path === entry) {
        // bin.js awaits main() at its top level; CommonJS has no top-level await.
        const body = text.search(/^(?!import )/m);
        if (/^export /m.test(text) || body < 0) throw new Error(`${args.path}: cannot wrap its body`);
        text = `${text.slice(0, body)}(async () => {\n${text.slice(body)}\n})();\n`;
      }
      if (text.includes("import.meta.url")) text = text.replaceAll("import.meta.url", urlOf(args.path));
      if (/\bimport\.meta\b/.test(text)) throw new Error(`${args.path}: import.meta other than .url`);
      return { contents: text, loader: "js" };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // Resolve as Node does: the package "exports" default condition (dist/, never "@hnb/source"), then "main".
  conditions: [],
  mainFields: ["main"],
  plugins: [keepPaths],
  banner: {
    js: [
      `"use strict";`,
      `const ${BUNDLE_URL} = require("node:url").pathToFileURL(__filename).href;`,
      `const ${IMPORT} = module.hnbImport ?? ((url) => import(url));`,
    ].join("\n"),
  },
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});
if (result.warnings.length)
  throw new Error("the CLI bundle has warnings (above): fix them, do not ship them");

// The lazy libraries are imported by their file's URL, found relative to the bundle at run time (not
// this checkout's absolute path), through the launcher's import(): code compiled by vm.Script from a
// code cache cannot call import() itself (Node loses its loader), so bin/hnb.js lends its own.
let code = await readFile(outfile, "utf8");
for (const file of lazyFiles) {
  const call = `import(${JSON.stringify(file)})`;
  if (!code.includes(call)) throw new Error(`cannot find the import of ${file} in the bundle`);
  code = code.replaceAll(call, `${IMPORT}(${urlOf(file)})`);
}
for (const output of Object.values(result.metafile.outputs))
  for (const imp of output.imports)
    if (imp.kind === "dynamic-import" && !lazyFiles.has(imp.path))
      throw new Error(`the bundle imports ${imp.path} with import(): add it to LAZY`);
if (code.includes(root)) throw new Error("the bundle names an absolute path of this checkout");
writeFileSync(outfile, code);
writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile));

// The code cache: run the bundle once (the default forecast) and keep the code V8 compiled for it.
const cache = join(outdir, "hnb.cache");
const warm = spawnSync(
  process.execPath,
  [join(cli, "bin/hnb.js"), "forecast", join(root, "data/default-scenario.yaml"), "--json"],
  {
    env: { ...process.env, HNB_WRITE_CODE_CACHE: cache },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  },
);
const cached = warm.status === 0 && statSync(cache, { throwIfNoEntry: false });
if (!cached) console.warn(`no code cache (the bundle still works, only starts slower): ${warm.stderr}`);

const inputs = Object.keys(result.metafile.inputs).length;
const kib = (f) => `${(statSync(f).size / 1024).toFixed(0)} KiB`;
console.log(
  `bundled hnb: ${posix(relative(root, outfile))} (${inputs} modules, ${kib(outfile)})${cached ? `, code cache ${kib(cache)}` : ""}`,
);

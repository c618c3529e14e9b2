// A committed launcher so that pnpm links the `hnb` bin at install time, before the build exists.
// It runs the one-file bundle that `pnpm build` makes (scripts/bundle-cli.mjs), with its V8 code
// cache, when the bundle is newer than every package's tsc output; otherwise the tsc output itself,
// so a `tsc -b` without the bundle step never runs stale code.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

const here = (path) => new URL(path, import.meta.url);
const bundle = here("../dist/bundle/hnb.cjs");
const cache = here("../dist/bundle/hnb.cache");
const mtime = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
const fresh =
  built !== undefined &&
  ["model", "io", "charts", "cli"].every((p) => mtime(here(`../../${p}/dist/.tsbuildinfo`)) <= built);

// A command is over in a few hundred milliseconds; V8's optimising compiler, started as early as it
// is by default, mostly competes with it for the two cores (measured: `forecast --json` 20-25% faster
// on the 2-core machine with a 15× budget). A simulation (`--paths`) is the opposite: its loop wants
// optimising at once, so `forecast` gives V8 its default back just before it (src/tier-up.ts). Only
// on V8 11 (Node 20), where the flag is known to exist: an unknown flag is an error message on stderr.
if (process.versions.v8.startsWith("11.")) v8.setFlagsFromString("--interrupt-budget=1000000");

if (fresh) runBundle();
else await import("../dist/bin.js");

// Runs the CommonJS bundle as Node would (same wrapper, require and globals), through vm.Script so
// that the compiled code can come from, and go to, the cache.
function runBundle() {
  const filename = fileURLToPath(bundle);
  let cachedData;
  try {
    cachedData = process.env.HNB_WRITE_CODE_CACHE ? undefined : readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), { filename, cachedData });
  const module = new Module(filename);
  module.filename = filename;
  // Code from a code cache cannot call import(): the bundle loads vega, exceljs and resvg through this.
  module.hnbImport = (url) => import(url);
  const require = Module.createRequire(filename);
  script.runInThisContext()(module.exports, require, module, filename, fileURLToPath(new URL(".", bundle)));
  // `pnpm build` asks for the cache once the forecast has run, so it holds every function it compiled.
  const out = process.env.HNB_WRITE_CODE_CACHE;
  if (out) process.on("exit", () => writeFileSync(out, script.createCachedData()));
}

// The TypeScript kernel scripts/register-kernel.mjs registers with Jupyter (as "tslab", the kernel
// the notebooks name). It is copied into the kernel's folder, so it belongs to no clone: it runs the
// tslab of the hnb workspace the notebook sits in, found from the kernel's working folder (Jupyter
// starts it in the notebook's folder) upwards. So a notebook runs with its own clone's packages
// whichever clone registered the kernel, and a clone moved or deleted breaks only its own notebooks.
// A copy of a notebook outside every clone needs a `node_modules` link to a clone's in its folder
// (`pnpm notebook --out DIR` makes one; or: ln -s /path/to/clone/node_modules node_modules).
//
// usage (Jupyter runs it): node hnb-kernel.cjs CONNECTION_FILE
//        node hnb-kernel.cjs --which   prints the tslab it would run from the current folder
"use strict";
const { existsSync } = require("node:fs");
const path = require("node:path");

function tslabFrom(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const main = path.join(dir, "node_modules", "tslab", "dist", "main.js");
    if (path.basename(dir) !== "node_modules" && existsSync(main)) return main;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const arg = process.argv[2];
if (arg === "--help" || arg === "-h") {
  const text = require("node:fs").readFileSync(__filename, "utf8").split("\n");
  console.log(
    text
      .filter((l, i) => l.startsWith("//") && text.slice(0, i).every((x) => x.startsWith("//")))
      .map((l) => l.replace(/^\/\/ ?/, ""))
      .join("\n"),
  );
  process.exit(0);
}
const main = tslabFrom(process.cwd());
if (arg === "--which") {
  console.log(main ?? "none");
  process.exit(main ? 0 : 1);
}
if (!main) {
  console.error(
    `hnb kernel: ${process.cwd()} is not inside an hnb workspace (no node_modules/tslab above it). ` +
      "Open the notebook from a clone's notebooks/ folder, or link a clone's packages beside it: " +
      "ln -s /path/to/clone/node_modules node_modules (see docs/excel-and-notebooks.md).",
  );
  process.exit(1);
}
// The clone's own tslab, started as its `tslab kernel --config-path FILE` would start it.
require(main).startKernel({ configPath: arg ?? "", enableFindLocal: false });

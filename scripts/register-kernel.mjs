// Registers the TypeScript kernel with Jupyter as "tslab" (the name the notebooks give), with a
// launcher that belongs to no clone (scripts/hnb-kernel.cjs, copied into the kernel's folder): it
// runs the tslab of whichever hnb clone the notebook sits in, so registering again from another
// clone changes nothing and no clone has to be the one that ran setup last. scripts/setup.sh runs
// it; run it yourself after moving or removing the clone that registered the kernel before.
// Registers for this user (for every user when run as root), replacing a kernel of that name.
//
// usage: node scripts/register-kernel.mjs [--user]   (--user: this user's kernels even as root)
import "./help.mjs";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "hnb-kernel-"));
const spec = join(dir, "tslab");
spawnSync("mkdir", ["-p", spec]);
copyFileSync(join(here, "hnb-kernel.cjs"), join(spec, "hnb-kernel.cjs"));
writeFileSync(
  join(spec, "kernel.json"),
  `${JSON.stringify(
    {
      // Node by its absolute path (Jupyter's PATH may not have it); the launcher from the kernel's folder.
      argv: [process.execPath, "{resource_dir}/hnb-kernel.cjs", "{connection_file}"],
      display_name: "TypeScript",
      language: "typescript",
      metadata: { hnb: "runs the tslab of the hnb workspace the notebook is in (scripts/hnb-kernel.cjs)" },
    },
    null,
    1,
  )}\n`,
);
const user = process.argv.includes("--user") || process.getuid?.() !== 0;
const r = spawnSync(
  "jupyter",
  ["kernelspec", "install", "--replace", "--name", "tslab", ...(user ? ["--user"] : []), spec],
  {
    encoding: "utf8",
  },
);
rmSync(dir, { recursive: true, force: true });
if (r.error || r.status !== 0) {
  console.error(
    `register-kernel: jupyter kernelspec install failed: ${(r.stderr || String(r.error)).trim()}`,
  );
  process.exit(1);
}
console.log(
  `registered the tslab kernel (${user ? "this user" : "every user"}): ${r.stderr.trim().split("\n").pop()}`,
);

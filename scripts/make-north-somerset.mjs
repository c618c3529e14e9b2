// Writes data/north-somerset-illustrative.yaml: what `hnb import data/sen2-extract --authority
// "North Somerset"` writes, with every TODO filled by an ILLUSTRATIVE figure (not North Somerset's
// own: every placement at £20,000 a pupil rising 3% a year, a High Needs Block of £30m growing 3%,
// an opening deficit of £5m, no Schools Block transfer), each marked "illustrative:" in its source so
// every chart and sheet says so. It is the scenario CI runs `pnpm notebook 01` on (a non-Bristol
// authority) and notebook 10's default. Run after `pnpm build`; `--check` fails if the file is not
// what this script writes (test/notebook-own-scenario.test.ts runs it).
//
// usage: node scripts/make-north-somerset.mjs [--check]
import "./help.mjs";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseText, scenarioYaml } from "@hnb/io";

const root = new URL("..", import.meta.url).pathname;
const target = join(root, "data", "north-somerset-illustrative.yaml");
const imported = execFileSync(
  process.execPath,
  [
    join(root, "packages/cli/bin/hnb.js"),
    "import",
    join(root, "data/sen2-extract"),
    "--authority",
    "North Somerset",
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
);
const header = imported.split("\n").filter((l) => l.startsWith("#"));
const parsed = parseText(imported, "yaml");
if (!parsed.ok)
  throw new Error(`hnb import wrote YAML that does not parse: ${JSON.stringify(parsed.problems)}`);
const scenario = parsed.data;

const FILL = {
  unitCost: 20_000,
  costInflation: 0.03,
  amount: 30_000_000,
  growth: 0.03,
  openingBalance: -5_000_000,
};
const isTodo = (v) => typeof v === "string" && v.startsWith("TODO");
scenario.name = `${scenario.name}, illustrative money inputs`;
scenario.description =
  "EHCP counts, histories, flows and ages from the DfE SEN2 2022 release (data/sen2-extract); every money input is illustrative, not North Somerset's own.";
if (isTodo(scenario.openingBalance)) scenario.openingBalance = FILL.openingBalance;
scenario.openingBalanceSource = "illustrative: an opening DSG deficit of £5m, not North Somerset's own";
for (const p of scenario.placements) {
  if (isTodo(p.unitCost)) p.unitCost = FILL.unitCost;
  if (isTodo(p.costInflation)) p.costInflation = FILL.costInflation;
  p.source = `${p.source}; illustrative: unit cost £20,000 and inflation 3% a year, the same for every placement type`;
}
const hnb = scenario.income.hnb;
if (isTodo(hnb.amount)) hnb.amount = FILL.amount;
if (isTodo(hnb.growth)) hnb.growth = FILL.growth;
hnb.source =
  "illustrative: a High Needs Block of £30m in 2021-22 growing 3% a year, not North Somerset's allocation";
// No transfer is planned in the illustration, so the Schools Block (only needed for one) is left out.
delete scenario.income.schoolsBlock;
// The illustration leaves out the s251 lines other than placements (the import writes each as a TODO).
scenario.lines = [];
const grant = scenario.income.stabilityGrant;
if (grant && isTodo(grant.excluded)) {
  grant.excluded = 0;
  grant.source = "illustrative: no part of the deficit taken as other than High Needs";
}
// The illustration compares its deficit with no reserves: the council's are not illustrated.
delete scenario.statutoryOverride;
const left = JSON.stringify(scenario).match(/"TODO[^"]*"/g);
if (left) {
  console.error(`make-north-somerset: the import has TODOs this script does not fill: ${left.join(", ")}`);
  process.exit(1);
}
const text = scenarioYaml(
  scenario,
  [
    "# North Somerset: an imported authority with ILLUSTRATIVE money inputs (scripts/make-north-somerset.mjs).",
    '# Every TODO of the import is filled with a figure marked "illustrative:" in its source; replace them',
    "# with the authority's own before using any result. What hnb import wrote above its fields:",
    ...header,
  ].join("\n"),
);
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    console.error(
      "data/north-somerset-illustrative.yaml is not what scripts/make-north-somerset.mjs writes: run it",
    );
    process.exit(1);
  }
  console.log("data/north-somerset-illustrative.yaml is up to date");
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

// The default scenario (Bristol, base January 2022) against what happened: its unmitigated forecast
// of each placement type for the January 2025 census beside Bristol's real January 2025 figures in
// the 2025 release (issue #31; docs/accuracy.md). Reads the forecast as `hnb forecast --json` wrote it:
//   pnpm exec hnb forecast data/default-scenario.yaml --json > forecast.json
//   node scripts/default-vs-2025.mjs forecast.json [LATER_RELEASE_DIR]   (default $HNB_SHARED_DATA/sen2-2025-dev)
import "./help.mjs";
import { readFile } from "node:fs/promises";
import { authorityHistory, findAuthority, readSen2Dir } from "@hnb/io";
import { NATIONAL_UNIT_COSTS } from "@hnb/model";

const shared = process.env.HNB_SHARED_DATA ?? new URL("../../shared/data", import.meta.url).pathname;
const [file, dir = `${shared}/sen2-2025-dev`] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/default-vs-2025.mjs FORECAST.json [LATER_RELEASE_DIR]");
const result = JSON.parse(await readFile(file, "utf8"));
const data = await readSen2Dir(dir);
const found = findAuthority(data, "Bristol");
if (!found.ok) throw new Error(found.message);
const h = authorityHistory(data, found.authority);
const census = 2025;
const real = Object.fromEntries(h.byPlacement.map((p) => [p.id, p.counts[h.years.indexOf(census)]]));
// The scenario's placements as SEN2 types: hospital schools are inside SEN2's special; NEET, early
// years and other placements are SEN2's other; non-statutory and bespoke places are not EHCPs.
const TYPE = {
  mainstream: "mainstream",
  resourced: "resourced",
  special: "special",
  hospital: "special",
  inmss: "inmss",
  ap: "ap",
  post16: "post16",
  neet: "other",
  "early-years": "other",
  other: "other",
};
const forecastOf = {};
for (const p of result.unmitigated.placements)
  if (p.census === census && TYPE[p.id]) forecastOf[TYPE[p.id]] = (forecastOf[TYPE[p.id]] ?? 0) + p.count;
const fmt = (x) => Math.round(x).toLocaleString("en-GB");
console.log(
  `${result.scenario}: forecast from January ${result.baseYear} for January ${census} (unmitigated) against ${h.authority.name}'s real January ${census} (${dir})`,
);
console.log(`${"type".padEnd(11)}${"forecast".padStart(10)}${"real".padStart(10)}${"error".padStart(9)}`);
let fs = 0;
let rs = 0;
let abs = 0;
for (const id of Object.keys(NATIONAL_UNIT_COSTS)) {
  const f = forecastOf[id] ?? 0;
  const r = real[id];
  const c = NATIONAL_UNIT_COSTS[id];
  if (r !== null && r !== undefined) {
    fs += c * f;
    rs += c * r;
    abs += c * Math.abs(f - r);
  }
  console.log(
    `${id.padEnd(11)}${fmt(f).padStart(10)}${(r == null ? "-" : fmt(r)).padStart(10)}${(r ? `${((100 * (f - r)) / r).toFixed(0)}%` : "-").padStart(9)}`,
  );
}
const total = Object.values(forecastOf).reduce((a, b) => a + b, 0);
const realTotal = h.total[h.years.indexOf(census)];
console.log(
  `${"total".padEnd(11)}${fmt(total).padStart(10)}${fmt(realTotal).padStart(10)}${`${((100 * (total - realTotal)) / realTotal).toFixed(0)}%`.padStart(9)}`,
);
console.log(
  `placement spend at national unit costs: forecast £${(fs / 1e6).toFixed(1)}m, real £${(rs / 1e6).toFixed(1)}m (${((100 * (fs - rs)) / rs).toFixed(1)}%); type mix error ${((100 * abs) / rs).toFixed(1)}%`,
);

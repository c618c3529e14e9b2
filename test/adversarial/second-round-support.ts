import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { GOOD_SCENARIO } from "../fixtures/good-scenario.js";
import { run } from "../run-command.js";
import { scratch } from "../support.js";
import { scratchFile } from "./refusal.js";

export const GOOD = GOOD_SCENARIO;
export const BIN = resolve("packages/cli/bin/hnb.js");
export const BUILT = existsSync(resolve("packages/cli/dist/bundle/hnb.cjs"));

/** A file in a fresh folder (or in `dir`). */
export const file = scratchFile;
/** Every file under a folder, by relative path, with its bytes (base64). */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const path = join(dir, entry);
    try {
      out[entry] = readFileSync(path).toString("base64");
    } catch {
      // a folder
    }
  }
  return out;
}
/** A monitoring file of GOOD's first year with `months` closed (its scenario beside it, as s.yaml). */
export const monitoringYaml = (name: string, months: number, scenario = "s.yaml") => `schema: hnb-monitoring/1
name: ${name}
scenario: ${scenario}
fy: "2024-25"
budget: { special: 2850000, inmss: 1200000, therapies: 100000 }
actuals:
${Array.from({ length: months }, (_, i) => `  "2024-${String(i + 4).padStart(2, "0")}": { special: 240000, inmss: 100000, therapies: 8000 }`).join("\n")}
`;
/** GOOD as s.yaml with Q1 and Q2 monitoring files beside it, in a fresh folder. */
export function monitoringFolder(): string {
  const dir = scratch("hnb-adv2-mon-");
  file(GOOD, "s.yaml", dir);
  file(monitoringYaml("Q1", 3), "q1.yaml", dir);
  file(monitoringYaml("Q2", 6), "q2.yaml", dir);
  return dir;
}
// compare --out is the quickest pack to write; every command writes through the same writer.
export const writer = (pack: string, n = "Test") => {
  const a = file(GOOD.replace("name: Test", `name: ${n}`));
  return ["compare", a, a, "--names", `${n},${n}-again`, "--out", pack, "--quiet"];
};
/** A pack folder at `dir`. */
export async function packAt(dir: string): Promise<string> {
  expect(await run(writer(dir))).toEqual({ code: 0, out: "", err: "" });
  return dir;
}

export const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
export const noRawControls = (text: string) => expect(text).not.toMatch(UNSAFE);

// The SEN2 2022 layout, one authority (two for the name cases), as the first round's tests write it.
export const HEAD =
  "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,establishment_type,establishment_group,Total_st,Total_st_pc,Total_ehc,Total_ehc_pc,Total_all,Total_all_pc";
export const ROW = (year = "2022", total = "100", name = '"Bristol, City of"', code = "E06000023") =>
  `${year},Calendar year,Local authority,E92000001,England,E12000009,South West,801,${code},${name},Total,Total,z,z,${total},100,${total},100`;
/** A SEN2 folder holding sen2_estab_caseload.csv with `text`. */
export function sen2Dir(text: string): string {
  const dir = scratch("hnb-adv2-sen2-");
  writeFileSync(join(dir, "sen2_estab_caseload.csv"), text);
  return dir;
}

// A demand section over GOOD's placements (EHCP placements, so the flows drive their total).
export const DEMAND = (growth: string, flows = "2022: 140, 2023: 150, 2024: 160") => `${GOOD}flows:
  newPlans: { ${flows} }
demand:
  history:
    2024: { under5: 5, age5to10: 30, age11to15: 40, age16to19: 30, age20to25: 10 }
    2025: { under5: 6, age5to10: 33, age11to15: 41, age16to19: 30, age20to25: 10 }
  newPlans: { growth: ${growth} }
`;

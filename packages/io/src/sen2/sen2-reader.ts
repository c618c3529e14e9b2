// Reads a folder of the DfE "Education, health and care plans" statistics (SEN2) as users download
// it from explore-education-statistics, in either layout: the 2022 release (sen2_estab_caseload.csv,
// sen2_age_caseload.csv, sen2_estab_new_plans.csv: layout-2022.ts) or the 2023+ release
// (caseload.csv, newplans.csv, requests.csv, ceased_plans.csv, sen_needs_all_plans.csv:
// layout-2023.ts). A file that is not UTF-8, far too large or not a regular file stops the read
// naming it, as does a folder that holds neither layout.
import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { NotARegularFile, readRegularFile } from "../scenario/regular-file.js";
import { parseSen2_2022 } from "./layout-2022.js";
import { parseSen2_2023 } from "./layout-2023.js";
import type { Sen2Data } from "./sen2-data.js";
import { Sen2FileError } from "./sen2-error.js";

/** Reads a file as UTF-8 text, refusing other encodings (a Latin-1 export would mangle authority names). */
async function readUtf8(path: string): Promise<string> {
  // The largest DfE file is about 12 MB; a file far larger is not the statistics, and would exhaust
  // memory. A FIFO or a device (a link to /dev/zero) would never end: the same check as a scenario's.
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, MAX_SEN2_BYTES);
  } catch (error) {
    if (!(error instanceof NotARegularFile)) throw error;
    throw new Sen2FileError(
      error.why === "too-large"
        ? `${basename(path)} is ${(error.size / 1024 ** 2).toFixed(0)} MB; DfE SEN2 files are under ${MAX_SEN2_BYTES / 1024 ** 2} MB: is it the right file?`
        : `${path} is not a regular file (a folder, pipe or device): give the CSV file downloaded from ${SEN2_SOURCE}`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Sen2FileError(
      `${basename(path)} is not UTF-8 text (DfE publishes UTF-8; was it re-saved in another encoding, e.g. by Excel?)`,
    );
  }
}

/** The largest SEN2 file read (the 2022 release's biggest file is about 12 MB). */
export const MAX_SEN2_BYTES = 200 * 1024 ** 2;

/** Where users download the statistics, named in every message about a missing file. */
export const SEN2_SOURCE =
  'DfE, "Education, health and care plans" (explore-education-statistics.service.gov.uk, "Download all data")';

/** Reads a folder of SEN2 files in either layout. @example await readSen2Dir("../shared/data/sen2-2022") */
export async function readSen2Dir(dir: string): Promise<Sen2Data> {
  const at = (name: string) => join(dir, name);
  const optional = async (name: string) => (existsSync(at(name)) ? await readUtf8(at(name)) : undefined);
  const drop = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
      [K in keyof T]: Exclude<T[K], undefined>;
    };
  if (existsSync(at("sen2_estab_caseload.csv")))
    return parseSen2_2022({
      estab: await readUtf8(at("sen2_estab_caseload.csv")),
      ...drop({
        age: await optional("sen2_age_caseload.csv"),
        newPlans: await optional("sen2_estab_new_plans.csv"),
      }),
    });
  if (existsSync(at("caseload.csv")))
    return parseSen2_2023({
      caseload: await readUtf8(at("caseload.csv")),
      ...drop({
        newPlans: await optional("newplans.csv"),
        requests: await optional("requests.csv"),
        ceased: await optional("ceased_plans.csv"),
        needs: await optional("sen_needs_all_plans.csv"),
      }),
    });
  const found = statSync(dir, { throwIfNoEntry: false });
  if (!found) throw new Sen2FileError(`${dir} does not exist: give the folder of the DfE SEN2 statistics`);
  if (!found.isDirectory())
    throw new Sen2FileError(`${dir} is a file, not a folder: give the folder that holds the SEN2 CSV files`);
  throw new Sen2FileError(
    `${dir} holds no DfE SEN2 statistics: expected sen2_estab_caseload.csv (2022 release) or caseload.csv (2023+ release), from ${SEN2_SOURCE}`,
  );
}

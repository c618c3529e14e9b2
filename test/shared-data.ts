// Where the tests find the real DfE files of ../shared/data (never committed into the project): one
// setting, HNB_SHARED_DATA, the folder holding sen2-2022/, sen2-2025-layout/ and sen2-2025-dev/. A user's clone has
// no ../shared, so every test that needs it is skipped and says why.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** The folder holding the real DfE releases (HNB_SHARED_DATA, default ../shared/data beside the repo). */
export const SHARED_DATA = resolve(
  process.env.HNB_SHARED_DATA ?? resolve(import.meta.dirname, "../../shared/data"),
);

/** The DfE SEN2 2022 release (2022 layout, census years 2010–2022). */
export const SEN2_2022 = join(SHARED_DATA, "sen2-2022");
/** Real files of the 2025 release in the 2023+ layout, cut at January 2022. */
export const SEN2_2025 = join(SHARED_DATA, "sen2-2025-layout");

/** Real files of the 2025 release for the 77 development authorities, 2019–2025 (the other 81 are held out). */
export const SEN2_2025_DEV = join(SHARED_DATA, "sen2-2025-dev");

/** Whether each release is present; a missing one prints why its tests are skipped. */
export const HAS_2022 = present(SEN2_2022, "sen2_estab_caseload.csv");
export const HAS_2025 = present(SEN2_2025, "caseload.csv");
export const HAS_2025_DEV = present(SEN2_2025_DEV, "caseload.csv");

function present(dir: string, file: string): boolean {
  const ok = existsSync(join(dir, file));
  if (!ok)
    console.warn(
      `SKIPPED tests on real DfE files: no ${file} in ${dir} (set HNB_SHARED_DATA to the folder holding sen2-2022/, sen2-2025-layout/ and sen2-2025-dev/)`,
    );
  return ok;
}

/** DSG management-plan categories (spec §2) with the DfE template's row labels; `NONE` is pupil-level cost without an EHCP. */
export const CATEGORIES = {
  MmSoA: "Mainstream schools or academies",
  RPSEN: "Resourced provision or SEN units",
  MdSSA: "Maintained special schools or special academies",
  NMISS: "NMSS or independent",
  HspAP: "Hospital schools or alternative provision",
  P16FE: "Post 16 and further education",
  OTHER: "Other placements or direct payments",
  NONE: "Pupil-level costs without an EHCP",
} as const;

/** A DSG management-plan category code. @example const c: Category = "MdSSA" */
export type Category = keyof typeof CATEGORIES;

/** Category codes in the DfE template's row order. @example CATEGORY_CODES[0] === "MmSoA" */
export const CATEGORY_CODES = Object.keys(CATEGORIES) as Category[];

/** DSG management-plan age groups (age on 31 August before the academic year). */
export const AGE_GROUPS = {
  under5: "Under 5",
  age5to10: "Age 5 to 10",
  age11to15: "Age 11 to 15",
  age16to19: "Age 16 to 19",
  age20to25: "Age 20 to 25",
} as const;

/** An age-group key. @example const a: AgeGroup = "age5to10" */
export type AgeGroup = keyof typeof AGE_GROUPS;

/** Age-group keys in the template's order. @example AGE_GROUP_KEYS.length === 5 */
export const AGE_GROUP_KEYS = Object.keys(AGE_GROUPS) as AgeGroup[];

// Primary needs as the DfE DSG management plan template and SEN2 (sen_needs_all_plans.csv) name
// them: the scenario's `ehcpsByNeed` counts EHCPs by these codes. Reported, never costed.

/** Each primary need's code and the name the template gives it, in the template's order. */
export const PRIMARY_NEEDS = {
  ASD: "Autistic spectrum disorder",
  HI: "Hearing impairment",
  MLD: "Moderate learning difficulty",
  MSI: "Multi-sensory impairment",
  PD: "Physical disability",
  PMLD: "Profound and multiple learning difficulty",
  SEMH: "Social, emotional and mental health",
  SLCN: "Speech, language and communication needs",
  SLD: "Severe learning difficulty",
  SPLD: "Specific learning difficulty",
  VI: "Visual impairment",
  OTH: "Other difficulty or disability",
  DS: "Down syndrome",
  notRecorded: "Primary need not recorded",
} as const;

/** A primary-need code. @example const n: NeedCode = "SEMH" */
export type NeedCode = keyof typeof PRIMARY_NEEDS;

/** Primary-need codes in the template's order. @example NEED_CODES[0] === "ASD" */
export const NEED_CODES = Object.keys(PRIMARY_NEEDS) as NeedCode[];

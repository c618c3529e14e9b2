// The caseload.csv columns the hand-made 2023+ layout extracts of the SEN2 tests carry: the row's
// keys and the establishment columns the readers sum, in the order of the 2025 release's own file
// (DfE "Education, health and care plans", reporting year 2025), which has more columns between them.

/** The establishment columns, in the release's order; placement_unknown (from January 2023) last. */
export const CASELOAD_COLUMNS = [
  "mainstream_la_maintained",
  "mainstream_la_maintained_resourced_provision",
  "mainstream_la_maintained_senunit",
  "mainstream_academy",
  "mainstream_academy_resourced_provision",
  "mainstream_academy_senunit",
  "mainstream_free_school",
  "mainstream_free_school_resourced_provision",
  "mainstream_free_school_senunit",
  "mainstream_independent",
  "mainstream_total",
  "special_la_maintained",
  "special_academy_free",
  "special_independent",
  "special_non_maintained",
  "special_total",
  "ap_pru_total",
  "fe_total",
  "placement_unknown",
];

/** The header of an extract with these establishment columns (by default all of them). */
export const caseloadHead = (columns: readonly string[] = CASELOAD_COLUMNS): string =>
  `time_period,time_identifier,geographic_level,region_name,old_la_code,new_la_code,la_name,breakdown_topic,breakdown,ehcplans,${columns.join(",")}`;

/** Bristol's old code, new code and name, as the release writes them. */
export const BRISTOL = '801,E06000023,"Bristol, City of"';

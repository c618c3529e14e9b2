// The public API of @hnb/io: reading scenario files and DfE statistics, writing CSV and workbooks.
export { type CsvColumn, type CsvValue, columnsOf, csvCell, toCsv } from "./output/csv.js";
export {
  ledgerCsv,
  leversCsv,
  leverYearsCsv,
  placementsCsv,
  tornadoCsv,
  uncertaintyCsv,
} from "./output/outputs.js";
export {
  PACK_MARKER,
  PackError,
  PackInputError,
  recoverPack,
  refuseInputsInside,
  writeFileAtomic,
  writeFilesAtomic,
  writePackAtomic,
} from "./output/write.js";
export { type MonitoringRead, readMonitoringFile, readPreviousReport } from "./scenario/monitoring-file.js";
export {
  readScenarioSource,
  type ScenarioFileFormat,
  type ScenarioSource,
  scenarioFileBytes,
  scenarioFormatOf,
} from "./scenario/scenario-convert.js";
export {
  decodeUtf8,
  formatOf,
  loadScenarioFile,
  MAX_SCENARIO_BYTES,
  parseScenarioText,
  parseText,
  readDataFile,
  readScenarioFile,
  type ScenarioFormat,
  scenarioYaml,
} from "./scenario/scenario-file.js";
export {
  cellAddress,
  isWorkbookPath,
  locateProblems,
  readScenarioWorkbook,
  readScenarioWorkbookFile,
  readWorkbookFile,
  type WorkbookRead,
} from "./scenario/scenario-xlsx-read.js";
export { listText, type ScenarioWorkbookOptions, scenarioWorkbook } from "./scenario/scenario-xlsx-write.js";
export { type AuthorityHistory, authorityHistory, historySeries } from "./sen2/authority-history.js";
export { type AuthorityLookup, findAuthority, requireAuthority } from "./sen2/authority-lookup.js";
export { authoritySeries, backtestSeries, UNKNOWN_PLACEMENT_LIMIT } from "./sen2/authority-series.js";
export { cellValue, parseCsv } from "./sen2/csv-table.js";
export {
  type MappedPlacement,
  placementOfEstablishment,
  SEN2_2023_COLUMNS,
  SEN2_2023_RESOURCED,
  SEN2_PLACEMENTS,
} from "./sen2/establishment-map.js";
export { parseSen2_2022 } from "./sen2/layout-2022.js";
export { parseSen2_2023 } from "./sen2/layout-2023.js";
export { ageGroupOf, censusYearOf } from "./sen2/layout-rows.js";
export { nationalReference, type ReferenceChoice, referenceSeries } from "./sen2/reference.js";
export type { AuthorityRef, Sen2Data, Sen2Layout } from "./sen2/sen2-data.js";
export { Sen2FileError } from "./sen2/sen2-error.js";
export {
  type CeasedYear,
  ceasedFrom,
  NEED_COLUMNS,
  type NeedsAtCensus,
  needsFrom,
  singleAgeGroup,
} from "./sen2/sen2-flows.js";
export { readSen2Dir, SEN2_SOURCE } from "./sen2/sen2-reader.js";
export {
  FIRST_FLOW_CENSUS,
  type SkeletonNotes,
  type SkeletonOptions,
  scenarioSkeleton,
  skeletonNotes,
} from "./sen2/skeleton.js";
export {
  type CeasedRates,
  ceasedRates,
  defaultHorizon,
  type FlowIdentityRow,
  flowIdentity,
  OVERRIDE_END_CENSUS,
  S251_LINES,
  STABILITY_GRANT_SOURCE,
} from "./sen2/skeleton-parts.js";
export { type NationalPlacements, nationalTypeSeries, typeReferences } from "./sen2/type-reference.js";
export { comparisonWorkbook, monitoringWorkbook } from "./workbook/pack-workbooks.js";
export { leverTypeText, words } from "./workbook/readable.js";
export { type TableColumn, type TableSheet, tableWorkbook } from "./workbook/report-workbook.js";
export {
  FORMATS,
  managementPlanWorkbook,
  type WorkbookInput,
  withFixedZipDates,
} from "./workbook/workbook.js";

// The public API of @hnb/io: reading scenario files and DfE statistics, writing CSV and workbooks.
export { type CsvColumn, type CsvValue, columnsOf, csvCell, toCsv } from "./csv.js";
export {
  type MappedPlacement,
  placementOfEstablishment,
  SEN2_2023_COLUMNS,
  SEN2_2023_RESOURCED,
  SEN2_PLACEMENTS,
} from "./establishment-map.js";
export { type MonitoringRead, readMonitoringFile, readPreviousReport } from "./monitoring-file.js";
export { ledgerCsv, leversCsv, leverYearsCsv, placementsCsv, tornadoCsv, uncertaintyCsv } from "./outputs.js";
export { type TableColumn, type TableSheet, tableWorkbook } from "./report-workbook.js";
export {
  readScenarioSource,
  type ScenarioFileFormat,
  type ScenarioSource,
  scenarioFileBytes,
  scenarioFormatOf,
} from "./scenario-convert.js";
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
} from "./scenario-file.js";
export {
  cellAddress,
  isWorkbookPath,
  locateProblems,
  readScenarioWorkbook,
  readScenarioWorkbookFile,
  readWorkbookFile,
  type WorkbookRead,
} from "./scenario-xlsx-read.js";
export { listText, type ScenarioWorkbookOptions, scenarioWorkbook } from "./scenario-xlsx-write.js";
export {
  type AuthorityHistory,
  type AuthorityLookup,
  type AuthorityRef,
  ageGroupOf,
  authorityHistory,
  backtestSeries,
  cellValue,
  censusYearOf,
  findAuthority,
  historySeries,
  nationalReference,
  parseCsv,
  parseSen2_2022,
  parseSen2_2023,
  type ReferenceChoice,
  readSen2Dir,
  referenceSeries,
  requireAuthority,
  SEN2_SOURCE,
  type Sen2Data,
  Sen2FileError,
  type Sen2Layout,
  type SkeletonOptions,
  scenarioSkeleton,
} from "./sen2-reader.js";
export { FORMATS, managementPlanWorkbook, type WorkbookInput } from "./workbook.js";
export {
  PACK_MARKER,
  PackError,
  recoverPack,
  writeFileAtomic,
  writeFilesAtomic,
  writePackAtomic,
} from "./write.js";

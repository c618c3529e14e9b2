// The public API of @hnb/io: reading scenario files and DfE statistics, writing CSV and workbooks.
export { type CsvColumn, columnsOf, toCsv } from "./csv.js";
export {
  decodeUtf8,
  formatOf,
  loadScenarioFile,
  MAX_SCENARIO_BYTES,
  parseScenarioText,
  parseText,
  readScenarioFile,
  type ScenarioFormat,
} from "./scenario-file.js";
export { writeFileAtomic, writeFilesAtomic } from "./write.js";

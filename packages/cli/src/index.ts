// The public API of @hnb/cli: the `hnb` command line as a function (for tests and scripts).

export { readable } from "./commands/forecast.js";
export { scenarioSummary } from "./commands/validate.js";
export { type Console, EXIT, processConsole } from "./console.js";
export { main } from "./main.js";
export { type Progress, progress } from "./progress.js";

import type { Problem } from "@hnb/model";
import { parsePath, pathText } from "./scenario-xlsx-layout.js";

/** The cell of a problem's path: the path's own cell, else the nearest enclosing field's. @example locateIn(new Map([["horizon", "About!B3"]]), "horizon") === "About!B3" */
export function locateIn(where: ReadonlyMap<string, string>, path: string): string | undefined {
  const keys = parsePath(path);
  if (!keys) return undefined;
  for (let n = keys.length; n > 0; n--) {
    const cell = where.get(pathText(keys.slice(0, n)));
    if (cell) return cell;
  }
  return undefined;
}

/**
 * Problems of a workbook's data named by their cells: `Placements!E3 (placements[0].unitCost)`.
 * @example locateProblems([{ code: "required", path: "horizon", message: "is required" }], () => "Scenario!B8")[0]?.path === "Scenario!B8 (horizon)"
 */
export function locateProblems(
  problems: readonly Problem[],
  locate: (path: string) => string | undefined,
): Problem[] {
  return problems.map((p) => {
    const cell = p.path === "(file)" ? undefined : locate(p.path);
    return cell ? { ...p, path: `${cell} (${p.path})` } : p;
  });
}

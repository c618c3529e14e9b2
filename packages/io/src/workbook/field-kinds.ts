// How the assumptions sheet shows a figure, by the name of the field it is read from, derived from
// the kinds the scenario schema declares (model's kindsByField) instead of a table kept by hand.
// A name used for figures shown differently (a band: a count in a census, a share in an age split;
// a distribution's `sd`: a rate or a factor) has no entry: the sheet then shows it as its parent.
import { type FieldKind, kindsByField } from "@hnb/model";
import type { Kind } from "./assumption-format.js";

/** How a figure of the assumptions sheet is shown (its number format and its text): assumption-format.ts's Kind. */
export type WorkbookKind = Kind;

/**
 * How a figure of each schema kind is shown: shares as percentages (rates' format), FTE and
 * factors as decimals, durations as plain numbers, the seed without separators (the year format).
 */
export const SHOWN_AS: Readonly<Record<FieldKind, WorkbookKind>> = {
  money: "money",
  count: "count",
  fte: "number",
  rate: "rate",
  share: "rate",
  factor: "number",
  year: "year",
  years: "number",
  code: "year",
};

// Built on first use: walking the schema takes ~10 ms, which a command writing no workbook never pays.
let table: Readonly<Record<string, WorkbookKind>> | undefined;

/**
 * How the assumptions sheet shows a figure, by field name: the table assumption-format.ts's `KINDS` was,
 * derived from the schema. A null-prototype object, so a field named `constructor` finds nothing.
 * @example workbookKinds().unitCost === "money"
 */
export function workbookKinds(): Readonly<Record<string, WorkbookKind>> {
  table ??= Object.freeze(
    Object.assign(
      Object.create(null) as Record<string, WorkbookKind>,
      Object.fromEntries(
        [...kindsByField()].flatMap(([name, kinds]) => {
          const shown = new Set(kinds.map((k) => SHOWN_AS[k]));
          return shown.size === 1 ? [[name, [...shown][0] as WorkbookKind]] : [];
        }),
      ),
    ),
  );
  return table;
}

/** How the assumptions sheet shows a figure of the named field (`KINDS[key]` before), or undefined when the name does not say. @example workbookKind("confidence") === "rate" */
export function workbookKind(key: string): WorkbookKind | undefined {
  return workbookKinds()[key];
}

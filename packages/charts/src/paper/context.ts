// What a Schools Forum paper is drafted from: the forecast and its scenario, the wording, and the
// blocks (paragraphs, tables, charts) the paper is made of.
import type { ForecastResult, Scenario, UncertaintyOutput } from "@hnb/model";
import { DEFAULT_WORDING, type Wording } from "./wording.js";

/** What the paper is drafted from: the scenario (for its sources), its forecast and, with paths, its uncertainty. */
export interface PaperSource {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
  /** The wording (default {@link DEFAULT_WORDING}). */
  wording?: Wording;
}

/** A row of a paper table: its cells, and how it reads (a group title, a subtotal, the total). */
export interface PaperRow {
  cells: string[];
  style?: "group" | "subtotal" | "total";
}

/** A table: caption, header, rows; the `numeric` columns hold figures (right-aligned). */
export interface PaperTable {
  kind: "table";
  /** What the table is, for the test that checks it: ledger-unmitigated, levers, … */
  id: string;
  caption: string;
  header: string[];
  rows: PaperRow[];
  /** Indexes of the columns of figures. */
  numeric: number[];
  /** Relative column widths (default: the first column twice the others). */
  widths?: number[];
}

/**
 * A table without a caption or row styles: one row of `cells` for each of `rows`.
 * @example plainTable("transfers", ["FY", "Amount"], [["2025-26", "1,200"]], [1], [1.4, 1.4]).rows[0].cells[1] === "1,200"
 */
export function plainTable(
  id: string,
  header: string[],
  rows: readonly string[][],
  numeric: number[],
  widths: number[],
): PaperTable {
  return { kind: "table", id, caption: "", header, rows: rows.map((cells) => ({ cells })), numeric, widths };
}

/** One block of the paper, in reading order. */
export type PaperBlock =
  | { kind: "title" | "subtitle" | "note"; text: string }
  | { kind: "heading"; text: string; level: 1 | 2 }
  | { kind: "paragraph"; id: string; text: string }
  | { kind: "bullets"; id: string; items: string[] }
  | PaperTable
  | { kind: "chart"; name: string; title: string; alt: string };

/** Everything a paragraph function needs: the inputs, the wording and the names every text may use. */
export interface PaperContext {
  scenario: Scenario;
  result: ForecastResult;
  uncertainty?: UncertaintyOutput;
  w: Wording;
  /** The placeholders every text may use: plan, scenario, authority. */
  globals: Record<string, string>;
}

/** The context of a paper: wording (default unless given) and the plan's, scenario's and authority's names. @example paperContext({ scenario, result }).globals.plan === "recovery plan" */
export function paperContext(source: PaperSource): PaperContext {
  const w = source.wording ?? (DEFAULT_WORDING as Wording);
  const { scenario, result } = source;
  // `plan: { name }` names the mitigated forecast where the scenario gives it (the result carries it).
  const named = (x: { plan?: { name?: string } | undefined }) => x.plan?.name?.trim() || undefined;
  return {
    scenario,
    result,
    ...(source.uncertainty ? { uncertainty: source.uncertainty } : {}),
    w,
    globals: {
      plan: named(result) ?? named(scenario) ?? w.names.plan,
      scenario: result.scenario,
      authority: scenario.authority?.name ?? result.scenario,
    },
  };
}

// Whether a paper's tables add up as they are printed: each subtotal down its column, each total
// across its row and down its column, within the rounding of the cells (each is rounded on its own,
// so n rounded parts may miss their rounded total by up to (n + 1) / 2 in the last place). Read from
// the document alone: a reader adding the printed figures finds what this finds.
import { DEFAULT_WORDING, type Wording } from "@hnb/charts";
import type { DocItem, DocTable } from "./docx-reader.js";
import { sections } from "./paper-check.js";

/** A printed £ thousands cell as a number: "(1,234)" is −1234; an empty cell is undefined. */
export function cellValue(cell: string | undefined): number | undefined {
  const t = (cell ?? "").trim();
  if (t === "") return undefined;
  const negative = /^\(.*\)$/.test(t);
  const n = Number(t.replace(/[(),]/g, ""));
  if (!Number.isFinite(n)) throw new Error(`not a figure: "${cell}"`);
  return negative ? -n : n;
}

/**
 * Every way a paper's lever and ledger tables fail to add up as printed, as messages; empty when all do.
 * @example totalsFailures(readDocx(bytes))
 */
export function totalsFailures(
  items: readonly DocItem[],
  W: Wording = DEFAULT_WORDING as Wording,
  plan = W.names.plan,
): string[] {
  const f: string[] = [];
  const adds = (where: string, parts: readonly (number | undefined)[], total: number | undefined) => {
    const given = parts.filter((x): x is number => x !== undefined);
    if (total === undefined || !given.length) return;
    const sum = given.reduce((a, x) => a + x, 0);
    if (Math.abs(sum - total) > (given.length + 1) / 2)
      f.push(`${where}: ${given.join(" + ")} = ${sum}, printed ${total}`);
  };
  const parts = sections(items);
  const tables = (name: string) => (parts.get(name) ?? []).filter((i): i is DocTable => i.kind === "table");

  const levers = tables(W.headings.plan.replace("{plan}", plan))[0];
  if (levers) {
    const header = levers.rows[0] ?? [];
    const effect = header.indexOf(W.plan.stabilityGrantEffect);
    const net = header.indexOf(W.plan.netOfGrant);
    const shapley = header.indexOf(W.plan.shapley);
    // The columns that add down: Sequential, Shapley and, with the grant, its effect and the net.
    const columns = [header.indexOf(W.plan.sequential), shapley, effect, net].filter((c) => c >= 0);
    const subtotal = (group: string) => W.plan.subtotal.replace("{group}", group);
    const subtotals = new Set([subtotal(W.plan.savings), subtotal(W.plan.funding)]);
    const totals = new Set([W.plan.total, W.plan.totalWithGrant]);
    let group: string[][] = [];
    const subtotalRows: string[][] = [];
    for (const row of levers.rows.slice(1)) {
      const label = row[0] ?? "";
      // Across: the lever's share, its effect on the grant, and the net, in every row that has them.
      if (effect >= 0 && cellValue(row[net]) !== undefined)
        adds(`"${label}" across`, [cellValue(row[shapley]), cellValue(row[effect])], cellValue(row[net]));
      if (subtotals.has(label)) {
        for (const c of columns)
          adds(
            `"${label}" column ${header[c]}`,
            group.map((r) => cellValue(r[c])),
            cellValue(row[c]),
          );
        subtotalRows.push(row);
        group = [];
      } else if (totals.has(label)) {
        for (const c of columns)
          adds(
            `"${label}" column ${header[c]}`,
            subtotalRows.map((r) => cellValue(r[c])),
            cellValue(row[c]),
          );
      } else if (row.slice(1).some((c) => c !== "")) group.push(row);
    }
    if (!levers.rows.some((row) => totals.has(row[0] ?? ""))) f.push("lever table: no total row");
  }

  const F = W.forecast;
  for (const ledger of tables(W.headings.forecast)) {
    const row = (label: string) => ledger.rows.find((r) => r[0] === label);
    const years = (ledger.rows[0] ?? []).slice(1);
    years.forEach((fy, i) => {
      const at = (label: string) => cellValue(row(label)?.[i + 1]);
      adds(`${fy} ${F.income}`, [F.hnb, F.transfer, F.otherIncome, F.stabilityGrant].map(at), at(F.income));
      adds(
        `${fy} ${F.expenditure}`,
        [F.placementCost, F.lineCost, F.staffingCost, F.implementationCost].map(at),
        at(F.expenditure),
      );
      const spent = at(F.expenditure);
      adds(`${fy} ${F.inYear}`, [at(F.income), spent === undefined ? undefined : -spent], at(F.inYear));
      if (i > 0)
        adds(`${fy} ${F.cumulative}`, [cellValue(row(F.cumulative)?.[i]), at(F.inYear)], at(F.cumulative));
    });
  }
  return f;
}

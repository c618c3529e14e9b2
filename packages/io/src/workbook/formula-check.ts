// The workbooks' self-check: each formula is evaluated over the numbers written so far, as Excel
// would, so that a formula over the wrong cells fails the build rather than a finance officer's audit.
// Only cells hnb wrote count: a reference to a cell never written is refused (Excel would read it
// as 0 and the check would pass whatever the formula meant), and so is a SUM over a range where no
// number was written; a blank cell inside a range counts 0, as in Excel.
import { column, letter } from "./columns.js";

// The only forms the workbooks write: SUM of ranges, cell references (on another sheet quoted), + and −.
const TERM = /([+-]?)(?:SUM\(([^()]*)\)|((?:'[^']+'!)?[A-Z]+\d+))/y;
const RANGE = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/;
// The one formula that is not a sum: a deficit as a share of reserves, MAX(0,-balance)/reserves.
const SHARE = /^MAX\(0,-([A-Z]+\d+)\)\/([A-Z]+\d+)$/;

/**
 * The value of formula `text` on `sheet`, over the numbers written by "Sheet!A1".
 * @example evaluate("SUM(B1:B2)-B3", "S", new Map([["S!B1", 5], ["S!B3", 2]])) === 3
 */
export function evaluate(text: string, sheet: string, written: ReadonlyMap<string, number>): number {
  const at = `${sheet} =${text}`;
  const ref = (r: string): number => {
    const bang = r.lastIndexOf("!");
    const key = bang < 0 ? `${sheet}!${r}` : `${r.slice(1, bang - 1)}!${r.slice(bang + 1)}`;
    const v = written.get(key);
    if (v === undefined) throw new Error(`internal: ${at} refers to ${key}, which was never written`);
    return v;
  };
  const range = (r: string): number => {
    const m = RANGE.exec(r);
    if (!m) throw new Error(`internal: cannot check the range ${r} in ${at}`);
    const [ca, ra, cb, rb] = [
      column(m[1] ?? ""),
      Number(m[2]),
      column(m[3] ?? m[1] ?? ""),
      Number(m[4] ?? m[2]),
    ];
    // Excel reads B9:B4 as B4:B9.
    let s = 0;
    let found = false;
    for (let c = Math.min(ca, cb); c <= Math.max(ca, cb); c++)
      for (let row = Math.min(ra, rb); row <= Math.max(ra, rb); row++) {
        const v = written.get(`${sheet}!${letter(c)}${row}`);
        if (v === undefined) continue;
        s += v;
        found = true;
      }
    if (!found) throw new Error(`internal: ${at} sums ${sheet}!${r}, where no number was written`);
    return s;
  };
  const share = SHARE.exec(text);
  if (share) return Math.max(0, -ref(share[1] ?? "")) / ref(share[2] ?? "");
  // A sticky pattern keeps its place in lastIndex: this call's own copy, never shared.
  const term = new RegExp(TERM);
  let total = 0;
  for (let i = 0; i < text.length; ) {
    term.lastIndex = i;
    const m = term.exec(text);
    if (!m) throw new Error(`internal: cannot check the formula ${at}`);
    const x = m[2] !== undefined ? m[2].split(",").reduce((a, r) => a + range(r), 0) : ref(m[3] ?? "");
    total += m[1] === "-" ? -x : x;
    i = term.lastIndex;
  }
  return total;
}

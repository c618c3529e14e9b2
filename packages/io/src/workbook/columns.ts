// Spreadsheet column letters, both ways: formulas name columns by letter, exceljs by number.

/** A column's letters. @example letter(28) === "AB" */
export function letter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A column's number from its letters. @example column("AB") === 28 */
export function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

// Byte-identical workbooks and Word files: the zip library stamps each entry with the clock.

/**
 * Sets every zip entry's DOS date and time to 1 January 1980: the zip library stamps entries with
 * the clock, which would make two builds of the same forecast differ. CRCs cover data, not dates.
 * @example withFixedZipDates(bytes) // same length, dates zeroed
 */
export function withFixedZipDates(zip: Uint8Array): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error("internal: the workbook is not a zip file");
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const DATE = 0x0021; // 1980-01-01
  for (let e = 0; e < entries; e++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("internal: malformed zip central directory");
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DATE, true);
    const local = view.getUint32(at + 42, true);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

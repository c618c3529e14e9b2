// Text widths from the bundled font's own metrics. Without a canvas, vega guesses 0.8 em a
// character (about 1.6× Source Sans), which truncates legend labels and spaces axes badly; with
// the advance widths read from the TTF, the SVG's layout matches the PNG that resvg draws.
import { readFileSync } from "node:fs";

/** Advance widths of one font in em units, by Unicode code point. */
export interface FontMetrics {
  advance(codePoint: number): number;
}

/** Reads advance widths from a TrueType/OpenType file (cmap format 4, hmtx). @example fontMetrics("SourceSans3_400Regular.ttf").advance(65) */
export function fontMetrics(path: string): FontMetrics {
  const buf = readFileSync(path);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    tables.set(buf.toString("latin1", at, at + 4), view.getUint32(at + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font ${path} has no ${tag} table`);
    return at;
  };
  const unitsPerEm = view.getUint16(table("head") + 18);
  const hMetrics = view.getUint16(table("hhea") + 34);
  const hmtx = table("hmtx");
  const glyphAdvance = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, hMetrics - 1));
  // Find the Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  const cmap = table("cmap");
  let sub = -1;
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const offset = cmap + view.getUint32(cmap + 8 + 8 * i);
    if (view.getUint16(offset) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = offset;
  }
  if (sub < 0) throw new Error(`font ${path} has no Unicode cmap`);
  const segX2 = view.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  const glyphOf = (cp: number): number => {
    for (let i = 0; i < segX2 / 2; i++) {
      if (cp > view.getUint16(ends + 2 * i)) continue;
      const start = view.getUint16(starts + 2 * i);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + 2 * i);
      const range = view.getUint16(ranges + 2 * i);
      if (range === 0) return (cp + delta) & 0xffff;
      const g = view.getUint16(ranges + 2 * i + range + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    advance(cp) {
      let w = cache.get(cp);
      if (w === undefined) {
        w = cp > 0xffff ? 0.5 : glyphAdvance(glyphOf(cp)) / unitsPerEm;
        cache.set(cp, w);
      }
      return w;
    },
  };
}

/** Width in pixels of a string at a font size. @example textWidth(metrics, "£1.0m", 11) */
export function textWidth(metrics: FontMetrics, text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += metrics.advance(ch.codePointAt(0) ?? 32);
  return em * size;
}

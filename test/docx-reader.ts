// Reads a .docx back into what a reader sees, in order: paragraphs (with their style), tables (rows of
// cell texts) and images (with their alt text and printed size). Enough of WordprocessingML for the
// documents hnb writes; no Word or LibreOffice needed.
import { strFromU8, unzipSync } from "fflate";

export interface DocParagraph {
  kind: "p";
  style: string | undefined;
  bullet: boolean;
  text: string;
}
export interface DocTable {
  kind: "table";
  rows: string[][];
}
export interface DocImage {
  kind: "image";
  name: string;
  title: string;
  descr: string;
  /** Printed size in centimetres. */
  widthCm: number;
  heightCm: number;
}
export type DocItem = DocParagraph | DocTable | DocImage;

/** EMUs (English Metric Units) in a centimetre. */
const EMU_PER_CM = 360_000;

/** The files of a .docx (a zip). */
export function docxFiles(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** word/document.xml of a .docx, as text. */
export function documentXml(bytes: Uint8Array): string {
  const xml = docxFiles(bytes)["word/document.xml"];
  if (!xml) throw new Error("no word/document.xml: not a Word document");
  return strFromU8(xml);
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const attribute = (attrs: string, name: string) => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1] as string) : "";
};

/** The body of a document.xml as paragraphs, tables and images, in reading order. */
export function readDocumentXml(xml: string): DocItem[] {
  const items: DocItem[] = [];
  let table: DocTable | undefined;
  let row: string[] | undefined;
  let cell: string[] | undefined;
  let paragraph: DocParagraph | undefined;
  let extent = { cx: 0, cy: 0 };
  const token =
    /<w:tbl>|<\/w:tbl>|<w:tr[ >]|<\/w:tr>|<w:tc>|<\/w:tc>|<w:p\/>|<w:p[ >]|<\/w:p>|<w:pStyle w:val="([^"]*)"\/>|<w:numPr>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<wp:extent cx="(\d+)" cy="(\d+)"\/>|<wp:docPr ([^>]*?)\/?>/g;
  for (const m of xml.matchAll(token)) {
    const t = m[0];
    // Tokens with captures first: "<w:pStyle …/>" also starts like a paragraph.
    if (m[1] !== undefined) {
      if (paragraph) paragraph.style = m[1];
    } else if (m[2] !== undefined) {
      if (paragraph) paragraph.text += decode(m[2]);
    } else if (m[3] !== undefined) extent = { cx: Number(m[3]), cy: Number(m[4]) };
    else if (m[5] !== undefined)
      items.push({
        kind: "image",
        name: attribute(m[5], "name"),
        title: attribute(m[5], "title"),
        descr: attribute(m[5], "descr"),
        widthCm: extent.cx / EMU_PER_CM,
        heightCm: extent.cy / EMU_PER_CM,
      });
    else if (t === "<w:tbl>") table = { kind: "table", rows: [] };
    else if (t === "</w:tbl>") {
      if (table) items.push(table);
      table = undefined;
    } else if (t.startsWith("<w:tr")) row = [];
    else if (t === "</w:tr>") {
      if (table && row) table.rows.push(row);
      row = undefined;
    } else if (t === "<w:tc>") cell = [];
    else if (t === "</w:tc>") {
      if (row && cell) row.push(cell.join("\n"));
      cell = undefined;
    } else if (t === "<w:p/>") {
      if (!cell) items.push({ kind: "p", style: undefined, bullet: false, text: "" });
    } else if (t.startsWith("<w:p")) paragraph = { kind: "p", style: undefined, bullet: false, text: "" };
    else if (t === "</w:p>") {
      if (paragraph) {
        if (cell) cell.push(paragraph.text);
        else if (paragraph.text !== "" || paragraph.style) items.push(paragraph);
      }
      paragraph = undefined;
    } else if (t === "<w:numPr>") {
      if (paragraph) paragraph.bullet = true;
    }
  }
  return items;
}

/** A .docx's body as paragraphs, tables and images, in reading order. */
export function readDocx(bytes: Uint8Array): DocItem[] {
  return readDocumentXml(documentXml(bytes));
}

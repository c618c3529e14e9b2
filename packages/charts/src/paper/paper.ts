// The Forum paper as a Word document: the blocks of content.ts laid out with the `docx` package on A4
// with 2.5 cm margins, so the text is 16 cm wide and every chart prints at that width. docx is loaded
// only when a paper is written (as exceljs is for the workbook): `forecast --json` never loads it.

import { withFixedZipDates } from "@hnb/io";
import type { Paragraph, Table } from "docx";
import { type Chart, PRINT_WIDTH_CM } from "../frame.js";
import { renderPng, renderSvg } from "../render.js";
import {
  type PaperBlock,
  type PaperSource,
  type PaperTable,
  paperContent,
  paperContext,
  say,
} from "./content.js";

/** Twips (twentieths of a point) in a centimetre. */
const TWIPS_PER_CM = 1440 / 2.54;
const PAGE = { width: 11906, height: 16838 }; // A4 in twips
const MARGIN_CM = 2.5;
/** The docx module, loaded on demand. */
type Docx = typeof import("docx");

/** The text width: A4 less its margins, the width charts are drawn to print at. */
const TEXT_WIDTH = Math.round(PRINT_WIDTH_CM * TWIPS_PER_CM);
/** The tallest a chart may print, cm: a page's text height less room for its caption. */
const MAX_CHART_HEIGHT_CM = 22;
/** docx sizes images in pixels at 96 to the inch. */
const PX_PER_CM = 96 / 2.54;
const FONT = "Arial";
/** Tables up to this many rows are kept on one page (a ledger is about a dozen). */
const KEEP_TOGETHER_ROWS = 24;

/** The width and height of a PNG, from its header. @example pngSize(await renderPng(svg)).width === 1800 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  // Bytes 16–23 of a PNG are its IHDR chunk's width and height, big-endian.
  if (png.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw new Error("not a PNG image");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size a chart prints at, cm: the text width, or narrower for a chart that would be taller than a page allows. @example printSize({ width: 1800, height: 900 }).width === 16 */
export function printSize(px: { width: number; height: number }): { width: number; height: number } {
  const height = (PRINT_WIDTH_CM * px.height) / px.width;
  if (height <= MAX_CHART_HEIGHT_CM) return { width: PRINT_WIDTH_CM, height };
  return { width: (MAX_CHART_HEIGHT_CM * px.width) / px.height, height: MAX_CHART_HEIGHT_CM };
}

/** What the paper is laid out from: the forecast and scenario, the pack's charts and, optionally, their PNGs already rendered. */
export interface PaperInput extends PaperSource {
  charts: readonly Chart[];
  /** `NAME.png` → bytes, as chartFiles renders them; charts missing here are rendered. */
  pngs?: Readonly<Record<string, string | Uint8Array>>;
}

/**
 * The Forum paper as a .docx file in memory: the content of {@link paperContent} with the charts at print size.
 * @example await writeFileAtomic("paper.docx", await paperDocx({ scenario, result, charts: packCharts({ scenario, result }) }))
 */
export async function paperDocx(input: PaperInput): Promise<Uint8Array> {
  const d: Docx = await import("docx");
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } = d;
  const ctx = paperContext(input);
  const blocks = paperContent(ctx, input.charts);
  const images = new Map<string, Uint8Array>();
  for (const c of input.charts) {
    const given = input.pngs?.[`${c.name}.png`];
    images.set(c.name, given instanceof Uint8Array ? given : await renderPng(await renderSvg(c.spec)));
  }
  // Drawing ids numbered here: docx's own counter runs on across documents, so two builds would differ.
  let drawings = 0;
  const children = blocks.flatMap((b) => layout(d, b, images, () => ++drawings));
  const doc = new Document({
    title: ctx.result.scenario,
    creator: CREATOR,
    description: DESCRIPTION,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21 },
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { font: FONT, size: 40, bold: true, color: "1F3864" },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: { font: FONT, size: 28, bold: true, color: "1F3864" },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: {
              top: Math.round(MARGIN_CM * TWIPS_PER_CM),
              bottom: Math.round(MARGIN_CM * TWIPS_PER_CM),
              left: Math.round(MARGIN_CM * TWIPS_PER_CM),
              right: Math.round(MARGIN_CM * TWIPS_PER_CM),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${footerText(ctx)} `, size: 16, color: "595959" }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 16, color: "595959" }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  // The document's properties with a fixed date, and fixed zip dates: the same forecast gives a
  // byte-identical paper, whenever it is drafted (as the workbook does).
  const core = { path: "docProps/core.xml", data: coreProperties(ctx.result.scenario) };
  return withFixedZipDates(new Uint8Array(await Packer.toBuffer(doc, false, [core])));
}

const CREATOR = "hnb";
const DESCRIPTION = "Schools Forum paper drafted by hnb from the forecast";

const xmlText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** docProps/core.xml as docx writes it, dated 1 January 2000 instead of now. */
function coreProperties(title: string): string {
  const date = '<dcterms:{0} xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:{0}>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(title)}</dc:title><dc:creator>${CREATOR}</dc:creator><dc:description>${DESCRIPTION}</dc:description><cp:revision>1</cp:revision>${date.replace(/\{0\}/g, "created")}${date.replace(/\{0\}/g, "modified")}</cp:coreProperties>`;
}

function footerText(ctx: ReturnType<typeof paperContext>): string {
  return say(ctx, ctx.w.document.footer);
}

function layout(
  d: Docx,
  b: PaperBlock,
  images: ReadonlyMap<string, Uint8Array>,
  nextId: () => number,
): (Paragraph | Table)[] {
  const { HeadingLevel, ImageRun, Paragraph, TextRun } = d;
  switch (b.kind) {
    case "title":
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(b.text)] })];
    case "subtitle":
      return [new Paragraph({ children: [new TextRun({ text: b.text, size: 26, color: "404040" })] })];
    case "note":
      return [
        new Paragraph({
          children: [new TextRun({ text: b.text, italics: true, color: "404040" })],
          border: { left: { ...rule(d), size: 12, space: 6 } },
          indent: { left: 170 },
        }),
      ];
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(b.text)] })];
    case "paragraph":
      return [new Paragraph({ children: [new TextRun(b.text)] })];
    case "bullets":
      return b.items.map((t) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(t)] }));
    case "table":
      return tableLayout(d, b);
    case "chart": {
      const png = images.get(b.name);
      if (!png) return [];
      const size = printSize(pngSize(png));
      // The chart carries its own title and source line: no caption repeats them.
      return [
        new Paragraph({
          spacing: { before: 240, after: 240 },
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: {
                width: Math.round(size.width * PX_PER_CM),
                height: Math.round(size.height * PX_PER_CM),
              },
              altText: { id: String(nextId()), name: b.name, title: b.title, description: b.alt },
            }),
          ],
        }),
      ];
    }
  }
}

// Table rules: a thin grey line under each row, none between columns.
const rule = (d: Docx) => ({ style: d.BorderStyle.SINGLE, size: 4, color: "808080" }) as const;
const none = (d: Docx) => ({ style: d.BorderStyle.NONE, size: 0, color: "FFFFFF" }) as const;

function tableLayout(d: Docx, t: PaperTable): (Paragraph | Table)[] {
  const {
    AlignmentType,
    LineRuleType,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = d;
  const RULE = rule(d);
  const NONE = none(d);
  const columns = t.header.length;
  const weights = t.widths ?? [2, ...Array.from({ length: columns - 1 }, () => 1)];
  const sum = weights.reduce((a, w) => a + w, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  // Years across: a long horizon shrinks the type so the table still fits the text width.
  const size = columns > 9 ? 14 : 16;
  const cell = (text: string, i: number, opts: { bold?: boolean; shade?: string; rule?: boolean }) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      ...(opts.shade ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: opts.shade } } : {}),
      borders: { top: opts.rule ? RULE : NONE, bottom: RULE, left: NONE, right: NONE },
      children: [
        new Paragraph({
          spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
          alignment: t.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, size, ...(opts.bold ? { bold: true } : {}) })],
        }),
      ],
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      keepNext: true,
      children: t.header.map((h, i) => cell(h, i, { bold: true, shade: "D9E2F3" })),
    }),
    ...t.rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          // A table short enough to fit a page is kept on one.
          keepNext: t.rows.length <= KEEP_TOGETHER_ROWS && i < t.rows.length - 1,
          children: r.cells.map((c, i) =>
            cell(c, i, {
              bold: r.style !== undefined,
              ...(r.style === "group" ? { shade: "F2F2F2" } : {}),
              rule: r.style === "total",
            }),
          ),
        }),
    ),
  ];
  return [
    ...(t.caption
      ? [
          new Paragraph({
            keepNext: true,
            spacing: { before: 200, after: 60 },
            children: [new TextRun({ text: t.caption, bold: true })],
          }),
        ]
      : []),
    new Table({ rows, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths }),
    new Paragraph({ spacing: { after: 60 }, children: [] }),
  ];
}

// How the chart tests read a chart: its spec as data (specs are plain data, so tests read them as
// data, not as text), and its SVG as drawn.
import { type Chart, renderSvg } from "../src/index.js";

type Spec = {
  title: { text: string; subtitle: string };
  vconcat: [Record<string, unknown>, { data: { values: { source: string }[] } }];
};
/** A chart's spec as the frame writes it: title, subtitle, then the body and the source line. */
export const specOf = (c: Chart) => c.spec as unknown as Spec;
/** The chart's body: the panel above the source line. */
export const body = (c: Chart) =>
  specOf(c).vconcat[0] as {
    data?: { values: Record<string, unknown>[] };
    layer?: { mark?: { type?: string } }[];
  };
// Every object of a spec, depth first: specs are plain data, so tests read them as data, not as text.
function nodes(spec: unknown): Record<string, unknown>[] {
  if (Array.isArray(spec)) return spec.flatMap(nodes);
  if (spec === null || typeof spec !== "object") return [];
  const o = spec as Record<string, unknown>;
  return [o, ...Object.values(o).flatMap(nodes)];
}
/** The rows of every inline `data.values` in a spec. */
export const rowsIn = (spec: unknown): Record<string, unknown>[] =>
  nodes(spec).flatMap((n) => {
    const data = n.data as { values?: unknown } | undefined;
    return Array.isArray(data?.values) ? (data.values as Record<string, unknown>[]) : [];
  });
/** Every scale with a fixed domain and range. */
export const scalesIn = (spec: unknown): { domain: unknown[]; range: unknown[] }[] =>
  nodes(spec).flatMap((n) => {
    const scale = n.scale as { domain?: unknown; range?: unknown } | undefined;
    return Array.isArray(scale?.domain) && Array.isArray(scale?.range)
      ? [{ domain: scale.domain, range: scale.range }]
      : [];
  });
/** The rows the chart draws: its body's data, else its first layer's with rows. */
export const valuesOf = (c: Chart): Record<string, unknown>[] => {
  const b = body(c);
  if (b.data) return b.data.values;
  // The first layer that carries rows (the chart's own, not an annotation's).
  const first = nodes(b.layer).find((n) =>
    Array.isArray((n.data as { values?: unknown } | undefined)?.values),
  );
  return ((first?.data as { values: Record<string, unknown>[] } | undefined)?.values ?? []) as Record<
    string,
    unknown
  >[];
};

// What a reader of the printed paper sees, read back from the rendered SVG.
const svgs = new Map<string, Promise<string>>();
/** A chart rendered to SVG, once per chart. */
export const svgOf = (c: Chart) => {
  let svg = svgs.get(c.name);
  if (!svg) {
    svg = renderSvg(c.spec);
    svgs.set(c.name, svg);
  }
  return svg;
};
/** The attributes of one SVG tag. */
export const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
const decode = (t: string) =>
  t
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
/** Every text element's content, lines of a wrapped label joined by a space. */
export const textsOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) =>
    decode(
      (m[1] ?? "")
        .replace(/<\/tspan><tspan[^>]*>/g, " ")
        .replace(/<\/?tspan[^>]*>/g, "")
        .trim(),
    ),
  );
/** An SVG's width in pixels. */
export const svgWidth = (svg: string) => Number(svg.match(/<svg[^>]*\swidth="([\d.]+)"/)?.[1] ?? NaN);
/** Visits every key and value of a spec, depth first. */
export const walk = (node: unknown, visit: (key: string, value: unknown, parent: object) => void) => {
  if (Array.isArray(node)) for (const v of node) walk(v, visit);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      visit(k, v, node);
      walk(v, visit);
    }
};

// Where a rendered chart put its marks, read back from vega's SVG: each text, path and line with its
// position in the SVG's own coordinates (group translations added up), so tests can ask whether a
// label crosses a line or how wide a bar was drawn.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fontMetrics, textWidth } from "../src/font-metrics.js";

/** A box in SVG pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One drawn element: its tag, attributes, text (for text), mark container class and box. */
export interface Drawn {
  tag: "text" | "path" | "line";
  attrs: Record<string, string>;
  text: string;
  container: string;
  box: Box;
}

const attrsOf = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
const translate = (a: Record<string, string>): [number, number] => {
  const m = a.transform?.match(/translate\(([-\d.e]+),\s*([-\d.e]+)\)/);
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
};
const decode = (t: string) =>
  t
    .replace(/<\/tspan><tspan[^>]*>/g, " ")
    .replace(/<\/?tspan[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve("@expo-google-fonts/source-sans-3/package.json"));
const regular = fontMetrics(join(fontDir, "400Regular/SourceSans3_400Regular.ttf"));

// A path's box from its absolute M/L points and relative h/v steps (vega writes bars as
// "Mx,yhWvHh-WZ" and lines and areas as M/L runs).
function pathBox(d: string): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHVhvlmZz])([^MLHVhvlmZz]*)/g)) {
    const n = (args ?? "")
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === "M" || cmd === "L")
      for (let i = 0; i + 1 < n.length; i += 2) [x, y] = [n[i] ?? 0, n[i + 1] ?? 0];
    else if (cmd === "m" || cmd === "l")
      for (let i = 0; i + 1 < n.length; i += 2) [x, y] = [x + (n[i] ?? 0), y + (n[i + 1] ?? 0)];
    else if (cmd === "h") x += n[0] ?? 0;
    else if (cmd === "v") y += n[0] ?? 0;
    else if (cmd === "H") x = n[0] ?? 0;
    else if (cmd === "V") y = n[0] ?? 0;
    else continue;
    xs.push(x);
    ys.push(y);
  }
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Every text, path and line of an SVG with its box in SVG pixels. @example drawn(svg).filter((d) => d.tag === "text") */
export function drawn(svg: string): Drawn[] {
  const out: Drawn[] = [];
  const stack: { at: [number, number]; container: string }[] = [{ at: [0, 0], container: "" }];
  const re = /<g\b([^>]*)>|<\/g>|<(path|line)\b([^>]*?)\/?>|<text\b([^>]*)>(.*?)<\/text>/g;
  for (const m of svg.matchAll(re)) {
    const top = stack[stack.length - 1] ?? { at: [0, 0] as [number, number], container: "" };
    if (m[0] === "</g>") {
      stack.pop();
      continue;
    }
    if (m[1] !== undefined) {
      const a = attrsOf(m[1]);
      const [dx, dy] = translate(a);
      stack.push({ at: [top.at[0] + dx, top.at[1] + dy], container: a.class ?? top.container });
      continue;
    }
    const [ox, oy] = top.at;
    if (m[2] !== undefined) {
      const a = attrsOf(m[3] ?? "");
      const [dx, dy] = translate(a);
      const local =
        m[2] === "line"
          ? { x0: 0, y0: 0, x1: Number(a.x2 ?? 0), y1: Number(a.y2 ?? 0) }
          : pathBox(a.d ?? "M0,0");
      out.push({
        tag: m[2] as "path" | "line",
        attrs: a,
        text: "",
        container: top.container,
        box: {
          x0: ox + dx + Math.min(local.x0, local.x1),
          x1: ox + dx + Math.max(local.x0, local.x1),
          y0: oy + dy + Math.min(local.y0, local.y1),
          y1: oy + dy + Math.max(local.y0, local.y1),
        },
      });
      continue;
    }
    const a = attrsOf(m[4] ?? "");
    const text = decode(m[5] ?? "");
    const [dx, dy] = translate(a);
    const size = Number.parseFloat(a["font-size"] ?? "16");
    const width = textWidth(regular, text, size);
    const x = ox + dx;
    const x0 = a["text-anchor"] === "end" ? x - width : a["text-anchor"] === "middle" ? x - width / 2 : x;
    // vega places the baseline at y: ascenders reach about 0.75 em above it, descenders 0.25 below.
    const y = oy + dy;
    out.push({
      tag: "text",
      attrs: a,
      text,
      container: top.container,
      box: { x0, x1: x0 + width, y0: y - 0.75 * size, y1: y + 0.25 * size },
    });
  }
  return out;
}

/** Whether two boxes overlap by more than `margin` px each way. @example overlaps(a, b) */
export function overlaps(a: Box, b: Box, margin = 0): boolean {
  return a.x0 < b.x1 - margin && b.x0 < a.x1 - margin && a.y0 < b.y1 - margin && b.y0 < a.y1 - margin;
}

/** The SVG's width and height in px. @example svgSize(svg).height */
export function svgSize(svg: string): { width: number; height: number } {
  const a = attrsOf(svg.match(/<svg\b[^>]*>/)?.[0] ?? "");
  return { width: Number(a.width), height: Number(a.height) };
}

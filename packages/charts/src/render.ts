import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { type FontMetrics, fontMetrics, textWidth } from "./font-metrics.js";
import { FONT } from "./frame.js";

type VegaLite = typeof import("vega-lite");
type Vega = typeof import("vega");

let libs: Promise<{ vl: VegaLite; vega: Vega }> | undefined;

// vega and vega-lite take a few hundred milliseconds to load, so only chart work pays for them.
// They are ES modules with top-level await: import(), never require().
function load(): Promise<{ vl: VegaLite; vega: Vega }> {
  libs ??= Promise.all([import("vega-lite"), import("vega")]).then(([vl, vega]) => {
    useFontMetrics(vega);
    return { vl, vega };
  });
  return libs;
}

// vega measures text through its module-level textMetrics; pointing it at the bundled font's
// metrics (vega's documented hook for headless renderers) is the one piece of shared state here.
function useFontMetrics(vega: Vega): void {
  const [regular, semibold, bold] = fonts().map(fontMetrics) as [FontMetrics, FontMetrics, FontMetrics];
  const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as {
    width: (item: TextItem, text: unknown) => number;
  };
  metrics.width = (item, text) => {
    const weight = Number(item.fontWeight === "bold" ? 700 : (item.fontWeight ?? 400));
    const face = weight >= 700 ? bold : weight >= 600 ? semibold : regular;
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    return textWidth(face, text == null ? "" : String(text).trim(), size);
  };
}

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
}

/** The outcome of compiling a Vega-Lite spec: the Vega spec and every warning vega-lite logged. */
export interface Compiled {
  spec: import("vega").Spec;
  warnings: string[];
}

/** Compiles a Vega-Lite spec, collecting warnings so tests can insist on none. @example (await compile(spec)).warnings.length === 0 */
export async function compile(spec: TopLevelSpec): Promise<Compiled> {
  const { vl } = await load();
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.join(" "));
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const out = vl.compile(spec, { logger: logger as never });
  return { spec: out.spec, warnings };
}

/** Renders a Vega-Lite spec to SVG headlessly (no browser, no canvas). @example const svg = await renderSvg(spec) */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega } = await load();
  const view = new vega.View(vega.parse((await compile(spec)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The width of every PNG in pixels: print resolution for a full-width chart (about 2.7× the SVG). */
export const PNG_WIDTH = 1800;

const FONT_FILES = [
  "400Regular/SourceSans3_400Regular.ttf",
  "600SemiBold/SourceSans3_600SemiBold.ttf",
  "700Bold/SourceSans3_700Bold.ttf",
];

let fontPaths: string[] | undefined;

// The PNG must not depend on the machine's fonts, so resvg loads only the bundled Source Sans 3
// (an npm package, SIL Open Font Licence), never the system's.
function fonts(): string[] {
  if (fontPaths === undefined) {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve("@expo-google-fonts/source-sans-3/package.json"));
    fontPaths = FONT_FILES.map((f) => join(pkg, f));
  }
  return fontPaths;
}

/** A rendered chart: the PNG and its raw RGBA pixels (for tests that look at what was drawn). */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
  png: Uint8Array;
}

/** Rasterises an SVG with the bundled font only. @example (await rasterise(svg)).width === 1800 */
export async function rasterise(svg: string, width = PNG_WIDTH): Promise<Raster> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: fonts(), defaultFontFamily: FONT, sansSerifFamily: FONT },
  });
  const image = resvg.render();
  return {
    width: image.width,
    height: image.height,
    pixels: new Uint8Array(image.pixels),
    png: new Uint8Array(image.asPng()),
  };
}

/** Renders an SVG to PNG at print resolution with the bundled font. @example const png = await renderPng(await renderSvg(spec)) */
export async function renderPng(svg: string, width = PNG_WIDTH): Promise<Uint8Array> {
  return (await rasterise(svg, width)).png;
}

import type { TopLevelSpec } from "vega-lite";

type VegaLite = typeof import("vega-lite");
type Vega = typeof import("vega");

let libs: Promise<{ vl: VegaLite; vega: Vega }> | undefined;

// vega and vega-lite take a few hundred milliseconds to load, so only chart work pays for them.
// They are ES modules with top-level await: import(), never require().
function load(): Promise<{ vl: VegaLite; vega: Vega }> {
  libs ??= Promise.all([import("vega-lite"), import("vega")]).then(([vl, vega]) => ({ vl, vega }));
  return libs;
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

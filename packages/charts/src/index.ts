// The public API of @hnb/charts: Vega-Lite chart builders and headless SVG/PNG rendering.
export { type Compiled, compile, renderSvg } from "./render.js";

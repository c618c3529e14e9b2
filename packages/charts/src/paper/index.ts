// The Forum paper: its content (one function per paragraph or table, figures computed from the
// forecast), its wording (overridable) and its layout as a Word document.
export * from "./content.js";
export { type PaperInput, paperDocx, pngSize, printSize } from "./paper.js";
export * from "./wording.js";

// Scenario values as words a finance officer reads, never JSON or code names: keys in words
// ("costInflation" → "Cost inflation"), lever types as DfE plans name them, maps and lists as text.
import { AGE_GROUPS, type Distribution, distributionText, formatNumber, LEVER_TYPE_NAMES } from "@hnb/model";
import type { Kind } from "./assumption-format.js";
import { workbookKind } from "./field-kinds.js";

const WORDS: Record<string, string> = { fte: "FTE", s251: "s251 line", ...AGE_GROUPS };

/** A scenario key in words. @example words("costInflation") === "Cost inflation" */
export function words(key: string): string {
  if (WORDS[key]) return WORDS[key];
  const text = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(" ")
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Lever types in the words of DfE plans: a type code is not something a finance officer should decode.
/** A lever type in words. @example leverTypeText("placementShift") === "Placement shift" */
export function leverTypeText(type: string): string {
  return (LEVER_TYPE_NAMES as Record<string, string>)[type] ?? words(type);
}

function numberText(x: number, kind: Kind): string {
  if (kind === "rate") return `${Number((100 * x).toFixed(4))}%`;
  if (kind === "year") return String(x);
  return formatNumber(x, 2);
}

const PERIOD = /^\d{4}(-\d{2})?$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A value as readable text, never JSON: maps as "2023: 10; 2024: 10", lists with commas, nested
 * records in brackets. `name` turns ids (of placements, lines) into their labels where the field
 * refers to them.
 * @example readable({ 2023: 10, 2024: 10 }, "count") === "2023: 10; 2024: 10"
 */
export function readable(v: unknown, kind: Kind, name: (id: string) => string = (id) => id): string {
  if (typeof v === "number") return numberText(v, kind);
  if (typeof v === "string") return name(v);
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v))
    return v.map((x) => (isRecord(x) ? `(${readable(x, kind)})` : readable(x, kind, name))).join(", ");
  if (isRecord(v)) {
    if (typeof v.distribution === "string") return distributionText(v as Distribution);
    return Object.entries(v)
      .filter(([k]) => k !== "id") // a nested line's id is a code name; its role or label says what it is
      .map(([k, x]) => {
        const inner = readable(x, PERIOD.test(k) ? kind : (workbookKind(k) ?? kind));
        const key = PERIOD.test(k) ? k : name(k) !== k ? name(k) : words(k);
        return `${key}: ${isRecord(x) && typeof x.distribution !== "string" ? `(${inner})` : inner}`;
      })
      .join("; ");
  }
  return "";
}

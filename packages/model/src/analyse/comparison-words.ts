// A comparison's inputs in a reader's words (issue #32): the placement's or lever's label, not its
// id ("Independent special schools", not "placements.inmss"), and every value that changed with its
// rate or amount ("growth 2023: 9.1% → 7.1%, 2024: 8.8% → 6.8%"), not "changed: growth (6 entries)".
import { formatMoney, formatNumber } from "../units/money.js";

/** One value that differs between two scenarios' versions of an input. */
export interface ChangeDetail {
  /** The field, e.g. "growth", "costInflation", "confidence". */
  field: string;
  /** The year, FY or key inside the field, where the field is a map. */
  key?: string;
  /** The values as a reader sees them: "9.1%", "£1,200,000", "auto", "none". */
  from: string;
  to: string;
}

type Raw = Record<string, unknown>;

// Fields that are rates (decimals shown as percentages) and fields that are money.
const RATES = new Set([
  "growth",
  "costInflation",
  "inflation",
  "payAward",
  "transferRate",
  "reduction",
  "change",
  "confidence",
  "share",
]);
const MONEY = new Set([
  "unitCost",
  "amount",
  "amounts",
  "spend",
  "lumpSum",
  "openingBalance",
  "usableReserves",
  "eligibleDeficit",
  "excluded",
]);
// Fields that name or document an input: never a change of figure.
const DOCUMENTATION = new Set(["source", "label", "role", "group", "description", "spendReason", "s251"]);

// The fields' names in words, where the camelCase name does not read as one.
const FIELD_WORDS: Record<string, string> = {
  costInflation: "cost inflation",
  unitCost: "unit cost",
  payAward: "pay award",
  transferRate: "transfer rate",
  lumpSum: "lump sum",
  rampYears: "ramp years",
  fromFY: "from",
  firstFY: "first year",
  lastFY: "last year",
  openingBalance: "opening balance",
  usableReserves: "usable reserves",
  s251Split: "s251 split",
};

/** A field's name in words. @example fieldWords("costInflation") === "cost inflation" */
export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

// The labels of inputs that are not items with a label of their own.
const INPUT_LABELS: Record<string, string> = {
  openingBalance: "Opening balance",
  phasing: "Phasing",
  statutoryOverride: "Statutory override",
  reference: "Reference trend",
  "income.hnb": "High Needs Block allocation",
  "income.schoolsBlock": "Schools Block and its transfer",
  "income.importExport": "Import/export adjustment",
  "income.stabilityGrant": "High Needs Stability Grant",
  placements: "Placements",
  lines: "Other expenditure lines",
  staffing: "Staffing",
  mitigations: "Levers",
  "income.other": "Other income",
};

/** An input's name for a reader: an item's label (or role), else the input's own name in words. @example inputLabel("income.hnb") === "High Needs Block allocation" */
export function inputLabel(input: string, item?: unknown): string {
  const named = item as { label?: unknown; role?: unknown } | undefined;
  if (typeof named?.label === "string") return named.label;
  if (typeof named?.role === "string") return named.role;
  return INPUT_LABELS[input] ?? fieldWords(input.split(".").pop() ?? input);
}

/** A value of a field as a reader sees it: rates as percentages, money in £, a growth method by name. @example shownValue("growth", 0.071) === "7.1%" */
export function shownValue(field: string, v: unknown): string {
  if (v === undefined || v === null) return "none";
  if (typeof v === "number") {
    if (RATES.has(field)) return `${formatNumber(100 * v, 2)}%`;
    if (MONEY.has(field)) return formatMoney(v, { symbol: true, negative: "minus" });
    return formatNumber(v, 4);
  }
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "method" in (v as Raw)) return String((v as Raw).method);
  if (Array.isArray(v)) return v.map((x) => shownValue(field, x)).join(", ");
  return JSON.stringify(v);
}

const isMap = (v: unknown): v is Raw =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !("method" in (v as Raw));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every value that differs between two versions of an input, maps key by key (a rate given as one
 * number against a per-year map is compared year by year); `perYear` gives the rates a field takes
 * in each forecast year where they are computed (growth: auto), so those differences are by year too.
 * @example changeDetails({ growth: 0.05 }, { growth: 0.07 }) // [{ field: "growth", from: "5%", to: "7%" }]
 */
export function changeDetails(
  a: unknown,
  b: unknown,
  perYear: Record<string, [Record<string, number>, Record<string, number>]> = {},
): ChangeDetail[] {
  if (!isMap(a) || !isMap(b)) return [];
  const out: ChangeDetail[] = [];
  for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = a[field];
    const y = b[field];
    if (DOCUMENTATION.has(field) || same(x, y)) continue;
    const years = perYear[field];
    if (years) {
      for (const key of [...new Set([...Object.keys(years[0]), ...Object.keys(years[1])])]) {
        const [p, q] = [years[0][key], years[1][key]];
        if (p !== q) out.push({ field, key, from: shownValue(field, p), to: shownValue(field, q) });
      }
      continue;
    }
    if (isMap(x) || isMap(y)) {
      // A single number stands for every key of the other's map.
      const keys = [...new Set([...Object.keys(isMap(x) ? x : {}), ...Object.keys(isMap(y) ? y : {})])];
      const at = (v: unknown, k: string) => (isMap(v) ? v[k] : v);
      for (const key of keys)
        if (!same(at(x, key), at(y, key)))
          out.push({ field, key, from: shownValue(field, at(x, key)), to: shownValue(field, at(y, key)) });
      continue;
    }
    out.push({ field, from: shownValue(field, x), to: shownValue(field, y) });
  }
  return out;
}

/** The details in one sentence, a field's keys together: "growth 2023: 9.1% → 7.1%, 2024: 8.8% → 6.8%; confidence 70% → 100%". @example changeWords(changeDetails(a, b)) */
export function changeWords(details: readonly ChangeDetail[]): string {
  const fields = [...new Set(details.map((d) => d.field))];
  return fields
    .map((f) => {
      const mine = details.filter((d) => d.field === f);
      const parts = mine.map((d) => `${d.key !== undefined ? `${d.key}: ` : ""}${d.from} → ${d.to}`);
      return `${fieldWords(f)} ${parts.join(", ")}`;
    })
    .join("; ");
}

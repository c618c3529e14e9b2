// Scenarios side by side (best / central / worst): their ledgers, and which differences in their
// inputs explain the difference in the final balance. Each input that differs from the first
// scenario is one "block" (a placement, a line, an income source, a lever, the opening balance…);
// a block's share is its Shapley value over every subset of the differing blocks, so the shares add
// up exactly to the difference in the final cumulative balance and do not depend on any order.

import { type Model, normalise } from "../compile/model.js";
import { shapleyShares } from "../derive/attribution.js";
import { ledgerRows } from "../derive/ledger.js";
import type { LedgerRow } from "../derive/result.js";
import { allLevers, finalBalance, NO_LEVERS, project } from "../project/projection.js";
import { HnbError } from "../scenario/problem.js";
import type { Scenario } from "../scenario/schema.js";
import { parseScenario } from "../scenario/validate.js";
import { type ChangeDetail, changeDetails, changeWords, inputLabel } from "./comparison-words.js";

/** At most this many differing inputs are attributed one by one (2^12 = 4,096 projections); more are grouped by section. */
export const MAX_COMPARED_INPUTS = 12;

/** One input that differs between the first scenario and another, and its share of the difference. */
export interface InputDifference {
  /** The input, e.g. "placements.inmss", "openingBalance", "mitigations.transfer", or a section when grouped. */
  input: string;
  /** The input's name for a reader: the placement's or lever's label, "High Needs Block allocation", … */
  label: string;
  /** In words: added, removed, or every value that changed ("growth 2023: 9.1% → 7.1%, …"). */
  change: string;
  /** Each value that changed, from the first scenario's to this one's (growth by forecast year, as computed). */
  details?: ChangeDetail[];
  /** Its Shapley share of the difference in the final cumulative balance, £ (positive: the other scenario is better off). */
  share: number;
}

/** One scenario's ledger and final balance in a comparison. */
export interface ComparedScenario {
  name: string;
  ledger: LedgerRow[];
  final: number;
}

/** The difference of one scenario from the first, explained by its inputs. */
export interface ScenarioDifference {
  name: string;
  /** final(this) − final(first). */
  total: number;
  /** Whether the inputs were grouped by section because more than MAX_COMPARED_INPUTS differ. */
  grouped: boolean;
  /** Items that differ only in their label or source: no share, not counted as inputs. */
  textOnly?: string[];
  inputs: InputDifference[];
}

/** A comparison of scenarios: each ledger, and each scenario's difference from the first. */
export interface Comparison {
  financialYears: string[];
  /** Which forecast of each scenario is compared: the mitigated one where any scenario has levers. */
  forecast: "unmitigated" | "mitigated";
  scenarios: ComparedScenario[];
  differences: ScenarioDifference[];
}

/** Thrown when scenarios cannot be compared; the message says why. */
export class ComparisonError extends HnbError {
  override name = "ComparisonError";
  constructor(message: string) {
    super("cannot-compare", message);
  }
}

type Raw = Record<string, unknown>;
interface Block {
  input: string;
  label: string;
  section: string;
  change: string;
  details?: ChangeDetail[];
  apply: (target: Raw) => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Fields that name or document an input without changing any figure.
const TEXT_FIELDS = new Set([
  "source",
  "sources",
  "label",
  "role",
  "group",
  "description",
  "spendReason",
  "s251",
]);
// Top-level fields that name or document the scenario, or do not enter the deterministic forecast
// (the uncertainty section only drives simulations): never an input of the difference.
const NOT_INPUTS = new Set([
  "schema",
  "name",
  "description",
  "authority",
  "source",
  "uncertainty",
  "baseYear",
  "horizon",
]);
// Fields handled one item or one source at a time below.
const BY_ITEM = new Set(["placements", "lines", "staffing", "mitigations", "income"]);

// A value as the change text shows it: numbers and short values in full, longer ones as "…".
const shown = (v: unknown) => {
  if (v === undefined) return "none";
  const text = JSON.stringify(v);
  return text.length <= 24 ? text.replace(/"/g, "") : "…";
};

// The fields of two objects that differ, for the change text (documentation fields left out), each
// with its values where they are short ("confidence 0.7 → 1"), or the keys of a map that changed
// ("transferRate 2022-23: 0.005 → 0").
function changedFields(a: unknown, b: unknown): string {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return "changed";
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !TEXT_FIELDS.has(k) && !same((a as Raw)[k], (b as Raw)[k]),
  );
  const parts = keys.map((k) => {
    const x = (a as Raw)[k];
    const y = (b as Raw)[k];
    const isMap = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (isMap(x) && isMap(y)) {
      const inner = [...new Set([...Object.keys(x as Raw), ...Object.keys(y as Raw)])].filter(
        (j) => !same((x as Raw)[j], (y as Raw)[j]),
      );
      if (inner.length <= 2)
        return inner.map((j) => `${k} ${j}: ${shown((x as Raw)[j])} → ${shown((y as Raw)[j])}`).join(", ");
      return `${k} (${inner.length} entries)`;
    }
    return `${k} ${shown(x)} → ${shown(y)}`;
  });
  return `changed: ${parts.join(", ")}`.slice(0, 160);
}

// Whether two objects differ only in fields that change no figure (a label, a source).
function textOnly(a: unknown, b: unknown): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every(
    (k) => TEXT_FIELDS.has(k) || same((a as Raw)[k], (b as Raw)[k]),
  );
}

// A whole field taken from the other scenario (or removed where it has none).
function wholeField(input: string, owner: (s: Raw) => Raw, key: string, x: unknown, y: unknown): Block {
  const details =
    x === undefined || y === undefined
      ? undefined
      : typeof x === "object" && typeof y === "object"
        ? changeDetails(x, y)
        : changeDetails({ [key]: x }, { [key]: y });
  return {
    input,
    label: inputLabel(input),
    section: input,
    ...(details ? { details } : {}),
    change: x === undefined ? "added" : y === undefined ? "removed" : changeWords(details ?? []) || "changed",
    apply: (t) => {
      const at = owner(t);
      if (y === undefined) delete at[key];
      else at[key] = structuredClone(y);
    },
  };
}

// The differing blocks of `other` against `base`: lists of objects with ids are compared by id.
function blocks(
  base: Scenario,
  other: Scenario,
  documentation: string[] = [],
  models?: [Model, Model],
): Block[] {
  const out: Block[] = [];
  const b = base as unknown as Raw;
  const o = other as unknown as Raw;
  // Every other top-level field whole (opening balance, phasing, override, reference, flows,
  // demand, ehcpsByAge, …): a field the schema gains later is an input too, never silently left out.
  const first = ["openingBalance", "phasing", "statutoryOverride", "reference"];
  for (const key of [...new Set([...first, ...Object.keys(b), ...Object.keys(o)])]) {
    if (NOT_INPUTS.has(key) || BY_ITEM.has(key) || same(b[key], o[key])) continue;
    out.push(wholeField(key, (t) => t, key, b[key], o[key]));
  }
  const lists: [string, (s: Raw) => Raw[] | undefined, (s: Raw, v: Raw[]) => void][] = [
    ["placements", (s) => s.placements as Raw[], (s, v) => (s.placements = v)],
    ["lines", (s) => s.lines as Raw[], (s, v) => (s.lines = v)],
    ["staffing", (s) => s.staffing as Raw[], (s, v) => (s.staffing = v)],
    ["mitigations", (s) => s.mitigations as Raw[], (s, v) => (s.mitigations = v)],
    ["income.other", (s) => (s.income as Raw).other as Raw[], (s, v) => ((s.income as Raw).other = v)],
  ];
  for (const [section, get, set] of lists) {
    const before = get(b) ?? [];
    const after = get(o) ?? [];
    const ids = [...new Set([...before, ...after].map((x) => String(x.id)))];
    for (const id of ids) {
      const x = before.find((v) => v.id === id);
      const y = after.find((v) => v.id === id);
      if (x && y && same(x, y)) continue;
      if (x && y && textOnly(x, y)) {
        documentation.push(`${section}.${id}`);
        continue;
      }
      // A placement's growth as the forecast uses it in each year (growth: auto is estimated).
      const growth = section === "placements" && models ? growthByYear(models, id) : undefined;
      const details = x && y ? changeDetails(x, y, growth ? { growth } : {}) : undefined;
      out.push({
        input: `${section}.${id}`,
        label: inputLabel(`${section}.${id}`, y ?? x),
        section,
        ...(details ? { details } : {}),
        change: !x ? "added" : !y ? "removed" : changeWords(details ?? []) || changedFields(x, y),
        // Replace, add (in the other scenario's position) or remove the one item, keeping the rest.
        apply: (t) => {
          const list = [...(get(t) ?? [])];
          const at = list.findIndex((v) => v.id === id);
          if (!y) {
            if (at >= 0) list.splice(at, 1);
          } else if (at >= 0) list[at] = structuredClone(y);
          else list.splice(Math.min(after.indexOf(y), list.length), 0, structuredClone(y));
          set(t, list);
        },
      });
    }
  }
  // Each income source but `other` (item by item above) whole: hnb, schoolsBlock, importExport, …
  const bi = b.income as Raw;
  const oi = o.income as Raw;
  for (const key of [...new Set([...Object.keys(bi), ...Object.keys(oi)])]) {
    if (key === "other" || same(bi[key], oi[key])) continue;
    if (bi[key] !== undefined && oi[key] !== undefined && textOnly(bi[key], oi[key])) {
      documentation.push(`income.${key}`);
      continue;
    }
    out.push(wholeField(`income.${key}`, (t) => t.income as Raw, key, bi[key], oi[key]));
  }
  return out;
}

// Blocks that cannot be taken alone (a lever and the placement it moves pupils into, both new)
// are taken together: each block the first scenario cannot take by itself joins the first other
// block with which it can.
function joined(first: Scenario, list: Block[]): Block[] {
  const valid = (members: Block[]) => {
    const hybrid = structuredClone(first) as unknown as Raw;
    for (const m of members) m.apply(hybrid);
    return parseScenario(hybrid).ok;
  };
  let out = [...list];
  for (let i = 0; i < out.length; i++) {
    const block = out[i] as Block;
    if (valid([block])) continue;
    const partner = out.findIndex((other, j) => j !== i && valid([block, other]));
    if (partner < 0) continue;
    const other = out[partner] as Block;
    const both: Block = {
      input: `${block.input} + ${other.input}`,
      label: `${block.label} + ${other.label}`,
      section: block.section,
      change: `${block.change}; ${other.label}: ${other.change}`,
      details: [...(block.details ?? []), ...(other.details ?? [])],
      apply: (t) => {
        other.apply(t);
        block.apply(t);
      },
    };
    out = out.filter((_, j) => j !== i && j !== partner);
    out.splice(Math.min(i, partner), 0, both);
    i = -1;
  }
  return out;
}

// Groups blocks by section when there are too many to attribute one by one.
function grouped(list: Block[]): Block[] {
  const sections = [...new Set(list.map((x) => x.section))];
  return sections.map((section) => {
    const members = list.filter((x) => x.section === section);
    return {
      input: section,
      label: inputLabel(section),
      section,
      change: `${members.length} input${members.length === 1 ? "" : "s"}: ${members.map((m) => m.label).join(", ")}`,
      apply: (t) => {
        for (const m of members) m.apply(t);
      },
    };
  });
}

/**
 * Compares scenarios with the same base year and horizon: their ledgers, and for each scenario after
 * the first, the Shapley split of its difference in the final cumulative balance over the inputs
 * that differ from the first (adding up exactly to the difference).
 * @example compareScenarios([central, best, worst], ["central", "best", "worst"]).differences[0].inputs
 */
export function compareScenarios(scenarios: readonly Scenario[], names?: readonly string[]): Comparison {
  const first = scenarios[0];
  if (!first) throw new ComparisonError("give at least one scenario to compare");
  const labels = scenarios.map((s, i) => names?.[i] ?? s.name);
  scenarios.forEach((s, i) => {
    if (s.baseYear !== first.baseYear || s.horizon !== first.horizon)
      throw new ComparisonError(
        `${labels[i]} has base year ${s.baseYear} and horizon ${s.horizon}, ${labels[0]} ${first.baseYear} and ${first.horizon}: compare scenarios over the same years`,
      );
  });
  const forecast = scenarios.some((s) => s.mitigations.length) ? "mitigated" : "unmitigated";
  const value = (s: Scenario) => {
    const model = normalise(s);
    return project(model, forecast === "mitigated" ? allLevers(model) : NO_LEVERS);
  };
  const models = scenarios.map((s) => normalise(s));
  const compared = scenarios.map((s, i) => {
    const model = models[i] as Model;
    const t = value(s);
    return { name: labels[i] as string, ledger: ledgerRows(model, t), final: finalBalance(t) };
  });
  const differences = scenarios.slice(1).map((other, j) => {
    const documentation: string[] = [];
    const all = joined(
      first,
      blocks(first, other, documentation, [models[0] as Model, models[j + 1] as Model]),
    );
    const isGrouped = all.length > MAX_COMPARED_INPUTS;
    const list = isGrouped ? grouped(all) : all;
    const n = list.length;
    // v(S): the final balance of the first scenario with the blocks of S taken from the other.
    const values = new Float64Array(2 ** n);
    for (let mask = 0; mask < values.length; mask++) {
      const hybrid = structuredClone(first) as unknown as Raw;
      list.forEach((block, i) => {
        if (Math.floor(mask / 2 ** i) % 2 === 1) block.apply(hybrid);
      });
      const parsed = parseScenario(hybrid);
      if (!parsed.ok)
        throw new ComparisonError(
          `${labels[j + 1]}: its inputs ${list
            .filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1)
            .map((x) => x.input)
            .join(
              ", ",
            )} cannot be taken one at a time from ${labels[0]} (${parsed.problems[0]?.path}: ${parsed.problems[0]?.message}): make the scenarios differ in inputs that stand alone`,
        );
      values[mask] = finalBalance(value(parsed.scenario));
    }
    const shares = shapleyShares(values, n);
    const total = (compared[j + 1]?.final ?? 0) - (compared[0]?.final ?? 0);
    return {
      name: labels[j + 1] as string,
      total,
      grouped: isGrouped,
      ...(documentation.length ? { textOnly: documentation } : {}),
      inputs: list
        .map((block, i) => ({
          input: block.input,
          label: block.label,
          change: block.change,
          ...(block.details?.length ? { details: block.details } : {}),
          share: shares[i] ?? 0,
        }))
        .sort((a, b) => Math.abs(b.share) - Math.abs(a.share)),
    };
  });
  return {
    financialYears: compared[0]?.ledger.map((r) => r.fy) ?? [],
    forecast,
    scenarios: compared,
    differences,
  };
}

// A placement's growth in each forecast census year, in both scenarios (undefined where either lacks it).
function growthByYear(
  [a, b]: [Model, Model],
  id: string,
): [Record<string, number>, Record<string, number>] | undefined {
  const of = (m: Model) => {
    const p = m.placements.find((x) => x.id === id);
    if (!p) return undefined;
    return Object.fromEntries(m.censusYears.slice(1).map((y, k) => [String(y), p.growth[k + 1] ?? 0]));
  };
  const x = of(a);
  const y = of(b);
  return x && y ? [x, y] : undefined;
}

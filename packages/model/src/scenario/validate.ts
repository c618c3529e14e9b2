import { z } from "zod";
import { DemandModelError, normaliseDemand } from "../compile/demand-model.js";
import { rampedReduction } from "../compile/mitigation.js";
import { STABILITY_GRANT_ID } from "../compile/stability-grant.js";
import { isMethod, type ResolvedGrowths, resolveGrowths } from "../growth/growth.js";
import { assumptions } from "../simulate/uncertainty.js";
import { censusYears, financialYears, fyLabel, fyYear } from "../units/time.js";
import { AGE_GROUP_KEYS } from "./category.js";
import { inputBoundProblems } from "./input-bounds.js";
import { didYouMean } from "./names.js";
import { placeFundingProblems } from "./place-validate.js";
import { type Distribution, describeValue, type Scenario, ScenarioSchema } from "./schema.js";

/** One thing wrong with a scenario: the field's path (e.g. `placements[2].unitCost`) and what was wrong. */
export interface Problem {
  path: string;
  message: string;
}

/** The outcome of checking a scenario: the validated scenario, or every problem found. */
/** A validated scenario with its growth already resolved from history (passed on, so it is resolved once per run), or every problem. */
export type ParseResult =
  | { ok: true; scenario: Scenario; growths: ResolvedGrowths }
  | { ok: false; problems: Problem[] };

/** At most this many levers: Shapley attribution evaluates every subset once (2^16 = 65,536 forecasts). */
export const MAX_LEVERS = 16;

/** Formats a path as a reader writes it. @example formatPath(["placements", 2, "unitCost"]) === "placements[2].unitCost" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `["${String(key)}"]`;
  }
  return out || "(scenario)";
}

/** Problems as lines, one per problem. @example formatProblems([{ path: "horizon", message: "is required" }]) === "horizon: is required" */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join("\n");
}

// The keys an object accepts at a path, walking the schema beside the raw value (to pick a
// discriminated union's branch by its `type`), through zod's public classes only.
function knownKeysAt(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  let value = raw;
  let i = 0;
  while (node) {
    if (
      node instanceof z.ZodOptional ||
      node instanceof z.ZodDefault ||
      node instanceof z.ZodNullable ||
      node instanceof z.ZodPrefault
    )
      node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = node.in as z.ZodType;
    else if (node instanceof z.ZodUnion) {
      const options = node.options as readonly z.ZodType[];
      const type = (value as { type?: unknown } | undefined)?.type;
      const pick = options.find((o) => {
        const t = o instanceof z.ZodObject ? o.shape.type : undefined;
        return t instanceof z.ZodLiteral && t.values.has(type as never);
      });
      if (!pick)
        return [...new Set(options.flatMap((o) => (o instanceof z.ZodObject ? Object.keys(o.shape) : [])))];
      node = pick;
    } else if (i >= path.length) return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
    else {
      const key = path[i++] as PropertyKey;
      value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
      if (node instanceof z.ZodObject) node = node.shape[key as string] as z.ZodType | undefined;
      else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
      else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
      else return [];
    }
  }
  return [];
}

/**
 * Problems, each with its field's path, from the issues zod found parsing `raw` against `schema`
 * (parsed with reportInput, so a wrong value is named): unknown fields with the known ones, missing
 * fields as required, wrong types with what was given. Scenario and monitoring files share it.
 * @example structuralProblems(ScenarioSchema, ScenarioSchema.safeParse(raw, { reportInput: true }).error?.issues ?? [], raw)
 */
export function structuralProblems(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, raw, issue.path);
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          message: `unknown field${didYouMean(key, known, (k) => `\`${k}\``)}; known fields here: ${known.join(", ")}`,
        });
      }
    } else if (issue.code === "invalid_key") {
      // zod wraps a record key's own message; the user needs the inner one.
      for (const inner of issue.issues)
        problems.push({ path: formatPath(issue.path), message: inner.message });
    } else if (issue.code === "invalid_type" && issue.input === undefined) {
      problems.push({ path: formatPath(issue.path), message: "is required" });
    } else if (issue.code === "invalid_type") {
      // A schema's own message says what the field takes better than the type's name does.
      const expected = issue.message.startsWith("Invalid input")
        ? `expected ${issue.expected === "object" ? "a map" : issue.expected === "array" ? "a list" : issue.expected}`
        : issue.message;
      problems.push({
        path: formatPath(issue.path),
        message: `${expected}, got ${describeValue(issue.input)}`,
      });
    } else {
      problems.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return problems;
}

type Push = (path: PropertyKey[], message: string) => void;

function checkUnique(
  items: readonly { id: string }[],
  at: (i: number) => PropertyKey[],
  what: string,
  push: Push,
) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined)
      push([...at(i), "id"], `duplicate ${what} id "${item.id}" (also used at index ${first})`);
    else seen.set(item.id, i);
  });
}

/** What every section of the cross-field rules works with. */
interface Rules {
  s: Scenario;
  push: Push;
  /** The problems so far (some rules run only when the others found none). */
  problems: readonly Problem[];
  growths: ResolvedGrowths;
  B: number;
  years: number[];
  fys: string[];
  yearRange: string;
  fyRange: string;
  /** A per-year rate map covers exactly the forecast years. */
  rateMap: (v: number | Readonly<Record<string, number>>, path: PropertyKey[]) => void;
  /** An FY map names only reported years. */
  fyKeys: (map: Readonly<Record<string, number>>, path: PropertyKey[]) => void;
  /** firstFY is not after lastFY. */
  window: (first: string | undefined, last: string | undefined, path: PropertyKey[]) => void;
  /** A staffing line's own rules. */
  staffingLine: (line: Scenario["staffing"][number], path: PropertyKey[]) => void;
}

// Cross-field rules the per-field schema cannot express: they need the base year, the horizon or
// other ids. One function a section, in the order their problems are listed.
function semanticProblems(s: Scenario): { problems: Problem[]; growths: ResolvedGrowths } {
  const problems: Problem[] = [];
  // Growth named as a method is estimated from history once, here; the forecast reuses it.
  const growths = resolveGrowths(s);
  const push: Push = (path, message) => problems.push({ path: formatPath(path), message });
  const B = s.baseYear;
  const years = censusYears(B, s.horizon).slice(1);
  const fys = financialYears(B, s.horizon);
  const yearRange = `${years[0]}–${years[years.length - 1]}`;
  const fyRange = `${fys[0]}…${fys[fys.length - 1]}`;

  const rateMap = (v: number | Readonly<Record<string, number>>, path: PropertyKey[]) => {
    if (typeof v === "number") return;
    const missing = years.filter((y) => !(String(y) in v));
    if (missing.length)
      push(
        path,
        `per-year map misses forecast census year${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (it must cover ${yearRange})`,
      );
    for (const key of Object.keys(v)) {
      if (!years.includes(Number(key)))
        push([...path, key], `census year ${key} is outside the forecast years ${yearRange}`);
    }
  };
  const fyKeys = (map: Readonly<Record<string, number>>, path: PropertyKey[]) => {
    for (const key of Object.keys(map)) {
      if (!fys.includes(key))
        push([...path, key], `financial year ${key} is outside the reported years ${fyRange}`);
    }
  };
  const window = (first: string | undefined, last: string | undefined, path: PropertyKey[]) => {
    if (first && last && (fyYear(first) ?? 0) > (fyYear(last) ?? 0))
      push([...path, "lastFY"], `${last} is before firstFY ${first}`);
    // A line whose years all fall outside the forecast would cost nothing, with nothing said.
    else if (last && (fyYear(last) ?? 0) < (fyYear(fys[0] as string) ?? 0))
      push(
        [...path, "lastFY"],
        `${last} is before the first reported year ${fys[0]}: the line would cost nothing in the forecast; correct its years or remove it`,
      );
    else if (first && (fyYear(first) ?? 0) > (fyYear(fys.at(-1) as string) ?? 0))
      push(
        [...path, "firstFY"],
        `${first} is after the last reported year ${fys.at(-1)}: the line would cost nothing in the forecast; correct its years or remove it`,
      );
  };
  const staffingLine = (line: Scenario["staffing"][number], path: PropertyKey[]) => {
    rateMap(line.payAward, [...path, "payAward"]);
    window(line.firstFY, line.lastFY, path);
    const hasFte = line.fte !== undefined;
    const hasCost = line.unitCost !== undefined;
    if (hasFte !== hasCost)
      push(
        [...path, hasFte ? "unitCost" : "fte"],
        `is required when ${hasFte ? "fte" : "unitCost"} is given (cost = fte × unitCost)`,
      );
    if (!hasFte && !hasCost && line.lumpSum === undefined) push(path, "needs fte and unitCost, or lumpSum");
  };

  const r: Rules = {
    s,
    push,
    problems,
    growths,
    B,
    years,
    fys,
    yearRange,
    fyRange,
    rateMap,
    fyKeys,
    window,
    staffingLine,
  };
  idRules(r);
  placementRules(r);
  budgetRules(r);
  for (const b of inputBoundProblems(s)) push(b.path, b.message);
  leverRules(r);
  demandProblems(s, push);
  uncertaintyRules(r);
  growthRules(r);
  return { problems, growths };
}

// Ids are unique within their list; staffing ids across the scenario and its levers.
function idRules({ s, push }: Rules): void {
  checkUnique(s.placements, (i) => ["placements", i], "placement", push);
  checkUnique(s.lines, (i) => ["lines", i], "line", push);
  checkUnique(s.income.other, (i) => ["income", "other", i], "income", push);
  checkUnique(s.mitigations, (i) => ["mitigations", i], "mitigation", push);
  const allStaffing = [
    ...s.staffing.map((line, i) => ({ id: line.id, path: ["staffing", i] as PropertyKey[] })),
    ...s.mitigations.flatMap((m, j) =>
      m.type === "staffing"
        ? m.staffing.map((line, i) => ({
            id: line.id,
            path: ["mitigations", j, "staffing", i] as PropertyKey[],
          }))
        : [],
    ),
  ];
  const seenStaff = new Set<string>();
  for (const { id, path } of allStaffing) {
    if (seenStaff.has(id)) push([...path, "id"], `duplicate staffing id "${id}"`);
    seenStaff.add(id);
  }
}

// Placements: age splits add up, rate maps cover the years, history ends at the base year; the reference is history only.
function placementRules({ s, push, B, rateMap }: Rules): void {
  s.placements.forEach((p, i) => {
    if (p.ageSplit) {
      const total = Object.values(p.ageSplit).reduce<number>((a, b) => a + (b ?? 0), 0);
      if (Math.abs(total - 1) > 1e-6) push(["placements", i, "ageSplit"], `shares add up to ${total}, not 1`);
    }
    if (p.s251Split) {
      const total = Object.values(p.s251Split).reduce<number>((a, b) => a + b, 0);
      if (Math.abs(total - 1) > 1e-6)
        push(["placements", i, "s251Split"], `shares add up to ${Number(total.toFixed(6))}, not 1`);
      if (p.s251 !== undefined)
        push(["placements", i, "s251"], "give s251 (one line) or s251Split (shares by line), not both");
    }
    if (!isMethod(p.growth)) rateMap(p.growth, ["placements", i, "growth"]);
    rateMap(p.costInflation, ["placements", i, "costInflation"]);
    for (const [key, value] of Object.entries(p.history ?? {})) {
      const y = Number(key);
      if (y > B) push(["placements", i, "history", key], `history year ${key} is after the base year ${B}`);
      if (y === B && value !== p.count)
        push(
          ["placements", i, "history", key],
          `history for the base year (${value}) differs from count (${p.count})`,
        );
    }
  });
  for (const key of Object.keys(s.reference?.history ?? {})) {
    if (Number(key) > B)
      push(
        ["reference", "history", key],
        `census year ${key} is after the base year ${B}: the reference is history only`,
      );
  }
  const ids = new Set(s.placements.map((p) => p.id));
  for (const [id, series] of Object.entries(s.reference?.placements ?? {})) {
    if (!ids.has(id))
      push(
        ["reference", "placements", id],
        `no placement has the id "${id}": a type's reference series is keyed by the id of the placement it serves`,
      );
    for (const key of Object.keys(series))
      if (Number(key) > B)
        push(
          ["reference", "placements", id, key],
          `census year ${key} is after the base year ${B}: the reference is history only`,
        );
  }
}

// Lines, staffing and income: rate maps, FY keys, windows, place funding.
function budgetRules({ s, push, rateMap, fyKeys, window, staffingLine }: Rules): void {
  s.lines.forEach((l, i) => {
    rateMap(l.inflation, ["lines", i, "inflation"]);
    window(l.firstFY, l.lastFY, ["lines", i]);
  });
  s.staffing.forEach((line, i) => staffingLine(line, ["staffing", i]));
  rateMap(s.income.hnb.growth, ["income", "hnb", "growth"]);
  if (s.income.schoolsBlock) {
    rateMap(s.income.schoolsBlock.growth, ["income", "schoolsBlock", "growth"]);
    fyKeys(s.income.schoolsBlock.transferRate, ["income", "schoolsBlock", "transferRate"]);
    checkUnique(
      s.income.schoolsBlock.otherMovements,
      (i) => ["income", "schoolsBlock", "otherMovements", i],
      "movement",
      push,
    );
    s.income.schoolsBlock.otherMovements.forEach((o, i) =>
      fyKeys(o.amounts, ["income", "schoolsBlock", "otherMovements", i, "amounts"]),
    );
  }
  s.income.other.forEach((o, i) => fyKeys(o.amounts, ["income", "other", i, "amounts"]));
  for (const p of placeFundingProblems(s)) push(p.path, p.message);
  stabilityGrantRules(s, push);
}

// The Stability Grant (spec §11): paid within the forecast, after its deficit year, and from a
// balance the forecast knows (or a given eligible deficit).
function stabilityGrantRules(s: Scenario, push: Push): void {
  const g = s.income.stabilityGrant;
  if (!g) return;
  const path = ["income", "stabilityGrant"];
  const base = s.baseYear;
  const last = base + s.horizon;
  const paid = fyYear(g.paidIn) as number;
  const deficit = fyYear(g.deficitFY) as number;
  if (paid < base)
    push(
      [...path, "paidIn"],
      `${g.paidIn} is before the base year ${fyLabel(base)}: a grant already paid is in the opening balance; remove the stabilityGrant block`,
    );
  else if (paid > last)
    push(
      [...path, "paidIn"],
      `the forecast ends in ${fyLabel(last)}, before the grant is paid in ${g.paidIn}: set horizon to at least ${paid - base}`,
    );
  if (deficit >= paid)
    push(
      [...path, "deficitFY"],
      `${g.deficitFY} must end before the grant is paid (paidIn ${g.paidIn}): the grant pays off a deficit already accrued`,
    );
  else if (deficit < base - 1 && g.eligibleDeficit === undefined)
    push(
      [...path, "deficitFY"],
      `${g.deficitFY} ends before the opening balance (1 April of ${fyLabel(base)}), so the forecast cannot know its deficit: give eligibleDeficit`,
    );
  if (g.forecasts === "mitigated") {
    if (s.mitigations.length + 1 > MAX_LEVERS)
      push(
        [...path, "forecasts"],
        `"mitigated" makes the grant a lever of its own, and the scenario already has ${s.mitigations.length} of the ${MAX_LEVERS} levers allowed; combine two levers or use "both"`,
      );
    const clash = s.mitigations.findIndex((m) => m.id === STABILITY_GRANT_ID);
    if (clash >= 0)
      push(
        ["mitigations", clash, "id"],
        `"${STABILITY_GRANT_ID}" is the id of the Stability Grant's own lever when it is paid with the plan only; rename this lever`,
      );
  }
}

// Levers: at most MAX_LEVERS, confidence only where it scales something, ids and years that exist, one transfer lever a year, grants with their spend, targets with a payment.
function leverRules({ s, push, years, fys, yearRange, fyRange, fyKeys, staffingLine }: Rules): void {
  if (s.mitigations.length > MAX_LEVERS) {
    push(
      ["mitigations"],
      `has ${s.mitigations.length} levers; at most ${MAX_LEVERS} are allowed, because Shapley attribution evaluates every subset of levers once (2^${MAX_LEVERS} = 65,536 forecasts); combine related levers`,
    );
  }
  const placementIds = new Set(s.placements.map((p) => p.id));
  const lineIds = new Set(s.lines.map((l) => l.id));
  const transferOwner = new Map<string, string>();
  const checkFromFY = (fy: string, path: PropertyKey[]) => {
    if (!fys.includes(fy)) push(path, `${fy} is outside the reported financial years ${fyRange}`);
  };
  s.mitigations.forEach((m, j) => {
    const at = (...rest: PropertyKey[]) => ["mitigations", j, ...rest];
    // Spec §7 scales neither a staffing cost nor a transfer rate by confidence: accepting one would be an ignored assumption.
    if ((m.type === "staffing" || m.type === "transfer" || m.type === "safetyValve") && m.confidence !== 1) {
      push(
        at("confidence"),
        `does not apply to a ${m.type} lever (its effect is not scaled by confidence); remove it or model the risk another way`,
      );
    }
    const known = (id: string, path: PropertyKey[]) => {
      if (!placementIds.has(id)) {
        push(path, `names placement "${id}", which does not exist${didYouMean(id, [...placementIds])}`);
      }
    };
    // A lever names each placement or line once: a second mention would be dropped, silently.
    const once = (ids: readonly string[], field: string) =>
      ids.forEach((id, k) => {
        if (ids.indexOf(id) !== k) push(at(field, k), `names "${id}" a second time: name each once`);
      });
    if (m.type === "growthReduction" || m.type === "unitCostChange") once(m.placements, "placements");
    if (m.type === "lineChange") once(m.lines, "lines");
    switch (m.type) {
      case "growthReduction":
        m.placements.forEach((id, k) => known(id, at("placements", k)));
        if (!years.includes(m.from))
          push(at("from"), `census year ${m.from} is outside the forecast years ${yearRange}`);
        break;
      case "placementShift":
        known(m.fromPlacement, at("fromPlacement"));
        known(m.toPlacement, at("toPlacement"));
        if (m.fromPlacement === m.toPlacement)
          push(
            at("toPlacement"),
            `is the same as fromPlacement ("${m.fromPlacement}"): a shift must move placements somewhere else`,
          );
        for (const key of Object.keys(m.moves)) {
          if (!years.includes(Number(key)))
            push(at("moves", key), `census year ${key} is outside the forecast years ${yearRange}`);
        }
        break;
      case "unitCostChange":
        m.placements.forEach((id, k) => known(id, at("placements", k)));
        checkFromFY(m.fromFY, at("fromFY"));
        break;
      case "lineChange":
        m.lines.forEach((id, k) => {
          if (!lineIds.has(id)) {
            push(at("lines", k), `names line "${id}", which does not exist${didYouMean(id, [...lineIds])}`);
          }
        });
        checkFromFY(m.fromFY, at("fromFY"));
        break;
      case "staffing":
        m.staffing.forEach((line, i) => staffingLine(line, at("staffing", i)));
        break;
      case "transfer":
        if (!s.income.schoolsBlock)
          push(
            at("transferRate"),
            "a transfer lever needs income.schoolsBlock (the allocation the rate applies to)",
          );
        fyKeys(m.transferRate, at("transferRate"));
        for (const fy of Object.keys(m.transferRate)) {
          const owner = transferOwner.get(fy);
          // Two levers setting one year's rate would make the result depend on their order.
          if (owner)
            push(
              at("transferRate", fy),
              `${fy} is already set by transfer lever "${owner}"; one lever per year`,
            );
          else transferOwner.set(fy, m.id);
        }
        break;
      case "grant":
        fyKeys(m.amounts, at("amounts"));
        fyKeys(m.spend, at("spend"));
        // A grant pays for carrying out the plan: without its spend the mitigated balance would gain the whole grant.
        if (Object.keys(m.spend).length === 0 && m.spendReason === undefined)
          push(
            at("spend"),
            "is empty: give the implementation spend the grant pays for by FY, or add spendReason saying why it carries no spend of its own",
          );
        break;
      case "safetyValve":
        fyKeys(m.payments, at("payments"));
        fyKeys(m.inYearTargets, at("inYearTargets"));
        for (const fy of Object.keys(m.inYearTargets))
          if (!(fy in m.payments))
            push(
              at("inYearTargets", fy),
              `${fy} has no payment in payments: a target only conditions a payment`,
            );
        break;
    }
  });
}

// Uncertainty: distributions well formed, naming placements and levers that exist.
function uncertaintyRules({ s, push, problems, growths }: Rules): void {
  // Uncertainty: distributions must be well formed and name placements and levers that exist.
  if (s.uncertainty) {
    const u = s.uncertainty;
    const dist = (d: Distribution | "auto" | undefined, path: PropertyKey[]) => {
      if (d === undefined || d === "auto") return;
      if (d.distribution === "uniform" && d.min > d.max)
        push([...path, "max"], `is below min (${d.max} < ${d.min})`);
      if (d.distribution === "triangular" && !(d.min <= d.mode && d.mode <= d.max))
        push([...path, "mode"], `must lie between min and max (min ${d.min}, mode ${d.mode}, max ${d.max})`);
    };
    dist(u.growth, ["uncertainty", "growth"]);
    dist(u.costInflation, ["uncertainty", "costInflation"]);
    dist(u.delivery, ["uncertainty", "delivery"]);
    const placementIdList = s.placements.map((p) => p.id);
    for (const [id, v] of Object.entries(u.placements ?? {})) {
      if (!placementIdList.includes(id)) {
        push(
          ["uncertainty", "placements", id],
          `placement "${id}" does not exist${didYouMean(id, placementIdList)}`,
        );
      }
      dist(v.growth, ["uncertainty", "placements", id, "growth"]);
    }
    const leverIds = s.mitigations.map((m) => m.id);
    for (const [id, d] of Object.entries(u.levers ?? {})) {
      if (!leverIds.includes(id)) {
        push(["uncertainty", "levers", id], `lever "${id}" does not exist${didYouMean(id, leverIds)}`);
      }
      dist(d, ["uncertainty", "levers", id]);
    }
    for (const m of s.mitigations)
      if ((m.type === "staffing" || m.type === "transfer" || m.type === "safetyValve") && u.levers?.[m.id])
        push(
          ["uncertainty", "levers", m.id],
          `a ${m.type} lever has no delivery to draw (its effect is not scaled by confidence)`,
        );
    if (problems.length === 0)
      for (const a of assumptions(s, growths.records).problems) push(a.path, a.message);
  }
}

// Growth: enough history to estimate it, and above −100% with every reduction delivered.
function growthRules({ s, push, problems, growths, years }: Rules): void {
  // Growth estimated from history needs enough of it.
  for (const g of growths.problems) push(["placements", g.index, "growth"], g.message);

  // With every reduction delivered, growth must stay above −100% or counts would turn negative.
  if (problems.length === 0) {
    s.placements.forEach((p, i) => {
      const rate = growths.rates[i] ?? 0;
      for (const y of years) {
        const g = typeof rate === "number" ? rate : (rate[String(y)] ?? 0);
        let cut = 0;
        for (const m of s.mitigations) {
          if (m.type === "growthReduction" && m.placements.includes(p.id))
            cut += m.confidence * rampedReduction(m, y);
        }
        if (g - cut <= -1) {
          push(
            ["placements", i, "growth"],
            `growth in ${y} after growth reductions would be ${(100 * (g - cut)).toFixed(1)}%, at or below −100%`,
          );
          break;
        }
      }
    });
  }
}

const FLOW_LEVERS = new Set(["newPlansChange", "cessationChange", "conversionChange"]);

// The demand section's rules: flow levers need it (conversion levers need requests), growth
// reductions cannot act on the placements it drives, given shares add up, and its inputs are there.
function demandProblems(s: Scenario, push: Push): void {
  const d = s.demand;
  s.mitigations.forEach((m, j) => {
    if (FLOW_LEVERS.has(m.type) && !d)
      push(
        ["mitigations", j, "type"],
        `${m.type} acts on EHCP flows: add a \`demand\` section (hnb import writes one from SEN2)`,
      );
    if (m.type === "conversionChange" && d && !d.requests)
      push(
        ["mitigations", j, "type"],
        "conversionChange acts on requests becoming plans: add demand.requests (and flows.requests)",
      );
    if (m.type === "growthReduction" && d) {
      const driven = m.placements.filter((id) => s.placements.find((p) => p.id === id)?.category !== "NONE");
      if (driven.length)
        push(
          ["mitigations", j, "placements"],
          `with a demand section the EHCP placements' total follows the flows, so a growth reduction on ${driven.map((x) => `"${x}"`).join(", ")} would only change their mix: use newPlansChange or cessationChange`,
        );
    }
  });
  if (!d) return;
  if (d.newPlans.split !== "estimated") {
    const total = AGE_GROUP_KEYS.reduce(
      (a, b) => a + ((d.newPlans.split as Record<string, number>)[b] ?? 0),
      0,
    );
    if (Math.abs(total - 1) > 1e-6)
      push(
        ["demand", "newPlans", "split"],
        `shares must add up to 1 (they add up to ${Number(total.toFixed(6))})`,
      );
  }
  try {
    normaliseDemand(s);
  } catch (e) {
    if (!(e instanceof DemandModelError)) throw e;
    push(e.path, e.message);
  }
}

/**
 * Checks raw scenario data (parsed JSON/YAML) against the schema, then the cross-field rules.
 * @example parseScenario(JSON.parse(text)) // { ok: true, scenario } or { ok: false, problems }
 */
export function parseScenario(raw: unknown): ParseResult {
  const parsed = ScenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    return { ok: false, problems: structuralProblems(ScenarioSchema, parsed.error.issues, raw) };
  const { problems, growths } = semanticProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data, growths };
}

/** Thrown by {@link scenarioOrThrow}; carries every problem. */
export class ScenarioError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`scenario is not valid:\n${formatProblems(problems)}`);
    this.name = "ScenarioError";
  }
}

/** Validates a scenario or throws a {@link ScenarioError} listing every problem. @example const s = scenarioOrThrow(yaml.parse(text)) */
export function scenarioOrThrow(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.scenario;
}

import { rampedReduction } from "../compile/mitigation.js";
import { isMethod, type ResolvedGrowths, resolveGrowths } from "../growth/growth.js";
import { assumptions } from "../simulate/assumptions.js";
import { censusYears, financialYears, fyYear } from "../units/time.js";
import { inputBoundProblems } from "./input-bounds.js";
import { demandProblems, leverRules, stabilityGrantRules } from "./lever-rules.js";
import { didYouMean } from "./names.js";
import { placeFundingProblems } from "./place-validate.js";
import { formatPath, HnbError, type Problem } from "./problem.js";
import { checkUnique, type Push, type Rules } from "./rules.js";
import { type Distribution, type Scenario, ScenarioSchema } from "./schema.js";
import { structuralProblems } from "./structural.js";

export { MAX_LEVERS } from "./rules.js";
export { structuralProblems } from "./structural.js";

/** The outcome of checking a scenario: the validated scenario, or every problem found. */
/** A validated scenario with its growth already resolved from history (passed on, so it is resolved once per run), or every problem. */
export type ParseResult =
  | { ok: true; scenario: Scenario; growths: ResolvedGrowths }
  | { ok: false; problems: Problem[] };

export { formatPath, type Problem } from "./problem.js";

/** Problems as lines, one per problem. @example formatProblems([{ code: "required", path: "horizon", message: "is required" }]) === "horizon: is required" */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join("\n");
}

// Cross-field rules the per-field schema cannot express: they need the base year, the horizon or
// other ids. One function a section, in the order their problems are listed.
function semanticProblems(s: Scenario): { problems: Problem[]; growths: ResolvedGrowths } {
  const problems: Problem[] = [];
  // Growth named as a method is estimated from history once, here; the forecast reuses it.
  const growths = resolveGrowths(s);
  const push: Push = (path, message, code = "cross-field") =>
    problems.push({ code, path: formatPath(path), message });
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
        push(
          [...path, key],
          `census year ${key} is outside the forecast years ${yearRange}`,
          "bad-reference",
        );
    }
  };
  const fyKeys = (map: Readonly<Record<string, number>>, path: PropertyKey[]) => {
    for (const key of Object.keys(map)) {
      if (!fys.includes(key))
        push(
          [...path, key],
          `financial year ${key} is outside the reported years ${fyRange}`,
          "bad-reference",
        );
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
        "required",
      );
    if (!hasFte && !hasCost && line.lumpSum === undefined)
      push(path, "needs fte and unitCost, or lumpSum", "required");
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
    if (seenStaff.has(id)) push([...path, "id"], `duplicate staffing id "${id}"`, "duplicate");
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
        "bad-reference",
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
  for (const p of placeFundingProblems(s)) push(p.path, p.message, p.code);
  stabilityGrantRules(s, push);
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
    dist(u.newPlansGrowth, ["uncertainty", "newPlansGrowth"]);
    dist(u.cessationRate, ["uncertainty", "cessationRate"]);
    // New plans and cessations are the demand section's flows: without one there is nothing to draw.
    for (const key of ["newPlansGrowth", "cessationRate"] as const)
      if (u[key] !== undefined && !s.demand)
        push(
          ["uncertainty", key],
          "draws one of the demand section's flows, and this scenario has no demand section: remove it, or add one (docs/demand-flows.md)",
        );
    const placementIdList = s.placements.map((p) => p.id);
    for (const [id, v] of Object.entries(u.placements ?? {})) {
      if (!placementIdList.includes(id)) {
        push(
          ["uncertainty", "placements", id],
          `placement "${id}" does not exist${didYouMean(id, placementIdList)}`,
          "bad-reference",
        );
      }
      dist(v.growth, ["uncertainty", "placements", id, "growth"]);
    }
    const leverIds = s.mitigations.map((m) => m.id);
    for (const [id, d] of Object.entries(u.levers ?? {})) {
      if (!leverIds.includes(id)) {
        push(
          ["uncertainty", "levers", id],
          `lever "${id}" does not exist${didYouMean(id, leverIds)}`,
          "bad-reference",
        );
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
      for (const a of assumptions(s, growths.records).problems) push(a.path, a.message, "not-enough-history");
  }
}

// Growth: enough history to estimate it, and above −100% with every reduction delivered.
function growthRules({ s, push, problems, growths, years }: Rules): void {
  // Growth estimated from history needs enough of it.
  for (const g of growths.problems) push(["placements", g.index, "growth"], g.message, "not-enough-history");

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
export class ScenarioError extends HnbError {
  constructor(problems: readonly Problem[]) {
    super("invalid-scenario", `scenario is not valid:\n${formatProblems(problems)}`, problems);
    this.name = "ScenarioError";
  }
}

/** Validates a scenario or throws a {@link ScenarioError} listing every problem. @example const s = scenarioOrThrow(yaml.parse(text)) */
export function scenarioOrThrow(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.scenario;
}

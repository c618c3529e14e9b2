// The assumptions sheet: every input of the scenario with its value, its source and its key in the
// scenario file, the rows of illustrative inputs marked; then what was estimated from history and
// every warning with its evidence, so nothing is applied silently.
import {
  CATEGORIES,
  type Category,
  demandWarnings,
  FIGURE_FIELDS,
  PLACE_FUNDING,
  placeFundingRate,
  sourceOf,
} from "@hnb/model";
import { FORMAT_OF } from "./assumption-format.js";
import { workbookKind } from "./field-kinds.js";
import { FORMATS } from "./formats.js";
import { leverLabel, type WorkbookInput } from "./plan-input.js";
import { leverTypeText, readable, words } from "./readable.js";
import type { Cell, SheetWriter } from "./writer.js";

// What the Source column says of a field that is a label or a classification, not a figure.
const NOT_A_FIGURE = "(a classification, not a figure)";

// Whether a field of an item kind is a figure with a source of its own (model's FIGURE_FIELDS).
const isFigure = (kind: keyof typeof FIGURE_FIELDS, field: string) =>
  (FIGURE_FIELDS[kind] as readonly string[]).includes(field);

/** Writes the assumptions sheet. @example assumptionsSheet(sheet, { scenario, result }) */
export function assumptionsSheet(ws: SheetWriter, input: WorkbookInput): void {
  const s = input.scenario;
  const illustrative = new Set(input.result.illustrative);
  ws.start(
    "Assumptions: every input and its source",
    `${s.name} · as read from the scenario file${illustrative.size ? " · illustrative figures: rows marked in the Illustrative column" : ""}`,
    ["Section", "Item", "Field", "Value", "Source", "Illustrative", "Key in the scenario file"],
    0,
  );
  const labels = new Map<string, string>([
    ...s.placements.map((p): [string, string] => [p.id, p.label]),
    ...s.lines.map((l): [string, string] => [l.id, l.label]),
  ]);
  const label = (id: string) => labels.get(id) ?? id;
  // Fields whose values (or, for uncertainty.placements, keys) are placement or line ids.
  const REFS = new Set(["fromPlacement", "toPlacement", "placements", "lines"]);
  /** One input: `at` is its path in the scenario file, the key illustrative inputs are listed by. */
  const row = (
    section: string,
    item: string,
    at: string,
    key: string,
    value: unknown,
    source: string | undefined,
    field = words(key),
  ) => {
    const path = at ? `${at}.${key}` : key;
    const kind = workbookKind(key) ?? "number";
    const shown: Cell =
      typeof value === "number"
        ? value
        : key === "category" && typeof value === "string" && value in CATEGORIES
          ? `${CATEGORIES[value as Category]} (${value})`
          : readable(value, kind, REFS.has(key) ? label : undefined);
    const r = ws.add(
      [
        section,
        item,
        field,
        shown,
        source ?? "not given",
        // Marked when the input or any part of it is (a lever's staffing line, say).
        illustrative.has(at) || [...illustrative].some((k) => k === path || k.startsWith(`${path}.`))
          ? "yes"
          : "",
        path,
      ],
      [
        undefined,
        undefined,
        undefined,
        typeof value === "number"
          ? kind === "number" && Number.isInteger(value)
            ? FORMATS.count
            : FORMAT_OF[kind]
          : undefined,
      ],
    );
    return r;
  };
  // Estimates and warnings are not inputs: they are keyed by the input they concern, never marked.
  // Their only numbers are growth rates.
  const derived = (
    section: string,
    item: string,
    key: string,
    field: string,
    value: unknown,
    source: string,
  ) => ws.add([section, item, field, readable(value, "rate"), source, "", key]);
  row("Scenario", s.name, "", "baseYear", s.baseYear, "scenario");
  row("Scenario", s.name, "", "horizon", s.horizon, "scenario", "Horizon (years)");
  row("Scenario", s.name, "", "phasing", s.phasing, "scenario");
  row("Scenario", s.name, "", "openingBalance", s.openingBalance, s.openingBalanceSource);
  for (const p of s.placements)
    for (const f of [
      "category",
      "count",
      "unitCost",
      "costInflation",
      "growth",
      "history",
      "ageSplit",
    ] as const)
      if (p[f] !== undefined)
        row(
          "Placement",
          p.label,
          `placements.${p.id}`,
          f,
          p[f],
          // Each figure's own source (issue #29); a growth estimated from history is the history's;
          // the category is a classification, never credited to a figure's source.
          f === "growth" && typeof p.growth === "object" && "method" in p.growth
            ? `estimated from the history (${sourceOf(p, "history") ?? "not given"})`
            : f === "category"
              ? (p.source ?? NOT_A_FIGURE)
              : sourceOf(p, f),
        );
  // Places and top-ups (issue #18): without them the placement's cost could not be reconciled.
  for (const p of s.placements) {
    if (!p.places) continue;
    const { source, ...places } = p.places;
    for (const [k, v] of Object.entries(places))
      if (v !== undefined)
        row("Placement places", p.label, `placements.${p.id}.places`, k, v, source ?? p.source);
    // The rate the places are paid at when the file leaves it to the operational guide.
    if (places.rate === undefined)
      row(
        "Placement places",
        p.label,
        `placements.${p.id}.places`,
        "rate",
        placeFundingRate(p.category, undefined, places.onRoll),
        PLACE_FUNDING[p.category].source,
        "Rate (the operational guide's, as none is given)",
      );
  }
  for (const l of s.lines)
    for (const f of ["amount", "inflation", "s251", "firstFY", "lastFY"] as const)
      if (l[f] !== undefined)
        row(
          "Line",
          l.label,
          `lines.${l.id}`,
          f,
          l[f],
          isFigure("line", f) ? sourceOf(l, f) : (l.source ?? NOT_A_FIGURE),
        );
  for (const st of s.staffing)
    for (const f of ["fte", "unitCost", "lumpSum", "payAward", "firstFY", "lastFY", "fundedBy"] as const)
      if (st[f] !== undefined)
        row(
          "Staffing",
          st.role,
          `staffing.${st.id}`,
          f,
          st[f],
          isFigure("staffing", f) ? sourceOf(st, f) : (st.source ?? NOT_A_FIGURE),
        );
  for (const f of ["amount", "growth"] as const)
    row("Income", "High Needs Block", "income.hnb", f, s.income.hnb[f], sourceOf(s.income.hnb, f));
  const perHead = s.income.hnb.perHead;
  if (perHead)
    for (const f of ["population", "formula", "floor", "cap"] as const)
      row("Income", "High Needs Block per head", "income.hnb.perHead", f, perHead[f], perHead.source);
  const ie = s.income.importExport;
  if (ie)
    for (const f of ["netImported", "rate"] as const)
      row("Income", "Import/export adjustment", "income.importExport", f, ie[f], sourceOf(ie, f));
  const sb = s.income.schoolsBlock;
  if (sb) {
    for (const f of ["amount", "growth", "transferRate"] as const)
      row("Income", "Schools Block", "income.schoolsBlock", f, sb[f], sourceOf(sb, f));
    for (const m of sb.otherMovements)
      row(
        "Income",
        `Schools Block movement: ${m.label}`,
        "income.schoolsBlock",
        "amounts",
        m.amounts,
        m.source,
      );
  }
  for (const o of s.income.other)
    row("Income", o.label, `income.other.${o.id}`, "amounts", o.amounts, sourceOf(o, "amounts"));
  const sg = s.income.stabilityGrant;
  if (sg)
    for (const [k, v] of Object.entries(sg))
      if (k !== "source" && k !== "sources" && v !== undefined)
        row(
          "Income",
          "High Needs Stability Grant",
          "income.stabilityGrant",
          k,
          v,
          isFigure("stabilityGrant", k) ? sourceOf(sg, k) : (sg.source ?? NOT_A_FIGURE),
        );
  for (const m of s.mitigations) {
    const { id, type, source, label: _label, ...rest } = m;
    const item = leverLabel(input.result, id);
    row("Mitigation", item, `mitigations.${id}`, "type", leverTypeText(type), source);
    for (const [k, v] of Object.entries(rest)) row("Mitigation", item, `mitigations.${id}`, k, v, source);
  }
  if (s.uncertainty) {
    const { source, ...rest } = s.uncertainty;
    for (const [k, v] of Object.entries(rest))
      row(
        "Uncertainty",
        "Simulation",
        "uncertainty",
        k,
        v,
        source,
        // The run may draw another number of paths with another seed (--paths, --seed): the
        // Uncertainty sheet prints the ones it used.
        k === "seed" ? "Seed in the scenario file" : k === "paths" ? "Paths in the scenario file" : undefined,
      );
  }
  if (s.reference)
    row("Reference", s.reference.name, "reference", "history", s.reference.history, s.reference.source);
  if (s.statutoryOverride)
    for (const [k, v] of Object.entries(s.statutoryOverride))
      if (k !== "source")
        row(
          "Statutory override",
          "Statutory override",
          "statutoryOverride",
          k,
          v,
          s.statutoryOverride.source,
        );
  if (s.flows)
    for (const k of ["newPlans", "requests", "ceased"] as const)
      if (s.flows[k])
        row("Flows", words(k), "flows", k, s.flows[k], s.flows.source, "History (calendar years)");
  // The SEN2 tables and the demand flows are inputs too: every figure is listed with its source.
  if (s.ehcpsByAge)
    row(
      "EHCPs",
      `By age group, January ${s.ehcpsByAge.census}`,
      "ehcpsByAge",
      "counts",
      s.ehcpsByAge.counts,
      s.ehcpsByAge.source,
    );
  if (s.ehcpsByNeed)
    row(
      "EHCPs",
      `By primary need, January ${s.ehcpsByNeed.census}`,
      "ehcpsByNeed",
      "counts",
      s.ehcpsByNeed.counts,
      s.ehcpsByNeed.source,
    );
  if (s.demand) {
    const d = s.demand;
    row("Demand", "EHCPs by age band", "demand", "history", d.history, d.source);
    row("Demand", "Cessation", "demand", "cessation", d.cessation, d.source);
    if (d.ageing) row("Demand", "Ageing", "demand", "ageing", d.ageing, d.source);
    for (const k of ["growth", "split"] as const)
      row("Demand", "New plans", "demand.newPlans", k, d.newPlans[k], d.newPlans.source ?? d.source);
    if (d.requests)
      for (const k of ["growth", "conversion"] as const)
        if (d.requests[k] !== undefined)
          row("Demand", "Requests", "demand.requests", k, d.requests[k], d.requests.source ?? d.source);
  }
  // What was estimated from history, and every warning with its evidence: never applied silently.
  for (const c of input.result.calibration) {
    const key = `placements.${c.id}.growth`;
    derived(
      "Growth estimated",
      c.label,
      key,
      "Method asked / used",
      `${c.requested}: ${c.used}`,
      "estimated from the placement's history",
    );
    derived("Growth estimated", c.label, key, "Rates by census year", c.rates, "estimated");
    if (c.weight !== undefined)
      derived(
        "Growth estimated",
        c.label,
        key,
        "Reference / weight on own trend",
        `${c.reference}: ${(100 * (c.referenceRate ?? 0)).toFixed(2)}% a year; weight ${(100 * c.weight).toFixed(1)}%`,
        "estimated",
      );
    for (const w of c.warnings) derived("Warning", c.label, key, "Growth warning", w, "sanity check");
  }
  for (const w of input.result.unitCostWarnings)
    derived(
      "Warning",
      label(w.id),
      `placements.${w.id}.unitCost`,
      "Unit cost warning",
      w.message,
      "sanity check",
    );
  for (const w of input.result.inputWarnings)
    derived("Warning", "Scenario", w.path, "Balances", w.message, "sanity check");
  for (const w of input.result.baseYearWarnings)
    derived("Warning", "Base year", w.path, "Base-year plausibility", w.message, "sanity check");
  for (const w of demandWarnings(input.result.demand))
    derived("Warning", "EHCP demand flows", w.path, "Demand warning", w.message, "sanity check");
  for (const w of input.result.shiftWarnings)
    derived("Warning", w.lever, `mitigations.${w.lever}.moves`, "Shift held back", w.message, "sanity check");
  ws.fit(10, 80);
}

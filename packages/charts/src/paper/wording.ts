// The fixed wording of the Forum paper, in one object a user may override key by key (`--wording
// FILE`, YAML or JSON with the same keys). Figures never live here: a text names them by
// placeholder ({amount}, {fy} …) and the paper computes them from the forecast, so a paper written
// with any wording still has no figure typed by hand. That is why wording with digits is refused.
import { leverTypeText } from "@hnb/io";
import { didYouMean, LEVER_TYPE_NAMES, type Problem } from "@hnb/model";

// Lever types in the workbook's words (one function for both), each a key a user may reword.
const LEVER_TYPES = Object.fromEntries(
  Object.keys(LEVER_TYPE_NAMES).map((type) => [type, leverTypeText(type)]),
) as Readonly<Record<keyof typeof LEVER_TYPE_NAMES, string>>;

/** The paper's default wording: group → key → text with `{placeholders}` for computed figures and names. */
export const DEFAULT_WORDING = {
  document: {
    title: "{scenario}",
    subtitle: "High Needs Block (DSG) forecast and {plan}: a paper for the Schools Forum of {authority}",
    draft:
      "Every figure in this paper is computed by hnb from the scenario file and its forecast. Check the assumptions and their sources in the appendix before the paper is signed off.",
    illustrative:
      "Illustrative figures: {count} of the inputs are illustrative: marked so in their sources, or given no source (flagged in the appendix). Replace them with the authority's own figures, each with its source, before relying on this paper.",
    footer: "{scenario} · page",
  },
  headings: {
    summary: "Summary",
    forecast: "The forecast",
    plan: "The {plan}: savings and funding",
    transfer: "Schools Block transfer and its approval",
    charts: "Charts",
    risks: "Risks",
    methods: "How to read these figures",
    appendix: "Appendix: assumptions and their sources",
  },
  names: {
    plan: "recovery plan",
    unmitigated: "unmitigated",
    mitigated: "mitigated",
    deficit: "a deficit of {amount}",
    surplus: "a surplus of {amount}",
    balanced: "nil",
    better: "{amount} better",
    worse: "{amount} worse",
    unchanged: "no different",
    balancedFrom: "from {fy} on",
    neverBalanced: "at no point in the forecast years",
    yes: "yes",
    notGiven: "not given",
    paid: "paid",
    withheld: "withheld",
    schoolsForum: "Schools Forum approval",
    disapplication: "a disapplication request to the Secretary of State",
    eligibleOwn: "this forecast's own deficit",
    eligibleGiven: "the figure DfE will use",
    draft: "a draft, not yet submitted to DfE",
    submitted: "submitted to DfE",
    approved: "approved by DfE",
    notApproved: "not approved by DfE",
  },
  leverTypes: LEVER_TYPES,
  summary: {
    override:
      "The statutory override ends on {date}, the end of {fy}. On current trends (the unmitigated forecast) the cumulative DSG balance then is {unmitigated}. With the {plan} (the mitigated forecast) it is {mitigated}: {difference}.",
    overrideNoPlan:
      "The statutory override ends on {date}, the end of {fy}. On current trends the cumulative DSG balance then is {unmitigated}. The scenario has no {plan} levers, so there is no mitigated forecast.",
    overrideAfter:
      "The statutory override ends on {date}, after the last year forecast. At the end of {fy} the cumulative DSG balance is {unmitigated} on current trends and {mitigated} with the {plan}.",
    reserves:
      "Against the council's usable reserves of {reserves}, the deficit when the override ends is {unmitigatedShare} of them unmitigated and {mitigatedShare} with the {plan}.",
    noReserves:
      "The scenario does not give the council's usable reserves, so the deficit is not compared with them.",
    inYear:
      "The in-year balance is at zero or better, and stays there, {unmitigated} without the {plan} and {mitigated} with it.",
    plan: "By the end of {fy} the plan's savings lower spending by {savings} and its funding brings in {funding} (Shapley shares; each lever is in the table below).",
    planTotal: "Together they improve the cumulative balance by {total}.",
    planGrant:
      "The plan also changes the Stability Grant by {grant}, because savings made before the end of {deficitFY} leave less deficit for it to pay off: in all, it improves the cumulative balance by {total}.",
    planStatus: "The {plan} is {status}.",
    planSubmittedOn: "The {plan} was submitted to DfE on {date}.",
    stabilityGrant:
      "High Needs Stability Grant, {forecast} forecast: on condition of {condition}, the grant pays {amount} in {paidIn}, {share} of the deficit of {eligible} at the end of {deficitFY} ({basis}).",
    withoutGrant:
      "Without the Stability Grant, the cumulative balance when the override ends would be {unmitigated} unmitigated and {mitigated} with the {plan}.",
    accrued:
      "The balance when the override ends is two parts. The balance to the end of {deficitFY}, after the grant paid towards it, is {unmitigatedLeft} unmitigated and {mitigatedLeft} with the {plan}. The part accrued from the start of {fy}, which no grant covers, is {unmitigated} unmitigated and {mitigated} with the {plan}. Both stay with the council unless further support is given.",
    accruedReserves:
      "That part is {unmitigatedShare} of the council's usable reserves unmitigated and {mitigatedShare} with the {plan}.",
    accruedOne:
      "The {forecast} balance when the override ends is two parts. The balance to the end of {deficitFY}, after the grant paid towards it, is {left}. The part accrued from the start of {fy}, which no grant covers, is {amount}. Both stay with the council unless further support is given.",
    accruedReservesOne: "That part is {share} of the council's usable reserves.",
    laterYears:
      "The forecast runs past the override's end: from {month} SEND cost pressures sit with central government, so the years from {fy} on are shown for completeness.",
  },
  forecast: {
    intro:
      "The tables below are the DSG ledger of each forecast by financial year, in £ thousands. Figures in brackets are deficits; each figure is rounded on its own, so a total may differ from the sum of its parts by one.",
    opening: "The DSG balance brought forward into {fy} is {balance}.",
    unmitigatedCaption: "Unmitigated forecast: the scenario as written (£ thousands)",
    mitigatedCaption: "Mitigated forecast: with the {plan} (£ thousands)",
    unit: "£ thousands",
    hnb: "High Needs Block allocation",
    transfer: "Schools Block transfer",
    otherIncome: "Other income",
    stabilityGrant: "High Needs Stability Grant",
    income: "Income",
    placementCost: "Placements",
    lineCost: "Other expenditure lines",
    staffingCost: "Staffing",
    implementationCost: "Grant-funded spend",
    expenditure: "Expenditure",
    inYear: "In-year balance",
    cumulative: "Cumulative balance",
  },
  plan: {
    intro:
      "The {plan} has {count} levers. The table gives, in £ thousands to the end of {fy}, each saving's share of the fall in spending and each funding lever's share of the money received: sequential (each lever added after those listed before it) and Shapley (averaged over every order). A cost is in brackets.",
    none: "The scenario has no {plan} levers: the mitigated forecast is the unmitigated one.",
    lever: "Lever",
    type: "Type",
    sequential: "Sequential",
    shapley: "Shapley",
    stabilityGrantEffect: "Grant effect",
    netOfGrant: "Net of grant",
    paymentsEnabled: "Safety Valve payments made possible",
    grantNote:
      "Grant effect: the change in the High Needs Stability Grant each lever causes (Shapley): a saving made before the end of {deficitFY} lowers the grant by {share} of itself. Net of grant is what the lever does to the balance at the end of {fy}. The Grant effect column's total is the grant's change between the two forecasts, so the Sequential and Shapley totals are before the grant and the Net of grant total is mitigated less unmitigated.",
    paymentsNote:
      "Safety Valve payments made possible: the part of the payments made that each saving's lower spending earned (Shapley). It is already in the Safety Valve lever's funding share, shown here apart, not added.",
    savings: "Savings",
    funding: "Funding",
    subtotal: "{group} subtotal",
    total: "Total (mitigated less unmitigated)",
    totalWithGrant: "Total (net of grant: mitigated less unmitigated)",
    grant: "{label}: a grant of {income} less the spend it pays for, {spend}, is {net} net.",
    safetyValve:
      "Safety Valve, {fy}: the payment of {amount} is {outcome}; the in-year balance before it is {before} against a target of {target}.",
  },
  transfer: {
    intro:
      "The {plan} moves {count} Schools Block transfers to the High Needs Block. A transfer lasts one year. Up to {limit} of the Schools Block needs the Schools Forum's approval, after consulting all schools; above {limit}, or if the Forum refuses, a disapplication request to the Secretary of State.",
    none: "The {plan} makes no Schools Block transfer.",
    fy: "Financial year",
    rate: "Share of the Schools Block",
    amount: "Amount (£ thousands)",
    needs: "Needs",
  },
  charts: {
    intro:
      "The charts are drawn from the same forecast. Each carries a description for screen readers (its alternative text).",
  },
  risks: {
    bands:
      "Over {paths} simulated paths (seed {seed}), the {forecast} cumulative balance at the end of {fy} lies between {lower} and {upper} in eight paths out of ten, around the central forecast of {central}. Quote the central forecast, with this range.",
    tornado:
      "The assumption that moves that balance most is {label}: at its own tenth percentile the balance is {low}, at its ninetieth {high}, the others held at the central forecast.",
    notRun:
      "The uncertainty bands were not run for this paper, so its figures are the central forecast alone, with no range around them. Run hnb paper with --paths (the scenario needs an uncertainty section) to add the fan chart and the tornado.",
    checks: "The forecast flags inputs and estimates to check before relying on it, by kind:",
    growthChecks: "Growth estimated from history ({count} to check): {items}",
    unitCostChecks: "Unit costs far outside the national range ({count}): {items}",
    shiftChecks:
      "Placement shifts held back, asked to move more pupils than their placement held ({count}): {items}",
    inputChecks: "Inputs under which a balance is not a DSG position ({count}): {items}",
    demandChecks: "EHCP demand flows ({count} to check): {items}",
    baseYearChecks: "The base year's figures ({count} to check): {items}",
    checksWhere:
      'Each one, with its evidence, is listed in the Assumptions sheet of the DSG management-plan workbook (the rows marked Warning; hnb forecast with --out writes the workbook) and under "Check these estimates and inputs" in the forecast hnb forecast prints.',
  },
  methods: {
    unmitigated:
      "The unmitigated forecast assumes current trends continue: the number of pupils in each placement grows at the rates in the appendix, costs rise with inflation and the High Needs Block allocation grows as assumed. It is not a prediction, but what would happen without the plan.",
    mitigated:
      "The mitigated forecast applies the {plan}'s levers on top of it, each scaled by the confidence that it will be delivered.",
    sides:
      "Savings lower what is spent: fewer or cheaper placements, lower costs of other lines. They are cost avoidance, spending lower than it would otherwise have been, not cuts to this year's budget. Funding brings money in: a Schools Block transfer, grants net of what they pay for, Safety Valve payments. Each saving is credited with its share of the fall in spending, each funding lever with its share of the money received, so the funding subtotal is the money the plan brings in.",
    attribution:
      "Levers interact: fewer new plans leave fewer pupils for a move to local places to save on. The sequential figure adds the levers one at a time in the order the plan lists them and credits each with what it adds, so a lever listed later gets less credit for savings an earlier one already made. The Shapley share averages that over every possible order, so no lever gains or loses by where it is listed. Both add up to the whole difference between the two forecasts; the text quotes Shapley shares.",
    bands:
      "The bands come from running the forecast many times with growth, cost inflation and the delivery of each lever drawn from the ranges the scenario gives. In eight runs out of ten the balance falls between the lower and the upper band. The central forecast is the one without random variation, and the one to quote. The tornado moves one assumption at a time to the ends of its range, the others held at the central forecast, to show which assumptions matter most.",
    stabilityGrant:
      "The High Needs Stability Grant is funding, never a saving: it pays off part of the deficit accrued to a given year, on condition of DfE's approval of the local SEND reform plan. A saving made before that year lowers the deficit the grant pays off, so the grant takes part of the saving back; the lever table shows how much.",
    rounding:
      "Money in the tables is in £ thousands; in the text, in £ millions to one decimal place (or £ thousands below a million). Each figure is rounded on its own.",
  },
  appendix: {
    intro:
      "Every input of the scenario, with its source as the scenario file gives it. An input marked illustrative is not the authority's own figure and should be replaced before the paper is relied on. The figure column is the input as the forecast uses it, in {fy} unless it names another year.",
    input: "Input",
    figure: "Figure",
    source: "Source",
    illustrative: "Illustrative",
    openingBalance: "Opening DSG balance",
    placement: "{count} at {unitCost} a year in {fy}; growth rate {growth} into {next}",
    newPlacement: "none in {fy}, at {unitCost} a year",
    amount: "{amount} in {fy}",
    allocation: "{first} in {fy}, {last} in {lastFY} (each year in the ledger)",
    transfers: "transfers to the High Needs Block {amount} over the forecast",
    total: "{amount} over the forecast",
    lever: "Shapley share {amount}",
    reserves: "usable reserves {amount}",
    stabilityGrant: "{forecast}: {amount} in {paidIn}",
    demandShare:
      "With EHCP demand flows, the placements' total follows the flows (new plans, cessations, ageing): a placement's growth rate sets its share of that total, not its level.",
    planInput: "The plan",
    hnb: "High Needs Block allocation",
    schoolsBlock: "Schools Block",
    statutoryOverride: "Statutory override",
    reference: "Reference trend",
    flows: "EHCP flows",
    demand: "Demand model",
    uncertainty: "Uncertainty ranges",
    stabilityGrantInput: "High Needs Stability Grant",
    importExport: "Import/export adjustment",
  },
} as const;

type Groups = typeof DEFAULT_WORDING;
/** The paper's wording: the shape of {@link DEFAULT_WORDING}, any text replaced. */
export type Wording = { [G in keyof Groups]: { [K in keyof Groups[G]]: string } };

/** Placeholders every text may use: the plan's name, the scenario's and the authority's. */
export const GLOBAL_PLACEHOLDERS = ["plan", "scenario", "authority"] as const;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The placeholders a text names, in order. @example placeholders("{a} and {b}") // ["a", "b"] */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/**
 * A text with its placeholders filled; a placeholder without a value is a bug in the paper, not the user's.
 * @example fill("{amount} better", { amount: "£1.2m" }) === "£1.2m better"
 */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`paper wording: no value for ${whole} in "${text}"`);
    return v;
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A user's wording file checked against the defaults and laid over them: only known groups and keys,
 * text values, the placeholders the default text of that key has (or the global ones), no digits
 * (figures are computed, never typed) and no control characters. An empty text leaves its paragraph out.
 * @example readWording({ names: { plan: "SEND sufficiency plan" } }).ok === true
 */
export function readWording(
  data: unknown,
): { ok: true; wording: Wording } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const wording = structuredClone(DEFAULT_WORDING) as unknown as Record<string, Record<string, string>>;
  if (data === null || data === undefined) return { ok: true, wording: wording as unknown as Wording };
  if (!isRecord(data))
    return {
      ok: false,
      problems: [
        {
          code: "wrong-type",
          path: "(file)",
          message: "expected a mapping of groups (summary, plan, …) to texts",
        },
      ],
    };
  const groups = Object.keys(DEFAULT_WORDING);
  for (const [group, texts] of Object.entries(data)) {
    const defaults = (DEFAULT_WORDING as unknown as Record<string, Record<string, string>>)[group];
    if (!Object.hasOwn(DEFAULT_WORDING, group) || defaults === undefined) {
      problems.push({
        code: "unknown-key",
        path: group,
        message: `unknown group${didYouMean(group, groups)}; the groups are: ${groups.join(", ")}`,
      });
      continue;
    }
    if (!isRecord(texts)) {
      problems.push({ code: "wrong-type", path: group, message: "expected a mapping of keys to texts" });
      continue;
    }
    const keys = Object.keys(defaults);
    for (const [key, text] of Object.entries(texts)) {
      const path = `${group}.${key}`;
      const original = Object.hasOwn(defaults, key) ? defaults[key] : undefined;
      if (original === undefined) {
        problems.push({
          code: "unknown-key",
          path,
          message: `unknown key${didYouMean(key, keys)}; the keys of ${group} are: ${keys.join(", ")}`,
        });
        continue;
      }
      const problem = textProblem(text, original);
      if (problem) problems.push({ code: "bad-value", path, message: problem });
      else (wording[group] as Record<string, string>)[key] = text as string;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, wording: wording as unknown as Wording };
}

function textProblem(text: unknown, original: string): string | undefined {
  if (typeof text !== "string") return `expected text, got ${text === null ? "nothing" : typeof text}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text))
    return "must be one line of plain text, no control characters";
  const allowed = [...new Set([...placeholders(original), ...GLOBAL_PLACEHOLDERS])];
  const unknown = placeholders(text).filter((p) => !allowed.includes(p));
  if (unknown.length)
    return `unknown placeholder {${unknown[0]}}${didYouMean(unknown[0] as string, allowed, (p) => `{${p}}`)}; this text may use ${allowed.map((p) => `{${p}}`).join(", ")}`;
  const bare = text.replace(PLACEHOLDER, "");
  if (/[{}]/.test(bare)) return "has a brace that is not part of a placeholder such as {fy}";
  if (/\d/.test(bare))
    return "has a figure typed in: every figure in the paper is computed from the forecast, so wording may not contain digits (use a placeholder, or write the number in words)";
  return undefined;
}

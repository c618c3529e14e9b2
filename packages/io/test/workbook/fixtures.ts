// The scenarios the management-plan workbook's tests read back, each adding rows the totals must
// (or must not) cover, and the workbook built from one, loaded with exceljs.
import { parseScenario, type Scenario } from "@hnb/model";
import ExcelJS from "exceljs";
import { loadScenarioFile } from "../../src/scenario/scenario-file.js";
import { managementPlanWorkbook, type WorkbookInput } from "../../src/workbook/workbook.js";

/** A scenario of data/. */
export const dataScenario = (file: string): Promise<Scenario> =>
  loadScenarioFile(new URL(`../../../../data/${file}`, import.meta.url).pathname);

/** A workbook's bytes, loaded. */
export async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** management-plan.xlsx built from `input`, loaded. */
export const plan = async (input: WorkbookInput): Promise<ExcelJS.Workbook> =>
  read(await managementPlanWorkbook(input));

/** A cell's number: its value, or a formula's cached result (cell.result keeps a result of 0; cell.value drops it). */
export function numberIn(c: ExcelJS.Cell): number | undefined {
  if (typeof c.value === "number") return c.value;
  if (c.formula) return typeof c.result === "number" ? c.result : undefined;
  return undefined;
}

const base = await dataScenario("default-scenario.yaml");
// The workstream-log fields the schema does not name yet, on the first lever only.
/** The default scenario, its first lever with an owner, a milestone and a status. */
export const workstream: Scenario = {
  ...base,
  mitigations: base.mitigations.map((m, i) =>
    i === 0
      ? (Object.assign({}, m, {
          owner: "Head of SEND",
          milestone: "30 places open by Sept 2024",
          status: "On track",
        }) as typeof m)
      : m,
  ),
};

function parsed(raw: unknown): Scenario {
  const r = parseScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/**
 * Age splits and the authority's age profile, for the row totals of the age tables: 200 special
 * school EHCPs growing 10% a year, a quarter aged 5 to 10 and three quarters 11 to 15.
 */
export const ages = parsed({
  schema: "hnb-scenario/1",
  name: "Ages",
  baseYear: 2025,
  horizon: 2,
  openingBalance: -1000,
  placements: [
    {
      id: "special",
      label: "Special",
      category: "MdSSA",
      count: 200,
      unitCost: 1,
      growth: 0.1,
      ageSplit: { age5to10: 0.25, age11to15: 0.75 },
    },
    { id: "fe", label: "College", category: "P16FE", count: 50, unitCost: 2, growth: 0.05 },
  ],
  ehcpsByAge: { census: 2025, counts: { under5: 3, age5to10: 60, age11to15: 150, age16to19: 37 } },
  income: { hnb: { amount: 400 } },
});

// Every lever type, other income, a general-fund post (outside the ledger) and a Schools Block
// movement: each adds rows the totals must (or must not) cover.
/** The default scenario with every lever type, other income and a general-fund post. */
export const everyLever: Scenario = {
  ...base,
  staffing: [
    { id: "caseworker", role: "SEND caseworker", fte: 2, unitCost: 40_000, payAward: 0.03, fundedBy: "HNB" },
    {
      id: "manager",
      role: "Service manager",
      fte: 1,
      unitCost: 70_000,
      payAward: 0.03,
      fundedBy: "general-fund",
    },
  ],
  income: {
    ...base.income,
    other: [
      { id: "health", label: "Health contribution", amounts: { "2022-23": 250_000, "2023-24": 250_000 } },
    ],
  },
  mitigations: [
    ...base.mitigations,
    {
      id: "sv",
      label: "Safety Valve agreement",
      type: "safetyValve",
      confidence: 1,
      payments: { "2024-25": 5_000_000, "2025-26": 5_000_000 },
      inYearTargets: { "2025-26": -1_000_000_000 },
    },
  ],
};

// Places, banded top-ups, recoupment and the import/export adjustment (issue #18): the s251 sheet's
// gross and net rows.
/** data/place-funding.yaml. */
export const places = await dataScenario("place-funding.yaml");

// EHCP demand as flows, with a flow lever: the age tables and flows are filled from the model.
/** EHCP demand as flows by age band, with a lever on new plans. */
export const demand = parsed({
  schema: "hnb-scenario/1",
  name: "Demand",
  baseYear: 2022,
  horizon: 2,
  openingBalance: 0,
  placements: [
    { id: "mainstream", label: "Mainstream", category: "MmSoA", count: 600, unitCost: 10_000 },
    { id: "special", label: "Special", category: "MdSSA", count: 400, unitCost: 25_000 },
  ],
  income: { hnb: { amount: 20_000_000 } },
  flows: { newPlans: { 2020: 140, 2021: 150 } },
  demand: {
    history: {
      2021: { under5: 50, age5to10: 300, age11to15: 350, age16to19: 200, age20to25: 50 },
      2022: { under5: 60, age5to10: 330, age11to15: 370, age16to19: 190, age20to25: 50 },
    },
    newPlans: { growth: 0.1 },
    cessation: "auto",
  },
  mitigations: [{ id: "fewer", type: "newPlansChange", change: -0.1, from: 2023 }],
});

// The scenario as an input workbook: every scenario written and read back is the same data (so the
// same scenario after the schema parse), whatever the schema lets it hold; a broken cell is named by
// its sheet and cell; a workbook that is not an input workbook is refused, saying what it is.
import { readdirSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { forecast, parseScenario, scenarioJsonSchema } from "@hnb/model";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { scenarioInput } from "../../../model/test/arbitrary.js";
import { parseText, readDataFile, scenarioYaml } from "../../src/scenario/scenario-file.js";
import { cellAddress, locateProblems, readScenarioWorkbook } from "../../src/scenario/scenario-xlsx-read.js";
import { jsonCell, listText, scenarioWorkbook } from "../../src/scenario/scenario-xlsx-write.js";
import { managementPlanWorkbook } from "../../src/workbook/workbook.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;

// The lists that have sheets of their own: an empty one is no list (the schema's default) where its
// parent object keeps other fields, the one thing the workbook does not write back as it was.
const LIST_ROOTS = [
  ["placements"],
  ["lines"],
  ["staffing"],
  ["mitigations"],
  ["income", "other"],
  ["income", "schoolsBlock", "otherMovements"],
];
const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
// A file cannot hold an undefined value (the arbitraries give some): a key with one is no key.
const defined = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(defined)
    : isPlain(v)
      ? Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (x === undefined ? [] : [[k, defined(x)]])))
      : v;
function withoutDroppedLists(data: unknown): unknown {
  const copy = defined(data);
  for (const root of LIST_ROOTS) {
    let parent: unknown = copy;
    for (const k of root.slice(0, -1)) parent = isPlain(parent) ? parent[k] : undefined;
    const last = root.at(-1) as string;
    if (!isPlain(parent) || !Array.isArray(parent[last]) || (parent[last] as unknown[]).length) continue;
    const others = Object.keys(parent).filter((k) => {
      const x = (parent as Record<string, unknown>)[k];
      return k !== last && x !== undefined && !(Array.isArray(x) && x.length === 0);
    });
    if (others.length) delete parent[last];
  }
  return copy;
}

async function roundTrip(data: unknown): Promise<unknown> {
  const back = await readScenarioWorkbook(await scenarioWorkbook(data));
  if (!back.ok) throw new Error(`workbook did not read back: ${JSON.stringify(back.problems)}`);
  return back.data;
}

/** The same data back (Object.is on every number, so −0 too) and the same outcome of the schema parse. */
async function expectSame(data: unknown): Promise<void> {
  const back = await roundTrip(data);
  const expected = withoutDroppedLists(data);
  if (!isDeepStrictEqual(back, expected)) expect(back).toStrictEqual(expected);
  const a = parseScenario(expected);
  const b = parseScenario(back);
  expect(b.ok).toBe(a.ok);
  if (a.ok && b.ok) expect(b.scenario).toStrictEqual(a.scenario);
  // The same problems; their order may differ, as a year map's keys come back in year order.
  const sorted = (ps: readonly { path: string; message: string }[]) =>
    ps.map((p) => `${p.path}: ${p.message}`).sort();
  if (!a.ok && !b.ok) expect(sorted(b.problems)).toEqual(sorted(a.problems));
}

describe("every scenario file of the repository", () => {
  const files = [
    ...readdirSync(`${ROOT}data`)
      .filter((f) => f.endsWith(".yaml") && !f.startsWith("monitoring"))
      .map((f) => `${ROOT}data/${f}`),
    `${ROOT}test/fixtures/spec-example.yaml`,
  ];
  test.each(files)("%s reads back from its workbook as the same data", async (file) => {
    const read = await readDataFile(file);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    await expectSame(read.data);
  });
});

describe("YAML → XLSX → scenario is exact (property)", () => {
  test("generated scenarios with levers, per-year maps and flat rates, written as YAML first", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioInput({ maxLevers: 4 }), async (raw) => {
        // YAML → XLSX: the data a YAML file of the scenario gives.
        const yaml = parseText(scenarioYaml(raw), "yaml");
        if (!yaml.ok) throw new Error(JSON.stringify(yaml.problems));
        await expectSame(yaml.data);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  test("generated scenarios with growth methods, histories and an uncertainty section", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioInput({ methods: true, maxLevers: 2 }), async (raw) => {
        await expectSame(raw);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  // Data of every shape the schema names (every field optional, any value its type allows, keys of
  // year maps and lists of every kind), with the values a cell cannot hold as they are (−0, control
  // characters, _x0041_, a lone surrogate), unknown fields, nulls and empty objects: the workbook
  // must give back exactly what it was given, valid or not.
  const TEXT = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      "TODO: fill this in",
      "=1+2",
      " a ",
      "801",
      "true",
      "[1]",
      "{}",
      "a, b",
      "2019",
      "_x0041_",
      "a\r\nb",
      "\u0001",
      "£5 日本",
      "x\ud800",
      "",
      "-0",
      "49000 - 31000",
      "(JSON)",
      "more (JSON)",
    ),
  );
  const NUMBER = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(-0));
  const KEY = fc.constantFrom("2019", "2020", "2021-22", "p1", "a b", "x.y", "_x0041_", "(JSON)");
  const YEAR = fc.constantFrom("2019", "2020", "2021", "2022");
  type Node = {
    type?: string;
    properties?: Record<string, Node>;
    additionalProperties?: Node | boolean;
    propertyNames?: { pattern?: string };
    items?: Node;
    anyOf?: Node[];
    oneOf?: Node[];
    enum?: unknown[];
    const?: unknown;
  };
  function arbitraryOf(node: Node, depth: number): fc.Arbitrary<unknown> {
    const alts = node.anyOf ?? node.oneOf;
    if (alts) return fc.oneof(...alts.map((a) => arbitraryOf(a, depth)));
    if (node.const !== undefined) return fc.constant(node.const);
    if (node.enum) return fc.constantFrom(...node.enum);
    if (node.type === "object" || node.properties || typeof node.additionalProperties === "object") {
      if (depth > 5) return fc.constant({});
      if (node.properties) {
        const shape = Object.fromEntries(
          Object.entries(node.properties).map(([k, v]) => [k, arbitraryOf(v, depth + 1)]),
        );
        return fc
          .tuple(
            fc.record(shape, { requiredKeys: [] }),
            fc.option(fc.oneof(TEXT, NUMBER, fc.constant(null)), { freq: 8 }),
          )
          .map(([o, extra]) => (extra === null ? o : { ...o, zzExtra: extra }));
      }
      const value = typeof node.additionalProperties === "object" ? node.additionalProperties : {};
      return fc.dictionary(
        node.propertyNames?.pattern === "^\\d{4}$" ? YEAR : KEY,
        arbitraryOf(value, depth + 1),
        {
          maxKeys: 3,
        },
      );
    }
    if (node.type === "array") return fc.array(arbitraryOf(node.items ?? {}, depth + 1), { maxLength: 3 });
    if (node.type === "string") return TEXT;
    if (node.type === "number" || node.type === "integer") return NUMBER;
    if (node.type === "boolean") return fc.boolean();
    return fc.oneof(TEXT, NUMBER, fc.boolean(), fc.constant(null));
  }
  const everything = arbitraryOf(scenarioJsonSchema() as Node, 0);

  test("data of every shape the schema names, valid or not", async () => {
    await fc.assert(
      fc.asyncProperty(everything, async (raw) => {
        await expectSame(raw);
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});

describe("cells", () => {
  test("lists of ids are comma-separated; anything else is JSON a cell gives back as written", () => {
    expect(listText(["special", "inmss"])).toBe("special, inmss");
    expect(listText([0.5, 1])).toBe("[0.5,1]");
    expect(listText(["a,b"])).toBe('["a,b"]');
    expect(jsonCell([-0, "_x0041_", "\u0085"])).toBe('[-0,"_\\u00780041_","\\u0085"]');
  });

  test("cell addresses run A…Z, AA…", () => {
    expect([cellAddress(1, 1), cellAddress(7, 26), cellAddress(3, 27), cellAddress(2, 53)]).toEqual([
      "A1",
      "Z7",
      "AA3",
      "BA2",
    ]);
  });
});

// --- Editing the default scenario's workbook as a user would --------------------------------------

const defaultData = await (async () => {
  const r = await readDataFile(`${ROOT}data/default-scenario.yaml`);
  if (!r.ok) throw new Error("default scenario");
  return r.data as Record<string, unknown>;
})();
const defaultBytes = await scenarioWorkbook(defaultData);

/** The default scenario's workbook after an edit, read back: the problems (located) or the scenario. */
async function edited(edit: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(defaultBytes) as unknown as ArrayBuffer);
  edit(wb);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const read = await readScenarioWorkbook(bytes);
  if (!read.ok) return { problems: read.problems.map((p) => `${p.path}: ${p.message}`) };
  const parsed = parseScenario(read.data);
  if (!parsed.ok)
    return { problems: locateProblems(parsed.problems, read.locate).map((p) => `${p.path}: ${p.message}`) };
  return { scenario: parsed.scenario, data: read.data };
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
/** The column of a header in row 1. */
function column(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(1, c).value === header) return c;
  throw new Error(`no column ${header} in ${ws.name}`);
}
/** The row whose Field (section sheets) or id (list sheets) is `name`. */
function row(ws: ExcelJS.Worksheet, name: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === name) return r;
  throw new Error(`no row ${name} in ${ws.name}`);
}

describe("a user's edits", () => {
  test("a TODO, a bad formula and a bad section value are named by sheet and cell", async () => {
    let unitCost = "";
    let count = "";
    let amount = "";
    const r = await edited((wb) => {
      const ws = sheet(wb, "Placements");
      const c = column(ws, "unitCost");
      ws.getCell(row(ws, "special"), c).value = "TODO: £ per pupil a year";
      unitCost = cellAddress(row(ws, "special"), c);
      const n = column(ws, "count");
      ws.getCell(row(ws, "inmss"), n).value = "ninety-two";
      count = cellAddress(row(ws, "inmss"), n);
      const income = sheet(wb, "Income");
      income.getCell(row(income, "income.hnb.amount"), 2).value = -5;
      amount = `B${row(income, "income.hnb.amount")}`;
    });
    expect(r.problems).toEqual([
      `Placements!${unitCost} (placements[2].unitCost): is not filled in: £ per pupil a year`,
      expect.stringMatching(
        new RegExp(`^Placements!${count} \\(placements\\[5\\]\\.count\\): formula "ninety-two"`),
      ),
      `Income!${amount} (income.hnb.amount): must be zero or more, and at most 1e12 (£1 trillion) (got -5)`,
    ]);
  });

  test("an Excel formula is read by the value Excel saved; one without a saved value is named", async () => {
    const ok = await edited((wb) => {
      const ws = sheet(wb, "Placements");
      ws.getCell(row(ws, "mainstream"), column(ws, "unitCost")).value = {
        formula: "8000+662",
        result: 8662,
      } as ExcelJS.CellFormulaValue;
    });
    expect(ok.scenario?.placements[0]?.unitCost).toBe(8662);
    let where = "";
    const bad = await edited((wb) => {
      const ws = sheet(wb, "Placements");
      const c = column(ws, "unitCost");
      ws.getCell(row(ws, "mainstream"), c).value = { formula: "8000+662" } as ExcelJS.CellFormulaValue;
      where = cellAddress(row(ws, "mainstream"), c);
    });
    expect(bad.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Placements!${where} \\(placements\\[0\\]\\.unitCost\\): holds the Excel formula =8000\\+662 without a saved value`,
        ),
      ),
    ]);
  });

  test("a date, an error value, a typed unit and a field given twice are each named", async () => {
    const at: string[] = [];
    const r = await edited((wb) => {
      const ws = sheet(wb, "Placements");
      const special = row(ws, "special");
      ws.getCell(special, column(ws, "count")).value = new Date(Date.UTC(2022, 0, 1));
      at.push(cellAddress(special, column(ws, "count")));
      ws.getCell(special, column(ws, "label")).value = { error: "#REF!" } as ExcelJS.CellErrorValue;
      at.push(cellAddress(special, column(ws, "label")));
      ws.getCell(2, column(ws, "unitCost")).value = 8662;
      at.push(cellAddress(2, column(ws, "unitCost")));
      ws.getCell(special, column(ws, "growth")).value = 0.02;
      at.push(cellAddress(special, column(ws, "growth.method")));
    });
    expect(r.problems).toEqual([
      expect.stringMatching(new RegExp(`^Placements!${at[2]}: row 2 gives the units`)),
      expect.stringMatching(
        new RegExp(`^Placements!${at[1]} \\(placements\\[2\\]\\.label\\): holds the spreadsheet error #REF!`),
      ),
      expect.stringMatching(new RegExp(`^Placements!${at[0]} \\(placements\\[2\\]\\.count\\): is a date`)),
      expect.stringMatching(
        new RegExp(
          `^Placements!${at[3]} \\(placements\\[2\\]\\.growth\\): is given twice \\(also in Placements!`,
        ),
      ),
    ]);
  });

  test("a misspelt column is an unknown field named by its cell, with the field it may mean", async () => {
    let where = "";
    const r = await edited((wb) => {
      const ws = sheet(wb, "Lines");
      const c = ws.columnCount + 1;
      ws.getCell(1, c).value = "ammount";
      ws.getCell(3, c).value = 5;
      where = cellAddress(3, c);
    });
    expect(r.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Lines!${where} \\(lines\\[0\\]\\.ammount\\): unknown field \\(did you mean \`amount\`\\?\\)`,
        ),
      ),
    ]);
  });

  test("a JSON cell with a key given twice, or a refused key, is named by its cell", async () => {
    let where = "";
    const r = await edited((wb) => {
      const ws = sheet(wb, "Mitigations");
      const c = column(ws, "staffing (JSON)");
      const at = row(ws, "educational-psychologists");
      ws.getCell(at, c).value = '[{"id": "eps", "id": "x", "role": "EP"}]';
      where = cellAddress(at, c);
      const income = sheet(wb, "Uncertainty");
      income.getCell(row(income, "uncertainty.placements (JSON)"), 2).value =
        '{"__proto__": {"growth": "auto"}}';
    });
    expect(r.problems).toEqual([
      `Mitigations!${where} (mitigations[5].staffing): is not valid JSON: Map keys must be unique`,
      expect.stringMatching(
        /^Uncertainty!B\d+ \(uncertainty\.placements\): is not valid JSON: the key "__proto__" is refused/,
      ),
    ]);
  });

  test("a required field left empty, and a section's sheet deleted, are named by cell and by sheet", async () => {
    let horizon = "";
    const r = await edited((wb) => {
      wb.removeWorksheet(sheet(wb, "Income").id);
      const s = sheet(wb, "Scenario");
      horizon = `B${row(s, "horizon")}`;
      s.getCell(row(s, "horizon"), 2).value = null;
    });
    expect(r.problems).toEqual([
      `Scenario!${horizon} (horizon): is required`,
      "sheet Income (not in the workbook) (income): is required",
    ]);
  });

  test("Excel's own typing is undone where the field wants text or a whole number", async () => {
    const r = await edited((wb) => {
      const s = sheet(wb, "Scenario");
      s.getCell(row(s, "authority.code"), 2).value = 801;
      const lines = sheet(wb, "Lines");
      lines.getCell(3, column(lines, "amount")).value = "4406910";
    });
    expect(r.scenario?.authority?.code).toBe("801");
    expect(r.scenario?.lines[0]?.amount).toBe(4406910);
  });

  test("a lever's placements are a comma list, and a new year column adds that year", async () => {
    const r = await edited((wb) => {
      const ws = sheet(wb, "Mitigations");
      ws.getCell(row(ws, "early-intervention"), column(ws, "placements")).value =
        "mainstream,special , inmss";
      const scenario = sheet(wb, "Scenario");
      scenario.getCell(row(scenario, "horizon"), 2).value = 7;
      const income = sheet(wb, "Income");
      const c = income.columnCount + 1;
      income.getCell(1, c).value = "2029";
      income.getCell(row(income, "income.hnb.growth"), c).value = 0.01;
    });
    expect(r.problems).toBeUndefined();
    const lever = r.scenario?.mitigations.find((m) => m.id === "early-intervention");
    expect(lever && "placements" in lever ? lever.placements : []).toEqual([
      "mainstream",
      "special",
      "inmss",
    ]);
    expect((r.scenario?.income.hnb.growth as Record<string, number> | undefined)?.["2029"]).toBe(0.01);
  });

  test("sheets of the user's own are not read, and the same data gives the same bytes", async () => {
    const r = await edited((wb) => {
      wb.addWorksheet("Workings").getCell(1, 1).value = "anything";
    });
    expect(r.scenario).toStrictEqual(forecastable());
    expect(Buffer.from(await scenarioWorkbook(defaultData)).equals(Buffer.from(defaultBytes))).toBe(true);
  });
});

function forecastable() {
  const p = parseScenario(defaultData);
  if (!p.ok) throw new Error("default");
  return p.scenario;
}

describe("workbooks that are not input workbooks", () => {
  test("the forecast's management-plan workbook is refused as an output", async () => {
    const scenario = forecastable();
    const bytes = await managementPlanWorkbook({ scenario, result: forecast(scenario) });
    const r = await readScenarioWorkbook(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems[0]?.message).toMatch(
        /^is not an hnb scenario input workbook: it is the DSG management-plan workbook `hnb forecast --out` writes/,
      );
  });

  test("a workbook without the About sheet's mark, and bytes that are not a workbook, are refused", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").getCell(1, 1).value = 1;
    const other = await readScenarioWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(other.ok ? "" : other.problems[0]?.message).toMatch(
      /its sheets are "Budget", and an input workbook's first sheet is "About"/,
    );
    const junk = await readScenarioWorkbook(new TextEncoder().encode("schema: hnb-scenario/1\n"));
    expect(junk.ok ? "" : junk.problems[0]?.message).toMatch(
      /^is not an Excel workbook \(\.xlsx\) hnb can read/,
    );
  });
});

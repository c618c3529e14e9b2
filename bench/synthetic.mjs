// A large synthetic scenario for benchmarks: 20 placement types, 30 forecast years, 12 levers of
// every kind. Deterministic (no randomness), so every run measures the same work.
const CATEGORIES = ["MmSoA", "RPSEN", "MdSSA", "NMISS", "HspAP", "P16FE", "OTHER", "NONE"];

/** The raw scenario input (as a file would hold it). */
export function largeScenario() {
  const baseYear = 2025;
  const horizon = 30;
  const years = Array.from({ length: horizon }, (_, k) => baseYear + 1 + k);
  const fy = (y) => `${y - 1}-${String(y % 100).padStart(2, "0")}`;
  const placements = Array.from({ length: 20 }, (_, i) => ({
    id: `p${i}`,
    label: `Placement ${i}`,
    category: CATEGORIES[i % CATEGORIES.length],
    count: 100 + 37 * i,
    unitCost: 8000 + 4000 * i,
    costInflation: Object.fromEntries(years.map((y, k) => [String(y), 0.02 + 0.001 * ((k + i) % 5)])),
    growth: Object.fromEntries(years.map((y, k) => [String(y), 0.03 + 0.002 * ((k * i) % 7)])),
    history: { [String(baseYear - 1)]: 90 + 35 * i },
  }));
  const lines = Array.from({ length: 6 }, (_, i) => ({
    id: `l${i}`,
    label: `Line ${i}`,
    amount: 1e6 * (i + 1),
    inflation: 0.02,
  }));
  const mitigations = [
    {
      id: "g1",
      type: "growthReduction",
      placements: ["p0", "p1", "p2"],
      reduction: 0.01,
      from: 2027,
      rampYears: 3,
      confidence: 0.8,
    },
    {
      id: "g2",
      type: "growthReduction",
      placements: ["p2", "p3"],
      reduction: 0.005,
      from: 2026,
      confidence: 0.9,
    },
    {
      id: "s1",
      type: "placementShift",
      fromPlacement: "p3",
      toPlacement: "p4",
      moves: { 2026: 10, 2027: 10, 2028: 10 },
      confidence: 0.8,
    },
    { id: "s2", type: "placementShift", fromPlacement: "p3", toPlacement: "p5", moves: { 2030: 20 } },
    { id: "s3", type: "placementShift", fromPlacement: "p6", toPlacement: "p7", moves: { 2027: 5, 2035: 5 } },
    {
      id: "u1",
      type: "unitCostChange",
      placements: ["p4", "p8"],
      change: -0.03,
      fromFY: "2026-27",
      confidence: 0.7,
    },
    { id: "u2", type: "unitCostChange", placements: ["p9"], change: -0.05, fromFY: "2030-31" },
    { id: "c1", type: "lineChange", lines: ["l0", "l1"], change: -0.1, fromFY: "2027-28" },
    {
      id: "st",
      type: "staffing",
      staffing: [{ id: "eps", role: "EP", fte: 4, unitCost: 91600, payAward: 0.03 }],
    },
    { id: "t1", type: "transfer", transferRate: { [fy(2027)]: 0.005, [fy(2028)]: 0.005 } },
    { id: "gr", type: "grant", amounts: { [fy(2026)]: 500000, [fy(2027)]: 500000 }, confidence: 0.9 },
    { id: "t2", type: "transfer", transferRate: { [fy(2029)]: 0.01 } },
  ];
  return {
    schema: "hnb-scenario/1",
    name: "Synthetic large (20 placements, 30 years, 12 levers)",
    baseYear,
    horizon,
    phasing: "academic",
    openingBalance: -30e6,
    placements,
    lines,
    staffing: [{ id: "team", role: "Team", fte: 10, unitCost: 40000, payAward: 0.03 }],
    income: {
      hnb: { amount: 150e6, growth: 0.03 },
      schoolsBlock: { amount: 400e6, growth: 0.02, transferRate: {} },
      other: [],
    },
    mitigations,
  };
}

/** The default scenario with four more levers, so that Shapley runs over 12 levers at its size. */
export function withTwelveLevers(raw) {
  const extra = [
    { id: "x1", type: "growthReduction", placements: ["post16"], reduction: 0.01, from: 2024 },
    { id: "x2", type: "unitCostChange", placements: ["inmss"], change: -0.02, fromFY: "2024-25" },
    { id: "x3", type: "lineChange", lines: ["ap-services"], change: -0.05, fromFY: "2025-26" },
    { id: "x4", type: "grant", amounts: { "2026-27": 250000 } },
  ];
  return { ...raw, mitigations: [...raw.mitigations, ...extra] };
}

// An independent, deliberately plain implementation of the spec (../shared/spec/model.md §2–§7),
// written straight from its formulas with objects and loops, to check the engine against. It shares
// no code with the engine beyond the validated Scenario type and the FY label function.
import { fyLabel, type Scenario } from "../src/index.js";

type RateIn = number | Readonly<Record<string, number>>;
const at = (r: RateIn, y: number) => (typeof r === "number" ? r : (r[String(y)] ?? 0));
const fyNum = (label: string) => Number(label.slice(0, 4)) + 1;

/** Cumulative and in-year balances by FY, with the given levers (indices into scenario.mitigations; index mitigations.length is the Stability Grant paid with the plan only) applied. */
export function referenceLedger(
  s: Scenario,
  levers: readonly number[],
): { inYear: number[]; cumulative: number[] } {
  const B = s.baseYear;
  const years: number[] = [];
  for (let y = B; y <= B + s.horizon; y++) years.push(y);
  const active = levers.map((i) => s.mitigations[i]).filter((m) => m !== undefined);

  const counts: Record<string, number[]> = {};
  for (const p of s.placements) {
    const n: number[] = [];
    let prev = p.count;
    for (const y of years) {
      if (y > B) {
        let g = at(p.growth, y);
        for (const m of active) {
          if (m.type === "growthReduction" && m.placements.includes(p.id) && y >= m.from) {
            g -= m.confidence * m.reduction * Math.min(1, (y - m.from + 1) / m.rampYears);
          }
        }
        prev = prev * (1 + g);
      }
      n.push(prev);
    }
    counts[p.id] = n;
  }
  // Shifts: moved stock M(Y) = confidence · Σ moves, capped at the source's pre-shift count,
  // shared pro rata between shifts from the same source.
  const pre: Record<string, number[]> = {};
  for (const id of Object.keys(counts)) pre[id] = [...(counts[id] ?? [])];
  const shifts = active.filter((m) => m.type === "placementShift");
  years.forEach((y, k) => {
    const wanted = shifts.map((m) => {
      let sum = 0;
      for (const [yy, v] of Object.entries(m.moves)) if (Number(yy) <= y) sum += v;
      return m.confidence * sum;
    });
    const totals: Record<string, number> = {};
    shifts.forEach((m, j) => {
      totals[m.fromPlacement] = (totals[m.fromPlacement] ?? 0) + (wanted[j] ?? 0);
    });
    shifts.forEach((m, j) => {
      const available = pre[m.fromPlacement]?.[k] ?? 0;
      const total = totals[m.fromPlacement] ?? 0;
      const moved = total > available ? ((wanted[j] ?? 0) * available) / total : (wanted[j] ?? 0);
      (counts[m.fromPlacement] as number[])[k] = (counts[m.fromPlacement]?.[k] ?? 0) - moved;
      (counts[m.toPlacement] as number[])[k] = (counts[m.toPlacement]?.[k] ?? 0) + moved;
    });
  });

  const inYear: number[] = [];
  const cumulative: number[] = [];
  let balance = s.openingBalance;
  years.forEach((y, k) => {
    let expenditure = 0;
    for (const p of s.placements) {
      let c = p.unitCost;
      for (let j = B + 1; j <= y; j++) c *= 1 + at(p.costInflation, j);
      for (const m of active)
        if (m.type === "unitCostChange" && m.placements.includes(p.id) && y >= fyNum(m.fromFY))
          c *= 1 + m.confidence * m.change;
      const n = counts[p.id] as number[];
      const prev = k === 0 ? (p.history?.[String(B - 1)] ?? p.count) : (n[k - 1] ?? 0);
      expenditure +=
        s.phasing === "census" ? (n[k] ?? 0) * c : c * ((5 / 12) * prev + (7 / 12) * (n[k] ?? 0));
    }
    for (const l of s.lines) {
      const inside = (!l.firstFY || y >= fyNum(l.firstFY)) && (!l.lastFY || y <= fyNum(l.lastFY));
      if (!inside) continue;
      let a = l.amount;
      for (let j = B + 1; j <= y; j++) a *= 1 + at(l.inflation, j);
      for (const m of active)
        if (m.type === "lineChange" && m.lines.includes(l.id) && y >= fyNum(m.fromFY))
          a *= 1 + m.confidence * m.change;
      expenditure += a;
    }
    const staff = [...s.staffing, ...active.flatMap((m) => (m.type === "staffing" ? m.staffing : []))];
    for (const st of staff) {
      const inside = (!st.firstFY || y >= fyNum(st.firstFY)) && (!st.lastFY || y <= fyNum(st.lastFY));
      if (!inside || st.fundedBy !== "HNB") continue;
      let c = (st.fte ?? 0) * (st.unitCost ?? 0) + (st.lumpSum ?? 0);
      for (let j = B + 1; j <= y; j++) c *= 1 + at(st.payAward, j);
      expenditure += c;
    }
    for (const m of active) if (m.type === "grant") expenditure += m.confidence * (m.spend[fyLabel(y)] ?? 0);
    let hnb = s.income.hnb.amount;
    for (let j = B + 1; j <= y; j++) hnb *= 1 + at(s.income.hnb.growth, j);
    let income = hnb;
    const sbIn = s.income.schoolsBlock;
    if (sbIn) {
      let sb = sbIn.amount;
      for (let j = B + 1; j <= y; j++) sb *= 1 + at(sbIn.growth, j);
      let rate = sbIn.transferRate[fyLabel(y)] ?? 0;
      for (const m of active)
        if (m.type === "transfer" && fyLabel(y) in m.transferRate) rate = m.transferRate[fyLabel(y)] ?? 0;
      income += rate * sb;
    }
    for (const o of s.income.other) income += o.amounts[fyLabel(y)] ?? 0;
    for (const m of active) if (m.type === "grant") income += m.confidence * (m.amounts[fyLabel(y)] ?? 0);
    // Safety Valve: each payment only when the in-year balance before any payment meets its target
    // (0 by default), to the half penny (floating-point noise never withholds a payment).
    const before = income - expenditure;
    for (const m of active)
      if (m.type === "safetyValve") {
        const pay = m.payments[fyLabel(y)] ?? 0;
        if (pay > 0 && before >= (m.inYearTargets[fyLabel(y)] ?? 0) - 0.005) income += pay;
      }
    // The Stability Grant (spec §11): share × the eligible deficit (given, or the balance at the end
    // of deficitFY less the excluded part, never below 0), income of paidIn; paid with the plan only,
    // it is the lever after the scenario's mitigations.
    const g = s.income.stabilityGrant;
    if (g && fyLabel(y) === g.paidIn && (g.forecasts === "both" || levers.includes(s.mitigations.length))) {
      const k0 = fyNum(g.deficitFY) - B;
      const closing = k0 < 0 ? s.openingBalance : (cumulative[k0] ?? Number.NaN);
      income += g.share * (g.eligibleDeficit ?? Math.max(0, -closing - g.excluded));
    }
    inYear.push(income - expenditure);
    balance += income - expenditure;
    cumulative.push(balance);
  });
  return { inYear, cumulative };
}

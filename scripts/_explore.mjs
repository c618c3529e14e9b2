import { readSen2Dir, authoritySeries, nationalTypeSeries } from "@hnb/io";
import { typeBacktest, summariseTypes, TYPE_POOLING, PLACEMENT_LEVEL } from "@hnb/model/internal";
const h22 = await readSen2Dir("/work/shared/data/sen2-2022");
const england = [...h22.national].map(([year,count])=>({year,count})).sort((a,b)=>a.year-b.year);
const englandTypes = nationalTypeSeries(h22);
const T = (tau2, damping=0.6) => ({ ...PLACEMENT_LEVEL, tau2, damping });
const variants = {
  todayS: { ...TYPE_POOLING, typeReference: false },
  type: TYPE_POOLING,
  hier: { ...TYPE_POOLING, hierarchy: true },
  hierT0: { ...TYPE_POOLING, hierarchy: true, total: T(0) },
  hierT1e4: { ...TYPE_POOLING, hierarchy: true, total: T(1e-4) },
  hierT3e4: { ...TYPE_POOLING, hierarchy: true, total: T(3e-4) },
  conT0: { ...TYPE_POOLING, constrain: true, total: T(0) },
  conT1e4: { ...TYPE_POOLING, constrain: true, total: T(1e-4) },
  hcT1e4: { ...TYPE_POOLING, hierarchy: true, constrain: true, total: T(1e-4) },
  todayST1e4c: { ...TYPE_POOLING, typeReference:false, constrain: true, total: T(1e-4) },
};
const pct=x=>x===undefined?"   -  ":(100*x).toFixed(1).padStart(6);
const acc={};
const origins = process.argv.slice(2).map(Number);
for (const origin of origins.length?origins:[2015,2016,2017,2018,2019]) {
  const cases = authoritySeries(h22, undefined, origin);
  const rows = {};
  for (const [name,k] of Object.entries(variants)) {
    let recs = typeBacktest(cases, { origin, england, englandTypes, constants: k });
    const nAuto = recs.filter(r=>r.method==="auto"&&r.measure==="spend").length;
    const ok = new Set([...new Set(recs.map(r=>r.method))].filter(m=>recs.filter(r=>r.method===m&&r.measure==="spend").length>=0.9*nAuto));
    for (const meas of ["total","spend","mix"]) {
      const s = summariseTypes(recs.filter(r=>r.measure===meas && (meas==="total"||ok.has(r.method))));
      for (const x of s) {
        const m = x.method==="auto"?name:x.method;
        if (x.method==="auto" || name==="type") { (rows[m] ??= {})[x.measure+x.horizon]=x.medianError; (acc[m] ??= {})[x.measure+x.horizon] = [...((acc[m]??{})[x.measure+x.horizon]??[]), x.medianError]; }
      }
    }
  }
  console.log(`origin ${origin}`);
  const cols=["total1","total2","total3","spend1","spend2","spend3","mix1","mix2","mix3"];
  console.log("method".padEnd(18)+cols.map(c=>c.padStart(7)).join(""));
  for (const [m,r] of Object.entries(rows)) console.log(m.padEnd(18)+cols.map(c=>" "+pct(r[c])).join(""));
}

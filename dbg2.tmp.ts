import { seededWorld } from "./scripts/bench/world";
import { MATCH_LABELS } from "./scripts/bench/match-labels";
import { splitLabels } from "./scripts/bench/split";
import { matchVendorsForScenario } from "~/models/matching.server";
const w = await seededWorld(900, { vendors: true });
const halves = splitLabels(MATCH_LABELS);
const names = new Map((await w.db.selectFrom("organisations").select(["id","name"]).execute()).map(r=>[r.id,r.name]));
let n=0;
for (const l of MATCH_LABELS) {
  if (halves.get(l.code) !== "tuning") continue;
  if (n++ >= Number(process.argv[2] ?? 6)) break;
  const s = await w.db.selectFrom("scenarios").where("code","=",l.code).select(["id","title"]).executeTakeFirstOrThrow();
  const want = new Set(l.vendors.map(v=>v.name));
  console.log(l.code, s.title, "| want:", [...want].join(","));
  for (const m of await matchVendorsForScenario(w.db, w.engine, s.id, { limit: 6 })) console.log("  ", want.has(m.name)?"✓":"·", m.name, m.points, JSON.stringify(m.reasons.map((r) => [r.code, r.points, r.values.terms ?? r.values.industries ?? r.values.capabilities ?? ""])));
}
await w.dispose();

// Match-quality benchmark: how well the matcher shortlists vendors for a scenario, against the
// labelled set in match-labels.ts and a plain keyword-search baseline, plus match latency at scale.
//
//   npm run bench:match-quality                     # matcher and baseline, quality and latency
//   npm run bench:match-quality -- --baseline-only  # the keyword baseline alone
//   npm run bench:match-quality -- --skip-latency   # quality only (seconds instead of minutes)
//   npm run bench:match-quality -- --runs 50        # latency runs per measurement (default 40)
//   npm run bench:match-quality -- --split tuning   # quality on one half of the labelled set
//                                                   # (tuning | held-out | all, the default; see split.ts)
//   npm run bench:match-quality -- --set real       # the real-data set (tests/fixtures/real-matching):
//                                                   # matcher against character overlap and engine search
//   npm run bench:match-quality -- --inference      # inferred capabilities against declared tags (demo seed)
//
// Quality runs on the default demo seed (900 scenarios, 225 vendors) in a temporary file, with the
// embedded search engine. Latency seeds a second world with 20,000 scenarios, which gives 5,000
// vendor organisations (the seed scales vendors as scenarios / 4), and times one scenario against
// all vendors and one vendor against all scenarios, each over different scenarios/vendors per run.
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { matchScenariosForVendor, matchVendorsForScenario } from "~/models/matching.server";
import { MATCH_LABELS, type MatchLabel } from "./match-labels";
import { seededWorld } from "./world";
import { hitAt, mean, ndcgAt, percentile, precisionAt } from "./metrics";
import { SPLITS, splitLabels, type SplitOption } from "./split";
import { realWorld, sourceKind } from "./real-world";
import { keywords } from "~/search/keywords";
import { loadScenarioFeatures, loadVendorFeatures } from "~/matching/features.server";

/** The two functions of app/models/matching.server.ts this benchmark measures. */
interface Matcher {
  matchVendorsForScenario: typeof matchVendorsForScenario;
  matchScenariosForVendor: typeof matchScenariosForVendor;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
function splitArg(): SplitOption {
  const i = args.indexOf("--split");
  const value = i >= 0 ? args[i + 1] : "all";
  if (!SPLITS.includes(value as SplitOption)) throw new Error(`--split takes ${SPLITS.join(" | ")}, not ${value}`);
  return value as SplitOption;
}


// ---------------------------------------------------------------------------------------------
// The baseline: plain keyword search, the way a person would use a directory's search box.

const STOPWORDS = new Set(["场景", "应用", "试点", "智能", "南京", "南京市", "基于", "面向", "一体化", "平台", "系统", "建设", "管理"]);
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** The scenario's title words (Intl.Segmenter, two characters or more, minus filler) and its capability names. */
export async function baselineTerms(db: DB, scenarioId: number): Promise<string[]> {
  const s = await db.selectFrom("scenarios").where("id", "=", scenarioId).select("title").executeTakeFirstOrThrow();
  const caps = await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
    .where("sc.scenario_id", "=", scenarioId).select("c.name_zh").execute();
  const words = [...segmenter.segment(s.title)].filter((w) => w.isWordLike && [...w.segment].length >= 2).map((w) => w.segment);
  return [...new Set([...words, ...caps.map((c) => c.name_zh)])].filter((w) => !STOPWORDS.has(w));
}

/**
 * Verified vendors ranked by how often the terms occur in their name, summary, products (names and
 * descriptions) and reference cases — a LIKE-style count with no synonyms, no structure, no weights.
 */
export async function keywordBaseline(db: DB, scenarioId: number, limit: number): Promise<number[]> {
  const terms = await baselineTerms(db, scenarioId);
  if (!terms.length) return [];
  const hits = sql.join(terms.map((t) => sql`(length(d.t) - length(replace(d.t, ${t}, ''))) / ${[...t].length}`), sql` + `);
  const rows = await sql<{ id: number; hits: number }>`
    with d as materialized (
      select o.id, o.name || ' ' || o.summary || ' ' || coalesce(p.t, '') || ' ' || coalesce(c.t, '') as t
      from organisations o
      left join (select organisation_id, group_concat(name || ' ' || description, ' ') as t from products group by organisation_id) p on p.organisation_id = o.id
      left join (select organisation_id, group_concat(client || ' ' || scenario || ' ' || result, ' ') as t from reference_cases group by organisation_id) c on c.organisation_id = o.id
      where o.kind = 'vendor' and o.verified = 1
    )
    select id, hits from (select d.id, (${hits}) as hits from d) where hits > 0 order by hits desc, id limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Quality

interface Resolved { label: MatchLabel; scenarioId: number; relevant: Set<number> }

async function resolveLabels(db: DB): Promise<Resolved[]> {
  const problems: string[] = [];
  const resolved: Resolved[] = [];
  const vendorIds = new Map((await db.selectFrom("organisations").where("kind", "=", "vendor").select(["id", "name"]).execute()).map((v) => [v.name, v.id]));
  for (const label of MATCH_LABELS) {
    const s = await db.selectFrom("scenarios").where("code", "=", label.code).select(["id", "title"]).executeTakeFirst();
    if (!s || s.title !== label.title) { problems.push(`${label.code}: expected "${label.title}", found ${s ? `"${s.title}"` : "nothing"}`); continue; }
    const relevant = new Set<number>();
    for (const v of label.vendors) {
      const id = vendorIds.get(v.name);
      if (id === undefined) problems.push(`${label.code}: no vendor named ${v.name}`);
      else relevant.add(id);
    }
    resolved.push({ label, scenarioId: s.id, relevant });
  }
  if (problems.length) throw new Error(`the demo seed no longer matches the labelled set:\n  ${problems.join("\n  ")}`);
  return resolved;
}

interface Scores { p5: number[]; ndcg10: number[]; hits: number }

function score(rankings: Map<number, number[]>, set: Resolved[]): Scores {
  const scores: Scores = { p5: [], ndcg10: [], hits: 0 };
  for (const r of set) {
    const ranked = rankings.get(r.scenarioId) ?? [];
    scores.p5.push(precisionAt(ranked, r.relevant, 5));
    scores.ndcg10.push(ndcgAt(ranked, r.relevant, 10));
    if (hitAt(ranked, r.relevant, 5)) scores.hits++;
  }
  return scores;
}

async function quality(matcher: Matcher | null, split: SplitOption) {
  console.log("\n## Match quality\n");
  const world = await seededWorld(900, { vendors: true });
  try {
    const halves = splitLabels(MATCH_LABELS);
    const everything = await resolveLabels(world.db);
    const set = split === "all" ? everything : everything.filter((r) => halves.get(r.label.code) === split);
    console.log(`split: ${split} (${set.length} of ${everything.length} labelled scenarios)`);
    const shortlisted = set.reduce((n, r) => n + r.relevant.size, 0);
    console.log(`${set.length} labelled scenarios, ${shortlisted} shortlisted vendors (${(shortlisted / set.length).toFixed(1)} per scenario)`);

    const methods: [string, (scenarioId: number) => Promise<number[]>][] = [
      ["keyword baseline (LIKE hit count)", (id) => keywordBaseline(world.db, id, 10)],
    ];
    if (matcher) {
      methods.unshift(["matcher (embedded engine)", async (id) =>
        (await matcher.matchVendorsForScenario(world.db, world.engine, id, { limit: 10 })).map((m) => m.vendorId)]);
    }

    // Rows per half of the split (when running on all of it) and, within the chosen part, per tag.
    const half = (name: "tuning" | "held-out") => set.filter((r) => halves.get(r.label.code) === name);
    const groups: [string, Resolved[]][] = [
      [split, set],
      ...(split === "all" ? ([["tuning", half("tuning")], ["held-out", half("held-out")]] as [string, Resolved[]][]) : []),
      [`${split} product-fit`, set.filter((r) => r.label.tag === "product-fit")],
      [`${split} few-vendors`, set.filter((r) => r.label.tag === "few-vendors")],
    ];
    console.log("\n| method | scenarios | precision@5 | nDCG@10 | ≥1 relevant in top 5 |\n|---|---|---|---|---|");
    for (const [name, run] of methods) {
      const rankings = new Map<number, number[]>();
      for (const r of set) rankings.set(r.scenarioId, await run(r.scenarioId));
      for (const [group, members] of groups) {
        const s = score(rankings, members);
        console.log(`| ${name} | ${group} (${members.length}) | ${mean(s.p5).toFixed(3)} | ${mean(s.ndcg10).toFixed(3)} | ${s.hits} of ${members.length} |`);
      }
    }
    console.log(`
Relevance is binary: a vendor is relevant to a scenario when it is on that scenario's labelled shortlist.
  precision@5 = |shortlisted ∩ top 5| / 5 (a shorter answer counts its empty places as misses)
  nDCG@10     = DCG@10 / IDCG@10, DCG@10 = Σ_{i=1..10} rel_i / log2(i + 1),
                IDCG@10 = the DCG of all min(10, |shortlist|) shortlisted vendors ranked first
Both are averaged over the scenarios of each row. Shortlists hold 2–6 vendors, so precision@5 cannot
reach 1 on a scenario with fewer than five; the best possible mean precision@5 on this set is ${mean(set.map((r) => Math.min(5, r.relevant.size) / 5)).toFixed(3)}.`);
  } finally {
    await world.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Latency

async function latency(matcher: Matcher | null, runs: number) {
  console.log("\n## Match latency\n");
  const world = await seededWorld(numberArg("latency-scenarios", 20000), { vendors: true });
  try {
    const { db, engine } = world;
    const scenarioIds = (await db.selectFrom("scenarios").where("status", "=", "published").select("id").orderBy("id").execute()).map((r) => r.id);
    const vendorIds = (await db.selectFrom("organisations").where("kind", "=", "vendor").where("verified", "=", 1).select("id").orderBy("id").execute()).map((r) => r.id);
    const vendorCount = (await db.selectFrom("organisations").where("kind", "=", "vendor").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    const scenarioCount = (await db.selectFrom("scenarios").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    // Spread the runs over the whole range rather than the first few ids.
    const spread = (ids: number[], n: number) => Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]!);
    const scenarios = spread(scenarioIds, runs);
    const vendors = spread(vendorIds, runs);

    const time = async (label: string, items: number[], run: (id: number) => Promise<unknown>) => {
      for (const id of items.slice(0, 3)) await run(id); // warm caches and prepared statements
      const ms: number[] = [];
      for (const id of items) {
        const start = performance.now();
        await run(id);
        ms.push(performance.now() - start);
      }
      console.log(`| ${label} | ${ms.length} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${Math.max(...ms).toFixed(1)} |`);
    };

    console.log(`${scenarioCount} scenarios (${scenarioIds.length} open for proposals), ${vendorCount} vendor organisations (${vendorIds.length} verified)\n`);
    console.log("| measurement | runs | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
    if (matcher) {
      await time(`matcher: one scenario → top 10 of ${vendorCount} vendors`, scenarios, (id) => matcher.matchVendorsForScenario(db, engine, id, { limit: 10 }));
      await time(`matcher: one vendor → top 10 of ${scenarioCount} scenarios`, vendors, (id) => matcher.matchScenariosForVendor(db, engine, id, { limit: 10 }));
    }
    await time(`keyword baseline: one scenario → top 10 of ${vendorCount} vendors`, scenarios, (id) => keywordBaseline(db, id, 10));
  } finally {
    await world.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// The real-data set: real published scenarios, a real public vendor list, expert shortlists.

/** Vendors ranked by how many distinct characters of the scenario's title their text contains (name excluded). */
function characterOverlap(title: string, vendorTexts: Map<number, string>, limit: number): number[] {
  const chars = new Set(Array.from(title).filter((c) => /[\p{L}\p{N}]/u.test(c)));
  return [...vendorTexts]
    .map(([id, text]) => ({ id, n: [...chars].filter((c) => text.includes(c)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.id - b.id)
    .slice(0, limit)
    .map((x) => x.id);
}

async function realQuality(matcher: Matcher | null, split: SplitOption) {
  console.log("\n## Match quality on real data\n");
  const world = await realWorld();
  try {
    const { db, engine, scenarios, vendorIds, scenarioIds } = world;
    const labels = scenarios.map((s) => ({ ...s, tag: sourceKind(s.source) }));
    const halves = splitLabels(labels);
    const all: Resolved[] = labels.map((l) => ({
      label: { code: l.code, title: l.title, tag: undefined, vendors: l.shortlist.map((v) => ({ name: v.vendor, reason: v.reason })) },
      scenarioId: scenarioIds.get(l.code)!,
      relevant: new Set(l.shortlist.map((v) => { const id = vendorIds.get(v.vendor); if (id === undefined) throw new Error(`${l.code}: no vendor ${v.vendor}`); return id; })),
    }));
    const kind = new Map(labels.map((l) => [l.code, l.tag]));
    const set = split === "all" ? all : all.filter((r) => halves.get(r.label.code) === split);
    const labelled = set.reduce((n, r) => n + r.relevant.size, 0);
    console.log(`split: ${split} (${set.length} of ${all.length} scenarios; ${vendorIds.size} vendors; ${labelled} shortlisted, ${(labelled / set.length).toFixed(1)} per scenario)`);

    // Vendor texts for the character baseline: summary, product names and notes.
    const texts = new Map<number, string>();
    const rows = await db.selectFrom("organisations as o").leftJoin("products as p", "p.organisation_id", "o.id")
      .where("o.kind", "=", "vendor").select(["o.id", "o.summary", "p.name", "p.description"]).execute();
    for (const r of rows) texts.set(r.id, `${texts.get(r.id) ?? r.summary} ${r.name ?? ""} ${r.description ?? ""}`);
    const titles = new Map((await db.selectFrom("scenarios").select(["id", "title", "description", "requirements"]).execute()).map((s) => [s.id, s]));

    const methods: [string, (scenarioId: number) => Promise<number[]>][] = [
      ["baseline: distinct title characters shared", async (id) => characterOverlap(titles.get(id)!.title, texts, 10)],
      ["baseline: engine text search (embedded)", async (id) => {
        const s = titles.get(id)!;
        return (await engine.searchVendors(keywords([], [s.title, s.description, s.requirements]).join(" "), {}, 10)).map((h) => h.id);
      }],
    ];
    if (matcher) {
      methods.unshift(["matcher (embedded engine)", async (id) =>
        (await matcher.matchVendorsForScenario(db, engine, id, { limit: 10 })).map((m) => m.vendorId)]);
    }
    const groups: [string, Resolved[]][] = [
      [split, set],
      ...(split === "all" ? ([["tuning", set.filter((r) => halves.get(r.label.code) === "tuning")], ["held-out", set.filter((r) => halves.get(r.label.code) === "held-out")]] as [string, Resolved[]][]) : []),
      [`${split} opportunity lists`, set.filter((r) => kind.get(r.label.code) === "list")],
      [`${split} named scenarios`, set.filter((r) => kind.get(r.label.code) === "named")],
    ];
    console.log("\n| method | scenarios | precision@5 | nDCG@10 | ≥1 relevant in top 5 |\n|---|---|---|---|---|");
    const rankingsOf = new Map<string, Map<number, number[]>>();
    for (const [name, run] of methods) {
      const rankings = new Map<number, number[]>();
      for (const r of set) rankings.set(r.scenarioId, await run(r.scenarioId));
      rankingsOf.set(name, rankings);
      for (const [group, members] of groups) {
        const s = score(rankings, members);
        console.log(`| ${name} | ${group} (${members.length}) | ${mean(s.p5).toFixed(3)} | ${mean(s.ndcg10).toFixed(3)} | ${s.hits} of ${members.length} |`);
      }
    }
    console.log(`\nbest possible mean precision@5 on this part: ${mean(set.map((r) => Math.min(5, r.relevant.size) / 5)).toFixed(3)}`);
    if (flag("show")) {
      const names = new Map([...vendorIds].map(([n, id]) => [id, n]));
      const mine = rankingsOf.get("matcher (embedded engine)");
      for (const r of set) console.log(`${r.label.code} ${r.label.title}: ${(mine?.get(r.scenarioId) ?? []).slice(0, 5).map((id) => `${r.relevant.has(id) ? "✓" : "·"}${names.get(id)}`).join(" ")}`);
    }
  } finally {
    await world.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Inference: capabilities the system reads from text, against the capabilities declared on the demo seed.

async function inference() {
  console.log("\n## Inferred capabilities against declared tags (demo seed)\n");
  const world = await seededWorld(900, { vendors: true });
  try {
    const { db } = world;
    const measure = async (label: string, declared: Map<number, Set<string>>, inferred: Map<number, string[]>) => {
      let tp = 0, fp = 0, fn = 0;
      for (const [id, tags] of declared) {
        const got = new Set(inferred.get(id) ?? []);
        for (const t of got) (tags.has(t) ? tp++ : fp++);
        for (const t of tags) if (!got.has(t)) fn++;
      }
      const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
      console.log(`| ${label} | ${declared.size} | ${tp + fn} | ${tp + fp} | ${p.toFixed(3)} | ${r.toFixed(3)} | ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)} |`);
    };
    const group = (rows: { id: number; slug: string }[]) => {
      const m = new Map<number, Set<string>>();
      for (const r of rows) m.set(r.id, new Set([...(m.get(r.id) ?? []), r.slug]));
      return m;
    };
    const scenarioTags = group(await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .innerJoin("scenarios as s", "s.id", "sc.scenario_id").where("s.status", "in", ["published", "matched", "piloting", "benchmark", "closed"])
      .select(["sc.scenario_id as id", "c.slug"]).execute());
    const vendorTags = group(await db.selectFrom("vendor_capabilities as vc").innerJoin("capabilities as c", "c.id", "vc.capability_id")
      .innerJoin("organisations as o", "o.id", "vc.organisation_id").where("o.verified", "=", 1).where("o.kind", "=", "vendor")
      .select(["vc.organisation_id as id", "c.slug"]).execute());
    const sf = await loadScenarioFeatures(db, [...scenarioTags.keys()]);
    const vf = await loadVendorFeatures(db, [...vendorTags.keys()]);
    console.log("| subjects | with declared tags | declared tags | inferred tags | precision | recall | F1 |\n|---|---|---|---|---|---|---|");
    await measure("public scenarios", scenarioTags, new Map([...sf].map(([id, f]) => [id, f.inferredCapabilities])));
    await measure("verified vendors", vendorTags, new Map([...vf].map(([id, f]) => [id, f.inferredCapabilities])));
    console.log("\nA declared tag is the truth; an inferred tag not declared counts against precision, a declared one not inferred against recall.");
  } finally {
    await world.dispose();
  }
}

async function main() {
  const matcher: Matcher | null = flag("baseline-only") ? null : { matchVendorsForScenario, matchScenariosForVendor };
  if (flag("inference")) return inference();
  const i = args.indexOf("--set");
  const which = i >= 0 ? args[i + 1] : "synthetic";
  if (which !== "real" && which !== "synthetic") throw new Error(`--set takes real | synthetic, not ${which}`);
  if (which === "real") await realQuality(matcher, splitArg());
  else await quality(matcher, splitArg());
  if (!flag("skip-latency")) await latency(matcher, Math.max(30, numberArg("runs", 40)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { parseSourceFields } from "~/domain/import/source-fields";
import { createPublicCache, type PublicCache } from "~/search/public-cache.server";
import type { UserRole } from "~/db/schema";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import { publicPhase } from "~/domain/public-phase";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import { listAmendments } from "./amendments.server";
import { loadScenarioCards, type ScenarioCard } from "./scenario.server";

export interface TimelineEntry {
  from: ScenarioStatus | null;
  to: ScenarioStatus;
  at: string;
  actorRole: UserRole | null;
  /** Reasons are public only from publication on; review comments before it stay internal. */
  reason: string | null;
}

const PUBLIC_REASON_STATUSES: readonly string[] = PUBLIC_SCENARIO_STATUSES;

/** Everything the public page of one scenario shows, or null when no public scenario has the code. */
export async function getPublicScenario(db: DB, code: string, now = new Date()) {
  const scenario = await db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("editions as e", "e.id", "s.edition_id")
    .leftJoin("batches as b", "b.id", "s.batch_id")
    .where("s.code", "=", code)
    .where("s.status", "in", PUBLIC_SCENARIO_STATUSES)
    .select([
      "s.id", "s.code", "s.title", "s.description", "s.requirements", "s.acceptance_criteria", "s.domain",
      "s.venue_type", "s.district", "s.cooperation_mode", "s.tier", "s.budget_wan", "s.period_start",
      "s.period_end", "s.site_access", "s.contact_name", "s.contact_phone", "s.contact_email", "s.status",
      "s.proposal_deadline", "s.published_at", "s.updated_at", "o.name as organisation", "o.district as organisation_district",
      "e.year", "b.ordinal", "e.archive", "s.source_json", "s.organisation_id",
    ])
    .executeTakeFirst();
  if (!scenario) return null;

  const [capabilities, dataResources, attachments, history, proposalCount] = await Promise.all([
    db
      .selectFrom("scenario_capabilities as sc")
      .innerJoin("capabilities as c", "c.id", "sc.capability_id")
      .where("sc.scenario_id", "=", scenario.id)
      .select(["c.slug", "c.name_zh", "c.name_en"])
      .orderBy("c.id")
      .execute(),
    db
      .selectFrom("scenario_data_resources")
      .where("scenario_id", "=", scenario.id)
      .select(["kind", "volume", "labelled", "sensitivity"])
      .orderBy("id")
      .execute(),
    db
      .selectFrom("scenario_attachments")
      .where("scenario_id", "=", scenario.id)
      .select(["id", "file_name", "media_type", "size_bytes"])
      .orderBy("id")
      .execute(),
    db
      .selectFrom("scenario_status_history as h")
      .leftJoin("users as u", "u.id", "h.actor_user_id")
      .where("h.scenario_id", "=", scenario.id)
      .select(["h.from_status", "h.to_status", "h.created_at", "h.reason", "u.role"])
      .orderBy("h.created_at")
      .orderBy("h.id")
      .execute(),
    db
      .selectFrom("proposals")
      .where("scenario_id", "=", scenario.id)
      .where("status", "in", ["submitted", "shortlisted", "selected", "declined"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);

  const timeline: TimelineEntry[] = history.map((h) => ({
    from: h.from_status,
    to: h.to_status,
    at: h.created_at,
    actorRole: h.role,
    reason: PUBLIC_REASON_STATUSES.includes(h.to_status) ? h.reason : null,
  }));

  const industries = await db.selectFrom("organisation_industries").where("organisation_id", "=", scenario.organisation_id)
    .select(["industry", "source"]).orderBy("source").orderBy("industry").execute();
  return {
    scenario,
    /** What a person sees now (app/domain/public-phase.ts). */
    phase: publicPhase({ status: scenario.status, proposalDeadline: scenario.proposal_deadline }, now)!,
    // A past list or another city's: shown as past, never as open for proposals.
    archive: scenario.archive === 1,
    source: parseSourceFields(scenario.source_json),
    // The demand organisation's industries: declared first, inferred ones marked.
    industries: industries.filter((i, n) => industries.findIndex((j) => j.industry === i.industry) === n),
    capabilities,
    dataResources,
    attachments,
    timeline,
    proposalCount: proposalCount.n,
    related: await relatedScenarios(db, scenario.id),
    amendments: await listAmendments(db, scenario.id),
  };
}

export type PublicScenario = NonNullable<Awaited<ReturnType<typeof getPublicScenario>>>;

// Related scenarios are counted over every scenario sharing a capability: kept per database until the public data changes.
const relatedCaches = new WeakMap<DB, PublicCache<number[]>>();

/** Public scenarios sharing the most capabilities, then the same domain and venue type. */
export async function relatedScenarios(db: DB, scenarioId: number, limit = 5): Promise<ScenarioCard[]> {
  let cache = relatedCaches.get(db);
  if (!cache) relatedCaches.set(db, (cache = createPublicCache<number[]>()));
  const ids = await cache.get(db, `${scenarioId}:${limit}`, async () => {
    const statuses = sql.join([...PUBLIC_SCENARIO_STATUSES]);
    // Scenarios sharing a capability, found through the capability index, ranked by how many they share.
    const sharing = await sql<{ id: number }>`
      with shared as (
        select b.scenario_id as id, count(*) as n from scenario_capabilities a
        join scenario_capabilities b on b.capability_id = a.capability_id and b.scenario_id != a.scenario_id
        where a.scenario_id = ${scenarioId} group by b.scenario_id)
      -- CROSS JOIN keeps the shared ones the outer loop, each looked up by id (the planner otherwise read every
      -- public scenario and probed the list: 70-85 against 44-47 ms a call at 20,000 scenarios, same answers).
      select s.id from shared cross join scenarios s on s.id = shared.id, scenarios me
      where me.id = ${scenarioId} and s.status in (${statuses}) and (s.domain = me.domain or s.venue_type = me.venue_type)
      order by shared.n desc, (s.venue_type is me.venue_type) desc, (s.domain = me.domain) desc, s.published_at desc
      limit ${limit}`.execute(db);
    const found = sharing.rows.map((r) => r.id);
    if (found.length === limit) return found;
    // Fewer share a capability: the rest of the same domain or venue type follow.
    const others = await sql<{ id: number }>`
      select s.id from scenarios s, scenarios me
      where me.id = ${scenarioId} and s.id != me.id and s.id not in (${sql.join([0, ...found])})
        and s.status in (${statuses}) and (s.domain = me.domain or s.venue_type = me.venue_type)
      order by (s.venue_type is me.venue_type) desc, (s.domain = me.domain) desc, s.published_at desc
      limit ${limit - found.length}`.execute(db);
    return [...found, ...others.rows.map((r) => r.id)];
  });
  return loadScenarioCards(db, ids);
}

import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { translator } from "~/i18n/i18n";
import { notifyUser } from "~/mail/outbox.server";
import { requestSearchSync } from "~/search/worker.server";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";
import { scenarioOwners } from "./review.server";
import { PROPOSAL_WINDOW_DAYS, scenarioCode } from "~/domain/batch-rules";
import { transitionScenarioIn } from "./scenario-workflow.server";

const zh = translator("zh");
const DAY_MS = 86_400_000;


/** Approved scenarios of an edition waiting for a batch, in the order they were approved. */
export async function listApprovedForBatch(db: DB, editionId: number) {
  return db
    .selectFrom("scenarios as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "approved")
    .select((eb) => [
      "s.id", "s.title", "s.domain", "s.district", "s.tier", "s.budget_wan", "o.name as organisation",
      eb
        .selectFrom("scenario_status_history as h")
        .whereRef("h.scenario_id", "=", "s.id")
        .where("h.to_status", "=", "approved")
        .select((h) => h.fn.max("h.created_at").as("at"))
        .as("approved_at"),
    ])
    .orderBy("approved_at", "asc")
    .orderBy("s.id", "asc")
    .execute();
}

/** The highest number used in the edition's codes; codes carry the year, so this is per edition. */
async function highestCodeNumber(db: DB, year: number): Promise<number> {
  const prefix = `NJ-${year}-`;
  const row = await db
    .selectFrom("scenarios")
    .where("code", "like", `${prefix}%`)
    .select(sql<number | null>`max(cast(substr(code, ${prefix.length + 1}) as integer))`.as("n"))
    .executeTakeFirst();
  return row?.n ?? 0;
}

export type BatchProblem =
  | { code: "edition_not_found" }
  | { code: "none_selected" }
  | { code: "not_approved"; scenarios: { id: number; title: string | null; status: string | null }[] };

export type BatchOutcome =
  | { ok: true; batchId: number; ordinal: number; codes: string[] }
  | { ok: false; problem: BatchProblem };

class BatchRefused extends Error {
  constructor(readonly problem: BatchProblem) {
    super(`Batch refused: ${problem.code}`);
  }
}

/**
 * Publishes the chosen approved scenarios of an edition as its next batch, all or nothing: the batch
 * row, each scenario's move to published (with code, batch, dates, history and audit) and the
 * notices happen in one transaction. The same transaction writes the search outbox rows (database
 * triggers); the outbox worker applies them right after the commit, and again until the engine
 * takes them, so the publication never waits for search and search never misses it.
 */
export async function publishBatch(
  db: DB,
  input: { editionId: number; scenarioIds: number[]; actor: OfficeActor },
): Promise<BatchOutcome> {
  const ids = [...new Set(input.scenarioIds)];
  if (ids.length === 0) return { ok: false, problem: { code: "none_selected" } };
  let published: { batchId: number; ordinal: number; codes: string[] };
  try {
    published = await db.transaction().execute(async (trx) => {
      const edition = await trx.selectFrom("editions").where("id", "=", input.editionId).select(["id", "year"]).executeTakeFirst();
      if (!edition) throw new BatchRefused({ code: "edition_not_found" });

      const approved = await listApprovedForBatch(trx, edition.id);
      const chosen = approved.filter((s) => ids.includes(s.id));
      if (chosen.length !== ids.length) {
        const missing = ids.filter((id) => !chosen.some((s) => s.id === id));
        const rows = missing.length
          ? await trx.selectFrom("scenarios").where("id", "in", missing).select(["id", "title", "status"]).execute()
          : [];
        const scenarios = missing.map((id) => {
          const row = rows.find((r) => r.id === id);
          return { id, title: row?.title ?? null, status: row?.status ?? null };
        });
        throw new BatchRefused({ code: "not_approved", scenarios });
      }

      const last = await trx
        .selectFrom("batches")
        .where("edition_id", "=", edition.id)
        .select((eb) => eb.fn.max("ordinal").as("n"))
        .executeTakeFirst();
      const ordinal = (last?.n ?? 0) + 1;
      const now = new Date();
      const publishedAt = now.toISOString();
      const deadline = new Date(now.getTime() + PROPOSAL_WINDOW_DAYS * DAY_MS).toISOString();
      const batch = await trx
        .insertInto("batches")
        .values({ edition_id: edition.id, ordinal, published_at: publishedAt })
        .returning("id")
        .executeTakeFirstOrThrow();

      const batchName = zh("batch.label", { year: String(edition.year), ordinal });
      let next = (await highestCodeNumber(trx, edition.year)) + 1;
      const codes: string[] = [];
      for (const scenario of chosen) {
        const code = scenarioCode(edition.year, next++);
        codes.push(code);
        await transitionScenarioIn(trx, {
          scenarioId: scenario.id,
          action: "publish",
          actor: { userId: input.actor.userId, role: "admin", ip: input.actor.ip },
          reason: zh("admin.batch.historyReason", { batch: batchName }),
          also: async (t) => {
            await t
              .updateTable("scenarios")
              .set({ code, batch_id: batch.id, published_at: publishedAt, proposal_deadline: deadline })
              .where("id", "=", scenario.id)
              .execute();
          },
        });
        const notice = {
          kind: "scenario.published",
          title: zh("admin.batch.notice.title", { title: scenario.title, code }),
          body: zh("admin.batch.notice.body", { batch: batchName, code }),
          link: `/scenarios/${code}`,
        };
        for (const userId of await scenarioOwners(trx, scenario.id)) await notifyUser(trx, userId, notice);
      }
      await audit(trx, {
        actorUserId: input.actor.userId,
        action: "batch.publish",
        subjectType: "batch",
        subjectId: batch.id,
        after: { editionYear: edition.year, ordinal, scenarioIds: chosen.map((s) => s.id), codes, proposalDeadline: deadline },
        ip: input.actor.ip,
      });
      return { batchId: batch.id, ordinal, codes };
    });
  } catch (error) {
    if (error instanceof BatchRefused) return { ok: false, problem: error.problem };
    throw error;
  }

  requestSearchSync();
  return { ok: true, ...published };
}

/** Editions with approved scenarios waiting, and what the next batch of the chosen one would be. */
export async function batchComposer(db: DB, year: number | undefined) {
  const editions = await db
    .selectFrom("editions as e")
    .select((eb) => [
      "e.id", "e.year", "e.title",
      eb.selectFrom("scenarios as s").whereRef("s.edition_id", "=", "e.id").where("s.status", "=", "approved")
        .select((s) => s.fn.countAll<number>().as("n")).as("approved"),
    ])
    .orderBy("e.year", "desc")
    .execute();
  const edition = editions.find((e) => e.year === year) ?? editions.find((e) => (e.approved ?? 0) > 0) ?? null;
  if (!edition) return { editions, edition: null, scenarios: [], nextOrdinal: 1, firstCode: null };
  const last = await db.selectFrom("batches").where("edition_id", "=", edition.id).select((eb) => eb.fn.max("ordinal").as("n")).executeTakeFirst();
  return {
    editions,
    edition,
    scenarios: await listApprovedForBatch(db, edition.id),
    nextOrdinal: (last?.n ?? 0) + 1,
    firstCode: scenarioCode(edition.year, (await highestCodeNumber(db, edition.year)) + 1),
  };
}

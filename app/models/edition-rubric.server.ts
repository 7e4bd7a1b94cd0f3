import type { DB } from "~/db/db.server";
import { checkRubric, DEFAULT_NOTICE_DAYS, DEFAULT_PASS_MARK, DEFAULT_RUBRIC, parseRubric, type Criterion } from "~/domain/rubric";
import { audit } from "./audit.server";
import type { OfficeActor } from "./office.server";

// An edition's benchmark rubric, pass mark and notice length. Applications copy the rubric and the
// pass mark when they are submitted, so a change here never moves the goalposts of a review under
// way; the notice length is read when a review closes.

export async function getEditionRubric(db: DB, editionId: number) {
  const edition = await db.selectFrom("editions").where("id", "=", editionId).select(["id", "year", "title", "rubric_json", "pass_mark", "notice_days"]).executeTakeFirst();
  if (!edition) return null;
  const live = await db
    .selectFrom("benchmark_applications as a")
    .innerJoin("scenarios as s", "s.id", "a.scenario_id")
    .where("s.edition_id", "=", editionId)
    .where("a.status", "in", ["submitted", "in_review"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rubric = parseRubric(edition.rubric_json);
  return {
    edition: { id: edition.id, year: edition.year, title: edition.title },
    rubric,
    isDefault: JSON.stringify(rubric) === JSON.stringify(DEFAULT_RUBRIC) && edition.pass_mark === DEFAULT_PASS_MARK && edition.notice_days === DEFAULT_NOTICE_DAYS,
    passMark: edition.pass_mark,
    noticeDays: edition.notice_days,
    /** Applications of this edition under review: they keep the rubric they were submitted with. */
    openApplications: live.n,
  };
}

export type RubricOutcome = { ok: true } | { ok: false; problem: "not_found" | "invalid" };

/** Stores a new rubric (null = back to the default rubric, pass mark and notice days). */
export async function saveEditionRubric(
  db: DB,
  input: { editionId: number; settings: { rubric: Criterion[]; passMark: number; noticeDays: number } | null; actor: OfficeActor },
): Promise<RubricOutcome> {
  const next = input.settings ?? { rubric: null, passMark: DEFAULT_PASS_MARK, noticeDays: DEFAULT_NOTICE_DAYS };
  if (next.rubric && checkRubric(next.rubric).length) return { ok: false, problem: "invalid" };
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("editions").where("id", "=", input.editionId).select(["rubric_json", "pass_mark", "notice_days"]).executeTakeFirst();
    if (!before) return { ok: false, problem: "not_found" } as const;
    const rubric_json = next.rubric ? JSON.stringify(next.rubric.map((c) => ({ key: c.key, zh: c.zh, en: c.en, weight: c.weight }))) : null;
    await trx.updateTable("editions").set({ rubric_json, pass_mark: next.passMark, notice_days: next.noticeDays }).where("id", "=", input.editionId).execute();
    await audit(trx, {
      actorUserId: input.actor.userId,
      action: input.settings ? "edition.rubric" : "edition.rubric_reset",
      subjectType: "edition",
      subjectId: input.editionId,
      before: { rubric: parseRubric(before.rubric_json), passMark: before.pass_mark, noticeDays: before.notice_days },
      after: { rubric: parseRubric(rubric_json), passMark: next.passMark, noticeDays: next.noticeDays },
      ip: input.actor.ip,
    });
    return { ok: true } as const;
  });
}

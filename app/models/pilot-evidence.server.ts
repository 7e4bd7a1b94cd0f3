import type { DB } from "~/db/db.server";
import { checkEvidenceRemoval, checkEvidenceUpload, EVIDENCE_LIMITS, LIVE_APPLICATION_STATUSES, type EvidenceRefusal } from "~/domain/benchmark-apply";
import { sideOf, type PilotSide } from "~/domain/pilot-lifecycle";
import { deleteFiles, openStoredFile, storeThenCommit } from "~/files/storage.server";
import { audit } from "./audit.server";

// Evidence files on a pilot (证明材料): uploaded by either side of the pair, optionally tied to one
// KPI, read by the pair, the office and the reviewers assigned to one of the pilot's benchmark
// applications. Stored like proposal attachments (app/files/storage.server.ts): the file first,
// then the row in one transaction with its audit entry; a refused or failed write removes the file.

export interface EvidenceActor {
  userId: number;
  ip?: string | null;
}

/** A file that passed `checkAttachment` with EVIDENCE_LIMITS. */
export interface AcceptedEvidence {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export type EvidenceResult = { ok: true; id: number } | { ok: false; problem: EvidenceRefusal | "not_found" | "too_many" | "foreign_kpi" };

export async function listEvidence(db: DB, pilotId: number) {
  return db
    .selectFrom("pilot_evidence as e")
    .leftJoin("pilot_kpis as k", "k.id", "e.kpi_id")
    .leftJoin("users as u", "u.id", "e.uploaded_by")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .where("e.pilot_id", "=", pilotId)
    .select(["e.id", "e.file_name", "e.size_bytes", "e.note", "e.created_at", "e.kpi_id", "e.uploaded_by", "k.name as kpi_name", "u.name as uploader", "o.name as organisation"])
    .orderBy("e.id")
    .execute();
}

export async function countEvidence(db: DB, pilotId: number): Promise<number> {
  const row = await db.selectFrom("pilot_evidence").where("pilot_id", "=", pilotId).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the pilot has an application holding its place (submitted, in review, in notice or certified). */
export async function hasLiveApplication(db: DB, pilotId: number): Promise<boolean> {
  const row = await db.selectFrom("benchmark_applications").where("pilot_id", "=", pilotId).where("status", "in", [...LIVE_APPLICATION_STATUSES]).select("id").executeTakeFirst();
  return row !== undefined;
}

/** Stores one evidence file on the pilot, if the viewer's side may add one now. */
export async function addEvidence(
  db: DB,
  input: { pilotId: number; side: PilotSide; kpiId?: number; note: string; file: AcceptedEvidence },
  actor: EvidenceActor,
  now = new Date(),
): Promise<EvidenceResult> {
  return storeThenCommit(
    [input.file.bytes],
    ([stored]) =>
      db.transaction().execute(async (trx): Promise<EvidenceResult> => {
        const pilot = await trx.selectFrom("pilots").where("id", "=", input.pilotId).select(["id", "status"]).executeTakeFirst();
        if (!pilot) return { ok: false, problem: "not_found" };
        const check = checkEvidenceUpload({ side: input.side, pilotStatus: pilot.status, liveApplication: await hasLiveApplication(trx, pilot.id) });
        if (!check.ok) return { ok: false, problem: check.refusal };
        if ((await countEvidence(trx, pilot.id)) >= EVIDENCE_LIMITS.maxFiles) return { ok: false, problem: "too_many" };
        if (input.kpiId !== undefined) {
          const kpi = await trx.selectFrom("pilot_kpis").where("id", "=", input.kpiId).where("pilot_id", "=", pilot.id).select("id").executeTakeFirst();
          if (!kpi) return { ok: false, problem: "foreign_kpi" };
        }
        const row = await trx
          .insertInto("pilot_evidence")
          .values({
            pilot_id: pilot.id, kpi_id: input.kpiId ?? null, file_name: input.file.name, media_type: input.file.mediaType,
            size_bytes: stored!.size, sha256: stored!.sha256, storage_key: stored!.key, note: input.note, uploaded_by: actor.userId,
            created_at: now.toISOString(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(trx, {
          actorUserId: actor.userId, action: "pilot.evidence_add", subjectType: "pilot", subjectId: pilot.id,
          after: { evidenceId: row.id, file: input.file.name, kpiId: input.kpiId ?? null, sha256: stored!.sha256 }, ip: actor.ip,
        });
        return { ok: true, id: row.id };
      }),
    (result) => result.ok,
  );
}

/** Removes one evidence file: its uploader, or either side while the pilot is active; never under a live application. */
export async function removeEvidence(
  db: DB,
  input: { pilotId: number; side: PilotSide; evidenceId: number },
  actor: EvidenceActor,
): Promise<EvidenceResult> {
  let removedKey: string | null = null;
  const result = await db.transaction().execute(async (trx): Promise<EvidenceResult> => {
    const row = await trx
      .selectFrom("pilot_evidence as e")
      .innerJoin("pilots as p", "p.id", "e.pilot_id")
      .where("e.id", "=", input.evidenceId)
      .where("e.pilot_id", "=", input.pilotId)
      .select(["e.id", "e.file_name", "e.storage_key", "e.uploaded_by", "p.status"])
      .executeTakeFirst();
    if (!row) return { ok: false, problem: "not_found" };
    const check = checkEvidenceRemoval({
      side: input.side, pilotStatus: row.status, liveApplication: await hasLiveApplication(trx, input.pilotId), isUploader: row.uploaded_by === actor.userId,
    });
    if (!check.ok) return { ok: false, problem: check.refusal };
    await trx.deleteFrom("pilot_evidence").where("id", "=", row.id).execute();
    await audit(trx, { actorUserId: actor.userId, action: "pilot.evidence_remove", subjectType: "pilot", subjectId: input.pilotId, before: { evidenceId: row.id, file: row.file_name }, ip: actor.ip });
    removedKey = row.storage_key;
    return { ok: true, id: row.id };
  });
  // Only once the row is gone for good: a failed transaction keeps both.
  if (result.ok && removedKey) await deleteFiles([removedKey]);
  return result;
}

export type EvidenceRead =
  | { ok: true; name: string; mediaType: string; size: number; body: ReadableStream<Uint8Array> }
  | { ok: false; status: 403 | 404 };

/**
 * One evidence file for the viewer: the pair and the office, and reviewers assigned (without a
 * declared conflict) to any benchmark application of the pilot, since judging it means reading it.
 */
export async function readEvidence(
  db: DB,
  viewer: { id: number; role: string; organisationId: number | null },
  pilotId: number,
  evidenceId: number,
): Promise<EvidenceRead> {
  const row = await db
    .selectFrom("pilot_evidence as e")
    .innerJoin("pilots as p", "p.id", "e.pilot_id")
    .innerJoin("scenarios as s", "s.id", "p.scenario_id")
    .where("e.id", "=", evidenceId)
    .select(["e.pilot_id", "e.file_name", "e.media_type", "e.storage_key", "p.vendor_id", "s.organisation_id"])
    .executeTakeFirst();
  if (!row || row.pilot_id !== pilotId) return { ok: false, status: 404 };
  const side = sideOf(viewer, { demandOrganisationId: row.organisation_id, vendorId: row.vendor_id });
  const allowed = side !== "none" || (viewer.role === "reviewer" && (await isAssignedReviewer(db, viewer.id, pilotId)));
  if (!allowed) return { ok: false, status: 403 };
  const file = await openStoredFile(row.storage_key);
  if (!file) return { ok: false, status: 404 };
  return { ok: true, name: row.file_name, mediaType: row.media_type, size: file.size, body: file.body };
}

async function isAssignedReviewer(db: DB, reviewerId: number, pilotId: number): Promise<boolean> {
  const row = await db
    .selectFrom("benchmark_reviews as r")
    .innerJoin("benchmark_applications as a", "a.id", "r.application_id")
    .where("a.pilot_id", "=", pilotId)
    .where("r.reviewer_id", "=", reviewerId)
    .where("r.conflict_declared_at", "is", null)
    .select("r.id")
    .executeTakeFirst();
  return row !== undefined;
}

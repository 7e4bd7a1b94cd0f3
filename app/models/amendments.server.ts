import type { DB } from "~/db/db.server";
import { deadlineAfterAmendment, diffValues, isMaterial, type AmendmentChange, type PublicAmendment } from "~/domain/amendments";
import { SCENARIO_FIELDS, type ScenarioField, type ScenarioInput } from "~/domain/forms/scenario";
import { formatDateTime, type Lang, type Translate } from "~/i18n/i18n";
import { FIELD_LABELS, listJoin } from "~/i18n/labels";
import { notifyUser } from "~/mail/outbox.server";
import { requestSearchSync } from "~/search/worker.server";
import { audit } from "./audit.server";
import { getMyScenario, writeScenarioColumns, type Owner } from "./my-scenarios.server";

// Amendments to published scenarios: the owner rewrites the scenario and says why; the platform
// records what changed as a numbered amendment with a public diff, moves the proposal deadline when
// the rules say so, and asks the vendors who already bid to re-confirm.

export type AmendProblem =
  | { code: "not_found" }
  | { code: "not_amendable" }
  | { code: "stale"; version: number }
  | { code: "unchanged" };

export type AmendResult =
  | { ok: true; number: number; material: boolean; deadlineMoved: boolean; reconfirm: number }
  | { ok: false; problem: AmendProblem };

class Refused extends Error {
  constructor(readonly problem: AmendProblem) {
    super(problem.code);
  }
}

export async function amendScenario(
  db: DB,
  owner: Owner,
  id: number,
  input: ScenarioInput & { version: number; reason: string },
  now = new Date(),
): Promise<AmendResult> {
  let result: Extract<AmendResult, { ok: true }>;
  try {
    result = await db.transaction().execute(async (trx) => {
      const stored = await getMyScenario(trx, owner.organisationId, id);
      if (!stored) throw new Refused({ code: "not_found" });
      const s = stored.scenario;
      // Amendments belong to bidding: once a vendor is matched, the pilot governs the work.
      if (s.status !== "published") throw new Refused({ code: "not_amendable" });
      if (s.version !== input.version) throw new Refused({ code: "stale", version: s.version });
      const typed = { ...input, budgetWan: input.budgetWan === undefined ? "" : String(input.budgetWan) };
      const changes = diffValues(SCENARIO_FIELDS, stored.values, typed);
      if (changes.length === 0) throw new Refused({ code: "unchanged" });

      const material = isMaterial(changes);
      const deadline = deadlineAfterAmendment(s.proposal_deadline, now, material);
      const last = await trx.selectFrom("scenario_amendments").where("scenario_id", "=", id)
        .select((eb) => eb.fn.max("number").as("n")).executeTakeFirst();
      const number = (last?.n ?? 0) + 1;
      await writeScenarioColumns(trx, id, input, { version: s.version + 1, proposal_deadline: deadline, updated_at: now.toISOString() });
      await trx.insertInto("scenario_amendments").values({
        scenario_id: id, number, reason: input.reason, changes_json: JSON.stringify(changes), material: material ? 1 : 0,
        deadline_before: s.proposal_deadline, deadline_after: deadline, actor_user_id: owner.userId, created_at: now.toISOString(),
      }).execute();

      // Bids made on the old terms are not considered until their vendor confirms them again.
      const affected = material
        ? await trx.selectFrom("proposals").where("scenario_id", "=", id).where("status", "in", ["submitted", "shortlisted"])
          .select(["id", "vendor_id"]).execute()
        : [];
      if (affected.length) {
        await trx.updateTable("proposals").set({ needs_reconfirmation: 1 }).where("id", "in", affected.map((p) => p.id)).execute();
      }
      const deadlineMoved = deadline !== s.proposal_deadline;
      const link = `/scenarios/${s.code}`;
      const bidders = affected.length
        ? await trx.selectFrom("users").where("organisation_id", "in", affected.map((p) => p.vendor_id)).where("role", "=", "vendor_member").select("id").execute()
        : [];
      for (const u of bidders) {
        await notifyUser(trx, u.id, (t, lang) => ({
          kind: "proposal.reconfirm",
          title: t("amend.notice.reconfirmTitle", { code: s.code ?? "", number }),
          body: noticeBody(t, lang, changes, input.reason, deadlineMoved ? deadline : null, "amend.notice.reconfirmLead"),
          link: `${link}/proposal`,
        }));
      }
      const told = new Set(bidders.map((u) => u.id));
      const followers = await trx.selectFrom("scenario_follows").where("scenario_id", "=", id).select("user_id").execute();
      for (const f of followers) {
        if (told.has(f.user_id)) continue;
        await notifyUser(trx, f.user_id, (t, lang) => ({
          kind: "scenario.amended",
          title: t("amend.notice.title", { code: s.code ?? "", number }),
          body: noticeBody(t, lang, changes, input.reason, deadlineMoved ? deadline : null, "amend.notice.lead"),
          link,
        }));
      }
      await audit(trx, {
        actorUserId: owner.userId, action: "scenario.amend", subjectType: "scenario", subjectId: id,
        before: { version: s.version, proposalDeadline: s.proposal_deadline },
        after: { version: s.version + 1, amendment: number, fields: changes.map((c) => c.field), material, proposalDeadline: deadline, reconfirm: affected.length },
        ip: owner.ip,
      });
      return { ok: true as const, number, material, deadlineMoved, reconfirm: affected.length };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.problem };
    throw error;
  }
  requestSearchSync();
  return result;
}

function noticeBody(
  t: Translate, lang: Lang, changes: AmendmentChange[], reason: string, newDeadline: string | null,
  lead: "amend.notice.lead" | "amend.notice.reconfirmLead",
) {
  const fields = listJoin(changes.map((c) => t(FIELD_LABELS[c.field as ScenarioField] ?? "demand.field.title")), lang);
  return [
    t(lead),
    t("amend.notice.fields", { fields }),
    t("amend.notice.reason", { reason }),
    newDeadline ? t("amend.notice.deadline", { deadline: formatDateTime(newDeadline, lang) }) : "",
  ].filter(Boolean).join("\n");
}

/** A scenario's amendments, newest first, as the public page shows them. */
export async function listAmendments(db: DB, scenarioId: number): Promise<PublicAmendment[]> {
  const rows = await db.selectFrom("scenario_amendments").where("scenario_id", "=", scenarioId)
    .select(["number", "reason", "material", "changes_json", "deadline_before", "deadline_after", "created_at"])
    .orderBy("number", "desc").execute();
  return rows.map((r) => ({
    number: r.number, reason: r.reason, material: Boolean(r.material), changes: JSON.parse(r.changes_json) as AmendmentChange[],
    deadlineBefore: r.deadline_before, deadlineAfter: r.deadline_after, at: r.created_at,
  }));
}

import type { DB } from "~/db/db.server";
import type { NewScenario } from "~/db/schema";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { CAPABILITIES } from "~/domain/vocabulary";

// Small hand-made data for integration tests: what each test needs and nothing else.

let counter = 0;

export function validCreditCode(): string {
  counter++;
  const first17 = `91320106${String(counter).padStart(8, "0")}X`;
  return first17 + creditCodeCheckCharacter(first17);
}

export async function insertCapabilities(db: DB) {
  for (const c of CAPABILITIES) {
    await db.insertInto("capabilities").values({ slug: c.slug, name_zh: c.zh, name_en: c.en }).onConflict((o) => o.doNothing()).execute();
  }
}

export async function insertOrganisation(db: DB, name: string, kind: "demand" | "vendor" | "office" = "demand") {
  const row = await db
    .insertInto("organisations")
    .values({ kind, name, credit_code: validCreditCode(), district: "鼓楼区", verified: 1 })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertEdition(db: DB, year: number, batches: number) {
  const edition = await db.insertInto("editions").values({ year, title: `${year}年清单` }).returning("id").executeTakeFirstOrThrow();
  const batchIds: number[] = [];
  for (let ordinal = 1; ordinal <= batches; ordinal++) {
    const b = await db
      .insertInto("batches")
      .values({ edition_id: edition.id, ordinal, published_at: `${year}-0${ordinal + 2}-15T02:00:00.000Z` })
      .returning("id")
      .executeTakeFirstOrThrow();
    batchIds.push(b.id);
  }
  return { editionId: edition.id, batchIds };
}

let sequence = 0;

/** A published scenario (unless status says otherwise) with sensible defaults for every field. */
export async function insertScenario(
  db: DB,
  fields: Partial<NewScenario> & { organisation_id: number; edition_id: number },
  capabilitySlugs: string[] = [],
) {
  sequence++;
  const status = fields.status ?? "published";
  const isPublic = ["published", "matched", "piloting", "benchmark", "closed"].includes(status);
  const row = await db
    .insertInto("scenarios")
    .values({
      code: isPublic ? `NJ-2026-${String(sequence).padStart(4, "0")}` : null,
      title: `场景 ${sequence}`,
      description: "描述",
      domain: "livelihood",
      district: "鼓楼区",
      cooperation_mode: "joint_build",
      tier: "small_high_value",
      budget_wan: 100,
      contact_name: "王老师",
      status,
      published_at: isPublic ? `2026-03-${String(1 + (sequence % 27)).padStart(2, "0")}T02:00:00.000Z` : null,
      ...fields,
    })
    .returning(["id", "code"])
    .executeTakeFirstOrThrow();
  for (const slug of capabilitySlugs) {
    const cap = await db.selectFrom("capabilities").where("slug", "=", slug).select("id").executeTakeFirstOrThrow();
    await db.insertInto("scenario_capabilities").values({ scenario_id: row.id, capability_id: cap.id }).execute();
  }
  return row;
}

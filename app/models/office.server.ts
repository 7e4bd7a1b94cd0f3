import type { DB } from "~/db/db.server";

/** Who takes an office action, for the audit log. */
export interface OfficeActor {
  userId: number;
  ip?: string | null;
}

/** What waits where: the office's start page. */
export async function officeDashboard(db: DB) {
  const [byEdition, unverified, openCalls] = await Promise.all([
    db
      .selectFrom("scenarios as s")
      .innerJoin("editions as e", "e.id", "s.edition_id")
      .where("s.status", "in", ["submitted", "approved"])
      .groupBy(["e.year", "s.status"])
      .select((eb) => ["e.year", "s.status", eb.fn.countAll<number>().as("n")])
      .orderBy("e.year", "desc")
      .execute(),
    db
      .selectFrom("organisations")
      .where("verified", "=", 0)
      .where("kind", "!=", "office")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("editions as e")
      .where("e.call_status", "=", "open")
      .select(["e.id", "e.year", "e.title", "e.call_opens_at", "e.call_closes_at"])
      .orderBy("e.year", "desc")
      .execute(),
  ]);
  const years = [...new Set(byEdition.map((r) => r.year))];
  const perEdition = years.map((year) => ({
    year,
    submitted: byEdition.find((r) => r.year === year && r.status === "submitted")?.n ?? 0,
    approved: byEdition.find((r) => r.year === year && r.status === "approved")?.n ?? 0,
  }));
  return {
    submitted: perEdition.reduce((sum, e) => sum + e.submitted, 0),
    approved: perEdition.reduce((sum, e) => sum + e.approved, 0),
    unverifiedOrganisations: unverified.n,
    openCalls,
    perEdition,
  };
}

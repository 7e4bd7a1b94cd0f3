import type { DB } from "~/db/db.server";
import { applicationsWithPair } from "./benchmark-query.server";
import { conflictReasons, type ConflictPair, type ConflictReason, type ConflictTie } from "~/domain/reviewer-conflicts";

// The facts behind reviewer exclusion (回避), gathered from the database for one application; the
// decision is app/domain/reviewer-conflicts.ts. Every tie counts whenever it happened: a proposal
// submitted after the assignment is as much a tie as one submitted before.

/** The pair behind an application: its vendor and the scenario's demand organisation. */
export async function applicationPair(db: DB, applicationId: number): Promise<ConflictPair | null> {
  const row = await applicationsWithPair(db)
    .where("a.id", "=", applicationId)
    .select(["v.id as vendor_id", "v.name as vendor_name", "d.id as demand_id", "d.name as demand_name"])
    .executeTakeFirst();
  return row ? { vendor: { id: row.vendor_id, name: row.vendor_name }, demand: { id: row.demand_id, name: row.demand_name } } : null;
}

export interface ReviewerWithConflicts {
  id: number;
  name: string;
  email: string;
  reasons: ConflictReason[];
}

/**
 * Every reviewer-role user (or only those given) with the reasons they are excluded from this
 * application; an empty list of reasons means eligible. Pass the transaction when deciding inside one.
 */
export async function reviewersWithConflicts(db: DB, applicationId: number, only?: readonly number[]): Promise<ReviewerWithConflicts[]> {
  const pair = await applicationPair(db, applicationId);
  if (!pair) return [];
  if (only && only.length === 0) return [];
  const orgs = [pair.vendor.id, pair.demand.id];

  let reviewerQuery = db.selectFrom("users").where("role", "=", "reviewer").select(["id", "name", "email", "organisation_id"]).orderBy("id");
  if (only) reviewerQuery = reviewerQuery.where("id", "in", [...only]);
  const reviewers = await reviewerQuery.execute();
  if (reviewers.length === 0) return [];

  const scenarioName = (code: string | null, title: string) => code ?? title;
  const [proposals, pilotWork, applications, declared] = await Promise.all([
    db
      .selectFrom("proposals as p")
      .innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .innerJoin("users as u", "u.id", "p.submitted_by")
      .where("u.role", "=", "reviewer")
      .where((eb) => eb.or([eb("p.vendor_id", "in", orgs), eb("s.organisation_id", "in", orgs)]))
      .select(["u.id as user_id", "p.vendor_id", "s.organisation_id", "s.code", "s.title"])
      .execute(),
    db
      .selectFrom(
        db
          .selectFrom("pilot_updates")
          .select(["author_id as user_id", "pilot_id"])
          .union(db.selectFrom("pilot_milestones").select(["created_by as user_id", "pilot_id"]))
          .union(
            db
              .selectFrom("pilot_kpi_measurements as m")
              .innerJoin("pilot_kpis as k", "k.id", "m.kpi_id")
              .select(["m.recorded_by as user_id", "k.pilot_id"]),
          )
          .as("w"),
      )
      .innerJoin("users as u", "u.id", "w.user_id")
      .innerJoin("pilots as p", "p.id", "w.pilot_id")
      .innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .where("u.role", "=", "reviewer")
      .where((eb) => eb.or([eb("p.vendor_id", "in", orgs), eb("s.organisation_id", "in", orgs)]))
      .select(["u.id as user_id", "p.vendor_id", "s.organisation_id", "s.code", "s.title"])
      .execute(),
    db
      .selectFrom("benchmark_applications as a")
      .innerJoin("pilots as p", "p.id", "a.pilot_id")
      .innerJoin("scenarios as s", "s.id", "p.scenario_id")
      .innerJoin("users as u", "u.id", "a.submitted_by")
      .where("u.role", "=", "reviewer")
      .where((eb) => eb.or([eb("p.vendor_id", "in", orgs), eb("s.organisation_id", "in", orgs)]))
      .select(["u.id as user_id", "p.vendor_id", "s.organisation_id", "s.code", "s.title"])
      .execute(),
    db
      .selectFrom("benchmark_reviews")
      .where("application_id", "=", applicationId)
      .where("conflict_declared_at", "is not", null)
      .select(["reviewer_id", "conflict_reason"])
      .execute(),
  ]);

  const ties = new Map<number, ConflictTie[]>();
  const collect = (kind: ConflictTie["kind"], rows: { user_id: number; vendor_id: number; organisation_id: number; code: string | null; title: string }[]) => {
    for (const r of rows) {
      const list = ties.get(r.user_id) ?? [];
      list.push({ kind, organisationIds: [r.vendor_id, r.organisation_id], scenario: scenarioName(r.code, r.title) });
      ties.set(r.user_id, list);
    }
  };
  collect("proposal", proposals);
  collect("pilot", pilotWork);
  collect("application", applications);
  const declaredBy = new Map(declared.map((d) => [d.reviewer_id, d.conflict_reason ?? ""]));

  return reviewers.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    reasons: conflictReasons(pair, { organisationId: r.organisation_id, ties: ties.get(r.id) ?? [], declaredReason: declaredBy.get(r.id) ?? null }),
  }));
}

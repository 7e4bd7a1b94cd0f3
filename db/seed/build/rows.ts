// From the plan to table rows, in foreign-key order. Every column is given explicitly (ids and
// timestamps too): defaults such as now() would make two runs differ.
import type { Database } from "~/db/schema";
import { CAPABILITIES } from "~/domain/vocabulary";
import type { Rows } from "../insert";
import { iso } from "../time";
import { OFFICE } from "./organisations";
import type { FollowPlan, QuestionPlan } from "./questions";
import type { ReplicationPlan } from "./replications";
import { TARGETS } from "./reference";
import type { ApplicationPlan, DemandOrg, EditionPlan, IncentivePlan, PilotPlan, ProposalPlan, ScenarioPlan, Staff, Vendor } from "./world";

export interface Plan {
  editions: EditionPlan[];
  officeCreditCode: string;
  demand: DemandOrg[];
  vendors: Vendor[];
  staff: Staff;
  scenarios: ScenarioPlan[];
  proposals: ProposalPlan[];
  pilots: PilotPlan[];
  applications: ApplicationPlan[];
  incentives: IncentivePlan[];
  questions: QuestionPlan[];
  follows: FollowPlan[];
  replications: ReplicationPlan[];
}

export type TableRows = { [T in keyof Database]: readonly [T, Rows<T>] }[keyof Database];

const isoOrNull = (t: number | null) => (t === null ? null : iso(t));

export function toRows(plan: Plan): TableRows[] {
  const officeCreated = iso(plan.staff.users[0]!.createdAt - 86_400_000);
  const organisations: Rows<"organisations"> = [
    { id: OFFICE.id, kind: "office", name: OFFICE.name, credit_code: plan.officeCreditCode, district: OFFICE.district, verified: 1, summary: OFFICE.summary, website: null, created_at: officeCreated, updated_at: officeCreated, profile_updated_at: null },
    ...plan.demand.map((o) => ({
      id: o.id, kind: "demand" as const, name: o.name, credit_code: o.creditCode, district: o.district, verified: o.verified ? 1 : 0,
      summary: o.summary, website: null, created_at: iso(o.createdAt), updated_at: iso(o.createdAt), profile_updated_at: null,
    })),
    ...plan.vendors.map((v) => ({
      id: v.id, kind: "vendor" as const, name: v.name, credit_code: v.creditCode, district: v.district, verified: v.verified ? 1 : 0,
      summary: v.summary, website: v.website, created_at: iso(v.createdAt), updated_at: iso(v.profileUpdatedAt), profile_updated_at: iso(v.profileUpdatedAt),
    })),
  ];

  const history: { s: ScenarioPlan; i: number }[] = plan.scenarios.flatMap((s) => s.timeline.steps.map((_, i) => ({ s, i })));
  history.sort((a, b) => a.s.timeline.steps[a.i]!.at - b.s.timeline.steps[b.i]!.at || a.s.id - b.s.id || a.i - b.i);
  let productId = 0;
  let resourceId = 0;
  let kpiId = 0;
  let reviewId = 0;
  let caseId = 0;
  const replicatedFrom = new Map(plan.replications.map((r) => [r.scenario.id, r.application.id]));

  return [
    ["organisations", organisations],
    ["users", plan.staff.users.map((u) => ({ id: u.id, organisation_id: u.organisationId, email: u.email, name: u.name, role: u.role, password_hash: null, created_at: iso(u.createdAt) }))],
    ["editions", plan.editions.map((e) => ({
      id: e.id, year: e.year, title: `南京市${e.year}年人工智能场景机会清单`, call_status: e.callStatus, call_opens_at: iso(e.callOpens),
      call_closes_at: iso(e.callCloses), incentive_budget_wan: e.budget, created_at: iso(e.callOpens - 14 * 86_400_000),
    }))],
    ["batches", plan.editions.flatMap((e) => e.batches.map((b) => ({ id: b.id, edition_id: e.id, ordinal: b.ordinal, published_at: iso(b.publishedAt) })))],
    ["capabilities", CAPABILITIES.map((c, i) => ({ id: i + 1, slug: c.slug, name_zh: c.zh, name_en: c.en }))],
    ["capability_synonyms", CAPABILITIES.flatMap((c, i) => [...new Set(c.synonyms)].map((term) => ({ capability_id: i + 1, term })))],
    ["vendor_capabilities", plan.vendors.flatMap((v) => v.capabilityIds.map((c) => ({ organisation_id: v.id, capability_id: c })))],
    ["products", plan.vendors.flatMap((v) => v.products.map((p) => ({
      id: ++productId, organisation_id: v.id, kind: p.kind, name: p.name, description: p.description, filing_number: p.filingNumber, created_at: iso(p.createdAt),
    })))],
    ["vendor_served", plan.vendors.flatMap((v) => [
      ...v.served.domains.map((value) => ({ organisation_id: v.id, facet: "domain" as const, value })),
      ...v.served.venues.map((value) => ({ organisation_id: v.id, facet: "venue_type" as const, value })),
      ...v.served.districts.map((value) => ({ organisation_id: v.id, facet: "district" as const, value })),
    ])],
    ["reference_cases", plan.vendors.flatMap((v) => v.cases.map((c) => ({
      id: ++caseId, organisation_id: v.id, client: c.client, scenario: c.scenario, result: c.result, year: c.year, created_at: iso(c.createdAt),
    })))],
    ["scenarios", plan.scenarios.map((s) => ({
      id: s.id, code: s.code, edition_id: s.edition.id, batch_id: s.batch?.id ?? null, organisation_id: s.org.id, title: s.title,
      description: s.description, requirements: s.requirements, acceptance_criteria: s.acceptance, domain: s.domain, venue_type: s.venue,
      district: s.district, cooperation_mode: s.mode, tier: s.tier, budget_wan: s.budget, period_start: s.periodStart, period_end: s.periodEnd,
      site_access: s.site, contact_name: s.contactName, contact_phone: s.contactPhone, contact_email: s.contactEmail, status: s.status,
      proposal_deadline: s.batch ? isoOrNull(s.timeline.deadline) : null, published_at: isoOrNull(s.timeline.publishedAt), created_by: s.org.userId,
      created_at: iso(s.timeline.steps[0]!.at), updated_at: iso(s.timeline.steps[s.timeline.steps.length - 1]!.at),
      replicated_from: replicatedFrom.get(s.id) ?? null,
    }))],
    ["scenario_capabilities", plan.scenarios.flatMap((s) => s.capabilityIds.map((c) => ({ scenario_id: s.id, capability_id: c })))],
    ["scenario_data_resources", plan.scenarios.flatMap((s) => s.data.map((d) => ({
      id: ++resourceId, scenario_id: s.id, kind: d.kind, volume: d.volume, labelled: d.labelled ? 1 : 0, sensitivity: d.sensitivity,
    })))],
    ["scenario_status_history", history.map(({ s, i }, k) => {
      const step = s.timeline.steps[i]!;
      return { id: k + 1, scenario_id: s.id, from_status: step.from, to_status: step.to, actor_user_id: s.stepActors[i]!, reason: step.reason, created_at: iso(step.at) };
    })],
    ["proposals", plan.proposals.map((p) => ({
      id: p.id, scenario_id: p.scenario.id, vendor_id: p.vendor.id, status: p.status, approach: p.approach, team: p.team, price_wan: p.price,
      timeline: p.timeline, needs_reconfirmation: 0, submitted_by: p.submittedBy ?? null, submitted_at: isoOrNull(p.submittedAt), decided_at: isoOrNull(p.decidedAt),
      decision_reason: p.decisionReason, created_at: iso(p.createdAt), updated_at: iso(p.decidedAt ?? p.submittedAt ?? p.createdAt),
    }))],
    ["pilots", plan.pilots.map((p) => ({
      id: p.id, scenario_id: p.scenario.id, proposal_id: p.proposal.id, vendor_id: p.vendor.id, status: p.status,
      started_at: iso(p.startedAt), ended_at: isoOrNull(p.endedAt), summary: p.summary,
    }))],
    ["pilot_kpis", plan.pilots.flatMap((p) => p.kpis.map((k) => ({
      id: ++kpiId, pilot_id: p.id, name: k.name, unit: k.unit, baseline: k.baseline, target: k.target, measured: k.measured, higher_is_better: k.higherIsBetter ? 1 : 0,
    })))],
    ["incentives", [...plan.incentives].sort((a, b) => a.grantedAt - b.grantedAt || a.pilot.id - b.pilot.id).map((x, i) => ({
      id: i + 1, edition_id: x.pilot.scenario.edition.id, pilot_id: x.pilot.id, kind: x.kind, amount_wan: x.amount, redeemed_wan: x.redeemed, granted_at: iso(x.grantedAt),
    }))],
    ["benchmark_applications", plan.applications.map((a) => ({
      id: a.id, pilot_id: a.pilot.id, scenario_id: a.pilot.scenario.id, status: a.status, narrative: a.narrative, mean_score: a.meanScore,
      notice_starts_at: isoOrNull(a.noticeStartsAt), notice_ends_at: isoOrNull(a.noticeEndsAt), certified_at: isoOrNull(a.certifiedAt),
      benchmark_number: a.number, created_at: iso(a.createdAt),
    }))],
    // The office assigned the reviewers the day after the application came in, before any sheet was submitted.
    ["benchmark_reviews", plan.applications.flatMap((a) => a.reviews.map((r) => ({
      id: ++reviewId, application_id: a.id, reviewer_id: r.reviewerId, scores_json: r.scores ? JSON.stringify(r.scores) : null,
      total: r.total, submitted_at: isoOrNull(r.submittedAt), assigned_by: plan.staff.adminId, assigned_at: iso(a.createdAt + 86_400_000),
      updated_at: isoOrNull(r.submittedAt),
    })))],
    ["benchmark_objections", plan.applications.flatMap((a) => a.objections.map((o) => ({ a, o }))).map(({ a, o }, i) => ({
      id: i + 1, application_id: a.id, user_id: null, name: o.name, contact: o.contact, reason: o.reason, status: o.status, resolution: o.resolution,
      resolved_by: o.resolvedAt === null ? null : plan.staff.adminId, resolved_at: isoOrNull(o.resolvedAt), created_at: iso(o.createdAt),
    }))],
    ["targets", TARGETS.map((t) => ({ ...t }))],
    ["scenario_questions", plan.questions.map((q) => ({
      id: q.id, scenario_id: q.scenario.id, asked_by: q.askedBy, question: q.question, answer: q.answer,
      answered_by: q.answer === null ? null : q.scenario.org.userId, answered_at: isoOrNull(q.answeredAt), created_at: iso(q.askedAt),
    }))],
    ["scenario_follows", plan.follows.map((f) => ({ user_id: f.userId, scenario_id: f.scenario.id, created_at: iso(f.at) }))],
  ];
}

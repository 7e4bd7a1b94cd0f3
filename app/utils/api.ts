import type { PublicScenario } from "~/models/scenario-detail.server";
import type { ScenarioCard } from "~/models/scenario.server";

// The JSON shapes of the open API: camelCase, codes for vocabulary values, ISO times.

export function toApiScenario(s: ScenarioCard) {
  return {
    code: s.code,
    title: s.title,
    organisation: s.organisation,
    domain: s.domain,
    district: s.district,
    venueType: s.venueType,
    cooperationMode: s.cooperationMode,
    tier: s.tier,
    status: s.status,
    budgetWan: s.budgetWan,
    edition: s.editionYear,
    batch: s.batchOrdinal,
    publishedAt: s.publishedAt,
    proposalDeadline: s.proposalDeadline,
    capabilities: s.capabilities.map((c) => c.zh),
    url: `/scenarios/${s.code}`,
  };
}

export function toApiScenarioDetail({ scenario: s, capabilities, dataResources, timeline, proposalCount, related }: PublicScenario) {
  return {
    code: s.code,
    title: s.title,
    organisation: s.organisation,
    description: s.description,
    requirements: s.requirements,
    acceptanceCriteria: s.acceptance_criteria,
    domain: s.domain,
    venueType: s.venue_type,
    district: s.district,
    cooperationMode: s.cooperation_mode,
    tier: s.tier,
    status: s.status,
    budgetWan: s.budget_wan,
    period: { start: s.period_start, end: s.period_end },
    siteAccess: s.site_access,
    contact: { name: s.contact_name, phone: s.contact_phone, email: s.contact_email },
    edition: s.year,
    batch: s.ordinal,
    publishedAt: s.published_at,
    proposalDeadline: s.proposal_deadline,
    updatedAt: s.updated_at,
    capabilities: capabilities.map((c) => ({ slug: c.slug, name: c.name_zh, nameEn: c.name_en })),
    dataResources: dataResources.map((d) => ({ ...d, labelled: Boolean(d.labelled) })),
    proposalCount,
    timeline: timeline.map((e) => ({ from: e.from, to: e.to, at: e.at, reason: e.reason })),
    related: related.map((r) => r.code),
  };
}

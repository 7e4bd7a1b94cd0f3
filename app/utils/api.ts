import type { PublicBenchmark } from "~/models/public-benchmarks.server";
import type { VendorProfile } from "~/models/public-vendors.server";
import type { ScenarioRecord } from "~/models/scenario-records.server";
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
    phase: s.phase,
    budgetWan: s.budgetWan,
    edition: s.editionYear,
    batch: s.batchOrdinal,
    publishedAt: s.publishedAt,
    proposalDeadline: s.proposalDeadline,
    capabilities: s.capabilities.map((c) => c.zh),
    url: `/scenarios/${s.code}`,
  };
}

export function toApiScenarioRecord(r: ScenarioRecord) {
  return {
    code: r.code,
    title: r.title,
    organisation: r.organisation.name,
    description: r.description,
    requirements: r.requirements,
    acceptanceCriteria: r.acceptanceCriteria,
    domain: r.domain,
    venueType: r.venueType,
    district: r.district,
    cooperationMode: r.cooperationMode,
    tier: r.tier,
    status: r.status,
    phase: r.phase,
    budgetWan: r.budgetWan,
    period: { start: r.periodStart, end: r.periodEnd },
    siteAccess: r.siteAccess,
    contact: r.contact,
    edition: r.edition.year,
    batch: r.batchOrdinal,
    publishedAt: r.publishedAt,
    proposalDeadline: r.proposalDeadline,
    updatedAt: r.updatedAt,
    capabilities: r.capabilities.map((c) => ({ slug: c.slug, name: c.zh, nameEn: c.en })),
    dataResources: r.dataResources,
    proposalCount: r.proposalCount,
    timeline: r.timeline,
    amendments: r.amendments.map((a) => ({ number: a.number, reason: a.reason, at: a.at, fields: a.fields })),
    award: r.award && { vendor: { id: r.award.vendor.id, name: r.award.vendor.name }, decidedAt: r.award.decidedAt },
    pilot: r.pilot,
    benchmark: r.benchmark,
    url: `/scenarios/${r.code}`,
  };
}

export function toApiVendor(v: VendorProfile) {
  return {
    id: v.id,
    name: v.name,
    creditCode: v.creditCode,
    district: v.district,
    summary: v.summary,
    website: v.website,
    profileUpdatedAt: v.profileUpdatedAt,
    capabilities: v.capabilities.map((c) => ({ slug: c.slug, name: c.zh, nameEn: c.en })),
    serves: v.serves,
    products: v.products,
    referenceCases: v.referenceCases,
    url: `/api/v1/vendors/${v.id}`,
  };
}

export function toApiBenchmark(b: PublicBenchmark) {
  return {
    number: b.number,
    certifiedAt: b.certifiedAt,
    meanScore: b.meanScore,
    notice: b.notice,
    scenario: { ...b.scenario, url: `/scenarios/${b.scenario.code}` },
    organisation: b.organisation.name,
    vendor: b.vendor,
    narrative: b.narrative,
    kpis: b.kpis,
    replications: {
      count: b.replications.count,
      scenarios: b.replications.scenarios.map((s) => ({ ...s, url: `/scenarios/${s.code}` })),
    },
    url: `/api/v1/benchmarks/${b.number}`,
  };
}

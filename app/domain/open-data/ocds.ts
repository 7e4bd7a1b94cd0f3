// Each published scenario as an Open Contracting Data Standard 1.1 release. The mapping, what is
// left out and why, is documented in docs/ocds-mapping.md; keep the two in step.
//
// One release per scenario, describing its current state (the latest stage it reached), rather than
// the whole history of releases; the scenario's own timeline stays in /api/v1/scenarios.
import type { Labeler, ScenarioRecord } from "./scenario-record";

/**
 * Placeholder prefix: a real one is registered with the OCDS Data Support Team
 * (data@open-contracting.org) before the data is announced as OCDS.
 */
export const OCID_PREFIX = "ocds-njai";
export const OCDS_VERSION = "1.1";
export const OCDS_PUBLISHER = "南京市人工智能（软件）产业攻坚推进办公室";
export const OCDS_LICENSE = "https://creativecommons.org/licenses/by/4.0/";
/** 统一社会信用代码 (GB 32100-2015); to be confirmed against org-id.guide before registration. */
export const ORG_ID_SCHEME = "CN-USCC";


export const ocid = (code: string) => `${OCID_PREFIX}-${code}`;

type Stage = { tender: string; tags: string[]; award: boolean; contract: "active" | "terminated" | null };

/** Our lifecycle → OCDS tender/contract status and the release tags of the latest event. */
export function stageOf(r: Pick<ScenarioRecord, "status" | "phase" | "award" | "pilot" | "amendments"> & { archive?: boolean }): Stage {
  const contract = r.award && r.pilot ? (r.pilot.status === "active" ? "active" : "terminated") : null;
  // A scenario of an archived list (a past one, or another city's) is never an open call: its call
  // ran its course elsewhere, so the tender is complete.
  if (r.archive && (r.status === "published" || r.status === "closed")) return { tender: "complete", tags: ["tender"], award: false, contract: null };
  switch (r.status) {
    case "published":
      // Past its deadline the call takes no more proposals but the tender is still being decided:
      // still `active`, with the award period begun (app/domain/public-phase.ts).
      if (r.phase === "awaiting_selection") return { tender: "active", tags: ["tenderUpdate"], award: false, contract: null };
      return { tender: "active", tags: r.amendments.length ? ["planning", "tender", "tenderAmendment"] : ["planning", "tender"], award: false, contract: null };
    case "matched":
      return { tender: "complete", tags: ["award"], award: Boolean(r.award), contract: null };
    case "piloting":
      return { tender: "complete", tags: ["contract", "implementation"], award: Boolean(r.award), contract };
    case "benchmark":
      return { tender: "complete", tags: ["implementation", "contractTermination"], award: Boolean(r.award), contract };
    default:
      // closed: without a selected vendor the call was unsuccessful; after a pilot, the pilot ended.
      return r.award
        ? { tender: "complete", tags: ["contractTermination"], award: true, contract: contract && "terminated" }
        : { tender: "unsuccessful", tags: ["tenderUpdate"], award: false, contract: null };
  }
}

/** Any stored time as an RFC 3339 date-time; a plain date is the start (or end) of that day in Beijing. */
export function ocdsTime(value: string, endOfDay = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${endOfDay ? "23:59:59" : "00:00:00"}+08:00`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The time of the latest thing the release reports: its date, and part of its id. */
export function releaseDate(r: ScenarioRecord): string {
  // The deadline passing is itself an event of a call awaiting selection.
  const times = [r.updatedAt, r.phase === "awaiting_selection" ? r.proposalDeadline : null, r.publishedAt, ...r.timeline.map((t) => t.at), ...r.amendments.map((a) => a.at), r.award?.decidedAt,
    r.pilot?.startedAt, r.pilot?.endedAt, r.benchmark?.certifiedAt];
  const ms = times.flatMap((t) => (t ? [new Date(t).getTime()] : [])).filter((t) => !Number.isNaN(t));
  return new Date(Math.max(...ms)).toISOString();
}

const cny = (wan: number) => ({ amount: Math.round(wan * 10000), currency: "CNY" });

/** A party's id: its credit code where known; else one of ours (an imported organisation without a code). */
function party(org: { id: number; name: string; creditCode: string }) {
  return { id: org.creditCode ? `${ORG_ID_SCHEME}-${org.creditCode}` : `${OCID_PREFIX}-org-${org.id}`, name: org.name };
}

/** The identifier block only for a real code: a missing code is left out, never a placeholder. */
const identifier = (org: { name: string; creditCode: string }) =>
  org.creditCode ? { identifier: { scheme: ORG_ID_SCHEME, id: org.creditCode, legalName: org.name } } : {};

/** `label` gives the Chinese name of a vocabulary code: releases are in Chinese (`language: "zh"`). */
export function scenarioRelease(r: ScenarioRecord, { baseUrl, label }: { baseUrl: string; label: Labeler }) {
  const stage = stageOf(r);
  const date = releaseDate(r);
  const buyer = party(r.organisation);
  const awardId = `${r.code}-award-1`;
  const supplier = r.award ? party(r.award.vendor) : null;

  const parties: Record<string, unknown>[] = [{
    ...buyer,
    ...identifier(r.organisation),
    // Only a district we know is an address: an archive's organisation from another city has none.
    ...(r.organisation.district ? { address: { locality: "南京市", region: "江苏省", countryName: "中国", streetAddress: r.organisation.district } } : {}),
    contactPoint: {
      name: r.contact.name,
      ...(r.contact.phone ? { telephone: r.contact.phone } : {}),
      ...(r.contact.email ? { email: r.contact.email } : {}),
    },
    roles: ["buyer", "procuringEntity"],
  }];
  if (r.award && supplier) {
    parties.push({ ...supplier, ...identifier(r.award.vendor), roles: ["supplier"] });
  }

  const tenderPeriod = r.publishedAt || r.proposalDeadline
    ? { ...(r.publishedAt ? { startDate: ocdsTime(r.publishedAt) } : {}), ...(r.proposalDeadline ? { endDate: ocdsTime(r.proposalDeadline) } : {}) }
    : null;
  const contractPeriod = r.periodStart || r.periodEnd
    ? { ...(r.periodStart ? { startDate: ocdsTime(r.periodStart) } : {}), ...(r.periodEnd ? { endDate: ocdsTime(r.periodEnd, true) } : {}) }
    : null;

  const release: Record<string, unknown> = {
    ocid: ocid(r.code),
    id: `${r.code}-${r.phase === "awaiting_selection" ? r.phase : r.status}-${date.replace(/[-:.]/g, "")}`,
    date,
    tag: stage.tags,
    initiationType: "tender",
    language: "zh",
    parties,
    buyer,
    ...(r.budgetWan !== null
      ? { planning: { budget: { id: `${r.code}-budget`, description: "需求单位预算", amount: cny(r.budgetWan) } } }
      : {}),
    tender: {
      id: r.code,
      title: r.title,
      description: r.description,
      status: stage.tender,
      procuringEntity: buyer,
      items: [{
        id: "1",
        description: r.requirements || r.title,
        classification: { scheme: "X-NJAI-DOMAIN", id: r.domain, description: label("domain", r.domain) },
        ...(r.capabilities.length
          ? { additionalClassifications: r.capabilities.map((c) => ({ scheme: "X-NJAI-CAPABILITY", id: c.slug, description: c.zh })) }
          : {}),
      }],
      ...(r.budgetWan !== null ? { value: cny(r.budgetWan) } : {}),
      procurementMethod: "open",
      procurementMethodDetails: `人工智能场景机会清单公开揭榜（合作需求：${label("mode", r.cooperationMode)}）`,
      mainProcurementCategory: r.cooperationMode === "equipment" ? "goods" : "services",
      submissionMethod: ["electronicSubmission"],
      ...(tenderPeriod ? { tenderPeriod, enquiryPeriod: tenderPeriod } : {}),
      ...(r.phase === "awaiting_selection" && r.proposalDeadline ? { awardPeriod: { startDate: ocdsTime(r.proposalDeadline) } } : {}),
      ...(contractPeriod ? { contractPeriod } : {}),
      numberOfTenderers: r.proposalCount,
      documents: [{
        id: `${r.code}-notice`,
        documentType: "tenderNotice",
        title: r.title,
        url: `${baseUrl}/scenarios/${r.code}`,
        format: "text/html",
        language: "zh",
        ...(r.publishedAt ? { datePublished: ocdsTime(r.publishedAt) } : {}),
      }],
      ...(r.amendments.length
        ? {
            amendments: r.amendments.map((a) => ({
              id: String(a.number),
              date: ocdsTime(a.at),
              rationale: a.reason,
              ...(a.fields.length ? { description: `变更字段：${a.fields.join("、")}` } : {}),
            })),
          }
        : {}),
    },
  };

  if (stage.award && r.award && supplier) {
    release.awards = [{
      id: awardId,
      title: `${r.title}（揭榜结果）`,
      status: "active",
      ...(r.award.decidedAt ? { date: ocdsTime(r.award.decidedAt) } : {}),
      suppliers: [supplier],
    }];
  }
  if (stage.contract && r.pilot) {
    const milestones: Record<string, unknown>[] = [
      { id: "pilot-start", title: "先行先试启动", type: "engagement", status: "met", dateMet: ocdsTime(r.pilot.startedAt) },
    ];
    if (r.benchmark) {
      milestones.push({
        id: "benchmark", title: `认定为标杆应用场景（${r.benchmark.number}）`, type: "assessment", code: r.benchmark.number,
        status: "met", dateMet: ocdsTime(r.benchmark.certifiedAt),
      });
    }
    release.contracts = [{
      id: `${r.code}-pilot-1`,
      awardID: awardId,
      title: `${r.title}（先行先试）`,
      status: stage.contract,
      period: { startDate: ocdsTime(r.pilot.startedAt), ...(r.pilot.endedAt ? { endDate: ocdsTime(r.pilot.endedAt) } : {}) },
      dateSigned: ocdsTime(r.pilot.startedAt),
      implementation: { milestones },
    }];
  }
  return release;
}

export function releasePackage(
  releases: Record<string, unknown>[],
  { uri, baseUrl, next }: { uri: string; baseUrl: string; next?: string | null },
) {
  const dates = releases.map((r) => String(r.date)).sort();
  return {
    uri,
    version: OCDS_VERSION,
    // Generated on demand: the date of the latest change to what it contains.
    publishedDate: dates.at(-1) ?? new Date(0).toISOString(),
    publisher: { name: OCDS_PUBLISHER, uri: baseUrl },
    license: OCDS_LICENSE,
    publicationPolicy: `${baseUrl}/open-data`,
    releases,
    ...(next ? { links: { next } } : {}),
  };
}

import type { SourceFields } from "../import/source-fields";
import type { PublicPhase } from "../public-phase";
import type { ScenarioStatus } from "../scenario-lifecycle";

/**
 * The whole public record of one scenario: what the open data feed, the OCDS releases, the
 * CSV/Excel export and the printed notice are made from (loaded by
 * app/models/scenario-records.server.ts).
 */
export interface ScenarioRecord {
  id: number;
  code: string;
  title: string;
  description: string;
  requirements: string;
  acceptanceCriteria: string;
  domain: string;
  venueType: string | null;
  district: string;
  cooperationMode: string;
  tier: string;
  status: ScenarioStatus;
  /** What a person sees at the time the record was loaded (app/domain/public-phase.ts). */
  phase: PublicPhase;
  budgetWan: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  siteAccess: string;
  contact: { name: string; phone: string; email: string };
  /** `creditCode` is "" where only an import's placeholder is known: never published as an identifier. */
  organisation: { id: number; name: string; creditCode: string; district: string };
  edition: { year: number; title: string };
  batchOrdinal: number | null;
  publishedAt: string | null;
  proposalDeadline: string | null;
  updatedAt: string;
  capabilities: { slug: string; zh: string; en: string }[];
  dataResources: { kind: string; volume: string; labelled: boolean; sensitivity: string }[];
  /** Proposals submitted (a count is public; their contents are sealed). */
  proposalCount: number;
  timeline: { from: ScenarioStatus | null; to: ScenarioStatus; at: string; reason: string | null }[];
  amendments: { number: number; reason: string; at: string; fields: string[]; deadlineBefore: string | null; deadlineAfter: string | null }[];
  /** The selected vendor, once the demand side has chosen. */
  award: { vendor: { id: number; name: string; creditCode: string }; decidedAt: string | null } | null;
  pilot: { status: "active" | "completed" | "ended"; startedAt: string; endedAt: string | null } | null;
  benchmark: { number: string; certifiedAt: string; meanScore: number | null } | null;
  /** From a past list or another city's (an archive edition): past, never open. */
  archive: boolean;
  /** What the source list printed with no column of ours (app/domain/import/source-fields.ts). */
  source: SourceFields | null;
}

export type LabelKind = "domain" | "venue" | "mode" | "tier" | "status" | "phase" | "district";
/** The name of a vocabulary code in the output's language. */
export type Labeler = (kind: LabelKind, value: string) => string;

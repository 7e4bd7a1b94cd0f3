import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ProposalStatus } from "~/domain/proposals";
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import type {
  CooperationMode,
  DataSensitivity,
  Domain,
  OrganisationKind,
  ProductKind,
  Tier,
  VenueType,
} from "~/domain/vocabulary";

/** A column the database fills in on insert (timestamps). */
type DefaultedText = ColumnType<string, string | undefined, string>;
type Bool = ColumnType<number, number | boolean | undefined, number | boolean>;

export interface OrganisationTable {
  id: Generated<number>;
  kind: OrganisationKind;
  name: string;
  credit_code: string;
  district: string;
  verified: Bool;
  summary: ColumnType<string, string | undefined, string>;
  website: string | null;
  created_at: DefaultedText;
  updated_at: DefaultedText;
  profile_updated_at: string | null;
  /** SHA-256 of the imported file that created it; null otherwise. */
  imported_from: ColumnType<string | null, string | null | undefined, string | null>;
}

export type UserRole = "demand_member" | "vendor_member" | "reviewer" | "admin";
export interface UserTable {
  id: Generated<number>;
  organisation_id: number | null;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string | null;
  is_org_admin: Bool;
  created_at: DefaultedText;
  lang: ColumnType<"zh" | "en", "zh" | "en" | undefined, "zh" | "en">;
  notify_mode: ColumnType<NotifyMode, NotifyMode | undefined, NotifyMode>;
}

export type NotifyMode = "immediate" | "daily";

export interface EditionTable {
  id: Generated<number>;
  year: number;
  title: string;
  call_status: ColumnType<"not_open" | "open" | "closed", "not_open" | "open" | "closed" | undefined>;
  call_opens_at: string | null;
  call_closes_at: string | null;
  incentive_budget_wan: ColumnType<number, number | undefined, number>;
  /** The benchmark rubric as JSON (see app/domain/rubric.ts); null = the default rubric. */
  rubric_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** The mean score that proposes a benchmark. */
  pass_mark: ColumnType<number, number | undefined, number>;
  /** Length of the public notice (公示) in days. */
  notice_days: ColumnType<number, number | undefined, number>;
  created_at: DefaultedText;
  /** 1: a past list or another city's, kept for reference; its scenarios are past, never open. */
  archive: Bool;
}

export interface BatchTable {
  id: Generated<number>;
  edition_id: number;
  ordinal: number;
  published_at: string | null;
}

export interface CapabilityTable {
  id: Generated<number>;
  slug: string;
  name_zh: string;
  name_en: string;
}

export interface CapabilitySynonymTable {
  capability_id: number;
  term: string;
}

export interface ScenarioTable {
  id: Generated<number>;
  code: string | null;
  edition_id: number;
  batch_id: number | null;
  organisation_id: number;
  title: string;
  description: string;
  requirements: ColumnType<string, string | undefined, string>;
  acceptance_criteria: ColumnType<string, string | undefined, string>;
  domain: Domain;
  venue_type: VenueType | null;
  district: string;
  cooperation_mode: CooperationMode;
  tier: Tier;
  budget_wan: number | null;
  period_start: string | null;
  period_end: string | null;
  site_access: ColumnType<string, string | undefined, string>;
  contact_name: string;
  contact_phone: ColumnType<string, string | undefined, string>;
  contact_email: ColumnType<string, string | undefined, string>;
  status: ColumnType<ScenarioStatus, ScenarioStatus | undefined, ScenarioStatus>;
  proposal_deadline: string | null;
  published_at: string | null;
  created_by: number | null;
  created_at: DefaultedText;
  updated_at: DefaultedText;
  version: ColumnType<number, number | undefined, number>;
  submission_key: string | null;
  /** Set on scenarios that came from an imported list: see app/domain/import/source-key.ts. */
  source_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** The certified benchmark application this scenario was started from ("replicate this"). */
  replicated_from: ColumnType<number | null, number | null | undefined, number | null>;
  /** What an imported list printed with no column of ours (app/domain/import/source-fields.ts), JSON. */
  source_json: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrganisationIndustryTable {
  organisation_id: number;
  industry: string;
  source: "declared" | "inferred";
}

export interface ImportHeldRowTable {
  id: Generated<number>;
  kind: "scenarios" | "vendors";
  file_name: string;
  sha256: string;
  row_number: number;
  headers_json: string;
  cells_json: string;
  settings_json: string;
  errors_json: string;
  created_by: number | null;
  created_at: DefaultedText;
  resolved_at: string | null;
  resolution: "imported" | "dismissed" | null;
}

export interface ScenarioCapabilityTable {
  scenario_id: number;
  capability_id: number;
}

export interface ScenarioDataResourceTable {
  id: Generated<number>;
  scenario_id: number;
  kind: string;
  volume: string;
  labelled: Bool;
  sensitivity: DataSensitivity;
}

export interface ScenarioAttachmentTable {
  id: Generated<number>;
  scenario_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  storage_key: string;
  created_at: DefaultedText;
}

export interface ScenarioStatusHistoryTable {
  id: Generated<number>;
  scenario_id: number;
  from_status: ScenarioStatus | null;
  to_status: ScenarioStatus;
  actor_user_id: number | null;
  reason: string | null;
  created_at: DefaultedText;
}

export interface VendorCapabilityTable {
  organisation_id: number;
  capability_id: number;
}

export interface ProductTable {
  id: Generated<number>;
  organisation_id: number;
  kind: ProductKind;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  filing_number: string | null;
  created_at: DefaultedText;
}

export interface ProposalTable {
  id: Generated<number>;
  scenario_id: number;
  vendor_id: number;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  approach: ColumnType<string, string | undefined, string>;
  team: ColumnType<string, string | undefined, string>;
  price_wan: number | null;
  timeline: ColumnType<string, string | undefined, string>;
  needs_reconfirmation: Bool;
  confirmed_amendment: ColumnType<number, number | undefined, number>;
  version: ColumnType<number, number | undefined, number>;
  submitted_by: number | null;
  submitted_at: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: DefaultedText;
  updated_at: DefaultedText;
}

export type PilotStatus = "active" | "completed" | "ended";
export interface PilotTable {
  id: Generated<number>;
  scenario_id: number;
  proposal_id: number | null;
  vendor_id: number;
  status: ColumnType<PilotStatus, PilotStatus | undefined, PilotStatus>;
  started_at: string;
  ended_at: string | null;
  summary: ColumnType<string, string | undefined, string>;
}

export interface PilotKpiTable {
  id: Generated<number>;
  pilot_id: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  measured: number | null;
  higher_is_better: Bool;
}

export interface IncentiveTable {
  id: Generated<number>;
  edition_id: number;
  pilot_id: number;
  kind: "compute_voucher" | "subsidy";
  amount_wan: number;
  redeemed_wan: ColumnType<number, number | undefined, number>;
  granted_at: string;
}

export interface PilotMilestoneTable {
  id: Generated<number>;
  pilot_id: number;
  title: string;
  due_on: string;
  done_at: string | null;
  created_by: number | null;
  created_at: DefaultedText;
}

export interface PilotKpiMeasurementTable {
  id: Generated<number>;
  kpi_id: number;
  value: number;
  measured_on: string;
  note: ColumnType<string, string | undefined, string>;
  recorded_by: number | null;
  created_at: DefaultedText;
}

export interface PilotUpdateTable {
  id: Generated<number>;
  pilot_id: number;
  body: string;
  author_id: number | null;
  created_at: DefaultedText;
}

export interface IncentiveRedemptionTable {
  id: Generated<number>;
  incentive_id: number;
  amount_wan: number;
  note: ColumnType<string, string | undefined, string>;
  redeemed_at: DefaultedText;
}

export type BenchmarkApplicationStatus = "submitted" | "in_review" | "notice" | "certified" | "rejected";
export interface BenchmarkApplicationTable {
  id: Generated<number>;
  pilot_id: number;
  scenario_id: number;
  status: ColumnType<BenchmarkApplicationStatus, BenchmarkApplicationStatus | undefined>;
  narrative: ColumnType<string, string | undefined, string>;
  mean_score: number | null;
  notice_starts_at: string | null;
  notice_ends_at: string | null;
  certified_at: string | null;
  benchmark_number: string | null;
  created_at: DefaultedText;
  /** The rubric and pass mark copied from the edition when the application was submitted. */
  rubric_json: ColumnType<string | null, string | null | undefined, string | null>;
  pass_mark: ColumnType<number | null, number | null | undefined, number | null>;
  submitted_by: ColumnType<number | null, number | null | undefined, number | null>;
  review_closed_at: ColumnType<string | null, string | null | undefined, string | null>;
  decision_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BenchmarkReviewTable {
  id: Generated<number>;
  application_id: number;
  reviewer_id: number;
  scores_json: string | null;
  total: number | null;
  submitted_at: string | null;
  assigned_by: ColumnType<number | null, number | null | undefined, number | null>;
  assigned_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** {"impact": "…", …}: criterion → the reviewer's comment. */
  comments_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when the reviewer declared a conflict: the sheet then does not count. */
  conflict_declared_at: ColumnType<string | null, string | null | undefined, string | null>;
  conflict_reason: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PilotEvidenceTable {
  id: Generated<number>;
  pilot_id: number;
  kpi_id: number | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  note: ColumnType<string, string | undefined, string>;
  uploaded_by: number | null;
  created_at: DefaultedText;
}

export type ObjectionStatus = "open" | "upheld" | "rejected";
export interface BenchmarkObjectionTable {
  id: Generated<number>;
  application_id: number;
  user_id: number | null;
  name: string;
  contact: string;
  reason: string;
  status: ColumnType<ObjectionStatus, ObjectionStatus | undefined, ObjectionStatus>;
  resolution: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
  created_at: DefaultedText;
}

export interface TargetTable {
  key: string;
  goal: number;
  deadline: string;
}

export interface ScenarioFtsTable {
  rowid: number;
  title: string;
  capabilities: string;
  organisation: string;
  body: string;
}

export interface VendorFtsTable {
  rowid: number;
  name: string;
  capabilities: string;
  products: string;
  body: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: DefaultedText;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  succeeded: Bool;
  created_at: DefaultedText;
}

/** One counted action (question, objection, sign-up, saved search) under `action:user:<id>` or `action:ip:<address>`. */
export interface RateLimitHitTable {
  id: Generated<number>;
  key: string;
  created_at: DefaultedText;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
  created_at: DefaultedText;
}

export interface InvitationTable {
  token_hash: string;
  organisation_id: number;
  email: string;
  invited_by: number;
  expires_at: string;
  accepted_at: string | null;
  created_at: DefaultedText;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultedText;
  sent_at: string | null;
  last_error: string | null;
  created_at: DefaultedText;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  link: string | null;
  read_at: string | null;
  /** 0 while the notification waits for its recipient's daily digest. */
  emailed: Bool;
  created_at: DefaultedText;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: number | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  created_at: DefaultedText;
}

export interface ScenarioReviewCommentTable {
  id: Generated<number>;
  scenario_id: number;
  history_id: number;
  field: string;
  comment: string;
}

export interface VendorServedTable {
  organisation_id: number;
  facet: "domain" | "venue_type" | "district";
  value: string;
}

export interface ReferenceCaseTable {
  id: Generated<number>;
  organisation_id: number;
  client: string;
  scenario: string;
  result: string;
  year: number | null;
  created_at: DefaultedText;
}

export interface ScenarioAmendmentTable {
  id: Generated<number>;
  scenario_id: number;
  number: number;
  reason: string;
  /** JSON: `AmendmentChange[]` from app/domain/amendments.ts. */
  changes_json: string;
  material: Bool;
  deadline_before: string | null;
  deadline_after: string | null;
  actor_user_id: number | null;
  created_at: DefaultedText;
}

export interface ScenarioQuestionTable {
  id: Generated<number>;
  scenario_id: number;
  asked_by: number;
  question: string;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  created_at: DefaultedText;
}

export interface ScenarioFollowTable {
  user_id: number;
  scenario_id: number;
  created_at: DefaultedText;
}

export interface ProposalProductTable {
  proposal_id: number;
  product_id: number;
}

export interface ProposalCaseTable {
  proposal_id: number;
  case_id: number;
}

export interface ProposalAttachmentTable {
  id: Generated<number>;
  proposal_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: DefaultedText;
}

export type SavedSearchFrequency = "immediate" | "daily" | "weekly";
export interface SavedSearchTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  frequency: SavedSearchFrequency;
  feed_token: string;
  created_at: DefaultedText;
  last_alerted_at: string | null;
  last_viewed_at: string | null;
}

export interface SavedSearchSeenTable {
  saved_search_id: number;
  scenario_id: number;
  alerted_at: DefaultedText;
}

export interface ImportUploadTable {
  token: string;
  user_id: number;
  file_name: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: DefaultedText;
}

/** The open data change feed, kept by triggers (db/migrations/2026-11-29T1200-change-feed.ts). */
export interface PublicChangeTable {
  seq: Generated<number>;
  entity: PublicEntity;
  entity_id: number;
  /** Scenario code, vendor id or benchmark number: what the API names the entity by. */
  public_key: string | null;
  op: "upsert" | "delete";
  changed_at: string;
}

export type PublicEntity = "scenario" | "vendor" | "benchmark";

export type SearchEntity = "scenario" | "vendor";
export interface SearchOutboxTable {
  id: Generated<number>;
  entity: SearchEntity;
  entity_id: number;
  op: string;
  created_at: DefaultedText;
  attempts: ColumnType<number, number | undefined, number>;
  /** Null: due now. */
  next_attempt_at: string | null;
  leased_until: string | null;
  lease_owner: string | null;
  last_error: string | null;
  last_error_at: string | null;
  done_at: string | null;
}

export interface SearchReindexTable {
  id: Generated<number>;
  entity: SearchEntity;
  engine: string;
  started_at: string;
  finished_at: string | null;
  documents: number | null;
  settled_rows: number | null;
  error: string | null;
}

export interface Database {
  saved_searches: SavedSearchTable;
  saved_search_seen: SavedSearchSeenTable;
  import_uploads: ImportUploadTable;
  search_outbox: SearchOutboxTable;
  search_reindex: SearchReindexTable;
  vendor_served: VendorServedTable;
  reference_cases: ReferenceCaseTable;
  scenario_amendments: ScenarioAmendmentTable;
  scenario_questions: ScenarioQuestionTable;
  scenario_follows: ScenarioFollowTable;
  proposal_products: ProposalProductTable;
  proposal_cases: ProposalCaseTable;
  proposal_attachments: ProposalAttachmentTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  rate_limit_hits: RateLimitHitTable;
  password_resets: PasswordResetTable;
  invitations: InvitationTable;
  email_outbox: EmailOutboxTable;
  notifications: NotificationTable;
  audit_log: AuditLogTable;
  scenario_review_comments: ScenarioReviewCommentTable;
  organisations: OrganisationTable;
  users: UserTable;
  editions: EditionTable;
  batches: BatchTable;
  capabilities: CapabilityTable;
  capability_synonyms: CapabilitySynonymTable;
  scenarios: ScenarioTable;
  organisation_industries: OrganisationIndustryTable;
  import_held_rows: ImportHeldRowTable;
  scenario_capabilities: ScenarioCapabilityTable;
  scenario_data_resources: ScenarioDataResourceTable;
  scenario_attachments: ScenarioAttachmentTable;
  scenario_status_history: ScenarioStatusHistoryTable;
  vendor_capabilities: VendorCapabilityTable;
  products: ProductTable;
  proposals: ProposalTable;
  pilots: PilotTable;
  pilot_kpis: PilotKpiTable;
  incentives: IncentiveTable;
  pilot_milestones: PilotMilestoneTable;
  pilot_kpi_measurements: PilotKpiMeasurementTable;
  pilot_updates: PilotUpdateTable;
  incentive_redemptions: IncentiveRedemptionTable;
  benchmark_applications: BenchmarkApplicationTable;
  benchmark_reviews: BenchmarkReviewTable;
  benchmark_objections: BenchmarkObjectionTable;
  pilot_evidence: PilotEvidenceTable;
  targets: TargetTable;
  public_changes: PublicChangeTable;
  scenario_fts: ScenarioFtsTable;
  vendor_fts: VendorFtsTable;
  match_features: MatchFeaturesTable;
}

export type User = Selectable<UserTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Scenario = Selectable<ScenarioTable>;
export type NewScenario = Insertable<ScenarioTable>;
export type ScenarioUpdate = Updateable<ScenarioTable>;
export type Edition = Selectable<EditionTable>;
export type Batch = Selectable<BatchTable>;
export type Product = Selectable<ProductTable>;
export type StatusHistoryEntry = Selectable<ScenarioStatusHistoryTable>;
export type DataResource = Selectable<ScenarioDataResourceTable>;
export type SavedSearch = Selectable<SavedSearchTable>;

/** Matching's precomputed features per public scenario and verified vendor (app/matching/features.server.ts). */
export interface MatchFeaturesTable {
  subject: "scenario" | "vendor";
  subject_id: number;
  terms_json: ColumnType<string, string | undefined, string>;
  parts_json: ColumnType<string, string | undefined, string>;
  has_text: Bool;
  inferred_capabilities: ColumnType<string, string | undefined, string>;
  inferred_industries: ColumnType<string, string | undefined, string>;
  updated_at: DefaultedText;
}

// The in-memory plan of the demo world. Builders fill it in dependency order; rows are written
// from it at the end, so that ids can be assigned after sorting by time.
import type { ScenarioStatus } from "~/domain/scenario-lifecycle";
import type { CooperationMode, DataSensitivity, District, Domain, ProductKind, Tier, VenueType } from "~/domain/vocabulary";
import type { PilotStatus, BenchmarkApplicationStatus } from "~/db/schema";
import type { ProposalStatus } from "~/domain/proposals";
import type { Kpi, ScenarioTemplate, Sector } from "../content";

export interface EditionPlan {
  id: number;
  year: number;
  callStatus: "open" | "closed";
  callOpens: number;
  callCloses: number;
  budget: number;
  batches: BatchPlan[];
}

export interface BatchPlan {
  id: number;
  edition: EditionPlan;
  ordinal: number;
  publishedAt: number;
}

export interface DemandOrg {
  id: number;
  sector: Sector;
  name: string;
  kind: string | undefined;
  obj: string;
  district: District;
  verified: boolean;
  famous: boolean;
  /** How often it posts scenarios, relative to others in its sector. */
  activity: number;
  creditCode: string;
  summary: string;
  userId: number;
  createdAt: number;
}

export interface ProductPlan {
  kind: ProductKind;
  /** The field (医疗, 政务 …) for models and agents, the capability slug for terminals. */
  topic: string;
  name: string;
  description: string;
  createdAt: number;
  filingNumber: string | null;
}

export interface CasePlan {
  client: string;
  scenario: string;
  result: string;
  year: number;
  createdAt: number;
}

export interface Vendor {
  id: number;
  name: string;
  pinyin: string;
  district: District;
  verified: boolean;
  weight: number;
  capabilityIds: number[];
  fields: string[];
  products: ProductPlan[];
  /** Domains, venue types and districts served: filled in by planVendorProfiles. */
  served: { domains: Domain[]; venues: VenueType[]; districts: District[] };
  cases: CasePlan[];
  profileUpdatedAt: number;
  website: string | null;
  summary: string;
  creditCode: string;
  userId: number;
  createdAt: number;
}

export type ActorKind = "owner" | "reviewer" | "admin";

export interface Step {
  from: ScenarioStatus | null;
  to: ScenarioStatus;
  at: number;
  actor: ActorKind;
  reason: string | null;
}

export interface Timeline {
  steps: Step[];
  publishedAt: number | null;
  deadline: number | null;
  matchedAt: number | null;
  pilotStart: number | null;
  closedAt: number | null;
  certifiedAt: number | null;
}

export interface DataResourcePlan {
  kind: string;
  volume: string;
  labelled: boolean;
  sensitivity: DataSensitivity;
}

export interface ScenarioPlan {
  id: number;
  edition: EditionPlan;
  batch: BatchPlan | null;
  status: ScenarioStatus;
  closedAfterPilot: boolean;
  org: DemandOrg;
  template: ScenarioTemplate;
  timeline: Timeline;
  code: string | null;
  title: string;
  description: string;
  requirements: string;
  acceptance: string;
  domain: Domain;
  venue: VenueType | null;
  district: District;
  mode: CooperationMode;
  tier: Tier;
  budget: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  site: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  capabilityIds: number[];
  kpis: readonly Kpi[];
  data: DataResourcePlan[];
  /** Resolved user per step, in step order. */
  stepActors: number[];
}

export interface ProposalPlan {
  id: number;
  scenario: ScenarioPlan;
  vendor: Vendor;
  status: ProposalStatus;
  createdAt: number;
  submittedAt: number | null;
  decidedAt: number | null;
  decisionReason: string | null;
  price: number | null;
  approach: string;
  team: string;
  timeline: string;
  /** Set where the demo needs a reviewer who once wrote a proposal for a vendor (a conflict of interest to show). */
  submittedBy?: number;
}

export interface KpiPlan {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  measured: number | null;
  higherIsBetter: boolean;
}

export interface PilotPlan {
  id: number;
  scenario: ScenarioPlan;
  proposal: ProposalPlan;
  vendor: Vendor;
  status: PilotStatus;
  startedAt: number;
  endedAt: number | null;
  summary: string;
  /** Has measured KPI values: completed, ended, or under benchmark review. */
  measured: boolean;
  kpis: KpiPlan[];
}

export interface IncentivePlan {
  pilot: PilotPlan;
  kind: "compute_voucher" | "subsidy";
  amount: number;
  redeemed: number;
  grantedAt: number;
}

export interface ReviewPlan {
  reviewerId: number;
  scores: Record<string, number> | null;
  total: number | null;
  submittedAt: number | null;
}

export interface ApplicationPlan {
  id: number;
  pilot: PilotPlan;
  status: BenchmarkApplicationStatus;
  createdAt: number;
  noticeStartsAt: number | null;
  noticeEndsAt: number | null;
  certifiedAt: number | null;
  number: string | null;
  meanScore: number | null;
  narrative: string;
  reviews: ReviewPlan[];
  objections: ObjectionPlan[];
}

export interface ObjectionPlan {
  name: string;
  contact: string;
  reason: string;
  status: "open" | "upheld" | "rejected";
  resolution: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface Staff {
  adminId: number;
  reviewerIds: number[];
  users: { id: number; organisationId: number | null; email: string; name: string; role: "admin" | "reviewer" | "demand_member" | "vendor_member"; createdAt: number }[];
}

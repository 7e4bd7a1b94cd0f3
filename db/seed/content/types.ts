// The shape of the content library: one Sector per kind of demand-side organisation, each with
// its organisation names and the scenarios such an organisation would post.
import type { CooperationMode, DataSensitivity, District, Domain, Tier, VenueType } from "~/domain/vocabulary";
import type { CreditKind } from "../names";
import type { Rng } from "../random";

/** name, unit, baseline, target, higher is better (default true). */
export type Kpi = readonly [name: string, unit: string, baseline: number, target: number, higherIsBetter?: boolean];

export interface ScenarioTemplate {
  /** May contain {org} (the organisation's name) and {obj} (its place, product line or site). */
  title: string;
  domain: Domain;
  /** Capability slugs, most relevant first: a scenario takes the first one to four. */
  caps: readonly string[];
  /** 现状与痛点. */
  pain: string;
  /** 建设目标. */
  goal: string;
  kpis: readonly Kpi[];
  /** Only organisations of these kinds post it (a 社区卫生服务中心 has no operating theatre). */
  only?: readonly string[];
  tier?: Tier;
  mode?: CooperationMode;
  /** Where the pilot starts, when the sector's generic pilot areas would not fit. */
  area?: string;
}

export interface OrgSeed {
  name: string;
  /** A sub-kind the templates can filter on (major/community hospital, steel/auto factory …). */
  kind?: string;
  /** What titles call the site: 夫子庙景区, 汽车零部件, 新街口商圈 … */
  obj?: string;
  credit?: CreditKind;
}

export interface FamousOrg extends OrgSeed {
  district: District;
}

/** kind, volume pattern with {n}, n range, share labelled, sensitivity. */
export type DataTemplate = readonly [kind: string, volume: string, min: number, max: number, labelled: number, sensitivity: DataSensitivity];

export interface Sector {
  key: string;
  venue: VenueType | null;
  /** Share of all scenarios, in percent. */
  share: number;
  credit: CreditKind;
  /** Whether titles may start with the organisation's name (public bodies yes, companies no). */
  namedTitles: boolean;
  /** Whether titles may start with the organisation's site instead (德基广场…, 夫子庙景区…). */
  siteTitles?: boolean;
  famous: readonly FamousOrg[];
  /** A new organisation in `district`; duplicates are rejected by the caller, who asks again. */
  generate(rng: Rng, district: District): OrgSeed;
  /** One-sentence profile patterns with {name}, {district} and {obj}. */
  summaries: readonly string[];
  /** An opening sentence about the organisation's size: pattern with {n}, its range, and the org kinds it suits. */
  scale: readonly (readonly [string, number, number, (readonly string[])?])[];
  templates: readonly ScenarioTemplate[];
  data: readonly DataTemplate[];
  site: readonly string[];
  pilotAreas: readonly string[];
  contactTitles: readonly string[];
}

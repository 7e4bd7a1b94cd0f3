// Scenarios: a status cohort each, an organisation of a fitting sector, a template from that
// sector's library, and the texts a city official expects (描述, 技术需求, 验收标准 …).
import type { CooperationMode, Tier } from "~/domain/vocabulary";
import { SECTORS, type Kpi, type ScenarioTemplate, type Sector } from "../content";
import { APPROACH_BY_MODE, CAPABILITY_REQUIREMENTS, GENERIC_ACCEPTANCE, GENERIC_REQUIREMENTS } from "../content/capabilities";
import { DISTRICTS } from "~/domain/vocabulary";
import { contactName, phoneNumber } from "../names";
import { apportion, Sampler, type Rng } from "../random";
import { DAY, addMonths, shanghaiDate } from "../time";
import { COHORTS, planTimeline, type Cohort } from "./lifecycle";
import { capabilityId } from "./reference";
import type { DataResourcePlan, DemandOrg, EditionPlan, ScenarioPlan, Staff } from "./world";

/** Benchmarks at sports venues are kept below the goal of 5 so the dashboard shows a gap. */
const SPORTS_BENCHMARKS = 4;
const EXTRA_KPI: Kpi = ["一线人员使用满意度", "%", 70, 90];

export function planScenarios(rng: Rng, n: number, editions: EditionPlan[], orgs: DemandOrg[], staff: Staff): ScenarioPlan[] {
  const counts = apportion(n, COHORTS.map((c) => c.perMille));
  const cohorts: Cohort[] = COHORTS.flatMap((c, i) => Array.from({ length: counts[i]! }, () => c));

  // Sectors by exact quota, separately for benchmarks so that sports stays at its fixed number.
  const isBench = (c: Cohort) => c.status === "benchmark";
  const benchCount = cohorts.filter(isBench).length;
  const sportsBench = Math.min(SPORTS_BENCHMARKS, benchCount);
  const expand = (quota: number[]) => quota.flatMap((k, i) => Array.from({ length: k }, () => SECTORS[i]!));
  const benchSectors = rng.shuffle([
    ...expand(apportion(benchCount - sportsBench, SECTORS.map((s) => (s.key === "sports" ? 0 : s.share)))),
    ...Array.from({ length: sportsBench }, () => SECTORS.find((s) => s.key === "sports")!),
  ]);
  const otherSectors = rng.shuffle(expand(apportion(n - benchCount, SECTORS.map((s) => s.share))));

  const pools = new Map<string, { verified: Sampler<DemandOrg>; all: Sampler<DemandOrg> }>();
  for (const sector of SECTORS) {
    const mine = orgs.filter((o) => o.sector === sector);
    const verified = mine.filter((o) => o.verified);
    pools.set(sector.key, {
      verified: new Sampler(verified.length ? verified : mine, (o) => o.activity),
      all: new Sampler(mine, (o) => o.activity),
    });
  }
  const sportsVenues = orgs.filter((o) => o.sector.key === "sports" && o.famous).slice(0, 3);
  let sportsTurn = 0;

  const plans: ScenarioPlan[] = cohorts.map((cohort) => {
    const sector = isBench(cohort) ? benchSectors.pop()! : otherSectors.pop()!;
    const pool = pools.get(sector.key)!;
    const org =
      isBench(cohort) && sector.key === "sports" && sportsVenues.length
        ? sportsVenues[sportsTurn++ % sportsVenues.length]!
        : (cohort.status === "draft" ? pool.all : pool.verified).draw(rng);
    const edition = editions.find((e) => e.year === cohort.year)!;
    const batch = cohort.batch === null ? null : edition.batches[cohort.batch - 1]!;
    const timeline = planTimeline(rng, cohort, edition, batch);
    return compose(rng, { cohort, sector, org, edition, batch, timeline }, staff);
  });

  // Ids follow creation order, as they would have in a live system.
  plans.sort((a, b) => a.timeline.steps[0]!.at - b.timeline.steps[0]!.at);
  plans.forEach((p, i) => (p.id = i + 1));
  for (const edition of editions) {
    const published = plans.filter((p) => p.edition === edition && p.batch).sort((a, b) => a.batch!.ordinal - b.batch!.ordinal || a.id - b.id);
    published.forEach((p, i) => (p.code = `NJ-${edition.year}-${String(i + 1).padStart(4, "0")}`));
  }
  return plans;
}

/**
 * The same scenario slot (id, code, edition, batch, dated path) written anew for another
 * organisation, with a template from that organisation's sector: the demo uses it to give its
 * account a scenario in a cohort that a small world may not have handed it.
 */
export function recomposeFor(rng: Rng, scenario: ScenarioPlan, org: DemandOrg, staff: Staff): ScenarioPlan {
  const cohort = COHORTS.find((c) => c.year === scenario.edition.year && c.batch === (scenario.batch?.ordinal ?? null) && c.status === scenario.status);
  if (!cohort) throw new Error(`no cohort for scenario ${scenario.id}`);
  const plan = compose(rng, { cohort, sector: org.sector, org, edition: scenario.edition, batch: scenario.batch, timeline: scenario.timeline }, staff);
  return { ...plan, id: scenario.id, code: scenario.code };
}

interface Draft {
  cohort: Cohort;
  sector: Sector;
  org: DemandOrg;
  edition: EditionPlan;
  batch: ScenarioPlan["batch"];
  timeline: ScenarioPlan["timeline"];
}

function compose(rng: Rng, d: Draft, staff: Staff): ScenarioPlan {
  const { sector, org, timeline } = d;
  const fitting = sector.templates.filter((t) => !t.only || (org.kind !== undefined && t.only.includes(org.kind)));
  const template = rng.pick(fitting.length ? fitting : sector.templates);
  const capCount = Math.min(template.caps.length, rng.weighted([[1, 15], [2, 40], [3, 30], [4, 15]] as const));
  const caps = template.caps.slice(0, capCount);
  const kpis = template.kpis.length < 3 && rng.chance(0.4) ? [...template.kpis, EXTRA_KPI] : template.kpis;
  const mode: CooperationMode =
    template.mode ??
    rng.weighted<CooperationMode>([["joint_build", 30], ["solution_procurement", 30], ["equipment", 10], ["operation", 12], ["challenge", template.domain === "tech_innovation" ? 40 : 12]]);
  const tier: Tier = template.tier ?? rng.weighted<Tier>([["small_high_value", 45], ["integrated", 40], ["major", 15]]);
  const fill = (s: string) => s.replaceAll("{org}", org.name).replaceAll("{obj}", org.obj);

  const cityWide = sector.venue === null && rng.chance(0.5);
  const lastStep = timeline.steps[timeline.steps.length - 1]!;
  const periodStart = shanghaiDate((timeline.deadline ?? lastStep.at + 60 * DAY) + rng.int(15, 90) * DAY);
  const reviewer = rng.pick(staff.reviewerIds);

  return {
    id: 0,
    edition: d.edition,
    batch: d.batch,
    status: d.cohort.status,
    closedAfterPilot: d.cohort.afterPilot === true,
    org,
    template,
    timeline,
    code: null,
    title: title(rng, template, sector, org, fill),
    description: description(rng, template, sector, org.kind, mode, fill),
    requirements: numbered([...caps.map((c) => rng.pick(CAPABILITY_REQUIREMENTS[c]!)), ...rng.sample(GENERIC_REQUIREMENTS, rng.int(1, 2))]),
    acceptance: numbered([...kpis.map(kpiText), ...rng.sample(GENERIC_ACCEPTANCE, rng.int(1, 2))]),
    domain: template.domain,
    venue: sector.venue,
    district: cityWide ? rng.pick(DISTRICTS) : org.district,
    mode,
    tier,
    budget: budget(rng, tier),
    periodStart,
    periodEnd: addMonths(periodStart, rng.pick([6, 9, 12, 12, 18, 24])),
    site: rng.pick(sector.site) + (rng.chance(0.2) ? "现场已实现5G网络覆盖和千兆光纤接入。" : ""),
    contactName: contactName(rng, sector.contactTitles),
    contactPhone: phoneNumber(rng),
    contactEmail: `${rng.pick(["xxzx", "kjc", "xxk", "bgs", "szb", "ai"])}@org${org.id}.demo.local`,
    capabilityIds: caps.map(capabilityId),
    kpis,
    data: dataResources(rng, sector),
    stepActors: timeline.steps.map((s) => (s.actor === "owner" ? org.userId : s.actor === "admin" ? staff.adminId : reviewer)),
  };
}

function title(rng: Rng, t: ScenarioTemplate, sector: Sector, org: DemandOrg, fill: (s: string) => string): string {
  let text = fill(t.title);
  if (!t.title.includes("{") && rng.chance(0.3)) {
    if (sector.namedTitles) text = org.name + text;
    else if (sector.siteTitles && org.obj !== org.name) text = org.obj + text;
  }
  if (!/(场景|试点|平台|建设|体验|服务)$/.test(text) && rng.chance(0.3)) text += rng.pick(["应用场景", "场景", "试点应用"]);
  return text;
}

function description(rng: Rng, t: ScenarioTemplate, sector: Sector, kind: string | undefined, mode: CooperationMode, fill: (s: string) => string): string {
  let scale = "";
  const scales = sector.scale.filter(([, , , only]) => !only || (kind !== undefined && only.includes(kind)));
  if (scales.length && rng.chance(0.6)) {
    const [pattern, min, max] = rng.pick(scales);
    scale = fill(pattern.replace("{n}", String(rng.int(min, max))));
  }
  const lead = rng.pick(["", "希望", "本场景拟", "计划"]);
  const approach = APPROACH_BY_MODE[mode].replace("{area}", t.area ?? rng.pick(sector.pilotAreas));
  return `${scale}${fill(t.pain)}${lead}${fill(t.goal)}${approach}`;
}

export function kpiText([name, unit, baseline, target, higher = true]: Kpi): string {
  const now = baseline === 0 ? "" : `（现状${baseline}${unit}）`;
  return `${name}${higher ? "≥" : "≤"}${target}${unit}${now}`;
}

function numbered(items: string[]): string {
  return items.map((t, i) => `${i + 1}. ${t}`).join("；") + "。";
}

function budget(rng: Rng, tier: Tier): number | null {
  if (rng.chance(0.12)) return null; // 面议
  const [min, max] = tier === "major" ? [300, 3000] : tier === "integrated" ? [80, 800] : [20, 200];
  const v = rng.float(min, max);
  const step = v < 100 ? 5 : v < 1000 ? 10 : 50;
  return Math.round(v / step) * step;
}

function dataResources(rng: Rng, sector: Sector): DataResourcePlan[] {
  const count = rng.weighted([[0, 20], [1, 35], [2, 30], [3, 15]] as const);
  return rng.sample(sector.data, count).map(([kind, volume, min, max, labelled, sensitivity]) => ({
    kind,
    volume: volume.replace("{n}", String(rng.int(min, max))),
    labelled: rng.chance(labelled),
    sensitivity,
  }));
}

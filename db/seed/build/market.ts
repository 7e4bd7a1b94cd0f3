// The matching market after publication: vendors' proposals (one selected per matched scenario,
// from a vendor that shares a capability), pilots with KPIs, and incentives within budget.
import { CAPABILITIES } from "~/domain/vocabulary";
import { APPROACH_OPENINGS, DECLINE_REASONS, SELECT_REASONS, TIMELINES } from "../content/texts";
import { Sampler, type Rng } from "../random";
import { DAY, DEMO_TODAY, HOUR, MINUTE, officeTime } from "../time";
import { capabilityName } from "./reference";
import type { EditionPlan, IncentivePlan, KpiPlan, PilotPlan, ProposalPlan, ScenarioPlan, Vendor } from "./world";

const MATCHED = new Set(["matched", "piloting", "benchmark"]);

function between(rng: Rng, from: number, to: number): number {
  let t = from + Math.floor(rng.next() * Math.max(0, to - from));
  t -= t % MINUTE;
  const office = officeTime(rng, t);
  return office > from && office < to ? office : t;
}

export function planProposals(rng: Rng, scenarios: ScenarioPlan[], vendors: Vendor[]): ProposalPlan[] {
  const verified = vendors.filter((v) => v.verified);
  const anyVendor = new Sampler(verified, (v) => v.weight);
  const byCapability = new Map<number, Sampler<Vendor>>();
  for (let c = 1; c <= CAPABILITIES.length; c++) {
    byCapability.set(c, new Sampler(verified.filter((v) => v.capabilityIds.includes(c)), (v) => v.weight));
  }
  const fitting = (s: ScenarioPlan) => {
    const sampler = byCapability.get(rng.pick(s.capabilityIds));
    return sampler && sampler.size ? sampler.draw(rng) : anyVendor.draw(rng);
  };

  const proposals: ProposalPlan[] = [];
  for (const s of scenarios) {
    const t = s.timeline;
    if (t.publishedAt === null || t.deadline === null || s.status === "withdrawn") continue;
    const P = t.publishedAt;
    const open = s.status === "published" && t.deadline > DEMO_TODAY;
    const piloted = MATCHED.has(s.status) || s.closedAfterPilot;
    const count = piloted ? rng.int(1, 6) : s.status === "closed" ? rng.int(0, 3) : open ? rng.weighted([[0, 15], [1, 20], [2, 25], [3, 20], [4, 10], [5, 6], [6, 4]] as const) : rng.int(1, 5);
    const chosen = new Set<Vendor>();
    for (let i = 0; chosen.size < count && i < count * 8; i++) chosen.add(i === 0 || rng.chance(0.7) ? fitting(s) : anyVendor.draw(rng));

    [...chosen].forEach((vendor, i) => {
      const submitEnd = Math.min(t.deadline!, DEMO_TODAY - HOUR);
      let submittedAt: number | null = between(rng, P + 2 * DAY, submitEnd);
      let status: ProposalPlan["status"] = "submitted";
      let decidedAt: number | null = null;
      let reason: string | null = null;
      if (piloted) {
        status = i === 0 ? "selected" : "declined";
        decidedAt = t.matchedAt;
        reason = rng.pick(i === 0 ? SELECT_REASONS : DECLINE_REASONS);
      } else if (s.status === "closed") {
        status = "declined";
        decidedAt = t.closedAt;
        reason = rng.pick(DECLINE_REASONS);
      } else if (open) {
        const r = rng.next();
        if (r < 0.1) [status, submittedAt] = ["draft", null];
        else if (r < 0.15) status = "withdrawn";
      } else if (i < 2) {
        status = "shortlisted";
      }
      const createdAt = submittedAt === null ? between(rng, P + DAY, DEMO_TODAY - HOUR) : Math.max(P + HOUR, submittedAt - rng.int(0, 4) * DAY);
      proposals.push({
        id: 0,
        scenario: s,
        vendor,
        status,
        createdAt,
        submittedAt,
        decidedAt,
        decisionReason: reason,
        price: s.budget === null ? rng.int(6, 100) * 5 : Math.round((s.budget * rng.float(0.7, 1.02)) / 5) * 5 || 5,
        approach: approach(rng, vendor, s),
        team: `项目团队${rng.int(6, 30)}人，其中算法工程师${rng.int(2, 8)}人、实施工程师${rng.int(2, 8)}人，项目经理具有${rng.int(5, 15)}年以上同类项目经验。`,
        timeline: rng.pick(TIMELINES),
      });
    });
  }
  proposals.sort((a, b) => a.createdAt - b.createdAt || a.scenario.id - b.scenario.id);
  proposals.forEach((p, i) => (p.id = i + 1));
  return proposals;
}

// The vendor field (as product names use it) that a demand sector belongs to.
const FIELD_OF_SECTOR: Record<string, string> = {
  hospital: "医疗", school: "教育", elderly_care: "养老", sports: "体育", culture_tourism: "文旅", consumption: "商贸",
  factory: "工业", park: "园区", government: "政务", city: "城市治理", research: "科研", other: "交通",
};

export function approach(rng: Rng, vendor: Vendor, s: ScenarioPlan): string {
  const sharedIds = s.capabilityIds.filter((c) => vendor.capabilityIds.includes(c));
  const sharedSlugs = new Set(sharedIds.map((c) => CAPABILITIES[c - 1]!.slug));
  const relevant = vendor.products.filter((p) => p.topic === FIELD_OF_SECTOR[s.org.sector.key] || sharedSlugs.has(p.topic));
  const tech = (sharedIds.length ? sharedIds : vendor.capabilityIds.slice(0, 2)).map(capabilityName).join("、");
  const product = relevant.length ? `自研的${rng.pick(relevant).name}` : `自研${capabilityName(sharedIds[0] ?? vendor.capabilityIds[0]!)}算法平台`;
  return `基于${product}，综合运用${tech}技术，${rng.pick(APPROACH_OPENINGS)}；针对“${s.title}”的验收指标逐项给出实现路径和测试方法。`;
}

export function planPilots(rng: Rng, proposals: ProposalPlan[]): PilotPlan[] {
  const pilots: PilotPlan[] = [];
  for (const p of proposals) {
    if (p.status !== "selected") continue;
    const s = p.scenario;
    const t = s.timeline;
    const status = s.status === "benchmark" ? "completed" : s.status === "closed" ? "ended" : "active";
    const months = rng.int(4, 12);
    pilots.push({
      id: 0,
      scenario: s,
      proposal: p,
      vendor: p.vendor,
      status,
      // A matched scenario's pilot is opened at selection and starts running at 'piloting'.
      startedAt: t.pilotStart ?? t.matchedAt!,
      endedAt: status === "ended" ? t.closedAt : null,
      summary: `${p.vendor.name}在${s.org.name}开展“${s.title}”先行先试，计划周期${months}个月，按验收标准逐项跟踪指标。`,
      measured: status !== "active",
      kpis: [],
    });
  }
  pilots.sort((a, b) => a.startedAt - b.startedAt || a.scenario.id - b.scenario.id);
  pilots.forEach((p, i) => (p.id = i + 1));
  return pilots;
}

function roundLike(v: number): number {
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 1 : 2;
  return Number(v.toFixed(digits));
}

/** Baseline and target from the scenario's acceptance criteria; measured once there is evidence. */
export function planKpis(rng: Rng, pilots: PilotPlan[]): void {
  for (const pilot of pilots) {
    pilot.kpis = pilot.scenario.kpis.slice(0, 4).map(([name, unit, baseline, target, higher = true]): KpiPlan => {
      let measured: number | null = null;
      if (pilot.measured) {
        const span = target - baseline;
        const reached = pilot.status === "ended" ? rng.float(0.3, 0.8) : rng.float(1, higher ? 1.25 : 1.1);
        measured = roundLike(baseline + span * reached);
        // Rates cannot pass 100 % nor counts and durations drop below zero.
        if (unit === "%" && higher) measured = Math.min(measured, roundLike(target + (100 - target) * 0.6));
        if (measured < 0) measured = roundLike(target * 0.8);
      }
      return { name, unit, baseline, target, measured, higherIsBetter: higher };
    });
  }
}

/** Vouchers and subsidies in the order pilots start, until about 90 % of the edition's budget. */
export function planIncentives(rng: Rng, pilots: PilotPlan[], editions: EditionPlan[]): IncentivePlan[] {
  const spent = new Map<EditionPlan, number>(editions.map((e) => [e, 0]));
  const incentives: IncentivePlan[] = [];
  for (const pilot of pilots) {
    if (pilot.scenario.status === "matched") continue;
    const edition = pilot.scenario.edition;
    const grants: [IncentivePlan["kind"], number][] = [];
    if (rng.chance(0.45)) grants.push(["compute_voucher", rng.pick([10, 15, 20, 30, 40, 50, 60, 80])]);
    if (rng.chance(0.12)) grants.push(["subsidy", rng.pick([30, 50, 80, 100, 150])]);
    for (const [kind, amount] of grants) {
      if (spent.get(edition)! + amount > edition.budget * 0.9) continue;
      spent.set(edition, spent.get(edition)! + amount);
      const grantedAt = Math.min(officeTime(rng, pilot.startedAt + rng.int(7, 30) * DAY), DEMO_TODAY - DAY);
      const share = pilot.status === "active" ? rng.float(0, 0.7) : rng.pick([1, 1, 0.9, 0.8, 0.6]);
      incentives.push({ pilot, kind, amount, redeemed: Math.round(amount * share * 2) / 2, grantedAt });
    }
  }
  return incentives;
}

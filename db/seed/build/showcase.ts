// The demo's selection showcase: the demo hospital (demand@demo.local) has a published scenario
// whose deadline has passed, with proposals from several vendors — the demo vendor's
// (vendor@demo.local) among them — waiting for a decision. The 2026 first batch's deadlines are
// long past, so one of its undecided scenarios is used; in a world too small to have given the
// hospital one, a scenario of that cohort is rewritten as the hospital's.
import { TIMELINES } from "../content/texts";
import { Sampler, type Rng } from "../random";
import { DAY, DEMO_TODAY, HOUR, MINUTE, officeTime } from "../time";
import { approach } from "./market";
import { DEMO_DEMAND_ORG } from "./organisations";
import { recomposeFor } from "./scenarios";
import type { DemandOrg, ProposalPlan, ScenarioPlan, Staff, Vendor } from "./world";

/** At least this many bids from different vendors, so there is something to compare. */
const BIDDERS = 4;

const waiting = (s: ScenarioPlan) => s.status === "published" && s.timeline.deadline !== null && s.timeline.deadline < DEMO_TODAY;

export function stageSelection(rng: Rng, world: { demand: DemandOrg[]; vendors: Vendor[]; staff: Staff; scenarios: ScenarioPlan[]; proposals: ProposalPlan[] }): void {
  const { scenarios, proposals } = world;
  const org = world.demand.find((o) => o.name === DEMO_DEMAND_ORG);
  const demoVendor = world.vendors[0];
  if (!org || !demoVendor) return;

  let scenario = scenarios.find((s) => s.org === org && waiting(s));
  if (!scenario) {
    const slot = scenarios.filter(waiting).sort((a, b) => Number(b.org.sector === org.sector) - Number(a.org.sector === org.sector) || a.id - b.id)[0];
    if (!slot) return;
    scenario = recomposeFor(rng, slot, org, world.staff);
    scenarios[scenarios.indexOf(slot)] = scenario;
    // The old bids were written for the old text; new ones follow.
    for (let i = proposals.length - 1; i >= 0; i--) if (proposals[i]!.scenario === slot) proposals.splice(i, 1);
  }

  const target = scenario;
  const bidders = new Set(proposals.filter((p) => p.scenario === target).map((p) => p.vendor));
  const fitting = world.vendors.filter((v) => v.verified && !bidders.has(v) && v.capabilityIds.some((c) => target.capabilityIds.includes(c)));
  const pool = new Sampler(fitting.length ? fitting : world.vendors.filter((v) => v.verified && !bidders.has(v)), (v) => v.weight);
  const added: Vendor[] = bidders.has(demoVendor) ? [] : [demoVendor];
  for (let i = 0; bidders.size + added.length < BIDDERS && pool.size > 0 && i < 50; i++) {
    const v = pool.draw(rng);
    if (v !== demoVendor && !added.includes(v)) added.push(v);
  }
  for (const vendor of added) proposals.push(bid(rng, target, vendor));

  proposals.sort((a, b) => a.createdAt - b.createdAt || a.scenario.id - b.scenario.id);
  proposals.forEach((p, i) => (p.id = i + 1));
}

function bid(rng: Rng, s: ScenarioPlan, vendor: Vendor): ProposalPlan {
  const published = s.timeline.publishedAt!;
  const deadline = s.timeline.deadline!;
  const day = published + rng.int(3, Math.max(3, Math.floor((deadline - published) / DAY) - 1)) * DAY;
  const submittedAt = Math.min(officeTime(rng, day), deadline - HOUR);
  return {
    id: 0,
    scenario: s,
    vendor,
    status: "submitted",
    createdAt: Math.max(published + HOUR, submittedAt - rng.int(1, 4) * DAY - rng.int(0, 300) * MINUTE),
    submittedAt,
    decidedAt: null,
    decisionReason: null,
    price: s.budget === null ? rng.int(6, 100) * 5 : Math.round((s.budget * rng.float(0.7, 1.02)) / 5) * 5 || 5,
    approach: approach(rng, vendor, s),
    team: `项目团队${rng.int(6, 30)}人，其中算法工程师${rng.int(2, 8)}人、实施工程师${rng.int(2, 8)}人，项目经理具有${rng.int(5, 15)}年以上同类项目经验。`,
    timeline: rng.pick(TIMELINES),
  };
}

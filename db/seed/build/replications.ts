// Scenarios started from a certified benchmark ("replicate this", scenarios.replicated_from): a few
// drafts, one of the demo hospital's scenarios under way, and two that were published. Chosen
// without random draws, from what the world already holds, so adding them moves nothing else: each
// gets the latest benchmark of its domain (the same venue type if there is one) that another
// organisation had certified before the scenario was first drafted.
import { DAY } from "../time";
import { DEMO_DEMAND_ORG } from "./organisations";
import type { ApplicationPlan, ScenarioPlan } from "./world";

export interface ReplicationPlan {
  scenario: ScenarioPlan;
  application: ApplicationPlan;
}

const DRAFTS = 4;
const PUBLISHED = 2;
const UNDER_WAY = ["draft", "submitted", "returned", "approved"];

export function planReplications(scenarios: ScenarioPlan[], applications: ApplicationPlan[]): ReplicationPlan[] {
  const certified = applications.filter((a) => a.status === "certified" && a.certifiedAt !== null).sort((a, b) => b.certifiedAt! - a.certifiedAt! || b.id - a.id);
  const sourceFor = (s: ScenarioPlan): ApplicationPlan | undefined => {
    const drafted = s.timeline.steps[0]!.at;
    const earlier = certified.filter((a) => a.certifiedAt! < drafted - DAY && a.pilot.scenario.domain === s.domain && a.pilot.scenario.org !== s.org);
    return earlier.find((a) => a.pilot.scenario.venue === s.venue) ?? earlier[0];
  };
  const plans: ReplicationPlan[] = [];
  const take = (pool: ScenarioPlan[], n: number) => {
    for (const scenario of pool) {
      if (n <= 0) return;
      if (plans.some((p) => p.scenario === scenario)) continue;
      const application = sourceFor(scenario);
      if (!application) continue;
      plans.push({ scenario, application });
      n--;
    }
  };
  const byId = [...scenarios].sort((a, b) => a.id - b.id);
  take(byId.filter((s) => s.status === "draft"), DRAFTS);
  take(byId.filter((s) => s.org.name === DEMO_DEMAND_ORG && UNDER_WAY.includes(s.status)).reverse(), 1);
  // The most recently drafted published ones: most benchmarks to choose from by then.
  take(byId.filter((s) => s.status === "published").reverse(), PUBLISHED);
  return plans;
}

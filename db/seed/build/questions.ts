// Clarifications on published scenarios: vendors with a fitting capability ask, the organisation
// answers within days, and the newest questions are still waiting. Askers follow what they asked
// about, and a few more vendors follow open scenarios. The demo hospital always has an open
// scenario with a question waiting for it, and the demo vendor has asked on one.
import { GENERIC_QA, VENUE_QA, type QAPair } from "../content/questions";
import { Sampler, type Rng } from "../random";
import { DAY, DEMO_TODAY, HOUR, MINUTE, officeTime } from "../time";
import { DEMO_DEMAND_ORG } from "./organisations";
import type { ScenarioPlan, Vendor } from "./world";

export interface QuestionPlan {
  id: number;
  scenario: ScenarioPlan;
  askedBy: number;
  question: string;
  answer: string | null;
  askedAt: number;
  answeredAt: number | null;
}

export interface FollowPlan {
  userId: number;
  scenario: ScenarioPlan;
  at: number;
}

/** Between two instants, in office hours when the window allows, on a whole minute. */
function between(rng: Rng, from: number, to: number): number {
  const t = from + Math.floor(rng.next() * Math.max(0, to - from));
  const office = officeTime(rng, t);
  const chosen = office > from && office < to ? office : t;
  return chosen - (chosen % MINUTE);
}

export function planQuestions(rng: Rng, scenarios: ScenarioPlan[], vendors: Vendor[], demoVendorId: number) {
  const verified = vendors.filter((v) => v.verified);
  const anyVendor = new Sampler(verified, (v) => v.weight);
  const fitting = (s: ScenarioPlan) => {
    const capable = verified.filter((v) => v.capabilityIds.some((c) => s.capabilityIds.includes(c)));
    return capable.length && rng.chance(0.8) ? rng.pick(capable) : anyVendor.draw(rng);
  };
  const demoVendor = vendors.find((v) => v.id === demoVendorId);

  const questions: Omit<QuestionPlan, "id">[] = [];
  const follows = new Map<string, FollowPlan>();
  const follow = (userId: number, scenario: ScenarioPlan, at: number) => {
    const key = `${userId}:${scenario.id}`;
    if (!follows.has(key)) follows.set(key, { userId, scenario, at });
  };

  const isOpen = (s: ScenarioPlan) => s.status === "published" && s.timeline.deadline !== null && s.timeline.deadline > DEMO_TODAY;
  const isDemo = (s: ScenarioPlan) => s.org.name === DEMO_DEMAND_ORG;
  const candidates = scenarios.filter((s) => s.timeline.publishedAt !== null && s.timeline.deadline !== null && s.status !== "withdrawn" && s.edition.year === 2026);
  const demoOpen = candidates.filter((s) => isDemo(s) && isOpen(s));
  let demoVendorAsked = 0;

  for (const s of candidates) {
    const open = isOpen(s);
    if (!isDemo(s) && !rng.chance(open ? 0.4 : 0.15)) continue;
    const from = s.timeline.publishedAt! + DAY;
    const until = Math.min(s.timeline.deadline!, DEMO_TODAY - 2 * HOUR);
    if (until <= from) continue;
    // Questions about the kind of place (patient data at a hospital, line stops at a factory)
    // come up about as often as the general ones about budget, deployment and rights.
    const count = rng.weighted([[1, 45], [2, 35], [3, 20]] as const);
    const venue: readonly QAPair[] = (s.venue && VENUE_QA[s.venue]) || [];
    const specific = rng.int(0, Math.min(count, venue.length));
    const pairs = [...rng.sample(venue, specific), ...rng.sample(GENERIC_QA, count - specific)];
    const times = pairs.map(() => between(rng, from, until)).sort((a, b) => a - b);
    pairs.forEach(([question, answer], i) => {
      const askedAt = times[i]!;
      const asker = demoVendor && open && demoVendorAsked < 2 && rng.chance(0.05) ? (demoVendorAsked++, demoVendor) : fitting(s);
      // Most questions are answered within a few days; the last few days' may still be waiting.
      const replied = officeTime(rng, askedAt + rng.int(3 * 60, 4 * 24 * 60) * MINUTE);
      const answeredAt = replied > askedAt ? replied : askedAt + 3 * HOUR;
      const waiting = answeredAt >= DEMO_TODAY || (open && rng.chance(0.2));
      questions.push({ scenario: s, askedBy: asker.userId, question, answer: waiting ? null : answer, askedAt, answeredAt: waiting ? null : answeredAt });
      follow(asker.userId, s, askedAt);
    });
    if (open) for (let k = rng.int(0, 3); k > 0; k--) follow(anyVendor.draw(rng).userId, s, between(rng, s.timeline.publishedAt!, DEMO_TODAY - HOUR));
  }

  // The demo hospital's newest open scenario has a question it has not answered yet.
  const target = demoOpen[demoOpen.length - 1];
  if (target && !questions.some((q) => q.scenario === target && q.answer === null)) {
    const askedAt = officeTime(rng, DEMO_TODAY - DAY);
    const asker = fitting(target);
    const asked = new Set(questions.filter((q) => q.scenario === target).map((q) => q.question));
    const [question] = rng.pick([...((target.venue && VENUE_QA[target.venue]) || []), ...GENERIC_QA].filter(([q]) => !asked.has(q)));
    questions.push({ scenario: target, askedBy: asker.userId, question, answer: null, askedAt, answeredAt: null });
    follow(asker.userId, target, askedAt);
  }

  questions.sort((a, b) => a.askedAt - b.askedAt || a.scenario.id - b.scenario.id);
  return {
    questions: questions.map((q, i): QuestionPlan => ({ ...q, id: i + 1 })),
    follows: [...follows.values()].sort((a, b) => a.at - b.at || a.userId - b.userId || a.scenario.id - b.scenario.id),
  };
}

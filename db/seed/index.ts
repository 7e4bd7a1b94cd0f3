// The deterministic demo world: a city's scenario lists for 2025–2027 with organisations,
// vendors, proposals, pilots and certified benchmarks. Same options ⇒ the same database content.
// It expects a freshly migrated, empty database and leaves the search index (scenario_fts) to
// the indexing code that runs after it.
import { sql, type Kysely } from "kysely";
import type { Database } from "~/db/schema";
import { DISTRICT_INFO } from "./districts";
import { insertChunked } from "./insert";
import { makeCreditCode } from "./names";
import { Rng } from "./random";
import { DAY, DEMO_TODAY, MINUTE, at } from "./time";
import { planBenchmarks } from "./build/benchmarks";
import { planIncentives, planPilots, planProposals } from "./build/market";
import { OFFICE, planDemandOrgs, planStaff, registrationTime } from "./build/organisations";
import { planQuestions } from "./build/questions";
import { planReplications } from "./build/replications";
import { planEditions } from "./build/reference";
import { toRows, type Plan } from "./build/rows";
import { planScenarios } from "./build/scenarios";
import { stageSelection } from "./build/showcase";
import { planVendorProfiles } from "./build/vendor-profiles";
import { dateProducts, planVendors } from "./build/vendors";

export interface SeedOptions {
  /** How many scenarios; organisations and vendors scale with it. Default 900. */
  scenarios?: number;
  /** PRNG seed. Default 20261128. */
  seed?: number;
}

export interface SeedCounts {
  scenarios: number;
  /** Demand-side organisations (vendors and the office are not included). */
  organisations: number;
  vendors: number;
  /** Certified benchmarks. */
  benchmarks: number;
}

export const DEFAULT_SCENARIOS = 900;
export const DEFAULT_SEED = 20261128;

/** The whole demo as an in-memory plan, without touching a database. */
export function planDemo(options: SeedOptions = {}): Plan {
  const n = options.scenarios ?? DEFAULT_SCENARIOS;
  if (!Number.isInteger(n) || n < 1) throw new Error(`scenarios must be a positive integer, got ${n}`);
  const root = new Rng(options.seed ?? DEFAULT_SEED);
  const editions = planEditions(n / DEFAULT_SCENARIOS);
  const usedNames = new Set<string>([OFFICE.name]);
  const usedCodes = new Set<string>();
  const officeCreditCode = makeCreditCode(root.fork("office"), "government", DISTRICT_INFO[OFFICE.district].code, usedCodes);
  const demand = planDemandOrgs(root.fork("demand"), Math.max(300, Math.round(n / 3)), usedNames, usedCodes);
  const vendors = planVendors(root.fork("vendors"), Math.max(200, Math.round(n / 4)), demand.length + 2, usedNames, usedCodes);
  const staff = planStaff(root.fork("staff"), demand, vendors, vendors[0]!.id);
  const scenarios = planScenarios(root.fork("scenarios"), n, editions, demand, staff);
  const proposals = planProposals(root.fork("proposals"), scenarios, vendors);
  stageSelection(root.fork("showcase"), { demand, vendors, staff, scenarios, proposals });
  const pilots = planPilots(root.fork("pilots"), proposals);
  const applications = planBenchmarks(root.fork("benchmarks"), pilots, staff.reviewerIds, n);
  const incentives = planIncentives(root.fork("incentives"), pilots, editions);
  const clarifications = planQuestions(root.fork("questions"), scenarios, vendors, vendors[0]!.id);

  // Registration dates come last: each organisation joined a little before it first did anything.
  const dates = root.fork("registration");
  const firstScenario = new Map<number, number>();
  for (const s of scenarios) firstScenario.set(s.org.id, Math.min(firstScenario.get(s.org.id) ?? Infinity, s.timeline.steps[0]!.at));
  const firstProposal = new Map<number, number>();
  for (const p of proposals) firstProposal.set(p.vendor.id, Math.min(firstProposal.get(p.vendor.id) ?? Infinity, p.createdAt));
  const latecomers: [number, number] = [at("2025-01-06T09:00:00+08:00"), DEMO_TODAY - 5 * DAY];
  for (const o of demand) o.createdAt = registrationTime(dates, firstScenario.get(o.id) ?? null, ...latecomers);
  for (const v of vendors) v.createdAt = registrationTime(dates, firstProposal.get(v.id) ?? null, ...latecomers);
  dateProducts(dates, vendors);
  planVendorProfiles(root.fork("vendor-profiles"), vendors, demand);
  const joined = new Map<number, number>([...demand, ...vendors].map((o) => [o.id, o.createdAt]));
  for (const u of staff.users) {
    if (u.createdAt === 0) u.createdAt = joined.get(u.organisationId!)! + dates.int(5, 180) * MINUTE;
  }

  const replications = planReplications(scenarios, applications);

  return { editions, officeCreditCode, demand, vendors, staff, scenarios, proposals, pilots, applications, incentives, ...clarifications, replications };
}

export async function seedDemo(db: Kysely<Database>, options: SeedOptions = {}): Promise<SeedCounts> {
  const plan = planDemo(options);
  const tables = toRows(plan);
  await db.transaction().execute(async (trx) => {
    // Scenarios and benchmark applications point at each other (scenarios.replicated_from): the
    // foreign keys are checked when the transaction commits, with every row in place.
    await sql`pragma defer_foreign_keys = on`.execute(trx);
    for (const [table, rows] of tables) await insertChunked(trx, table, rows as never);
  });
  return {
    scenarios: plan.scenarios.length,
    organisations: plan.demand.length,
    vendors: plan.vendors.length,
    benchmarks: plan.applications.filter((a) => a.status === "certified").length,
  };
}

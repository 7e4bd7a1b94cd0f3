// Demand-side organisations (named after real kinds of Nanjing institutions, unique, with valid
// credit codes for their district), the city AI office, and the platform's staff accounts.
import { DISTRICTS, type District } from "~/domain/vocabulary";
import { SECTORS, type OrgSeed, type Sector } from "../content";
import { DISTRICT_INFO } from "../districts";
import { makeCreditCode, personName } from "../names";
import { apportion, type Rng } from "../random";
import { DAY, HOUR, MINUTE, at, officeTime } from "../time";
import type { DemandOrg, Staff } from "./world";

export const OFFICE = {
  id: 1,
  name: "南京市人工智能（软件）产业攻坚推进办公室",
  district: "建邺区" as District,
  summary: "南京市人工智能（软件）产业攻坚推进办公室负责统筹全市“人工智能+”行动和场景机会清单发布。",
};

/** The hospital the demo's demand account belongs to. */
export const DEMO_DEMAND_ORG = "南京市鼓楼医院";

// Where organisations are: the central districts and 江宁 hold most institutions.
const DISTRICT_WEIGHTS: Record<District, number> = {
  玄武区: 8, 秦淮区: 9, 建邺区: 8, 鼓楼区: 10, 浦口区: 6, 栖霞区: 8,
  雨花台区: 7, 江宁区: 12, 六合区: 5, 溧水区: 4, 高淳区: 4, 江北新区: 9,
};

export function weightedDistrict(rng: Rng, weights: Record<District, number>): District {
  return rng.weighted(DISTRICTS.map((d) => [d, weights[d]] as const));
}

function fill(pattern: string, org: { name: string; district: string; obj: string }): string {
  return pattern.replaceAll("{name}", org.name).replaceAll("{district}", org.district).replaceAll("{obj}", org.obj);
}

export function planDemandOrgs(rng: Rng, total: number, usedNames: Set<string>, usedCodes: Set<string>): DemandOrg[] {
  const counts = apportion(total, SECTORS.map((s) => s.share));
  const orgs: DemandOrg[] = [];
  let nextId = OFFICE.id + 1;
  const add = (sector: Sector, seed: OrgSeed, district: District, famous: boolean) => {
    usedNames.add(seed.name);
    const obj = seed.obj ?? seed.name;
    const org: DemandOrg = {
      id: nextId++,
      sector,
      name: seed.name,
      kind: seed.kind,
      obj,
      district,
      verified: famous || rng.chance(0.92),
      famous,
      activity: seed.name === DEMO_DEMAND_ORG ? 8 : famous ? 3 : 1,
      creditCode: makeCreditCode(rng, seed.credit ?? sector.credit, DISTRICT_INFO[district].code, usedCodes),
      summary: "",
      userId: 0,
      createdAt: 0,
    };
    org.summary = fill(rng.pick(sector.summaries), org);
    orgs.push(org);
  };

  // A sector whose name space runs out (there are only so many city bureaus) hands its remaining
  // count to manufacturers, whose names are plentiful.
  let spill = 0;
  SECTORS.forEach((sector, i) => {
    let want = counts[i]!;
    for (const f of sector.famous.slice(0, want)) add(sector, f, f.district, true);
    want -= Math.min(want, sector.famous.length);
    let misses = 0;
    while (want > 0 && misses < 60) {
      const district = weightedDistrict(rng, DISTRICT_WEIGHTS);
      const seed = sector.generate(rng, district);
      if (usedNames.has(seed.name)) {
        misses++;
        continue;
      }
      add(sector, seed, district, false);
      want--;
      misses = 0;
    }
    spill += want;
  });
  const factory = SECTORS.find((s) => s.key === "factory")!;
  while (spill > 0) {
    const district = weightedDistrict(rng, DISTRICT_WEIGHTS);
    const seed = factory.generate(rng, district);
    if (usedNames.has(seed.name)) continue;
    add(factory, seed, district, false);
    spill--;
  }
  return orgs;
}

/**
 * Accounts: the admin, reviewer@ and twenty more reviewers, then one member per organisation.
 * The demo's hospital and first vendor get the memorable addresses.
 */
export function planStaff(
  rng: Rng,
  demand: DemandOrg[],
  vendors: { id: number; userId: number; name: string }[],
  demoVendorId: number,
): Staff {
  const start = at("2024-09-02T09:30:00+08:00");
  const users: Staff["users"] = [];
  const add = (u: Omit<Staff["users"][number], "id">) => {
    users.push({ id: users.length + 1, ...u });
    return users.length;
  };
  const adminId = add({ organisationId: OFFICE.id, email: "admin@demo.local", name: personName(rng), role: "admin", createdAt: start });
  const reviewerIds = [add({ organisationId: null, email: "reviewer@demo.local", name: personName(rng), role: "reviewer", createdAt: start + HOUR })];
  for (let i = 2; i <= 21; i++) {
    const email = `reviewer${String(i).padStart(2, "0")}@demo.local`;
    reviewerIds.push(add({ organisationId: null, email, name: personName(rng), role: "reviewer", createdAt: start + i * DAY }));
  }
  const demo = demand.find((o) => o.name === DEMO_DEMAND_ORG);
  if (demo) demo.userId = add({ organisationId: demo.id, email: "demand@demo.local", name: personName(rng), role: "demand_member", createdAt: 0 });
  const demoVendor = vendors.find((v) => v.id === demoVendorId);
  if (demoVendor) demoVendor.userId = add({ organisationId: demoVendorId, email: "vendor@demo.local", name: personName(rng), role: "vendor_member", createdAt: 0 });
  for (const org of demand) {
    if (org.userId) continue;
    org.userId = add({ organisationId: org.id, email: `u${org.id}@demo.local`, name: personName(rng), role: "demand_member", createdAt: 0 });
  }
  for (const v of vendors) {
    if (v.userId) continue;
    v.userId = add({ organisationId: v.id, email: `u${v.id}@demo.local`, name: personName(rng), role: "vendor_member", createdAt: 0 });
  }
  return { adminId, reviewerIds, users };
}

/** Organisations register some weeks before their first activity on the platform. */
export function registrationTime(rng: Rng, firstActivity: number | null, fallbackFrom: number, fallbackTo: number): number {
  const floor = at("2024-09-05T09:00:00+08:00");
  if (firstActivity === null) return officeTime(rng, fallbackFrom + Math.floor(rng.next() * (fallbackTo - fallbackFrom)));
  return Math.max(floor + rng.int(0, 600) * MINUTE, firstActivity - rng.int(5, 60) * DAY);
}

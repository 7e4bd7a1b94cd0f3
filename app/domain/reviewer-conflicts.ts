// Who may not review a benchmark application (回避): a reviewer tied to either side of the pair —
// the vendor (pilots.vendor_id) or the demand organisation (the scenario's organisation). Pure: the
// model gathers the facts, this decides and says why, so the office sees the reason and not just a
// greyed-out name.

export type ConflictSide = "vendor" | "demand";

/** Something the reviewer did that touched some organisations, found in the database. */
export interface ConflictTie {
  /** proposal: submitted a proposal; pilot: wrote in a pilot's workspace; application: submitted a benchmark application. */
  kind: "proposal" | "pilot" | "application";
  /** The organisations it involved: the proposal's or pilot's vendor and the scenario's organisation. */
  organisationIds: readonly number[];
  /** The scenario it was about: its code, or its title when it has no code yet. */
  scenario: string;
}

export interface ConflictFacts {
  /** users.organisation_id of the reviewer. */
  organisationId: number | null;
  ties: readonly ConflictTie[];
  /** The reason the reviewer gave when they declared a conflict on this application, if they did. */
  declaredReason: string | null;
}

export interface ConflictPair {
  vendor: { id: number; name: string };
  demand: { id: number; name: string };
}

export type ConflictReason =
  | { kind: "member"; side: ConflictSide; organisation: string }
  | { kind: "proposal" | "pilot" | "application"; side: ConflictSide; organisation: string; scenario: string }
  | { kind: "declared"; reason: string };

const KIND_ORDER = ["member", "proposal", "pilot", "application", "declared"] as const;

/** Every reason the reviewer is excluded from this pair's application; none = they may review it. */
export function conflictReasons(pair: ConflictPair, facts: ConflictFacts): ConflictReason[] {
  const sides: [ConflictSide, { id: number; name: string }][] = [["vendor", pair.vendor]];
  if (pair.demand.id !== pair.vendor.id) sides.push(["demand", pair.demand]);
  const reasons: ConflictReason[] = [];
  const seen = new Set<string>();
  const add = (reason: ConflictReason, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    reasons.push(reason);
  };
  for (const [side, org] of sides) {
    if (facts.organisationId === org.id) add({ kind: "member", side, organisation: org.name }, `member:${side}`);
  }
  // One reason per record: a proposal for the vendor on the demand side's own scenario is one tie,
  // named by the vendor (the scenario code shows the rest).
  for (const tie of facts.ties) {
    const hit = sides.find(([, org]) => tie.organisationIds.includes(org.id));
    if (hit) add({ kind: tie.kind, side: hit[0], organisation: hit[1].name, scenario: tie.scenario }, `${tie.kind}:${tie.scenario}`);
  }
  if (facts.declaredReason !== null) add({ kind: "declared", reason: facts.declaredReason.trim() }, "declared");
  const sideRank = (r: ConflictReason) => ("side" in r && r.side === "demand" ? 1 : 0);
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => KIND_ORDER.indexOf(a.r.kind) - KIND_ORDER.indexOf(b.r.kind) || sideRank(a.r) - sideRank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** A reviewer with any reason is excluded: never assigned, and an assigned one's sheet does not count. */
export function isExcluded(reasons: readonly ConflictReason[]): boolean {
  return reasons.length > 0;
}

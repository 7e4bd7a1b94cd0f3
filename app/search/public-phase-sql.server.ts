import { sql, type RawBuilder } from "kysely";
import { phaseBoundaries, phasesOfFilter, type PublicPhase } from "~/domain/public-phase";

// `publicPhase` (app/domain/public-phase.ts) as an SQL expression over a scenarios row, for filters
// and counts that the database computes. Stored deadlines are ISO strings in UTC, so comparing them
// as text compares the instants. tests/integration/public-phase.test.ts checks this against the
// pure function row by row.

/** The phase of the row `alias` at `now`; a private status yields itself (callers filter those out first). */
export function phaseSql(now: Date, alias = "s"): RawBuilder<string> {
  const b = phaseBoundaries(now);
  const status = sql.ref(`${alias}.status`);
  const deadline = sql.ref(`${alias}.proposal_deadline`);
  return sql<string>`(case when ${status} <> 'published' then ${status}
    when ${deadline} is null or ${deadline} <= ${b.now} then 'awaiting_selection'
    when ${deadline} <= ${b.soon} then 'closing_soon' else 'open' end)`;
}

/** The rows whose phase is any of the filter values (see `phasesOfFilter`). */
export function phaseFilterSql(values: string[], now: Date, alias = "s"): RawBuilder<unknown> | null {
  const phases = [...new Set(values.flatMap(phasesOfFilter))] as PublicPhase[];
  if (!phases.length) return null;
  return sql`${phaseSql(now, alias)} in (${sql.join(phases)})`;
}

import { sql, type QueryResult, type RawBuilder } from "kysely";
import type { DB } from "~/db/db.server";
import { phasesOfFilter } from "~/domain/public-phase";
import { FACETS, type Facet, type ScenarioQuery } from "~/domain/scenario-query";
import { PUBLIC_SCENARIO_STATUSES } from "~/domain/vocabulary";
import type { FacetCounts, ScenarioDocument, ScenarioSearchRequest, SearchEngine, VendorDocument, VendorSearchFilters } from "./engine";
import { createPublicCache } from "./public-cache.server";
import { phaseFilterSql, phaseSql } from "./public-phase-sql.server";
import { parseSearchText, prepareQuery, segmentForIndex, toFtsQuery, vendorSearchTerms } from "./text";

// "status" is the public phase, which follows the clock: computed at `now`, never the stored status.
const facetColumn = (facet: Facet, now: Date): RawBuilder<unknown> =>
  ({
    domain: sql.ref("s.domain"),
    district: sql.ref("s.district"),
    venue: sql.ref("s.venue_type"),
    mode: sql.ref("s.cooperation_mode"),
    tier: sql.ref("s.tier"),
    status: phaseSql(now),
  })[facet];

// bm25 column weights, in the order of the FTS table's columns: a title hit outranks a hit on a
// capability tag, which outranks the organisation's name and then the body text.
const BM25 = sql.raw("bm25(scenario_fts, 10.0, 4.0, 3.0, 1.0)");

// vendor_fts columns: name, capabilities, products, body (summary and reference cases). A tagged
// capability counts most, then what the products say, then the name and the rest.
const VENDOR_BM25 = sql.raw("bm25(vendor_fts, 2.0, 6.0, 4.0, 1.0)");

/** The FTS5 expression matching ANY of the whitespace-separated words, each with its synonyms. */
export function anyWordFtsQuery(text: string): string | null {
  const parts = vendorSearchTerms(text).map((term) => toFtsQuery([term]));
  return parts.length ? parts.join(" OR ") : null;
}

function vendorFilters(filters: VendorSearchFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filters.capabilities?.length) {
    where.push(sql`f.rowid in (select vc.organisation_id from vendor_capabilities vc join capabilities c on c.id = vc.capability_id
      where c.slug in (${sql.join(filters.capabilities)}))`);
  }
  if (filters.districts?.length) where.push(sql`f.rowid in (select id from organisations where district in (${sql.join(filters.districts)}))`);
  return where;
}

function orderBy(sort: ScenarioQuery["sort"], now: Date): RawBuilder<unknown> {
  switch (sort) {
    case "relevance":
      return sql`h.score asc, s.published_at desc, s.id desc`;
    case "newest":
      return sql`s.published_at desc, s.id desc`;
    case "budget":
      return sql`s.budget_wan is null, s.budget_wan desc, s.id desc`;
    case "deadline": {
      // The calls still open first, the one closing soonest on top; then those whose deadline passed, latest first.
      const open = sql`${phaseSql(now)} in ('open', 'closing_soon')`;
      return sql`${open} desc, case when ${open} then s.proposal_deadline end asc,
        s.proposal_deadline is null, s.proposal_deadline desc, s.id asc`;
    }
  }
}

function facetFilter(query: ScenarioQuery, facet: Facet, now: Date): RawBuilder<unknown> | null {
  const values = query.filters[facet];
  if (!values.length) return null;
  if (facet === "status") return phaseFilterSql(values, now) ?? sql`0`;
  return sql`${facetColumn(facet, now)} in (${sql.join(values)})`;
}

/** Whether a facet's chosen values take this value ("open" takes "closing_soon" too, app/domain/public-phase.ts). */
const chosen = (facet: Facet, values: string[], value: string | null) =>
  value !== null && (facet === "status" ? values.flatMap(phasesOfFilter) : values).includes(value as never);

/** Filters that every count shares: visibility, edition, batch, budget. */
function baseFilters(query: ScenarioQuery): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`s.status in (${sql.join([...PUBLIC_SCENARIO_STATUSES])})`];
  if (query.edition !== null) where.push(sql`s.edition_id = (select id from editions where year = ${query.edition})`);
  if (query.edition !== null && query.batch !== null) {
    where.push(sql`s.batch_id = (select b.id from batches b join editions e on e.id = b.edition_id
      where e.year = ${query.edition} and b.ordinal = ${query.batch})`);
  }
  if (query.budgetMin !== null) where.push(sql`s.budget_wan >= ${query.budgetMin}`);
  if (query.budgetMax !== null) where.push(sql`s.budget_wan <= ${query.budgetMax}`);
  return where;
}

const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql.join(parts, sql` and `) : sql`1`);

type CountRow = { facet: string; value: string | null; n: number };

/** The total and each facet's counts from matches grouped by the six facet columns (see searchScenarios). */
export function facetRows(query: ScenarioQuery, groups: (Record<Facet, string | null> & { n: number })[]): CountRow[] {
  let total = 0;
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
  const add = (facet: Facet, value: string | null, n: number) => {
    if (value !== null) counts[facet].set(value, (counts[facet].get(value) ?? 0) + n);
  };
  for (const group of groups) {
    const failing = FACETS.filter((f) => query.filters[f].length > 0 && !chosen(f, query.filters[f], group[f]));
    if (failing.length === 0) {
      total += group.n;
      for (const f of FACETS) add(f, group[f], group.n);
    } else if (failing.length === 1) {
      add(failing[0]!, group[failing[0]!], group.n);
    }
  }
  return [
    { facet: "total", value: null, n: total },
    ...FACETS.flatMap((f) => [...counts[f]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, n]) => ({ facet: f, value, n }))),
  ];
}

/** The embedded engine: SQLite FTS5 over text segmented by `segmentForIndex`, filters in SQL. */
export function createEmbeddedEngine(db: DB): SearchEngine {
  const countsCache = createPublicCache<QueryResult<CountRow>>();
  // Bumped after every write to the scenario index through this engine, so counts cached before it are not reused
  // (writes that come through the outbox move the data version as well; direct ones, as in a rebuild, do not).
  let indexGeneration = 0;

  async function searchScenarios({ query, pageSize, withFacets, now = new Date() }: ScenarioSearchRequest) {
    // Punctuation dropped and cut after 10 words, exactly as the Meilisearch engine sends it.
    const terms = parseSearchText(prepareQuery(query.q).text);
    const match = toFtsQuery(terms);
    // bm25 is the costly part of a broad match: computed only for the page, and only when ranking by it.
    const hitsFor = (scored: boolean) =>
      terms.length
        ? sql`hits as materialized (select rowid as id${scored ? sql`, ${BM25} as score` : sql``} from scenario_fts where scenario_fts match ${match})`
        : sql`hits as materialized (select null as id where 0)`;
    // The text matches stay the outer loop (CROSS JOIN), and each is looked up in the covering index.
    const from = terms.length ? sql`hits h cross join scenarios s indexed by scenarios_listing on s.id = h.id` : sql`scenarios s`;
    const base = baseFilters(query);
    const facetFilters = FACETS.map((f) => facetFilter(query, f, now));
    const all = and([...base, ...facetFilters.filter((f) => f !== null)]);

    // Only public scenarios are indexed, so text without filters is answered by the index alone.
    const textOnly = terms.length > 0 && base.length === 1 && facetFilters.every((f) => f === null);
    const offset = (query.page - 1) * pageSize;
    // Text with no searchable terms (only punctuation or format characters) has no relevance to rank by.
    const sort = query.sort === "relevance" && !terms.length ? "newest" : query.sort;
    const page =
      textOnly && sort === "relevance"
        ? await sql<{ id: number }>`select rowid as id from scenario_fts where scenario_fts match ${match}
            order by ${BM25}, rowid desc limit ${pageSize} offset ${offset}`.execute(db)
        : await sql<{ id: number }>`with ${hitsFor(sort === "relevance")}
            select s.id from ${from} where ${all} order by ${orderBy(sort, now)}
            limit ${pageSize} offset ${offset}`.execute(db);

    // The counts scan every match; the same question is answered from the cache until the data changes.
    const countsKey = JSON.stringify([indexGeneration, match, query.edition, query.batch, query.budgetMin, query.budgetMax, query.filters, withFacets]);
    const rows = await countsCache.get(db, countsKey, async () => {
      if (!withFacets) {
        return textOnly
          ? sql<CountRow>`select 'total' as facet, null as value, count(*) as n from scenario_fts where scenario_fts match ${match}`.execute(db)
          : sql<CountRow>`with ${hitsFor(false)} select 'total' as facet, null as value, count(*) as n from ${from} where ${all}`.execute(db);
      }
      // The total and the six facets' counts from one pass over the matches: the matches passing the shared
      // filters, grouped by all six columns at once; each facet then counts the groups that pass every
      // other facet's filter (a facet's own choice does not narrow its own counts).
      const grouped = await sql<Record<Facet, string | null> & { n: number }>`with ${hitsFor(false)}
        select ${sql.join(FACETS.map((f) => sql`${facetColumn(f, now)} as ${sql.ref(f)}`))}, count(*) as n
        from ${from} where ${and(base)} group by 1, 2, 3, 4, 5, 6`.execute(db);
      return { rows: facetRows(query, grouped.rows) } as QueryResult<CountRow>;
    }, now);

    let total = 0;
    const facets = withFacets ? (Object.fromEntries(FACETS.map((f) => [f, {}])) as FacetCounts) : null;
    for (const row of rows.rows) {
      if (row.facet === "total") total = row.n;
      else if (facets && row.value !== null) facets[row.facet as Facet][row.value] = row.n;
    }
    // "open" (征集揭榜中) includes the calls closing soon, as its filter does.
    if (facets?.status.closing_soon) facets.status.open = (facets.status.open ?? 0) + facets.status.closing_soon;
    return { total, ids: page.rows.map((r) => r.id), facets };
  }

  async function writeRows(trx: DB, documents: ScenarioDocument[]) {
    for (const d of documents) {
      await trx
        .insertInto("scenario_fts")
        .values({
          rowid: d.id,
          title: segmentForIndex(d.title),
          capabilities: segmentForIndex(d.capabilities.join(" ")),
          organisation: segmentForIndex(d.organisation),
          body: segmentForIndex([d.code ?? "", d.description, d.requirements].join("\n")),
        })
        .execute();
    }
  }

  async function writeVendorRows(trx: DB, documents: VendorDocument[]) {
    for (const d of documents) {
      await trx
        .insertInto("vendor_fts")
        .values({
          rowid: d.id,
          name: segmentForIndex(d.name),
          capabilities: segmentForIndex(d.capabilities.join(" ")),
          products: segmentForIndex(d.products),
          body: segmentForIndex([d.summary, d.cases].join("\n")),
        })
        .execute();
    }
  }

  return {
    name: "embedded",
    searchScenarios,
    async searchVendors(text, filters, limit) {
      const match = anyWordFtsQuery(text);
      if (!match) return [];
      const where = [sql`vendor_fts match ${match}`, ...vendorFilters(filters)];
      const rows = await sql<{ id: number; rank: number }>`select f.rowid as id, ${VENDOR_BM25} as rank from vendor_fts f
        where ${sql.join(where, sql` and `)} order by rank, f.rowid limit ${limit}`.execute(db);
      // bm25 is lower for better matches; the interface wants higher.
      return rows.rows.map((r) => ({ id: r.id, score: -r.rank }));
    },
    async upsertVendors(documents) {
      if (!documents.length) return;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("vendor_fts").where("rowid", "in", documents.map((d) => d.id)).execute();
        await writeVendorRows(trx, documents);
      });
    },
    async deleteVendors(ids) {
      if (ids.length) await db.deleteFrom("vendor_fts").where("rowid", "in", ids).execute();
    },
    async replaceAllVendors(documents) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("vendor_fts").execute();
        await writeVendorRows(trx, documents);
      });
      await sql`insert into vendor_fts(vendor_fts) values ('optimize')`.execute(db);
    },
    async upsertScenarios(documents) {
      if (!documents.length) return;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("scenario_fts").where("rowid", "in", documents.map((d) => d.id)).execute();
        await writeRows(trx, documents);
      });
      indexGeneration++;
    },
    async deleteScenarios(ids) {
      if (ids.length) await db.deleteFrom("scenario_fts").where("rowid", "in", ids).execute();
      indexGeneration++;
    },
    async replaceAllScenarios(documents) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("scenario_fts").execute();
        await writeRows(trx, documents);
      });
      await sql`insert into scenario_fts(scenario_fts) values ('optimize')`.execute(db);
      indexGeneration++;
    },
    async countScenarios() {
      const row = await db.selectFrom("scenario_fts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async applySettings() {
      // The FTS table is created by the migrations; nothing to configure.
    },
  };
}

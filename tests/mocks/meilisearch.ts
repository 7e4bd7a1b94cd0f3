// MSW handlers that answer like a Meilisearch server and record every request, so tests can
// check exactly what our client code sends. Use with `setupServer(...mock.handlers)`.
//
// Read from the server's source (v1.10, the version floor, and later tags; see docs/decisions/002):
// - settings and search bodies are checked against the fields 1.10 accepts: an unknown field is a
//   400 `bad_request` with the server's message, so sending something the floor rejects fails a test;
// - a search answers from the documents the tasks left: words matched with the query's
//   `matchingStrategy` (`last` by default, `all`, `frequency` that never drops the rarest word),
//   only the first 10 words of a query read, `"…"` a phrase and a leading `-word` an exclusion,
//   synonyms from the settings, filters, facets, sort and `attr:asc|desc` ranking rules applied;
// - a filter, facet or sort on an attribute the index's settings do not allow is a 400, as for an
//   index that a document upload created before its settings were applied;
// - `limit`/`offset` searches answer `estimatedTotalHits`, `page`/`hitsPerPage` ones `totalHits`;
// - a federated multi-search refuses pagination in its queries and keeps each document once.
// Not modelled: Chinese segmentation (a query word matches any document text containing it, where the
// server matches jieba words), typos, proximity and the real ranking score (here: words matched / words).

import { delay, http, HttpResponse, type HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const MEILISEARCH_TEST_HOST = "http://meilisearch.test:7700";

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/indexes/changjing_scenarios/settings`. */
  path: string;
  searchParams: URLSearchParams;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** What one search query finds, when a test decides it instead of the documents. */
export interface MockSearchAnswer {
  ids: number[];
  totalHits: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export type SearchQueryBody = Record<string, unknown> & {
  indexUid?: string;
  q?: string;
  facets?: string[];
  hitsPerPage?: number;
  page?: number;
  limit?: number;
  offset?: number;
};

/** A task as the mock keeps it; `failTask` sees it to decide whether it fails. */
export interface MockTask {
  uid: number;
  indexUid: string | null;
  type: string;
  enqueuedAt: string;
  error: { message: string; code: string; type: string; link: string } | null;
}

export type MockSettings = Record<string, unknown> & {
  searchableAttributes?: string[];
  filterableAttributes?: string[];
  sortableAttributes?: string[];
  rankingRules?: string[];
  synonyms?: Record<string, string[]>;
};

export interface MeilisearchMock {
  handlers: HttpHandler[];
  requests: RecordedRequest[];
  /** What `GET /version` answers as `pkgVersion`; 1.10.0, the floor, unless a test sets another. */
  version: string;
  /** Index uids that exist; `GET /indexes/:uid` answers 404 for others and creating one adds it. */
  indexes: Set<string>;
  /** The documents of each index by id, as the tasks that succeeded left them (insertion order kept). */
  documents: Map<string, Map<number, Record<string, unknown>>>;
  /** The settings of each index, as the settings tasks that succeeded left them; none after a document upload. */
  settings: Map<string, MockSettings>;
  /**
   * Decides whether a task fails (as Meilisearch reports a failure: the request is accepted with
   * 202, and the task polled later has status "failed"). Return the error, or null to succeed.
   */
  failTask: (task: Omit<MockTask, "error">) => { message: string; code: string } | null;
  /** When set, decides what each search query finds instead of the documents (validation still applies). */
  answer: ((query: SearchQueryBody) => MockSearchAnswer) | null;
  /** Creates an index with these settings and documents, as applying the settings and uploading would. */
  seed(uid: string, settings: object, documents?: Record<string, unknown>[]): void;
  /** Requests other than the task polls and version checks, which are noise in most assertions. */
  calls(): RecordedRequest[];
  reset(): void;
}

/** The settings fields Meilisearch 1.10 accepts (meilisearch-types/src/settings.rs at v1.10.0). */
export const SETTINGS_FIELDS_1_10 = [
  "displayedAttributes", "searchableAttributes", "filterableAttributes", "sortableAttributes", "rankingRules",
  "stopWords", "nonSeparatorTokens", "separatorTokens", "dictionary", "synonyms", "distinctAttribute",
  "proximityPrecision", "typoTolerance", "faceting", "pagination", "embedders", "searchCutoffMs", "localizedAttributes",
];

/** The search parameters Meilisearch 1.10 accepts (`SearchQuery` in meilisearch/src/search/mod.rs at v1.10.0). */
export const SEARCH_FIELDS_1_10 = [
  "q", "vector", "hybrid", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve", "retrieveVectors",
  "attributesToCrop", "cropLength", "attributesToHighlight", "showMatchesPosition", "showRankingScore",
  "showRankingScoreDetails", "filter", "sort", "distinct", "facets", "highlightPreTag", "highlightPostTag", "cropMarker",
  "matchingStrategy", "attributesToSearchOn", "rankingScoreThreshold", "locales",
];
/** A multi-search query adds these (`SearchQueryWithIndex`). */
export const MULTI_SEARCH_FIELDS_1_10 = ["indexUid", ...SEARCH_FIELDS_1_10, "federationOptions"];
const FEDERATION_FIELDS_1_10 = ["limit", "offset"];
const MATCHING_STRATEGIES_1_10 = ["last", "all", "frequency"];
/** Meilisearch reads only this many words of a query (`words_limit` in milli). */
export const QUERY_WORDS_LIMIT = 10;

class MeiliError extends Error {
  constructor(message: string, readonly code: string, readonly status = 400) {
    super(message);
  }
}

const errorBody = (message: string, code: string) => ({
  message,
  code,
  type: code === "internal" ? "internal" : "invalid_request",
  link: `https://docs.meilisearch.com/errors#${code}`,
});

function unknownField(body: Record<string, unknown>, allowed: string[], where = ""): void {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) {
    throw new MeiliError(`Unknown field \`${unknown}\`${where}: expected one of ${allowed.map((f) => `\`${f}\``).join(", ")}`, "bad_request");
  }
}

const fold = (text: string) => text.normalize("NFKC").toLowerCase();
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

interface QueryWord {
  text: string;
  negated: boolean;
  /** A `"…"` phrase: matched as one string. */
  phrase: boolean;
}

/** The words the server reads: phrases, exclusions, words (Chinese runs split into words), the first 10 only. */
export function queryWords(q: string): QueryWord[] {
  const words: QueryWord[] = [];
  const text = fold(q);
  // A phrase is a quoted part; an unclosed quote quotes nothing.
  const parts = text.split(/("[^"]*")/);
  for (const part of parts) {
    if (/^"[^"]*"$/.test(part)) {
      const inner = part.slice(1, -1).trim();
      if (inner) words.push({ text: inner, negated: false, phrase: true });
      continue;
    }
    for (const chunk of part.split(/\s+/)) {
      if (!chunk) continue;
      const negated = chunk.startsWith("-") && chunk.length > 1;
      for (const { segment, isWordLike } of segmenter.segment(negated ? chunk.slice(1) : chunk)) {
        if (isWordLike) words.push({ text: segment, negated, phrase: false });
      }
    }
  }
  return words.slice(0, QUERY_WORDS_LIMIT);
}

type Doc = Record<string, unknown>;

function searchableText(doc: Doc, settings: MockSettings): string {
  const attributes = settings.searchableAttributes && !settings.searchableAttributes.includes("*")
    ? settings.searchableAttributes
    : Object.keys(doc).filter((k) => k !== "id");
  return fold(attributes.map((a) => {
    const v = doc[a];
    return Array.isArray(v) ? v.join(" ") : v === undefined || v === null ? "" : String(v);
  }).join("\n"));
}

// ---- filters

type Filter = { attributes: string[]; test: (doc: Doc) => boolean };

const EXPECTING_OPERATION = (at: string) =>
  new MeiliError(`Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\`, \`NOT IN\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IS NULL\`, \`IS NOT NULL\`, \`IS EMPTY\`, \`IS NOT EMPTY\`, \`_geoRadius\`, or \`_geoBoundingBox\` at \`${at}\`.`, "invalid_search_filter");

/**
 * The filter grammar this project sends, evaluated as the server does: conditions (`=`, `!=`, `>`,
 * `>=`, `<`, `<=`, `IN [...]`, `NOT IN [...]`, `EXISTS`, `NOT EXISTS`), `NOT`, `AND` binding tighter
 * than `OR`, and parentheses. Anything else is a 400 with the server's message.
 */
function parseFilter(filter: string): Filter {
  let rest = filter.trim();
  const value = /^\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/;
  const unquote = (raw: string): string | number =>
    raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : Number(raw);
  const eat = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = rest.slice(m[0].length).trimStart();
    return m;
  };
  const valueOf = (doc: Doc, attribute: string, test: (v: unknown) => boolean) => {
    const v = doc[attribute];
    return Array.isArray(v) ? v.some(test) : test(v);
  };

  function list(): (string | number)[] {
    if (!eat(/^\[/)) throw new MeiliError(`Expected \`[\` after \`IN\` keyword at \`${rest}\`.`, "invalid_search_filter");
    const values: (string | number)[] = [];
    while (!eat(/^\]/)) {
      const m = eat(value);
      if (!m) throw new MeiliError(`Invalid value in the list at \`${rest}\`.`, "invalid_search_filter");
      values.push(unquote(m[1]!));
      eat(/^,/);
    }
    return values;
  }

  function condition(): Filter {
    const head = eat(/^([A-Za-z_][\w.]*)\s*/);
    if (!head) throw EXPECTING_OPERATION(rest);
    const attribute = head[1]!;
    if (eat(/^NOT\s+EXISTS\b/)) return { attributes: [attribute], test: (d) => d[attribute] === undefined };
    if (eat(/^EXISTS\b/)) return { attributes: [attribute], test: (d) => d[attribute] !== undefined };
    if (eat(/^NOT\s+IN\b/)) {
      const values = list();
      return { attributes: [attribute], test: (d) => !valueOf(d, attribute, (v) => values.some((x) => String(x) === String(v))) };
    }
    if (eat(/^IN\b/)) {
      const values = list();
      return { attributes: [attribute], test: (d) => valueOf(d, attribute, (v) => values.some((x) => String(x) === String(v))) };
    }
    const op = eat(/^(>=|<=|!=|=|>|<)/);
    if (!op) throw EXPECTING_OPERATION(rest);
    const m = eat(value);
    if (!m) throw new MeiliError(`Was expecting a value but instead got \`${rest}\`.`, "invalid_search_filter");
    const operand = unquote(m[1]!);
    const n = Number(operand);
    const tests: Record<string, (v: unknown) => boolean> = {
      "=": (v) => String(v) === String(operand),
      "!=": (v) => String(v) !== String(operand),
      ">=": (v) => typeof v === "number" && v >= n,
      "<=": (v) => typeof v === "number" && v <= n,
      ">": (v) => typeof v === "number" && v > n,
      "<": (v) => typeof v === "number" && v < n,
    };
    const test = tests[op[1]!]!;
    return { attributes: [attribute], test: (d) => valueOf(d, attribute, test) };
  }

  function primary(): Filter {
    if (eat(/^NOT\b/)) {
      const inner = primary();
      return { attributes: inner.attributes, test: (d) => !inner.test(d) };
    }
    if (eat(/^\(/)) {
      const inner = or();
      if (!eat(/^\)/)) throw new MeiliError(`Expression \`(${rest}\` is missing the following closing delimiter: \`)\`.`, "invalid_search_filter");
      return inner;
    }
    return condition();
  }

  function combine(next: () => Filter, keyword: RegExp, join: (a: boolean, b: boolean) => boolean): Filter {
    const parts = [next()];
    while (eat(keyword)) parts.push(next());
    if (parts.length === 1) return parts[0]!;
    return {
      attributes: parts.flatMap((p) => p.attributes),
      test: (d) => parts.slice(1).reduce((acc, p) => join(acc, p.test(d)), parts[0]!.test(d)),
    };
  }
  const and = (): Filter => combine(primary, /^AND\b/, (a, b) => a && b);
  const or = (): Filter => combine(and, /^OR\b/, (a, b) => a || b);

  const parsed = or();
  if (rest) throw new MeiliError(`Found unexpected characters at the end of the filter: \`${rest}\`.`, "invalid_search_filter");
  return parsed;
}

function notFilterable(attribute: string, settings: MockSettings, what: "filter" | "facet"): MeiliError {
  const allowed = settings.filterableAttributes ?? [];
  const available = allowed.length
    ? `Available filterable attributes are: \`${[...allowed].sort().join(", ")}\`.`
    : "This index does not have configured filterable attributes.";
  return what === "filter"
    ? new MeiliError(`Attribute \`${attribute}\` is not filterable. ${available}`, "invalid_search_filter")
    : new MeiliError(`Invalid facet distribution, attribute \`${attribute}\` is not filterable. ${available}`, "invalid_search_facets");
}

interface Scored {
  doc: Doc;
  position: number;
  score: number;
}

function compareBy(attribute: string, direction: string) {
  return (a: Scored, b: Scored) => {
    const x = a.doc[attribute];
    const y = b.doc[attribute];
    // A missing value sorts last either way.
    if (x === undefined || x === null) return y === undefined || y === null ? 0 : 1;
    if (y === undefined || y === null) return -1;
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return direction === "desc" ? -c : c;
  };
}

/** Evaluates one search against an index, as the server would (see the header for what is modelled). */
function evaluate(uid: string, query: SearchQueryBody, mock: MeilisearchMock): { hits: Scored[]; facetDistribution?: Record<string, Record<string, number>> } {
  const settings = mock.settings.get(uid) ?? {};
  const docs = [...(mock.documents.get(uid) ?? new Map<number, Doc>()).values()];

  const filter = typeof query.filter === "string" && query.filter.trim() ? parseFilter(query.filter) : null;
  if (query.filter !== undefined && query.filter !== null && typeof query.filter !== "string") {
    throw new MeiliError("The mock reads only string filters.", "invalid_search_filter");
  }
  for (const attribute of filter?.attributes ?? []) {
    if (!(settings.filterableAttributes ?? []).includes(attribute)) throw notFilterable(attribute, settings, "filter");
  }
  for (const facet of query.facets ?? []) {
    if (!(settings.filterableAttributes ?? []).includes(facet)) throw notFilterable(facet, settings, "facet");
  }
  const sort = (query.sort as string[] | undefined) ?? [];
  for (const s of sort) {
    const [attribute] = s.split(":");
    if (!(settings.sortableAttributes ?? []).includes(attribute!)) {
      throw new MeiliError(`Attribute \`${attribute}\` is not sortable. Available sortable attributes are: \`${(settings.sortableAttributes ?? []).join(", ")}\`.`, "invalid_search_sort");
    }
  }
  const strategy = (query.matchingStrategy as string | undefined) ?? "last";
  if (!MATCHING_STRATEGIES_1_10.includes(strategy)) {
    throw new MeiliError(`Unknown value \`${strategy}\` at \`.matchingStrategy\`: expected one of \`last\`, \`all\`, \`frequency\``, "invalid_search_matching_strategy");
  }

  const synonyms = new Map(Object.entries(settings.synonyms ?? {}).map(([k, v]) => [fold(k), v.map(fold)]));
  const q = typeof query.q === "string" ? query.q : "";
  const whole = fold(q).trim();
  const all = queryWords(q);
  const positive = all.filter((w) => !w.negated);
  const negative = all.filter((w) => w.negated);
  const texts = new Map(docs.map((d) => [d, searchableText(d, settings)]));
  // A whole query that is a synonym (e.g. "large language model") is one word with its alternatives.
  const words = synonyms.has(whole) && !/["-]/.test(q) ? [{ text: whole, negated: false, phrase: true }] : positive;
  const matches = (doc: Doc, w: QueryWord) => [w.text, ...(synonyms.get(w.text) ?? [])].some((alt) => texts.get(doc)!.includes(alt));

  const filtered = docs.filter((d) => (filter ? filter.test(d) : true) && !negative.some((w) => texts.get(d)!.includes(w.text)));

  let required: QueryWord[] = [];
  if (words.length) {
    if (strategy === "all") required = words;
    else if (strategy === "last") required = [words[0]!];
    else {
      // `frequency` drops the most frequent words first and never the last one left: the rarest.
      const frequency = (w: QueryWord) => filtered.filter((d) => matches(d, w)).length;
      required = [words.reduce((rarest, w) => (frequency(w) < frequency(rarest) ? w : rarest))];
    }
  }
  const found: Scored[] = filtered
    .map((doc, position) => ({ doc, position, score: words.length ? words.filter((w) => matches(doc, w)).length / words.length : 1 }))
    .filter(({ doc }) => required.every((w) => matches(doc, w)));

  const rules = (settings.rankingRules ?? ["words", "typo", "proximity", "attribute", "sort", "exactness"])
    .map((r) => /^([\w.]+):(asc|desc)$/.exec(r))
    .filter((m): m is RegExpExecArray => m !== null);
  const order = [
    ...sort.map((s) => compareBy(s.split(":")[0]!, s.split(":")[1]!)),
    (a: Scored, b: Scored) => b.score - a.score,
    ...rules.map((m) => compareBy(m[1]!, m[2]!)),
    (a: Scored, b: Scored) => a.position - b.position,
  ];
  found.sort((a, b) => {
    for (const c of order) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });

  let facetDistribution: Record<string, Record<string, number>> | undefined;
  if (query.facets) {
    facetDistribution = {};
    for (const facet of query.facets) {
      const counts: Record<string, number> = {};
      for (const { doc } of found) {
        const v = doc[facet];
        for (const value of Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
      }
      facetDistribution[facet] = counts;
    }
  }
  return { hits: found, facetDistribution };
}

function validateSearch(body: SearchQueryBody, allowed: string[], where = ""): void {
  unknownField(body, allowed, where);
}

function pickFields(doc: Doc, fields: unknown): Doc {
  if (!Array.isArray(fields) || fields.includes("*")) return { ...doc };
  return Object.fromEntries(fields.filter((f: string) => f in doc).map((f: string) => [f, doc[f]]));
}

export function createMeilisearchMock(host: string = MEILISEARCH_TEST_HOST): MeilisearchMock {
  let nextTaskUid = 1;
  const tasks = new Map<number, MockTask>();

  const mock: MeilisearchMock = {
    handlers: [],
    requests: [],
    version: "1.10.0",
    indexes: new Set(),
    documents: new Map(),
    settings: new Map(),
    failTask: () => null,
    answer: null,
    seed(uid, settings, documents = []) {
      mock.indexes.add(uid);
      mock.settings.set(uid, { ...(settings as MockSettings) });
      mock.documents.set(uid, new Map(documents.map((d) => [d.id as number, d])));
    },
    calls: () => mock.requests.filter((r) => !(r.method === "GET" && (r.path.startsWith("/tasks/") || r.path === "/version"))),
    reset() {
      mock.requests.length = 0;
      mock.version = "1.10.0";
      mock.indexes.clear();
      mock.documents.clear();
      mock.settings.clear();
      mock.failTask = () => null;
      mock.answer = null;
      tasks.clear();
      nextTaskUid = 1;
    },
  };

  async function record(request: Request): Promise<unknown> {
    const url = new URL(request.url);
    const text = await request.clone().text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    mock.requests.push({ method: request.method, path: url.pathname, searchParams: url.searchParams, headers: request.headers, body });
    return body;
  }

  const taskError = (message: string, code: string) => errorBody(message, code);
  const docsOf = (uid: string) => {
    let docs = mock.documents.get(uid);
    if (!docs) mock.documents.set(uid, (docs = new Map()));
    return docs;
  };
  const fail = (error: unknown) => {
    if (error instanceof MeiliError) return HttpResponse.json(errorBody(error.message, error.code), { status: error.status });
    throw error;
  };

  /**
   * Accepts a task; it is processed at once (the effect runs unless it fails) and polled later.
   * `effect` returns an error to fail the task the way Meilisearch would (e.g. index_not_found).
   */
  function enqueue(indexUid: string | null, type: string, effect: () => { message: string; code: string } | null | void = () => null) {
    const taskUid = nextTaskUid++;
    const enqueuedAt = new Date().toISOString();
    const injected = mock.failTask({ uid: taskUid, indexUid, type, enqueuedAt });
    const failure = injected ?? effect() ?? null;
    tasks.set(taskUid, { uid: taskUid, indexUid, type, enqueuedAt, error: failure ? taskError(failure.message, failure.code) : null });
    return HttpResponse.json({ taskUid, indexUid, status: "enqueued", type, enqueuedAt }, { status: 202 });
  }
  const missingIndex = (uid: string) => ({ message: `Index \`${uid}\` not found.`, code: "index_not_found" });

  const uidOf = (params: Record<string, string | readonly string[] | undefined>) => String(params.uid);

  /** One search's result, in the shape its pagination asks for. */
  function searchResult(uid: string, query: SearchQueryBody) {
    if (!mock.indexes.has(uid)) throw new MeiliError(missingIndex(uid).message, "index_not_found", 404);
    const evaluated = evaluate(uid, query, mock);
    const answer = mock.answer?.(query);
    const docs = mock.documents.get(uid);
    const hits = answer
      ? answer.ids.map((id) => ({ doc: docs?.get(id) ?? { id }, score: 1 }))
      : evaluated.hits;
    const total = answer ? answer.totalHits : evaluated.hits.length;
    const facetDistribution = answer
      ? answer.facetDistribution ?? (query.facets ? Object.fromEntries(query.facets.map((f) => [f, {}])) : undefined)
      : evaluated.facetDistribution;
    const shape = (slice: typeof hits) => slice.map(({ doc, score }) => ({
      ...pickFields(doc, query.attributesToRetrieve),
      ...(query.showRankingScore ? { _rankingScore: score } : {}),
    }));
    const facets = facetDistribution ? { facetDistribution, facetStats: {} } : {};
    const base = { query: typeof query.q === "string" ? query.q : "", processingTimeMs: 1 };
    if (query.page !== undefined || query.hitsPerPage !== undefined) {
      const hitsPerPage = query.hitsPerPage ?? 20;
      const page = query.page ?? 1;
      const start = (page - 1) * hitsPerPage;
      return {
        hits: hitsPerPage === 0 ? [] : shape(answer ? hits : hits.slice(start, start + hitsPerPage)),
        ...base, hitsPerPage, page,
        totalPages: hitsPerPage === 0 ? 0 : Math.ceil(total / hitsPerPage),
        totalHits: total,
        ...facets,
      };
    }
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    return { hits: shape(answer ? hits.slice(0, limit) : hits.slice(offset, offset + limit)), ...base, limit, offset, estimatedTotalHits: total, ...facets };
  }

  function federatedResult(queries: SearchQueryBody[], federation: Record<string, unknown>) {
    unknownField(federation, FEDERATION_FIELDS_1_10, " inside `.federation`");
    queries.forEach((query, i) => {
      for (const field of ["limit", "offset", "page", "hitsPerPage"]) {
        if (field in query) {
          throw new MeiliError(`Inside \`.queries[${i}]\`: Using pagination options is not allowed in federated queries.\n Hint: remove \`${field}\` from query #${i} or remove \`federation: {}\` from the request`, "invalid_multi_search_query_pagination");
        }
      }
    });
    const all = queries.flatMap((query, i) => {
      const uid = String(query.indexUid);
      if (!mock.indexes.has(uid)) throw new MeiliError(`Inside \`.queries[${i}]\`: ${missingIndex(uid).message}`, "index_not_found", 404);
      const weight = (query.federationOptions as { weight?: number } | undefined)?.weight ?? 1;
      return evaluate(uid, query, mock).hits.map((hit) => ({ ...hit, uid, i, weighted: hit.score * weight, query }));
    });
    all.sort((a, b) => b.weighted - a.weighted || a.i - b.i);
    // Each document once, with its best query's score (federated/perform.rs: documents_seen).
    const seen = new Set<string>();
    const merged = all.filter((h) => {
      const key = `${h.uid}/${String(h.doc.id)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const limit = (federation.limit as number | undefined) ?? 20;
    const offset = (federation.offset as number | undefined) ?? 0;
    return {
      hits: merged.slice(offset, offset + limit).map((h) => ({
        ...pickFields(h.doc, h.query.attributesToRetrieve),
        _federation: { indexUid: h.uid, queriesPosition: h.i, weightedRankingScore: h.weighted },
        ...(h.query.showRankingScore ? { _rankingScore: h.score } : {}),
      })),
      processingTimeMs: 1,
      limit,
      offset,
      estimatedTotalHits: merged.length,
    };
  }

  mock.handlers = [
    http.get(`${host}/version`, async ({ request }) => {
      await record(request);
      return HttpResponse.json({ commitSha: "0000000", commitDate: "2026-01-01T00:00:00Z", pkgVersion: mock.version });
    }),
    http.get(`${host}/tasks/:taskUid`, async ({ request, params }) => {
      await record(request);
      const uid = Number(params.taskUid);
      const task = tasks.get(uid);
      if (!task) return HttpResponse.json({ message: `Task \`${uid}\` not found.`, code: "task_not_found", type: "invalid_request", link: "" }, { status: 404 });
      const now = new Date().toISOString();
      return HttpResponse.json({
        uid,
        batchUid: uid,
        indexUid: task.indexUid,
        status: task.error ? "failed" : "succeeded",
        type: task.type,
        canceledBy: null,
        details: {},
        error: task.error,
        duration: "PT0.001S",
        enqueuedAt: task.enqueuedAt,
        startedAt: now,
        finishedAt: now,
      });
    }),
    http.get(`${host}/indexes/:uid`, async ({ request, params }) => {
      await record(request);
      const uid = uidOf(params);
      if (!mock.indexes.has(uid)) return HttpResponse.json(errorBody(missingIndex(uid).message, "index_not_found"), { status: 404 });
      const now = new Date().toISOString();
      return HttpResponse.json({ uid, primaryKey: "id", createdAt: now, updatedAt: now });
    }),
    http.get(`${host}/indexes/:uid/stats`, async ({ request, params }) => {
      await record(request);
      const uid = uidOf(params);
      if (!mock.indexes.has(uid)) return HttpResponse.json(taskError(missingIndex(uid).message, "index_not_found"), { status: 404 });
      return HttpResponse.json({ numberOfDocuments: docsOf(uid).size, rawDocumentDbSize: 0, avgDocumentSize: 0, isIndexing: false, numberOfEmbeddings: 0, numberOfEmbeddedDocuments: 0, fieldDistribution: {} });
    }),
    http.post(`${host}/indexes`, async ({ request }) => {
      const body = (await record(request)) as { uid: string };
      return enqueue(body.uid, "indexCreation", () => {
        if (mock.indexes.has(body.uid)) return { message: `Index \`${body.uid}\` already exists.`, code: "index_already_exists" };
        mock.indexes.add(body.uid);
        mock.documents.set(body.uid, new Map());
        mock.settings.set(body.uid, {});
      });
    }),
    http.delete(`${host}/indexes/:uid`, async ({ request, params }) => {
      await record(request);
      const uid = uidOf(params);
      return enqueue(uid, "indexDeletion", () => {
        if (!mock.indexes.delete(uid)) return missingIndex(uid);
        mock.documents.delete(uid);
        mock.settings.delete(uid);
      });
    }),
    http.post(`${host}/swap-indexes`, async ({ request }) => {
      const body = (await record(request)) as Record<string, unknown>[];
      try {
        // 1.10 to 1.17 know only `indexes`; `rename` came in 1.18.
        body.forEach((swap, i) => unknownField(swap, ["indexes"], ` inside \`[${i}]\``));
      } catch (error) {
        return fail(error);
      }
      return enqueue(null, "indexSwap", () => {
        for (const { indexes } of body as { indexes: [string, string] }[]) {
          const absent = indexes.find((uid) => !mock.indexes.has(uid));
          if (absent) return missingIndex(absent);
        }
        for (const { indexes: [a, b] } of body as { indexes: [string, string] }[]) {
          const docsA = docsOf(a);
          mock.documents.set(a, docsOf(b));
          mock.documents.set(b, docsA);
          const settingsA = mock.settings.get(a) ?? {};
          mock.settings.set(a, mock.settings.get(b) ?? {});
          mock.settings.set(b, settingsA);
        }
      });
    }),
    http.patch(`${host}/indexes/:uid/settings`, async ({ request, params }) => {
      const body = (await record(request)) as MockSettings;
      const uid = uidOf(params);
      try {
        unknownField(body, SETTINGS_FIELDS_1_10);
      } catch (error) {
        return fail(error);
      }
      // Applying settings to a missing index creates it, as the server does.
      return enqueue(uid, "settingsUpdate", () => {
        mock.indexes.add(uid);
        docsOf(uid);
        mock.settings.set(uid, { ...mock.settings.get(uid), ...body });
      });
    }),
    http.post(`${host}/indexes/:uid/documents`, async ({ request, params }) => {
      const body = (await record(request)) as { id: number }[];
      const uid = uidOf(params);
      // Adding documents creates a missing index, as Meilisearch does, with default settings (nothing filterable).
      return enqueue(uid, "documentAdditionOrUpdate", () => {
        mock.indexes.add(uid);
        if (!mock.settings.has(uid)) mock.settings.set(uid, {});
        for (const document of body) docsOf(uid).set(document.id, document);
      });
    }),
    http.post(`${host}/indexes/:uid/documents/delete-batch`, async ({ request, params }) => {
      const body = (await record(request)) as number[];
      const uid = uidOf(params);
      return enqueue(uid, "documentDeletion", () => {
        if (!mock.indexes.has(uid)) return missingIndex(uid);
        for (const id of body) docsOf(uid).delete(id);
      });
    }),
    http.delete(`${host}/indexes/:uid/documents`, async ({ request, params }) => {
      await record(request);
      const uid = uidOf(params);
      return enqueue(uid, "documentDeletion", () => {
        if (!mock.indexes.has(uid)) return missingIndex(uid);
        docsOf(uid).clear();
      });
    }),
    http.post(`${host}/indexes/:uid/search`, async ({ request, params }) => {
      const uid = uidOf(params);
      const body = (await record(request)) as SearchQueryBody;
      try {
        validateSearch(body, SEARCH_FIELDS_1_10);
        return HttpResponse.json(searchResult(uid, { ...body, indexUid: uid }));
      } catch (error) {
        return fail(error);
      }
    }),
    http.post(`${host}/multi-search`, async ({ request }) => {
      const body = (await record(request)) as { queries: SearchQueryBody[]; federation?: Record<string, unknown> };
      try {
        unknownField(body, ["queries", "federation"]);
        body.queries.forEach((query, i) => validateSearch(query, MULTI_SEARCH_FIELDS_1_10, ` inside \`.queries[${i}]\``));
        if (body.federation) return HttpResponse.json(federatedResult(body.queries, body.federation));
        const i = body.queries.findIndex((q) => q.federationOptions !== undefined);
        if (i >= 0) {
          throw new MeiliError(`Using \`federationOptions\` is not allowed in a non-federated search.\n Hint: remove \`federationOptions\` from query #${i} or add \`federation: {}\` to the request.`, "invalid_multi_search_federation_options");
        }
        return HttpResponse.json({
          results: body.queries.map((query, n) => {
            try {
              return { indexUid: query.indexUid, ...searchResult(String(query.indexUid), query) };
            } catch (error) {
              if (error instanceof MeiliError) throw new MeiliError(`Inside \`.queries[${n}]\`: ${error.message}`, error.code, error.status);
              throw error;
            }
          }),
        });
      } catch (error) {
        return fail(error);
      }
    }),
  ];
  return mock;
}

/** Every Meilisearch route answers with this error, as a broken or misconfigured server would. */
export function meilisearchErrorHandler(host: string = MEILISEARCH_TEST_HOST, status = 500): HttpHandler {
  return http.all(`${host}/*`, () =>
    HttpResponse.json({ message: "Internal error", code: "internal", type: "internal", link: "https://docs.meilisearch.com/errors#internal" }, { status }),
  );
}

/** Every Meilisearch route fails at the network level, as an unreachable server would. */
export function meilisearchNetworkErrorHandler(host: string = MEILISEARCH_TEST_HOST): HttpHandler {
  return http.all(`${host}/*`, () => HttpResponse.error());
}

/** Every Meilisearch route answers only after `ms` milliseconds, as an overloaded server would. */
export function meilisearchSlowHandler(host: string = MEILISEARCH_TEST_HOST, ms = 1000): HttpHandler {
  return http.all(`${host}/*`, async () => {
    await delay(ms);
    return HttpResponse.json({ results: [] });
  });
}

/**
 * The mock on an MSW server for one test file: listening from the first test (an unexpected request
 * fails it), handlers and stored state reset after each test, closed after the last.
 */
export function useMeilisearchMock() {
  const mock = createMeilisearchMock();
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    mock.reset();
  });
  afterAll(() => server.close());
  return { mock, server };
}

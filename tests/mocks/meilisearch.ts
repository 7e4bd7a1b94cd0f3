// MSW handlers that answer like a Meilisearch server and record every request, so tests can
// check exactly what our client code sends. Use with `setupServer(...mock.handlers)`.

import { delay, http, HttpResponse, type HttpHandler } from "msw";

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

/** What one search query finds: the mock turns it into a Meilisearch search result. */
export interface MockSearchAnswer {
  ids: number[];
  totalHits: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

export type SearchQueryBody = Record<string, unknown> & { indexUid?: string; facets?: string[]; hitsPerPage?: number; page?: number };

/** A task as the mock keeps it; `failTask` sees it to decide whether it fails. */
export interface MockTask {
  uid: number;
  indexUid: string | null;
  type: string;
  enqueuedAt: string;
  error: { message: string; code: string; type: string; link: string } | null;
}

export interface MeilisearchMock {
  handlers: HttpHandler[];
  requests: RecordedRequest[];
  /** Index uids that exist; `GET /indexes/:uid` answers 404 for others and creating one adds it. */
  indexes: Set<string>;
  /** The documents of each index by id, as the tasks that succeeded left them. */
  documents: Map<string, Map<number, Record<string, unknown>>>;
  /**
   * Decides whether a task fails (as Meilisearch reports a failure: the request is accepted with
   * 202, and the task polled later has status "failed"). Return the error, or null to succeed.
   */
  failTask: (task: Omit<MockTask, "error">) => { message: string; code: string } | null;
  /** How each search query is answered; by default nothing is found and every facet is empty. */
  answer: (query: SearchQueryBody) => MockSearchAnswer;
  /** Requests other than the task polls, which are noise in most assertions. */
  calls(): RecordedRequest[];
  reset(): void;
}

const noHits = (query: SearchQueryBody): MockSearchAnswer => ({
  ids: [],
  totalHits: 0,
  facetDistribution: query.facets ? Object.fromEntries(query.facets.map((f) => [f, {}])) : undefined,
});

function searchResult(query: SearchQueryBody, answer: MockSearchAnswer) {
  const hitsPerPage = query.hitsPerPage ?? 20;
  return {
    hits: hitsPerPage === 0 ? [] : answer.ids.map((id) => ({ id })),
    query: typeof query.q === "string" ? query.q : "",
    processingTimeMs: 1,
    hitsPerPage,
    page: query.page ?? 1,
    totalPages: hitsPerPage === 0 ? 0 : Math.ceil(answer.totalHits / hitsPerPage),
    totalHits: answer.totalHits,
    ...(answer.facetDistribution ? { facetDistribution: answer.facetDistribution, facetStats: {} } : {}),
  };
}

export function createMeilisearchMock(host: string = MEILISEARCH_TEST_HOST): MeilisearchMock {
  let nextTaskUid = 1;
  const tasks = new Map<number, MockTask>();

  const mock: MeilisearchMock = {
    handlers: [],
    requests: [],
    indexes: new Set(),
    documents: new Map(),
    failTask: () => null,
    answer: noHits,
    calls: () => mock.requests.filter((r) => !(r.method === "GET" && r.path.startsWith("/tasks/"))),
    reset() {
      mock.requests.length = 0;
      mock.indexes.clear();
      mock.documents.clear();
      mock.failTask = () => null;
      mock.answer = noHits;
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

  const taskError = (message: string, code: string) => ({ message, code, type: "invalid_request", link: `https://docs.meilisearch.com/errors#${code}` });
  const docsOf = (uid: string) => {
    let docs = mock.documents.get(uid);
    if (!docs) mock.documents.set(uid, (docs = new Map()));
    return docs;
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

  mock.handlers = [
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
      if (!mock.indexes.has(uid)) {
        return HttpResponse.json(
          { message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" },
          { status: 404 },
        );
      }
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
      });
    }),
    http.delete(`${host}/indexes/:uid`, async ({ request, params }) => {
      await record(request);
      const uid = uidOf(params);
      return enqueue(uid, "indexDeletion", () => {
        if (!mock.indexes.delete(uid)) return missingIndex(uid);
        mock.documents.delete(uid);
      });
    }),
    http.post(`${host}/swap-indexes`, async ({ request }) => {
      const body = (await record(request)) as { indexes: [string, string] }[];
      return enqueue(null, "indexSwap", () => {
        for (const { indexes } of body) {
          const absent = indexes.find((uid) => !mock.indexes.has(uid));
          if (absent) return missingIndex(absent);
        }
        for (const { indexes: [a, b] } of body) {
          const docsA = docsOf(a);
          mock.documents.set(a, docsOf(b));
          mock.documents.set(b, docsA);
        }
      });
    }),
    http.patch(`${host}/indexes/:uid/settings`, async ({ request, params }) => {
      await record(request);
      return enqueue(uidOf(params), "settingsUpdate");
    }),
    http.post(`${host}/indexes/:uid/documents`, async ({ request, params }) => {
      const body = (await record(request)) as { id: number }[];
      const uid = uidOf(params);
      // Adding documents creates a missing index, as Meilisearch does.
      return enqueue(uid, "documentAdditionOrUpdate", () => {
        mock.indexes.add(uid);
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
      const query = { ...((await record(request)) as SearchQueryBody), indexUid: uidOf(params) };
      return HttpResponse.json(searchResult(query, mock.answer(query)));
    }),
    http.post(`${host}/multi-search`, async ({ request }) => {
      const body = (await record(request)) as { queries: SearchQueryBody[] };
      return HttpResponse.json({
        results: body.queries.map((query) => ({ indexUid: query.indexUid, ...searchResult(query, mock.answer(query)) })),
      });
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

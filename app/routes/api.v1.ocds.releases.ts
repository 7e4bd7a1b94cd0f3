import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { parseCollectionRequest } from "~/domain/open-data/collection-request";
import { releasePackage, scenarioRelease } from "~/domain/open-data/ocds";
import { vocabularyLabeler } from "~/i18n/vocabulary-labeler";
import { loadScenarioRecords, pagePublicScenarioIds } from "~/models/scenario-records.server";
import { apiJson, apiProblem, listLinks } from "~/utils/api-response.server";
import { publicRequestUrl } from "~/utils/public-url.server";

// Every public scenario as an OCDS 1.1 release, in release packages of `limit` releases, in
// scenario order; `links.next` leads to the next package (docs/ocds-mapping.md).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = publicRequestUrl(request);
  const parsed = parseCollectionRequest(url.searchParams, "ocds-releases");
  if (!parsed.ok) return apiProblem(parsed.problem);
  const req = parsed.value;
  if (req.mode === "feed") {
    return apiProblem({ error: "feed_not_supported", message: "OCDS releases have no change feed; use /api/v1/scenarios?updatedSince=… to learn which scenarios changed." });
  }
  const afterId = req.position?.kind === "after" ? Number(req.position.key[0]) : null;
  if (afterId !== null && !Number.isInteger(afterId)) return apiProblem({ error: "invalid_cursor", message: "The cursor is not one this API issued." });

  const { ids, hasMore } = await pagePublicScenarioIds(db(), { afterId, limit: req.limit });
  const records = await loadScenarioRecords(db(), ids);
  const label = vocabularyLabeler("zh");
  const last = ids.at(-1);
  const { links } = listLinks(request, "ocds-releases", hasMore && last !== undefined ? { kind: "after", key: [last] } : null);
  return apiJson(releasePackage(records.map((r) => scenarioRelease(r, { baseUrl: url.origin, label })), { uri: url.toString(), baseUrl: url.origin, next: links.next }));
}

import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { getBenchmarkByNumber } from "~/models/public-benchmarks.server";
import { toApiBenchmark } from "~/utils/api";
import { apiJson, apiProblem } from "~/utils/api-response.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const number = (params.number ?? "").toUpperCase();
  const found = /^BM-\d{4}-\d{4}$/.test(number) ? await getBenchmarkByNumber(db(), number) : null;
  if (!found) return apiProblem({ error: "not_found", message: `No certified benchmark with number ${number.slice(0, 40)}` }, 404);
  return apiJson(toApiBenchmark(found));
}

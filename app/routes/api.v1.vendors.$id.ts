import type { LoaderFunctionArgs } from "react-router";
import { db } from "~/db/db.server";
import { loadVendorProfiles } from "~/models/public-vendors.server";
import { toApiVendor } from "~/utils/api";
import { apiJson, apiProblem } from "~/utils/api-response.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const raw = params.id ?? "";
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  const vendor = id === null ? undefined : (await loadVendorProfiles(db(), [id])).get(id);
  if (!vendor) return apiProblem({ error: "not_found", message: `No verified vendor with id ${raw.slice(0, 20)}` }, 404);
  return apiJson(toApiVendor(vendor));
}

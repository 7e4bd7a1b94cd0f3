// Planning and writing an imported scenario list. The plan is made from the database as it is (for
// the dry run) and made again inside the import's transaction, so what is written is what was
// checked at that moment.
import { sql } from "kysely";
import type { DB } from "~/db/db.server";
import { scenarioCode } from "~/domain/batch-rules";
import type { ScenarioImportField } from "~/domain/import/fields";
import type { ScenarioImportRow } from "~/domain/import/scenario-rows";
import type { CooperationMode, Tier } from "~/domain/vocabulary";
import { serialiseSourceFields } from "~/domain/import/source-fields";
import { parseScenarioCode } from "~/domain/import/source-key";
import { issueAt, type ImportIssue } from "~/domain/import/table";
import { declareIndustries, organisationId, organisationResolver, type OrganisationPlan } from "./import-organisations.server";

export type BatchChoice = { kind: "new"; publishedOn: string | null } | { kind: "none" } | { kind: "existing"; ordinal: number };

export interface RowOutcome {
  row: number;
  /** "error": the row has errors and is listed with them; nothing of the file is written then. */
  action: "create" | "update" | "unchanged" | "error";
  label: string;
  organisation: string;
  organisationAction: OrganisationPlan["action"] | null;
  code: string | null;
}

interface ExistingScenario {
  id: number;
  code: string | null;
  edition_id: number;
  organisation_id: number;
  title: string;
  description: string;
  requirements: string;
  acceptance_criteria: string;
  domain: string;
  venue_type: string | null;
  district: string;
  cooperation_mode: string;
  tier: string;
  budget_wan: number | null;
  period_start: string | null;
  period_end: string | null;
  site_access: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: string;
  proposal_deadline: string | null;
  source_key: string | null;
  version: number;
  published_at: string | null;
  source_json: string | null;
}

interface PlannedRow {
  row: ScenarioImportRow;
  organisation: OrganisationPlan;
  action: "create" | "update" | "unchanged";
  existing: ExistingScenario | null;
  code: string;
}

export interface ScenarioPlan {
  editionId: number | null;
  editionYear: number;
  batch: { ordinal: number; publishedAt: string; exists: boolean } | null;
  rows: PlannedRow[];
  errors: ImportIssue[];
  outcomes: RowOutcome[];
  organisationsCreated: number;
  /** The stored columns the file speaks for (see `providedColumns`). */
  provided: ReadonlySet<string>;
  /** A past list or another city's: the edition becomes an archive. */
  archive: boolean;
}

async function highestCodeNumber(db: DB, year: number): Promise<number> {
  const prefix = `NJ-${year}-`;
  const row = await db
    .selectFrom("scenarios")
    .where("code", "like", `${prefix}%`)
    .select(sql<number | null>`max(cast(substr(code, ${prefix.length + 1}) as integer))`.as("n"))
    .executeTakeFirst();
  return row?.n ?? 0;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

type ColumnName = keyof ReturnType<typeof columns>;

// Which stored columns each import field fills: a re-import changes only what its file has columns
// (or list-wide values) for, so a list without 验收标准 does not blank the acceptance criteria.
const COLUMNS_OF: Partial<Record<ScenarioImportField, ColumnName[]>> = {
  title: ["title"], description: ["description"], requirements: ["requirements"], acceptanceCriteria: ["acceptance_criteria"],
  domain: ["domain"], venueType: ["venue_type"], district: ["district"], cooperationMode: ["cooperation_mode"], tier: ["tier"],
  budgetWan: ["budget_wan"], period: ["period_start", "period_end"], periodStart: ["period_start"], periodEnd: ["period_end"],
  siteAccess: ["site_access"], contact: ["contact_name", "contact_phone", "contact_email"], contactName: ["contact_name"],
  contactPhone: ["contact_phone"], contactEmail: ["contact_email"], status: ["status"], deadline: ["proposal_deadline"],
  publishedOn: ["published_at"],
};
// Fields whose text (or whose text outside our vocabulary) is kept among the source fields.
const SOURCE_COLUMN_FIELDS: ScenarioImportField[] = ["publisher", "city", "sourceList", "outcome", "solution", "domain", "district", "publishedOn"];

/** The stored columns a file speaks for, from its mapped columns and list-wide values. */
export function providedColumns(fields: Iterable<ScenarioImportField>): Set<ColumnName | "capabilities"> {
  const provided = new Set<ColumnName | "capabilities">();
  for (const field of fields) {
    for (const column of COLUMNS_OF[field] ?? []) provided.add(column);
    if (SOURCE_COLUMN_FIELDS.includes(field)) provided.add("source_json");
    if (field === "capabilities") provided.add("capabilities");
  }
  return provided;
}

function pick(cols: ReturnType<typeof columns>, provided: ReadonlySet<string>) {
  return Object.fromEntries(Object.entries(cols).filter(([k]) => provided.has(k))) as Partial<ReturnType<typeof columns>>;
}

/**
 * The columns a row sets, as stored. An archive may leave district, cooperation mode and tier empty
 * (the list does not say): stored as "" and shown as 未注明 (`vocabularyLabel`), never invented.
 */
function columns(row: ScenarioImportRow) {
  return {
    title: row.title, description: row.description, requirements: row.requirements, acceptance_criteria: row.acceptanceCriteria,
    domain: row.domain, venue_type: row.venueType, district: row.district, cooperation_mode: row.cooperationMode as CooperationMode, tier: row.tier as Tier,
    budget_wan: row.budgetWan, period_start: row.periodStart, period_end: row.periodEnd, site_access: row.siteAccess,
    contact_name: row.contactName, contact_phone: row.contactPhone, contact_email: row.contactEmail, status: row.status,
    proposal_deadline: row.deadline, source_json: serialiseSourceFields(row.source),
    // The source's 发布日期 is the scenario's publication date (10:00 Beijing time that day).
    published_at: row.publishedOn ? new Date(`${row.publishedOn}T10:00:00+08:00`).toISOString() : null,
  } as const;
}

function differs(existing: ExistingScenario, row: ScenarioImportRow, organisation: OrganisationPlan, capabilities: string[], provided: ReadonlySet<string>): boolean {
  const cols = pick(columns(row), provided);
  if (organisation.action === "create" || organisation.id !== existing.organisation_id) return true;
  if ((Object.keys(cols) as ColumnName[]).some((k) => (existing[k] ?? null) !== (cols[k] ?? null))) return true;
  return provided.has("capabilities") && !sameSet(capabilities, row.capabilities);
}

export async function planScenarioImport(
  db: DB,
  input: {
    rows: ScenarioImportRow[];
    headers: string[];
    columnOf: (field: string) => number | null;
    /** From `providedColumns`. */
    provided: ReadonlySet<string>;
    editionYear: number;
    batch: BatchChoice;
    now: Date;
    archive?: boolean;
  },
): Promise<ScenarioPlan> {
  const { rows, headers, editionYear, now } = input;
  const errors: ImportIssue[] = [];
  const at = (row: number, field: string | null, key: string, values?: Record<string, string | number>) =>
    errors.push(issueAt(row, field ? input.columnOf(field) : null, headers, key, values));

  const edition = await db.selectFrom("editions").where("year", "=", editionYear).select(["id", "call_status"]).executeTakeFirst();
  // An edition whose call is open is the live list: it cannot be turned into an archive.
  if (input.archive && edition?.call_status === "open") errors.push(issueAt(null, null, headers, "import.error.archiveOpenEdition", { year: editionYear }));
  const codes = rows.flatMap((r) => (r.code ? [r.code] : []));
  const keys = rows.map((r) => r.sourceKey);
  const select = db.selectFrom("scenarios").selectAll();
  const existing: ExistingScenario[] = [];
  for (let i = 0; i < Math.max(codes.length, keys.length); i += 500) {
    const someCodes = codes.slice(i, i + 500);
    const someKeys = keys.slice(i, i + 500);
    existing.push(...((await select.where((eb) => eb.or([eb("code", "in", someCodes.length ? someCodes : [""]), eb("source_key", "in", someKeys.length ? someKeys : [""])])).execute()) as ExistingScenario[]));
  }
  const byCode = new Map(existing.filter((e) => e.code).map((e) => [e.code!, e]));
  const byKey = new Map(existing.filter((e) => e.source_key).map((e) => [e.source_key!, e]));
  const capabilityRows = existing.length
    ? await db.selectFrom("scenario_capabilities as sc").innerJoin("capabilities as c", "c.id", "sc.capability_id").where("sc.scenario_id", "in", existing.map((e) => e.id)).select(["sc.scenario_id", "c.slug"]).execute()
    : [];
  const capabilitiesById = new Map<number, string[]>();
  for (const c of capabilityRows) capabilitiesById.set(c.scenario_id, [...(capabilitiesById.get(c.scenario_id) ?? []), c.slug]);
  const capsOf = (id: number) => capabilitiesById.get(id) ?? [];

  let next = Math.max(await highestCodeNumber(db, editionYear), ...codes.map((c) => Number(parseScenarioCode(c)?.code.slice(8) ?? 0))) + 1;
  const resolve = await organisationResolver(db, "demand");
  const planned: PlannedRow[] = [];
  const outcomes: RowOutcome[] = [];
  const createdOrgs = new Set<string>();

  for (const source of rows) {
    // An archive is a past call: its scenarios are closed, so every page, count, filter and feed
    // shows them as past through the one public phase, never as open.
    const row = input.archive && source.status === "published" ? { ...source, status: "closed" as const } : source;
    const organisation = resolve(row.organisation, row.creditCode);
    if (!("action" in organisation)) {
      at(row.rowNumber, "organisation", organisation.key, organisation.values);
      continue;
    }
    let match = row.code ? (byCode.get(row.code) ?? null) : null;
    const keyed = byKey.get(row.sourceKey) ?? null;
    if (!match && keyed) {
      if (row.code && keyed.code && keyed.code !== row.code) {
        at(row.rowNumber, "code", "import.error.codeMismatch", { code: row.code, other: keyed.code });
        continue;
      }
      match = keyed;
    } else if (match && keyed && keyed.id !== match.id) {
      at(row.rowNumber, "title", "import.error.keyTaken", { code: keyed.code ?? "" });
      continue;
    }
    if (match && edition && match.edition_id !== edition.id) {
      at(row.rowNumber, "code", "import.error.codeYear", { code: match.code ?? "", year: editionYear });
      continue;
    }

    // Matched, piloting and benchmark come from the platform's own workflow, never from a file.
    if (input.provided.has("status") && !["published", "closed"].includes(row.status) && row.status !== match?.status) {
      at(row.rowNumber, "status", "import.error.statusFromFile", { status: row.status });
      continue;
    }
    let action: PlannedRow["action"] = "create";
    if (match) {
      const changed = differs(match, row, organisation, capsOf(match.id), input.provided);
      action = changed ? "update" : "unchanged";
      if (changed) {
        const open = match.status === "published" && match.proposal_deadline !== null && new Date(match.proposal_deadline) > now;
        if (match.source_key === null) at(row.rowNumber, null, "import.error.platformScenario", { code: match.code ?? "" });
        else if (!["published", "closed"].includes(match.status)) at(row.rowNumber, null, "import.error.movedOn", { code: match.code ?? "", status: match.status });
        else if (match.status === "closed" && row.status === "published") at(row.rowNumber, "status", "import.error.reopen", { code: match.code ?? "" });
        else if (open) at(row.rowNumber, null, "import.error.openForProposals", { code: match.code ?? "" });
        else if (row.deadline && new Date(row.deadline) > now && row.deadline !== match.proposal_deadline) at(row.rowNumber, "deadline", "import.error.deadlineFuture");
      }
    } else if (row.deadline && new Date(row.deadline) > now) {
      // A deadline ahead would open bidding without the batch rules (window, notices): refuse it.
      at(row.rowNumber, "deadline", "import.error.deadlineFuture");
    }
    const code = match?.code ?? row.code ?? scenarioCode(editionYear, next++);
    if (organisation.action === "create") createdOrgs.add(organisation.ref);
    planned.push({ row, organisation, action, existing: match, code });
    outcomes.push({ row: row.rowNumber, action, label: row.title, organisation: organisation.name, organisationAction: organisation.action, code });
  }

  let batch: ScenarioPlan["batch"] = null;
  const creates = planned.some((p) => p.action === "create");
  if (input.batch.kind === "existing") {
    const found = edition
      ? await db.selectFrom("batches").where("edition_id", "=", edition.id).where("ordinal", "=", input.batch.ordinal).select(["ordinal", "published_at"]).executeTakeFirst()
      : undefined;
    if (!found) errors.push(issueAt(null, null, headers, "import.error.batchMissing", { ordinal: input.batch.ordinal, year: editionYear }));
    else batch = { ordinal: found.ordinal, publishedAt: found.published_at ?? now.toISOString(), exists: true };
  } else if (input.batch.kind === "new" && creates) {
    const last = edition ? await db.selectFrom("batches").where("edition_id", "=", edition.id).select((eb) => eb.fn.max("ordinal").as("n")).executeTakeFirst() : undefined;
    const day = input.batch.publishedOn;
    batch = { ordinal: (last?.n ?? 0) + 1, publishedAt: day ? new Date(`${day}T10:00:00+08:00`).toISOString() : now.toISOString(), exists: false };
  }
  return { editionId: edition?.id ?? null, editionYear, batch, rows: planned, errors, outcomes, organisationsCreated: createdOrgs.size, provided: input.provided, archive: input.archive === true };
}

/** Writes a plan with no errors. Returns the ids of every scenario created or changed, for the index. */
export async function writeScenarioPlan(
  trx: DB,
  plan: ScenarioPlan,
  input: { actorUserId: number | null; reason: string; now: Date; sha256: string },
): Promise<{ editionId: number; batchId: number | null; changedIds: number[] }> {
  const nowIso = input.now.toISOString();
  const editionId = plan.editionId ?? (await trx
    .insertInto("editions")
    .values({ year: plan.editionYear, title: `${plan.editionYear}年度人工智能场景机会清单`, call_status: "closed", archive: plan.archive ? 1 : 0 })
    .returning("id")
    .executeTakeFirstOrThrow()).id;
  // An archive import closes its edition for good: its scenarios are past, never open.
  if (plan.archive && plan.editionId !== null) await trx.updateTable("editions").set({ archive: 1, call_status: "closed" }).where("id", "=", editionId).execute();
  let batchId: number | null = null;
  if (plan.batch?.exists) {
    batchId = (await trx.selectFrom("batches").where("edition_id", "=", editionId).where("ordinal", "=", plan.batch.ordinal).select("id").executeTakeFirstOrThrow()).id;
  } else if (plan.batch) {
    batchId = (await trx.insertInto("batches").values({ edition_id: editionId, ordinal: plan.batch.ordinal, published_at: plan.batch.publishedAt }).returning("id").executeTakeFirstOrThrow()).id;
  }
  const publishedAt = plan.batch?.publishedAt ?? nowIso;
  const capabilityIds = new Map((await trx.selectFrom("capabilities").select(["id", "slug"]).execute()).map((c) => [c.slug, c.id]));
  const createdOrgs = new Map<string, number>();
  const history: { scenario_id: number; from_status: "published" | null; to_status: "published" | "closed"; actor_user_id: number | null; reason: string }[] = [];
  const links: { scenario_id: number; capability_id: number }[] = [];
  const changedIds: number[] = [];

  for (const p of plan.rows) {
    if (p.action === "unchanged") continue;
    // An organisation created by an archive gets no district: its list's district is not an address.
    const organisationIdValue = await organisationId(trx, p.organisation, createdOrgs, { kind: "demand", district: plan.archive ? "" : p.row.district, importedFrom: input.sha256 });
    await declareIndustries(trx, organisationIdValue, p.row.industries);
    const cols = columns(p.row);
    let id: number;
    if (p.existing) {
      id = p.existing.id;
      await trx
        .updateTable("scenarios")
        .set({ ...pick(cols, plan.provided), organisation_id: organisationIdValue, source_key: p.row.sourceKey, updated_at: nowIso, version: p.existing.version + 1 })
        .where("id", "=", id)
        .execute();
      if (plan.provided.has("status") && p.existing.status === "published" && p.row.status === "closed") {
        history.push({ scenario_id: id, from_status: "published", to_status: "closed", actor_user_id: input.actorUserId, reason: input.reason });
      }
      if (plan.provided.has("capabilities")) await trx.deleteFrom("scenario_capabilities").where("scenario_id", "=", id).execute();
      else {
        changedIds.push(id);
        continue;
      }
    } else {
      id = (await trx
        .insertInto("scenarios")
        .values({
          ...cols, code: p.code, edition_id: editionId, batch_id: batchId, organisation_id: organisationIdValue, published_at: cols.published_at ?? publishedAt,
          created_by: input.actorUserId, source_key: p.row.sourceKey,
        })
        .returning("id")
        .executeTakeFirstOrThrow()).id;
      history.push({ scenario_id: id, from_status: null, to_status: "published", actor_user_id: input.actorUserId, reason: input.reason });
      if (p.row.status === "closed") history.push({ scenario_id: id, from_status: "published", to_status: "closed", actor_user_id: input.actorUserId, reason: input.reason });
    }
    for (const slug of p.row.capabilities) {
      const capability = capabilityIds.get(slug);
      if (capability !== undefined) links.push({ scenario_id: id, capability_id: capability });
    }
    changedIds.push(id);
  }
  for (let i = 0; i < history.length; i += 200) await trx.insertInto("scenario_status_history").values(history.slice(i, i + 200)).execute();
  for (let i = 0; i < links.length; i += 300) await trx.insertInto("scenario_capabilities").values(links.slice(i, i + 300)).execute();
  return { editionId, batchId, changedIds };
}


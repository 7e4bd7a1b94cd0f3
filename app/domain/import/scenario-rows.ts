// Checks every row of a scenario list against the confirmed column mapping and turns it into a
// typed row, or into errors that name the row and the column. Nothing here reads or writes.
import { checkCreditCode } from "../credit-code";
import { MAX_CAPABILITIES, MAX_LONG_TEXT } from "../forms/scenario";
import type { CooperationMode, District, Domain, Tier, VenueType } from "../vocabulary";
import { ARCHIVE_REQUIRED, SCENARIO_REQUIRED, type ImportField, type ScenarioDefaultable, type ScenarioImportField } from "./fields";
import { cleanSourceFields, type SourceFields } from "./source-fields";
import { parseScenarioCode, scenarioSourceKey } from "./source-key";
import { issueAt, type ImportIssue, type SheetTable } from "./table";
import {
  allowedValues,
  domainLabel,
  isEmail,
  mapCapabilities,
  mapCooperationMode,
  mapDistrict,
  mapDomain,
  mapIndustries,
  mapStatus,
  nearestDomain,
  normaliseValue,
  mapTier,
  mapVenueType,
  parseBudget,
  parseDate,
  parseDeadline,
  parsePeriod,
  splitContact,
  type ImportStatus,
} from "./values";

export interface ScenarioImportRow {
  rowNumber: number;
  sourceKey: string;
  /** One of our codes (NJ-2025-0012) when the file has it. */
  code: string | null;
  title: string;
  organisation: string;
  creditCode: string | null;
  domain: Domain;
  venueType: VenueType | null;
  /** Empty only in an archive whose list has no such column: shown as 未注明, never invented. */
  district: District | "";
  cooperationMode: CooperationMode | "";
  tier: Tier | "";
  budgetWan: number | null;
  description: string;
  requirements: string;
  acceptanceCriteria: string;
  periodStart: string | null;
  periodEnd: string | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  capabilities: string[];
  status: ImportStatus;
  /** ISO timestamp: the end of the deadline day in Beijing. */
  deadline: string | null;
  siteAccess: string;
  /** The source's publication date (发布日期), YYYY-MM-DD. */
  publishedOn: string | null;
  /** What the source printed with no column of ours. */
  source: SourceFields | null;
  /** Industry codes from an industries column: declared for the demand organisation. */
  industries: string[];
}

export type ScenarioDefaults = Partial<Record<ScenarioDefaultable, string>>;

export interface RowCheck<Row> {
  rows: Row[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

const LIMITS: Partial<Record<ScenarioImportField, number>> = {
  title: 100, organisation: 100, description: MAX_LONG_TEXT, requirements: MAX_LONG_TEXT, acceptanceCriteria: MAX_LONG_TEXT,
  siteAccess: 1000, contactName: 50, contactPhone: 30, contactEmail: 100,
};

/** Problems with the mapping itself: a required field with neither a column nor a default, a field mapped twice. */
export function mappingProblems(
  headers: readonly string[],
  mapping: readonly (ImportField | null)[],
  required: readonly ImportField[],
  defaults: Record<string, string | undefined>,
): ImportIssue[] {
  const problems: ImportIssue[] = [];
  const seen = new Map<ImportField, number>();
  mapping.forEach((field, col) => {
    if (!field) return;
    const first = seen.get(field);
    if (first !== undefined) problems.push(issueAt(null, col, headers, "import.error.mappedTwice", { field, other: headers[first] ?? "" }));
    else seen.set(field, col);
  });
  for (const field of required) {
    if (!seen.has(field) && !defaults[field]?.trim()) problems.push(issueAt(null, null, headers, "import.error.missingColumn", { field }));
  }
  return problems;
}

/** A row where only one cell has text and the title is empty: a section heading such as “一、智能制造”. */
function isSectionRow(cells: readonly string[], titleCol: number | undefined): boolean {
  const filled = cells.filter((c) => c.trim() !== "").length;
  return filled === 1 && (titleCol === undefined || !cells[titleCol]?.trim());
}

export function checkScenarioRows(
  table: SheetTable,
  mapping: readonly (ImportField | null)[],
  options: { editionYear: number; defaults: ScenarioDefaults; archive?: boolean },
): RowCheck<ScenarioImportRow> {
  const { headers } = table;
  const defaults = options.defaults;
  const archive = options.archive === true;
  const errors = mappingProblems(headers, mapping, archive ? ARCHIVE_REQUIRED : SCENARIO_REQUIRED, defaults);
  const warnings: ImportIssue[] = [];
  if (errors.length) return { rows: [], errors, warnings };

  const colOf = new Map<ImportField, number>();
  mapping.forEach((field, col) => field && !colOf.has(field) && colOf.set(field, col));
  const rows: ScenarioImportRow[] = [];
  const seqSeen = new Map<string, number>();
  const keySeen = new Map<string, number>();
  const codeSeen = new Map<string, number>();

  for (const { rowNumber, cells } of table.rows) {
    if (cells.every((c) => c.trim() === "")) continue;
    if (isSectionRow(cells, colOf.get("title"))) {
      warnings.push(issueAt(rowNumber, null, headers, "import.warning.sectionRow", { text: cells.find((c) => c.trim())!.trim().slice(0, 40) }));
      continue;
    }
    const rowErrors: ImportIssue[] = [];
    const fail = (field: ScenarioImportField | null, key: string, values?: Record<string, string | number>) =>
      rowErrors.push(issueAt(rowNumber, field ? (colOf.get(field) ?? null) : null, headers, key, values));
    const warn = (field: ScenarioImportField, key: string, values?: Record<string, string | number>) =>
      warnings.push(issueAt(rowNumber, colOf.get(field) ?? null, headers, key, values));
    const cell = (field: ScenarioImportField): string => {
      const col = colOf.get(field);
      return col === undefined ? "" : (cells[col] ?? "").trim();
    };
    const text = (field: ScenarioImportField): string => {
      const value = cell(field);
      const max = LIMITS[field];
      if (max !== undefined && value.length > max) fail(field, "import.error.tooLong", { max, length: value.length });
      return value;
    };
    /** The cell, or the file-wide default when the cell is empty; an error when neither is there. */
    const choice = <T>(field: ScenarioDefaultable, map: (raw: string) => T | null, allowed: string[]): T | null => {
      const raw = cell(field);
      if (raw) {
        const value = map(raw);
        if (value === null) fail(field, "import.error.unknownValue", { value: raw.slice(0, 40), allowed: allowed.join("、") });
        return value;
      }
      const fallback = defaults[field]?.trim();
      if (fallback) {
        const value = map(fallback);
        if (value === null) fail(field, "import.error.badDefault", { value: fallback.slice(0, 40) });
        return value;
      }
      // An archive keeps what its list did not say empty (未注明) instead of asking for it.
      if (archive && field !== "domain" && field !== "organisation") return "" as unknown as T;
      fail(field, "import.error.empty");
      return null;
    };

    // A list's 序号 is its own numbering (often restarting per section): a repeat is worth a look, not a refusal.
    const seq = cell("seq");
    if (seq) {
      const first = seqSeen.get(seq);
      if (first !== undefined) warn("seq", "import.warning.duplicateSeq", { seq, first });
      else seqSeen.set(seq, rowNumber);
    }

    const title = text("title");
    if (!title) fail("title", "import.error.empty");
    const organisation = cell("organisation") || defaults.organisation?.trim() || "";
    if (!organisation) fail("organisation", "import.error.empty");
    else if (organisation.length > 100) fail("organisation", "import.error.tooLong", { max: 100, length: organisation.length });

    let creditCode: string | null = null;
    const rawCredit = cell("creditCode");
    if (rawCredit) {
      const checked = checkCreditCode(rawCredit);
      if (checked.ok) creditCode = checked.code;
      else fail("creditCode", `import.error.creditCode.${checked.problem}`, { value: rawCredit.slice(0, 30) });
    }

    let code: string | null = null;
    const rawCode = cell("code");
    if (rawCode) {
      const parsed = parseScenarioCode(rawCode);
      if (!parsed) warn("code", "import.warning.foreignCode", { value: rawCode.slice(0, 30) });
      else if (parsed.year !== options.editionYear) fail("code", "import.error.codeYear", { code: parsed.code, year: options.editionYear });
      else {
        const first = codeSeen.get(parsed.code);
        if (first !== undefined) fail("code", "import.error.duplicateCode", { code: parsed.code, first });
        else codeSeen.set(parsed.code, rowNumber);
        code = parsed.code;
      }
    }

    // A category outside the six domains keeps its text (in the source fields) and lands in the
    // nearest domain, with a warning, instead of stopping the row.
    const rawDomain = cell("domain");
    let category = "";
    const domain = choice("domain", (raw) => {
      const near = nearestDomain(raw);
      if (near && !near.exact && raw === rawDomain) {
        warn("domain", "import.warning.nearestValue", { value: raw.slice(0, 40), mapped: near.domain });
        category = raw;
      }
      if (near) return near.domain;
      // Nothing near: the office's value for the whole list, when it gave one, with the same warning.
      const fallback = defaults.domain?.trim();
      if (fallback && raw === rawDomain && mapDomain(fallback)) {
        warn("domain", "import.warning.nearestValue", { value: raw.slice(0, 40), mapped: mapDomain(fallback)! });
        category = raw;
        return mapDomain(fallback);
      }
      return null;
    }, allowedValues("domain"));
    // The list's own words for its category are kept whenever they are not our label for the domain.
    if (rawDomain && !category && domain && normaliseValue(rawDomain) !== normaliseValue(domainLabel(domain))) category = rawDomain;
    // Another city's district is kept as its list printed it; Nanjing's own list must name one of ours.
    const rawDistrict = cell("district");
    let foreignDistrict = "";
    const district = archive && rawDistrict && !mapDistrict(rawDistrict)
      ? ((foreignDistrict = rawDistrict), "" as const)
      : choice("district", mapDistrict, ["玄武区", "秦淮区", "…", "江北新区"]);
    const cooperationMode = choice("cooperationMode", mapCooperationMode, allowedValues("cooperationMode"));
    const tier = choice("tier", mapTier, allowedValues("tier"));
    const status: ImportStatus = cell("status") || defaults.status ? (choice("status", mapStatus, allowedValues("status")) ?? "published") : "published";

    let venueType: VenueType | null = null;
    const rawVenue = cell("venueType");
    if (rawVenue) {
      venueType = mapVenueType(rawVenue);
      if (!venueType) fail("venueType", "import.error.unknownValue", { value: rawVenue.slice(0, 40), allowed: allowedValues("venueType").join("、") });
    }

    let budgetWan: number | null = null;
    const rawBudget = cell("budgetWan");
    if (rawBudget) {
      const parsed = parseBudget(rawBudget);
      if (parsed.ok) budgetWan = parsed.value;
      else fail("budgetWan", "import.error.budget", { value: rawBudget.slice(0, 30) });
    }

    let periodStart: string | null = null;
    let periodEnd: string | null = null;
    const rawPeriod = cell("period");
    if (rawPeriod) {
      const parsed = parsePeriod(rawPeriod);
      if (parsed) ({ start: periodStart, end: periodEnd } = parsed);
      else warn("period", "import.warning.period", { value: rawPeriod.slice(0, 40) });
    }
    for (const [field, end] of [["periodStart", false], ["periodEnd", true]] as const) {
      const raw = cell(field);
      if (!raw) continue;
      const parsed = parseDate(raw, end);
      if (!parsed) fail(field, "import.error.date", { value: raw.slice(0, 30) });
      else if (end) periodEnd = parsed;
      else periodStart = parsed;
    }
    if (periodStart && periodEnd && periodEnd < periodStart) fail("periodEnd", "import.error.periodOrder");

    let deadline: string | null = null;
    const rawDeadline = cell("deadline");
    if (rawDeadline) {
      deadline = parseDeadline(rawDeadline);
      if (!deadline) fail("deadline", "import.error.date", { value: rawDeadline.slice(0, 30) });
    }

    const combined = cell("contact") ? splitContact(cell("contact")) : { name: "", phone: "", email: "" };
    const contactName = text("contactName") || combined.name.slice(0, 50);
    let contactPhone = text("contactPhone") || combined.phone;
    if (contactPhone.length > 30) contactPhone = contactPhone.split(" / ")[0]!.slice(0, 30);
    const contactEmail = text("contactEmail") || combined.email;
    if (contactEmail && !isEmail(contactEmail)) fail(cell("contactEmail") ? "contactEmail" : "contact", "import.error.email", { value: contactEmail.slice(0, 40) });

    let capabilities: string[] = [];
    const rawCaps = cell("capabilities");
    if (rawCaps) {
      const mapped = mapCapabilities(rawCaps);
      capabilities = mapped.slugs.slice(0, MAX_CAPABILITIES);
      if (mapped.unknown.length) warn("capabilities", "import.warning.unknownCapabilities", { terms: mapped.unknown.join("、").slice(0, 60) });
      if (mapped.slugs.length > MAX_CAPABILITIES) warn("capabilities", "import.warning.tooManyCapabilities", { max: MAX_CAPABILITIES });
    }

    let publishedOn: string | null = null;
    const rawPublished = cell("publishedOn");
    if (rawPublished) {
      publishedOn = parseDate(rawPublished) ?? (/^\d{4}年?$/.test(rawPublished.normalize("NFKC")) ? `${rawPublished.slice(0, 4)}-01-01` : null);
      if (!publishedOn) fail("publishedOn", "import.error.date", { value: rawPublished.slice(0, 30) });
    }
    let industries: string[] = [];
    if (cell("industries")) {
      const mapped = mapIndustries(cell("industries"));
      industries = mapped.codes;
      if (mapped.unknown.length) warn("industries", "import.warning.unknownTerm", { term: mapped.unknown.join("、").slice(0, 40) });
    }
    const source = cleanSourceFields({
      publisher: cell("publisher"), city: cell("city"), sourceList: cell("sourceList"), outcome: cell("outcome"),
      solution: cell("solution"), category, district: foreignDistrict, publishedOn: rawPublished,
    });

    const description = text("description");
    const requirements = text("requirements");
    const acceptanceCriteria = text("acceptanceCriteria");
    const siteAccess = text("siteAccess");

    // A row with one of our codes is that scenario: the platform lets an organisation post two
    // scenarios of one title, so only code-less rows are told apart by organisation and title.
    let sourceKey = code ?? "";
    if (!code && title && organisation) {
      sourceKey = scenarioSourceKey(options.editionYear, organisation, title);
      const first = keySeen.get(sourceKey);
      if (first !== undefined) fail("title", "import.error.duplicateRow", { first });
      else keySeen.set(sourceKey, rowNumber);
    }

    if (rowErrors.length || !domain || district === null || cooperationMode === null || tier === null) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber, sourceKey, code, title, organisation, creditCode, domain, venueType, district, cooperationMode, tier,
      budgetWan, description, requirements, acceptanceCriteria, periodStart, periodEnd, contactName, contactPhone,
      contactEmail, capabilities, status, deadline: status === "published" ? deadline : null, siteAccess, publishedOn, source, industries,
    });
  }
  return { rows, errors, warnings };
}

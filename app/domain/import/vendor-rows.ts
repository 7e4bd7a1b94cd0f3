// Checks a vendor capability list (场景能力清单: 场景能力名称 | 场景能力说明 | 单位名称 | …): each row is
// one product or capability of one vendor organisation.
import { checkCreditCode } from "../credit-code";
import { MAX_LONG_TEXT } from "../forms/scenario";
import type { District, Domain, ProductKind, VenueType } from "../vocabulary";
import { VENDOR_REQUIRED, type ImportField, type VendorDefaultable, type VendorImportField } from "./fields";
import { mappingProblems, type RowCheck } from "./scenario-rows";
import { normaliseName, normaliseTitle } from "./source-key";
import { issueAt, type ImportIssue, type SheetTable } from "./table";
import { allowedValues, capabilitiesInText, mapCapabilities, mapDistrict, mapDomain, mapIndustries, mapProductKind, mapVenueType, splitList } from "./values";

export interface VendorImportRow {
  rowNumber: number;
  /** Organisation and product name, normalised: the same product in a later list updates this one. */
  sourceKey: string;
  organisation: string;
  creditCode: string | null;
  productName: string;
  productDescription: string;
  productKind: ProductKind;
  filingNumber: string | null;
  capabilities: string[];
  /** True when no column lists capabilities and they were read from the name and description. */
  capabilitiesInferred: boolean;
  domains: Domain[];
  venueTypes: VenueType[];
  district: District | null;
  website: string | null;
  summary: string;
  referenceCase: { client: string; scenario: string; result: string } | null;
  /** Industry codes the list gives the vendor (类别 / 行业: 通用, 医疗, 金融 …): declared. */
  industries: string[];
}

export type VendorDefaults = Partial<Record<VendorDefaultable, string>>;

export function vendorSourceKey(organisation: string, productName: string): string {
  return `${normaliseName(organisation)}|${normaliseTitle(productName)}`;
}

export function checkVendorRows(table: SheetTable, mapping: readonly (ImportField | null)[], options: { defaults: VendorDefaults }): RowCheck<VendorImportRow> {
  const { headers } = table;
  const errors = mappingProblems(headers, mapping, VENDOR_REQUIRED, options.defaults);
  const warnings: ImportIssue[] = [];
  if (errors.length) return { rows: [], errors, warnings };
  const colOf = new Map<ImportField, number>();
  mapping.forEach((field, col) => field && !colOf.has(field) && colOf.set(field, col));
  const rows: VendorImportRow[] = [];
  const keySeen = new Map<string, number>();
  const seqSeen = new Map<string, number>();

  for (const { rowNumber, cells } of table.rows) {
    if (cells.every((c) => c.trim() === "")) continue;
    const rowErrors: ImportIssue[] = [];
    const fail = (field: VendorImportField, key: string, values?: Record<string, string | number>) =>
      rowErrors.push(issueAt(rowNumber, colOf.get(field) ?? null, headers, key, values));
    const warn = (field: VendorImportField, key: string, values?: Record<string, string | number>) =>
      warnings.push(issueAt(rowNumber, colOf.get(field) ?? null, headers, key, values));
    const cell = (field: VendorImportField) => {
      const col = colOf.get(field);
      return col === undefined ? "" : (cells[col] ?? "").trim();
    };
    const text = (field: VendorImportField, max: number) => {
      const value = cell(field);
      if (value.length > max) fail(field, "import.error.tooLong", { max, length: value.length });
      return value;
    };

    const seq = cell("seq");
    if (seq) {
      const first = seqSeen.get(seq);
      if (first !== undefined) warn("seq", "import.warning.duplicateSeq", { seq, first });
      else seqSeen.set(seq, rowNumber);
    }
    const productName = text("productName", 100);
    if (!productName) fail("productName", "import.error.empty");
    const organisation = text("organisation", 100);
    if (!organisation) fail("organisation", "import.error.empty");
    const productDescription = text("productDescription", MAX_LONG_TEXT);

    let creditCode: string | null = null;
    const rawCredit = cell("creditCode");
    if (rawCredit) {
      const checked = checkCreditCode(rawCredit);
      if (checked.ok) creditCode = checked.code;
      else fail("creditCode", `import.error.creditCode.${checked.problem}`, { value: rawCredit.slice(0, 30) });
    }

    let productKind: ProductKind | null = null;
    const rawKind = cell("productKind") || options.defaults.productKind?.trim() || "";
    if (!rawKind) fail("productKind", "import.error.empty");
    else {
      productKind = mapProductKind(rawKind);
      if (!productKind) fail("productKind", "import.error.unknownValue", { value: rawKind.slice(0, 40), allowed: allowedValues("productKind").join("、") });
    }

    let district: District | null = null;
    const rawDistrict = cell("district") || options.defaults.district?.trim() || "";
    if (rawDistrict) {
      district = mapDistrict(rawDistrict);
      if (!district) fail("district", "import.error.unknownValue", { value: rawDistrict.slice(0, 40), allowed: "玄武区、秦淮区、…、江北新区" });
    }

    const domains: Domain[] = [];
    for (const term of splitList(cell("domains"))) {
      const d = mapDomain(term);
      if (d) domains.includes(d) || domains.push(d);
      else warn("domains", "import.warning.unknownTerm", { term: term.slice(0, 30) });
    }
    const venueTypes: VenueType[] = [];
    for (const term of splitList(cell("venueTypes"))) {
      const v = mapVenueType(term);
      if (v) venueTypes.includes(v) || venueTypes.push(v);
      else warn("venueTypes", "import.warning.unknownTerm", { term: term.slice(0, 30) });
    }

    let capabilities: string[];
    let capabilitiesInferred = false;
    if (colOf.has("capabilities")) {
      const mapped = mapCapabilities(cell("capabilities"));
      capabilities = mapped.slugs;
      if (mapped.unknown.length) warn("capabilities", "import.warning.unknownCapabilities", { terms: mapped.unknown.join("、").slice(0, 60) });
    } else {
      capabilities = capabilitiesInText(`${productName} ${productDescription}`);
      capabilitiesInferred = capabilities.length > 0;
    }

    const website = text("website", 200) || null;
    if (website && !/^https?:\/\/\S+$/i.test(website)) fail("website", "import.error.website", { value: website.slice(0, 40) });
    const filingNumber = text("filingNumber", 100) || null;
    const summary = text("summary", 1000);
    const caseScenario = text("caseScenario", 200);
    const referenceCase = caseScenario ? { client: text("caseClient", 100), scenario: caseScenario, result: text("caseResult", 1000) } : null;

    let industries: string[] = [];
    if (cell("industries")) {
      const mapped = mapIndustries(cell("industries"));
      industries = mapped.codes;
      if (mapped.unknown.length) warn("industries", "import.warning.unknownTerm", { term: mapped.unknown.join("、").slice(0, 40) });
    }

    let sourceKey = "";
    if (productName && organisation) {
      sourceKey = vendorSourceKey(organisation, productName);
      const first = keySeen.get(sourceKey);
      if (first !== undefined) fail("productName", "import.error.duplicateRow", { first });
      else keySeen.set(sourceKey, rowNumber);
    }

    if (rowErrors.length || !productKind) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      rowNumber, sourceKey, organisation, creditCode, productName, productDescription, productKind,
      filingNumber, capabilities, capabilitiesInferred, domains, venueTypes, district, website, summary, referenceCase, industries,
    });
  }
  return { rows, errors, warnings };
}

// Every user-facing string, in Simplified Chinese (the default) and English, one module per area.
// `{name}` marks a value filled in by `translate`. A key missing from English is a type error.
import * as admin from "./messages/admin";
import * as amendments from "./messages/amendments";
import * as auth from "./messages/auth";
import * as benchmarkApply from "./messages/benchmark-apply";
import * as benchmarkReview from "./messages/benchmark-review";
import * as benchmarkNotice from "./messages/benchmark-notice";
import * as benchmarkShowcase from "./messages/benchmark-showcase";
import * as demand from "./messages/demand";
import * as importing from "./messages/import";
import * as lists from "./messages/lists";
import * as matching from "./messages/matching";
import * as openData from "./messages/open-data";
import * as phases from "./messages/phases";
import * as pilots from "./messages/pilots";
import * as proposals from "./messages/proposals";
import * as publicSite from "./messages/public";
import * as questions from "./messages/questions";
import * as review from "./messages/review";
import * as savedSearches from "./messages/saved-searches";
import * as searchAdmin from "./messages/search-admin";
import * as selection from "./messages/selection";
import * as vendor from "./messages/vendor";

export const zh = {
  ...publicSite.zh,
  ...auth.zh,
  ...demand.zh,
  ...review.zh,
  ...admin.zh,
  ...amendments.zh,
  ...questions.zh,
  ...selection.zh,
  ...proposals.zh,
  ...vendor.zh,
  ...savedSearches.zh,
  ...matching.zh,
  ...importing.zh,
  ...lists.zh,
  ...openData.zh,
  ...searchAdmin.zh,
  ...pilots.zh,
  ...benchmarkApply.zh,
  ...benchmarkReview.zh,
  ...benchmarkNotice.zh,
  ...benchmarkShowcase.zh,
  ...phases.zh,
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  ...publicSite.en,
  ...auth.en,
  ...demand.en,
  ...review.en,
  ...admin.en,
  ...amendments.en,
  ...questions.en,
  ...selection.en,
  ...proposals.en,
  ...vendor.en,
  ...savedSearches.en,
  ...matching.en,
  ...importing.en,
  ...lists.en,
  ...openData.en,
  ...searchAdmin.en,
  ...pilots.en,
  ...benchmarkApply.en,
  ...benchmarkReview.en,
  ...benchmarkNotice.en,
  ...benchmarkShowcase.en,
  ...phases.en,
};

// Every user-facing string, in Simplified Chinese (the default) and English, one module per area.
// `{name}` marks a value filled in by `translate`. A key missing from English is a type error.
import * as admin from "./messages/admin";
import * as amendments from "./messages/amendments";
import * as auth from "./messages/auth";
import * as demand from "./messages/demand";
import * as openData from "./messages/open-data";
import * as publicSite from "./messages/public";
import * as review from "./messages/review";

export const zh = { ...publicSite.zh, ...auth.zh, ...demand.zh, ...review.zh, ...admin.zh, ...amendments.zh, ...openData.zh } as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = { ...publicSite.en, ...auth.en, ...demand.en, ...review.en, ...admin.en, ...amendments.en, ...openData.en };

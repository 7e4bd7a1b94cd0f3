import type { Migration } from "kysely";
import * as initial from "./2026-11-28T1000-initial";
import * as accounts from "./2026-11-28T1400-accounts";
import * as vendorSide from "./2026-11-29T0900-vendor-side";
import * as importing from "./2026-11-29T1100-import";
import * as changeFeed from "./2026-11-29T1200-change-feed";
import * as searchOutbox from "./2026-11-29T1300-search-outbox";
import * as vendorIndex from "./2026-11-29T1310-vendor-index";
import * as savedSearches from "./2026-11-29T1320-saved-searches";
import * as pilots from "./2026-11-29T1400-pilots";
import * as benchmarks from "./2026-11-29T1500-benchmarks";
import * as listingPerformance from "./2026-11-29T1600-listing-performance";
import * as replicationsFeed from "./2026-11-29T1610-replications-feed";
import * as rateLimits from "./2026-12-08T1000-rate-limits";
import * as phaseIndex from "./2026-12-08T1100-phase-index";
import * as realLists from "./2026-12-08T1200-real-lists";
import * as matchFeatures from "./2026-12-08T1300-match-features";
import * as versionIndexes from "./2026-12-08T1400-version-indexes";

// Listed here rather than read from the folder, so that the server bundle, the scripts and the
// tests all carry the same migrations. Names sort in the order they run.
export const migrations: Record<string, Migration> = {
  "2026-11-28T1000-initial": initial,
  "2026-11-28T1400-accounts": accounts,
  "2026-11-29T0900-vendor-side": vendorSide,
  "2026-11-29T1100-import": importing,
  "2026-11-29T1200-change-feed": changeFeed,
  "2026-11-29T1300-search-outbox": searchOutbox,
  "2026-11-29T1310-vendor-index": vendorIndex,
  "2026-11-29T1320-saved-searches": savedSearches,
  "2026-11-29T1400-pilots": pilots,
  "2026-11-29T1500-benchmarks": benchmarks,
  "2026-11-29T1600-listing-performance": listingPerformance,
  "2026-11-29T1610-replications-feed": replicationsFeed,
  "2026-12-08T1000-rate-limits": rateLimits,
  "2026-12-08T1100-phase-index": phaseIndex,
  "2026-12-08T1200-real-lists": realLists,
  "2026-12-08T1300-match-features": matchFeatures,
  "2026-12-08T1400-version-indexes": versionIndexes,
};

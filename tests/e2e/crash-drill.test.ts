import { expect, inject, it } from "vitest";
import { runCrashDrill } from "../../scripts/crash-drill";

// The crash drill on a copy of the served database (taken with the online backup while the test
// server runs): SIGKILL in a burst of writes loses no acknowledged write and corrupts nothing, the
// search outbox catches up after the restart, and SIGTERM lets a request in flight finish.
it("loses no acknowledged write to SIGKILL, catches up the search outbox, and drains on SIGTERM", async () => {
  const result = await runCrashDrill({ databasePath: inject("databasePath"), appDir: inject("appDir"), seconds: 2, workers: 8 });
  expect(result.acknowledged.drafts + result.acknowledged.products).toBeGreaterThan(20);
  expect(result.failedRequests).toBe(0);
  expect(result.integrity).toBe("ok");
  expect(result.missing).toEqual([]);
  expect(result.outbox.caughtUpMs).not.toBeNull();
  expect(result.sigterm).toMatchObject({ inFlightStatus: 200, exitCode: 0 });
  expect(result.sigterm.inFlightBytes).toBeGreaterThan(10_000);
}, 120_000);

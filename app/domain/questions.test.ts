import { describe, expect, it } from "vitest";
import { askBlocked, canAnswer, canFollow, excerpt, isQuestionIntent, type QuestionScenario, type QuestionViewer } from "./questions";

const NOW = new Date("2026-11-20T02:00:00Z");
const open: QuestionScenario = { status: "published", organisationId: 7, proposalDeadline: "2026-12-20T09:00:00.000Z" };
const vendor: QuestionViewer = { role: "vendor_member", organisationId: 30, organisationVerified: true };
const owner: QuestionViewer = { role: "demand_member", organisationId: 7, organisationVerified: true };

describe("askBlocked", () => {
  it("lets a verified vendor ask on a published scenario before its deadline", () => {
    expect(askBlocked(vendor, open, NOW)).toBeNull();
    expect(askBlocked(vendor, { ...open, proposalDeadline: null }, NOW)).toBeNull();
  });

  it("closes questions at the deadline itself", () => {
    expect(askBlocked(vendor, { ...open, proposalDeadline: "2026-11-20T02:00:00.000Z" }, NOW)).toBe("deadline_passed");
    expect(askBlocked(vendor, { ...open, proposalDeadline: "2026-11-20T02:00:01.000Z" }, NOW)).toBeNull();
  });

  it("says why anyone else cannot", () => {
    expect(askBlocked(null, open, NOW)).toBe("sign_in");
    expect(askBlocked(owner, open, NOW)).toBe("not_vendor");
    expect(askBlocked({ role: "reviewer", organisationId: null, organisationVerified: false }, open, NOW)).toBe("not_vendor");
    expect(askBlocked({ ...vendor, organisationVerified: false }, open, NOW)).toBe("unverified");
    expect(askBlocked(vendor, { ...open, status: "matched" }, NOW)).toBe("not_open");
    // A closed scenario is closed whoever looks.
    expect(askBlocked(null, { ...open, status: "closed" }, NOW)).toBe("not_open");
  });
});

describe("canAnswer and canFollow", () => {
  it("lets only the owner's demand members answer, on a public scenario", () => {
    expect(canAnswer(owner, open)).toBe(true);
    expect(canAnswer(owner, { ...open, status: "matched" })).toBe(true);
    expect(canAnswer(owner, { ...open, status: "withdrawn" })).toBe(false);
    expect(canAnswer({ ...owner, organisationId: 8 }, open)).toBe(false);
    expect(canAnswer({ ...vendor, organisationId: 7 }, open)).toBe(false);
    expect(canAnswer(null, open)).toBe(false);
  });

  it("lets anyone signed in follow a public scenario", () => {
    expect(canFollow(vendor, open)).toBe(true);
    expect(canFollow({ role: "reviewer", organisationId: null, organisationVerified: false }, { ...open, status: "benchmark" })).toBe(true);
    expect(canFollow(null, open)).toBe(false);
    expect(canFollow(vendor, { ...open, status: "draft" })).toBe(false);
  });
});

describe("helpers", () => {
  it("knows the section's intents", () => {
    expect(["ask", "answer", "follow", "unfollow"].every(isQuestionIntent)).toBe(true);
    expect(isQuestionIntent("withdraw")).toBe(false);
    expect(isQuestionIntent(null)).toBe(false);
  });

  it("cuts an excerpt at a character and folds whitespace", () => {
    expect(excerpt("接口\n\n是否  开放", 20)).toBe("接口 是否 开放");
    expect(excerpt("一二三四五六", 4)).toBe("一二三…");
    expect(excerpt("🙂🙂🙂", 2)).toBe("🙂…");
  });
});

import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import { summarizeQuery } from "~/i18n/query-summary";
import { canonicalSavedQuery, isAlertDue, savedQuery } from "./saved-searches";

describe("saved search queries", () => {
  it("keeps one canonical form whatever the order, without page or bad values", () => {
    const a = canonicalSavedQuery(new URLSearchParams("district=鼓楼区&q=医院&page=4&domain=livelihood&domain=nonsense"));
    const b = canonicalSavedQuery(new URLSearchParams("q=医院&domain=livelihood&district=鼓楼区"));
    expect(a).toBe(b);
    expect(a).not.toContain("page");
    expect(a).not.toContain("nonsense");
  });

  it("reads as a summary in Chinese and English", () => {
    const query = savedQuery("q=智能客服&domain=livelihood&district=鼓楼区&district=江宁区&budgetMin=50&budgetMax=200&edition=2026&batch=2");
    expect(summarizeQuery(query, translator("zh"), "zh")).toBe("“智能客服” · 民生服务 · 鼓楼区、江宁区 · 2026年第二批 · 预算 50–200 万元");
    expect(summarizeQuery(query, translator("en"), "en")).toContain("Gulou, Jiangning");
    expect(summarizeQuery(savedQuery(""), translator("zh"), "zh")).toBe("全部场景");
  });
});

describe("when an alert is due", () => {
  const now = new Date("2026-11-20T08:00:00.000Z");
  it("immediate: every run; never run: at once", () => {
    expect(isAlertDue("immediate", "2026-11-20T07:59:00.000Z", now)).toBe(true);
    expect(isAlertDue("weekly", null, now)).toBe(true);
  });
  it("daily after a day, weekly after seven", () => {
    expect(isAlertDue("daily", "2026-11-19T12:00:00.000Z", now)).toBe(false);
    expect(isAlertDue("daily", "2026-11-19T08:00:00.000Z", now)).toBe(true);
    // A tick a minute early still counts, so the time of day does not drift.
    expect(isAlertDue("daily", "2026-11-19T08:01:00.000Z", now)).toBe(true);
    expect(isAlertDue("weekly", "2026-11-14T08:00:00.000Z", now)).toBe(false);
    expect(isAlertDue("weekly", "2026-11-13T08:00:00.000Z", now)).toBe(true);
  });
});

// From a running pilot to a certified benchmark (标杆), each step through the pages as the person at
// the screen would do it, asserting what they would see:
// 1. the hospital records a KPI measurement and a status update on one of its running pilots; the
//    vendor adds an update and an evidence PDF tied to that KPI; the hospital completes the pilot;
// 2. the hospital applies: a too-short narrative is refused next to the field and kept, a proper one
//    is accepted; the application waits for reviewers and shows no score;
// 3. the office assigns three eligible reviewers (the excluded ones are listed with their reasons);
// 4. each reviewer scores every criterion with a comment and submits; the applicants still see no
//    score, on the page or through the reviews API;
// 5. the office closes the review (mean above the pass mark → 公示); the applicants now see the
//    mean and the sheets, numbered and never named;
// 6. an anonymous visitor files an objection on the public notice;
// 7. the office resolves it as not upheld; certifying is refused while the notice runs (no button,
//    and a forced POST is refused); once the notice period is over (see step 7 for how) the office
//    certifies and the page gives the number BM-<year>-<nnnn>;
// 8. the benchmark is public: the open API returns it and /progress counts one more;
// 9. the showcase pages /benchmarks and /benchmarks/<number> list it with its measured KPI.
// The pilot is the demo hospital's lowest-numbered pilot that is running (active, scenario piloting)
// and has never applied, picked with a read-only query on the served database; no other browser test
// touches it, its vendor or its reviewers (reviewer@demo.local, which other tests use, is not picked).
import fs from "node:fs";
import Database from "better-sqlite3";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectAccessible, expectH1, shareBrowser, SHOTS, signIn as signInTo, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");
const databasePath = inject("databasePath");
const DEMAND = "demand@demo.local";
const ADMIN = "admin@demo.local";
const PDF = fs.readFileSync("tests/fixtures/files/minimal.pdf");

const texts = {
  demandUpdate: "第 6 周：试点科室全部班次启用新系统，护士站大屏与移动端同步推送，误报率持续下降。",
  vendorUpdate: "供应商：完成第二轮模型调优，夜间场景识别率提升，已向院方提交测量数据导出。",
  measurementNote: "连续 8 周实测，含两个高峰周",
  evidenceName: "指标实测报告.pdf",
  evidenceNote: "8 周实测数据汇总与院方签字确认",
  shortNarrative: "试点效果很好，建议推广。",
  narrative:
    "院方与供应商在试点科室部署了智能系统，覆盖全部班次。连续 8 周实测，记录的指标达到目标，" +
    "护士站大屏与移动端同步推送，一线人员使用顺畅。系统部署在院内机房，数据不出院；实施手册、接口说明和培训材料已整理成标准化包，" +
    "可在同类医院直接复制推广。",
  objector: { name: "张先生", contact: "zhang.objection@example.com" },
  objection: "据了解，申报材料中的测量数据只覆盖了部分科室，是否能代表全院效果，请攻坚办核实后再认定。",
  resolution: "经核查，测量覆盖试点涉及的全部科室和班次，测量方法与院方签字的数据一致。异议不成立。",
};

/** Points per criterion as a share of its weight, one reviewer each: every sheet passes, none is an outlier. */
const SHARES = [0.86, 0.8, 0.83];

interface Kpi {
  id: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  higherIsBetter: boolean;
}

/** What one step leaves for the next; `finished` holds the steps that got to their end. */
const story: {
  finished: Set<number>;
  certifiedBefore?: number;
  pilotId?: number;
  code?: string;
  title?: string;
  vendorEmail?: string;
  vendorName?: string;
  kpi?: Kpi;
  measured?: number;
  applicationId?: number;
  reviewers?: { name: string; email: string }[];
  totals?: number[];
  comments?: string[];
  mean?: number;
  number?: string;
} = { finished: new Set() };

let context: BrowserContext;

shareBrowser((c) => (context = c), { stepTimeout: 15_000, closeTabs: true });

const signIn = (email: string) => signInTo(context, email);

/** A read-only look at the served database, for facts the test needs before it can act (ids, e-mails). */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function requireStep(n: number) {
  if (!story.finished.has(n)) throw new Error(`Step ${n} did not finish, so this one cannot start`);
}

async function expectStatus(page: Page, text: string) {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** `text` for use inside a regular expression, whatever characters it has. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The round to one decimal the app shows and decides on. */
const round1 = (n: number) => Math.round(n * 10) / 10;
/** A number as the Chinese pages print it (at most one decimal, no grouping below 10 000). */
const shown = (n: number) => new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1, useGrouping: false }).format(n);

/** The certified count on /progress. */
async function certifiedCount(page: Page): Promise<number> {
  await page.goto(`${baseUrl}/progress`);
  await expectH1(page, "推进进度");
  const text = ((await page.getByTestId("certified-count").textContent()) ?? "").trim();
  expect(text).toMatch(/^\d+$/);
  return Number(text);
}

/** The applicants' page of the application, from the pilot workspace's link. */
async function openApplication(page: Page) {
  await page.goto(`${baseUrl}/pilots/${story.pilotId}`);
  await expectH1(page, story.title!);
  await page.getByRole("region", { name: "标杆申报" }).getByRole("link", { name: "查看申报详情" }).click();
  await page.waitForURL((url) => url.pathname === `/pilots/${story.pilotId}/benchmark`);
  await expectH1(page, `标杆申报：${story.title}`);
}

/** The reviews API as the signed-in page calls it. */
async function reviewsApi(page: Page): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
  }, `/api/v1/benchmark-applications/${story.applicationId}/reviews`);
}

/** One of the office's notice cards on /admin/notices. */
function noticeCard(page: Page): Locator {
  return page.locator(`li#application-${story.applicationId}`);
}

describe.sequential("from a running pilot to a certified benchmark", () => {
  it("1. the pair records a measurement, updates and an evidence PDF; the hospital completes the pilot", { timeout: 180_000 }, async () => {
    // /progress before anything happens, to compare at the end.
    await context.clearCookies();
    const visitor = await context.newPage();
    story.certifiedBefore = await certifiedCount(visitor);
    await visitor.close();

    const [pilot] = query<{ id: number; code: string; title: string; vendor_id: number; vendor_name: string }>(
      `SELECT p.id, s.code, s.title, p.vendor_id, v.name AS vendor_name
         FROM pilots p
         JOIN scenarios s ON s.id = p.scenario_id
         JOIN organisations v ON v.id = p.vendor_id
         JOIN users d ON d.organisation_id = s.organisation_id AND d.email = ?
        WHERE p.status = 'active' AND s.status = 'piloting'
          AND NOT EXISTS (SELECT 1 FROM benchmark_applications a WHERE a.pilot_id = p.id)
        ORDER BY p.id LIMIT 1`,
      DEMAND,
    );
    expect(pilot, "the seed has a running pilot of the demo hospital that never applied").toBeDefined();
    const [kpi] = query<{ id: number; name: string; unit: string; baseline: number; target: number; higher_is_better: number }>(
      "SELECT id, name, unit, baseline, target, higher_is_better FROM pilot_kpis WHERE pilot_id = ? ORDER BY id LIMIT 1",
      pilot!.id,
    );
    const [vendorMember] = query<{ email: string }>("SELECT email FROM users WHERE organisation_id = ? AND role = 'vendor_member' ORDER BY id LIMIT 1", pilot!.vendor_id);
    expect(kpi, "the pilot has a KPI").toBeDefined();
    expect(vendorMember, "the vendor has a member").toBeDefined();
    Object.assign(story, { pilotId: pilot!.id, code: pilot!.code, title: pilot!.title, vendorEmail: vendorMember!.email, vendorName: pilot!.vendor_name });
    story.kpi = { id: kpi!.id, name: kpi!.name, unit: kpi!.unit, baseline: kpi!.baseline, target: kpi!.target, higherIsBetter: kpi!.higher_is_better === 1 };
    // Past the target in the KPI's own direction, with a half so the number is easy to spot on a page.
    story.measured = story.kpi.higherIsBetter ? story.kpi.target + 2.5 : story.kpi.target - 2.5;
    const { title, code, pilotId } = story as Required<typeof story>;

    // The hospital finds the pilot from its own scenario list: the piloting tab, the scenario, its workspace.
    const owner = await signIn(DEMAND);
    await owner.goto(`${baseUrl}/my/scenarios`);
    await expectH1(owner, "本单位的场景");
    await owner.getByRole("navigation", { name: "按状态筛选" }).getByRole("link", { name: /^先行先试中 \(\d+\)$/ }).click();
    await owner.waitForURL((url) => url.searchParams.get("status") === "piloting");
    const row = owner.getByRole("row").filter({ has: owner.getByText(code, { exact: true }) });
    await row.getByRole("link", { name: title, exact: true }).click();
    await owner.waitForURL(/\/my\/scenarios\/\d+$/);
    await expectH1(owner, title);
    await owner.getByRole("link", { name: "先行先试工作台" }).click();
    await owner.waitForURL((url) => url.pathname === `/pilots/${pilotId}`);
    await expectH1(owner, title);
    await owner.locator("main header").getByText("进行中", { exact: true }).waitFor();
    await waitForHydration(owner);

    // A measurement of the first KPI, past its target.
    const measureForm = owner.locator("form#measurement");
    await measureForm.getByLabel("指标", { exact: true }).selectOption({ label: story.kpi.name });
    await measureForm.getByLabel("测量值").fill(String(story.measured));
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    await measureForm.getByLabel("测量日期").fill(today);
    await measureForm.getByLabel("说明（可选）").fill(texts.measurementNote);
    await measureForm.getByRole("button", { name: "记录测量值" }).click();
    await expectStatus(owner, "测量值已记录。");
    const kpiItem = owner.getByRole("listitem").filter({ has: owner.getByRole("heading", { level: 3, name: new RegExp(`^${escape(story.kpi.name)}`) }) });
    await kpiItem.getByText("已达标", { exact: true }).waitFor();
    expect(await kpiItem.locator("dd").nth(2).textContent()).toBe(String(story.measured));
    await kpiItem.getByText("测量记录（1）").click();
    await kpiItem.getByText(new RegExp(`：${escape(String(story.measured))} · ${escape(texts.measurementNote)} · `)).waitFor();

    // A status update from the hospital.
    await waitForHydration(owner);
    await owner.locator("form#update").getByLabel("进展").fill(texts.demandUpdate);
    await owner.getByRole("button", { name: "发布进展" }).click();
    await expectStatus(owner, "进展已发布。");
    await owner.getByText(texts.demandUpdate).waitFor();
    await owner.close();

    // The vendor adds its own update and the evidence PDF, tied to the measured KPI.
    const vendor = await signIn(story.vendorEmail!);
    await vendor.goto(`${baseUrl}/pilots/${pilotId}`);
    await expectH1(vendor, title);
    await vendor.getByText(texts.demandUpdate).waitFor();
    await waitForHydration(vendor);
    await vendor.locator("form#update").getByLabel("进展").fill(texts.vendorUpdate);
    await vendor.getByRole("button", { name: "发布进展" }).click();
    await expectStatus(vendor, "进展已发布。");
    await waitForHydration(vendor);
    const evidenceForm = vendor.locator("form#evidence-upload");
    await evidenceForm.getByLabel("文件").setInputFiles({ name: texts.evidenceName, mimeType: "application/pdf", buffer: PDF });
    await evidenceForm.getByLabel("关联指标（可选）").selectOption({ label: story.kpi.name });
    await evidenceForm.getByLabel("说明（可选）").fill(texts.evidenceNote);
    await evidenceForm.getByRole("button", { name: "上传" }).click();
    await expectStatus(vendor, "证明材料已上传。");
    const evidence = vendor.getByRole("region", { name: "证明材料" }).getByRole("listitem").filter({ hasText: texts.evidenceName });
    await evidence.getByText(`指标：${story.kpi.name}`).waitFor();
    await evidence.getByText(texts.evidenceNote).waitFor();
    // The file comes back as the PDF that went up.
    const href = await evidence.getByRole("link", { name: texts.evidenceName }).getAttribute("href");
    const download = await vendor.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get("content-type"), size: bytes.length, head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href!);
    expect(download).toEqual({ status: 200, type: "application/pdf", size: PDF.length, head: "%PDF-" });
    // Only the demand side moves the pilot.
    expect(await vendor.getByRole("button", { name: "完成试点" }).count()).toBe(0);
    await vendor.close();

    // The hospital sees both updates, each with its author's organisation, and completes the pilot.
    const closer = await signIn(DEMAND);
    await closer.goto(`${baseUrl}/pilots/${pilotId}`);
    await expectH1(closer, title);
    const updates = closer.locator("main section").filter({ has: closer.getByRole("heading", { level: 2, name: "进展记录" }) }).getByRole("listitem");
    await updates.filter({ hasText: texts.vendorUpdate }).getByText(` · ${story.vendorName} · `, { exact: false }).waitFor();
    await updates.filter({ hasText: texts.demandUpdate }).getByText(" · 南京市鼓楼医院 · ", { exact: false }).waitFor();
    await waitForHydration(closer);
    await closer.getByRole("button", { name: "完成试点" }).click();
    await expectStatus(closer, "试点已完成。");
    await closer.locator("main header").getByText("已完成", { exact: true }).waitFor();
    const section = closer.getByRole("region", { name: "标杆申报" });
    await section.getByText("试点已完成并有指标测量值，可以申报标杆应用场景。").waitFor();
    await closer.screenshot({ path: `${SHOTS}/bench-pilot-completed.png`, fullPage: true });
    await closer.close();
    story.finished.add(1);
  });

  it("2. the hospital applies: a too-short narrative is refused and kept, a proper one goes in and waits for reviewers", { timeout: 120_000 }, async () => {
    requireStep(1);
    const { title, pilotId, kpi, measured } = story as Required<typeof story>;
    const page = await signIn(DEMAND);
    await page.goto(`${baseUrl}/pilots/${pilotId}`);
    await page.getByRole("region", { name: "标杆申报" }).getByRole("link", { name: "申报标杆", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/pilots/${pilotId}/apply`);
    await expectH1(page, `申报标杆：${title}`);
    // What the reviewers will judge: the measured KPI, reached, and the evidence file.
    const kpiRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${escape(kpi.name)}`) }) });
    await kpiRow.getByRole("cell", { name: String(measured), exact: true }).waitFor();
    await kpiRow.getByText("已达标", { exact: true }).waitFor();
    await page.getByRole("region", { name: "证明材料" }).getByRole("link", { name: texts.evidenceName }).waitFor();
    await waitForHydration(page);
    await expectAccessible(page);

    // Too short: the error sits next to the field, and what was typed stays.
    const narrative = page.getByLabel("申报说明", { exact: true });
    await narrative.fill(texts.shortNarrative);
    await page.getByRole("button", { name: "提交申报" }).click();
    await expect.poll(() => narrative.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await narrative.getAttribute("aria-describedby"))?.split(" ").find((id) => id.includes("error")) ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      `申报说明太短：至少 50 字，现在只有 ${[...texts.shortNarrative].length} 字。请写明做了什么、实测效果和如何复制推广。`,
    );
    expect(await narrative.inputValue()).toBe(texts.shortNarrative);
    expect(new URL(page.url()).pathname).toBe(`/pilots/${pilotId}/apply`);
    await page.screenshot({ path: `${SHOTS}/bench-apply-error.png`, fullPage: true });

    await narrative.fill(texts.narrative);
    await page.getByRole("button", { name: "提交申报" }).click();
    await page.waitForURL((url) => url.pathname === `/pilots/${pilotId}/benchmark` && url.searchParams.get("done") === "submitted");
    await expectStatus(page, "申报已提交，攻坚办将分配评审专家。");
    await expectH1(page, `标杆申报：${title}`);
    await page.locator("main header").getByText("已提交", { exact: true }).waitFor();
    await page.getByRole("region", { name: "申报说明" }).getByText(texts.narrative).waitFor();
    const review = page.getByRole("region", { name: "评审结果" });
    await review.getByText("申报已提交，等待攻坚办分配评审专家。").waitFor();
    await review.getByText("评分和评语在评审结束后公布（通过分数线 75 分）。").waitFor();
    expect(await page.getByText("平均分").count(), "no score yet").toBe(0);
    await page.close();
    story.finished.add(2);
  });

  it("3. the office assigns three eligible reviewers; those with ties to the pair are listed apart with their reasons", { timeout: 120_000 }, async () => {
    requireStep(2);
    const { title } = story as Required<typeof story>;
    const page = await signIn(ADMIN);
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("navigation", { name: "攻坚办工作台" }).getByRole("link", { name: "标杆评审" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/benchmarks");
    await expectH1(page, "标杆申报评审");
    await page.getByRole("region", { name: /^待指派评审（\d+）$/ }).getByRole("link", { name: title, exact: true }).click();
    await page.waitForURL(/\/admin\/benchmarks\/\d+$/);
    story.applicationId = Number(new URL(page.url()).pathname.split("/").pop());
    await expectH1(page, title);
    await page.getByText(texts.narrative).waitFor();
    await page.getByText("尚未指派评审专家。").waitFor();

    // The excluded reviewers are listed with a reason each, and none of them is offered.
    const excluded = page.getByRole("region", { name: /^须回避的专家（\d+ 位）$/ });
    const excludedCount = Number(/（(\d+) 位）/.exec((await excluded.getByRole("heading").textContent()) ?? "")?.[1]);
    const excludedItems = excluded.locator(":scope > ul > li");
    const excludedNames = (await excludedItems.locator(":scope > span.font-medium").allTextContents()).map((n) => n.trim());
    expect(excludedNames).toHaveLength(excludedCount);
    if (excludedCount === 0) await excluded.getByText("没有与申报方有关联的专家。").waitFor();
    for (const name of excludedNames) expect(await excludedItems.filter({ hasText: name }).locator("ul li").count(), `a reason for ${name}`).toBeGreaterThan(0);

    const assignForm = page.locator("form#assign");
    const offered = (await assignForm.locator("label > span:not(.text-xs)").allTextContents()).map((n) => n.trim());
    expect(offered.length).toBeGreaterThanOrEqual(3);
    for (const name of excludedNames) expect(offered).not.toContain(name);
    const emails = new Map(query<{ name: string; email: string }>("SELECT name, email FROM users WHERE role = 'reviewer'").map((r) => [r.name, r.email]));
    // Every reviewer is either offered or listed as excluded, once.
    await assignForm.getByText(`可指派的专家（${offered.length} 位），按待评任务数从少到多：`).waitFor();
    expect([...offered, ...excludedNames].sort()).toEqual([...emails.keys()].sort());
    const picked = offered.filter((name) => emails.get(name) !== "reviewer@demo.local").slice(0, 3);
    expect(picked).toHaveLength(3);
    story.reviewers = picked.map((name) => ({ name, email: emails.get(name)! }));

    const offer = (name: string) => page.locator("form#assign label").filter({ has: page.locator("span", { hasText: new RegExp(`^${escape(name)}$`) }) });
    await waitForHydration(page);
    for (const name of picked) await offer(name).getByRole("checkbox").check();
    await assignForm.getByRole("button", { name: "指派所选专家" }).click();
    await expectStatus(page, "已指派，专家已收到通知。");
    await page.locator("main header").getByText("评审中", { exact: true }).waitFor();
    const assigned = page.getByRole("region", { name: "已指派的专家" });
    await assigned.getByText("已提交 0 / 3").waitFor();
    for (const name of picked) {
      await assigned.getByRole("listitem").filter({ hasText: name }).getByText("未开始", { exact: true }).waitFor();
      expect(await offer(name).count(), `${name} is no longer offered`).toBe(0);
    }
    await page.getByText("还有专家没有提交评分表。").waitFor();
    await page.screenshot({ path: `${SHOTS}/bench-office-assigned.png`, fullPage: true });
    await page.close();
    story.finished.add(3);
  });

  it("4. each reviewer scores every criterion with a comment and submits; the applicants still see no score", { timeout: 240_000 }, async () => {
    requireStep(3);
    const { title, reviewers, applicationId } = story as Required<typeof story>;
    story.totals = [];
    story.comments = [];
    for (const [i, reviewer] of reviewers.entries()) {
      const page = await signIn(reviewer.email);
      await page.goto(`${baseUrl}/review/benchmarks`);
      await expectH1(page, "我的标杆评审任务");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
      await row.getByText("未开始", { exact: true }).waitFor();
      await row.getByRole("link", { name: title, exact: true }).click();
      await page.waitForURL((url) => url.pathname === `/review/benchmarks/${applicationId}`);
      await expectH1(page, title);
      await page.getByText(texts.narrative).waitFor();
      await page.getByRole("link", { name: texts.evidenceName }).waitFor();
      await waitForHydration(page);
      if (i === 0) await expectAccessible(page);

      // Every criterion of the rubric on the page: points as a share of its weight, and a comment.
      const sheet = page.locator("form#sheet");
      const criteria = sheet.locator("fieldset");
      const n = await criteria.count();
      expect(n).toBeGreaterThanOrEqual(2);
      let total = 0;
      for (let c = 0; c < n; c++) {
        const fieldset = criteria.nth(c);
        const legend = ((await fieldset.locator("legend").textContent()) ?? "").trim();
        const [, label, weight] = /^(.+?)\s*满分 (\d+)$/.exec(legend) ?? [];
        expect(label, `criterion ${c}: ${legend}`).toBeTruthy();
        const points = Math.round(Number(weight) * SHARES[i]! * 2) / 2;
        total += points;
        const comment = `专家${i + 1}：${label}方面，${points >= Number(weight) * 0.8 ? "表现突出" : "达到预期"}，实测数据与证明材料一致。`;
        story.comments.push(comment);
        await fieldset.getByLabel(`${label}的得分`).fill(String(points));
        await fieldset.getByLabel("评语").fill(comment);
      }
      total = round1(total);
      story.totals.push(total);
      await sheet.getByText(`合计：${shown(total)} 分`).waitFor();
      await sheet.getByRole("button", { name: "提交评分" }).click();
      await expectStatus(page, "评分已提交。评审结束前仍可修改。");
      await sheet.getByText(/^已于 .+ 提交。评审结束前仍可修改。$/).waitFor();
      if (i === 0) await page.screenshot({ path: `${SHOTS}/bench-review-sheet.png`, fullPage: true });
      await page.close();
    }
    story.mean = round1(story.totals.reduce((s, t) => s + t, 0) / story.totals.length);
    expect(story.mean).toBeGreaterThanOrEqual(75);

    // The applicants: the review is under way, with no score on the page, and the API says why not.
    const page = await signIn(DEMAND);
    await openApplication(page);
    await page.locator("main header").getByText("评审中", { exact: true }).waitFor();
    const review = page.getByRole("region", { name: "评审结果" });
    await review.getByText("评审进行中：已分配 3 位评审专家。").waitFor();
    expect(await page.getByText("平均分").count()).toBe(0);
    for (const total of story.totals) expect(await page.getByText(`合计 ${shown(total)} 分`).count()).toBe(0);
    for (const r of reviewers) expect(await page.getByText(r.name).count()).toBe(0);
    const api = await reviewsApi(page);
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ error: "review_open", message: "评审尚未结束，评分和评语在评审结束后公布。" });
    for (const comment of story.comments.slice(0, 3)) expect(api.text).not.toContain(comment);
    await page.close();
    story.finished.add(4);
  });

  it("5. the office closes the review above the pass mark: 公示; the applicants now see the mean and the anonymous sheets", { timeout: 120_000 }, async () => {
    requireStep(4);
    const { title, applicationId, mean, totals, reviewers, comments } = story as Required<typeof story>;
    const page = await signIn(ADMIN);
    await page.goto(`${baseUrl}/admin/benchmarks/${applicationId}`);
    await expectH1(page, title);
    await page.getByRole("region", { name: "已指派的专家" }).getByText("已提交 3 / 3").waitFor();
    // The office sees every sheet with its reviewer's name.
    const table = page.getByRole("region", { name: "评分汇总" }).getByRole("table");
    for (const r of reviewers) await table.getByRole("columnheader", { name: r.name }).waitFor();
    const close = page.getByRole("region", { name: "结束评审" });
    await close.getByText(new RegExp(`^当前均分 ${shown(mean)}，达到通过线 75：结束评审后进入为期 \\d+ 天的公示。$`)).waitFor();
    await waitForHydration(page);
    await close.getByRole("button", { name: "结束评审" }).click();
    await expectStatus(page, "评审已结束，申报双方和评审专家已收到通知。");
    await page.locator("main header").getByText("公示中", { exact: true }).waitFor();
    await close.getByText("公示期", { exact: true }).waitFor();
    await page.close();

    const applicant = await signIn(DEMAND);
    await openApplication(applicant);
    await applicant.locator("main header").getByText("公示中", { exact: true }).waitFor();
    const review = applicant.getByRole("region", { name: "评审结果" });
    const facts = review.locator("dl").first();
    expect((await facts.locator("div").filter({ hasText: "平均分" }).locator("dd").textContent())?.trim()).toBe(String(mean));
    expect((await facts.locator("div").filter({ hasText: "通过分数线" }).locator("dd").textContent())?.trim()).toBe("75");
    await review.getByText("通过评审，进入公示", { exact: true }).waitFor();
    const sheets = review.locator("ul > li");
    expect(await sheets.count()).toBe(3);
    const headings = (await sheets.locator("h3").allTextContents()).map((h) => h.replace(/\s+/g, ""));
    expect(headings.map((h) => h.replace(/合计.*$/, "")).sort()).toEqual(["评审专家1", "评审专家2", "评审专家3"]);
    const byValue = (a: number, b: number) => a - b;
    expect(headings.map((h) => Number(/合计([\d.]+)分/.exec(h)?.[1])).sort(byValue)).toEqual([...totals].sort(byValue));
    for (const comment of comments) await review.getByText(comment, { exact: true }).waitFor();
    for (const r of reviewers) expect(await applicant.getByText(r.name).count(), "sheets are never named").toBe(0);
    await applicant.screenshot({ path: `${SHOTS}/bench-applicant-review.png`, fullPage: true });

    const api = await reviewsApi(applicant);
    expect(api.status).toBe(200);
    expect(api.body.audience).toBe("applicant");
    expect((api.body.sheets as { label: string }[]).map((s) => s.label).sort()).toEqual(["评审专家 1", "评审专家 2", "评审专家 3"]);
    for (const r of reviewers) {
      expect(api.text).not.toContain(r.name);
      expect(api.text).not.toContain(r.email);
    }
    await applicant.close();
    story.finished.add(5);
  });

  it("6. an anonymous visitor finds the public notice and files an objection", { timeout: 120_000 }, async () => {
    requireStep(5);
    const { title, code, applicationId, mean, kpi, measured } = story as Required<typeof story>;
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices`);
    await expectH1(page, "标杆公示");
    await page.getByRole("link", { name: title, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/notices/${applicationId}`);
    await expectH1(page, title);
    const header = page.locator("main header");
    await header.getByText(code, { exact: true }).waitFor();
    await header.getByText("公示中", { exact: true }).waitFor();
    const facts = page.getByRole("complementary", { name: "公示信息" });
    await facts.getByText(`${shown(mean)} 分`, { exact: true }).waitFor();
    await facts.getByText(/^还剩 \d+ 天 \d+ 小时$/).waitFor();
    const kpiRow = page.getByRole("region", { name: "应用成效（绩效指标）" }).getByRole("row").filter({ hasText: kpi.name });
    await kpiRow.getByText(`${shown(measured)}${kpi.unit ? ` ${kpi.unit}` : ""}`, { exact: true }).waitFor();
    await kpiRow.getByText("✓ 达标", { exact: true }).waitFor();
    await page.getByRole("region", { name: "申报说明" }).getByText(texts.narrative.slice(0, 30), { exact: false }).waitFor();
    await page.getByText("尚未收到异议。").waitFor();
    await waitForHydration(page);
    await expectAccessible(page);

    await page.getByLabel("姓名").fill(texts.objector.name);
    await page.getByLabel("联系方式").fill(texts.objector.contact);
    await page.getByLabel("异议理由").fill(texts.objection);
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.waitForURL((url) => url.searchParams.get("objection") === "email");
    const filed = page.getByRole("status").filter({ hasText: "已收到您的异议。" });
    await filed.getByText("攻坚办核查后，处理结果会发送到您留下的电子邮箱。").waitFor();
    const objections = page.getByRole("region", { name: "异议", exact: true });
    await objections.getByText("共收到 1 件异议，其中 1 件正在核查。").waitFor();
    await objections.getByRole("listitem").filter({ hasText: "异议 1" }).getByText("核查中", { exact: true }).waitFor();
    // The objector's name, contact and words are for the office only.
    for (const hidden of [texts.objector.name, texts.objector.contact, texts.objection]) expect(await page.getByText(hidden).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/bench-notice-objection.png`, fullPage: true });
    await page.close();
    story.finished.add(6);
  });

  it("7. the office resolves the objection; certifying is refused while the notice runs, then gives the number", { timeout: 120_000 }, async () => {
    requireStep(6);
    const { title, applicationId } = story as Required<typeof story>;
    const page = await signIn(ADMIN);
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole("navigation", { name: "攻坚办工作台" }).getByRole("link", { name: "公示与认定" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/notices");
    await expectH1(page, "公示与认定");
    const card = noticeCard(page);
    await card.getByRole("link", { name: title, exact: true }).waitFor();
    await card.getByText("公示中", { exact: true }).waitFor();
    // While the notice runs there is no certify button, and the page says why.
    await card.getByText("公示尚未结束，期满后才能认定。").waitFor();
    expect(await card.getByRole("button", { name: "认定为标杆" }).count()).toBe(0);
    await card.getByText("异议（共 1 件，未处理 1 件）").waitFor();
    const objection = card.getByRole("listitem").filter({ hasText: texts.objection });
    await objection.getByText(texts.objector.name, { exact: true }).waitFor();
    await objection.getByText(texts.objector.contact).waitFor();
    await objection.getByText("电子邮箱", { exact: true }).waitFor();
    await waitForHydration(page);
    await expectAccessible(page);
    await page.screenshot({ path: `${SHOTS}/bench-office-notices.png`, fullPage: true });

    // Not upheld, with a resolution the public will read.
    await objection.getByLabel("异议不成立", { exact: true }).check();
    await objection.getByLabel("处理意见（将公开）").fill(texts.resolution);
    await objection.getByRole("button", { name: "提交处理结果" }).click();
    await expectStatus(page, "异议已处理，异议人会收到处理结果。");
    const resolved = noticeCard(page).getByRole("listitem").filter({ hasText: texts.objection });
    await resolved.getByText("异议不成立", { exact: true }).waitFor();
    await resolved.getByText(texts.resolution).waitFor();
    await noticeCard(page).getByText("异议（共 1 件，未处理 0 件）").waitFor();
    // Still no button: the notice period has not run out.
    await noticeCard(page).getByText("公示尚未结束，期满后才能认定。").waitFor();
    expect(await noticeCard(page).getByRole("button", { name: "认定为标杆" }).count()).toBe(0);

    // A POST made without the button is refused just the same.
    const forced = await page.evaluate(async (id) => {
      const response = await fetch("/admin/notices", { method: "POST", body: new URLSearchParams({ intent: "certify", applicationId: String(id) }) });
      return { status: response.status, text: await response.text() };
    }, applicationId);
    expect(forced.status).toBe(409);
    expect(forced.text).toContain("公示尚未结束，期满后才能认定。");
    expect(query<{ status: string }>("SELECT status FROM benchmark_applications WHERE id = ?", applicationId)).toEqual([{ status: "notice" }]);
    await page.reload();
    await noticeCard(page).getByText("公示中", { exact: true }).waitFor();

    // The notice period runs for days (7 by default): this write stands in for waiting them out, by
    // moving the application's notice end into the past. The timing rules themselves are tested with
    // a fake clock in tests/integration/benchmark-notice.test.ts.
    const db = new Database(databasePath, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      const moved = db
        .prepare("UPDATE benchmark_applications SET notice_ends_at = ? WHERE id = ? AND status = 'notice'")
        .run(new Date(Date.now() - 60_000).toISOString(), applicationId);
      expect(moved.changes).toBe(1);
    } finally {
      db.close();
    }

    await page.reload();
    await noticeCard(page).getByText("公示期满，待认定", { exact: true }).waitFor();
    await waitForHydration(page);
    await noticeCard(page).getByRole("button", { name: "认定为标杆" }).click();
    const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
    const done = page.getByRole("status").filter({ hasText: /^已认定为标杆应用场景，编号 BM-\d{4}-\d{4}。$/ });
    await done.waitFor();
    const number = /(BM-\d{4}-\d{4})/.exec((await done.textContent()) ?? "")?.[1] ?? "";
    expect(number).toMatch(new RegExp(`^BM-${year}-\\d{4}$`));
    story.number = number;
    // Certified, it leaves the office's list of notices (the list follows the status message within moments:
    // the action's data is shown while the page's data is still reloading).
    await expect.poll(() => noticeCard(page).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/bench-office-certified.png`, fullPage: true });
    await page.close();

    // The applicants see it certified, with the number.
    const applicant = await signIn(DEMAND);
    await openApplication(applicant);
    await applicant.locator("main header").getByText("已认定", { exact: true }).waitFor();
    await applicant.getByRole("region", { name: "申报进度" }).getByText(number, { exact: true }).waitFor();
    await applicant.getByRole("region", { name: "评审结果" }).getByText("已认定为标杆", { exact: true }).waitFor();
    await applicant.close();
    story.finished.add(7);
  });

  it("8. the benchmark is public: the open API returns it, the notice shows the number and /progress counts one more", { timeout: 120_000 }, async () => {
    requireStep(7);
    const { title, code, number, mean, kpi, measured, applicationId, certifiedBefore } = story as Required<typeof story>;
    const response = await fetch(`${baseUrl}/api/v1/benchmarks/${number}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { number: string; meanScore: number; scenario: { code: string; title: string }; narrative: string; kpis: { name: string; measured: number | null }[] };
    expect(body).toMatchObject({ number, meanScore: mean, scenario: { code, title }, narrative: texts.narrative });
    expect(body.kpis.find((k) => k.name === kpi.name)?.measured).toBe(measured);

    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices/${applicationId}`);
    await expectH1(page, title);
    await page.locator("main header").getByText(number, { exact: true }).waitFor();
    await page.locator("main header").getByText("已认定", { exact: true }).waitFor();
    const resolved = page.getByRole("region", { name: "异议", exact: true }).getByRole("listitem").filter({ hasText: "异议 1" });
    await resolved.getByText("异议不成立", { exact: true }).waitFor();
    await resolved.getByText(texts.resolution).waitFor();

    expect(await certifiedCount(page)).toBe(certifiedBefore + 1);
    await page.close();
    story.finished.add(8);
  });

  it("9. the showcase lists the benchmark, and its page shows the measured KPI", { timeout: 120_000 }, async () => {
    requireStep(8);
    const { title, number, kpi, measured } = story as Required<typeof story>;
    await context.clearCookies();
    const page = await context.newPage();
    const list = await page.goto(`${baseUrl}/benchmarks`);
    expect(list?.status(), "/benchmarks is served").toBe(200);
    const main = page.locator("main");
    await main.getByText(number, { exact: false }).first().waitFor();
    await main.getByText(title, { exact: false }).first().waitFor();

    const detail = await page.goto(`${baseUrl}/benchmarks/${number}`);
    expect(detail?.status(), `/benchmarks/${number} is served`).toBe(200);
    await main.getByText(number, { exact: false }).first().waitFor();
    await main.getByText(title, { exact: false }).first().waitFor();
    // The page has a table for wide screens and cards for phones: the visible one holds the KPI.
    await main.getByText(kpi.name, { exact: false }).filter({ visible: true }).first().waitFor();
    // The measured value follows the KPI's name (in its row, card or sentence), as the page prints numbers.
    const text = (await main.innerText()).replace(/\s+/g, " ");
    expect(text).toMatch(new RegExp(`${escape(kpi.name)}.{0,160}?(?<![\\d.])${escape(shown(measured))}(?![\\d.])`));
    await page.close();
  });
});

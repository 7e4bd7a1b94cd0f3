// Three journeys across roles, each step asserting what the person at the screen would see:
// 1. a new organisation signs up, writes a scenario, is blocked from submitting until the office
//    verifies it, then submits; a form error keeps what was typed;
// 2. a reviewer returns it with a comment on one field, the owner sees the comment next to that
//    field, fixes it and resubmits, the reviewer approves;
// 3. the office publishes it in a batch and a visitor finds it by searching.
// The journeys build on each other, so they run in order and share `story`. They create their own
// organisation and scenario and publish only that scenario, leaving the seeded scenarios the other
// browser tests rely on as they were.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { creditCodeCheckCharacter } from "~/domain/credit-code";
import { DEMO_PASSWORD, expectAccessible, expectH1, launch, shareBrowser, SHOTS, signIn as signInTo, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");

// A suffix unique to this run, so names never collide with the demo data or an earlier run.
const suffix = `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
// A word no seeded scenario uses: searching for it must find this run's scenario and nothing else.
const WORD = "琥珀灯塔";

const person = {
  name: "林晓雯",
  email: `lin.${suffix.toLowerCase()}@example.com`,
  password: "flows-pass-2026",
  organisation: `青岚水务科技中心${suffix}`,
  creditCode: creditCode(),
  district: "建邺区",
};

const scenario = {
  title: `${WORD}水质巡检试点 ${suffix}`,
  description: "在秦淮河沿线布设水质传感器与巡检摄像头，用人工智能识别漂浮物和排口异常，自动推送处置工单。",
  requirements: "识别漂浮物、异常排口和水色变化；与现有河长制平台对接；支持夜间红外画面。",
  acceptanceFirst: "系统稳定运行。",
  acceptanceFixed: "漂浮物识别准确率不低于 95%，异常排口告警在 5 分钟内推送，连续运行 90 天无故障。",
  reviewComment: "验收标准过于笼统，请写明可量化的指标，如识别准确率和告警时效。",
  phone: "025-83271234",
};

/** What one journey leaves for the next; `finished` counts the journeys that got to their end. */
const story: { finished: number; scenarioId?: number; year?: string } = { finished: 0 };

let context: BrowserContext;

shareBrowser((c) => (context = c), { closeTabs: true });

/** A valid 统一社会信用代码: a plausible prefix and random digits (17 in all), then the check character. */
function creditCode(): string {
  const body = `913201${Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join("")}`;
  return body + creditCodeCheckCharacter(body);
}

const signIn = (email: string, password = DEMO_PASSWORD, browser: BrowserContext = context) => signInTo(browser, email, password);

/** The status badge at the top of a scenario page (the first badge in its header, not the ones in its history). */
async function expectBadge(page: Page, label: string) {
  await expect.poll(() => page.locator("main header span.rounded").first().textContent(), { timeout: 10_000 }).toBe(label);
}

/** This run's scenario in the owner's list: its row, with status and next step. */
function myRow(page: Page): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: scenario.title, exact: true }) });
}

async function expectMyStatus(page: Page, status: string, next: string) {
  await page.goto(`${baseUrl}/my/scenarios`);
  await expectH1(page, "本单位的场景");
  const cells = myRow(page).getByRole("cell");
  await expect.poll(() => cells.nth(1).textContent(), { timeout: 10_000 }).toBe(status);
  expect(await cells.nth(3).textContent()).toBe(next);
}

/** Fails at once, and says why, when an earlier journey did not finish: this one starts where it ended. */
function requireJourney(n: number) {
  if (story.finished < n) throw new Error(`Journey ${n} did not finish, so this one cannot start`);
  return { scenarioId: story.scenarioId!, year: story.year! };
}

describe.sequential("from sign-up to a published, searchable scenario", () => {
  it("1. a new demand organisation signs up, saves a draft, is blocked until verified, then submits", { timeout: 180_000 }, async () => {
    // Sign up as a visitor.
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signup`);
    await expectH1(page, "注册单位账号");
    await page.getByLabel("姓名").fill(person.name);
    await page.getByLabel("电子邮箱").fill(person.email);
    await page.getByLabel("密码（至少 10 位）").fill(person.password);
    await page.getByLabel("需求单位（发布场景）").check();
    await page.getByLabel("单位名称").fill(person.organisation);
    await page.getByLabel("统一社会信用代码").fill(person.creditCode);
    await page.getByLabel("所在区域").selectOption(person.district);
    await page.getByRole("button", { name: "注册", exact: true }).click();

    // Signed in straight away, on the organisation's (empty) list, told it is not verified yet.
    await page.waitForURL((url) => url.pathname === "/my/scenarios");
    await expectH1(page, "本单位的场景");
    await page.locator("main").getByText(person.organisation, { exact: true }).waitFor();
    await page.getByText("本单位尚未通过攻坚办核验：可以先保存草稿，核验通过后才能提交审核。").waitFor();
    await page.getByText("本单位还没有场景。", { exact: false }).waitFor();

    // The form, with the call's notice and the same warning.
    await page.getByRole("link", { name: "新建场景" }).click();
    await page.waitForURL((url) => url.pathname === "/my/scenarios/new");
    await expectH1(page, "新建场景");
    await page.getByText(/^\d{4}年场景征集正在进行/).waitFor();
    await page.getByText("本单位尚未通过攻坚办核验：可以先保存草稿，核验通过后才能提交审核。").waitFor();
    await waitForHydration(page);
    await expectAccessible(page);
    // Filled in from the account: the organisation's district and the person as contact.
    expect(await page.getByLabel("所在区域").inputValue()).toBe(person.district);
    expect(await page.getByLabel("联系人").inputValue()).toBe(person.name);
    expect(await page.getByLabel("邮箱").inputValue()).toBe(person.email);

    await page.getByLabel("场景名称").fill(scenario.title);
    await page.getByLabel("所属领域").selectOption("livelihood");
    await page.getByLabel("合作需求").selectOption("joint_build");
    await page.getByLabel("场景层级").selectOption("small_high_value");
    await page.getByLabel("场景描述").fill(scenario.description);
    await page.getByLabel("具体需求 / 技术需求").fill(scenario.requirements);
    await page.getByLabel("验收标准").fill(scenario.acceptanceFirst);
    await page.getByLabel("计算机视觉", { exact: true }).check();
    await page.getByLabel("大模型", { exact: true }).check();
    await page.getByLabel("预算（万元）").fill("120");
    await page.getByLabel("电话").fill(scenario.phone);
    // A slip: the end before the start.
    await page.getByLabel("计划开始日期").fill("2027-03-01");
    await page.getByLabel("计划结束日期").fill("2026-12-31");
    await page.getByRole("button", { name: "保存草稿" }).click();

    // The error is on the end date, tied to it for screen readers; nothing typed is lost.
    const end = page.getByLabel("计划结束日期");
    await expect.poll(() => end.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await end.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
    expect(errorId).not.toBe("");
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("结束日期不能早于开始日期。");
    expect(new URL(page.url()).pathname).toBe("/my/scenarios/new");
    expect(await page.getByLabel("场景名称").inputValue()).toBe(scenario.title);
    expect(await page.getByLabel("场景描述").inputValue()).toBe(scenario.description);
    expect(await page.getByLabel("计算机视觉", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("计划开始日期").inputValue()).toBe("2027-03-01");
    await page.screenshot({ path: `${SHOTS}/flows-new-scenario-error.png`, fullPage: true });

    // Without JavaScript the server finds the same slip, and the page it sends back is still filled in.
    await expectServerKeepsInput();

    // Fixed, it saves as a draft.
    await end.fill("2027-12-31");
    await expect.poll(() => end.getAttribute("aria-invalid")).not.toBe("true");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.waitForURL(/\/my\/scenarios\/\d+\?done=created$/);
    story.scenarioId = Number(new URL(page.url()).pathname.split("/").pop());
    await expectH1(page, scenario.title);
    await expectBadge(page, "草稿");
    await page.getByRole("status").getByText("草稿已保存。", { exact: false }).waitFor();
    story.year = /^(\d{4})年清单$/.exec((await page.locator("main header").getByText(/^\d{4}年清单$/).textContent()) ?? "")?.[1];
    expect(story.year, "the draft names its yearly list").toMatch(/^\d{4}$/);

    // Submitting is blocked, and the page says why, next to the button.
    const submit = page.getByRole("button", { name: "提交审核" });
    expect(await submit.isDisabled()).toBe(true);
    const blocked = page.getByText("本单位尚未通过攻坚办核验：可以先保存草稿，核验通过后才能提交审核。");
    expect(await blocked.count()).toBeGreaterThan(0);
    await blocked.last().waitFor();

    // The disabled button is only a hint: a submit that gets through anyway is refused by the
    // server with a message, and the scenario stays a draft.
    await waitForHydration(page);
    await submit.evaluate((button) => button.removeAttribute("disabled"));
    await submit.click();
    await page.getByRole("alert").getByText("本单位尚未通过核验，暂时不能提交审核。", { exact: false }).waitFor();
    expect(await page.getByLabel("场景名称").inputValue()).toBe(scenario.title);
    await expectBadge(page, "草稿");
    await expectMyStatus(page, "草稿", "等待本单位通过核验；可继续完善草稿。");
    await page.close();

    // The office verifies the organisation.
    const admin = await signIn("admin@demo.local");
    await admin.goto(`${baseUrl}/admin/organisations?q=${encodeURIComponent(person.organisation)}`);
    await expectH1(admin, "单位核验");
    const orgRow = admin.getByRole("row").filter({ hasText: person.organisation });
    expect(await orgRow.count()).toBe(1);
    await orgRow.getByText("待核验", { exact: true }).waitFor();
    expect(await orgRow.getByText(person.creditCode, { exact: true }).isVisible()).toBe(true);
    await waitForHydration(admin);
    await orgRow.getByRole("button", { name: "核验通过" }).click();
    await admin.getByRole("status").getByText(`已核验“${person.organisation}”，并已通知该单位。`).waitFor();
    await orgRow.getByText("已核验", { exact: true }).waitFor();
    await orgRow.getByRole("button", { name: "撤销核验" }).waitFor();
    await admin.close();

    // Back as the new member: no warning any more, and the draft can be submitted.
    const owner = await signIn(person.email, person.password);
    expect(new URL(owner.url()).pathname).toBe("/my/scenarios");
    expect(await owner.getByText("本单位尚未通过攻坚办核验", { exact: false }).count()).toBe(0);
    expect(await myRow(owner).getByRole("cell").nth(3).textContent()).toBe("检查内容无误后，点击“提交审核”。");
    await myRow(owner).getByRole("link", { name: scenario.title }).click();
    await owner.waitForURL((url) => url.pathname === `/my/scenarios/${story.scenarioId}`);
    await expectH1(owner, scenario.title);
    await waitForHydration(owner);
    const submitNow = owner.getByRole("button", { name: "提交审核" });
    expect(await submitNow.isEnabled()).toBe(true);
    await submitNow.click();
    await owner.waitForURL((url) => url.searchParams.get("done") === "submitted");
    await owner.getByRole("status").getByText("已提交审核。评审专家审核后会通知您。").waitFor();
    await expectBadge(owner, "待审核");
    await owner.getByText("这个场景已提交或进入后续环节，以下内容仅供查看，不能修改。").waitFor();
    expect(await owner.getByLabel("场景名称").isDisabled()).toBe(true);
    await expectMyStatus(owner, "待审核", "等待评审专家审核，暂不需要操作。");
    story.finished = 1;
  });

  it("2. a reviewer returns it with a comment on one field, the owner fixes it, the reviewer approves", { timeout: 180_000 }, async () => {
    const { scenarioId: id } = requireJourney(1);

    // The reviewer finds it in the queue by the organisation's name.
    const reviewer = await signIn("reviewer@demo.local");
    await openFromQueue(reviewer, id);
    await reviewer.locator("main header").getByText("单位已核验").waitFor();
    await expectBadge(reviewer, "待审核");
    await waitForHydration(reviewer);
    await reviewer.getByLabel("验收标准", { exact: true }).fill(scenario.reviewComment);
    await reviewer.getByRole("button", { name: "退回修改" }).click();
    await reviewer.waitForURL((url) => url.searchParams.get("done") === "return");
    await reviewer.getByRole("status").getByText("已退回修改，修改意见已通知需求单位。").waitFor();
    await expectBadge(reviewer, "退回修改");
    // The history records the comment against its field.
    await reviewer.getByRole("region", { name: "审核记录" }).getByText(`验收标准：${scenario.reviewComment}`).waitFor();
    await reviewer.close();

    // The owner is told, and the comment sits right above the field it is about.
    const owner = await signIn(person.email, person.password);
    await expectMyStatus(owner, "退回修改", "按评审意见修改后重新提交。");
    await owner.goto(`${baseUrl}/notifications`);
    await expectH1(owner, "消息");
    const notice = owner.getByRole("listitem").filter({ hasText: `您提交的场景“${scenario.title}”被退回修改` });
    await notice.getByText(scenario.reviewComment, { exact: false }).waitFor();
    await notice.getByRole("link").click();
    await owner.waitForURL((url) => url.pathname === `/my/scenarios/${id}`);
    await expectH1(owner, scenario.title);
    await expectBadge(owner, "退回修改");
    await owner.getByRole("heading", { name: "评审专家退回了这个场景" }).waitFor();
    const notes = owner.getByText("评审意见", { exact: true });
    expect(await notes.count(), "one field carries a comment").toBe(1);
    const comment = owner.getByText(scenario.reviewComment, { exact: true });
    const acceptance = owner.getByLabel("验收标准");
    await expectJustAbove(comment, owner.locator(`label[for="${await acceptance.getAttribute("id")}"]`));
    expect(await acceptance.inputValue()).toBe(scenario.acceptanceFirst);
    await owner.screenshot({ path: `${SHOTS}/flows-returned-scenario.png`, fullPage: true });

    // Fixed and submitted again.
    await waitForHydration(owner);
    await acceptance.fill(scenario.acceptanceFixed);
    await owner.getByRole("button", { name: "提交审核" }).click();
    await owner.waitForURL((url) => url.searchParams.get("done") === "submitted");
    await expectBadge(owner, "待审核");
    // The comment was for the returned version; the resubmitted one no longer shows it.
    expect(await owner.getByText("评审意见", { exact: true }).count()).toBe(0);
    await owner.close();

    // The reviewer sees it came back, reads the new criteria and approves.
    const again = await signIn("reviewer@demo.local");
    await openFromQueue(again, id, { before: (row) => row.getByText("已退回 1 次后重新提交").waitFor() });
    await again.getByRole("region", { name: "场景内容" }).getByText(scenario.acceptanceFixed).waitFor();
    await waitForHydration(again);
    await again.getByRole("button", { name: "审核通过" }).click();
    await again.waitForURL((url) => url.searchParams.get("done") === "approve");
    await again.getByRole("status").getByText("已审核通过，场景进入待发布，已通知需求单位。").waitFor();
    await expectBadge(again, "审核通过待发布");
    await again.close();

    // The owner sees the approval in the list and in the inbox.
    const back = await signIn(person.email, person.password);
    await expectMyStatus(back, "审核通过待发布", "审核已通过，将随下一批清单发布。");
    await back.goto(`${baseUrl}/notifications`);
    await back.getByRole("link", { name: `您提交的场景“${scenario.title}”已通过审核` }).waitFor();
    story.finished = 2;
  });

  it("3. the office publishes it in a batch, and a visitor finds it by searching", { timeout: 180_000 }, async () => {
    const { scenarioId: id, year } = requireJourney(2);

    // The office composes a batch of just this scenario: other approved ones stay for later.
    const admin = await signIn("admin@demo.local");
    await admin.goto(`${baseUrl}/admin/batches?edition=${year}`);
    await expectH1(admin, "编排与发布批次");
    await waitForHydration(admin);
    // "将发布为2027年第一批，场景编号自 NJ-2027-0001 起": the batch's name and the first code it will use.
    const preview = (await admin.getByText(/^将发布为.+，场景编号自 /).textContent()) ?? "";
    const [, batch, firstCode] = /^将发布为(\d{4}年第.+批)，场景编号自 (NJ-\d{4}-\d{4}) 起$/.exec(preview) ?? [];
    expect(batch, preview).toMatch(new RegExp(`^${year}年`));
    expect(firstCode, preview).toMatch(new RegExp(`^NJ-${year}-\\d{4}$`));
    const boxes = admin.locator("main input[type=checkbox][name=scenarioIds]");
    let mine = 0;
    for (const box of await boxes.all()) {
      const ours = (await box.getAttribute("value")) === String(id);
      if (ours) expect(await box.locator("xpath=..").textContent()).toContain(scenario.title);
      await box.setChecked(ours);
      mine += ours ? 1 : 0;
    }
    expect(mine, "this run's scenario is offered for the batch").toBe(1);
    const others = (await boxes.count()) - 1;
    await expectAccessible(admin);
    await admin.screenshot({ path: `${SHOTS}/flows-batch.png`, fullPage: true });

    await admin.getByRole("button", { name: "发布本批" }).click();
    const done = admin.getByRole("status").getByText(`${batch}已发布，共 1 个场景，编号 ${firstCode} 至 ${firstCode}。`);
    await done.waitFor();
    const code = firstCode!;
    // Published scenarios leave the composer; the rest are still there.
    await expect.poll(() => boxes.count(), { timeout: 10_000 }).toBe(others);
    expect(await admin.locator("main").getByText(scenario.title).count()).toBe(0);
    await admin.close();

    // A visitor searches for the distinctive word and finds it.
    await context.clearCookies();
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}/scenarios`);
    await waitForHydration(visitor);
    await visitor.getByLabel("搜索场景").fill(WORD);
    await visitor.getByRole("button", { name: "搜索", exact: true }).click();
    await visitor.waitForURL((url) => url.searchParams.get("q") === WORD);
    await visitor.locator("#results-heading", { hasText: `“${WORD}”` }).waitFor();
    expect(await visitor.locator("#results-heading").textContent()).toMatch(/共找到 1 个场景/);
    const cards = visitor.getByRole("list", { name: "搜索结果" }).locator(":scope > li");
    expect(await cards.count()).toBe(1);
    const link = cards.first().getByRole("heading", { level: 3 }).getByRole("link");
    expect((await link.textContent())?.trim()).toBe(scenario.title);
    expect(await cards.first().locator("mark").allTextContents()).toContain(WORD);

    await link.click();
    await visitor.waitForURL((url) => url.pathname === `/scenarios/${code}`);
    await expectH1(visitor, scenario.title);
    await visitor.locator("main").getByText(code, { exact: true }).first().waitFor();
    await visitor.locator("main").getByText(person.organisation).first().waitFor();
    await visitor.getByRole("region", { name: "状态记录" }).getByText("已发布", { exact: true }).first().waitFor();
    await visitor.screenshot({ path: `${SHOTS}/flows-published-scenario.png`, fullPage: true });
    await visitor.close();

    // The owner is told the code.
    const owner = await signIn(person.email, person.password);
    await expectMyStatus(owner, "征集揭榜中", "正在征集揭榜：请及时回复企业提问，截止后评选揭榜方案。");
    expect(await myRow(owner).getByText(code, { exact: true }).isVisible()).toBe(true);
    await owner.goto(`${baseUrl}/notifications`);
    await owner.getByRole("link", { name: `您的场景“${scenario.title}”已发布，编号 ${code}` }).waitFor();
  });
});

/** The end-before-start slip posted to the server from a browser without JavaScript. */
async function expectServerKeepsInput() {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await signIn(person.email, person.password, noJs.context);
    await page.goto(`${baseUrl}/my/scenarios/new`);
    await page.getByLabel("场景名称").fill(scenario.title);
    await page.getByLabel("场景描述").fill(scenario.description);
    await page.getByLabel("所属领域").selectOption("livelihood");
    await page.getByLabel("计划开始日期").fill("2027-03-01");
    await page.getByLabel("计划结束日期").fill("2026-12-31");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "保存草稿" }).click();
    expect((await response).status()).toBe(400);
    await page.waitForLoadState();
    const end = page.getByLabel("计划结束日期");
    expect(await end.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await end.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("结束日期不能早于开始日期。");
    // Fields left empty are reported too, each at its own field.
    expect(await page.getByLabel("合作需求").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("场景名称").inputValue()).toBe(scenario.title);
    expect(await page.getByLabel("场景描述").inputValue()).toBe(scenario.description);
    expect(await page.getByLabel("所属领域").inputValue()).toBe("livelihood");
    expect(await page.getByLabel("计划开始日期").inputValue()).toBe("2027-03-01");
    expect(await page.getByLabel("计划结束日期").inputValue()).toBe("2026-12-31");
  } finally {
    await noJs.close();
  }
}

/** Filters the review queue by this run's organisation and opens the scenario from it. */
async function openFromQueue(page: Page, id: number, options: { before?: (row: Locator) => Promise<unknown> } = {}) {
  await page.goto(`${baseUrl}/review`);
  await expectH1(page, "待评审场景");
  await waitForHydration(page);
  await page.getByLabel("需求单位名称").fill(person.organisation);
  await page.getByRole("button", { name: "筛选" }).click();
  await page.waitForURL((url) => url.searchParams.get("org") === person.organisation);
  await page.getByText("共 1 个场景待评审").waitFor();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: scenario.title, exact: true }) });
  await options.before?.(row);
  await row.getByRole("link", { name: scenario.title, exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/review/${id}`);
  await expectH1(page, scenario.title);
}

/** `note` is drawn directly above `target`: nothing else fits between them. */
async function expectJustAbove(note: Locator, target: Locator) {
  const [a, b] = [await note.boundingBox(), await target.boundingBox()];
  expect(a, "the comment is visible").not.toBeNull();
  expect(b, "the field's label is visible").not.toBeNull();
  const gap = b!.y - (a!.y + a!.height);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(40);
}

// Three journeys on the vendor side, each step asserting what the person at the screen would see:
// 1. the demo vendor completes its profile (summary, service area, a filed industry model, a
//    reference case); its public page shows them and the vendor directory finds it by the product;
// 2. it asks about an open scenario of the demo hospital, the hospital answers, the vendor submits
//    a sealed proposal using that product and case; the hospital publishes a material amendment,
//    and the vendor is told to re-confirm its proposal and does;
// 3. the hospital opens the proposals of its past-deadline scenario, declines the demo vendor's
//    with a reason and selects another vendor's; the demo vendor sees the outcome and the reason,
//    and the public scenario page shows the award notice.
// The scenarios come from the seeded demo data, found through the open API and the pages rather
// than by code. Journey 2 uses one open scenario of the hospital the demo vendor had not bid on and
// journey 3 the hospital's past-deadline one; the other browser tests use neither. Journey 2 needs
// the product and case of journey 1; journey 3 stands on its own.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { expectAccessible, expectH1, shareBrowser, SHOTS, signIn as signInTo, waitForHydration } from "./browser";

const baseUrl = inject("baseUrl");
const VENDOR = "vendor@demo.local";
const DEMAND = "demand@demo.local";
const HOSPITAL = "南京市鼓楼医院";
const NARROW = { width: 390, height: 844 };

// A word no seeded vendor uses: searching the directory for it must find the demo vendor alone.
const WORD = "琉璃导诊";

const profile = {
  summaryAddition: "新增面向社区卫生服务中心的基层辅助分诊服务，已在鼓楼区两家中心上线。",
  district: "鼓楼区",
  product: {
    name: `云启${WORD}大模型`,
    badFiling: "苏网信备-琉璃-2025",
    // Typed in lower case; stored and shown as the CAC writes it.
    filingTyped: "jiangsu-YunqiLiuli-202506010007",
    filing: "Jiangsu-YunqiLiuli-202506010007",
    description: "面向门诊和社区卫生服务中心的分诊问答大模型，支持方言语音输入和症状追问。",
  },
  referenceCase: {
    client: "南京市鼓楼区宁海路街道社区卫生服务中心",
    year: "2025",
    scenario: "社区门诊智能分诊与健康咨询",
    result: "分诊准确率由 81% 提升到 94%，高峰时段候诊时间缩短 35%。",
  },
};

const bid = {
  question: "请问院内 HIS 系统是否开放挂号与分诊数据接口？数据须在院内部署，还是可以使用政务云？",
  answer: "HIS 提供只读的挂号与分诊数据接口（HL7 FHIR）。所有数据须在院内机房处理，不得出院。",
  approach: "以云启琉璃导诊大模型为核心，结合院内知识库构建导诊智能体：症状追问、科室推荐、检查前须知推送；与 HIS 只读接口对接，全部部署在院内机房。",
  team: "项目团队 14 人：算法工程师 5 人、实施工程师 6 人、医学顾问 2 人、项目经理 1 人。",
  badPrice: "约一百万",
  price: "98.5",
  timeline: "第 1 个月需求调研与接口对接；第 2–3 个月模型调优和试运行；第 4 个月上线和验收。",
  amendment: "新增要求：系统须通过 HL7 FHIR 接口与院内 HIS 对接，全部数据在院内处理，不得出院。",
  amendmentReason: "答疑中明确了数据不出院的要求，补充到具体需求中。",
};

const decision = {
  declineReason: "方案未说明与本院 HIS 的对接方式，报价也高于同类方案。",
  selectNote: "方案与本院病区现有设备兼容，实施周期最短。",
};

interface ApiScenario {
  code: string;
  title: string;
  organisation: string;
  status: string;
  proposalDeadline: string | null;
}

interface ApiProposal {
  id: number;
  vendor: { id: number; name: string };
  status: string;
  needsReconfirmation: boolean;
}

/** What one journey leaves for the next; `finished` holds the journeys that got to their end. */
const story: {
  finished: Set<number>;
  vendorName?: string;
  vendorId?: number;
} = { finished: new Set() };

let context: BrowserContext;

shareBrowser((c) => (context = c), { stepTimeout: 15_000, closeTabs: true });

const signIn = (email: string) => signInTo(context, email);

async function expectStatus(page: Page, text: string) {
  await page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** The page fits the screen: nothing sticks out sideways (a wide table scrolls inside its own box). */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `page is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client + 1);
}

/** Fails at once, and says why, when a journey this one builds on did not finish. */
function requireJourney(n: number) {
  if (!story.finished.has(n)) throw new Error(`Journey ${n} did not finish, so this one cannot start`);
}

/** Every published scenario of the demo hospital, through the open API (the list's own search). */
/** The hospital's public scenarios in one phase ("open" by default; `published` is read as open). */
async function hospitalScenarios(phase = "published"): Promise<ApiScenario[]> {
  const found: ApiScenario[] = [];
  for (let page = 1; page <= 10; page++) {
    const response = await fetch(`${baseUrl}/api/v1/scenarios?${new URLSearchParams({ q: HOSPITAL, status: phase, page: String(page) })}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: ApiScenario[]; pageCount: number };
    found.push(...body.items.filter((s) => s.organisation === HOSPITAL));
    if (page >= body.pageCount) break;
  }
  return found;
}

/** The codes of the scenarios the signed-in vendor already has a proposal for, from its own list. */
async function myProposalCodes(page: Page): Promise<string[]> {
  await page.goto(`${baseUrl}/my/proposals`);
  await expectH1(page, "本单位的揭榜方案");
  return (await page.locator("main li span.font-mono").allTextContents()).map((c) => c.trim());
}

/** The demo vendor's name and id, from its profile page (journey 1 records them on the way). */
async function demoVendor(): Promise<{ name: string; id: number }> {
  if (story.vendorName && story.vendorId) return { name: story.vendorName, id: story.vendorId };
  const page = await signIn(VENDOR);
  await page.goto(`${baseUrl}/vendor/profile`);
  await expectH1(page, "企业主页");
  story.vendorName = (await page.locator("main header p").first().textContent())?.trim();
  const href = await page.getByRole("link", { name: "查看公开主页" }).getAttribute("href");
  story.vendorId = Number(/^\/vendors\/(\d+)$/.exec(href ?? "")?.[1]);
  await page.close();
  expect(story.vendorName).toBeTruthy();
  expect(story.vendorId).toBeGreaterThan(0);
  return { name: story.vendorName!, id: story.vendorId! };
}

/** Opens one of the hospital's scenarios from the owner's list, by its code. */
async function openOwnScenario(page: Page, code: string, title: string): Promise<number> {
  await page.goto(`${baseUrl}/my/scenarios`);
  await expectH1(page, "本单位的场景");
  const row = page.getByRole("row").filter({ has: page.getByText(code, { exact: true }) });
  expect(await row.count(), `${code} in the owner's list`).toBe(1);
  await row.getByRole("link", { name: title, exact: true }).click();
  await page.waitForURL(/\/my\/scenarios\/\d+$/);
  await expectH1(page, title);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** `text` as a regular expression that matches it exactly, whatever characters it has. */
function whole(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** One cell of the comparison table: the row named `row`, in the column of `vendor`. */
async function comparisonCell(table: Locator, row: string, vendor: string): Promise<Locator> {
  const headers = (await table.locator("thead th").allTextContents()).map((h) => h.trim());
  const column = headers.indexOf(vendor);
  expect(column, `${vendor} has a column in ${JSON.stringify(headers)}`).toBeGreaterThan(0);
  const tr = table.locator("tbody tr").filter({ has: table.page().locator("th", { hasText: whole(row) }) });
  return tr.locator("td").nth(column - 1);
}

describe.sequential("the vendor side: profile, questions, proposal, amendment, selection", () => {
  it("1. the demo vendor completes its profile; its public page shows it and the directory finds it by its product", { timeout: 180_000 }, async () => {
    const page = await signIn(VENDOR);
    expect(new URL(page.url()).pathname).toBe("/my/proposals");
    await page.getByRole("navigation", { name: "场景机会" }).getByRole("link", { name: "我的主页" }).click();
    await page.waitForURL((url) => url.pathname === "/vendor/profile");
    await expectH1(page, "企业主页");
    const name = (await page.locator("main header p").first().textContent())?.trim() ?? "";
    expect(name).toMatch(/\p{Script=Han}/u);
    story.vendorName = name;
    await waitForHydration(page);
    await expectAccessible(page);

    // The summary, with a sentence added, and one more district served.
    const summary = page.getByLabel("企业简介");
    const before = await summary.inputValue();
    expect(before.length, "the seeded vendor has a summary").toBeGreaterThan(0);
    await summary.fill(`${before}${profile.summaryAddition}`);
    const district = page.getByRole("group", { name: "服务区域" }).getByLabel(profile.district, { exact: true });
    expect(await district.isChecked(), `${profile.district} is not served yet`).toBe(false);
    await district.check();
    await page.getByRole("button", { name: "保存简介" }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "profile");
    await expectStatus(page, "企业简介和服务范围已保存。");
    expect(await page.getByLabel("企业简介").inputValue()).toBe(`${before}${profile.summaryAddition}`);
    expect(await page.getByRole("group", { name: "服务区域" }).getByLabel(profile.district, { exact: true }).isChecked()).toBe(true);

    // An industry model: a made-up filing number is refused at the field, and nothing typed is lost.
    await waitForHydration(page);
    const newProduct = page.locator("form#product-new");
    await newProduct.getByLabel("产品类型").selectOption({ label: "行业大模型" });
    await newProduct.getByLabel("产品名称").fill(profile.product.name);
    await newProduct.getByLabel("备案号").fill(profile.product.badFiling);
    await newProduct.getByLabel("产品说明").fill(profile.product.description);
    await newProduct.getByRole("button", { name: "添加产品" }).click();
    const filing = newProduct.getByLabel("备案号");
    await expect.poll(() => filing.getAttribute("aria-invalid")).toBe("true");
    const filingError = (await filing.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
    expect(await page.locator(`[id="${filingError}"]`).textContent()).toMatch(/^备案号格式不正确。/);
    expect(await newProduct.getByLabel("产品名称").inputValue()).toBe(profile.product.name);
    expect(await newProduct.getByLabel("产品说明").inputValue()).toBe(profile.product.description);
    expect(await page.locator("#products").getByText(profile.product.name, { exact: true }).count(), "not added").toBe(0);

    // With a real number (typed in lower case) it is added, and shown as the CAC writes it.
    await filing.fill(profile.product.filingTyped);
    await newProduct.getByRole("button", { name: "添加产品" }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "productAdded");
    await expectStatus(page, "产品已添加。");
    const added = page.locator("#products article").filter({ hasText: profile.product.name });
    expect(await added.count()).toBe(1);
    await added.getByText(`备案号：${profile.product.filing}`).waitFor();
    // Its kind, as a badge by the name (the editor below, closed, has the same word in its list).
    await added.locator(":scope > div").first().getByText("行业大模型", { exact: true }).waitFor();

    // A reference case.
    await waitForHydration(page);
    const newCase = page.locator("form#case-new");
    await newCase.getByLabel("客户单位").fill(profile.referenceCase.client);
    await newCase.getByLabel("年份").fill(profile.referenceCase.year);
    await newCase.getByLabel("应用场景").fill(profile.referenceCase.scenario);
    await newCase.getByLabel("应用成效").fill(profile.referenceCase.result);
    await newCase.getByRole("button", { name: "添加案例" }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "caseAdded");
    await expectStatus(page, "案例已添加。");
    const caseItem = page.locator("#cases article").filter({ hasText: profile.referenceCase.client });
    expect(await caseItem.count()).toBe(1);
    await caseItem.getByRole("definition").filter({ hasText: whole(profile.referenceCase.result) }).waitFor();
    await page.getByText(/^主页更新于 /).waitFor();
    await page.screenshot({ path: `${SHOTS}/vendor-profile-editor.png`, fullPage: true });

    // The public page shows all of it to a visitor.
    const href = (await page.getByRole("link", { name: "查看公开主页" }).getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/vendors\/\d+$/);
    story.vendorId = Number(href.split("/").pop());
    await context.clearCookies();
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}${href}`);
    await expectH1(visitor, name);
    await visitor.locator("main header").getByText(profile.summaryAddition, { exact: false }).waitFor();
    const served = visitor.getByRole("region", { name: "能力与服务范围" });
    await served.locator("dl > div").filter({ has: visitor.locator("dt", { hasText: /^服务区域$/ }) }).getByRole("listitem").filter({ hasText: whole(profile.district) }).waitFor();
    const products = visitor.getByRole("region", { name: "产品", exact: true });
    const shown = products.getByRole("listitem").filter({ has: visitor.getByRole("heading", { level: 3, name: profile.product.name }) });
    expect(await shown.count()).toBe(1);
    await shown.getByText(`备案号：${profile.product.filing}`).waitFor();
    await shown.getByText(profile.product.description).waitFor();
    const cases = visitor.getByRole("region", { name: "应用案例" });
    const shownCase = cases.getByRole("listitem").filter({ has: visitor.getByRole("heading", { level: 3, name: new RegExp(`^${profile.referenceCase.client}`) }) });
    expect(await shownCase.count()).toBe(1);
    await shownCase.getByText(profile.referenceCase.year, { exact: true }).waitFor();
    await shownCase.getByText(profile.referenceCase.result).waitFor();
    await visitor.screenshot({ path: `${SHOTS}/vendor-public-page.png`, fullPage: true });

    // The directory finds the vendor by the product's distinctive word, and says why.
    await visitor.goto(`${baseUrl}/vendors`);
    await expectH1(visitor, "AI 供应商名录");
    await waitForHydration(visitor);
    await visitor.getByLabel("搜索企业").fill(WORD);
    await visitor.getByRole("button", { name: "搜索", exact: true }).click();
    await visitor.waitForURL((url) => url.searchParams.get("q") === WORD);
    await visitor.getByRole("heading", { name: `“${WORD}” 共找到 1 家企业` }).waitFor();
    const cards = visitor.getByRole("list", { name: "企业列表" }).locator(":scope > li");
    expect(await cards.count()).toBe(1);
    expect((await cards.first().getByRole("heading", { level: 3 }).textContent())?.trim()).toBe(name);
    expect(await cards.first().locator("mark").allTextContents()).toContain(WORD);
    await cards.first().getByRole("link", { name }).click();
    await visitor.waitForURL((url) => url.pathname === href);
    await expectH1(visitor, name);
    story.finished.add(1);
  });

  it("2. it asks about an open scenario, the hospital answers, it submits; the hospital amends and it re-confirms", { timeout: 240_000 }, async () => {
    requireJourney(1);

    // An open scenario of the hospital that the demo vendor has not bid on, the latest deadline
    // first (the seeded ones close in December 2026: the server's clock cannot be moved).
    const vendor = await signIn(VENDOR);
    const mine = await myProposalCodes(vendor);
    const soon = Date.now() + 24 * 3600 * 1000;
    const open = (await hospitalScenarios())
      .filter((s) => s.proposalDeadline !== null && Date.parse(s.proposalDeadline) > soon && !mine.includes(s.code))
      .sort((a, b) => Date.parse(b.proposalDeadline!) - Date.parse(a.proposalDeadline!));
    expect(open.length, "the seed gives the hospital an open scenario the demo vendor has not bid on").toBeGreaterThan(0);
    const { code, title } = open[0]!;

    // The vendor opens it: nothing of its own yet, and asks a question.
    await vendor.goto(`${baseUrl}/scenarios/${code}`);
    await expectH1(vendor, title);
    const panel = vendor.getByRole("region", { name: "揭榜", exact: true });
    const countText = (await panel.getByText(/^已收到揭榜方案 \d+ 份$/).textContent()) ?? "";
    const bidsBefore = Number(/(\d+)/.exec(countText)?.[1]);
    expect(await panel.getByText("我的方案：").count()).toBe(0);
    const questions = vendor.getByRole("region", { name: "答疑", exact: true });
    await waitForHydration(vendor);
    await questions.getByLabel("您的问题").fill(bid.question);
    await questions.getByRole("button", { name: "发布问题" }).click();
    await vendor.waitForURL((url) => url.searchParams.get("qa") === "asked");
    await expectStatus(vendor, "问题已发布。需求方答复后会通知您。");
    const asked = questions.getByRole("listitem").filter({ hasText: bid.question });
    expect(await asked.count()).toBe(1);
    await asked.getByText("我的提问", { exact: true }).waitFor();
    await asked.getByText("待答复", { exact: true }).waitFor();
    // Asking follows the scenario.
    await questions.getByText("✓ 已关注").waitFor();
    await vendor.close();

    // The hospital sees the question waiting in its list, and answers it on the public page.
    const owner = await signIn(DEMAND);
    await owner.goto(`${baseUrl}/my/scenarios`);
    await expectH1(owner, "本单位的场景");
    const row = owner.getByRole("row").filter({ has: owner.getByText(code, { exact: true }) });
    await row.getByRole("link", { name: /^\d+ 个问题待答复$/ }).click();
    await owner.waitForURL((url) => url.pathname === `/scenarios/${code}`);
    await expectH1(owner, title);
    await waitForHydration(owner);
    const ownerQuestion = owner.getByRole("region", { name: "答疑", exact: true }).getByRole("listitem").filter({ hasText: bid.question });
    await ownerQuestion.getByLabel(/^答复问 \d+$/).fill(bid.answer);
    await ownerQuestion.getByRole("button", { name: "发布答复" }).click();
    await owner.waitForURL((url) => url.searchParams.get("qa") === "answered");
    await expectStatus(owner, "答复已发布，提问企业和关注者会收到通知。");
    await ownerQuestion.getByText(bid.answer).waitFor();
    expect(await ownerQuestion.getByText("待答复", { exact: true }).count()).toBe(0);
    await owner.close();

    // The vendor is told, reads the answer, and writes its proposal.
    const back = await signIn(VENDOR);
    await back.goto(`${baseUrl}/notifications`);
    await expectH1(back, "消息");
    await back.getByRole("link", { name: `您在“${title}”的提问已答复` }).click();
    await back.waitForURL((url) => url.pathname === `/scenarios/${code}`);
    const answered = back.getByRole("region", { name: "答疑", exact: true }).getByRole("listitem").filter({ hasText: bid.question });
    await answered.getByText(bid.answer).waitFor();

    await back.getByRole("region", { name: "揭榜", exact: true }).getByRole("link", { name: "提交揭榜方案" }).click();
    await back.waitForURL((url) => url.pathname === `/scenarios/${code}/proposal`);
    await expectH1(back, `揭榜方案：${title}`);
    await back.getByText("你的单位还没有这个场景的方案。", { exact: false }).waitFor();
    await waitForHydration(back);
    await back.getByLabel("技术方案").fill(bid.approach);
    await back.getByLabel("项目团队").fill(bid.team);
    await back.getByLabel("报价（万元）").fill(bid.badPrice);
    await back.getByLabel("实施周期与计划").fill(bid.timeline);
    // The product and case from journey 1 are offered, with the product's filing number.
    const productBox = back.getByRole("checkbox", { name: new RegExp(`^${profile.product.name}`) });
    await back.getByText(`行业大模型 · 备案号 ${profile.product.filing}`).waitFor();
    await productBox.check();
    await back.getByRole("checkbox", { name: new RegExp(`^${profile.referenceCase.client} · ${profile.referenceCase.scenario}`) }).check();
    await back.getByRole("button", { name: "提交方案" }).click();
    const price = back.getByLabel("报价（万元）");
    await expect.poll(() => price.getAttribute("aria-invalid")).toBe("true");
    const priceError = (await price.getAttribute("aria-describedby"))?.split(" ")[0] ?? "";
    expect(await back.locator(`[id="${priceError}"]`).textContent()).toBe("报价请填写数字，如 120 或 85.5（单位：万元）。");
    expect(await back.getByLabel("技术方案").inputValue()).toBe(bid.approach);
    expect(await productBox.isChecked()).toBe(true);
    expect(new URL(back.url()).searchParams.has("done")).toBe(false);

    await price.fill(bid.price);
    await back.getByRole("button", { name: "提交方案" }).click();
    await back.waitForURL((url) => url.searchParams.get("done") === "submitted");
    await expectStatus(back, "方案已提交。截止前仍可修改或撤回；截止后需求单位开始评选。");
    await back.locator("main header").getByText("已提交", { exact: true }).waitFor();
    await back.getByText(/^提交于 /).waitFor();
    // Still open: it can be changed, and what was sent is kept.
    await back.getByRole("button", { name: "保存修改" }).waitFor();
    expect(await back.getByLabel("报价（万元）").inputValue()).toBe(bid.price);
    expect(await back.getByRole("checkbox", { name: new RegExp(`^${profile.product.name}`) }).isChecked()).toBe(true);
    await waitForHydration(back);
    await expectAccessible(back);
    await back.close();

    // Before the deadline the hospital cannot read proposals; it only learns how many there are.
    const amender = await signIn(DEMAND);
    const id = await openOwnScenario(amender, code, title);
    const sealed = await amender.goto(`${baseUrl}/my/scenarios/${id}/proposals`);
    expect(sealed?.status()).toBe(403);
    await amender.getByRole("heading", { level: 1, name: "方案在截止后开启" }).waitFor();
    await amender.getByText(`目前已收到 ${bidsBefore + 1} 份方案。`).waitFor();
    expect(await amender.getByText(bid.approach).count()).toBe(0);

    // It publishes a material amendment: a requirement added, with a reason.
    await amender.goto(`${baseUrl}/my/scenarios/${id}`);
    await expectH1(amender, title);
    await waitForHydration(amender);
    const requirements = amender.getByLabel("具体需求 / 技术需求");
    const oldRequirements = await requirements.inputValue();
    await requirements.fill(`${oldRequirements}\n${bid.amendment}`);
    await amender.getByLabel("变更原因").fill(bid.amendmentReason);
    await amender.getByRole("button", { name: "发布变更" }).click();
    await amender.waitForURL((url) => url.searchParams.get("done") === "amended");
    await expectStatus(amender, "变更已发布，并已通知关注者和已提交方案的供应商。");
    await amender.close();

    // Everyone sees the numbered amendment and the new requirement on the public page.
    await context.clearCookies();
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}/scenarios/${code}`);
    const record = visitor.getByRole("region", { name: "变更公告" });
    const latest = record.getByRole("listitem").first();
    const number = Number(/^第 (\d+) 号变更/.exec((await latest.getByRole("heading", { level: 3 }).textContent()) ?? "")?.[1]);
    expect(number).toBeGreaterThan(0);
    await latest.getByText("实质性变更", { exact: true }).waitFor();
    await latest.getByText(`变更原因：${bid.amendmentReason}`).waitFor();
    expect((await latest.locator("ins").allTextContents()).join("")).toContain(bid.amendment);
    await visitor.getByRole("region", { name: "具体需求 / 技术需求" }).getByText(bid.amendment).waitFor();
    await visitor.close();

    // The vendor is told its proposal needs re-confirming: in its inbox, its list and on the proposal.
    const vendorAgain = await signIn(VENDOR);
    const attention = vendorAgain.getByRole("region", { name: "需要处理" });
    await attention.getByRole("link", { name: `「${title}」的场景有变更，方案需重新确认。` }).waitFor();
    await vendorAgain.goto(`${baseUrl}/notifications`);
    await vendorAgain.getByRole("link", { name: `${code} 发布第 ${number} 号变更，您的方案需重新确认` }).click();
    await vendorAgain.waitForURL((url) => url.pathname === `/scenarios/${code}/proposal`);
    const banner = vendorAgain.getByRole("region", { name: "方案需重新确认" });
    await banner.waitFor();
    await banner.getByText(`第 ${number} 号变更`, { exact: false }).waitFor();
    await banner.getByText(bid.amendmentReason).waitFor();
    await waitForHydration(vendorAgain);
    await expectAccessible(vendorAgain);
    await vendorAgain.screenshot({ path: `${SHOTS}/vendor-proposal-reconfirm-1280.png`, fullPage: true });
    await vendorAgain.setViewportSize(NARROW);
    await expectNoSidewaysScroll(vendorAgain);
    await vendorAgain.screenshot({ path: `${SHOTS}/vendor-proposal-reconfirm-390.png`, fullPage: false });
    await vendorAgain.screenshot({ path: `${SHOTS}/vendor-proposal-reconfirm-390-full.png`, fullPage: true });
    await vendorAgain.setViewportSize({ width: 1280, height: 900 });

    await banner.getByRole("button", { name: "确认方案仍然有效" }).click();
    await vendorAgain.waitForURL((url) => url.searchParams.get("done") === "reconfirmed");
    await expectStatus(vendorAgain, "已确认方案仍然有效，方案将参加评选。");
    expect(await vendorAgain.getByRole("region", { name: "方案需重新确认" }).count()).toBe(0);
    await vendorAgain.goto(`${baseUrl}/my/proposals`);
    await expectH1(vendorAgain, "本单位的揭榜方案");
    expect(await vendorAgain.getByText(`「${title}」的场景有变更，方案需重新确认。`).count()).toBe(0);
    const card = vendorAgain.locator("main li").filter({ has: vendorAgain.getByText(code, { exact: true }) });
    await card.getByText("已提交", { exact: true }).waitFor();
    expect(await card.getByText("需重新确认", { exact: true }).count()).toBe(0);
    story.finished.add(2);
  });

  it("3. the hospital declines the demo vendor's proposal and selects another; the vendor sees why, the public sees the award", { timeout: 240_000 }, async () => {
    const vendor = await demoVendor();

    // The hospital's scenario past its deadline with the demo vendor's proposal and others still undecided.
    const owner = await signIn(DEMAND);
    const closed = (await hospitalScenarios("awaiting_selection")).filter((s) => s.proposalDeadline !== null && Date.parse(s.proposalDeadline) < Date.now());
    let chosen: { scenario: ApiScenario; mine: ApiProposal; other: ApiProposal; count: number } | undefined;
    for (const scenario of closed) {
      const response = await owner.request.get(`${baseUrl}/api/v1/scenarios/${scenario.code}/proposals`);
      if (response.status() !== 200) continue;
      const { considered, notConsidered } = (await response.json()) as { considered: ApiProposal[]; notConsidered: ApiProposal[] };
      const undecided = (p: ApiProposal) => (p.status === "submitted" || p.status === "shortlisted") && !p.needsReconfirmation;
      const mine = considered.find((p) => p.vendor.id === vendor.id && undecided(p));
      const other = considered.find((p) => p.vendor.id !== vendor.id && undecided(p));
      if (mine && other) {
        chosen = { scenario, mine, other, count: considered.length + notConsidered.length };
        break;
      }
    }
    expect(chosen, "the seed stages a past-deadline hospital scenario with the demo vendor's proposal among others").toBeDefined();
    const { scenario: { code, title }, other, count } = chosen!;

    // From the owner's page to the comparison.
    const id = await openOwnScenario(owner, code, title);
    await owner.getByRole("link", { name: "查看和比选揭榜方案" }).click();
    await owner.waitForURL((url) => url.pathname === `/my/scenarios/${id}/proposals`);
    await expectH1(owner, "揭榜方案比选");
    await owner.locator("main header").getByText(title, { exact: true }).waitFor();
    await owner.getByText(new RegExp(`^揭榜已于 .+ 截止，共收到 ${count} 份方案。`)).waitFor();
    const running = owner.getByRole("table", { name: "参与比选的方案", exact: true });
    await (await comparisonCell(running, "状态", vendor.name)).waitFor();
    await (await comparisonCell(running, "报价", other.vendor.name)).getByText(/^[\d.,]+ 万元$/).waitFor();
    await waitForHydration(owner);
    await expectAccessible(owner);
    await owner.screenshot({ path: `${SHOTS}/vendor-comparison-1280.png`, fullPage: true });
    await owner.setViewportSize(NARROW);
    await owner.getByText("表格较宽，可左右滑动查看全部方案。").first().waitFor();
    await expectNoSidewaysScroll(owner);
    await owner.screenshot({ path: `${SHOTS}/vendor-comparison-390.png`, fullPage: false });
    await owner.setViewportSize({ width: 1280, height: 900 });

    // Declined with a reason, the demo vendor's proposal leaves the running.
    const actions = await comparisonCell(running, "操作", vendor.name);
    await actions.getByText("婉拒", { exact: true }).click();
    await actions.getByLabel("婉拒理由（企业可见）").fill(decision.declineReason);
    await actions.getByRole("button", { name: "确认婉拒" }).click();
    await owner.waitForURL((url) => url.searchParams.get("done") === "decline");
    await expectStatus(owner, "已婉拒，企业已收到通知。");
    const out = owner.getByRole("table", { name: "已婉拒或待重新确认的方案", exact: true });
    const declinedStatus = await comparisonCell(out, "状态", vendor.name);
    await declinedStatus.getByText("已婉拒", { exact: true }).waitFor();
    await declinedStatus.getByText(`理由：${decision.declineReason}`).waitFor();
    expect(await running.locator("thead th").filter({ hasText: whole(vendor.name) }).count()).toBe(0);

    // Another vendor's is selected, through the confirm step.
    await waitForHydration(owner);
    await (await comparisonCell(running, "操作", other.vendor.name)).getByRole("link", { name: "选定此方案" }).click();
    await owner.waitForURL((url) => url.searchParams.get("confirm") === String(other.id));
    const confirm = owner.getByRole("region", { name: `确认选定“${other.vendor.name}”的方案？` });
    await confirm.getByText(/^选定后场景转为“已对接”并开启先行先试；其余 \d+ 份未处理的方案将以“已选定其他方案”为由自动婉拒。/).waitFor();
    // Nothing is decided by the link alone.
    expect(await (await comparisonCell(running, "状态", other.vendor.name)).getByText("已选定", { exact: true }).count()).toBe(0);
    await confirm.getByLabel("选定说明（可选，企业可见）").fill(decision.selectNote);
    await confirm.getByRole("button", { name: "确认选定" }).click();
    await owner.waitForURL((url) => url.searchParams.get("done") === "select");
    await expectStatus(owner, "已选定方案。场景已转为“已对接”，先行先试已开启，所有揭榜企业已收到通知。");
    await owner.locator("main header").getByText("已对接", { exact: true }).waitFor();
    const winner = owner.getByRole("table", { name: "中选方案", exact: true });
    await (await comparisonCell(winner, "状态", other.vendor.name)).getByText("已选定", { exact: true }).waitFor();
    expect(await owner.getByRole("link", { name: "选定此方案" }).count(), "no more decisions").toBe(0);
    expect(await (await comparisonCell(out, "状态", vendor.name)).getByText(`理由：${decision.declineReason}`).count()).toBe(1);
    await owner.screenshot({ path: `${SHOTS}/vendor-comparison-decided.png`, fullPage: true });
    await owner.close();

    // The demo vendor sees the outcome and the reason, in its list, on the proposal and in its inbox.
    const loser = await signIn(VENDOR);
    await expectH1(loser, "本单位的揭榜方案");
    const item = loser.getByRole("region", { name: /^已截止（\d+）$/ }).getByRole("listitem").filter({ has: loser.getByText(code, { exact: true }) });
    await item.getByText("未中选", { exact: true }).waitFor();
    await item.getByText(`需求单位说明：${decision.declineReason}`).waitFor();
    await item.getByRole("link", { name: title }).click();
    await loser.waitForURL((url) => url.pathname === `/scenarios/${code}/proposal`);
    await loser.getByRole("heading", { level: 2, name: "你的方案未中选" }).waitFor();
    await loser.getByText(`需求单位说明：${decision.declineReason}`).waitFor();
    await loser.getByText(/^\d{4}年\d{1,2}月\d{1,2}日 作出决定$/).waitFor();
    await loser.locator("main header").getByText("未中选", { exact: true }).waitFor();
    await loser.getByRole("region", { name: "方案内容" }).waitFor();
    expect(await loser.getByRole("button", { name: /提交方案|保存修改/ }).count(), "nothing left to change").toBe(0);
    await loser.screenshot({ path: `${SHOTS}/vendor-outcome.png`, fullPage: true });
    await loser.goto(`${baseUrl}/notifications`);
    const notice = loser.getByRole("listitem").filter({ has: loser.getByRole("link", { name: `揭榜结果：${title}` }) });
    await notice.getByText(`“${title}”的需求单位未选用贵单位的方案。理由：${decision.declineReason}`).waitFor();
    await loser.close();

    // The public page names the selected vendor in the award notice.
    await context.clearCookies();
    const visitor = await context.newPage();
    await visitor.goto(`${baseUrl}/scenarios/${code}`);
    await expectH1(visitor, title);
    await visitor.locator("main header").getByText("已对接", { exact: true }).waitFor();
    const award = visitor.getByRole("region", { name: "中选结果" });
    await award.getByRole("link", { name: other.vendor.name }).waitFor();
    expect(await award.getByText(vendor.name).count()).toBe(0);
    await award.getByText(/^\d+(\.\d+)? 万元$/).waitFor();
    await visitor.screenshot({ path: `${SHOTS}/vendor-award-notice.png`, fullPage: false });
    await visitor.setViewportSize(NARROW);
    await expectNoSidewaysScroll(visitor);
    await award.screenshot({ path: `${SHOTS}/vendor-award-notice-390.png` });
  });
});

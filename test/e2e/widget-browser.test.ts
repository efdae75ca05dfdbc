/**
 * `<referral-dashboard>` in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core: no browser
 * download) on the local stack's demo host page, an origin of its own: the page's backend mints a widget token, the
 * widget exchanges it and reads the account's routes across origins. Copy (the live region and the clipboard), the
 * share URLs, a click in another tab showing up live, an invite, a withdrawal and its refusal reason, keyboard-only
 * use, an axe-core scan with no violation, and the five locales' plural forms.
 *
 * With WIDGET_SCREENSHOTS=<folder> (`npm run screenshots`: docs/widget) it saves a screenshot of each view there; a
 * plain `npm test` writes nothing into the tree.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { httpRoutes } from "../../infra/catalog.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";
import { ensureTable } from "../../scripts/lib/table.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { catalogs } from "../../widget/src/i18n.ts";
import { shareChannels, shareUrl } from "../../widget/src/share.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** A desktop Chrome's user agent: headless Chromium's own says HeadlessChrome, which the click counter takes for a bot. */
const userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36";
const screenshots = process.env.WIDGET_SCREENSHOTS;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const discountsRouteExists = httpRoutes.some((route) => route.path === "/accounts/{accountId}/discounts");

let dataDirectory: string;
let stack: RunningLocalStack;
let browser: Browser;
let context: BrowserContext;
let demoUrl: string;
const runId = randomUUID().slice(0, 8);

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (.ci/run does)`);
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-widget-browser-"));
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  const demoPort = await freePort();
  const tableName = `e2e-widget-browser-${randomUUID()}`;
  // The operator's configuration before the stack starts (an existing one is kept): the demo's, allowing this run's page.
  const client = localDynamoDbClient();
  await ensureTable(client, tableName);
  await createOperatorConfigStore({ documentClient: createDocumentClient(client), tableName }, systemClock).save({
    ...demoOperatorConfig,
    // ACTIVE 24's Partner Plus also asks for paid revenue here: the level tab says both conditions.
    programs: demoOperatorConfig.programs.map((program) =>
      program.partnerProgram
        ? {
            ...program,
            partnerProgram: {
              ...program.partnerProgram,
              levels: (program.partnerProgram.levels ?? []).map((level) =>
                level.levelId === "partner-plus" || level.levelId === "partner-premium"
                  ? {
                      ...level,
                      conditions: {
                        ...level.conditions,
                        paidRevenueMin: { currency: "CZK", amountMinor: level.levelId === "partner-plus" ? 5_000_000 : 20_000_000 },
                      },
                    }
                  : level,
              ),
            },
          }
        : program,
    ),
    widget: { allowedOrigins: [`http://localhost:${demoPort}`] },
  });
  client.destroy();
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName,
    runSchedules: false,
    pollQueue: false,
    demoHostPort: demoPort,
    log: () => {},
    logError: () => {},
  });
  demoUrl = stack.demoHostUrl!;
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  context = await browser.newContext({ userAgent, locale: "en-US", viewport: { width: 900, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demoUrl });
  // No request leaves the machine: anything but loopback is answered by a stub page.
  await context.route(
    (url) => !["localhost", "127.0.0.1"].includes(url.hostname),
    (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>Operator's site</title><p>landing</p>" }),
  );
  if (screenshots) mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

const operator = { authorization: "Bearer dev:operator", "content-type": "application/json" };

async function api<T>(method: string, path: string, body?: unknown, authorization = operator.authorization): Promise<T> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

async function openDashboard(options: { account: string; program?: string; locale?: string; page?: Page }): Promise<Page> {
  const page = options.page ?? (await context.newPage());
  const query = new URLSearchParams({ account: options.account, ...(options.program ? { program: options.program } : {}) });
  if (options.locale) query.set("locale", options.locale);
  await page.goto(`${demoUrl}/?${query}`);
  await page.locator("[role=tablist]").waitFor();
  return page;
}

/** Polls up to 20 s: the widget renders after its requests, under whatever load the machine has. */
const eventually = { timeout: 20_000, interval: 100 };

/** What the element says, its white space collapsed as a reader hears it. */
const shown = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
const allShown = async (locator: Locator): Promise<string[]> =>
  (await locator.allTextContents()).map((text) => text.replace(/\s+/g, " ").trim());
/** The live region's words. */
const announced = (page: Page) => page.locator("#rd-live").textContent();

async function shoot(page: Page, name: string): Promise<void> {
  if (screenshots) await page.locator("referral-dashboard").screenshot({ path: join(screenshots, `${name}.png`), animations: "disabled" });
}

/** The id of the element focused inside the widget's shadow root. */
const focusedId = (page: Page): Promise<string> =>
  page.evaluate(`document.querySelector("referral-dashboard")?.shadowRoot?.activeElement?.id ?? document.activeElement?.tagName ?? ""`);

/** Presses Tab until the element of `id` has the focus (at most `presses` times): it is reachable by keyboard. */
async function tabTo(page: Page, id: string, presses = 20): Promise<void> {
  for (let press = 0; press < presses; press += 1) {
    await page.keyboard.press("Tab");
    if ((await focusedId(page)) === id) return;
  }
  throw new Error(`#${id} was not reached with ${presses} presses of Tab (focus on ${await focusedId(page)})`);
}

/** axe-core injected into the page, run over the document and the widget's open shadow root (axe enters it). */
async function axeViolations(page: Page): Promise<unknown[]> {
  if (!(await page.evaluate(`"axe" in window`))) await page.addScriptTag({ path: axePath });
  return await page.evaluate(`(async () => {
    const results = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target) }));
  })()`);
}

/** Puts settled commission in the account's commission_available, as the settlement run posts it (accrual, then release). */
async function fundAvailable(accountId: string, amountMinor: number): Promise<void> {
  const client = localDynamoDbClient();
  const table = { documentClient: createDocumentClient(client), tableName: stack.tableName };
  const eventId = `test-settlement:${accountId}`;
  const pending = holderAccount(accountId, "commission_pending", "EUR");
  const common = {
    sourceEventId: eventId,
    sourceEventType: "test.settlement",
    postedAt: new Date().toISOString(),
    programId: "zadarma-partner",
    periodId: "2026-11-1",
  };
  await createLedgerStore(table, systemClock).commit({
    sourceEvent: { eventId, eventType: "test.settlement", payloadHash: "0".repeat(64), outcome: "settled" },
    transfers: [
      makeTransfer({
        ...common,
        index: 0,
        debit: operatorAccount("commission_expense", "EUR"),
        credit: pending,
        amountMinor,
        code: "commission_accrual",
        memo: "test accrual",
      }),
      makeTransfer({
        ...common,
        index: 1,
        debit: pending,
        credit: holderAccount(accountId, "commission_available", "EUR"),
        amountMinor,
        code: "settlement_release",
        memo: "test release",
      }),
    ],
  });
  client.destroy();
}

describe("<referral-dashboard> in Chromium", () => {
  it("copies the link, says so through the live region, and shares it through Facebook and the other channels", async () => {
    const account = `browser-copy-${runId}`;
    const page = await openDashboard({ account });
    const link = await page.locator("#rd-link").inputValue();
    expect(link).toMatch(new RegExp(`^${stack.apiUrl}/r/[A-Z0-9]{12}$`));
    await page.locator("#rd-copy-link").click();
    await expect.poll(() => announced(page), eventually).toBe(catalogs.en.linkCopied);
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(link);

    const overview = await api<{ facebookShareUrl: string }>("GET", `/accounts/${account}/referral`);
    const hrefs = Object.fromEntries(
      await Promise.all(
        shareChannels.map(async (channel) => [channel, await page.locator(`a[data-channel=${channel}]`).getAttribute("href")]),
      ),
    );
    expect(hrefs).toEqual(
      Object.fromEntries(
        shareChannels.map((channel) => [channel, shareUrl(channel, link, catalogs.en.shareText, catalogs.en.shareSubject)]),
      ),
    );
    expect(hrefs.facebook).toBe(overview.facebookShareUrl);
    for (const channel of shareChannels.filter((candidate) => candidate !== "email"))
      expect(await page.locator(`a[data-channel=${channel}]`).getAttribute("rel")).toContain("noopener");
    await expect.poll(() => page.locator("svg[role=img] path").getAttribute("d")).toMatch(/^M\d+ \d+h1v1h-1z/);
    await shoot(page, "en-refer-a-friend");
    await page.close();
  });

  it("shows a click made in another tab without a reload", async () => {
    const account = `browser-live-${runId}`;
    const page = await openDashboard({ account });
    await expect.poll(() => shown(page.locator("[data-stat=clickCount] dd")), eventually).toBe("0");
    const link = await page.locator("#rd-link").inputValue();
    const other = await context.newPage();
    const redirect = other.waitForResponse((response) => response.url() === link);
    // The operator's site it lands on is not reachable from this machine (no DNS): the click is counted on the redirect.
    await other.goto(link).catch(() => undefined);
    expect((await redirect).status()).toBe(302);
    expect(new URL((await redirect).headers().location!).hostname).toBe("www.example.com");
    await other.close();
    // The dashboard polls its statistics; the aggregator adds the click from the table's stream within about a second.
    await expect.poll(() => shown(page.locator("[data-stat=clickCount] dd")), { ...eventually, timeout: 30_000 }).toBe("1");
    await expect.poll(() => shown(page.locator("[data-stat=clickCount] dt")), eventually).toBe("click");
    await page.close();
  });

  it("sends an invite by e-mail, and says when the person was invited already", async () => {
    const account = `browser-invite-${runId}`;
    const page = await openDashboard({ account, program: "t2-invite", locale: "en" });
    const recipient = `friend-${runId}@example.com`;
    await page.locator("#tab-invite").click();
    await page.locator("#rd-recipient").fill(recipient);
    await page.locator("#rd-send-invite").click();
    await expect.poll(() => shown(page.locator("#rd-invite-notice")), eventually).toBe(catalogs.en.inviteSent(recipient));
    await expect.poll(() => announced(page), eventually).toBe(catalogs.en.inviteSent(recipient));
    const queue = new SQSClient({
      endpoint: stack.sqsEndpoint,
      region: localAwsEnvironment.AWS_REGION,
      credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    });
    const received = await queue.send(
      new ReceiveMessageCommand({ QueueUrl: stack.queueUrls.outbound, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    queue.destroy();
    const invites = (received.Messages ?? []).map((message) => JSON.parse(message.Body!) as Record<string, unknown>);
    expect(invites.find((message) => message.type === "invite.requested" && message.recipient === recipient)).toMatchObject({
      channel: "email",
      accountId: account,
      programId: "t2-invite",
      locale: "en",
    });

    await page.locator("#rd-recipient").fill(recipient);
    await page.locator("#rd-send-invite").click();
    await expect.poll(() => shown(page.locator("#rd-invite-notice")), eventually).toBe(catalogs.en.inviteRecentlyInvited);
    await page.locator("input[value=sms]").check();
    await page.locator("#rd-recipient").fill("12345");
    await page.locator("#rd-send-invite").click();
    await expect.poll(() => shown(page.locator("#rd-invite-notice")), eventually).toBe(catalogs.en.inviteInvalid);
    // Refused in the browser, before any request: announced like every other outcome (WCAG 4.1.3).
    await expect.poll(() => announced(page), eventually).toBe(catalogs.en.inviteInvalid);
    await shoot(page, "en-t2-invite");
    await page.close();
  });

  it("withdraws the available commission (Zadarma), and says why when it cannot", async () => {
    const rich = `browser-withdraw-${runId}`;
    await fundAvailable(rich, 15_000);
    await api("PUT", `/accounts/${rich}/contracts/zadarma-partner`, {
      documentReference: "contracts/2026/0042.pdf",
      signedOn: "2026-11-02",
    });
    const page = await openDashboard({ account: rich, program: "zadarma-partner" });
    await page.locator("#tab-earnings").click();
    const withdraw = page.locator("#rd-withdraw-EUR");
    await expect.poll(() => withdraw.getAttribute("aria-disabled"), eventually).toBe("false");
    await expect.poll(() => shown(withdraw), eventually).toBe("Withdraw €150.00");
    // Where the open half month stands (GET …/commission-rates/zadarma-partner): no referred customer paid yet.
    await expect
      .poll(() => shown(page.locator("#rd-rate-EUR")), eventually)
      .toBe("This half month: 0 active customers, paid at 10% if settled now. Next rate 12%: 25 active customers or more.");
    // The open half month's settlement day (the 15th or the 1st), in the operator's time zone.
    expect(await shown(page.locator("#rd-next-settlement"))).toMatch(
      /^Pending commission is settled on (?:[A-Z][a-z]{2} (?:15|1), \d{4})\.$/,
    );
    await shoot(page, "en-zadarma-earnings");
    await withdraw.click();
    await expect.poll(() => announced(page), eventually).toBe(catalogs.en.withdrawRequested("€150.00"));
    await expect.poll(() => withdraw.getAttribute("aria-disabled"), eventually).toBe("true");
    await expect.poll(() => shown(page.locator("#rd-withdraw-reason-EUR")), eventually).toBe(catalogs.en.withdrawOpen("€150.00"));
    await expect.poll(() => shown(page.locator("[data-figure=reserved] dd")), eventually).toBe("€150.00");
    const listed = await api<{ withdrawals: { accountId: string; amountMinor: number; status: string }[] }>(
      "GET",
      "/withdrawals?status=requested",
    );
    expect(listed.withdrawals.find((withdrawal) => withdrawal.accountId === rich)).toMatchObject({
      amountMinor: 15_000,
      status: "requested",
    });
    await page.close();

    const poor = `browser-below-${runId}`;
    await fundAvailable(poor, 4_000);
    const below = await openDashboard({ account: poor, program: "zadarma-partner" });
    await below.locator("#tab-earnings").click();
    await expect.poll(() => below.locator("#rd-withdraw-EUR").getAttribute("aria-disabled"), eventually).toBe("true");
    await expect
      .poll(() => shown(below.locator("#rd-withdraw-reason-EUR")), eventually)
      .toBe(catalogs.en.withdrawBelowThreshold("€100.00"));
    await below.locator("#rd-withdraw-EUR").click({ force: true }); // aria-disabled: focusable, and does nothing
    expect(
      (await api<{ withdrawals: { accountId: string }[] }>("GET", "/withdrawals?status=requested")).withdrawals.map((w) => w.accountId),
    ).not.toContain(poor);
    await below.close();
  });

  it("asks the page for a new token when the API refuses its session, and carries on", async () => {
    const page = await context.newPage();
    const tokenRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/widget-token")) tokenRequests.push(request.url());
    });
    // The request authorizer's refusal of an ended session, once: API Gateway's bare 403.
    let refused = 0;
    await page.route(
      (url) => url.pathname.endsWith("/referrals"),
      async (route) => {
        if (route.request().method() === "GET" && refused === 0) {
          refused += 1;
          await route.fulfill({
            status: 403,
            contentType: "application/json",
            body: '{"message":"Forbidden"}',
            headers: { "access-control-allow-origin": demoUrl },
          });
        } else await route.fallback();
      },
    );
    await openDashboard({ account: `browser-renew-${runId}`, page });
    expect(refused).toBe(1);
    expect(tokenRequests).toHaveLength(2);
    await page.locator("#tab-referrals").click();
    await expect.poll(() => shown(page.locator("#panel-referrals p")), eventually).toBe(catalogs.en.referralsEmpty);
    await page.close();
  });

  it("says the session ended when the API refuses it and the page gave a token without a provider to renew it", async () => {
    const page = await context.newPage();
    // The request authorizer refuses the session (revoked, or the clocks disagree): API Gateway's bare 403.
    await page.route(
      (url) => url.pathname.endsWith("/referral"),
      async (route) => {
        if (route.request().method() !== "GET") return await route.fallback(); // the CORS preflight goes through
        await route.fulfill({
          status: 403,
          contentType: "application/json",
          body: '{"message":"Forbidden"}',
          headers: { "access-control-allow-origin": demoUrl },
        });
      },
    );
    // The demo page handing over one token (its backend's) and no tokenProvider.
    await page.goto(`${demoUrl}/?account=browser-token-${runId}&embed=token`);
    await expect.poll(() => shown(page.locator("referral-dashboard [role=alert]")), eventually).toBe(catalogs.en.sessionEnded);
    await page.close();
  });

  it("is usable with the keyboard alone, with a visible focus", async () => {
    const page = await openDashboard({ account: `browser-keyboard-${runId}` });
    await page.locator("#page-title").click(); // start from the page, before the widget
    await tabTo(page, "rd-copy-link");
    const outline = await page.evaluate(
      `getComputedStyle(document.querySelector("referral-dashboard").shadowRoot.activeElement).outlineStyle`,
    );
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => announced(page), eventually).toBe(catalogs.en.linkCopied);

    await tabTo(page, "tab-invite");
    await page.keyboard.press("ArrowRight");
    expect(await focusedId(page)).toBe("tab-referrals");
    await expect.poll(() => page.locator("#tab-referrals").getAttribute("aria-selected"), eventually).toBe("true");
    await page.keyboard.press("End");
    expect(await focusedId(page)).toBe("tab-earnings");
    await page.keyboard.press("Home");
    expect(await focusedId(page)).toBe("tab-invite");

    await tabTo(page, "rd-recipient");
    const recipient = `keyboard-${runId}@example.com`;
    await page.keyboard.type(recipient);
    await page.keyboard.press("Enter");
    await expect.poll(() => shown(page.locator("#rd-invite-notice")), eventually).toBe(catalogs.en.inviteSent(recipient));
    await page.close();
  });

  it("shows an ACTIVE 24 partner its level and what the next one asks for, once approved", async () => {
    const partner = `browser-partner-${runId}`;
    const applicant = await openDashboard({ account: partner, program: "active24-reseller" });
    await expect.poll(() => applicant.locator("[role=tab]").count(), eventually).toBeGreaterThan(0);
    expect(await applicant.locator("#tab-level").count()).toBe(0);
    await applicant.close();

    const { application } = await api<{ application: { applicationId: string } }>(
      "POST",
      `/accounts/${partner}/partner-applications`,
      { programId: "active24-reseller", fields: { companyName: "Prohlížeč s.r.o.", registrationId: "CZ27082440", expectedServices: 60 } },
      `Bearer dev:${partner}`,
    );
    await api("POST", `/partner-applications/${application.applicationId}/approval`, { reasonCode: "conditions_met" });

    const page = await openDashboard({ account: partner, program: "active24-reseller" });
    await page.locator("#tab-level").click();
    await expect
      .poll(() => shown(page.locator("#rd-level-current")), eventually)
      .toBe("Your level: Partner, 10% off the services you pay for.");
    expect(await shown(page.locator("#rd-level-measured"))).toMatch(
      /^0 active services you pay for, CZK 0\.00 paid in 12 months\. Counted on [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/,
    );
    expect(await shown(page.locator("#rd-level-up"))).toBe(
      "Next level: Partner Plus, from 50 active services you pay for, CZK 50,000.00 paid in 12 months.",
    );
    expect(await shown(page.locator("#rd-level-verification"))).toMatch(/^Next verification: .+\.$/);
    expect(await axeViolations(page), "active24-reseller tab-level").toEqual([]);
    await shoot(page, "en-active24-level");

    await page.locator("#tab-level").focus();
    await page.keyboard.press("End");
    await page.keyboard.press("Home");
    expect(await focusedId(page)).toBe((await page.locator("[role=tab]").first().getAttribute("id")) ?? "");
    await page.close();
  });

  it("passes an axe-core scan (WCAG 2.2 AA and best practices) on every tab, with no violation", async () => {
    const account = `browser-axe-${runId}`;
    await fundAvailable(account, 4_000);
    for (const program of ["zadarma-partner", "t2-invite"]) {
      const page = await openDashboard({ account, program });
      const tabs = await page.locator("[role=tab]").evaluateAll((elements) => elements.map((element) => element.id));
      for (const tab of tabs) {
        await page.locator(`#${tab}`).click();
        expect(await axeViolations(page), `${program} ${tab}`).toEqual([]);
      }
      await page.close();
    }
  });

  it(`${discountsRouteExists ? "shows" : "hides"} t2's discounts tab as GET /accounts/{id}/discounts ${discountsRouteExists ? "answers" : "is not deployed"}`, async () => {
    const page = await openDashboard({ account: `browser-discounts-${runId}`, program: "t2-invite", locale: "cs" });
    if (!discountsRouteExists) {
      await expect.poll(() => page.locator("#tab-discounts").count(), eventually).toBe(0);
    } else {
      await page.locator("#tab-discounts").click();
      const rows = page.locator("#panel-discounts tbody tr");
      // t2's table as GET /accounts/{id}/discounts gives it: 1 to 5 referred clients, then every later one.
      await expect.poll(() => rows.count(), eventually).toBe(6);
      await expect.poll(() => shown(rows.nth(0)), eventually).toContain("3 měsíce");
      await expect.poll(() => shown(rows.nth(1)), eventually).toContain("6 měsíců");
      await expect.poll(() => shown(rows.nth(2)), eventually).toContain("1,200-SMS");
      await expect.poll(() => shown(rows.nth(5)), eventually).toBe("6+ 100 % 12 měsíců");
      await shoot(page, "cs-t2-discounts");
    }
    await page.close();
  });

  it("shows the newest 50 referred clients, and the older ones, page by page, on Show more", async () => {
    const account = `browser-paging-${runId}`;
    const { code } = await api<{ code: string }>("GET", `/accounts/${account}/referral`);
    for (let index = 0; index < 55; index += 1)
      await api("POST", "/attributions", { refereeAccountId: `${account}-client-${String(index).padStart(2, "0")}`, code });
    const page = await openDashboard({ account });
    await page.locator("#tab-referrals").click();
    const panel = page.locator("#panel-referrals");
    await expect.poll(() => shown(panel.locator("p").first()), eventually).toBe("The newest 50 referred clients");
    expect(await panel.locator("tbody tr").count()).toBe(50);

    await page.locator("#rd-more-referrals").click();
    await expect.poll(() => panel.locator("tbody tr").count(), eventually).toBe(55);
    expect(await shown(panel.locator("p").first())).toBe("55 referred clients");
    expect(await announced(page)).toBe("55 referred clients");
    expect(await page.locator("#rd-more-referrals").count()).toBe(0);
    // Newest first, each client once: the first attributed is the last row.
    const clients = await allShown(panel.locator("tbody tr td:first-child"));
    expect(new Set(clients).size).toBe(55);
    expect(clients.at(-1)).toBe(`${account}-client-00`);
    expect(await focusedId(page)).toBe("panel-referrals");
    await page.close();
  });

  it("renders each locale with its plural forms: 2 clicks, 5 sign-ups, 0 paying customers", async () => {
    const account = `browser-locales-${runId}`;
    const { code } = await api<{ code: string }>("GET", `/accounts/${account}/referral`);
    for (const agent of [userAgent, userAgent.replace("Linux x86_64", "Windows NT 10.0; Win64; x64")])
      expect((await fetch(`${stack.apiUrl}/r/${code}`, { headers: { "user-agent": agent }, redirect: "manual" })).status).toBe(302);
    for (let index = 0; index < 5; index += 1)
      await api("POST", "/attributions", { refereeAccountId: `${account}-referee-${index}`, code });
    await expect
      .poll(async () => (await api<{ stats: { clickCount: number } }>("GET", `/accounts/${account}/referral`)).stats.clickCount, {
        timeout: 30_000,
      })
      .toBe(2);
    const expected = {
      en: { title: "Refer a friend", labels: ["clicks", "sign-ups", "paying customers"], referrals: "5 referred clients" },
      fr: { title: "Parrainer un ami", labels: ["clics", "inscriptions", "client payant"], referrals: "5 filleuls" },
      ru: { title: "Пригласить друга", labels: ["перехода", "регистраций", "платящих клиентов"], referrals: "5 приведённых клиентов" },
      hu: { title: "Ajánlj egy barátot", labels: ["kattintás", "regisztráció", "fizető ügyfél"], referrals: "5 ajánlott ügyfél" },
      cs: { title: "Doporučte přítele", labels: ["prokliky", "registrací", "platících zákazníků"], referrals: "5 doporučených klientů" },
    } as const;
    for (const [locale, texts] of Object.entries(expected)) {
      const page = await openDashboard({ account, locale });
      await expect.poll(() => shown(page.locator("#rd-title")), eventually).toBe(texts.title);
      await expect.poll(() => allShown(page.locator("[data-stat] dt")), eventually).toEqual([...texts.labels]);
      await expect.poll(() => allShown(page.locator("[data-stat] dd")), eventually).toEqual(["2", "5", "0"]);
      await expect.poll(() => page.locator("section.box").getAttribute("lang"), eventually).toBe(locale);
      await shoot(page, `${locale}-refer-a-friend`);
      await page.locator("#tab-referrals").click();
      await expect.poll(() => shown(page.locator("#panel-referrals p").first()), eventually).toBe(texts.referrals);
      await page.close();
    }
    // A locale without texts of its own falls back to English, and says so to assistive technology.
    const german = await openDashboard({ account, locale: "de" });
    await expect.poll(() => shown(german.locator("#rd-title")), eventually).toBe(expected.en.title);
    expect(await german.locator("section.box").getAttribute("lang")).toBe("en");
    await german.close();
  });
});

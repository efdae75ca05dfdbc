/**
 * End to end, as a developer runs it: `npm start` as a child process on free ports and a temporary
 * data directory, driven with real HTTP. A referrer reads its link, a visitor follows it, the
 * operator's sign-up attributes the new account with the click id, and the referrer's statistics show
 * one click and one sign-up. Then SIGTERM goes to npm's pid (what a process manager or `kill <pid>`
 * sends), and the whole stack must stop: no tsx, Node or DynamoDB Local Java process left, every port
 * closed.
 */
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StackState, stackStatePath } from "../../scripts/lib/stack-state.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { descendantPids, isPortClosed, type NpmStart, startNpmStart, survivors } from "../support/npm-start.ts";

const browser = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
const referrerAccountId = "acct-e2e-referrer";
const refereeAccountId = "acct-e2e-referee";

let started: NpmStart;
let stack: StackState;
let output: () => string;

beforeAll(async () => {
  started = await startNpmStart();
  stack = started.stack;
  output = started.output;
});

afterAll(async () => {
  await started?.cleanUp();
});

function asAccount(accountId: string): Record<string, string> {
  return { authorization: `Bearer dev:${accountId}` };
}

const asOperator = { authorization: "Bearer dev:operator", "content-type": "application/json" };

interface ReferralOverviewBody {
  code: string;
  inviteCode: string;
  link: string;
  facebookShareUrl: string;
  stats: { clickCount: number; signupCount: number; customerCount: number; clicksByDay: { day: string; clickCount: number }[] };
}

describe("the referral link flow on the local stack", () => {
  it("prints where everything is", () => {
    expect(output()).toContain("local stack ready");
    expect(output()).toContain(stack.apiUrl);
    expect(output()).toContain(stack.queueUrls.billingEvents);
    expect(stack.dynamoDbLocalPid).toBeGreaterThan(0);
  });

  it("answers like API Gateway: 401 without a token, 404 for an unknown route", async () => {
    const unauthorized = await fetch(`${stack.apiUrl}/accounts/${referrerAccountId}/referral`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ message: "Unauthorized" });
    const notFound = await fetch(`${stack.apiUrl}/no-such-route`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ message: "Not Found" });
  });

  it("follows a referral link from the referrer's dashboard through attribution to the statistics", async () => {
    // The referrer's dashboard: the link exists from the first request.
    const overviewResponse = await fetch(`${stack.apiUrl}/accounts/${referrerAccountId}/referral`, {
      headers: asAccount(referrerAccountId),
    });
    expect(overviewResponse.status).toBe(200);
    const overview = (await overviewResponse.json()) as ReferralOverviewBody;
    expect(overview.inviteCode).toBe(overview.code);
    expect(overview.link).toBe(`${stack.apiUrl}/r/${overview.code}`);
    expect(overview.facebookShareUrl).toContain(encodeURIComponent(overview.link));
    expect(overview.stats).toMatchObject({ clickCount: 0, signupCount: 0 });
    // Another Host header changes nothing: the link comes from configuration.
    const spoofed = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        `${stack.apiUrl}/accounts/${referrerAccountId}/referral`,
        { headers: { ...asAccount(referrerAccountId), host: "evil.example" } },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          response.on("end", () => resolve(body));
        },
      );
      request.on("error", reject);
      request.end();
    });
    expect((JSON.parse(spoofed) as ReferralOverviewBody).link).toBe(overview.link);
    // The link pasted with a trailing slash is routed to the redirect like the link itself (HEAD: not counted).
    const withSlash = await fetch(`${overview.link}/`, { method: "HEAD", redirect: "manual" });
    expect(withSlash.status).toBe(302);

    // Another account may not read it.
    const foreign = await fetch(`${stack.apiUrl}/accounts/${referrerAccountId}/referral`, { headers: asAccount(refereeAccountId) });
    expect(foreign.status).toBe(403);

    // A visitor follows the link (a deep link with a query): 302 to the operator's site with a click id.
    const redirect = await fetch(`${overview.link}/pricing/vps?utm_source=newsletter`, {
      redirect: "manual",
      headers: { "user-agent": browser, "accept-language": "en" },
    });
    expect(redirect.status).toBe(302);
    const destination = new URL(redirect.headers.get("location")!);
    expect(demoOperatorConfig.site.allowedHosts).toContain(destination.hostname);
    expect(destination.pathname).toBe("/pricing/vps");
    expect(destination.searchParams.get("utm_source")).toBe("newsletter");
    const clickId = destination.searchParams.get("ref_click");
    expect(clickId).toBeTruthy();

    // The operator's sign-up attributes the new account with that click id: created once, first wins.
    const attribution = { refereeAccountId, clickId };
    const created = await fetch(`${stack.apiUrl}/attributions`, { method: "POST", headers: asOperator, body: JSON.stringify(attribution) });
    expect(created.status).toBe(201);
    const createdBody = (await created.json()) as { created: boolean; referral: Record<string, unknown> };
    expect(createdBody.created).toBe(true);
    expect(createdBody.referral).toMatchObject({ refereeAccountId, referrerAccountId });

    const repeated = await fetch(`${stack.apiUrl}/attributions`, {
      method: "POST",
      headers: asOperator,
      body: JSON.stringify(attribution),
    });
    expect(repeated.status).toBe(200);
    const repeatedBody = (await repeated.json()) as { created: boolean; referral: Record<string, unknown> };
    expect(repeatedBody.created).toBe(false);
    expect(repeatedBody.referral).toEqual(createdBody.referral);

    // The sign-up counts at once; the click reaches the counters from DynamoDB Local's stream, through
    // the click aggregator the stack runs (about a second; waited for here, not timed).
    const readOverview = async () =>
      (await (
        await fetch(`${stack.apiUrl}/accounts/${referrerAccountId}/referral`, { headers: asAccount(referrerAccountId) })
      ).json()) as ReferralOverviewBody;
    let after = await readOverview();
    expect(after.stats.signupCount).toBe(1);
    for (let attempt = 0; attempt < 100 && after.stats.clickCount === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await readOverview();
    }
    expect(after.code).toBe(overview.code);
    expect(after.stats.clickCount).toBe(1);
    expect(after.stats.signupCount).toBe(1);
    expect(after.stats.clicksByDay.reduce((sum, day) => sum + day.clickCount, 0)).toBe(1);
  });

  it("stops the whole stack on SIGTERM to npm's pid: no process left, ports closed, no state file", async () => {
    const npmPid = started.npm.pid!;
    const processes = descendantPids(npmPid);
    expect(processes).toContain(stack.pid);
    expect(processes).toContain(stack.dynamoDbLocalPid);
    process.kill(npmPid, "SIGTERM");
    const exit = await started.exit;
    // npm relays the signal and exits when the stack has stopped; the stack itself exits 0.
    expect(exit.code === 0 || exit.signal === "SIGTERM").toBe(true);
    expect(await survivors(processes)).toEqual([]);
    for (const url of [stack.apiUrl, stack.sqsEndpoint, stack.dynamoDbEndpoint]) expect(await isPortClosed(url)).toBe(true);
    expect(existsSync(stackStatePath(started.dataDirectory))).toBe(false);
    expect(output()).toContain("stopped.");
  });
});

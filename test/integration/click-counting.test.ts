import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { countRequests } from "../../bench/lib/request-counter.ts";
import { createRedirectHandler } from "../../functions/http/redirect.ts";
import { createRedirectDependencies } from "../../functions/wiring/redirect.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { parseClickId } from "../../shared/domain/click.ts";
import { limits } from "../../shared/limits.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import type { RedirectDependencies } from "../../shared/use-cases/redirect-dependencies.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { browserUserAgent, type HttpEventInput, httpEvent, invoke } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup, testHashSalt } from "../support/referral-setup.ts";

let setup: ReferralTestSetup;

beforeAll(async () => {
  setup = await createReferralTestSetup("2026-03-14T10:00:00.000Z");
});

const hour = 3600_000;

async function newCode(accountId: string, programId = "ex2-credit"): Promise<string> {
  return (await ensureReferralLink(setup.dependencies(), accountId, programId)).link.code;
}

/** The code's counters once the aggregator has read every counted click so far from the table's stream. */
async function stats(code: string) {
  await setup.aggregateClicks();
  const result = await setup.dependencies().referralStore.readStats(code, "2026-01-01");
  return { clickCount: result.code?.clickCount ?? 0, clicksByDay: Object.fromEntries(result.clicksByDay) };
}

type VisitInput = Omit<HttpEventInput, "path"> & { readonly deepPath?: string };

function visit(handler: ReturnType<typeof createRedirectHandler>, code: string, input: VisitInput = {}) {
  const path = input.deepPath === undefined ? `/r/${code}` : `/r/${code}/${input.deepPath}`;
  return invoke(handler, httpEvent({ route: "/r/{link+}", path, ...input }));
}

describe("GET /r/{link+} redirects to the operator's site", () => {
  it("answers 302 to the deep page with its query and a click id, and sets the first-party cookie", async () => {
    const code = await newCode("acct-redirect");
    const response = await visit(createRedirectHandler(setup.dependencies()), code, {
      deepPath: "hosting/vps",
      query: "plan=pro&utm_source=blog",
    });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers!.location as string);
    expect(`${location.origin}${location.pathname}`).toBe("https://www.example.com/hosting/vps");
    expect(location.searchParams.get("plan")).toBe("pro");
    expect(location.searchParams.get("utm_source")).toBe("blog");
    const clickId = location.searchParams.get("ref_click")!;
    expect(parseClickId(testHashSalt, clickId)).toEqual({ code, clickedAt: setup.clock.now() });
    expect(response.headers).toMatchObject({ "cache-control": "no-store", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(response.cookies).toEqual([
      `ref=${clickId}; Domain=example.com; Path=/; Max-Age=${limits.referralCookieMaxAgeSeconds}; Secure; HttpOnly; SameSite=Lax`,
    ]);
    expect(response.body).toBe("");
  });

  it("accepts the code in any case and with Crockford look-alikes", async () => {
    const code = await newCode("acct-case");
    const response = await visit(createRedirectHandler(setup.dependencies()), code.toLowerCase());
    expect(new URL(response.headers!.location as string).searchParams.get("ref_click")).toContain(code);
  });

  it.each([
    ["a trailing slash", (code: string) => `/r/${code}/`, "/r/{link+}"],
    ["lower case", (code: string) => `/r/${code.toLowerCase()}`, "/r/{link+}"],
    ["a capital R", (code: string) => `/R/${code}`, "/R/{link+}"],
    ["the full stop of a sentence", (code: string) => `/r/${code}.`, "/r/{link+}"],
    ["a closing bracket and a comma", (code: string) => `/r/${code}),`, "/r/{link+}"],
    ["percent-encoding", (code: string) => `/r/%${code.charCodeAt(0).toString(16)}${code.slice(1)}%2E`, "/r/{link+}"],
    ["percent-encoding twice", (code: string) => `/r/%25${code.charCodeAt(0).toString(16)}${code.slice(1)}`, "/r/{link+}"],
  ])("counts the link pasted with %s like the link itself", async (_shape, pathOf, route) => {
    const code = await newCode(`acct-shape-${route.length}-${pathOf("X").length}-${_shape.length}`);
    const response = await invoke(
      createRedirectHandler(setup.dependencies()),
      httpEvent({ route, path: pathOf(code), sourceIp: "203.0.113.77" }),
    );
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers!.location as string);
    expect(`${location.origin}${location.pathname}`).toBe("https://www.example.com/");
    expect(parseClickId(testHashSalt, location.searchParams.get("ref_click")!)?.code).toBe(code);
    expect((await stats(code)).clickCount).toBe(1);
  });

  it("keeps the deep page of a link pasted with a trailing slash or the end of a sentence", async () => {
    const code = await newCode("acct-shape-deep");
    const handler = createRedirectHandler(setup.dependencies());
    for (const [path, page] of [
      [`/r/${code}/pricing.`, "/pricing"],
      [`/r/${code}/docs/`, "/docs/"],
    ] as const) {
      const response = await invoke(handler, httpEvent({ route: "/r/{link+}", path, sourceIp: `203.0.113.${path.length}` }));
      expect(new URL(response.headers!.location as string).pathname).toBe(page);
    }
  });

  it("sets no cookie when this service is not under the operator's domain (local stack, execute-api host)", async () => {
    const code = await newCode("acct-local-host");
    const handler = createRedirectHandler(setup.dependencies());
    for (const domainName of ["localhost:4000", "abc123.execute-api.eu-central-1.amazonaws.com"]) {
      const response = await visit(handler, code, { domainName, sourceIp: `198.51.100.${domainName.length}` });
      expect(response.statusCode).toBe(302);
      expect(response.cookies ?? []).toEqual([]);
      expect(new URL(response.headers!.location as string).searchParams.get("ref_click")).toMatch(/^ck_/);
    }
  });

  it.each([
    ["an unknown code", "ZZZZZZZZ", undefined],
    ["a malformed code", "not_a-code!", undefined],
    ["a too long code", "A".repeat(100), undefined],
    ["an unknown code with a deep path", "ZZZZZZZZ", "pricing"],
  ])("sends %s to the home page without a click id or cookie", async (_name, code, deepPath) => {
    const response = await visit(createRedirectHandler(setup.dependencies()), code, deepPath === undefined ? {} : { deepPath });
    expect(response.statusCode).toBe(302);
    expect(response.headers!.location).toBe("https://www.example.com/");
    expect(response.cookies ?? []).toEqual([]);
  });

  it("sends a disabled code, and the code of a program without links, to the home page, uncounted", async () => {
    const disabled = await newCode("acct-disabled");
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.referralCode(disabled),
        UpdateExpression: "SET #status = :disabled",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":disabled": "disabled" },
      }),
    );
    const inviteOnly = await newCode("acct-invite-only", "t2-invite");
    const handler = createRedirectHandler(setup.dependencies());
    for (const code of [disabled, inviteOnly]) {
      const response = await visit(handler, code, { deepPath: "pricing" });
      expect(response.headers!.location).toBe("https://www.example.com/");
      expect((await stats(code)).clickCount).toBe(0);
    }
  });

  it.each([["/evil.com"], ["%2F%2Fevil.com"], ["\\evil.com"], ["%5Cevil.com"], ["a%0d%0aSet-Cookie:x=1"]])(
    "never leaves the operator's hosts for the deep path %j",
    async (deepPath) => {
      const code = await newCode("acct-open-redirect");
      const response = await visit(createRedirectHandler(setup.dependencies()), code, { deepPath, sourceIp: "192.0.2.99" });
      expect(response.statusCode).toBe(302);
      const location = new URL(response.headers!.location as string);
      expect(location.host).toBe("www.example.com");
      expect(location.pathname).toBe("/");
    },
  );
});

describe("clicks are counted per link and per day", () => {
  it("counts a click, not its repeat within 24 hours, and again after 24 hours and one second", async () => {
    const code = await newCode("acct-counting");
    const handler = createRedirectHandler(setup.dependencies());
    const visitor = { sourceIp: "203.0.113.10", userAgent: browserUserAgent };
    const start = setup.clock.now();

    await visit(handler, code, visitor);
    expect(await stats(code)).toEqual({ clickCount: 1, clicksByDay: { "2026-03-14": 1 } });

    setup.clock.advance(23 * hour);
    await visit(handler, code, visitor);
    expect((await stats(code)).clickCount).toBe(1);

    setup.clock.set(new Date(start.getTime() + 24 * hour + 1000));
    await visit(handler, code, visitor);
    expect(await stats(code)).toEqual({ clickCount: 2, clicksByDay: { "2026-03-14": 1, "2026-03-15": 1 } });
    setup.clock.set(start);
  });

  it("counts again when the visitor's marker has expired but TTL has not deleted it yet", async () => {
    const code = await newCode("acct-ttl-lag");
    const store = setup.dependencies().clickStore;
    const nowEpochSeconds = Math.floor(setup.clock.now().getTime() / 1000);
    await setup.table.documentClient.send(
      new PutCommand({
        TableName: setup.table.tableName,
        Item: { ...keys.countedClick(code, "visitor-hash"), entityType: "CountedClick", expiresAtEpochSeconds: nowEpochSeconds - 1 },
      }),
    );
    expect(await store.recordClick({ code, visitorHash: "visitor-hash", day: "2026-03-14" })).toEqual({ counted: true });
    expect(await store.recordClick({ code, visitorHash: "visitor-hash", day: "2026-03-14" })).toEqual({ counted: false });
    expect((await stats(code)).clickCount).toBe(1);
  });

  it("never creates counters for a code that does not exist, and still counts the other codes of the batch", async () => {
    const code = await newCode("acct-beside-missing");
    const store = setup.dependencies().clickStore;
    await store.recordClick({ code: "NXNXNXNX", visitorHash: "visitor-hash", day: "2026-03-14" });
    await store.recordClick({ code, visitorHash: "visitor-hash", day: "2026-03-14" });
    expect(await stats("NXNXNXNX")).toEqual({ clickCount: 0, clicksByDay: {} });
    expect(await stats(code)).toEqual({ clickCount: 1, clicksByDay: { "2026-03-14": 1 } });
  });

  it("counts different visitors separately", async () => {
    const code = await newCode("acct-visitors");
    const handler = createRedirectHandler(setup.dependencies());
    await visit(handler, code, { sourceIp: "203.0.113.20" });
    await visit(handler, code, { sourceIp: "203.0.113.21" });
    await visit(handler, code, { sourceIp: "203.0.113.21", userAgent: `${browserUserAgent} Edg/131.0` });
    expect((await stats(code)).clickCount).toBe(3);
  });

  it("counts 10 simultaneous visitors on one link exactly", async () => {
    const code = await newCode("acct-simultaneous");
    const handler = createRedirectHandler(setup.dependencies());
    await Promise.all(Array.from({ length: 10 }, (_, index) => visit(handler, code, { sourceIp: `198.51.100.${index + 1}` })));
    expect((await stats(code)).clickCount).toBe(10);
  });

  it("files a click under the operator's local day (Europe/Prague), not the UTC day", async () => {
    const code = await newCode("acct-local-day");
    const handler = createRedirectHandler(setup.dependencies());
    const start = setup.clock.now();
    setup.clock.set("2026-03-14T23:30:00.000Z"); // 00:30 on 15 March in Prague
    await visit(handler, code, { sourceIp: "203.0.113.30" });
    setup.clock.set(start);
    expect((await stats(code)).clicksByDay).toEqual({ "2026-03-15": 1 });
  });

  it.each([
    ["a HEAD request", { method: "HEAD" }],
    ["Facebook's share preview", { userAgent: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)" }],
    ["Googlebot", { userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }],
    ["a request without user agent", { userAgent: null }],
    ["a Google Ads click (gclid)", { query: "gclid=abc123" }],
    ["a Microsoft Ads click (msclkid)", { query: "msclkid=abc123" }],
    ["utm_medium=cpc", { query: "utm_source=google&utm_medium=cpc" }],
  ] as const)("does not count %s and gives it no click id and no cookie", async (_name, input) => {
    const code = await newCode("acct-uncounted");
    const response = await visit(createRedirectHandler(setup.dependencies()), code, {
      ...input,
      deepPath: "pricing",
      sourceIp: "203.0.113.40",
    });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers!.location as string);
    expect(location.pathname).toBe("/pricing");
    expect(location.searchParams.has("ref_click")).toBe(false);
    expect(response.cookies ?? []).toEqual([]);
    expect((await stats(code)).clickCount).toBe(0);
  });

  it("keeps the paid-advertising parameters on the destination", async () => {
    const code = await newCode("acct-paid");
    const response = await visit(createRedirectHandler(setup.dependencies()), code, { query: "gclid=abc&utm_medium=cpc" });
    expect(response.headers!.location).toBe("https://www.example.com/?gclid=abc&utm_medium=cpc");
  });

  it("counts a Facebook share click (fbclid) like any other", async () => {
    const code = await newCode("acct-fbclid");
    await visit(createRedirectHandler(setup.dependencies()), code, { query: "fbclid=IwAR0abc", sourceIp: "203.0.113.50" });
    expect((await stats(code)).clickCount).toBe(1);
  });
});

describe("the hot path makes one DynamoDB request per counted click", () => {
  function countedDependencies(): { dependencies: RedirectDependencies; counts: ReturnType<typeof countRequests> } {
    const documentClient = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
    const counts = countRequests(documentClient);
    const dependencies = createRedirectDependencies({
      table: { documentClient, tableName: setup.table.tableName },
      clock: setup.clock,
      hashSalt: testHashSalt,
    });
    return { dependencies, counts };
  }

  it("reads configuration and code once per container, then writes one conditional put per click", async () => {
    const code = await newCode("acct-requests");
    const { dependencies, counts } = countedDependencies();
    const handler = createRedirectHandler(dependencies);
    await visit(handler, code, { sourceIp: "192.0.2.1" });
    expect(counts.requests).toBe(3); // cold: configuration, code, click
    await visit(handler, code, { sourceIp: "192.0.2.2" });
    expect(counts.requests).toBe(4); // warm: the click's put only
    expect(counts.byCommand).toEqual({ GetItemCommand: 2, PutItemCommand: 2 });
    await visit(handler, code, { sourceIp: "192.0.2.2" }); // a repeat without cookie: the put is refused by the visitor's counted click
    expect(counts.requests).toBe(5);
    expect((await stats(code)).clickCount).toBe(2);
  });

  it("writes nothing for a repeat that carries the referral cookie of the same code, and keeps its click id", async () => {
    const code = await newCode("acct-cookie-repeat");
    const { dependencies, counts } = countedDependencies();
    const handler = createRedirectHandler(dependencies);
    const first = await visit(handler, code, { sourceIp: "192.0.2.10" });
    const clickId = new URL(first.headers!.location as string).searchParams.get("ref_click")!;
    const before = counts.requests;
    setup.clock.advance(10_000); // within the caches' lifetime, so no configuration or code read either
    const repeat = await visit(handler, code, { sourceIp: "192.0.2.11", cookies: [`ref=${clickId}`, "other=1"] });
    setup.clock.advance(-10_000);
    expect(counts.requests).toBe(before);
    expect(new URL(repeat.headers!.location as string).searchParams.get("ref_click")).toBe(clickId);
    expect((await stats(code)).clickCount).toBe(1);
  });

  it("counts a visitor whose cookie is for another code", async () => {
    const code = await newCode("acct-cookie-other");
    const other = await newCode("acct-cookie-other-2");
    const handler = createRedirectHandler(setup.dependencies());
    const first = await visit(handler, other, { sourceIp: "192.0.2.20" });
    const otherClickId = new URL(first.headers!.location as string).searchParams.get("ref_click")!;
    const response = await visit(handler, code, { sourceIp: "192.0.2.20", cookies: [`ref=${otherClickId}`] });
    expect((await stats(code)).clickCount).toBe(1);
    expect(response.cookies?.[0]).toMatch(new RegExp(`^ref=ck_${code}_`));
  });
});

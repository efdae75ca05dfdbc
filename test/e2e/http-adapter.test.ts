/**
 * The API Gateway stand-in over real HTTP on loopback, with recording handlers: what a handler receives
 * and what the client gets back, including API Gateway's own answers (401, 404, 413, 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpRoutes } from "../../infra/catalog.ts";
import { type HttpApiEvent, type RunningHttpAdapter, startHttpAdapter } from "../../scripts/lib/http-adapter.ts";

const invocations: { functionName: string; event: HttpApiEvent }[] = [];
let respond: (functionName: string, event: HttpApiEvent) => Promise<unknown> = async () => ({ statusCode: 204 });
let adapter: RunningHttpAdapter;
const errors: string[] = [];
const authorizerEvents: HttpApiEvent[] = [];
let authorizerAnswer: unknown = { isAuthorized: false };
const corsOrigins = ["https://my.example.com"];

beforeAll(async () => {
  adapter = await startHttpAdapter({
    routes: httpRoutes,
    port: 0,
    invoke: async (functionName, event) => {
      invocations.push({ functionName, event });
      return await respond(functionName, event);
    },
    authorizeRequest: async (event) => {
      authorizerEvents.push(event);
      return authorizerAnswer;
    },
    corsAllowedOrigins: async () => corsOrigins,
    logError: (message) => errors.push(message),
  });
});

afterAll(async () => {
  await adapter?.stop();
});

function lastEvent(): HttpApiEvent {
  return invocations.at(-1)!.event;
}

describe("the local HTTP API", () => {
  it("calls the route's function with the payload 2.0 event and returns its response, cookies as Set-Cookie", async () => {
    respond = async () => ({
      statusCode: 302,
      headers: { location: "https://www.example.com/pricing?ref_click=ck_1" },
      cookies: ["ref=ck_1; Domain=example.com; Path=/", "seen=1"],
    });
    const response = await fetch(`${adapter.url}/r/ABC123/pricing?utm_source=x&utm_source=y`, {
      redirect: "manual",
      headers: { cookie: "a=1; b=2", "user-agent": "test-agent" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://www.example.com/pricing?ref_click=ck_1");
    expect(response.headers.getSetCookie()).toEqual(["ref=ck_1; Domain=example.com; Path=/", "seen=1"]);
    expect(response.headers.get("apigw-requestid")).toBeTruthy();
    expect(invocations.at(-1)!.functionName).toBe("redirect");
    expect(lastEvent()).toMatchObject({
      version: "2.0",
      routeKey: "GET /r/{link+}",
      rawPath: "/r/ABC123/pricing",
      rawQueryString: "utm_source=x&utm_source=y",
      cookies: ["a=1", "b=2"],
      queryStringParameters: { utm_source: "x,y" },
      pathParameters: { link: "ABC123/pricing" },
      requestContext: {
        http: { method: "GET", sourceIp: "127.0.0.1", userAgent: "test-agent" },
        stage: "$default",
        domainName: new URL(adapter.url).host,
      },
    });
  });

  it("answers HEAD with the headers only", async () => {
    respond = async () => ({ statusCode: 302, headers: { location: "https://www.example.com/" }, body: "ignored" });
    const response = await fetch(`${adapter.url}/r/ABC123`, { method: "HEAD", redirect: "manual" });
    expect(response.status).toBe(302);
    expect(lastEvent().routeKey).toBe("HEAD /r/{link+}");
    expect(await response.text()).toBe("");
  });

  it("plays the JWT authorizer on operator routes: 401 without a valid token and the handler is not called", async () => {
    const before = invocations.length;
    for (const authorization of [undefined, "Bearer not-a-dev-token", "Basic dev:operator"]) {
      const response = await fetch(`${adapter.url}/withdrawals`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "Unauthorized" });
    }
    expect(invocations.length).toBe(before);

    respond = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" });
    expect((await fetch(`${adapter.url}/withdrawals`, { headers: { authorization: "Bearer dev:operator" } })).status).toBe(200);
    expect(lastEvent().requestContext.authorizer.jwt.claims).toEqual({ sub: "operator", scope: "referral-ledger/operator" });
  });

  it("plays the request authorizer on account routes: a dev token as its JWT branch, any other bearer through the authorizer function", async () => {
    const before = invocations.length;
    expect((await fetch(`${adapter.url}/accounts/acct-1/referral`)).status).toBe(401);
    expect(authorizerEvents).toHaveLength(0);
    authorizerAnswer = { isAuthorized: false, context: {} };
    const refused = await fetch(`${adapter.url}/accounts/acct-1/referral`, {
      headers: { authorization: "Bearer ws_x", origin: "https://my.example.com" },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ message: "Forbidden" });
    expect(invocations.length).toBe(before);
    expect(authorizerEvents.at(-1)).toMatchObject({
      type: "REQUEST",
      identitySource: ["Bearer ws_x"],
      routeKey: "GET /accounts/{accountId}/referral",
      headers: { origin: "https://my.example.com" },
    });

    respond = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" });
    authorizerAnswer = { isAuthorized: true, context: { sub: "acct-1", via: "widget-session" } };
    expect((await fetch(`${adapter.url}/accounts/acct-1/referral`, { headers: { authorization: "Bearer ws_x" } })).status).toBe(200);
    expect(lastEvent().requestContext.authorizer).toEqual({ lambda: { sub: "acct-1", via: "widget-session" } });

    const authorizerCalls = authorizerEvents.length;
    expect((await fetch(`${adapter.url}/accounts/acct-1/referral`, { headers: { authorization: "Bearer dev:acct-1" } })).status).toBe(200);
    expect(lastEvent().requestContext.authorizer).toEqual({ lambda: { sub: "acct-1", via: "jwt" } });
    expect(authorizerEvents).toHaveLength(authorizerCalls);
  });

  it("answers CORS as API Gateway's CORS configuration: preflights on any path, Allow-Origin for allowed origins only", async () => {
    const before = invocations.length;
    const preflight = await fetch(`${adapter.url}/anything/at/all`, {
      method: "OPTIONS",
      headers: { origin: "https://my.example.com", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith("access-control-")))).toEqual({
      "access-control-allow-origin": "https://my.example.com",
      "access-control-allow-methods": "GET,POST",
      "access-control-allow-headers": "authorization,content-type",
      "access-control-max-age": "600",
    });
    const foreign = await fetch(`${adapter.url}/accounts/a/referral`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example.net", "access-control-request-method": "GET" },
    });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(invocations.length).toBe(before);

    respond = async () => ({ statusCode: 200, headers: { "content-type": "application/json", vary: "accept" }, body: "{}" });
    const answered = await fetch(`${adapter.url}/withdrawals`, {
      headers: { authorization: "Bearer dev:operator", origin: "https://my.example.com" },
    });
    expect(answered.headers.get("access-control-allow-origin")).toBe("https://my.example.com");
    expect(answered.headers.get("vary")).toBe("accept, origin");
    // A gateway error to an allowed origin is readable by the page too.
    const unauthorized = await fetch(`${adapter.url}/withdrawals`, { headers: { origin: "https://my.example.com" } });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("access-control-allow-origin")).toBe("https://my.example.com");
    const elsewhere = await fetch(`${adapter.url}/withdrawals`, {
      headers: { authorization: "Bearer dev:operator", origin: "https://evil.example.net" },
    });
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 404 for unknown routes and methods without calling anything", async () => {
    const before = invocations.length;
    for (const [method, path] of [
      ["GET", "/nothing"],
      ["GET", "/attributions"],
      ["DELETE", "/r/ABC123"],
    ] as const) {
      const response = await fetch(`${adapter.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: "Not Found" });
    }
    expect(invocations.length).toBe(before);
  });

  it("passes the JSON body through and refuses bodies over 10 MB with 413", async () => {
    respond = async () => ({ statusCode: 201, body: '{"created":true}', headers: { "content-type": "application/json" } });
    const created = await fetch(`${adapter.url}/attributions`, {
      method: "POST",
      headers: { authorization: "Bearer dev:operator", "content-type": "application/json" },
      body: '{"refereeAccountId":"a"}',
    });
    expect(created.status).toBe(201);
    expect(lastEvent()).toMatchObject({ body: '{"refereeAccountId":"a"}', isBase64Encoded: false });

    const before = invocations.length;
    const tooLarge = await fetch(`${adapter.url}/attributions`, {
      method: "POST",
      headers: { authorization: "Bearer dev:operator", "content-type": "application/json" },
      body: "x".repeat(10 * 1024 * 1024 + 1),
    });
    expect(tooLarge.status).toBe(413);

    // Without a content-length (chunked), the body is read up to the limit and the 413 still arrives.
    const megabyte = new Uint8Array(1024 * 1024).fill(120);
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 11) controller.enqueue(megabyte);
        else controller.close();
      },
    });
    const tooLargeChunked = await fetch(`${adapter.url}/attributions`, {
      method: "POST",
      headers: { authorization: "Bearer dev:operator", "content-type": "application/json" },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(tooLargeChunked.status).toBe(413);
    expect(invocations.length).toBe(before);
  });

  it("answers 500 like API Gateway when the handler throws or returns a malformed response", async () => {
    respond = async () => {
      throw new Error("boom");
    };
    const thrown = await fetch(`${adapter.url}/openapi.json`);
    expect(thrown.status).toBe(500);
    expect(await thrown.json()).toEqual({ message: "Internal Server Error" });

    respond = async () => ({ statusCode: "teapot" });
    expect((await fetch(`${adapter.url}/openapi.json`)).status).toBe(500);
    expect(errors.length).toBe(2);
  });
});

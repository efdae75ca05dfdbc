import { describe, expect, it } from "vitest";
import { httpRoutes } from "../../infra/catalog.ts";
import {
  authorizeDevToken,
  createRouter,
  fromLambdaResult,
  type HttpRouteSpec,
  MalformedLambdaResponseError,
  type RequestParts,
  toHttpApiEvent,
} from "../../scripts/lib/http-adapter.ts";
import { operatorScope, principalFromClaims } from "../../shared/domain/principal.ts";

const catalogRouter = createRouter(httpRoutes);

function request(overrides: Partial<RequestParts> = {}): RequestParts {
  return {
    method: "GET",
    url: "/r/ABC123",
    headers: [
      ["Host", "localhost:3000"],
      ["User-Agent", "Mozilla/5.0"],
    ],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    protocol: "HTTP/1.1",
    receivedAt: new Date("2026-11-21T22:51:03.123Z"),
    requestId: "JKJaXmPLvHcESHA=",
    ...overrides,
  };
}

describe("route matching like API Gateway", () => {
  it.each([
    ["GET", "/r/ABC123", "GET /r/{link+}", { link: "ABC123" }],
    ["HEAD", "/r/ABC123", "HEAD /r/{link+}", { link: "ABC123" }],
    ["GET", "/r/ABC123/", "GET /r/{link+}", { link: "ABC123/" }],
    ["GET", "/R/abc123", "GET /R/{link+}", { link: "abc123" }],
    ["GET", "/r/ABC123.", "GET /r/{link+}", { link: "ABC123." }],
    ["GET", "/r/%41BC123%2E", "GET /r/{link+}", { link: "ABC123." }],
    ["GET", "/r/ABC123/pricing/vps", "GET /r/{link+}", { link: "ABC123/pricing/vps" }],
    ["GET", "/r/ABC123/a%20b", "GET /r/{link+}", { link: "ABC123/a b" }],
    ["GET", "/accounts/acct-1/referral", "GET /accounts/{accountId}/referral", { accountId: "acct-1" }],
    ["POST", "/attributions", "POST /attributions", undefined],
    ["GET", "/openapi.json", "GET /openapi.json", undefined],
  ])("%s %s → %s", (method, path, routeKey, pathParameters) => {
    const match = catalogRouter.match(method, path);
    expect(match?.route.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it.each([
    ["GET", "/"],
    ["GET", "/r"],
    ["GET", "/r/"],
    ["GET", "/attributions"], // only POST exists
    ["POST", "/r/ABC123"],
    ["GET", "/accounts/acct-1"],
    ["GET", "/accounts//referral"],
    ["GET", "/unknown"],
  ])("%s %s matches no route (404)", (method, path) => {
    expect(catalogRouter.match(method, path)).toBeUndefined();
  });

  it("prefers an exact route over a parameter, and a parameter over a greedy variable", () => {
    const routes: HttpRouteSpec[] = [
      { method: "GET", path: "/pets/{proxy+}", functionName: "greedy", auth: "public" },
      { method: "GET", path: "/pets/dog/{id}", functionName: "parameter", auth: "public" },
      { method: "GET", path: "/pets/dog/1", functionName: "exact", auth: "public" },
      { method: "GET", path: "/{proxy+}", functionName: "catch-all", auth: "public" },
    ];
    const router = createRouter(routes);
    expect(router.match("GET", "/pets/dog/1")?.route.spec.functionName).toBe("exact");
    expect(router.match("GET", "/pets/dog/2")?.route.spec.functionName).toBe("parameter");
    expect(router.match("GET", "/pets/cat/1")?.route.spec.functionName).toBe("greedy");
    expect(router.match("GET", "/toys/1")?.route.spec.functionName).toBe("catch-all");
  });

  it("lets HEAD requests match only HEAD routes", () => {
    const router = createRouter([{ method: "GET", path: "/only-get", functionName: "get", auth: "public" }]);
    expect(router.match("HEAD", "/only-get")).toBeUndefined();
  });

  it("refuses route paths API Gateway would refuse", () => {
    expect(() => createRouter([{ method: "GET", path: "/{path+}/more", functionName: "x", auth: "public" }])).toThrow(/last segment/);
    expect(() => createRouter([{ method: "GET", path: "no-slash", functionName: "x", auth: "public" }])).toThrow(/start with/);
  });
});

describe("the dev-token JWT authorizer", () => {
  it("turns dev:<accountId> into that account's claims", () => {
    const authorizer = authorizeDevToken("Bearer dev:acct-1001");
    expect(authorizer).toEqual({ claims: { sub: "acct-1001" }, scopes: null });
    expect(principalFromClaims(authorizer!.claims)).toEqual({ kind: "account", accountId: "acct-1001" });
  });

  it("turns dev:operator into the operator scope", () => {
    const authorizer = authorizeDevToken("bearer dev:operator");
    expect(authorizer?.claims).toEqual({ sub: "operator", scope: operatorScope });
    expect(principalFromClaims(authorizer!.claims)).toEqual({ kind: "operator" });
  });

  it.each([undefined, "", "dev:acct-1", "Bearer", "Bearer dev:", "Basic dev:acct-1", "Bearer eyJhbGciOi.real.jwt", "Bearer dev:has space"])(
    "rejects %j like API Gateway (401)",
    (header) => {
      expect(authorizeDevToken(header)).toBeUndefined();
    },
  );
});

describe("the payload 2.0 event", () => {
  it("carries the raw path and query, decoded repeated query values joined by commas, and the request context", () => {
    const match = catalogRouter.match("GET", "/r/ABC123/pricing")!;
    const event = toHttpApiEvent(request({ url: "/r/ABC123/pricing?utm_source=news%20letter&tag=a&tag=b" }), match, undefined);
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "GET /r/{link+}",
      rawPath: "/r/ABC123/pricing",
      rawQueryString: "utm_source=news%20letter&tag=a&tag=b",
      queryStringParameters: { utm_source: "news letter", tag: "a,b" },
      pathParameters: { link: "ABC123/pricing" },
      isBase64Encoded: false,
      requestContext: {
        accountId: "000000000000",
        domainName: "localhost:3000",
        http: { method: "GET", path: "/r/ABC123/pricing", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "Mozilla/5.0" },
        requestId: "JKJaXmPLvHcESHA=",
        routeKey: "GET /r/{link+}",
        stage: "$default",
        time: "21/Nov/2026:22:51:03 +0000",
        timeEpoch: Date.parse("2026-11-21T22:51:03.123Z"),
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.cookies).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it("lower-cases header names, joins repeats with commas, and moves cookies to their own array", () => {
    const match = catalogRouter.match("GET", "/r/ABC123")!;
    const event = toHttpApiEvent(
      request({
        headers: [
          ["Host", "localhost:3000"],
          ["X-Custom", "one"],
          ["x-custom", "two"],
          ["Cookie", "ref=ck_1; theme=dark"],
          ["Cookie", "other=1"],
        ],
      }),
      match,
      undefined,
    );
    expect(event.headers["x-custom"]).toBe("one,two");
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(["ref=ck_1", "theme=dark", "other=1"]);
    expect(event.headers["x-forwarded-proto"]).toBe("http");
    expect(event.headers["x-forwarded-port"]).toBe("3000");
    expect(event.queryStringParameters).toBeUndefined();
    expect(event.pathParameters).toEqual({ link: "ABC123" });
  });

  it("passes JSON bodies as text and other bodies base64-encoded, as HTTP APIs do", () => {
    const match = catalogRouter.match("POST", "/attributions")!;
    const json = toHttpApiEvent(
      request({ method: "POST", url: "/attributions", headers: [["Content-Type", "application/json"]], body: Buffer.from('{"a":1}') }),
      match,
      undefined,
    );
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const form = toHttpApiEvent(
      request({
        method: "POST",
        url: "/attributions",
        headers: [["Content-Type", "application/x-www-form-urlencoded"]],
        body: Buffer.from("a=1"),
      }),
      match,
      undefined,
    );
    expect(form).toMatchObject({ body: Buffer.from("a=1").toString("base64"), isBase64Encoded: true });
  });

  it("puts the authorizer's claims where the JWT authorizer does", () => {
    const match = catalogRouter.match("POST", "/attributions")!;
    const event = toHttpApiEvent(request({ method: "POST", url: "/attributions" }), match, authorizeDevToken("Bearer dev:operator"));
    expect(event.requestContext.authorizer.jwt.claims).toEqual({ sub: "operator", scope: operatorScope });
    expect(event.requestContext.authorizer.jwt.scopes).toEqual([operatorScope]);
  });
});

describe("mapping the result back", () => {
  it("sends a structured response with headers, cookies as Set-Cookie and the body", () => {
    const result = fromLambdaResult({
      statusCode: 302,
      headers: { location: "https://www.example.com/", "Cache-Control": "no-store" },
      cookies: ["ref=ck_1; Path=/", "x=1"],
      body: "",
    });
    expect(result.statusCode).toBe(302);
    expect(result.headers).toEqual([
      ["location", "https://www.example.com/"],
      ["cache-control", "no-store"],
      ["set-cookie", "ref=ck_1; Path=/"],
      ["set-cookie", "x=1"],
    ]);
    expect(result.body.length).toBe(0);
  });

  it("decodes base64 bodies", () => {
    expect(fromLambdaResult({ statusCode: 200, body: Buffer.from("hi").toString("base64"), isBase64Encoded: true }).body.toString()).toBe(
      "hi",
    );
  });

  it("infers a 200 JSON response when there is no statusCode", () => {
    const result = fromLambdaResult({ hello: "world" });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toContainEqual(["content-type", "application/json"]);
    expect(result.body.toString()).toBe('{"hello":"world"}');
  });

  it.each([
    { statusCode: "200" },
    { statusCode: 42 },
    { statusCode: 200, body: { not: "a string" } },
    { statusCode: 200, headers: { x: { nested: true } } },
    { statusCode: 200, cookies: "a=1" },
  ])("refuses a malformed response %j (API Gateway answers 500)", (response) => {
    expect(() => fromLambdaResult(response)).toThrow(MalformedLambdaResponseError);
  });
});

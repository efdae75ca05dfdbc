/**
 * The widget's credentials on DynamoDB Local, through the real handlers with their functions' grants: the operator
 * mints a token, the widget exchanges it once from an allowed origin, and the request authorizer admits the session
 * as its account on the account's own routes (here GET /accounts/{id}/referral), from that origin, until it expires.
 */
import { createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createRequestAuthorizerHandler } from "../../functions/authorizers/authorize-request.ts";
import { createWidgetSessionHandler } from "../../functions/http/create-widget-session.ts";
import { createWidgetTokenHandler } from "../../functions/http/create-widget-token.ts";
import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { createReferralOverviewDependencies } from "../../functions/wiring/referral.ts";
import { createRequestAuthorizerDependencies, createWidgetDependencies } from "../../functions/wiring/widget.ts";
import { createJwtVerifier } from "../../shared/data/jwt-verifier.ts";
import { operatorScope } from "../../shared/http-routes.ts";
import { widgetLimits } from "../../shared/limits.ts";
import type { WidgetSessionResponse, WidgetTokenResponse } from "../../shared/schemas/widget-api.ts";
import type { JwtVerifier } from "../../shared/use-cases/widget-dependencies.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2027-03-01T10:00:00.000Z");
const allowedOrigin = "https://my.example.com"; // demoOperatorConfig's widget.allowedOrigins
let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}-${Date.now().toString(36)}`;

const tableFor = (functionName: string) => ({
  documentClient: withGrantsOf([functionName], setup.table.documentClient),
  tableName: setup.table.tableName,
});

function mint(body: unknown, principal: { kind: "operator" } | { kind: "account"; accountId: string } = { kind: "operator" }) {
  const handler = createWidgetTokenHandler(createWidgetDependencies({ table: tableFor("create-widget-token"), clock: setup.clock }));
  return invoke(handler, httpEvent({ method: "POST", route: "/widget-tokens", path: "/widget-tokens", body, principal }));
}

function exchange(token: string, ...from: [string | undefined] | []) {
  const origin = from.length > 0 ? from[0] : allowedOrigin;
  const handler = createWidgetSessionHandler(createWidgetDependencies({ table: tableFor("create-widget-session"), clock: setup.clock }));
  return invoke(
    handler,
    httpEvent({
      method: "POST",
      route: "/widget-sessions",
      path: "/widget-sessions",
      body: { token },
      headers: origin === undefined ? {} : { origin },
      principal: { kind: "anonymous" },
    }),
  );
}

function authorize(authorization: string, origin: string | undefined, verifyJwt?: JwtVerifier) {
  const handler = createRequestAuthorizerHandler(
    createRequestAuthorizerDependencies({ table: tableFor("authorize-request"), clock: setup.clock, verifyJwt }),
  );
  const headers: Record<string, string> = { authorization, ...(origin === undefined ? {} : { origin }) };
  return handler({
    ...httpEvent({ method: "GET", route: "/accounts/{accountId}/referral", path: "/accounts/a/referral", headers }),
    type: "REQUEST",
    routeArn: "arn:aws:execute-api:eu-central-1:123456789012:api/$default/GET/accounts/{accountId}/referral",
    identitySource: [authorization],
  } as unknown as Parameters<typeof handler>[0]);
}

async function mintedToken(accountId: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await mint({ accountId, ...body });
  expect(response.statusCode).toBe(201);
  return jsonBody<WidgetTokenResponse>(response).token;
}

describe("minting a widget token (operator)", () => {
  it("gives a one-time token for the account, program and locale, expiring within 15 minutes, stored only as its hash", async () => {
    const accountId = fresh("widget-mint");
    const response = await mint({ accountId, programId: "zadarma-partner", locale: "cs" });
    expect(response.statusCode).toBe(201);
    const minted = jsonBody<WidgetTokenResponse>(response);
    expect(minted).toEqual({
      token: expect.stringMatching(/^wt_[A-Za-z0-9_-]{43}$/),
      accountId,
      programId: "zadarma-partner",
      expiresAt: new Date(setup.clock.now().getTime() + widgetLimits.tokenLifetimeSeconds * 1000).toISOString(),
    });
    const stored = JSON.stringify(await setup.scanAll());
    expect(stored).not.toContain(minted.token);
    expect(stored).not.toContain(minted.token.slice(3));
  });

  it("is for the operator only, for a customer account of a program that exists", async () => {
    expect((await mint({ accountId: "someone" }, { kind: "account", accountId: "someone" })).statusCode).toBe(403);
    expect((await mint({ accountId: "operator" })).statusCode).toBe(400);
    expect((await mint({ accountId: "a", programId: "no-such-program" })).statusCode).toBe(404);
    expect((await mint({ accountId: "a", locale: "not a locale" })).statusCode).toBe(400);
  });
});

describe("exchanging it for a widget session", () => {
  it("opens a session pinned to the page's origin, with what the widget shows of the program", async () => {
    const accountId = fresh("widget-open");
    const response = await exchange(await mintedToken(accountId, { programId: "zadarma-partner", locale: "ru" }));
    expect(response.statusCode).toBe(201);
    const session = jsonBody<WidgetSessionResponse>(response);
    expect(session).toMatchObject({
      sessionToken: expect.stringMatching(/^ws_[A-Za-z0-9_-]{43}$/),
      accountId,
      locale: "ru",
      expiresAt: new Date(setup.clock.now().getTime() + widgetLimits.sessionLifetimeSeconds * 1000).toISOString(),
      program: {
        programId: "zadarma-partner",
        links: true,
        discounts: false,
        payout: { thresholds: [{ currency: "EUR", exceedsMinor: 10000 }] },
        // 2027-03-01 11:00 in Prague: the first half of March accrues, settled on the 15th.
        settlement: { openPeriodId: "2027-03-1", nextRunOn: "2027-03-15" },
      },
    });
    expect(JSON.stringify(await setup.scanAll())).not.toContain(session.sessionToken.slice(3));
  });

  it("says which parts of t2's program the widget shows: invite codes and discounts, no payout", async () => {
    const session = jsonBody<WidgetSessionResponse>(await exchange(await mintedToken(fresh("widget-t2"), { programId: "t2-invite" })));
    expect(session.program).toEqual({
      programId: "t2-invite",
      name: expect.any(String),
      links: false,
      inviteCodes: true,
      discounts: true,
      payout: null,
      settlement: null,
      partnerLevels: null,
    });
  });

  it("gives ACTIVE 24's levels, lowest first, with what each asks for", async () => {
    const session = jsonBody<WidgetSessionResponse>(
      await exchange(await mintedToken(fresh("widget-a24"), { programId: "active24-reseller" })),
    );
    expect(session.program.partnerLevels).toEqual([
      { levelId: "partner", name: "Partner", rateBps: 1000, activeServicesAsPayerMin: null, paidRevenueMin: null },
      { levelId: "partner-plus", name: "Partner Plus", rateBps: 1500, activeServicesAsPayerMin: 50, paidRevenueMin: null },
      { levelId: "partner-premium", name: "Partner Premium", rateBps: 2000, activeServicesAsPayerMin: 200, paidRevenueMin: null },
    ]);
  });

  it("exchanges a token once: a second exchange, and an unknown token, get one answer", async () => {
    const token = await mintedToken(fresh("widget-once"));
    expect((await exchange(token)).statusCode).toBe(201);
    const again = await exchange(token);
    expect(again.statusCode).toBe(401);
    expect(jsonBody<{ error: { code: string } }>(again).error.code).toBe("widget_token_invalid");
    const unknown = await exchange(`wt_${"A".repeat(43)}`);
    expect(unknown.statusCode).toBe(401);
    expect(jsonBody(unknown)).toEqual(jsonBody(again));
    expect((await exchange("eyJhbGciOiJSUzI1NiJ9.e30.sig")).statusCode).toBe(401);
  });

  it("opens one session when five exchanges of one token race", async () => {
    const token = await mintedToken(fresh("widget-race"));
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => exchange(token)))).map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(4);
    const sessions = (await setup.scanAll()).filter(
      (item) => item.entityType === "WidgetSession" && item.accountId?.toString().startsWith("widget-race"),
    );
    expect(sessions).toHaveLength(1);
  });

  it("refuses an expired token, at its expiry instant", async () => {
    const token = await mintedToken(fresh("widget-expired"));
    const expiry = new Date(setup.clock.now().getTime() + widgetLimits.tokenLifetimeSeconds * 1000);
    expect((await setup.at(expiry.toISOString(), () => exchange(token))).statusCode).toBe(401);
    expect((await setup.at(new Date(expiry.getTime() - 1).toISOString(), () => exchange(token))).statusCode).toBe(201);
  });

  it("refuses a page the operator does not allow, and leaves the token unused for the right page", async () => {
    const token = await mintedToken(fresh("widget-origin"));
    for (const origin of ["https://evil.example.net", undefined, "null"]) {
      const refused = await exchange(token, origin);
      expect(refused.statusCode, String(origin)).toBe(403);
      expect(jsonBody<{ error: { code: string } }>(refused).error.code).toBe("origin_not_allowed");
    }
    expect((await exchange(token)).statusCode).toBe(201);
  });
});

describe("the request authorizer", () => {
  async function openSession(accountId: string): Promise<string> {
    return jsonBody<WidgetSessionResponse>(await exchange(await mintedToken(accountId))).sessionToken;
  }

  it("admits a session as its account on the account's own route, and the handler refuses another account's", async () => {
    const accountId = fresh("widget-reader");
    const sessionToken = await openSession(accountId);
    const decision = await authorize(`Bearer ${sessionToken}`, allowedOrigin);
    expect(decision).toEqual({ isAuthorized: true, context: { sub: accountId, via: "widget-session" } });

    const getReferral = createGetReferralHandler(
      createReferralOverviewDependencies({ table: tableFor("get-referral"), clock: setup.clock }),
      { referralLinkBaseUrl: "https://go.example.com" },
    );
    /** The account route's event as API Gateway passes it after the request authorizer: its context under `authorizer.lambda`. */
    const asSession = (path: string) => {
      const event = httpEvent({ route: "/accounts/{accountId}/referral", path, principal: { kind: "anonymous" } });
      return invoke(getReferral, { ...event, requestContext: { ...event.requestContext, authorizer: { lambda: decision.context } } });
    };
    const own = await asSession(`/accounts/${accountId}/referral`);
    expect(own.statusCode, own.body).toBe(200);
    expect(jsonBody<{ accountId: string }>(own).accountId).toBe(accountId);
    const other = await asSession("/accounts/someone-else/referral");
    expect(other.statusCode).toBe(403);
  });

  it("refuses a session from another page, without an origin, after its expiry, and an unknown or malformed bearer", async () => {
    const sessionToken = await openSession(fresh("widget-denied"));
    expect((await authorize(`Bearer ${sessionToken}`, "https://evil.example.net")).isAuthorized).toBe(false);
    expect((await authorize(`Bearer ${sessionToken}`, undefined)).isAuthorized).toBe(false);
    const expiry = new Date(setup.clock.now().getTime() + widgetLimits.sessionLifetimeSeconds * 1000);
    expect(
      (await setup.at(new Date(expiry.getTime() - 1).toISOString(), () => authorize(`Bearer ${sessionToken}`, allowedOrigin))).isAuthorized,
    ).toBe(true);
    expect((await setup.at(expiry.toISOString(), () => authorize(`Bearer ${sessionToken}`, allowedOrigin))).isAuthorized).toBe(false);
    expect((await authorize(`Bearer ws_${"B".repeat(43)}`, allowedOrigin)).isAuthorized).toBe(false);
    expect((await authorize("Bearer ws_short", allowedOrigin)).isAuthorized).toBe(false);
    expect((await authorize("Basic abc", allowedOrigin)).isAuthorized).toBe(false);
    // A widget token is not a session.
    expect((await authorize(`Bearer ${await mintedToken(fresh("widget-token-as-session"))}`, allowedOrigin)).isAuthorized).toBe(false);
  });

  describe("with the operator's identity provider", () => {
    const issuer = "https://id.example.com/realms/ledger";
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: "jwk" }), kid: "key-1", alg: "RS256", use: "sig" };
    const verifyJwt = createJwtVerifier({ issuer, audiences: ["ledger-api"], jwks: { keys: [jwk] } });
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    function jwt(claims: Record<string, unknown>, key = privateKey): string {
      const unsigned = `${base64url({ alg: "RS256", typ: "JWT", kid: "key-1" })}.${base64url(claims)}`;
      return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url")}`;
    }
    const nowSeconds = () => Math.floor(Date.now() / 1000);

    it("passes a valid JWT's claims on as the JWT authorizer does: an account's sub, the operator's scope", async () => {
      const account = jwt({ iss: issuer, aud: "ledger-api", sub: "acct-9", exp: nowSeconds() + 300 });
      expect(await authorize(`Bearer ${account}`, undefined, verifyJwt)).toEqual({
        isAuthorized: true,
        context: { sub: "acct-9", via: "jwt" },
      });
      const operator = jwt({
        iss: issuer,
        client_id: "ledger-api",
        sub: "backend",
        scope: `openid ${operatorScope}`,
        exp: nowSeconds() + 300,
      });
      expect(await authorize(`Bearer ${operator}`, undefined, verifyJwt)).toEqual({
        isAuthorized: true,
        context: { sub: "backend", scope: `openid ${operatorScope}`, via: "jwt" },
      });
    });

    it("refuses a JWT of another issuer or audience, an expired one, a forged one, and any JWT without an identity provider", async () => {
      const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      for (const token of [
        jwt({ iss: "https://other.example.com", aud: "ledger-api", sub: "a", exp: nowSeconds() + 300 }),
        jwt({ iss: issuer, aud: "someone-else", sub: "a", exp: nowSeconds() + 300 }),
        jwt({ iss: issuer, aud: "ledger-api", sub: "a", exp: nowSeconds() - 10 }),
        jwt({ iss: issuer, aud: "ledger-api", sub: "a", exp: nowSeconds() + 300 }, other),
      ])
        expect((await authorize(`Bearer ${token}`, undefined, verifyJwt)).isAuthorized).toBe(false);
      const valid = jwt({ iss: issuer, aud: "ledger-api", sub: "a", exp: nowSeconds() + 300 });
      expect((await authorize(`Bearer ${valid}`, undefined, undefined)).isAuthorized).toBe(false);
    });
  });
});

/**
 * The widget's credentials over HTTP on the local stack in process: the HTTP adapter plays API Gateway's CORS
 * configuration (the stored widget.allowedOrigins) and its request authorizer (the authorize-request function), so
 * a browser page of an allowed origin can exchange a token and read its account's routes, and no other page can.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";

const allowedOrigin = "http://localhost:3001"; // demoOperatorConfig's widget.allowedOrigins
let dataDirectory: string;
let stack: RunningLocalStack;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-widget-session-e2e-"));
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName: `e2e-widget-session-${randomUUID()}`,
    runSchedules: false,
    pollQueue: false,
    log: () => {},
    logError: () => {},
  });
});

afterAll(async () => {
  await stack?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

async function mint(accountId: string): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/widget-tokens`, {
    method: "POST",
    headers: { authorization: "Bearer dev:operator", "content-type": "application/json" },
    body: JSON.stringify({ accountId, locale: "hu" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

function exchange(token: string, origin: string) {
  return fetch(`${stack.apiUrl}/widget-sessions`, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
}

describe("a widget session over the local stack's HTTP API", () => {
  it("answers CORS preflights for the allowed origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.apiUrl}/accounts/a/referral`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
    const allowed = await preflight(allowedOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const other = await preflight("https://evil.example.net");
    expect(other.status).toBe(204);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("exchanges a token from an allowed page, then reads the account's routes with the session, from that page only", async () => {
    const accountId = `widget-e2e-${randomUUID().slice(0, 8)}`;
    const opened = await exchange(await mint(accountId), allowedOrigin);
    expect(opened.status).toBe(201);
    expect(opened.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    const { sessionToken, locale } = (await opened.json()) as { sessionToken: string; locale: string };
    expect(locale).toBe("hu");

    const read = (path: string, origin: string, authorization = `Bearer ${sessionToken}`) =>
      fetch(`${stack.apiUrl}${path}`, { headers: { origin, authorization } });
    const own = await read(`/accounts/${accountId}/referral`, allowedOrigin);
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(((await own.json()) as { accountId: string }).accountId).toBe(accountId);

    expect((await read("/accounts/someone-else/referral", allowedOrigin)).status).toBe(403);
    const elsewhere = await read(`/accounts/${accountId}/referral`, "https://evil.example.net");
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    expect((await fetch(`${stack.apiUrl}/accounts/${accountId}/referral`, { headers: { origin: allowedOrigin } })).status).toBe(401);
    // The session is an account's: the operator's routes stay closed to it (the JWT authorizer does not know it).
    expect(
      (await fetch(`${stack.apiUrl}/withdrawals`, { headers: { origin: allowedOrigin, authorization: `Bearer ${sessionToken}` } })).status,
    ).toBe(401);
  });

  it("refuses the exchange from a page the operator does not allow", async () => {
    const refused = await exchange(await mint(`widget-e2e-${randomUUID().slice(0, 8)}`), "https://evil.example.net");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});

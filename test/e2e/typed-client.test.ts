/**
 * The typed client (client/) against the local stack in process: an operator's backend and an
 * account's page call the API through it, with their tokens, and read typed answers and typed errors.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createReferralLedgerClient, type ReferralLedgerClient } from "../../client/src/index.ts";
import { type RunningLocalStack, startLocalStack } from "../../scripts/lib/local-stack.ts";

let dataDirectory: string;
let stack: RunningLocalStack;
let operator: ReferralLedgerClient;

beforeAll(async () => {
  dataDirectory = mkdtempSync(join(tmpdir(), "referral-ledger-client-e2e-"));
  process.env.POWERTOOLS_LOG_LEVEL = "ERROR";
  stack = await startLocalStack({
    dataDirectory,
    dynamoDbEndpoint: inject("dynamoDbEndpoint"),
    tableName: `e2e-client-${randomUUID()}`,
    runSchedules: false,
    log: () => {},
    logError: () => {},
  });
  operator = createReferralLedgerClient({ baseUrl: `${stack.apiUrl}/`, token: "dev:operator" });
});

afterAll(async () => {
  await stack?.stop();
  if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
});

describe("the typed client on the local stack", () => {
  it("reads an account's referral link and attributes a sign-up with its code, as the operator", async () => {
    const referrer = `client-referrer-${randomUUID().slice(0, 8)}`;
    const account = createReferralLedgerClient({ baseUrl: stack.apiUrl, token: async () => `dev:${referrer}` });
    const overview = await account.GET("/accounts/{accountId}/referral", {
      params: { path: { accountId: referrer }, query: { programId: "ex2-credit" } },
    });
    expect(overview.response.status).toBe(200);
    const code = overview.data?.code;
    expect(code).toMatch(/^[A-Z0-9]+$/);

    const attribution = await operator.POST("/attributions", {
      body: { refereeAccountId: `client-referee-${randomUUID().slice(0, 8)}`, code: code! },
    });
    expect(attribution.response.status).toBe(201);
    expect(attribution.data?.referral.referrerAccountId).toBe(referrer);
  });

  it("gives the API's errors typed, with their stable reason codes", async () => {
    const stranger = createReferralLedgerClient({ baseUrl: stack.apiUrl, token: "dev:someone" });
    const forbidden = await stranger.GET("/accounts/{accountId}/balance", { params: { path: { accountId: "someone-else" } } });
    expect(forbidden.response.status).toBe(403);
    // A 401 or 403 is API Gateway's own `{message}` when the route's authorizer refused, else the Error shape.
    expect(forbidden.error && "error" in forbidden.error ? forbidden.error.error.code : forbidden.error).toBe("forbidden");

    const invalid = await operator.POST("/attributions", { body: { refereeAccountId: "", code: "" } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error && "error" in invalid.error ? invalid.error.error.code : undefined).toBe("validation_failed");
  });

  it("sends no token when none is given (the API answers 401)", async () => {
    const anonymous = createReferralLedgerClient({ baseUrl: stack.apiUrl });
    const answer = await anonymous.GET("/accounts/{accountId}/balance", { params: { path: { accountId: "a" } } });
    expect(answer.response.status).toBe(401);
  });
});

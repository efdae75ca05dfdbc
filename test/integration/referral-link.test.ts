import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { keys } from "../../shared/data/keys.ts";
import { generatedCodeAlphabet } from "../../shared/domain/referral-code.ts";
import { limits } from "../../shared/limits.ts";
import type { ReferralOverview } from "../../shared/schemas/api.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup } from "../support/referral-setup.ts";

let setup: ReferralTestSetup;

beforeAll(async () => {
  setup = await createReferralTestSetup();
});

const route = "/accounts/{accountId}/referral";
/** The configured public address of the links (REFERRAL_LINK_BASE_URL). */
const referralLinkBaseUrl = "https://go.example.com";

function getReferral(
  accountId: string,
  options: { principal?: TestPrincipal; query?: Record<string, string>; domainName?: string; headers?: Record<string, string> } = {},
) {
  const handler = createGetReferralHandler(setup.dependencies(), { referralLinkBaseUrl });
  return invoke(
    handler,
    httpEvent({
      route,
      path: `/accounts/${encodeURIComponent(accountId)}/referral`,
      principal: options.principal ?? { kind: "account", accountId },
      ...(options.query ? { query: options.query } : {}),
      ...(options.domainName ? { domainName: options.domainName } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    }),
  );
}

async function codeItemsOf(accountId: string) {
  const result = await setup.table.documentClient.send(
    new ScanCommand({
      TableName: setup.table.tableName,
      FilterExpression: "entityType = :type AND accountId = :account",
      ExpressionAttributeValues: { ":type": "ReferralCode", ":account": accountId },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

describe("every account has a referral link from its first request", () => {
  it("creates the link and code on first use and returns the same ones afterwards", async () => {
    const first = await getReferral("acct-first-use");
    expect(first.statusCode).toBe(200);
    const overview = jsonBody<ReferralOverview>(first);
    expect(overview.code).toMatch(new RegExp(`^[${generatedCodeAlphabet}]{${limits.referralCodeLength}}$`));
    expect(overview).toMatchObject({
      accountId: "acct-first-use",
      programId: "ex2-credit",
      inviteCode: overview.code,
      link: `https://go.example.com/r/${overview.code}`,
      facebookShareUrl: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`https://go.example.com/r/${overview.code}`)}`,
      stats: { clickCount: 0, signupCount: 0, customerCount: 0 },
    });
    expect(overview.stats.clicksByDay).toHaveLength(limits.clickStatsDays);
    expect(overview.stats.clicksByDay.at(-1)).toEqual({ day: "2026-03-14", clickCount: 0 });
    expect(overview.stats.clicksByDay[0]).toEqual({ day: "2026-02-13", clickCount: 0 });

    const second = jsonBody<ReferralOverview>(await getReferral("acct-first-use"));
    expect(second.code).toBe(overview.code);
    expect(await codeItemsOf("acct-first-use")).toHaveLength(1);

    const link = await setup.table.documentClient.send(
      new GetCommand({ TableName: setup.table.tableName, Key: keys.accountLink("acct-first-use", "ex2-credit"), ConsistentRead: true }),
    );
    expect(link.Item).toMatchObject({ code: overview.code, accountId: "acct-first-use", programId: "ex2-credit" });
  });

  it("ends 20 concurrent first requests with exactly one code", async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => getReferral("acct-concurrent")));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(200));
    const codes = new Set(responses.map((response) => jsonBody<ReferralOverview>(response).code));
    expect(codes.size).toBe(1);
    expect(await codeItemsOf("acct-concurrent")).toHaveLength(1);
  });

  it("ends 20 concurrent first calls to the store with exactly one code", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ensureReferralLink(setup.dependencies(), "acct-store-race", "zadarma-partner")),
    );
    expect(new Set(results.map((result) => result.link.code)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await codeItemsOf("acct-store-race")).toHaveLength(1);
  });

  it("gives each program its own code, and no link for a program without links (t2 invite codes)", async () => {
    const ex2 = jsonBody<ReferralOverview>(await getReferral("acct-programs"));
    const t2 = jsonBody<ReferralOverview>(await getReferral("acct-programs", { query: { programId: "t2-invite" } }));
    expect(t2.programId).toBe("t2-invite");
    expect(t2.code).not.toBe(ex2.code);
    expect(t2.link).toBeNull();
    expect(t2.facebookShareUrl).toBeNull();
    expect(t2.inviteCode).toBe(t2.code);
  });

  it("draws a new code when the random one is taken", async () => {
    const zeros = () => new Uint8Array(limits.referralCodeLength).fill(0);
    const first = await ensureReferralLink(setup.dependencies({ randomBytes: zeros }), "acct-collision-a", "ex2-credit");
    expect(first.link.code).toBe("222222222222");
    let call = 0;
    const zerosThenOnes = (length: number) => new Uint8Array(length).fill(call++ === 0 ? 0 : 1);
    const second = await ensureReferralLink(setup.dependencies({ randomBytes: zerosThenOnes }), "acct-collision-b", "ex2-credit");
    expect(second.link.code).toBe("333333333333");
  });

  it("answers 503 after referralCodeAttemptsMax collisions, without writing a link", async () => {
    const zeros = () => new Uint8Array(limits.referralCodeLength).fill(0);
    await ensureReferralLink(setup.dependencies({ randomBytes: zeros }), "acct-collision-a", "ex2-credit");
    const handler = createGetReferralHandler(setup.dependencies({ randomBytes: zeros }), { referralLinkBaseUrl });
    const response = await invoke(
      handler,
      httpEvent({ route, path: "/accounts/acct-unlucky/referral", principal: { kind: "account", accountId: "acct-unlucky" } }),
    );
    expect(response.statusCode).toBe(503);
    expect(await codeItemsOf("acct-unlucky")).toHaveLength(0);
  });

  it.each([
    ["another Host header", { domainName: "evil.example" }],
    ["a plain-http forwarded protocol", { domainName: "localhost:4000", headers: { "x-forwarded-proto": "http" } }],
    ["a forwarded host", { headers: { "x-forwarded-host": "evil.example", host: "evil.example" } }],
  ])("builds the link from configuration, never from the request (%s)", async (_name, request) => {
    const overview = jsonBody<ReferralOverview>(await getReferral(`acct-host-${_name.length}`, request));
    expect(overview.link).toBe(`${referralLinkBaseUrl}/r/${overview.code}`);
    expect(overview.facebookShareUrl).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(overview.link!)}`);
  });

  it("answers 404 for an unknown program and writes nothing", async () => {
    const response = await getReferral("acct-no-program", { query: { programId: "no-such-program" } });
    expect(response.statusCode).toBe(404);
    expect(await codeItemsOf("acct-no-program")).toHaveLength(0);
  });

  it("answers 400 naming the field for a malformed program id or account id, and writes nothing", async () => {
    const badProgram = await getReferral("acct-bad-query", { query: { programId: "Not A Program!" } });
    expect(badProgram.statusCode).toBe(400);
    expect(jsonBody<{ error: { issues: { path: string }[] } }>(badProgram).error.issues[0]!.path).toBe("query.programId");
    const badAccount = await getReferral("acct with spaces");
    expect(badAccount.statusCode).toBe(400);
    expect(jsonBody<{ error: { issues: { path: string }[] } }>(badAccount).error.issues[0]!.path).toBe("path.accountId");
    expect(await codeItemsOf("acct-bad-query")).toHaveLength(0);
  });

  it("answers 400 for the operator's holder id, which is no customer and never owns a code (its referees' payments could not be applied)", async () => {
    const response = await getReferral("operator", { principal: { kind: "operator" } });
    expect(response.statusCode, response.body).toBe(400);
    expect(jsonBody<{ error: { issues: { path: string; message: string }[] } }>(response).error.issues[0]).toEqual({
      path: "path.accountId",
      message: "a customer account, not operator",
    });
    expect(await codeItemsOf("operator")).toHaveLength(0);
  });
});

describe("only that account or the operator can read it", () => {
  it("lets the operator read any account", async () => {
    const response = await getReferral("acct-read-by-operator", { principal: { kind: "operator" } });
    expect(response.statusCode).toBe(200);
    expect(jsonBody<ReferralOverview>(response).accountId).toBe("acct-read-by-operator");
  });

  it("refuses another account with 403 and creates nothing", async () => {
    const response = await getReferral("acct-victim", { principal: { kind: "account", accountId: "acct-snoop" } });
    expect(response.statusCode).toBe(403);
    expect(jsonBody<{ error: { code: string } }>(response).error.code).toBe("forbidden");
    expect(await codeItemsOf("acct-victim")).toHaveLength(0);
  });

  it("refuses a request without a token with 401", async () => {
    const response = await getReferral("acct-victim", { principal: { kind: "anonymous" } });
    expect(response.statusCode).toBe(401);
    expect(await codeItemsOf("acct-victim")).toHaveLength(0);
  });
});

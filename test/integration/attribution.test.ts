import { GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createAttributionHandler } from "../../functions/http/create-attribution.ts";
import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { createRedirectHandler } from "../../functions/http/redirect.ts";
import { createAccountProfileStore } from "../../shared/data/account-profile-store.ts";
import { keys } from "../../shared/data/keys.ts";
import { createClickId } from "../../shared/domain/click.ts";
import type { AttributionResponse, ReferralOverview } from "../../shared/schemas/api.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup, testHashSalt } from "../support/referral-setup.ts";

let setup: ReferralTestSetup;

beforeAll(async () => {
  setup = await createReferralTestSetup("2026-03-14T10:00:00.000Z");
});

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string }[] };
}

function attribute(body: unknown, principal: TestPrincipal = { kind: "operator" }) {
  return invoke(
    createAttributionHandler(setup.dependencies()),
    httpEvent({ method: "POST", route: "/attributions", path: "/attributions", body, principal }),
  );
}

async function newCode(accountId: string, programId = "ex2-credit"): Promise<string> {
  return (await ensureReferralLink(setup.dependencies(), accountId, programId)).link.code;
}

/** A visitor follows the referrer's link; returns the click id the sign-up page receives. */
async function clickOn(code: string, sourceIp: string): Promise<string> {
  const response = await invoke(
    createRedirectHandler(setup.dependencies()),
    httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp }),
  );
  return new URL(response.headers!.location as string).searchParams.get("ref_click")!;
}

/** The code's counters, once the click aggregator has read the counted clicks from the stream. */
async function counters(code: string) {
  await setup.aggregateClicks();
  const result = await setup.table.documentClient.send(
    new GetCommand({ TableName: setup.table.tableName, Key: keys.referralCode(code), ConsistentRead: true }),
  );
  return { clickCount: result.Item?.clickCount, signupCount: result.Item?.signupCount };
}

async function storedReferral(refereeAccountId: string) {
  const result = await setup.table.documentClient.send(
    new GetCommand({ TableName: setup.table.tableName, Key: keys.referral(refereeAccountId), ConsistentRead: true }),
  );
  return result.Item;
}

describe("POST /attributions creates the permanent referral", () => {
  it("refuses the operator's holder id as the referee (400), and writes nothing", async () => {
    const code = await newCode("acct-attr-op-referrer");
    const response = await attribute({ refereeAccountId: "operator", code });
    expect(response.statusCode, response.body).toBe(400);
    expect(jsonBody<ErrorBody>(response).error.issues?.[0]?.path).toBe("body.refereeAccountId");
    expect(await storedReferral("operator")).toBeUndefined();
  });

  it("attributes a sign-up by click id and counts it at once (201)", async () => {
    const code = await newCode("referrer-click");
    const clickId = await clickOn(code, "203.0.113.1");
    const response = await attribute({ refereeAccountId: "referee-click", clickId });
    expect(response.statusCode).toBe(201);
    expect(jsonBody<AttributionResponse>(response)).toEqual({
      created: true,
      referral: {
        refereeAccountId: "referee-click",
        referrerAccountId: "referrer-click",
        programId: "ex2-credit",
        code,
        source: "link",
        clickId,
        attributedAt: "2026-03-14T10:00:00.000Z",
        status: "active",
      },
    });
    expect(await counters(code)).toEqual({ clickCount: 1, signupCount: 1 });
    expect(await storedReferral("referee-click")).toMatchObject({
      gsi1pk: "REFERRER#referrer-click",
      gsi1sk: "REFERRAL#2026-03-14T10:00:00.000Z#referee-click",
    });

    const overview = await invoke(
      createGetReferralHandler(setup.dependencies(), { referralLinkBaseUrl: "https://go.example.com" }),
      httpEvent({
        route: "/accounts/{accountId}/referral",
        path: "/accounts/referrer-click/referral",
        principal: { kind: "account", accountId: "referrer-click" },
      }),
    );
    expect(jsonBody<ReferralOverview>(overview).stats).toMatchObject({ clickCount: 1, signupCount: 1, customerCount: 0 });
  });

  it("attributes a typed invite code (t2), in any case and with hyphens", async () => {
    const code = await newCode("referrer-invite", "t2-invite");
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`;
    const response = await attribute({ refereeAccountId: "referee-invite", code: typed });
    expect(response.statusCode).toBe(201);
    expect(jsonBody<AttributionResponse>(response).referral).toMatchObject({
      code,
      source: "code",
      programId: "t2-invite",
      referrerAccountId: "referrer-invite",
    });
    expect((await counters(code)).signupCount).toBe(1);
  });

  it("keeps the first attribution: a second one returns it with 200 and changes nothing", async () => {
    const first = await newCode("referrer-first");
    const second = await newCode("referrer-second");
    await attribute({ refereeAccountId: "referee-twice", code: first });
    const before = await storedReferral("referee-twice");
    setup.clock.advance(3600_000);
    const again = await attribute({
      refereeAccountId: "referee-twice",
      clickId: await clickOn(second, "203.0.113.2"),
      email: "new@example.org",
    });
    setup.clock.advance(-3600_000);
    expect(again.statusCode).toBe(200);
    expect(jsonBody<AttributionResponse>(again)).toMatchObject({
      created: false,
      referral: { referrerAccountId: "referrer-first", code: first },
    });
    expect(await storedReferral("referee-twice")).toEqual(before);
    expect((await counters(first)).signupCount).toBe(1);
    expect((await counters(second)).signupCount).toBe(0);
    const profile = await setup.table.documentClient.send(
      new GetCommand({ TableName: setup.table.tableName, Key: keys.accountProfile("referee-twice"), ConsistentRead: true }),
    );
    expect(profile.Item).toBeUndefined();
  });

  it("ends 20 concurrent attributions of one account with exactly one referral and one sign-up counted", async () => {
    const codes = await Promise.all(Array.from({ length: 4 }, (_, index) => newCode(`referrer-race-${index}`)));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attribute({ refereeAccountId: "referee-race", code: codes[index % codes.length] })),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    const referrers = new Set(responses.map((response) => jsonBody<AttributionResponse>(response).referral.referrerAccountId));
    expect(referrers.size).toBe(1);
    const signups = await Promise.all(codes.map(async (code) => (await counters(code)).signupCount));
    expect(signups.reduce((sum, count) => sum + count, 0)).toBe(1);
    const scan = await setup.table.documentClient.send(
      new ScanCommand({
        TableName: setup.table.tableName,
        FilterExpression: "refereeAccountId = :referee AND entityType = :type",
        ExpressionAttributeValues: { ":referee": "referee-race", ":type": "Referral" },
        ConsistentRead: true,
      }),
    );
    expect(scan.Items).toHaveLength(1);
  });

  it("counts 20 concurrent sign-ups of different accounts on one code exactly", async () => {
    const code = await newCode("referrer-popular");
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => attribute({ refereeAccountId: `referee-popular-${index}`, code })),
    );
    expect(responses.every((response) => response.statusCode === 201)).toBe(true);
    expect((await counters(code)).signupCount).toBe(20);
  });

  it("stores e-mail and payment fingerprint only as keyed hashes", async () => {
    const code = await newCode("referrer-hashes");
    await attribute({ refereeAccountId: "referee-hashes", code, email: "Someone+x@Example.org", paymentFingerprint: "card_fp_123" });
    const profile = await setup.table.documentClient.send(
      new GetCommand({ TableName: setup.table.tableName, Key: keys.accountProfile("referee-hashes"), ConsistentRead: true }),
    );
    expect(profile.Item).toMatchObject({
      accountId: "referee-hashes",
      emailHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      paymentFingerprintHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const everything = JSON.stringify(
      (await setup.table.documentClient.send(new ScanCommand({ TableName: setup.table.tableName, ConsistentRead: true }))).Items,
    );
    expect(everything.toLowerCase()).not.toContain("someone");
    expect(everything).not.toContain("card_fp_123");
    expect(everything).not.toContain("203.0.113.");
  });
});

describe("self-referral is rejected", () => {
  it("by the same account (422), writing nothing", async () => {
    const code = await newCode("self-account");
    const response = await attribute({ refereeAccountId: "self-account", code });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("self_referral");
    expect(await storedReferral("self-account")).toBeUndefined();
    expect((await counters(code)).signupCount).toBe(0);
  });

  it("by the same e-mail address, normalized (422)", async () => {
    // The referrer was itself referred with its e-mail, so its profile holds the e-mail hash.
    const upstream = await newCode("upstream-email");
    await attribute({ refereeAccountId: "self-email-referrer", code: upstream, email: "jane.doe@example.org" });
    const code = await newCode("self-email-referrer");
    const response = await attribute({ refereeAccountId: "self-email-second-account", code, email: "Jane.Doe+again@EXAMPLE.org" });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error).toMatchObject({ code: "self_referral", message: expect.stringContaining("e-mail") });
    expect(await storedReferral("self-email-second-account")).toBeUndefined();
  });

  it("by the same payment fingerprint (422)", async () => {
    const upstream = await newCode("upstream-card");
    await attribute({ refereeAccountId: "self-card-referrer", code: upstream, paymentFingerprint: "fp_same_card" });
    const code = await newCode("self-card-referrer");
    const response = await attribute({
      refereeAccountId: "self-card-second-account",
      code,
      paymentFingerprint: "fp_same_card",
      email: "other@example.org",
    });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("self_referral");
    const profile = await setup.table.documentClient.send(
      new GetCommand({ TableName: setup.table.tableName, Key: keys.accountProfile("self-card-second-account"), ConsistentRead: true }),
    );
    expect(profile.Item).toBeUndefined();
  });

  it("accepts distinct e-mail and fingerprint", async () => {
    const upstream = await newCode("upstream-distinct");
    await attribute({ refereeAccountId: "distinct-referrer", code: upstream, email: "a@example.org", paymentFingerprint: "fp_a" });
    const code = await newCode("distinct-referrer");
    expect(
      (await attribute({ refereeAccountId: "distinct-referee", code, email: "b@example.org", paymentFingerprint: "fp_b" })).statusCode,
    ).toBe(201);
  });
});

describe("unknown codes and click ids", () => {
  it.each([
    ["an unknown code", { code: "ZZZZZZZZ" }, "referral_code_unknown"],
    ["a malformed code", { code: "no!" }, "referral_code_unknown"],
    ["a malformed click id", { clickId: "ck_nonsense" }, "click_id_invalid"],
    [
      "a click id of an unknown code",
      { clickId: createClickId(testHashSalt, "ZZZZZZZZ", new Date("2026-03-14T09:00:00Z")) },
      "referral_code_unknown",
    ],
  ])("refuses %s with 422", async (_name, source, code) => {
    const response = await attribute({ refereeAccountId: "referee-unknown", ...source });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe(code);
    expect(await storedReferral("referee-unknown")).toBeUndefined();
  });

  it("refuses a click id no redirect issued: a real code and time with made-up random and signature symbols (422 click_id_invalid)", async () => {
    const code = await newCode("referrer-forged");
    const issued = createClickId(testHashSalt, code, new Date("2026-03-14T09:00:00Z"));
    const forged = `${issued.slice(0, -16)}0000000000000000`;
    const response = await attribute({ refereeAccountId: "referee-forged", clickId: forged });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("click_id_invalid");
    expect(await storedReferral("referee-forged")).toBeUndefined();
    expect((await attribute({ refereeAccountId: "referee-forged", clickId: issued })).statusCode).toBe(201);
  });

  it("refuses a click id from the future", async () => {
    const code = await newCode("referrer-future");
    const response = await attribute({
      refereeAccountId: "referee-future",
      clickId: createClickId(testHashSalt, code, new Date("2026-03-15T10:00:00Z")),
    });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("click_id_invalid");
  });

  it("refuses a disabled code, a code of another program, and a click id of a program without links", async () => {
    const disabled = await newCode("referrer-disabled");
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.referralCode(disabled),
        UpdateExpression: "SET #status = :disabled",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":disabled": "disabled" },
      }),
    );
    expect(jsonBody<ErrorBody>(await attribute({ refereeAccountId: "referee-rules", code: disabled })).error.code).toBe(
      "referral_code_unknown",
    );

    const ex2 = await newCode("referrer-program");
    expect(
      jsonBody<ErrorBody>(await attribute({ refereeAccountId: "referee-rules", code: ex2, programId: "zadarma-partner" })).error.code,
    ).toBe("referral_code_unknown");

    const reseller = await newCode("referrer-reseller", "active24-reseller");
    expect(jsonBody<ErrorBody>(await attribute({ refereeAccountId: "referee-rules", code: reseller })).error.code).toBe(
      "referral_code_unknown",
    );
    const inviteOnly = await newCode("referrer-invite-only", "t2-invite");
    expect(
      jsonBody<ErrorBody>(
        await attribute({ refereeAccountId: "referee-rules", clickId: createClickId(testHashSalt, inviteOnly, setup.clock.now()) }),
      ).error.code,
    ).toBe("referral_code_unknown");
    expect(await storedReferral("referee-rules")).toBeUndefined();
  });

  it("refuses a code disabled after the function cached it: the write's own condition (422), writing nothing", async () => {
    const code = await newCode("referrer-disabled-late");
    const dependencies = setup.dependencies();
    expect((await dependencies.clickStore.resolveCode(code))?.status).toBe("active"); // cached as active
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.referralCode(code),
        UpdateExpression: "SET #status = :disabled",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":disabled": "disabled" },
      }),
    );
    const response = await invoke(
      createAttributionHandler(dependencies),
      httpEvent({
        method: "POST",
        route: "/attributions",
        path: "/attributions",
        body: { refereeAccountId: "referee-disabled-late", code },
        principal: { kind: "operator" },
      }),
    );
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("referral_code_unknown");
    expect(await storedReferral("referee-disabled-late")).toBeUndefined();
    expect((await counters(code)).signupCount).toBe(0);
  });

  it("returns the existing referral even when the code has since been disabled (a late retry)", async () => {
    const code = await newCode("referrer-late");
    await attribute({ refereeAccountId: "referee-late", code });
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.referralCode(code),
        UpdateExpression: "SET #status = :disabled",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":disabled": "disabled" },
      }),
    );
    const retry = await attribute({ refereeAccountId: "referee-late", code });
    expect(retry.statusCode).toBe(200);
    expect(jsonBody<AttributionResponse>(retry).created).toBe(false);
  });
});

describe("a backdated attribution (attributedAt: a sign-up recorded elsewhere first)", () => {
  /** The account profile as account.registered writes it (account-profile-store registerAccount). */
  async function register(accountId: string, registeredAt: string) {
    const write = createAccountProfileStore(setup.tableContext).writes.registerAccount({
      accountId,
      occurredAt: registeredAt,
      registeredAt,
    });
    await setup.table.documentClient.send(new TransactWriteCommand({ TransactItems: [write.item] }));
  }

  it("keeps the given past time, normalized to UTC, as the referral's attributedAt (201)", async () => {
    const code = await newCode("referrer-backfill");
    const response = await attribute({ refereeAccountId: "referee-backfill", code, attributedAt: "2025-11-03T09:30:00+01:00" });
    expect(response.statusCode).toBe(201);
    expect(jsonBody<AttributionResponse>(response).referral.attributedAt).toBe("2025-11-03T08:30:00.000Z");
    expect(await storedReferral("referee-backfill")).toMatchObject({
      attributedAt: "2025-11-03T08:30:00.000Z",
      gsi1sk: "REFERRAL#2025-11-03T08:30:00.000Z#referee-backfill",
    });
  });

  it("accepts the clock's time itself and refuses a millisecond after it (422 attributed_at_in_future), writing nothing", async () => {
    const code = await newCode("referrer-backfill-future");
    const future = await attribute({ refereeAccountId: "referee-backfill-future", code, attributedAt: "2026-03-14T10:00:00.001Z" });
    expect(future.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(future).error.code).toBe("attributed_at_in_future");
    expect(await storedReferral("referee-backfill-future")).toBeUndefined();
    expect((await counters(code)).signupCount).toBe(0);

    const now = await attribute({ refereeAccountId: "referee-backfill-future", code, attributedAt: "2026-03-14T10:00:00.000Z" });
    expect(now.statusCode).toBe(201);
  });

  it("refuses a time before the referee's registration (422 attributed_at_before_registration), and accepts one at or after it", async () => {
    await register("referee-backfill-registered", "2025-12-01T12:00:00.000Z");
    const code = await newCode("referrer-backfill-registered");
    const before = await attribute({ refereeAccountId: "referee-backfill-registered", code, attributedAt: "2025-12-01T11:59:59.999Z" });
    expect(before.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(before).error.code).toBe("attributed_at_before_registration");
    expect(await storedReferral("referee-backfill-registered")).toBeUndefined();

    const at = await attribute({ refereeAccountId: "referee-backfill-registered", code, attributedAt: "2025-12-01T12:00:00.000Z" });
    expect(at.statusCode).toBe(201);
    expect(jsonBody<AttributionResponse>(at).referral.attributedAt).toBe("2025-12-01T12:00:00.000Z");
  });

  it("accepts any past time when the referee's registration is not known", async () => {
    const code = await newCode("referrer-backfill-unknown");
    const response = await attribute({ refereeAccountId: "referee-backfill-unknown", code, attributedAt: "2020-01-01T00:00:00.000Z" });
    expect(response.statusCode).toBe(201);
  });

  it("refuses a click made after the given attributedAt (422 click_id_invalid)", async () => {
    const code = await newCode("referrer-backfill-click");
    const clickId = await clickOn(code, "203.0.113.40");
    const response = await attribute({ refereeAccountId: "referee-backfill-click", clickId, attributedAt: "2026-03-01T00:00:00.000Z" });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("click_id_invalid");
    expect(jsonBody<ErrorBody>(response).error.message).toContain("attributedAt");
  });

  it("refuses an attributedAt that is not an ISO 8601 time with an offset (400)", async () => {
    for (const attributedAt of ["2026-03-01", "yesterday", "2026-03-01T00:00:00", 1_772_000_000_000]) {
      const response = await attribute({ refereeAccountId: "referee-backfill-bad", code: "ABCD2345", attributedAt });
      expect(response.statusCode).toBe(400);
      expect(jsonBody<ErrorBody>(response).error.issues?.map((issue) => issue.path)).toContain("body.attributedAt");
    }
    expect(await storedReferral("referee-backfill-bad")).toBeUndefined();
  });

  it("is the operator's only: an account token setting it gets 403 and writes nothing", async () => {
    const code = await newCode("referrer-backfill-account");
    const response = await attribute(
      { refereeAccountId: "referee-backfill-account", code, attributedAt: "2026-01-01T00:00:00.000Z" },
      { kind: "account", accountId: "referee-backfill-account" },
    );
    expect(response.statusCode).toBe(403);
    expect(await storedReferral("referee-backfill-account")).toBeUndefined();
  });
});

describe("malformed requests get 400 with the field at fault, and no write", () => {
  it.each([
    ["both clickId and code", { refereeAccountId: "referee-bad", code: "ABCD2345", clickId: "ck_x" }, "body.code"],
    ["neither clickId nor code", { refereeAccountId: "referee-bad" }, "body.clickId"],
    ["no referee", { code: "ABCD2345" }, "body.refereeAccountId"],
    ["a malformed referee id", { refereeAccountId: "has spaces", code: "ABCD2345" }, "body.refereeAccountId"],
    ["a malformed e-mail", { refereeAccountId: "referee-bad", code: "ABCD2345", email: "not-an-email" }, "body.email"],
    ["an unknown field", { refereeAccountId: "referee-bad", code: "ABCD2345", referrerAccountId: "me" }, "body"],
    ["an array body", [], "body"],
    ["invalid JSON", "{not json", "body"],
  ])("%s", async (_name, body, field) => {
    const response = await attribute(body);
    expect(response.statusCode).toBe(400);
    const error = jsonBody<ErrorBody>(response).error;
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((issue) => issue.path)).toContain(field);
    expect(await storedReferral("referee-bad")).toBeUndefined();
  });
});

describe("only the operator may attribute", () => {
  it("refuses an account token with 403", async () => {
    const code = await newCode("referrer-auth");
    const response = await attribute({ refereeAccountId: "referee-auth", code }, { kind: "account", accountId: "referee-auth" });
    expect(response.statusCode).toBe(403);
    expect(await storedReferral("referee-auth")).toBeUndefined();
  });

  it("refuses a request without a token with 401", async () => {
    const response = await attribute({ refereeAccountId: "referee-auth", code: "ABCD2345" }, { kind: "anonymous" });
    expect(response.statusCode).toBe(401);
  });
});

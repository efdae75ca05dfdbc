/**
 * POST /accounts/{id}/code-redemptions on DynamoDB Local, through the real handler with the
 * redeem-invite-code function's grants; registrations and payments through the real billing-events
 * consumer; the earlier link attribution through the real POST /attributions.
 */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createAttributionHandler } from "../../functions/http/create-attribution.ts";
import { createRedeemInviteCodeHandler } from "../../functions/http/redeem-invite-code.ts";
import { createAttributionDependencies, createCodeRedemptionDependencies } from "../../functions/wiring/referral.ts";
import { keys } from "../../shared/data/keys.ts";
import { createReferralStore } from "../../shared/data/referral-store.ts";
import { createClickId } from "../../shared/domain/click.ts";
import { codeNotAcceptedMessage } from "../../shared/domain/code-entry.ts";
import { cryptoRandomBytes } from "../../shared/domain/referral-code.ts";
import { limits } from "../../shared/limits.ts";
import type { CodeRedemptionResponse } from "../../shared/schemas/code-entry-api.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { accountRegistered, invoicePaid } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { testHashSalt, useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2027-02-10T10:00:00.000Z");
const route = "/accounts/{accountId}/code-redemptions";
let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}-${Date.now().toString(36)}`;

interface ErrorBody {
  error: { code: string; message: string };
}

/** A new handler on fresh dependencies, as a new Lambda container would have (empty caches). */
function redeemHandler() {
  return createRedeemInviteCodeHandler(
    createCodeRedemptionDependencies({
      table: { documentClient: withGrantsOf(["redeem-invite-code"], setup.table.documentClient), tableName: setup.table.tableName },
      clock: setup.clock,
      hashSalt: testHashSalt,
    }),
  );
}

function redeem(
  accountId: string,
  body: unknown,
  options: { principal?: TestPrincipal; sourceIp?: string; handler?: ReturnType<typeof redeemHandler> } = {},
) {
  return invoke(
    options.handler ?? redeemHandler(),
    httpEvent({
      method: "POST",
      route,
      path: `/accounts/${accountId}/code-redemptions`,
      body,
      principal: options.principal ?? { kind: "account", accountId },
      sourceIp: options.sourceIp ?? `198.51.100.${unique % 250}`,
    }),
  );
}

function attribute(body: unknown) {
  const handler = createAttributionHandler(
    createAttributionDependencies({
      table: { documentClient: withGrantsOf(["create-attribution"], setup.table.documentClient), tableName: setup.table.tableName },
      clock: setup.clock,
      hashSalt: testHashSalt,
    }),
  );
  return invoke(
    handler,
    httpEvent({ method: "POST", route: "/attributions", path: "/attributions", body, principal: { kind: "operator" } }),
  );
}

async function codeOf(accountId: string, programId = "t2-invite"): Promise<string> {
  const deps = { referralStore: createReferralStore(setup.tableContext), clock: setup.clock, randomBytes: cryptoRandomBytes };
  return (await ensureReferralLink(deps, accountId, programId)).link.code;
}

async function register(accountId: string, registeredAt: string, extra: { promoEndsAt?: string } = {}) {
  const result = await setup.consumeAt(registeredAt, sqsEventOf([accountRegistered({ accountId, registeredAt, ...extra })]));
  expect(result.batchItemFailures).toEqual([]);
}

async function item(key: { pk: string; sk: string }) {
  return (await setup.table.documentClient.send(new GetCommand({ TableName: setup.table.tableName, Key: key, ConsistentRead: true }))).Item;
}

describe("entering an invite code after sign-up", () => {
  it("attributes the account to the code's owner, records the activation and the promotion end (201)", async () => {
    const referrer = fresh("owner");
    const referee = fresh("client");
    const code = await codeOf(referrer);
    await register(referee, "2027-02-01T08:00:00.000Z", { promoEndsAt: "2027-03-01T00:00:00.000Z" });
    const response = await redeem(referee, { code: code.toLowerCase().replace(/(.{4})/g, "$1-") });
    expect(response.statusCode).toBe(201);
    const body = jsonBody<CodeRedemptionResponse>(response);
    expect(body).toEqual({
      referral: {
        refereeAccountId: referee,
        referrerAccountId: referrer,
        programId: "t2-invite",
        code,
        source: "code",
        attributedAt: "2027-02-10T10:00:00.000Z",
        codeActivatedAt: "2027-02-10T10:00:00.000Z",
        promoEndsAt: "2027-03-01T00:00:00.000Z",
        status: "active",
      },
      replacedLinkAttribution: false,
    });
    expect(await item(keys.referral(referee))).toMatchObject({ ...body.referral, gsi1pk: `REFERRER#${referrer}` });
    expect((await item(keys.referralCode(code)))?.signupCount).toBe(1);
  });

  describe("the window: until the end of the same day of the next month, operator time (Europe/Prague)", () => {
    it.each([
      ["registered 31 January, at 23:59:59 on 28 February", "2027-01-31T10:00:00.000Z", "2027-02-28T22:59:59.000Z", 201],
      ["registered 31 January, at 00:00 on 1 March", "2027-01-31T10:00:00.000Z", "2027-02-28T23:00:00.000Z", 422],
      ["registered 31 January 2028, at 23:59:59 on 29 February", "2028-01-31T10:00:00.000Z", "2028-02-29T22:59:59.000Z", 201],
      ["registered 31 January 2028, at 00:00 on 1 March", "2028-01-31T10:00:00.000Z", "2028-02-29T23:00:00.000Z", 422],
      ["registered 28 February, at 23:59:59 on 28 March", "2027-02-28T10:00:00.000Z", "2027-03-28T21:59:59.000Z", 201],
      ["registered 28 February, at 00:00 on 29 March", "2027-02-28T10:00:00.000Z", "2027-03-28T22:00:00.000Z", 422],
      ["registered 29 February 2028, at 23:59:59 on 29 March", "2028-02-29T10:00:00.000Z", "2028-03-29T21:59:59.000Z", 201],
      ["registered 29 February 2028, at 00:00 on 30 March", "2028-02-29T10:00:00.000Z", "2028-03-29T22:00:00.000Z", 422],
    ])("%s: %i", async (_name, registeredAt, enteredAt, status) => {
      const referee = fresh("window");
      const code = await codeOf(fresh("window-owner"));
      await register(referee, registeredAt);
      const response = await setup.at(enteredAt, () => redeem(referee, { code }));
      expect(response.statusCode).toBe(status);
      if (status === 422) {
        expect(jsonBody<ErrorBody>(response).error.code).toBe("code_entry_window_closed");
        expect(await item(keys.referral(referee))).toBeUndefined();
      }
    });
  });

  it("lets exactly one of concurrent redemptions by one account win; the others are refused by name", async () => {
    const referee = fresh("concurrent");
    await register(referee, "2027-02-01T08:00:00.000Z");
    const codes = await Promise.all([1, 2, 3, 4, 5].map(() => codeOf(fresh("concurrent-owner"))));
    const responses = await Promise.all(codes.map((code) => redeem(referee, { code })));
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.statusCode === 409))
      expect(jsonBody<ErrorBody>(refused).error.code).toBe("code_already_redeemed");
    const winner = jsonBody<CodeRedemptionResponse>(responses.find((response) => response.statusCode === 201)!);
    expect(await item(keys.referral(referee))).toMatchObject({ code: winner.referral.code, source: "code" });
    const signups = await Promise.all(codes.map(async (code) => (await item(keys.referralCode(code)))?.signupCount));
    expect(signups.reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it("overrides an earlier attribution by a link click: the sign-up moves to the invite code", async () => {
    const linkOwner = fresh("link-owner");
    const codeOwner = fresh("code-owner");
    const referee = fresh("clicked");
    const linkCode = await codeOf(linkOwner, "ex2-credit");
    const inviteCode = await codeOf(codeOwner);
    await register(referee, "2027-02-01T08:00:00.000Z");
    const clickId = createClickId(testHashSalt, linkCode, new Date("2027-01-30T12:00:00.000Z"));
    expect((await setup.at("2027-02-01T08:01:00.000Z", () => attribute({ refereeAccountId: referee, clickId }))).statusCode).toBe(201);
    expect((await item(keys.referralCode(linkCode)))?.signupCount).toBe(1);

    const response = await redeem(referee, { code: inviteCode });
    expect(response.statusCode).toBe(201);
    expect(jsonBody<CodeRedemptionResponse>(response)).toMatchObject({
      referral: { referrerAccountId: codeOwner, source: "code", code: inviteCode },
      replacedLinkAttribution: true,
    });
    const stored = await item(keys.referral(referee));
    expect(stored).toMatchObject({
      referrerAccountId: codeOwner,
      source: "code",
      codeActivatedAt: "2027-02-10T10:00:00.000Z",
      gsi1pk: `REFERRER#${codeOwner}`,
      replacedLink: { referrerAccountId: linkOwner, programId: "ex2-credit", code: linkCode, attributedAt: "2027-02-01T08:01:00.000Z" },
    });
    expect(stored?.clickId).toBeUndefined();
    expect((await item(keys.referralCode(linkCode)))?.signupCount).toBe(0);
    expect((await item(keys.referralCode(inviteCode)))?.signupCount).toBe(1);

    // One code per account, ever: a second code is refused, nothing changes.
    const again = await redeem(referee, { code: await codeOf(fresh("third-owner")) });
    expect(again.statusCode).toBe(409);
    expect(jsonBody<ErrorBody>(again).error.code).toBe("code_already_redeemed");
    expect(await item(keys.referral(referee))).toEqual(stored);
  });

  it("leaves a link referral on which a payment was counted as it is (409 referral_already_rewarded)", async () => {
    const linkOwner = fresh("paid-link-owner");
    const referee = fresh("paid");
    const linkCode = await codeOf(linkOwner, "ex2-credit");
    await register(referee, "2027-02-01T08:00:00.000Z");
    const clickId = createClickId(testHashSalt, linkCode, new Date("2027-02-01T07:00:00.000Z"));
    expect((await setup.at("2027-02-01T08:01:00.000Z", () => attribute({ refereeAccountId: referee, clickId }))).statusCode).toBe(201);
    const paid = await setup.consumeAt(
      "2027-02-05T09:00:00.000Z",
      sqsEventOf([invoicePaid({ accountId: referee, paidAt: "2027-02-05T09:00:00.000Z" })]),
    );
    expect(paid.batchItemFailures).toEqual([]);
    const before = await item(keys.referral(referee));
    expect(before?.firstPaymentAt).toBe("2027-02-05T09:00:00.000Z");

    const response = await redeem(referee, { code: await codeOf(fresh("late-code-owner")) });
    expect(response.statusCode).toBe(409);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("referral_already_rewarded");
    expect(await item(keys.referral(referee))).toEqual(before);
  });

  it("a code that takes over a link referral while its first payment is being decided: the payment decides again on the code's referral", async () => {
    // The audit's race: the payment read the link referral, the code replaced it, then the payment committed. The payment's
    // transaction conditions on the referral's referrer, program and source as read, so it loses and decides again.
    const linkOwner = fresh("racing-link-owner");
    const codeOwner = fresh("racing-code-owner");
    const referee = fresh("racing");
    const linkCode = await codeOf(linkOwner, "ex2-credit");
    const code = await codeOf(codeOwner);
    await register(referee, "2027-02-01T08:00:00.000Z");
    const clickId = createClickId(testHashSalt, linkCode, new Date("2027-02-01T07:00:00.000Z"));
    expect((await setup.at("2027-02-01T08:01:00.000Z", () => attribute({ refereeAccountId: referee, clickId }))).statusCode).toBe(201);

    let redeemed: Awaited<ReturnType<typeof redeem>> | undefined;
    const client = setup.table.documentClient;
    const redeemingFirst = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== "send") return Reflect.get(target, property, receiver);
        return async (command: { constructor: { name: string } }) => {
          if (command.constructor.name === "TransactWriteCommand" && redeemed === undefined) redeemed = await redeem(referee, { code });
          return target.send(command as never);
        };
      },
    });
    const paid = await setup.at("2027-02-05T09:01:00.000Z", () =>
      setup.consume(
        sqsEventOf([invoicePaid({ accountId: referee, paidAt: "2027-02-05T09:00:00.000Z" })]),
        setup.dependenciesOn(redeemingFirst),
      ),
    );
    expect(paid.batchItemFailures).toEqual([]);
    expect(redeemed?.statusCode).toBe(201);
    expect(jsonBody<CodeRedemptionResponse>(redeemed!).replacedLinkAttribution).toBe(true);
    // The link's referrer earns nothing: the payment is the code referral's (t2 gives no credit for an invoice).
    expect((await setup.balanceOf(linkOwner))?.creditGrantedMinor ?? 0).toBe(0);
    expect(await item(keys.referral(referee))).toMatchObject({
      referrerAccountId: codeOwner,
      programId: "t2-invite",
      source: "code",
    });
    // Paid a minute before the code was entered: before the code referral's attribution, so not its first payment.
    expect((await item(keys.referral(referee)))?.firstPaymentAt).toBeUndefined();
    expect((await item(keys.referralCode(linkCode)))?.customerCount ?? 0).toBe(0);
  });

  it("gives a wrong, a disabled and a foreign code the same answer after the same requests", async () => {
    const referee = fresh("guesser");
    await register(referee, "2027-02-01T08:00:00.000Z");
    const disabled = await codeOf(fresh("disabled-owner"));
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.referralCode(disabled),
        UpdateExpression: "SET #status = :disabled",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":disabled": "disabled" },
      }),
    );
    const foreign = await codeOf(fresh("foreign-owner"), "ex2-credit"); // Ex2 takes codes at sign-up only
    const answers: { status: number; body: string; requests: string[] }[] = [];
    for (const code of ["ZZZZ2345ZZZZ", disabled, foreign]) {
      const requests: string[] = [];
      const granted = withGrantsOf(["redeem-invite-code"], setup.table.documentClient);
      const counting = new Proxy(granted, {
        get(target, property, receiver) {
          if (property !== "send") return Reflect.get(target, property, receiver);
          return (command: { constructor: { name: string } }) => {
            requests.push(command.constructor.name);
            return target.send(command as never);
          };
        },
      });
      const handler = createRedeemInviteCodeHandler(
        createCodeRedemptionDependencies({
          table: { documentClient: counting, tableName: setup.table.tableName },
          clock: setup.clock,
          hashSalt: testHashSalt,
        }),
      );
      const response = await redeem(referee, { code }, { handler });
      answers.push({ status: response.statusCode!, body: String(response.body), requests });
    }
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.body).toBe(answers[0]!.body);
      expect(answer.requests).toEqual(answers[0]!.requests);
    }
    expect(JSON.parse(answers[0]!.body)).toEqual({ error: { code: "referral_code_unknown", message: codeNotAcceptedMessage } });
    expect(await item(keys.referral(referee))).toBeUndefined();
  });

  it("refuses the account's own code, and waits for the registration", async () => {
    const account = fresh("self");
    await register(account, "2027-02-01T08:00:00.000Z");
    const own = await redeem(account, { code: await codeOf(account) });
    expect(own.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(own).error.code).toBe("self_referral");

    const unregistered = await redeem(fresh("unregistered"), { code: await codeOf(fresh("owner-x")) });
    expect(unregistered.statusCode).toBe(409);
    expect(jsonBody<ErrorBody>(unregistered).error.code).toBe("registration_unknown");
  });

  it("lets the operator redeem for an account, and refuses another account's token (403)", async () => {
    const referee = fresh("operator-for");
    await register(referee, "2027-02-01T08:00:00.000Z");
    const code = await codeOf(fresh("operator-owner"));
    expect((await redeem(referee, { code }, { principal: { kind: "account", accountId: "someone-else" } })).statusCode).toBe(403);
    expect((await redeem(referee, { code }, { principal: { kind: "operator" } })).statusCode).toBe(201);
  });
});

describe("guessing is throttled in the table, across handler instances", () => {
  const { perAccount, perSourceAddress } = limits.codeEntryAttempts;

  it(`answers 429 with Retry-After after ${perAccount} attempts of one account, each on a new container`, async () => {
    const referee = fresh("throttled");
    await register(referee, "2027-02-01T08:00:00.000Z");
    for (let attempt = 0; attempt < perAccount; attempt += 1) {
      const response = await redeem(referee, { code: `WRONG${String(attempt).padStart(7, "2")}` }, { sourceIp: `203.0.113.${attempt}` });
      expect(response.statusCode).toBe(422);
    }
    const refused = await redeem(referee, { code: await codeOf(fresh("too-late-owner")) }, { sourceIp: "203.0.113.99" });
    expect(refused.statusCode).toBe(429);
    expect(jsonBody<ErrorBody>(refused).error.code).toBe("too_many_attempts");
    // The clock is 2027-02-10T10:00:00Z: the UTC day's window ends in 14 hours.
    expect(refused.headers?.["retry-after"]).toBe(String(14 * 60 * 60));
    expect(await item(keys.referral(referee))).toBeUndefined();
    // The next day's window takes attempts again.
    const nextDay = await setup.at("2027-02-11T00:00:00.000Z", () => redeem(referee, { code: "ZZZZ2345ZZZZ" }));
    expect(nextDay.statusCode).toBe(422);
  });

  it(`answers 429 after ${perSourceAddress} attempts from one address, whichever accounts; the operator is counted per account only`, async () => {
    const sourceIp = "192.0.2.77";
    const accounts = Array.from({ length: perSourceAddress + 1 }, () => fresh("same-address"));
    for (const account of accounts) await register(account, "2027-02-01T08:00:00.000Z");
    for (const account of accounts.slice(0, perSourceAddress))
      expect((await redeem(account, { code: "ZZZZ2345ZZZZ" }, { sourceIp })).statusCode).toBe(422);
    const refused = await redeem(accounts.at(-1)!, { code: "ZZZZ2345ZZZZ" }, { sourceIp });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers?.["retry-after"])).toBeGreaterThan(0);
    const byOperator = await redeem(accounts.at(-1)!, { code: "ZZZZ2345ZZZZ" }, { sourceIp, principal: { kind: "operator" } });
    expect(byOperator.statusCode).toBe(422);
  });
});

describe("POST /attributions follows the same windows", () => {
  it("refuses a code after the code-entry window of a known registration, and writes nothing", async () => {
    const referee = fresh("late-signup");
    await register(referee, "2027-01-05T08:00:00.000Z");
    const code = await codeOf(fresh("late-signup-owner"));
    const late = await attribute({ refereeAccountId: referee, code });
    expect(late.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(late).error.code).toBe("code_entry_window_closed");
    expect(await item(keys.referral(referee))).toBeUndefined();
    const inTime = await attribute({ refereeAccountId: referee, code, attributedAt: "2027-02-05T23:59:59+01:00" });
    expect(inTime.statusCode).toBe(201);
  });

  it("refuses a click id older than the program's 90-day click window, and writes nothing", async () => {
    const linkCode = await codeOf(fresh("old-click-owner"), "ex2-credit");
    const now = setup.clock.now().getTime();
    const oldClick = createClickId(testHashSalt, linkCode, new Date(now - 90 * 24 * 60 * 60 * 1000 - 1));
    const referee = fresh("old-click");
    const response = await attribute({ refereeAccountId: referee, clickId: oldClick });
    expect(response.statusCode).toBe(422);
    expect(jsonBody<ErrorBody>(response).error.code).toBe("click_window_expired");
    expect(await item(keys.referral(referee))).toBeUndefined();
    expect((await item(keys.referralCode(linkCode)))?.signupCount).toBe(0);
    const edge = createClickId(testHashSalt, linkCode, new Date(now - 90 * 24 * 60 * 60 * 1000));
    expect((await attribute({ refereeAccountId: fresh("edge-click"), clickId: edge })).statusCode).toBe(201);
  });
});

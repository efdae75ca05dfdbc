/**
 * POST /accounts/{id}/invites on DynamoDB Local and the local SQS outbound queue, through the real
 * handler with the send-invite function's grants.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createSendInviteHandler } from "../../functions/http/send-invite.ts";
import { createInviteDependencies } from "../../functions/wiring/referral.ts";
import type { OutboundSender } from "../../shared/data/message-queues.ts";
import { TransientError } from "../../shared/errors.ts";
import { limits } from "../../shared/limits.ts";
import type { InviteResponse } from "../../shared/schemas/code-entry-api.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody } from "../support/http-events.ts";
import { testHashSalt, useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2027-02-10T10:00:00.000Z");
let unique = 0;
const fresh = (prefix: string) => `${prefix}-${++unique}-${Date.now().toString(36)}`;

interface ErrorBody {
  error: { code: string; message: string };
}

function handler(outbound?: OutboundSender) {
  const dependencies = createInviteDependencies({
    table: { documentClient: withGrantsOf(["send-invite"], setup.table.documentClient), tableName: setup.table.tableName },
    clock: setup.clock,
    hashSalt: testHashSalt,
    queueClient: setup.queueClient,
    outboundQueueUrl: setup.sqs.queueUrls.outbound,
  });
  return createSendInviteHandler(outbound ? { ...dependencies, outbound } : dependencies);
}

function invite(accountId: string, body: unknown, outbound?: OutboundSender) {
  return invoke(
    handler(outbound),
    httpEvent({
      method: "POST",
      route: "/accounts/{accountId}/invites",
      path: `/accounts/${accountId}/invites`,
      body,
      principal: { kind: "account", accountId },
    }),
  );
}

async function outboundMessages() {
  return (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => JSON.parse(message.Body!) as Record<string, unknown>);
}

describe("sending an invite", () => {
  it("puts invite.requested with channel, recipient, code, program and locale on the outbound queue; stores only a hash", async () => {
    await outboundMessages();
    const sender = fresh("inviter");
    const email = `Friend.${unique}+promo@Example.org`;
    const response = await invite(sender, { email, programId: "t2-invite", locale: "cs-CZ" });
    expect(response.statusCode).toBe(201);
    const body = jsonBody<InviteResponse>(response);
    expect(body).toMatchObject({ channel: "email", programId: "t2-invite", requestedAt: "2027-02-10T10:00:00.000Z" });
    expect(body.inviteId).toMatch(/^inv_[0-9a-f]{24}$/);
    expect(await outboundMessages()).toEqual([
      {
        type: "invite.requested",
        version: 1,
        inviteId: body.inviteId,
        accountId: sender,
        programId: "t2-invite",
        channel: "email",
        recipient: email,
        code: body.code,
        locale: "cs-CZ",
        requestedAt: "2027-02-10T10:00:00.000Z",
      },
    ]);
    const stored = JSON.stringify(await setup.scanAll()).toLowerCase();
    expect(stored).not.toContain(`friend.${unique}`);
    expect(stored).toContain(body.inviteId);
  });

  it("sends an SMS invite to an E.164 number and refuses a number that is not one (400)", async () => {
    const sender = fresh("sms-inviter");
    const sent = await invite(sender, { phone: `+42060${String(1_000_000 + unique).slice(-7)}`, programId: "t2-invite" });
    expect(sent.statusCode).toBe(201);
    expect(jsonBody<InviteResponse>(sent).channel).toBe("sms");
    const [message] = await outboundMessages();
    expect(message).toMatchObject({ channel: "sms", locale: "en" });
    expect((await invite(sender, { phone: "601 234 567", programId: "t2-invite" })).statusCode).toBe(400);
    expect((await invite(sender, { phone: "+420601234567", email: "a@example.org", programId: "t2-invite" })).statusCode).toBe(400);
    expect((await invite(sender, { email: "a@example.org", programId: "active24-reseller" })).statusCode).toBe(404);
    // A link program (Ex2) takes its code typed at sign-up: its partners invite too (the widget's invite tab).
    expect((await invite(sender, { email: `b-${sender}@example.org`, programId: "ex2-credit" })).statusCode).toBe(201);
  });

  it("gives a recipient no second invite from anyone for 7 days (the same address however written), then one", async () => {
    const email = `quiet.${fresh("r")}@example.org`;
    expect((await invite(fresh("first"), { email, programId: "t2-invite" })).statusCode).toBe(201);
    for (const [sender, written] of [
      [fresh("second"), email.toUpperCase()],
      [fresh("third"), email.replace("@", "+tag@")],
    ] as const) {
      const refused = await invite(sender, { email: written, programId: "t2-invite" });
      expect(refused.statusCode).toBe(409);
      expect(jsonBody<ErrorBody>(refused).error.code).toBe("recipient_recently_invited");
    }
    const sevenDaysLater = new Date(setup.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000);
    expect(
      (
        await setup.at(new Date(sevenDaysLater.getTime() - 1).toISOString(), () =>
          invite(fresh("fourth"), { email, programId: "t2-invite" }),
        )
      ).statusCode,
    ).toBe(409);
    expect((await setup.at(sevenDaysLater.toISOString(), () => invite(fresh("fifth"), { email, programId: "t2-invite" }))).statusCode).toBe(
      201,
    );
    await outboundMessages();
  });

  it(`answers 429 with Retry-After after ${limits.invites.perAccount} invites of one account in a UTC day`, async () => {
    const sender = fresh("busy");
    for (let index = 0; index < limits.invites.perAccount; index += 1)
      expect((await invite(sender, { email: `busy-${unique}-${index}@example.org`, programId: "t2-invite" })).statusCode).toBe(201);
    const refused = await invite(sender, { email: `busy-${unique}-over@example.org`, programId: "t2-invite" });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.["retry-after"]).toBe(String(14 * 60 * 60));
    expect(await outboundMessages()).toHaveLength(limits.invites.perAccount);
  });

  it("after a failed send (503), the sender's retry sends the same invite; nobody else's does", async () => {
    const sender = fresh("unlucky");
    const email = `retry.${fresh("r")}@example.org`;
    const failing: OutboundSender = {
      async send() {
        throw new TransientError("the outbound queue is unreachable");
      },
    };
    expect((await invite(sender, { email, programId: "t2-invite" }, failing)).statusCode).toBe(503);
    expect((await invite(fresh("other"), { email, programId: "t2-invite" })).statusCode).toBe(409);
    const retried = await invite(sender, { email, programId: "t2-invite" });
    expect(retried.statusCode).toBe(201);
    const messages = await outboundMessages();
    expect(messages.map((message) => message.inviteId)).toEqual([jsonBody<InviteResponse>(retried).inviteId]);
    expect((await invite(sender, { email, programId: "t2-invite" })).statusCode).toBe(409);
  });
});

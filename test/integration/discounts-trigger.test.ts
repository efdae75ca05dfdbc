/**
 * From a code referral to the billing system's discount messages, on DynamoDB Local's real stream: the
 * operator's sign-up with an invite code (POST /attributions), the table's stream read by the local stream
 * poller with the mapping's filter into the real decide-discounts handler (its catalog grants), the
 * outbound queue read back. Then the stream's batches are delivered again, whole and in reverse: nothing
 * is decided or sent twice.
 */
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { discountKeys, keys } from "../../shared/data/keys.ts";
import { type DiscountItem, discountItemSchema } from "../../shared/schemas/discount-items.ts";
import { type OutboundMessage, outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";
import { codeOf as codeOfAccount, createTestDiscountTrigger, signUpWithCode, type TestDiscountTrigger } from "../support/discount-setup.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2026-03-14T10:00:00.000Z");
let trigger: TestDiscountTrigger;

beforeAll(() => {
  trigger = createTestDiscountTrigger(setup);
});

const codeOf = (accountId: string, programId?: string) => codeOfAccount(setup, accountId, programId);

const signUp = (refereeAccountId: string, code: string) => signUpWithCode(setup, refereeAccountId, code);

async function sent(): Promise<OutboundMessage[]> {
  return (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)));
}

async function discountOf(accountId: string, role: "referee" | "referrer"): Promise<DiscountItem | undefined> {
  const item = await setup.readItem(discountKeys.discount(accountId, "t2-invite", role));
  return item ? discountItemSchema.parse(item) : undefined;
}

async function historyCount(accountId: string): Promise<number> {
  const result = await setup.table.documentClient.send(
    new QueryCommand({
      TableName: setup.table.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": discountKeys.historyPrefix },
      Select: "COUNT",
    }),
  );
  return result.Count ?? 0;
}

describe("a code referral decides both discounts once", () => {
  it("activates the referee's 20 % and the referrer's 20 % with one message each, and grants the 1,200 SMS at the third", async () => {
    const code = await codeOf("referrer-a");
    await signUp("referee-a1", code);
    await trigger.drain();
    const first = await sent();
    expect(first.map((message) => [message.type, message.accountId, "rateBps" in message ? message.rateBps : undefined])).toEqual([
      ["discount.activated", "referee-a1", 2_000],
      ["discount.activated", "referrer-a", 2_000],
    ]);
    expect(first[0]).toMatchObject({
      startsOn: "2026-03-14",
      endsOn: "2026-06-14",
      excludedCategories: ["sms_package"],
      reason: { code: "code_activated" },
    });
    expect(first[1]).toMatchObject({
      discountId: "referrer:t2-invite:referrer-a:1",
      endsOn: "2026-06-14",
      reason: { code: "referral", streakCount: 1 },
    });

    await signUp("referee-a2", code);
    await signUp("referee-a3", code);
    await trigger.drain();
    const next = await sent();
    expect(next.filter((message) => message.accountId === "referrer-a").map((message) => message.type)).toEqual([
      "discount.changed",
      "discount.changed",
      "bonus.granted",
    ]);
    expect(next.find((message) => message.type === "bonus.granted")).toMatchObject({ sku: "sms-package-1200", atCount: 3 });
    expect(await discountOf("referrer-a", "referrer")).toMatchObject({
      rateBps: 6_000,
      endsOn: "2027-03-14",
      streak: { count: 3, bonusesGranted: [3] },
    });
    expect(await historyCount("referrer-a")).toBe(4);
  });

  it("decides nothing again when the stream's batches are delivered again, whole and in reverse", async () => {
    const before = { referrer: await discountOf("referrer-a", "referrer"), history: await historyCount("referrer-a") };
    for (const event of [...trigger.events, ...[...trigger.events].reverse()]) await trigger.invoke(event);
    expect(await sent()).toEqual([]);
    expect(await discountOf("referrer-a", "referrer")).toEqual(before.referrer);
    expect(await historyCount("referrer-a")).toBe(before.history);
  });

  it("schedules a referee's discount after its promo period: no message until its start day", async () => {
    const code = await codeOf("referrer-b");
    await setup.table.documentClient.send(
      new PutCommand({
        TableName: setup.table.tableName,
        Item: {
          ...keys.accountProfile("referee-b1"),
          entityType: "AccountProfile",
          accountId: "referee-b1",
          registeredAt: "2026-03-01T09:00:00.000Z",
          promoEndsAt: "2026-04-30T22:00:00.000Z",
        },
      }),
    );
    await signUp("referee-b1", code);
    await trigger.drain();
    expect((await sent()).map((message) => [message.type, message.accountId])).toEqual([["discount.activated", "referrer-b"]]);
    expect(await discountOf("referee-b1", "referee")).toMatchObject({
      status: "scheduled",
      startsOn: "2026-05-01",
      endsOn: "2026-08-01",
      reason: { code: "promo_period_ended" },
    });
  });

  it("gives a referrer's imported history the in-order streak when its referrals are decided newest first (the audit's case)", async () => {
    // 10 January, 5 April, 1 September, written newest first and decided in that order from one stream batch: 5 April's
    // own validity ends before 1 September, but 10 January (written, not decided yet) bridges them.
    const code = await codeOf("referrer-import");
    await setup.at("2026-12-06T10:00:00.000Z", async () => {
      for (const [referee, attributedAt] of [
        ["import-sep", "2026-09-01T08:00:00.000Z"],
        ["import-apr", "2026-04-05T08:00:00.000Z"],
        ["import-jan", "2026-01-10T08:00:00.000Z"],
      ] as const)
        await signUpWithCode(setup, referee, code, attributedAt);
      await trigger.drain();
    });
    expect(await discountOf("referrer-import", "referrer")).toMatchObject({
      status: "active",
      rateBps: 6_000,
      startsOn: "2026-01-10",
      endsOn: "2027-09-01",
      streak: { count: 3, bonusesGranted: [3] },
    });
    await sent();
  });

  it("gives nothing for a referral in a program without discounts", async () => {
    const code = await codeOf("referrer-c", "ex2-credit");
    await signUp("referee-c1", code);
    await trigger.drain();
    expect(await sent()).toEqual([]);
    expect(await discountOf("referrer-c", "referrer")).toBeUndefined();
  });
});

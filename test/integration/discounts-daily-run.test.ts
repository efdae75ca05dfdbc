/**
 * The daily discount run on DynamoDB Local: code referrals made with the real POST /attributions and
 * decided by the real discounts' trigger on the table's stream, then the real expire-discounts handler
 * (its catalog grants) run for given days, as EventBridge Scheduler would invoke it. Every send to the
 * outbound queue is recorded (the FIFO queue would hide a repeated send), so "once" is counted at the sender.
 */
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createExpireDiscountsHandler } from "../../functions/schedules/expire-discounts.ts";
import { discountKeys, keys } from "../../shared/data/keys.ts";
import { fromLocal, parseLocalDate } from "../../shared/domain/calendar.ts";
import {
  type DiscountHistoryEntry,
  type DiscountItem,
  discountHistoryEntrySchema,
  discountItemSchema,
} from "../../shared/schemas/discount-items.ts";
import { type DiscountMessage, messageIdOf, type OutboundMessage } from "../../shared/schemas/outbound-messages.ts";
import { decideReferralDiscounts } from "../../shared/use-cases/decide-referral-discounts.ts";
import type { DiscountDependencies } from "../../shared/use-cases/discount-dependencies.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { type DiscountExpiryRun, expireDiscounts } from "../../shared/use-cases/expire-discounts.ts";
import {
  attributionDependenciesOf,
  createTestDiscountTrigger,
  discountDependenciesOf,
  signUpWithCode,
  type TestDiscountTrigger,
} from "../support/discount-setup.ts";
import { lambdaContext } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";

const setup = useLedgerTestSetup("2026-03-14T10:00:00.000Z");
const timeZone = "Europe/Prague";
const program = "t2-invite";
let trigger: TestDiscountTrigger;
/** Every message the code under test handed to the outbound queue, in order (repeats included). */
let sends: OutboundMessage[] = [];

beforeAll(() => {
  trigger = createTestDiscountTrigger(setup);
});

function recorded(dependencies: DiscountDependencies): DiscountDependencies {
  return {
    ...dependencies,
    outbound: {
      send: async (messages) => {
        sends.push(...messages);
        await dependencies.outbound.send(messages);
      },
    },
  };
}

function runDependencies(): DiscountDependencies {
  return recorded(discountDependenciesOf(setup, "expire-discounts"));
}

/** 00:05 of an operator-local day, when the schedule fires. */
function scheduledTimeOf(day: string): Date {
  return fromLocal({ ...parseLocalDate(day), hour: 0, minute: 5, second: 0 }, timeZone);
}

/** The real handler, invoked as the scheduler does for `day` (the clock a few seconds after the scheduled time). */
async function runFor(day: string, dependencies = runDependencies()): Promise<DiscountExpiryRun> {
  setup.clock.set(new Date(scheduledTimeOf(day).getTime() + 3_000));
  const handler = createExpireDiscountsHandler(dependencies);
  return (await handler(
    { scheduleName: "expire-discounts", scheduledTime: scheduledTimeOf(day).toISOString().replace(".000", "") },
    lambdaContext("expire-discounts"),
  )) as DiscountExpiryRun;
}

/** Sends since the last call, one account's or every account's. */
function takeSends(accountId?: string): OutboundMessage[] {
  const taken = sends.filter((message) => accountId === undefined || message.accountId === accountId);
  sends = sends.filter((message) => !taken.includes(message));
  return taken;
}

const discountMessageTypes: readonly string[] = ["discount.activated", "discount.changed", "discount.ended", "bonus.granted"];
const isDiscountMessage = (message: OutboundMessage): message is DiscountMessage => discountMessageTypes.includes(message.type);

/** [type, messageId, reason code] of each message. */
const summary = (messages: readonly OutboundMessage[]) =>
  messages.map((message) => [message.type, messageIdOf(message), isDiscountMessage(message) ? message.reason.code : undefined]);

async function codeOf(accountId: string): Promise<string> {
  return (await ensureReferralLink(attributionDependenciesOf(setup), accountId, program)).link.code;
}

/** The referee's registration (account.registered) with a promo period, shortly before its sign-up with the code. */
async function registeredWithPromo(accountId: string, registeredAt: string, promoEndsAt: string): Promise<void> {
  await setup.table.documentClient.send(
    new PutCommand({
      TableName: setup.table.tableName,
      Item: { ...keys.accountProfile(accountId), entityType: "AccountProfile", accountId, registeredAt, promoEndsAt },
    }),
  );
}

/** The operator's sign-up with the referrer's code at `at`, decided by the trigger from the stream. */
async function signUpAt(at: string, refereeAccountId: string, referrerAccountId: string): Promise<void> {
  setup.clock.set(at);
  await signUpWithCode(setup, refereeAccountId, await codeOf(referrerAccountId));
  await trigger.drain();
  await setup.drain(setup.sqs.queueUrls.outbound);
}

async function discountOf(accountId: string, role: "referee" | "referrer"): Promise<(DiscountItem & { gsi1sk?: string }) | undefined> {
  const item = await setup.readItem(discountKeys.discount(accountId, program, role));
  return item ? { ...discountItemSchema.parse(item), ...(typeof item.gsi1sk === "string" ? { gsi1sk: item.gsi1sk } : {}) } : undefined;
}

async function historyOf(accountId: string): Promise<DiscountHistoryEntry[]> {
  const result = await setup.table.documentClient.send(
    new QueryCommand({
      TableName: setup.table.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": discountKeys.historyPrefix },
    }),
  );
  return (result.Items ?? []).map((item) => discountHistoryEntrySchema.parse(item));
}

describe("the daily run activates and ends discounts on their days, each change once", () => {
  it("activates a scheduled referee discount on its start day, then ends it on its end day, moving and then removing its due entry", async () => {
    await registeredWithPromo("run-referee-a", "2026-03-14T10:00:00.000Z", "2026-04-30T22:00:00.000Z"); // the promo ends at midnight, Prague: the discount starts on 1 May
    await signUpAt("2026-03-14T10:00:00.000Z", "run-referee-a", "run-referrer-a");
    takeSends();
    expect(await discountOf("run-referee-a", "referee")).toMatchObject({
      status: "scheduled",
      startsOn: "2026-05-01",
      endsOn: "2026-08-01",
      gsi1sk: "2026-05-01#referee:t2-invite:run-referee-a",
    });

    await runFor("2026-04-30");
    expect(takeSends("run-referee-a")).toEqual([]);

    const run = await runFor("2026-05-01");
    expect(run).toMatchObject({ day: "2026-05-01", timeZone, activated: 1, ended: 0, failed: 0, complete: true });
    const activated = takeSends("run-referee-a");
    expect(summary(activated)).toEqual([["discount.activated", "referee:t2-invite:run-referee-a:activated", "start_day_reached"]]);
    expect(activated[0]).toMatchObject({
      rateBps: 2_000,
      startsOn: "2026-05-01",
      endsOn: "2026-08-01",
      excludedCategories: ["sms_package"],
    });
    // The due entry moved to the end day.
    expect(await discountOf("run-referee-a", "referee")).toMatchObject({
      status: "active",
      gsi1sk: "2026-08-01#referee:t2-invite:run-referee-a",
    });

    const ended = await runFor("2026-08-01");
    expect(ended.ended).toBeGreaterThanOrEqual(2); // the referee's, and the referrer's streak that ended on 14 June
    expect(summary(takeSends("run-referee-a"))).toEqual([["discount.ended", "referee:t2-invite:run-referee-a:ended", "validity_passed"]]);
    const after = await discountOf("run-referee-a", "referee");
    expect(after).toMatchObject({ status: "ended", endedOn: "2026-08-01", reason: { code: "validity_passed" } });
    expect(after?.gsi1sk).toBeUndefined(); // out of the due index
    expect((await historyOf("run-referee-a")).map((entry) => [entry.kind, entry.effectiveOn, entry.reason.code])).toEqual([
      ["scheduled", "2026-05-01", "promo_period_ended"],
      ["activated", "2026-05-01", "start_day_reached"],
      ["ended", "2026-08-01", "validity_passed"],
    ]);
  });

  it("changes nothing when the same day runs again, or an earlier one: no send, no history entry", async () => {
    takeSends();
    const before = await setup.scanAll();
    for (const day of ["2026-08-01", "2026-08-01", "2026-05-01"])
      expect(await runFor(day)).toMatchObject({ activated: 0, ended: 0, failed: 0, complete: true });
    expect(takeSends()).toEqual([]);
    expect(await setup.scanAll()).toEqual(before);
  });

  it("catches up a missed day: past both its days, one run activates and ends a discount, each message once", async () => {
    await registeredWithPromo("run-referee-b", "2026-03-20T09:00:00.000Z", "2026-04-14T22:00:00.000Z");
    await signUpAt("2026-03-20T09:00:00.000Z", "run-referee-b", "run-referrer-b");
    takeSends();
    // No run from 15 April (its start) to 20 July (after its end on 15 July).
    expect(await runFor("2026-07-20")).toMatchObject({ complete: true, failed: 0 });
    const messages = takeSends("run-referee-b");
    expect(summary(messages)).toEqual([
      ["discount.activated", "referee:t2-invite:run-referee-b:activated", "start_day_reached"],
      ["discount.ended", "referee:t2-invite:run-referee-b:ended", "validity_passed"],
    ]);
    expect(messages[1]).toMatchObject({ endedOn: "2026-07-15" });
    expect(await discountOf("run-referee-b", "referee")).toMatchObject({ status: "ended", endedOn: "2026-07-15" });
    await runFor("2026-07-21");
    expect(takeSends("run-referee-b")).toEqual([]);
  });

  it("decides each discount once when runs of one day and of the next run at the same time", async () => {
    const referees = Array.from({ length: 6 }, (_, index) => `run-referee-c${index}`);
    for (const referee of referees) {
      await registeredWithPromo(referee, "2026-10-01T09:00:00.000Z", "2026-10-31T23:00:00.000Z"); // midnight 1 November, Prague (CET)
      await signUpAt("2026-10-01T09:00:00.000Z", referee, "run-referrer-c");
    }
    takeSends();
    setup.clock.set("2026-11-02T08:00:00.000Z");
    const runs = await Promise.all(
      ["2026-11-01", "2026-11-01", "2026-11-02"].map((day) =>
        expireDiscounts(runDependencies(), { runAt: scheduledTimeOf(day), remainingMilliseconds: () => 60_000 }),
      ),
    );
    expect(runs.every((run) => run.complete && run.failed === 0)).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.activated, 0)).toBe(referees.length);
    const activations = takeSends().filter((message) => referees.includes(message.accountId));
    expect(activations.map((message) => messageIdOf(message)).sort()).toEqual(
      referees.map((referee) => `referee:t2-invite:${referee}:activated`).sort(),
    );
    for (const referee of referees) {
      expect((await historyOf(referee)).filter((entry) => entry.kind === "activated")).toHaveLength(1);
      expect(await discountOf(referee, "referee")).toMatchObject({ status: "active", revision: 1 });
    }
  });

  it("reads again and decides again when the discounts' trigger changes the discount between its read and its commit", async () => {
    await signUpAt("2026-09-01T08:00:00.000Z", "run-referee-d1", "run-referrer-d"); // streak: 20 % until 1 December
    takeSends();
    const dependencies = runDependencies();
    const triggerDependencies = recorded(discountDependenciesOf(setup, "decide-discounts"));
    let raced = false;
    const racing: DiscountDependencies = {
      ...dependencies,
      discountStore: {
        ...dependencies.discountStore,
        async readDiscount(accountId, programId, role) {
          const read = await dependencies.discountStore.readDiscount(accountId, programId, role);
          if (accountId === "run-referrer-d" && !raced) {
            raced = true;
            // A code entered at 30 November 11:00 and decided only now, after midnight: it joins the streak (40 %, 6 months).
            await decideReferralDiscounts(triggerDependencies, {
              refereeAccountId: "run-referee-d2",
              referrerAccountId: "run-referrer-d",
              programId: program,
              attributedAt: "2026-11-30T10:00:00.000Z",
              codeActivatedAt: "2026-11-30T10:00:00.000Z",
            });
          }
          return read;
        },
      },
    };
    const run = await runFor("2026-12-01", racing);
    expect(raced).toBe(true);
    expect(run).toMatchObject({ failed: 0, complete: true });
    expect(summary(takeSends("run-referrer-d"))).toEqual([
      ["discount.changed", "referrer:t2-invite:run-referrer-d:1:raised_and_extended:2", "referral"],
    ]);
    expect(await discountOf("run-referrer-d", "referrer")).toMatchObject({
      status: "active",
      rateBps: 4_000,
      endsOn: "2027-05-30",
      gsi1sk: "2027-05-30#referrer:t2-invite:run-referrer-d:1",
    });
  });

  it("ends a referrer's streak with its discount; the next referral starts a new streak at 20 % for 3 months", async () => {
    await signUpAt("2027-01-10T09:00:00.000Z", "run-referee-e1", "run-referrer-e"); // 20 % until 10 April
    await signUpAt("2027-01-20T09:00:00.000Z", "run-referee-e2", "run-referrer-e"); // 40 % until 20 July
    takeSends();
    await runFor("2027-07-19");
    expect(takeSends("run-referrer-e")).toEqual([]);
    await runFor("2027-07-20");
    const ended = takeSends("run-referrer-e");
    expect(summary(ended)).toEqual([["discount.ended", "referrer:t2-invite:run-referrer-e:1:ended", "validity_passed"]]);
    expect(ended[0]).toMatchObject({ rateBps: 4_000, endedOn: "2027-07-20" });
    expect(await discountOf("run-referrer-e", "referrer")).toMatchObject({ status: "ended", streak: { count: 2 } });

    await signUpAt("2027-07-25T09:00:00.000Z", "run-referee-e3", "run-referrer-e");
    expect(await discountOf("run-referrer-e", "referrer")).toMatchObject({
      discountId: "referrer:t2-invite:run-referrer-e:2",
      streakNumber: 2,
      status: "active",
      rateBps: 2_000,
      startsOn: "2027-07-25",
      endsOn: "2027-10-25",
      streak: { count: 1, bonusesGranted: [] },
      gsi1sk: "2027-10-25#referrer:t2-invite:run-referrer-e:2",
    });
    expect((await historyOf("run-referrer-e")).map((entry) => [entry.discountId, entry.kind, entry.rateBps])).toEqual([
      ["referrer:t2-invite:run-referrer-e:1", "activated", 2_000],
      ["referrer:t2-invite:run-referrer-e:1", "raised_and_extended", 4_000],
      ["referrer:t2-invite:run-referrer-e:1", "ended", 4_000],
      ["referrer:t2-invite:run-referrer-e:2", "activated", 2_000],
    ]);
  });
});

describe("the expire-discounts handler", () => {
  it("processes the day of the scheduled time, or the clock's day without one, and refuses a day that has not come", async () => {
    setup.clock.set("2027-08-10T12:00:00.000Z");
    const handler = createExpireDiscountsHandler(runDependencies());
    const context = lambdaContext("expire-discounts");
    expect(await handler({ scheduleName: "expire-discounts", scheduledTime: "2027-08-08T22:05:00Z" }, context)).toMatchObject({
      day: "2027-08-09",
    });
    expect(await handler(undefined, context)).toMatchObject({ day: "2027-08-10" });
    await expect(handler({ scheduledTime: "2027-08-10T22:05:00Z" }, context)).rejects.toThrow(/cannot happen before that day/);
    await expect(handler({ scheduledTime: "tomorrow" }, context)).rejects.toThrow();
  });

  it("fails a run that is out of time, having started nothing, so that it is retried", async () => {
    await registeredWithPromo("run-referee-f", "2027-09-01T09:00:00.000Z", "2027-09-30T22:00:00.000Z");
    await signUpAt("2027-09-01T09:00:00.000Z", "run-referee-f", "run-referrer-f");
    takeSends();
    setup.clock.set("2027-10-01T08:00:00.000Z");
    const handler = createExpireDiscountsHandler(runDependencies());
    await expect(
      handler({ scheduledTime: "2027-09-30T22:05:00Z" }, { ...lambdaContext("expire-discounts"), getRemainingTimeInMillis: () => 1_000 }),
    ).rejects.toThrow(/ran out of time/);
    expect(takeSends()).toEqual([]);
    expect(await discountOf("run-referee-f", "referee")).toMatchObject({ status: "scheduled" });
    // The retry, with time, does it.
    expect(await runFor("2027-10-01")).toMatchObject({ activated: 1, complete: true });
    expect(summary(takeSends("run-referee-f"))).toEqual([
      ["discount.activated", "referee:t2-invite:run-referee-f:activated", "start_day_reached"],
    ]);
  });
});

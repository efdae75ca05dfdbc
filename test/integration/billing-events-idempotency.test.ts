/**
 * At-least-once input, exactly-once effect: a billing event's effect is keyed by its id forever, so a
 * duplicate (at once or weeks later) changes nothing, and the same id with a different payload goes to
 * the dead-letter queue as payload_mismatch. The outbox is delivered after the commit and again on a
 * redelivery until a send succeeds.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { keys } from "../../shared/data/keys.ts";
import { emailHash } from "../../shared/domain/attribution.ts";
import { TransientError } from "../../shared/errors.ts";
import {
  accountRegistered,
  invoicePaid,
  invoiceRefunded,
  rechargeCompleted,
  servicePayerChanged,
} from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { testHashSalt, useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEvent, sqsEventOf, sqsRecord } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

describe("exactly-once effect of billing events", () => {
  it("applies an event delivered twice in one batch and again later once, and sends its credit once", async () => {
    await setup.seedReferral({ refereeAccountId: "dup-referee-1", referrerAccountId: "dup-referrer-1", programId: "ex2-credit" });
    const event = invoicePaid({ accountId: "dup-referee-1" });

    expect((await setup.consume(sqsEventOf([event, event]))).batchItemFailures).toEqual([]);
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);

    expect((await setup.entriesOf("dup-referrer-1")).map((entry) => entry.amountMinor)).toEqual([2_500]);
    expect(await setup.balanceOf("dup-referrer-1")).toMatchObject({ paidMinor: 2_500 });
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toHaveLength(1);
  });

  it("still recognizes a duplicate weeks later (the idempotency record never expires)", async () => {
    await setup.seedReferral({ refereeAccountId: "dup-referee-2", referrerAccountId: "dup-referrer-2", programId: "zadarma-partner" });
    const event = rechargeCompleted({ accountId: "dup-referee-2", amountMinor: 7_000 });
    await setup.consume(sqsEventOf([event]));

    setup.clock.advance(42 * 24 * 60 * 60 * 1000);
    const response = await setup.consume(sqsEventOf([event]), setup.dependencies());
    setup.clock.set("2026-03-14T10:00:00.000Z");

    expect(response.batchItemFailures).toEqual([]);
    expect((await setup.entriesOf("dup-referrer-2")).map((entry) => entry.amountMinor)).toEqual([700]);
    expect(await setup.balanceOf("dup-referrer-2")).toMatchObject({ pendingMinor: 700 });
  });

  it("moves the same event id with a different payload to the dead-letter queue as payload_mismatch, without retrying it", async () => {
    await setup.seedReferral({ refereeAccountId: "dup-referee-3", referrerAccountId: "dup-referrer-3", programId: "zadarma-partner" });
    const original = rechargeCompleted({ accountId: "dup-referee-3", amountMinor: 1_000 });
    const altered = { ...original, data: { ...original.data, amountMinor: 99_000 } };
    await setup.consume(sqsEventOf([original]));
    const record = sqsRecord({ body: altered, messageId: "altered-message" });

    const response = await setup.consume(sqsEvent([record]));

    expect(response.batchItemFailures).toEqual([]);
    expect((await setup.entriesOf("dup-referrer-3")).map((entry) => entry.amountMinor)).toEqual([100]);
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.Body).toBe(record.body);
    expect(deadLetters[0]!.MessageAttributes?.reason?.StringValue).toBe("payload_mismatch");
    expect(deadLetters[0]!.MessageAttributes?.originalMessageId?.StringValue).toBe("altered-message");
    expect(deadLetters[0]!.MessageAttributes?.eventId?.StringValue).toBe(original.eventId);
  });

  it("treats a redelivery whose only difference is key order or occurredAt as a duplicate", async () => {
    await setup.seedReferral({ refereeAccountId: "dup-referee-4", referrerAccountId: "dup-referrer-4", programId: "zadarma-partner" });
    const event = rechargeCompleted({ accountId: "dup-referee-4", amountMinor: 1_000 });
    await setup.consume(sqsEventOf([event]));
    const reordered = JSON.stringify({
      data: Object.fromEntries(Object.entries(event.data).reverse()),
      occurredAt: "2026-04-01T00:00:00.000Z",
      version: 1,
      type: event.type,
      eventId: event.eventId,
    });

    expect((await setup.consume(sqsEvent([sqsRecord({ body: reordered })]))).batchItemFailures).toEqual([]);
    expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
    expect(await setup.entriesOf("dup-referrer-4")).toHaveLength(1);
  });

  it("delivers the outbox on the redelivery when the send after the commit failed, without a second effect", async () => {
    await setup.seedReferral({ refereeAccountId: "outbox-referee", referrerAccountId: "outbox-referrer", programId: "ex2-credit" });
    const event = invoicePaid({ accountId: "outbox-referee" });
    const failingOutbound = {
      send: async () => {
        throw new TransientError("the outbound queue is unreachable");
      },
    };

    const first = await setup.consume(sqsEventOf([event]), setup.dependencies({ outbound: failingOutbound }));
    expect(first.batchItemFailures).toHaveLength(1);
    expect(await setup.entriesOf("outbox-referrer")).toHaveLength(1); // committed before the send
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).not.toHaveProperty("outboundSentAt");

    const redelivery = await setup.consume(sqsEventOf([event]));
    expect(redelivery.batchItemFailures).toEqual([]);
    const sent = await setup.drain(setup.sqs.queueUrls.outbound);
    expect(sent.map((message) => JSON.parse(message.Body!).type)).toEqual(["credit.granted"]);
    expect(await setup.entriesOf("outbox-referrer")).toHaveLength(1);
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toHaveProperty("outboundSentAt");
  });

  it("does not reward a payment twice when the billing system resends it under a new event id", async () => {
    await setup.seedReferral({ refereeAccountId: "resend-referee", referrerAccountId: "resend-referrer", programId: "zadarma-partner" });
    const first = rechargeCompleted({ accountId: "resend-referee", amountMinor: 2_000 });
    const resent = { ...first, eventId: `${first.eventId}-resent` };
    await setup.consume(sqsEventOf([first]));
    expect((await setup.consume(sqsEventOf([resent]))).batchItemFailures).toEqual([]);
    expect(await setup.entriesOf("resend-referrer")).toHaveLength(1);
  });

  it("parks a refund once however often it is delivered before its invoice, and rejects a changed payload", async () => {
    await setup.seedReferral({ refereeAccountId: "park-dup-referee", referrerAccountId: "park-dup-referrer", programId: "ex2-credit" });
    const refund = invoiceRefunded({ accountId: "park-dup-referee", invoiceId: "inv-park-dup", amountMinor: 1_000 });
    await setup.consume(sqsEventOf([refund, refund]));
    await setup.consume(sqsEventOf([{ ...refund, data: { ...refund.data, amountMinor: 2_000 } }]));
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["payload_mismatch"]);

    await setup.consume(
      sqsEventOf([
        invoicePaid({
          accountId: "park-dup-referee",
          invoiceId: "inv-park-dup",
          lines: [{ sku: "x", category: "hosting", amountMinor: 10_000 }],
        }),
      ]),
    );
    expect((await setup.entriesOf("park-dup-referrer")).map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-250, 2_500]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("records a registration on the account profile with hashed e-mail, once", async () => {
    const event = accountRegistered({
      accountId: "registered-1",
      registeredAt: "2026-03-01T08:00:00+01:00",
      promoEndsAt: "2026-04-01T00:00:00+02:00",
      email: "Jane.Doe+x@Example.com",
    });
    await setup.consume(sqsEventOf([event, event]));
    const profile = await setup.readItem(keys.accountProfile("registered-1"));
    expect(profile).toMatchObject({
      registeredAt: "2026-03-01T07:00:00.000Z",
      promoEndsAt: "2026-03-31T22:00:00.000Z",
      emailHash: emailHash(testHashSalt, "jane.doe@example.com"),
    });
    expect(JSON.stringify(profile)).not.toContain("Example.com");
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toMatchObject({ outcome: "registered" });
  });

  it("keeps the newest registration by occurredAt: an older account.registered arriving late changes nothing", async () => {
    const newer = accountRegistered({
      accountId: "registered-2",
      registeredAt: "2026-03-05T10:00:00.000Z",
      promoEndsAt: "2026-05-01T00:00:00.000Z",
    });
    const older = accountRegistered({
      accountId: "registered-2",
      registeredAt: "2026-03-01T10:00:00.000Z",
      promoEndsAt: "2026-04-01T00:00:00.000Z",
    });
    const response = await setup.consume(sqsEventOf([newer]));
    await setup.consume(sqsEventOf([older]));
    await setup.consume(sqsEventOf([older]));

    expect(response.batchItemFailures).toEqual([]);
    expect(await setup.readItem(keys.accountProfile("registered-2"))).toMatchObject({
      registeredAt: "2026-03-05T10:00:00.000Z",
      promoEndsAt: "2026-05-01T00:00:00.000Z",
    });
    expect(await setup.readItem(keys.sourceEvent(older.eventId))).toMatchObject({ outcome: "no_effect:newer_registration_applied" });

    const newest = accountRegistered({ accountId: "registered-2", registeredAt: "2026-03-06T10:00:00.000Z" });
    await setup.consume(sqsEventOf([newest]));
    expect(await setup.readItem(keys.accountProfile("registered-2"))).toMatchObject({ registeredAt: "2026-03-06T10:00:00.000Z" });
  });

  it("accepts a payer change without an effect yet", async () => {
    const response = await setup.consume(
      sqsEventOf([servicePayerChanged({ administratorAccountId: "admin-1", payerAccountId: "partner-1" })]),
    );
    expect(response.batchItemFailures).toEqual([]);
  });

  it("keeps every balance equal to the sum of its entries, each event with exactly its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});

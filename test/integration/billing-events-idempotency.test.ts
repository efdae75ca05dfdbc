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
  invoiceIssued,
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
    expect(await setup.balanceOf("dup-referrer-1")).toMatchObject({ creditGrantedMinor: 2_500 });
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
    expect(await setup.balanceOf("dup-referrer-2")).toMatchObject({ commissionPendingMinor: 700 });
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

  it("dead-letters a payment resent under a new event id with another body as payment_mismatch; the first stays applied", async () => {
    await setup.seedReferral({
      refereeAccountId: "resend-mm-referee",
      referrerAccountId: "resend-mm-referrer",
      programId: "zadarma-partner",
    });
    const first = rechargeCompleted({ accountId: "resend-mm-referee", amountMinor: 2_000 });
    await setup.consume(sqsEventOf([first]));
    await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    const corrected = { ...first, eventId: `${first.eventId}-corrected`, data: { ...first.data, amountMinor: 3_000 } };
    expect((await setup.consume(sqsEventOf([corrected]))).batchItemFailures).toEqual([]);
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["payment_mismatch"]);
    expect((await setup.entriesOf("resend-mm-referrer")).map((entry) => entry.amountMinor)).toEqual([200]);
    expect(await setup.readItem(keys.sourceEvent(corrected.eventId))).toBeUndefined();
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

  it("records a payer change under its event id, also of an administrator without a referral", async () => {
    const event = servicePayerChanged({ administratorAccountId: "admin-1", payerAccountId: "partner-1" });
    const response = await setup.consume(sqsEventOf([event]));
    expect(response.batchItemFailures).toEqual([]);
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toMatchObject({ outcome: "payer_recorded", transferIds: [] });
  });

  describe("an event id first used by an event without effect (issue 6 item 4)", () => {
    async function deadLetterReasons(): Promise<(string | undefined)[]> {
      return (await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).map(
        (message) => message.MessageAttributes?.reason?.StringValue,
      );
    }

    it("rejects a paid invoice reusing the id of an issued invoice as payload_mismatch, crediting nothing", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-referee-1", referrerAccountId: "reuse-referrer-1", programId: "ex2-credit" });
      const issued = invoiceIssued({ accountId: "reuse-referee-1" }, "evt-reuse-1");
      await setup.consume(sqsEventOf([issued, issued]));
      const response = await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-1" }, "evt-reuse-1")]));

      expect(response.batchItemFailures).toEqual([]);
      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect(await setup.entriesOf("reuse-referrer-1")).toEqual([]);
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-1"))).toMatchObject({ outcome: "no_effect:not_paid", transferIds: [] });
    });

    it("rejects an issued invoice reusing the id of a paid one", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-referee-2", referrerAccountId: "reuse-referrer-2", programId: "ex2-credit" });
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-2" }, "evt-reuse-2")]));
      await setup.consume(sqsEventOf([invoiceIssued({ accountId: "reuse-referee-2" }, "evt-reuse-2")]));

      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect(await setup.entriesOf("reuse-referrer-2")).toHaveLength(1);
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("rejects a recharge reusing the id of a payer change (recorded for every service)", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-admin-3", referrerAccountId: "reuse-partner-3", programId: "zadarma-partner" });
      await setup.consume(
        sqsEventOf([servicePayerChanged({ administratorAccountId: "reuse-admin-3", payerAccountId: "reuse-payer-3" }, "evt-reuse-3")]),
      );
      await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "reuse-admin-3" }, "evt-reuse-3")]));

      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect(await setup.entriesOf("reuse-partner-3")).toEqual([]);
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-3"))).toMatchObject({ outcome: "payer_recorded" });
    });

    it("rejects reusing the id of a payment resent under a new event id (payment already recorded)", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-client-4", referrerAccountId: "reuse-partner-4", programId: "zadarma-partner" });
      const first = rechargeCompleted({ accountId: "reuse-client-4", amountMinor: 2_000 });
      await setup.consume(sqsEventOf([first]));
      await setup.consume(sqsEventOf([{ ...first, eventId: "evt-reuse-4" }]));
      await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "reuse-client-4", amountMinor: 3_000 }, "evt-reuse-4")]));

      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect((await setup.entriesOf("reuse-partner-4")).map((entry) => entry.amountMinor)).toEqual([200]);
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-4"))).toMatchObject({ outcome: "payment_already_recorded" });
    });

    it("rejects reusing the id of a refund resent under a new event id (reversal already applied)", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-referee-5", referrerAccountId: "reuse-referrer-5", programId: "ex2-credit" });
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-5", invoiceId: "inv-reuse-5" })]));
      const refund = invoiceRefunded({ accountId: "reuse-referee-5", invoiceId: "inv-reuse-5", amountMinor: 4_000 });
      await setup.consume(sqsEventOf([refund]));
      await setup.consume(sqsEventOf([{ ...refund, eventId: "evt-reuse-5" }]));
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-5" }, "evt-reuse-5")]));

      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect((await setup.entriesOf("reuse-referrer-5")).map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-1_000, 2_500]);
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-5"))).toMatchObject({ outcome: "reversal_already_applied" });
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("keeps the id of a refund parked before its invoice: another event under it is payload_mismatch, the refund still applies", async () => {
      await setup.seedReferral({ refereeAccountId: "reuse-referee-7", referrerAccountId: "reuse-referrer-7", programId: "ex2-credit" });
      const refund = invoiceRefunded({ accountId: "reuse-referee-7", invoiceId: "inv-reuse-7", amountMinor: 4_000 }, "evt-reuse-7");
      await setup.consume(sqsEventOf([refund]));
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-7"))).toMatchObject({ outcome: "parked" });

      await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-7", invoiceId: "inv-other-7" }, "evt-reuse-7")]));
      expect(await deadLetterReasons()).toEqual(["payload_mismatch"]);
      expect(await setup.entriesOf("reuse-referrer-7")).toEqual([]);

      await setup.consume(sqsEventOf([refund]));
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "reuse-referee-7", invoiceId: "inv-reuse-7" })]));
      await setup.consume(sqsEventOf([refund]));
      expect((await setup.entriesOf("reuse-referrer-7")).map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-1_000, 2_500]);
      expect(await setup.readItem(keys.sourceEvent("evt-reuse-7"))).toMatchObject({ outcome: "clawed_back" });
      expect(await deadLetterReasons()).toEqual([]);
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("records nothing for an issued invoice of a customer without a referral; a payer change of its service is recorded", async () => {
      const issued = invoiceIssued({ accountId: "reuse-nobody-6" });
      const changed = servicePayerChanged({ administratorAccountId: "reuse-nobody-6", payerAccountId: "reuse-payer-6" });
      expect((await setup.consume(sqsEventOf([issued, changed]))).batchItemFailures).toEqual([]);
      expect(await setup.readItem(keys.sourceEvent(issued.eventId))).toBeUndefined();
      expect(await setup.readItem(keys.sourceEvent(changed.eventId))).toMatchObject({ outcome: "payer_recorded" });
    });
  });

  it("keeps every balance equal to the sum of its entries, each event with exactly its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});

/**
 * Refunds and chargebacks claw back what a payment earned, in proportion, with no rounding drift; a
 * refund that arrives before its invoice is kept and applied when the invoice comes; a clawback after
 * the money was settled and paid out takes the balance negative.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys } from "../../shared/data/keys.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { post, reserve } from "../../shared/domain/ledger/reservations.ts";
import { makeTransfer, transferIdOf } from "../../shared/domain/ledger/transfers.ts";
import { creditClawedBackSchema } from "../../shared/schemas/outbound-messages.ts";
import { chargeback, invoicePaid, invoiceRefunded, rechargeCompleted } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-20T10:00:00.000Z");

const oddInvoiceLines = [{ sku: "hosting-pro", category: "hosting", amountMinor: 9_999 }]; // 25% = 2 499.75 → 2 500

describe("refunds, chargebacks and clawbacks", () => {
  it("claws back partial refunds in proportion and a full refund exactly what was earned, telling the billing system", async () => {
    await setup.seedReferral({ refereeAccountId: "refund-referee-1", referrerAccountId: "refund-referrer-1", programId: "ex2-credit" });
    const paid = invoicePaid({ accountId: "refund-referee-1", invoiceId: "inv-refund-1", lines: oddInvoiceLines });
    await setup.consume(sqsEventOf([paid]));
    const partials = [3_333, 3_333].map((amountMinor) =>
      invoiceRefunded({ accountId: "refund-referee-1", invoiceId: "inv-refund-1", amountMinor }),
    );

    for (const refund of partials) expect((await setup.consume(sqsEventOf([refund]))).batchItemFailures).toEqual([]);

    const entries = await setup.entriesOf("refund-referrer-1");
    const clawbacks = entries.filter((entry) => entry.kind === "clawback").map((entry) => entry.amountMinor);
    // Cumulative: 1/3 → 833.33 → 833; 2/3 → 1 666.67 → 1 667, so the second clawback is 834.
    expect(clawbacks.sort()).toEqual([-833, -834]);
    expect(entries.every((entry) => entry.ledgerAccountKind === "credit_granted")).toBe(true);

    const last = invoiceRefunded({ accountId: "refund-referee-1", invoiceId: "inv-refund-1", amountMinor: 3_333 });
    await setup.consume(sqsEventOf([last]));
    expect(await setup.balanceOf("refund-referrer-1")).toMatchObject({
      creditGrantedMinor: 0,
      commissionPendingMinor: 0,
      commissionAvailableMinor: 0,
    });
    expect(await setup.readItem(keys.invoiceReward("inv-refund-1"))).toMatchObject({
      refundedMinor: 9_999,
      rewards: [{ earnedMinor: 2_500, clawedBackMinor: 2_500 }],
    });

    const messages = (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => JSON.parse(message.Body!));
    const clawedBack = messages
      .filter((message) => message.type === "credit.clawed_back")
      .map((message) => creditClawedBackSchema.parse(message));
    expect(clawedBack.reduce((sum, message) => sum + message.amountMinor, 0)).toBe(2_500);
    expect(new Set(clawedBack.map((message) => message.reversesEntryId))).toEqual(new Set([transferIdOf(paid.eventId, 0)]));
  });

  it("claws back nothing beyond what was earned when refunds and chargebacks exceed the invoice", async () => {
    await setup.seedReferral({ refereeAccountId: "refund-referee-2", referrerAccountId: "refund-referrer-2", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "refund-referee-2", invoiceId: "inv-refund-2" })]));
    await setup.consume(sqsEventOf([invoiceRefunded({ accountId: "refund-referee-2", invoiceId: "inv-refund-2", amountMinor: 10_000 })]));
    const extra = chargeback({ accountId: "refund-referee-2", invoiceId: "inv-refund-2", amountMinor: 10_000 });
    await setup.consume(sqsEventOf([extra]));
    expect(await setup.balanceOf("refund-referrer-2")).toMatchObject({ creditGrantedMinor: 0 });
    expect(await setup.readItem(keys.sourceEvent(extra.eventId))).toMatchObject({ outcome: "nothing_to_claw_back" });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("keeps a refund that arrives before its invoice and applies it right after the invoice", async () => {
    await setup.seedReferral({ refereeAccountId: "refund-referee-3", referrerAccountId: "refund-referrer-3", programId: "ex2-credit" });
    const refund = invoiceRefunded({ accountId: "refund-referee-3", invoiceId: "inv-early", amountMinor: 4_000 });

    expect((await setup.consume(sqsEventOf([refund]))).batchItemFailures).toEqual([]);
    expect(await setup.entriesOf("refund-referrer-3")).toEqual([]);
    expect(await setup.readItem(keys.parkedEvent("inv-early", refund.eventId))).toMatchObject({ eventType: "invoice.refunded" });

    await setup.consume(
      sqsEventOf([
        invoicePaid({
          accountId: "refund-referee-3",
          invoiceId: "inv-early",
          lines: [{ sku: "x", category: "hosting", amountMinor: 10_000 }],
        }),
      ]),
    );

    const entries = await setup.entriesOf("refund-referrer-3");
    expect(entries.map((entry) => [entry.kind, entry.amountMinor]).sort()).toEqual([
      ["clawback", -1_000],
      ["credit", 2_500],
    ]);
    expect(await setup.readItem(keys.parkedEvent("inv-early", refund.eventId))).toBeUndefined();
    expect(await setup.readItem(keys.sourceEvent(refund.eventId))).toMatchObject({ outcome: "clawed_back" });
    // A late redelivery of the refund is a duplicate.
    await setup.consume(sqsEventOf([refund]));
    expect(await setup.entriesOf("refund-referrer-3")).toHaveLength(2);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("claws back a pending commission from its own period on a chargeback of the recharge", async () => {
    await setup.seedReferral({ refereeAccountId: "cb-client-1", referrerAccountId: "cb-partner-1", programId: "zadarma-partner" });
    const recharge = rechargeCompleted({
      accountId: "cb-client-1",
      rechargeId: "rch-cb-1",
      amountMinor: 10_000,
      completedAt: "2026-03-03T10:00:00.000Z",
    });
    await setup.consume(sqsEventOf([recharge]));
    const reversal = chargeback({ accountId: "cb-client-1", rechargeId: "rch-cb-1", amountMinor: 2_500 });

    await setup.consume(sqsEventOf([reversal]));

    const clawback = (await setup.entriesOf("cb-partner-1")).find((entry) => entry.kind === "clawback");
    expect(clawback).toMatchObject({
      ledgerAccountKind: "commission_pending",
      amountMinor: -250,
      periodId: "2026-03-1",
      sourceEventType: "chargeback",
      reversesTransferId: transferIdOf(recharge.eventId, 0),
    });
    expect(await setup.balanceOf("cb-partner-1")).toMatchObject({ commissionPendingMinor: 750 });
    expect(await setup.readItem(keys.periodAccrual("cb-partner-1", "zadarma-partner", "2026-03-1", "EUR"))).toMatchObject({
      accruedMinor: 750,
      baseMinor: 7_500,
    });
  });

  it("claws back from available after settlement and payout, taking the balance negative", async () => {
    await setup.seedReferral({ refereeAccountId: "cb-client-2", referrerAccountId: "cb-partner-2", programId: "zadarma-partner" });
    await setup.consume(
      sqsEventOf([
        rechargeCompleted({
          accountId: "cb-client-2",
          rechargeId: "rch-cb-2",
          amountMinor: 20_000,
          completedAt: "2026-03-02T10:00:00.000Z",
        }),
      ]),
    );
    // Stand-ins for the settlement and payout of the next issues: the same commit path, the same entries.
    const dependencies = setup.dependencies();
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.periodAccrual("cb-partner-2", "zadarma-partner", "2026-03-1", "EUR"),
        UpdateExpression: "SET settledAt = :at",
        ExpressionAttributeValues: { ":at": "2026-03-15T00:00:00+01:00" },
      }),
    );
    // Settlement releases the period's commission and the partner withdraws it: posted here as the transfers those
    // flows post (settle-account.ts, request-withdrawal.ts), so this test is about the clawback alone.
    const pending = holderAccount("cb-partner-2", "commission_pending", "EUR");
    const available = holderAccount("cb-partner-2", "commission_available", "EUR");
    const context = (eventId: string, index: number) => ({
      sourceEventId: eventId,
      sourceEventType: eventId.split("-")[0]!,
      index,
      postedAt: setup.clock.now(),
      memo: eventId,
      programId: "zadarma-partner",
    });
    const release = makeTransfer({
      ...context("settle-2026-03-1", 0),
      postedAt: setup.clock.now().toISOString(),
      debit: pending,
      credit: available,
      amountMinor: 2_000,
      code: "settlement_release",
      periodId: "2026-03-1",
    });
    await dependencies.ledgerStore.commit({
      sourceEvent: { eventId: "settle-2026-03-1", eventType: "settlement", payloadHash: "0".repeat(64), outcome: "test" },
      transfers: [release],
    });
    const reserved = reserve({
      ...context("withdrawal-1", 0),
      code: "withdrawal_reserve",
      from: available,
      held: holderAccount("cb-partner-2", "payout_reserved", "EUR"),
      amountMinor: 2_000,
    });
    const paidOut = post(reserved.reservation, operatorAccount("payout_clearing", "EUR"), {
      ...context("withdrawal-1", 1),
      code: "withdrawal_post",
    });
    if (paidOut.status !== "resolved") throw new Error("expected the withdrawal to post");
    await dependencies.ledgerStore.commit({
      sourceEvent: { eventId: "withdrawal-1", eventType: "withdrawal", payloadHash: "0".repeat(64), outcome: "test" },
      transfers: [reserved.transfer, paidOut.transfer],
      reservations: [{ type: "open", reservation: paidOut.reservation }],
    });

    await setup.consume(sqsEventOf([chargeback({ accountId: "cb-client-2", rechargeId: "rch-cb-2", amountMinor: 20_000 })]));

    const clawback = (await setup.entriesOf("cb-partner-2")).find((candidate) => candidate.kind === "clawback");
    expect(clawback).toMatchObject({
      code: "commission_clawback",
      ledgerAccountKind: "commission_available",
      amountMinor: -2_000,
      counterparty: { holder: "operator", kind: "commission_expense", currency: "EUR" },
    });
    // Paid out, then clawed back: available goes negative, and later commissions recover it.
    expect(await setup.balanceOf("cb-partner-2")).toMatchObject({
      commissionPendingMinor: 0,
      commissionAvailableMinor: -2_000,
      payoutReservedMinor: 0,
      creditGrantedMinor: 0,
    });
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
    // The settled accrual is closed: the clawback did not touch it.
    expect(await setup.readItem(keys.periodAccrual("cb-partner-2", "zadarma-partner", "2026-03-1", "EUR"))).toMatchObject({
      accruedMinor: 2_000,
    });
  });

  it("applies a refund to an invoice that earned nothing without an entry, and ignores refunds of customers without a referral", async () => {
    await setup.seedReferral({ refereeAccountId: "refund-referee-4", referrerAccountId: "refund-referrer-4", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "refund-referee-4", paidAt: "2026-03-01T10:00:00.000Z" })]));
    await setup.consume(
      sqsEventOf([invoicePaid({ accountId: "refund-referee-4", invoiceId: "inv-second", paidAt: "2026-03-02T10:00:00.000Z" })]),
    );
    const refundOfSecond = invoiceRefunded({ accountId: "refund-referee-4", invoiceId: "inv-second", amountMinor: 10_000 });
    const unrelated = invoiceRefunded({ accountId: "nobody-referred", invoiceId: "inv-unrelated", amountMinor: 500 });

    await setup.consume(sqsEventOf([refundOfSecond, unrelated]));

    expect(await setup.readItem(keys.sourceEvent(refundOfSecond.eventId))).toMatchObject({
      outcome: "nothing_to_claw_back",
      transferIds: [],
    });
    expect(await setup.readItem(keys.parkedEvent("inv-unrelated", unrelated.eventId))).toBeUndefined();
    expect(await setup.readItem(keys.sourceEvent(unrelated.eventId))).toBeUndefined();
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("moves a refund in another currency than its invoice to the dead-letter queue", async () => {
    await setup.seedReferral({ refereeAccountId: "refund-referee-5", referrerAccountId: "refund-referrer-5", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "refund-referee-5", invoiceId: "inv-eur" })]));
    const response = await setup.consume(
      sqsEventOf([invoiceRefunded({ accountId: "refund-referee-5", invoiceId: "inv-eur", amountMinor: 100, currency: "CZK" })]),
    );
    expect(response.batchItemFailures).toEqual([]);
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["currency_mismatch"]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  describe("a refund or chargeback resent under a new event id", () => {
    it("claws back once: invoice 100.00, credit 25.00, refund RF-1 of 40.00 sent twice → 10.00, not 20.00", async () => {
      await setup.seedReferral({ refereeAccountId: "resend-referee-1", referrerAccountId: "resend-referrer-1", programId: "ex2-credit" });
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "resend-referee-1", invoiceId: "inv-resend-1" })]));
      const refund = (eventId: string) =>
        invoiceRefunded({ accountId: "resend-referee-1", invoiceId: "inv-resend-1", refundId: "RF-1", amountMinor: 4_000 }, eventId);

      await setup.consume(sqsEventOf([refund("evt-rf-1-a")]));
      const resent = await setup.consume(sqsEventOf([refund("evt-rf-1-b")]));

      expect(resent.batchItemFailures).toEqual([]);
      const clawbacks = (await setup.entriesOf("resend-referrer-1")).filter((entry) => entry.kind === "clawback");
      expect(clawbacks.map((entry) => entry.amountMinor)).toEqual([-1_000]);
      expect(await setup.balanceOf("resend-referrer-1")).toMatchObject({ creditGrantedMinor: 1_500 });
      expect(await setup.readItem(keys.reversal("refund", "RF-1"))).toMatchObject({ eventId: "evt-rf-1-a" });
      expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
      const clawedBack = (await setup.drain(setup.sqs.queueUrls.outbound)).filter((message) =>
        message.Body!.includes("credit.clawed_back"),
      );
      expect(clawedBack).toHaveLength(1);
    });

    it("moves the same refundId with another body to the dead-letter queue as reversal_mismatch, keeping the first", async () => {
      await setup.seedReferral({ refereeAccountId: "resend-referee-2", referrerAccountId: "resend-referrer-2", programId: "ex2-credit" });
      await setup.consume(sqsEventOf([invoicePaid({ accountId: "resend-referee-2", invoiceId: "inv-resend-2" })]));
      await setup.consume(
        sqsEventOf([invoiceRefunded({ accountId: "resend-referee-2", invoiceId: "inv-resend-2", refundId: "RF-2", amountMinor: 4_000 })]),
      );

      const conflicting = invoiceRefunded({
        accountId: "resend-referee-2",
        invoiceId: "inv-resend-2",
        refundId: "RF-2",
        amountMinor: 6_000,
      });
      const response = await setup.consume(sqsEventOf([conflicting]));

      expect(response.batchItemFailures).toEqual([]);
      const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
      expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["reversal_mismatch"]);
      expect(deadLetters[0]!.MessageAttributes?.eventId?.StringValue).toBe(conflicting.eventId);
      expect(
        (await setup.entriesOf("resend-referrer-2")).filter((entry) => entry.kind === "clawback").map((entry) => entry.amountMinor),
      ).toEqual([-1_000]);
      expect(await setup.readItem(keys.sourceEvent(conflicting.eventId))).toBeUndefined();
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("claws back a chargeback of a recharge once by its chargebackId", async () => {
      await setup.seedReferral({
        refereeAccountId: "resend-client-3",
        referrerAccountId: "resend-partner-3",
        programId: "zadarma-partner",
      });
      await setup.consume(
        sqsEventOf([
          rechargeCompleted({
            accountId: "resend-client-3",
            rechargeId: "rch-resend-3",
            amountMinor: 10_000,
            completedAt: "2026-03-03T10:00:00.000Z",
          }),
        ]),
      );
      const reversal = (eventId: string) =>
        chargeback({ accountId: "resend-client-3", rechargeId: "rch-resend-3", chargebackId: "CB-3", amountMinor: 2_500 }, eventId);

      await setup.consume(sqsEventOf([reversal("evt-cb-3-a")]));
      await setup.consume(sqsEventOf([reversal("evt-cb-3-b")]));

      expect(
        (await setup.entriesOf("resend-partner-3")).filter((entry) => entry.kind === "clawback").map((entry) => entry.amountMinor),
      ).toEqual([-250]);
      expect(await setup.balanceOf("resend-partner-3")).toMatchObject({ commissionPendingMinor: 750 });
      expect(await setup.readItem(keys.periodAccrual("resend-partner-3", "zadarma-partner", "2026-03-1", "EUR"))).toMatchObject({
        accruedMinor: 750,
      });
    });

    it("applies two parked copies of one early refund once when the invoice arrives, and drops both", async () => {
      await setup.seedReferral({ refereeAccountId: "resend-referee-4", referrerAccountId: "resend-referrer-4", programId: "ex2-credit" });
      const refund = (eventId: string) =>
        invoiceRefunded({ accountId: "resend-referee-4", invoiceId: "inv-resend-4", refundId: "RF-4", amountMinor: 4_000 }, eventId);
      await setup.consume(sqsEventOf([refund("evt-rf-4-a")]));
      await setup.consume(sqsEventOf([refund("evt-rf-4-b")]));

      await setup.consume(sqsEventOf([invoicePaid({ accountId: "resend-referee-4", invoiceId: "inv-resend-4" })]));

      const entries = await setup.entriesOf("resend-referrer-4");
      expect(entries.map((entry) => [entry.kind, entry.amountMinor]).sort()).toEqual([
        ["clawback", -1_000],
        ["credit", 2_500],
      ]);
      expect(await setup.readItem(keys.parkedEvent("inv-resend-4", "evt-rf-4-a"))).toBeUndefined();
      expect(await setup.readItem(keys.parkedEvent("inv-resend-4", "evt-rf-4-b"))).toBeUndefined();
      expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("dead-letters a parked copy whose refundId was applied with another body", async () => {
      await setup.seedReferral({ refereeAccountId: "resend-referee-5", referrerAccountId: "resend-referrer-5", programId: "ex2-credit" });
      const early = (amountMinor: number) =>
        invoiceRefunded({ accountId: "resend-referee-5", invoiceId: "inv-resend-5", refundId: "RF-5", amountMinor });
      const first = early(4_000);
      const second = early(5_000);
      await setup.consume(sqsEventOf([first]));
      await setup.consume(sqsEventOf([second]));

      await setup.consume(sqsEventOf([invoicePaid({ accountId: "resend-referee-5", invoiceId: "inv-resend-5" })]));

      expect((await setup.entriesOf("resend-referrer-5")).filter((entry) => entry.kind === "clawback")).toHaveLength(1);
      const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
      expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["reversal_mismatch"]);
      expect(await setup.readItem(keys.parkedEvent("inv-resend-5", first.eventId))).toBeUndefined();
      expect(await setup.readItem(keys.parkedEvent("inv-resend-5", second.eventId))).toBeUndefined();
      await setup.drain(setup.sqs.queueUrls.outbound);
    });
  });

  it("keeps every balance and accrual equal to the sum of its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});

/**
 * Ex2 (seed 000): 25 % of a referred customer's paid invoice as account credit, the first paid invoice
 * by default, optionally for N months or for life; sent to the billing system at once. Sparrow
 * (seed 003): nothing is earned until the invoice is paid.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { keys } from "../../shared/data/keys.ts";
import { demoOperatorConfig, ex2CreditPreset } from "../../shared/domain/program-presets.ts";
import { creditGrantedSchema } from "../../shared/schemas/outbound-messages.ts";
import { invoiceIssued, invoicePaid } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const ex2Rule = ex2CreditPreset.rewards![0]!;

const setup = useLedgerTestSetup();

beforeAll(async () => {
  await setup.saveOperatorConfig({
    ...demoOperatorConfig,
    programs: [
      ...demoOperatorConfig.programs,
      { ...ex2CreditPreset, programId: "ex2-three-months", rewards: [{ ...ex2Rule, recurrence: { kind: "months", months: 3 } }] },
      {
        ...ex2CreditPreset,
        programId: "ex2-lifetime",
        rewards: [{ ...ex2Rule, recurrence: { kind: "lifetime" }, excludedCategories: ["domain"] }],
      },
      { ...ex2CreditPreset, programId: "ex2-paused", status: "paused" },
    ],
  });
});

const twoLines = [
  { sku: "hosting-start", category: "hosting", amountMinor: 10_000 },
  { sku: "domain-com", category: "domain", amountMinor: 2_000 },
];

describe("Ex2 referral credit", () => {
  it("credits the referrer 25% of the referred customer's first paid invoice, as paid credit sent to the billing system", async () => {
    const referral = await setup.seedReferral({
      refereeAccountId: "ex2-referee-1",
      referrerAccountId: "ex2-referrer-1",
      programId: "ex2-credit",
    });
    const event = invoicePaid({ accountId: "ex2-referee-1", lines: twoLines, paidAt: "2026-03-10T09:00:00.000Z" });

    const response = await setup.consume(sqsEventOf([event]));

    expect(response.batchItemFailures).toEqual([]);
    const entries = await setup.entriesOf("ex2-referrer-1");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: "credit",
      ledgerAccountKind: "credit_granted",
      amountMinor: 3_000,
      currency: "EUR",
      programId: "ex2-credit",
      sourceEventId: event.eventId,
      sourceEventType: "invoice.paid",
      periodId: "2026-03-1",
      refereeAccountId: "ex2-referee-1",
      payment: { kind: "invoice", id: event.data.invoiceId },
      rateBps: 2_500,
      basisMinor: 12_000,
      postedAt: "2026-03-14T10:00:00.000Z",
    });
    expect(await setup.balanceOf("ex2-referrer-1")).toMatchObject({
      commissionPendingMinor: 0,
      commissionAvailableMinor: 0,
      creditGrantedMinor: 3_000,
    });

    const outbound = await setup.drain(setup.sqs.queueUrls.outbound);
    expect(outbound).toHaveLength(1);
    const message = creditGrantedSchema.parse(JSON.parse(outbound[0]!.Body!));
    expect(message).toMatchObject({
      type: "credit.granted",
      entryId: entries[0]!.transferId,
      accountId: "ex2-referrer-1",
      amountMinor: 3_000,
      currency: "EUR",
      refereeAccountId: "ex2-referee-1",
    });
    expect(outbound[0]!.Attributes).toMatchObject({ MessageGroupId: "ex2-referrer-1", MessageDeduplicationId: entries[0]!.transferId });

    const updated = await setup.readReferral("ex2-referee-1");
    expect(updated).toMatchObject({ firstPaymentAt: "2026-03-10T09:00:00.000Z", firstInvoicePaidAt: "2026-03-10T09:00:00.000Z" });
    expect(await setup.readItem(keys.referralCode(referral.code))).toMatchObject({ customerCount: 1 });
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toMatchObject({
      outcome: "rewarded",
      outboundSentAt: "2026-03-14T10:00:00.000Z",
    });
  });

  it("does not credit the referred customer's second paid invoice by default", async () => {
    await setup.seedReferral({ refereeAccountId: "ex2-referee-2", referrerAccountId: "ex2-referrer-2", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "ex2-referee-2", paidAt: "2026-03-01T09:00:00.000Z" })]));
    const second = invoicePaid({ accountId: "ex2-referee-2", paidAt: "2026-03-05T09:00:00.000Z" });

    const response = await setup.consume(sqsEventOf([second]));

    expect(response.batchItemFailures).toEqual([]);
    expect((await setup.entriesOf("ex2-referrer-2")).map((entry) => entry.amountMinor)).toEqual([2_500]);
    expect(await setup.readItem(keys.sourceEvent(second.eventId))).toMatchObject({
      outcome: "not_rewarded:recurrence_ended",
      transferIds: [],
    });
    // Its reward record exists (earning nothing), so a refund of it is never parked.
    expect(await setup.readItem(keys.invoiceReward(second.data.invoiceId))).toMatchObject({ rewards: [] });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("credits every paid invoice within N months of the first one when the program says so, not one at N months", async () => {
    await setup.seedReferral({
      refereeAccountId: "ex2-referee-3",
      referrerAccountId: "ex2-referrer-3",
      programId: "ex2-three-months",
      attributedAt: "2026-01-20T10:00:00.000Z",
    });
    const paidAt = ["2026-01-31T10:00:00.000Z", "2026-03-15T10:00:00.000Z", "2026-04-30T08:59:59.000Z", "2026-04-30T09:00:00.000Z"];
    // 31 January 11:00 Prague + 3 months = 30 April 11:00 Prague (CEST, 09:00 UTC): the last one is out.
    for (const at of paidAt) await setup.consumeAt(at, sqsEventOf([invoicePaid({ accountId: "ex2-referee-3", paidAt: at })]));

    const entries = await setup.entriesOf("ex2-referrer-3");
    expect(entries.map((entry) => entry.amountMinor)).toEqual([2_500, 2_500, 2_500]);
    expect(await setup.balanceOf("ex2-referrer-3")).toMatchObject({ creditGrantedMinor: 7_500 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("credits every paid invoice for life, without the program's excluded categories", async () => {
    await setup.seedReferral({
      refereeAccountId: "ex2-referee-4",
      referrerAccountId: "ex2-referrer-4",
      programId: "ex2-lifetime",
      attributedAt: "2025-12-20T10:00:00.000Z",
    });
    for (const at of ["2026-01-01T10:00:00.000Z", "2028-06-01T10:00:00.000Z"]) {
      await setup.consumeAt(at, sqsEventOf([invoicePaid({ accountId: "ex2-referee-4", lines: twoLines, paidAt: at })]));
    }
    expect((await setup.entriesOf("ex2-referrer-4")).map((entry) => [entry.amountMinor, entry.basisMinor])).toEqual([
      [2_500, 10_000],
      [2_500, 10_000],
    ]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("earns nothing from an issued invoice, only once it is paid (Sparrow: bank transfers are booked hours later)", async () => {
    await setup.seedReferral({ refereeAccountId: "sparrow-client-1", referrerAccountId: "ex2-referrer-5", programId: "ex2-credit" });
    const issued = invoiceIssued({ accountId: "sparrow-client-1", issuedAt: "2026-03-10T08:00:00.000Z" });

    expect((await setup.consume(sqsEventOf([issued]))).batchItemFailures).toEqual([]);
    expect(await setup.entriesOf("ex2-referrer-5")).toEqual([]);
    expect(await setup.readReferral("sparrow-client-1")).not.toHaveProperty("firstPaymentAt");

    const paid = invoicePaid({
      accountId: "sparrow-client-1",
      invoiceId: issued.data.invoiceId,
      paymentMethod: "bank_transfer",
      paidAt: "2026-03-10T14:00:00.000Z",
    });
    await setup.consume(sqsEventOf([paid]));
    expect((await setup.entriesOf("ex2-referrer-5")).map((entry) => entry.amountMinor)).toEqual([2_500]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  describe("only payments at or after the attribution earn (issue 6 item 3)", () => {
    it("credits the first invoice paid after the attribution, not one paid months before it", async () => {
      await setup.seedReferral({
        refereeAccountId: "ex2-referee-late",
        referrerAccountId: "ex2-referrer-late",
        programId: "ex2-credit",
        attributedAt: "2026-03-05T10:00:00.000Z",
      });
      const before = invoicePaid({ accountId: "ex2-referee-late", paidAt: "2025-11-10T09:00:00.000Z" });
      await setup.consume(sqsEventOf([before]));
      expect(await setup.entriesOf("ex2-referrer-late")).toEqual([]);
      expect(await setup.readItem(keys.sourceEvent(before.eventId))).toMatchObject({ outcome: "not_rewarded:paid_before_attribution" });
      expect(await setup.readReferral("ex2-referee-late")).not.toHaveProperty("firstPaymentAt");

      await setup.consume(sqsEventOf([invoicePaid({ accountId: "ex2-referee-late", paidAt: "2026-03-10T09:00:00.000Z" })]));
      expect((await setup.entriesOf("ex2-referrer-late")).map((entry) => entry.amountMinor)).toEqual([2_500]);
      await setup.drain(setup.sqs.queueUrls.outbound);
    });

    it("gives a payment redelivered after the attribution the effect it had before it: none", async () => {
      const paid = invoicePaid({ accountId: "ex2-referee-redelivered", paidAt: "2026-03-10T09:00:00.000Z" });
      await setup.consume(sqsEventOf([paid]));
      await setup.seedReferral({
        refereeAccountId: "ex2-referee-redelivered",
        referrerAccountId: "ex2-referrer-redelivered",
        programId: "ex2-credit",
        attributedAt: "2026-03-12T10:00:00.000Z",
      });
      await setup.consume(sqsEventOf([paid]));
      expect(await setup.entriesOf("ex2-referrer-redelivered")).toEqual([]);
      expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]);
    });
  });

  it("writes nothing at all for a customer without a referral", async () => {
    const event = invoicePaid({ accountId: "not-referred-1" });
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toBeUndefined();
    expect(await setup.readItem(keys.invoiceReward(event.data.invoiceId))).toBeUndefined();
  });

  it("does not let a free invoice use up the first payment", async () => {
    await setup.seedReferral({ refereeAccountId: "ex2-referee-6", referrerAccountId: "ex2-referrer-6", programId: "ex2-credit" });
    await setup.consume(
      sqsEventOf([
        invoicePaid({
          accountId: "ex2-referee-6",
          lines: [{ sku: "trial", category: "hosting", amountMinor: 0 }],
          paidAt: "2026-03-01T09:00:00.000Z",
        }),
      ]),
    );
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "ex2-referee-6", paidAt: "2026-03-02T09:00:00.000Z" })]));
    expect((await setup.entriesOf("ex2-referrer-6")).map((entry) => entry.amountMinor)).toEqual([2_500]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("pays nothing while the program is paused", async () => {
    await setup.seedReferral({ refereeAccountId: "ex2-referee-7", referrerAccountId: "ex2-referrer-7", programId: "ex2-paused" });
    const event = invoicePaid({ accountId: "ex2-referee-7" });
    await setup.consume(sqsEventOf([event]));
    expect(await setup.entriesOf("ex2-referrer-7")).toEqual([]);
    expect(await setup.readItem(keys.sourceEvent(event.eventId))).toMatchObject({ outcome: "not_rewarded:program_paused" });
  });

  it("keeps every balance equal to the sum of its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});

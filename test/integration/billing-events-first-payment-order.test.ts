/**
 * The first payment is the earliest by payment time, not the first to arrive (issue 6, money 1). An
 * earlier-paid invoice or recharge that arrives after a later one was rewarded as the first replaces
 * it: the wrong reward is reversed (`first_payment_superseded`), the right one granted
 * (`replaces_later_first_payment`), each once however often either event is delivered, with the
 * messages for the billing system; months-N rewards that the earlier window leaves outside are
 * reversed too (`recurrence_window_moved`).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { keys } from "../../shared/data/keys.ts";
import { demoOperatorConfig, ex2CreditPreset, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { limits } from "../../shared/limits.ts";
import { isCreditMessage, outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";
import { invoicePaid, invoiceRefunded, rechargeCompleted } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

beforeAll(async () => {
  await setup.saveOperatorConfig({
    ...demoOperatorConfig,
    programs: [
      ...demoOperatorConfig.programs,
      {
        ...ex2CreditPreset,
        programId: "ex2-one-month",
        rewards: [{ ...ex2CreditPreset.rewards![0]!, recurrence: { kind: "months", months: 1 } }],
      },
      {
        ...zadarmaCommissionPreset,
        programId: "zadarma-one-month",
        rewards: [{ ...zadarmaCommissionPreset.rewards![0]!, recurrence: { kind: "months", months: 1 } }],
      },
    ],
  });
});

async function outboundMessages() {
  return (await setup.drain(setup.sqs.queueUrls.outbound))
    .map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)))
    .filter(isCreditMessage);
}

/** One event after the other, a second apart on the clock, so the ledger reads in processing order. */
async function consumeEach(...events: Parameters<typeof sqsEventOf>[0]) {
  for (const event of events) {
    setup.clock.advance(1_000);
    expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
  }
}

/** A referrer's entries in posting order; within one effect, grants before reversals. */
async function ledgerOf(referrerAccountId: string) {
  return (await setup.entriesOf(referrerAccountId)).sort(
    (left, right) => left.postedAt.localeCompare(right.postedAt) || right.amountMinor - left.amountMinor,
  );
}

/** A referral attributed on 1 January, before every payment of these tests (the clock then goes back to where it was). */
async function seedReferral(referral: Parameters<typeof setup.seedReferral>[0]) {
  const now = setup.clock.now();
  setup.clock.set("2026-01-01T00:00:00.000Z");
  try {
    return await setup.seedReferral(referral);
  } finally {
    setup.clock.set(now);
  }
}

beforeEach(async () => {
  await setup.drain(setup.sqs.queueUrls.outbound);
});

describe("the first paid invoice by payment time", () => {
  it("reverses the credit of a later-paid invoice that arrived first and credits the earlier-paid one, once, with the billing system told", async () => {
    const referral = await seedReferral({
      refereeAccountId: "order-1",
      referrerAccountId: "order-referrer-1",
      programId: "ex2-credit",
    });
    const later = invoicePaid({ accountId: "order-1", invoiceId: "INV-LATER", paidAt: "2026-03-10T09:00:00.000Z" });
    const earlier = invoicePaid({
      accountId: "order-1",
      invoiceId: "INV-EARLIER",
      paidAt: "2026-03-05T09:00:00.000Z",
      lines: [{ sku: "hosting", category: "hosting", amountMinor: 20_000 }],
    });

    await consumeEach(later);
    const [wrongCredit] = await ledgerOf("order-referrer-1");
    expect(wrongCredit).toMatchObject({ kind: "credit", amountMinor: 2_500, payment: { id: "INV-LATER" } });
    await consumeEach(earlier);

    const entries = await ledgerOf("order-referrer-1");
    expect(entries.map((entry) => [entry.kind, entry.amountMinor, entry.payment?.id, entry.reason])).toEqual([
      ["credit", 2_500, "INV-LATER", undefined],
      ["credit", 5_000, "INV-EARLIER", "replaces_later_first_payment"],
      ["clawback", -2_500, "INV-LATER", "first_payment_superseded"],
    ]);
    const reversal = entries[2]!;
    expect(reversal).toMatchObject({
      ledgerAccountKind: "credit_granted",
      reversesTransferId: wrongCredit!.transferId,
      sourceEventId: earlier.eventId,
    });
    expect(reversal.memo).toContain("INV-EARLIER");
    expect(await setup.balanceOf("order-referrer-1")).toMatchObject({
      commissionPendingMinor: 0,
      commissionAvailableMinor: 0,
      creditGrantedMinor: 5_000,
    });
    expect(await setup.readReferral("order-1")).toMatchObject({
      firstPaymentAt: "2026-03-05T09:00:00.000Z",
      firstInvoicePaidAt: "2026-03-05T09:00:00.000Z",
      firstInvoiceId: "INV-EARLIER",
    });
    // Still one paying customer on the code.
    expect(await setup.readItem(keys.referralCode(referral.code))).toMatchObject({ customerCount: 1 });
    expect(await setup.readItem(keys.invoiceReward("INV-LATER"))).toMatchObject({
      revision: 1,
      rewards: [{ clawedBackMinor: 2_500, reversedBy: { reason: "first_payment_superseded", sourceEventId: earlier.eventId } }],
    });

    const messages = await outboundMessages();
    expect(messages).toEqual([
      expect.objectContaining({ type: "credit.granted", entryId: wrongCredit!.transferId, amountMinor: 2_500 }),
      expect.objectContaining({ type: "credit.granted", entryId: entries[1]!.transferId, amountMinor: 5_000 }),
      expect.objectContaining({
        type: "credit.clawed_back",
        entryId: reversal.transferId,
        reversesEntryId: wrongCredit!.transferId,
        amountMinor: 2_500,
        reason: "first_payment_superseded",
        payment: { kind: "invoice", id: "INV-LATER" },
      }),
    ]);

    // Redelivery of either event, and a resend of the earlier invoice under a new event id, change nothing.
    await consumeEach(earlier, later, earlier, { ...earlier, eventId: "order-1-resend" }, later);
    expect(await ledgerOf("order-referrer-1")).toHaveLength(3);
    expect(await setup.balanceOf("order-referrer-1")).toMatchObject({ creditGrantedMinor: 5_000 });

    // A refund of the reversed invoice claws back nothing more; one of the first claws back its credit.
    await consumeEach(invoiceRefunded({ accountId: "order-1", invoiceId: "INV-LATER", amountMinor: 10_000 }));
    await consumeEach(invoiceRefunded({ accountId: "order-1", invoiceId: "INV-EARLIER", amountMinor: 10_000 }));
    expect((await ledgerOf("order-referrer-1")).map((entry) => entry.amountMinor)).toEqual([2_500, 5_000, -2_500, -2_500]);
    expect(await setup.balanceOf("order-referrer-1")).toMatchObject({ creditGrantedMinor: 2_500 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("breaks a tie of paid-at times by the smaller invoice id, whichever arrives first", async () => {
    const paidAt = "2026-03-05T09:00:00.000Z";
    for (const [referee, order] of [
      ["order-tie-1", ["INV-B", "INV-A"]],
      ["order-tie-2", ["INV-A2", "INV-B2"]],
    ] as const) {
      await seedReferral({ refereeAccountId: referee, referrerAccountId: `${referee}-referrer`, programId: "ex2-credit" });
      await consumeEach(...order.map((invoiceId) => invoicePaid({ accountId: referee, invoiceId, paidAt })));
    }
    const credited = async (referrer: string) =>
      (await ledgerOf(referrer)).reduce(
        (net, entry) => net.set(entry.payment!.id, (net.get(entry.payment!.id) ?? 0) + entry.amountMinor),
        new Map<string, number>(),
      );
    expect(await credited("order-tie-1-referrer")).toEqual(
      new Map([
        ["INV-B", 0],
        ["INV-A", 2_500],
      ]),
    );
    expect(await credited("order-tie-2-referrer")).toEqual(new Map([["INV-A2", 2_500]]));
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("reverses only what a partial refund left of the wrong credit", async () => {
    await seedReferral({ refereeAccountId: "order-2", referrerAccountId: "order-referrer-2", programId: "ex2-credit" });
    await consumeEach(
      invoicePaid({ accountId: "order-2", invoiceId: "INV-2-LATER", paidAt: "2026-03-10T09:00:00.000Z" }),
      invoiceRefunded({ accountId: "order-2", invoiceId: "INV-2-LATER", amountMinor: 4_000 }),
      invoicePaid({ accountId: "order-2", invoiceId: "INV-2-EARLIER", paidAt: "2026-03-01T09:00:00.000Z" }),
    );
    expect((await ledgerOf("order-referrer-2")).map((entry) => [entry.kind, entry.amountMinor, entry.reason])).toEqual([
      ["credit", 2_500, undefined],
      ["clawback", -1_000, undefined],
      ["credit", 2_500, "replaces_later_first_payment"],
      ["clawback", -1_500, "first_payment_superseded"],
    ]);
    expect(await setup.balanceOf("order-referrer-2")).toMatchObject({ creditGrantedMinor: 2_500 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("credits exactly the earliest-paid invoice when several arrive at once, in any order, redelivered", async () => {
    await seedReferral({ refereeAccountId: "order-3", referrerAccountId: "order-referrer-3", programId: "ex2-credit" });
    const invoices = [12, 9, 3, 7, 5].map((day) =>
      invoicePaid({ accountId: "order-3", invoiceId: `INV-3-${day}`, paidAt: `2026-03-${String(day).padStart(2, "0")}T09:00:00.000Z` }),
    );
    // Five containers at once, each with its own copy of every invoice (other orders), twice.
    for (let round = 0; round < 2; round += 1) {
      const responses = await Promise.all(
        invoices.map((_, offset) => setup.consume(sqsEventOf([...invoices.slice(offset), ...invoices.slice(0, offset)]))),
      );
      for (const response of responses) expect(response.batchItemFailures).toEqual([]);
    }
    const net = new Map<string, number>();
    for (const entry of await ledgerOf("order-referrer-3"))
      net.set(entry.payment!.id, (net.get(entry.payment!.id) ?? 0) + entry.amountMinor);
    expect([...net].filter(([, amountMinor]) => amountMinor !== 0)).toEqual([["INV-3-3", 2_500]]);
    expect(await setup.readReferral("order-3")).toMatchObject({ firstInvoiceId: "INV-3-3" });
    // Every grant and reversal went out once; the net per invoice matches.
    const messages = await outboundMessages();
    const sent = new Map<string, number>();
    for (const message of messages)
      sent.set(
        message.payment.id,
        (sent.get(message.payment.id) ?? 0) + (message.type === "credit.granted" ? 1 : -1) * message.amountMinor,
      );
    expect([...sent].filter(([, amountMinor]) => amountMinor !== 0)).toEqual([["INV-3-3", 2_500]]);
    expect(new Set(messages.map((message) => message.entryId)).size).toBe(messages.length);
  });
});

describe("months-N recurrence when the first payment moves earlier", () => {
  it("reverses the credits that the earlier first payment's window leaves outside, keeps the ones inside, once", async () => {
    await seedReferral({ refereeAccountId: "window-1", referrerAccountId: "window-referrer-1", programId: "ex2-one-month" });
    // Recorded first: 20 January; its window ends 20 February. The real first, 10 January, ends it 10 February.
    const first = invoicePaid({ accountId: "window-1", invoiceId: "W-0120", paidAt: "2026-01-20T10:00:00.000Z" });
    const inside = invoicePaid({ accountId: "window-1", invoiceId: "W-0205", paidAt: "2026-02-05T10:00:00.000Z" });
    const leaving = invoicePaid({ accountId: "window-1", invoiceId: "W-0215", paidAt: "2026-02-15T10:00:00.000Z" });
    const outside = invoicePaid({ accountId: "window-1", invoiceId: "W-0225", paidAt: "2026-02-25T10:00:00.000Z" });
    const earliest = invoicePaid({ accountId: "window-1", invoiceId: "W-0110", paidAt: "2026-01-10T10:00:00.000Z" });
    await consumeEach(first, inside, leaving, outside);
    expect((await ledgerOf("window-referrer-1")).map((entry) => entry.payment?.id)).toEqual(["W-0120", "W-0205", "W-0215"]);
    await outboundMessages();

    await consumeEach(earliest);

    const entries = await ledgerOf("window-referrer-1");
    expect(entries.map((entry) => [entry.kind, entry.amountMinor, entry.payment?.id, entry.reason])).toEqual([
      ["credit", 2_500, "W-0120", undefined],
      ["credit", 2_500, "W-0205", undefined],
      ["credit", 2_500, "W-0215", undefined],
      ["credit", 2_500, "W-0110", undefined],
      ["clawback", -2_500, "W-0215", "recurrence_window_moved"],
    ]);
    expect(entries[4]).toMatchObject({
      reversesTransferId: entries[2]!.transferId,
      sourceEventId: "recurrence-window:invoice:W-0215:invoice-credit",
    });
    expect(await setup.balanceOf("window-referrer-1")).toMatchObject({ creditGrantedMinor: 7_500 });
    expect(await outboundMessages()).toEqual([
      expect.objectContaining({ type: "credit.granted", payment: { kind: "invoice", id: "W-0110" } }),
      expect.objectContaining({
        type: "credit.clawed_back",
        reason: "recurrence_window_moved",
        reversesEntryId: entries[2]!.transferId,
        payment: { kind: "invoice", id: "W-0215" },
      }),
    ]);
    // The reversed one is no longer in the window index; the ones inside are.
    expect(await setup.readItem(keys.rewardInWindow("window-1", "invoice", "2026-02-15T10:00:00.000Z", "W-0215"))).toBeUndefined();
    expect(await setup.readItem(keys.rewardInWindow("window-1", "invoice", "2026-02-05T10:00:00.000Z", "W-0205"))).toBeDefined();

    // Redelivering every event changes nothing; a later payment inside the new window still earns.
    await consumeEach(earliest, first, leaving, outside, inside, earliest);
    expect(await ledgerOf("window-referrer-1")).toHaveLength(5);
    await consumeEach(invoicePaid({ accountId: "window-1", invoiceId: "W-0209", paidAt: "2026-02-09T10:00:00.000Z" }));
    await consumeEach(invoicePaid({ accountId: "window-1", invoiceId: "W-0211", paidAt: "2026-02-11T10:00:00.000Z" }));
    expect(await setup.balanceOf("window-referrer-1")).toMatchObject({ creditGrantedMinor: 10_000 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("takes a pending commission outside the moved window back from its accrual", async () => {
    await seedReferral({ refereeAccountId: "window-2", referrerAccountId: "window-referrer-2", programId: "zadarma-one-month" });
    await consumeEach(
      rechargeCompleted({ accountId: "window-2", rechargeId: "R-0220", amountMinor: 10_000, completedAt: "2026-02-20T10:00:00.000Z" }),
      rechargeCompleted({ accountId: "window-2", rechargeId: "R-0310", amountMinor: 30_000, completedAt: "2026-03-10T10:00:00.000Z" }),
      rechargeCompleted({ accountId: "window-2", rechargeId: "R-0201", amountMinor: 5_000, completedAt: "2026-02-01T10:00:00.000Z" }),
    );
    // Window of 1 February ends 1 March: the recharge of 10 March leaves it.
    const entries = await ledgerOf("window-referrer-2");
    expect(entries.map((entry) => [entry.kind, entry.ledgerAccountKind, entry.amountMinor, entry.payment?.id, entry.reason])).toEqual([
      ["commission_accrued", "commission_pending", 1_000, "R-0220", undefined],
      ["commission_accrued", "commission_pending", 3_000, "R-0310", undefined],
      ["commission_accrued", "commission_pending", 500, "R-0201", undefined],
      ["clawback", "commission_pending", -3_000, "R-0310", "recurrence_window_moved"],
    ]);
    expect(await setup.readItem(keys.periodAccrual("window-referrer-2", "zadarma-one-month", "2026-03-1", "EUR"))).toMatchObject({
      accruedMinor: 0,
      baseMinor: 0,
    });
    expect(await setup.balanceOf("window-referrer-2")).toMatchObject({ commissionPendingMinor: 1_500 });
    expect(await setup.readReferral("window-2")).toMatchObject({
      firstRechargeId: "R-0201",
      firstRechargeCompletedAt: "2026-02-01T10:00:00.000Z",
    });
  });

  it("reverses every reward outside the window, more than one page of them", async () => {
    await seedReferral({ refereeAccountId: "window-3", referrerAccountId: "window-referrer-3", programId: "ex2-one-month" });
    const count = limits.rewardsOutsideWindowPerQueryMax + 5;
    // First recorded 1 February (window to 1 March); then the real first, 15 January (window to 15 February).
    const recorded = [invoicePaid({ accountId: "window-3", invoiceId: "P-first", paidAt: "2026-02-01T10:00:00.000Z" })];
    for (let index = 0; index < count; index += 1)
      recorded.push(
        invoicePaid({ accountId: "window-3", invoiceId: `P-${index}`, paidAt: new Date(Date.UTC(2026, 1, 20, 10, index)).toISOString() }),
      );
    await setup.consume(sqsEventOf(recorded.slice(0, 10)));
    for (let start = 10; start < recorded.length; start += 10) await setup.consume(sqsEventOf(recorded.slice(start, start + 10)));
    expect(await setup.balanceOf("window-referrer-3")).toMatchObject({ creditGrantedMinor: (count + 1) * 2_500 });

    await consumeEach(invoicePaid({ accountId: "window-3", invoiceId: "P-earliest", paidAt: "2026-01-15T10:00:00.000Z" }));

    const reversals = (await ledgerOf("window-referrer-3")).filter((entry) => entry.reason === "recurrence_window_moved");
    expect(reversals).toHaveLength(count);
    // The first recorded (1 February) is inside the new window and keeps its credit, and so does the real first.
    expect(await setup.balanceOf("window-referrer-3")).toMatchObject({ creditGrantedMinor: 2 * 2_500 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("keeps every balance equal to the sum of its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
    expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { transferIdOf } from "../../shared/domain/ledger/transfers.ts";
import { ex2CreditPreset, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import {
  decidePaymentRewards,
  eligibleAmountMinor,
  type PaymentFacts,
  type RewardInput,
  recurrenceEndsAt,
} from "../../shared/domain/rewards.ts";
import type { ReferralItem } from "../../shared/schemas/items.ts";
import { type Program, programSchema } from "../../shared/schemas/operator-config.ts";
import { transferSchema } from "../../shared/schemas/transfer-items.ts";

const ex2 = programSchema.parse(ex2CreditPreset);
const zadarma = programSchema.parse(zadarmaCommissionPreset);
const withRule = (program: Program, changes: Partial<Program["rewards"][number]>): Program => ({
  ...program,
  rewards: [{ ...program.rewards[0]!, ...changes }],
});

const referral: ReferralItem = {
  refereeAccountId: "referee",
  referrerAccountId: "referrer",
  programId: "ex2-credit",
  code: "CODE1234",
  source: "link",
  attributedAt: "2026-01-01T00:00:00.000Z",
  status: "active",
};

const invoice = (lines: PaymentFacts["lines"], paidAt = "2026-03-10T10:00:00.000Z", extra: Partial<PaymentFacts> = {}): PaymentFacts => ({
  trigger: "invoice.paid",
  payment: { kind: "invoice", id: "inv-1" },
  refereeAccountId: "referee",
  payerAccountId: "referee",
  currency: "EUR",
  lines,
  paidAt: new Date(paidAt),
  ...extra,
});

const decide = (program: Program, payment: PaymentFacts, changes: Partial<RewardInput> = {}) =>
  decidePaymentRewards({
    program,
    referral,
    payment,
    timeZone: "Europe/Prague",
    sourceEventId: "evt-1",
    sourceEventType: payment.trigger,
    postedAt: new Date("2026-03-14T10:00:00.000Z"),
    ...changes,
  });

describe("payment rewards", () => {
  it.each([
    [12_000, 3_000],
    [9_999, 2_500], // 2 499.75 rounds half away from zero
    [2, 1], // 0.5 → 1
    [1, 0], // 0.25 → 0: nothing to post
  ])("credits 25%% of a %i first paid invoice: %i", (amountMinor, creditMinor) => {
    const decision = decide(ex2, invoice([{ category: "hosting", amountMinor }]));
    expect(decision.transfers.map((transfer) => [transfer.code, transfer.amountMinor])).toEqual(
      creditMinor === 0 ? [] : [["credit_grant", creditMinor]],
    );
    expect(decision.marksFirstPayment && decision.marksFirstOfTrigger).toBe(true);
  });

  it("posts the credit as paid, in the invoice's currency and period, and queues it for the billing system", () => {
    const decision = decide(ex2, invoice([{ category: "hosting", amountMinor: 10_000 }], "2026-03-14T23:30:00.000Z"));
    expect(decision.transfers).toHaveLength(1);
    expect(decision.transfers[0]).toMatchObject({
      transferId: transferIdOf("evt-1", 0),
      code: "credit_grant",
      debit: { holder: "operator", kind: "credit_expense", currency: "EUR" },
      credit: { holder: "referrer", kind: "credit_granted", currency: "EUR" },
      amountMinor: 2_500,
      currency: "EUR",
      periodId: "2026-03-2",
      rateBps: 2_500,
      basisMinor: 10_000,
    });
    expect(transferSchema.parse(decision.transfers[0])).toEqual(decision.transfers[0]);
    expect(decision.outbound).toEqual([
      expect.objectContaining({
        type: "credit.granted",
        entryId: decision.transfers[0]!.transferId,
        accountId: "referrer",
        amountMinor: 2_500,
        currency: "EUR",
      }),
    ]);
    expect(decision.rewards).toEqual([expect.objectContaining({ earnedMinor: 2_500, clawedBackMinor: 0, payoutAs: "account_credit" })]);
  });

  it("accrues a commission as pending in the recharge's half-month period, with nothing to send", () => {
    const decision = decide(
      zadarma,
      {
        ...invoice([{ category: "recharge", amountMinor: 5_000 }], "2026-03-31T21:59:59.000Z"),
        trigger: "recharge.completed",
        payment: { kind: "recharge", id: "r" },
      },
      { referral: { ...referral, programId: "zadarma-partner" } },
    );
    expect(decision.transfers).toHaveLength(1);
    expect(decision.transfers[0]).toMatchObject({
      code: "commission_accrual",
      debit: { holder: "operator", kind: "commission_expense", currency: "EUR" },
      credit: { holder: "referrer", kind: "commission_pending", currency: "EUR" },
      amountMinor: 500,
      periodId: "2026-03-2",
    });
    expect(transferSchema.parse(decision.transfers[0])).toEqual(decision.transfers[0]);
    expect(decision.outbound).toEqual([]);
  });

  it("accrues in the open period when the payment's period is settled", () => {
    const decision = decide(
      zadarma,
      { ...invoice([{ category: "recharge", amountMinor: 5_000 }], "2026-02-20T10:00:00.000Z"), trigger: "recharge.completed" },
      { settledPeriodIds: new Set(["2026-02-2"]) },
    );
    expect(decision.transfers[0]?.periodId).toBe("2026-03-1");
    expect(decision.transfers[0]?.memo).toContain("late");
  });

  it("leaves out the rule's excluded categories", () => {
    expect(
      eligibleAmountMinor(
        [
          { category: "hosting", amountMinor: 100 },
          { category: "sms_package", amountMinor: 900 },
        ],
        ["sms_package"],
      ),
    ).toBe(100);
    const decision = decide(
      withRule(ex2, { excludedCategories: ["domain"] }),
      invoice([
        { category: "hosting", amountMinor: 10_000 },
        { category: "domain", amountMinor: 2_000 },
      ]),
    );
    expect(decision.transfers[0]).toMatchObject({ amountMinor: 2_500, basisMinor: 10_000 });
  });

  it.each([
    ["first_payment", { kind: "first_payment" as const }, "2026-03-10T10:00:00.000Z", false],
    ["months 3, just inside", { kind: "months" as const, months: 3 }, "2026-04-30T08:59:59.000Z", true],
    ["months 3, exactly at the end", { kind: "months" as const, months: 3 }, "2026-04-30T09:00:00.000Z", false],
    ["lifetime", { kind: "lifetime" as const }, "2036-01-01T00:00:00.000Z", true],
  ])("after a first paid invoice on 31 January, recurrence %s decides a later one", (_, recurrence, paidAt, earns) => {
    const decision = decide(withRule(ex2, { recurrence }), invoice([{ category: "hosting", amountMinor: 10_000 }], paidAt), {
      referral: { ...referral, firstPaymentAt: "2026-01-31T10:00:00.000Z", firstInvoicePaidAt: "2026-01-31T10:00:00.000Z" },
    });
    expect(decision.transfers.length > 0).toBe(earns);
    expect(decision.marksFirstPayment || decision.marksFirstOfTrigger).toBe(false);
  });

  it("measures N months on the operator's wall clock, clamping to the month's last day", () => {
    // 31 January 11:00 Prague (CET) + 1 month = 28 February 11:00; + 3 months = 30 April 11:00 (CEST).
    expect(recurrenceEndsAt(new Date("2026-01-31T10:00:00.000Z"), 1, "Europe/Prague").toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(recurrenceEndsAt(new Date("2026-01-31T10:00:00.000Z"), 3, "Europe/Prague").toISOString()).toBe("2026-04-30T09:00:00.000Z");
  });

  it("counts the first payment per trigger: a first recharge does not use up the first paid invoice", () => {
    const decision = decide(ex2, invoice([{ category: "hosting", amountMinor: 10_000 }]), {
      referral: { ...referral, firstPaymentAt: "2026-03-01T00:00:00.000Z", firstRechargeCompletedAt: "2026-03-01T00:00:00.000Z" },
    });
    expect(decision.transfers).toHaveLength(1);
    expect(decision.marksFirstPayment).toBe(false);
    expect(decision.marksFirstOfTrigger).toBe(true);
  });

  it.each<[string, Partial<RewardInput>, PaymentFacts, string, boolean]>([
    [
      "a fraudulent referral",
      { referral: { ...referral, status: "fraudulent" as const } },
      invoice([{ category: "h", amountMinor: 10_000 }]),
      "referral_fraudulent",
      false,
    ],
    [
      "a self-referral",
      { referral: { ...referral, referrerAccountId: "referee" } },
      invoice([{ category: "h", amountMinor: 10_000 }]),
      "self_referral",
      true,
    ],
    [
      "an invoice the referrer paid",
      {},
      invoice([{ category: "h", amountMinor: 10_000 }], undefined, { payerAccountId: "referrer" }),
      "self_referral",
      true,
    ],
    [
      "a paused program",
      { program: { ...ex2, status: "paused" as const } },
      invoice([{ category: "h", amountMinor: 10_000 }]),
      "program_paused",
      true,
    ],
    ["a free invoice", {}, invoice([{ category: "h", amountMinor: 0 }]), "nothing_paid", false],
    [
      "an invoice paid a millisecond before the referral was attributed",
      {},
      invoice([{ category: "h", amountMinor: 10_000 }], "2025-12-31T23:59:59.999Z"),
      "paid_before_attribution",
      false,
    ],
    [
      "a recharge in a program that rewards invoices",
      {},
      { ...invoice([{ category: "recharge", amountMinor: 1_000 }]), trigger: "recharge.completed" as const },
      "no_rule_for_trigger",
      true,
    ],
  ])("earns nothing from %s", (_, changes, payment, reason, marksFirst) => {
    const decision = decide(changes.program ?? ex2, payment, changes);
    expect(decision.transfers).toEqual([]);
    expect(decision.noRewardReasons).toEqual([reason]);
    expect(decision.marksFirstPayment).toBe(marksFirst);
  });

  it("earns from a payment made at the attribution time itself", () => {
    const decision = decide(ex2, invoice([{ category: "h", amountMinor: 10_000 }], referral.attributedAt));
    expect(decision.transfers.map((transfer) => [transfer.code, transfer.amountMinor])).toEqual([["credit_grant", 2_500]]);
  });

  it("does not let a payment made before the attribution replace the first payment after it", () => {
    const first = { firstPaymentAt: "2026-03-01T00:00:00.000Z", firstInvoicePaidAt: "2026-03-01T00:00:00.000Z", firstInvoiceId: "inv-0" };
    const decision = decide(ex2, invoice([{ category: "h", amountMinor: 10_000 }], "2025-12-01T00:00:00.000Z"), {
      referral: { ...referral, ...first },
    });
    expect(decision).toMatchObject({ transfers: [], marksFirstPayment: false, marksFirstOfTrigger: false, countsCustomer: false });
    expect(decision.noRewardReasons).toEqual(["paid_before_attribution"]);
  });
});

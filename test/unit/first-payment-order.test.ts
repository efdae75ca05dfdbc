/**
 * The first payment by payment time (issue 6, money 1): the order rule, and what the decider posts when
 * a payment paid before the recorded first arrives late.
 */
import { describe, expect, it } from "vitest";
import type { Transfer } from "../../shared/domain/ledger/transfers.ts";
import { ex2CreditPreset, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { decideClawbacks, decideRewardReversal } from "../../shared/domain/refunds.ts";
import { decidePaymentRewards, isPaidBefore, type PaymentFacts, type RewardInput, supersededFirstOf } from "../../shared/domain/rewards.ts";
import type { ReferralItem } from "../../shared/schemas/items.ts";
import type { PaymentRewardItem, RewardState } from "../../shared/schemas/ledger-items.ts";
import { type Program, programSchema } from "../../shared/schemas/operator-config.ts";
import { settledAccrualsOf } from "../support/billing-event-builders.ts";

const ex2 = programSchema.parse(ex2CreditPreset);
const zadarma = programSchema.parse(zadarmaCommissionPreset);
const withRecurrence = (program: Program, recurrence: Program["rewards"][number]["recurrence"]): Program => ({
  ...program,
  rewards: [{ ...program.rewards[0]!, recurrence }],
});

/** The referral after INV-LATER (paid 10 March) was taken as the first paid invoice. */
const referral: ReferralItem = {
  refereeAccountId: "referee",
  referrerAccountId: "referrer",
  programId: "ex2-credit",
  code: "CODE1234",
  source: "link",
  attributedAt: "2026-01-01T00:00:00.000Z",
  status: "active",
  firstPaymentAt: "2026-03-10T10:00:00.000Z",
  firstInvoicePaidAt: "2026-03-10T10:00:00.000Z",
  firstInvoiceId: "INV-LATER",
};

/** Which account a transfer takes the money from and which it gives it to: `holder:kind → holder:kind` (all in EUR here). */
const flow = (transfer: Transfer) => {
  expect(transfer.debit.currency === "EUR" && transfer.credit.currency === "EUR" && transfer.currency === "EUR").toBe(true);
  return `${transfer.debit.holder}:${transfer.debit.kind} → ${transfer.credit.holder}:${transfer.credit.kind}`;
};
const creditGrant = "operator:credit_expense → referrer:credit_granted";
const creditClawback = "referrer:credit_granted → operator:credit_expense";

const laterReward: RewardState = {
  transferId: "tr_0000000000000000000001a7",
  ruleId: "invoice-credit",
  programId: "ex2-credit",
  referrerAccountId: "referrer",
  payoutAs: "account_credit",
  rateBps: 2_500,
  basisMinor: 10_000,
  earnedMinor: 2_500,
  periodId: "2026-03-1",
  clawedBackMinor: 0,
  basisClawedBackMinor: 0,
};

const laterRecord = (changes: Partial<PaymentRewardItem> = {}): PaymentRewardItem => ({
  payment: { kind: "invoice", id: "INV-LATER" },
  refereeAccountId: "referee",
  currency: "EUR",
  totalMinor: 10_000,
  refundedMinor: 0,
  rewards: [laterReward],
  sourceEventId: "evt-later",
  paidAt: "2026-03-10T10:00:00.000Z",
  revision: 0,
  ...changes,
});

const invoice = (id: string, paidAt: string, extra: Partial<PaymentFacts> = {}): PaymentFacts => ({
  trigger: "invoice.paid",
  payment: { kind: "invoice", id },
  refereeAccountId: "referee",
  payerAccountId: "referee",
  currency: "EUR",
  lines: [{ category: "hosting", amountMinor: 20_000 }],
  paidAt: new Date(paidAt),
  ...extra,
});

const decide = (payment: PaymentFacts, changes: Partial<RewardInput> = {}) =>
  decidePaymentRewards({
    program: ex2,
    referral,
    payment,
    timeZone: "Europe/Prague",
    sourceEventId: "evt-earlier",
    sourceEventType: "invoice.paid",
    postedAt: new Date("2026-03-14T10:00:00.000Z"),
    supersededFirst: laterRecord(),
    ...changes,
  });

describe("payment order", () => {
  it.each<[string, string, string, { paidAt: string; id?: string }, boolean]>([
    ["an earlier paid-at", "2026-03-01T00:00:00.000Z", "B", { paidAt: "2026-03-02T00:00:00.000Z", id: "A" }, true],
    ["a later paid-at", "2026-03-03T00:00:00.000Z", "A", { paidAt: "2026-03-02T00:00:00.000Z", id: "B" }, false],
    ["the same instant, a smaller id", "2026-03-02T01:00:00+01:00", "A", { paidAt: "2026-03-02T00:00:00.000Z", id: "B" }, true],
    ["the same instant, a larger id", "2026-03-02T00:00:00.000Z", "B", { paidAt: "2026-03-02T00:00:00.000Z", id: "A" }, false],
    // Code-unit order, not numeric or locale order: "INV-10" < "INV-9", "Z" < "a".
    [
      "the same instant, INV-10 against INV-9",
      "2026-03-02T00:00:00.000Z",
      "INV-10",
      { paidAt: "2026-03-02T00:00:00.000Z", id: "INV-9" },
      true,
    ],
    ["the same instant, a against Z", "2026-03-02T00:00:00.000Z", "a", { paidAt: "2026-03-02T00:00:00.000Z", id: "Z" }, false],
    ["the same payment", "2026-03-01T00:00:00.000Z", "A", { paidAt: "2026-03-02T00:00:00.000Z", id: "A" }, false],
    ["a tie with a first recorded without its id", "2026-03-02T00:00:00.000Z", "A", { paidAt: "2026-03-02T00:00:00.000Z" }, false],
  ])("a payment at %s is paid before the first: %s", (_, paidAt, id, first, before) => {
    expect(isPaidBefore({ paidAt: new Date(paidAt), id }, { paidAt: new Date(first.paidAt), id: first.id })).toBe(before);
  });

  it("names the recorded first a payment replaces, only when it was paid before it and the first's id is known", () => {
    expect(supersededFirstOf(referral, invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"))).toEqual({ kind: "invoice", id: "INV-LATER" });
    expect(supersededFirstOf(referral, invoice("INV-AFTER", "2026-03-12T10:00:00.000Z"))).toBeUndefined();
    expect(
      supersededFirstOf({ ...referral, firstInvoiceId: undefined }, invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z")),
    ).toBeUndefined();
    expect(
      supersededFirstOf(referral, {
        ...invoice("R-1", "2026-03-05T10:00:00.000Z"),
        trigger: "recharge.completed",
        payment: { kind: "recharge", id: "R-1" },
      }),
    ).toBeUndefined();
  });
});

describe("a payment paid before the recorded first", () => {
  it("earns as the first, reverses the replaced first's credit and tells the billing system both", () => {
    const decision = decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"));
    expect(decision).toMatchObject({ marksFirstOfTrigger: true, marksFirstPayment: true, countsCustomer: false });
    expect(
      decision.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor, transfer.payment?.id, transfer.reason]),
    ).toEqual([
      ["credit_grant", creditGrant, 5_000, "INV-EARLIER", "replaces_later_first_payment"],
      ["credit_clawback", creditClawback, 2_500, "INV-LATER", "first_payment_superseded"],
    ]);
    expect(decision.transfers[1]).toMatchObject({
      reversesTransferId: laterReward.transferId,
      sourceEventId: "evt-earlier",
      ruleId: "invoice-credit",
    });
    expect(new Set(decision.transfers.map((transfer) => transfer.transferId)).size).toBe(2);
    expect(decision.outbound).toEqual([
      expect.objectContaining({
        type: "credit.granted",
        entryId: decision.transfers[0]!.transferId,
        amountMinor: 5_000,
        payment: { kind: "invoice", id: "INV-EARLIER" },
      }),
      expect.objectContaining({
        type: "credit.clawed_back",
        entryId: decision.transfers[1]!.transferId,
        amountMinor: 2_500,
        reversesEntryId: laterReward.transferId,
        reason: "first_payment_superseded",
        payment: { kind: "invoice", id: "INV-LATER" },
      }),
    ]);
    expect(decision.supersededRecord).toMatchObject({
      revision: 1,
      rewards: [
        {
          clawedBackMinor: 2_500,
          basisClawedBackMinor: 10_000,
          reversedBy: { reason: "first_payment_superseded", sourceEventId: "evt-earlier" },
        },
      ],
    });
  });

  it("reverses only what refunds left of the replaced credit, and nothing of one already reversed", () => {
    const refunded = laterRecord({
      refundedMinor: 4_000,
      rewards: [{ ...laterReward, clawedBackMinor: 1_000, basisClawedBackMinor: 4_000 }],
    });
    const decision = decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"), { supersededFirst: refunded });
    expect(decision.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor])).toEqual([
      ["credit_grant", creditGrant, 5_000],
      ["credit_clawback", creditClawback, 1_500],
    ]);

    const reversed = laterRecord({
      rewards: [{ ...laterReward, clawedBackMinor: 2_500, reversedBy: { reason: "first_payment_superseded", sourceEventId: "x" } }],
    });
    const again = decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"), { supersededFirst: reversed });
    expect(again.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor])).toEqual([
      ["credit_grant", creditGrant, 5_000],
    ]);
    expect(again.supersededRecord).toBeUndefined();
  });

  it("moves the first even when it earns nothing itself (paused program, self-referral), reversing the replaced credit", () => {
    for (const changes of [{ program: { ...ex2, status: "paused" as const } }, {}] as Partial<RewardInput>[]) {
      const payment = invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z", changes.program ? {} : { payerAccountId: "referrer" });
      const decision = decide(payment, changes);
      expect(decision.rewards).toEqual([]);
      expect(decision.marksFirstOfTrigger).toBe(true);
      expect(decision.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor, transfer.reason])).toEqual([
        ["credit_clawback", creditClawback, 2_500, "first_payment_superseded"],
      ]);
    }
  });

  it("changes nothing for a fraudulent referral: it is frozen", () => {
    const decision = decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"), { referral: { ...referral, status: "fraudulent" } });
    expect(decision).toMatchObject({ transfers: [], outbound: [], marksFirstOfTrigger: false, marksFirstPayment: false });
    expect(decision.supersededRecord).toBeUndefined();
  });

  it("does not replace the first when it was paid after it, or is the same invoice again", () => {
    for (const payment of [invoice("INV-AFTER", "2026-03-12T10:00:00.000Z"), invoice("INV-LATER", "2026-03-01T10:00:00.000Z")]) {
      const decision = decide(payment, { supersededFirst: undefined });
      expect(decision).toMatchObject({ transfers: [], marksFirstOfTrigger: false, noRewardReasons: ["recurrence_ended"] });
    }
  });

  it("keeps a months-N or lifetime reward of the replaced first in this effect (the window is checked after it)", () => {
    for (const recurrence of [{ kind: "months" as const, months: 3 }, { kind: "lifetime" as const }]) {
      const decision = decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"), { program: withRecurrence(ex2, recurrence) });
      expect(decision.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor, transfer.reason])).toEqual([
        ["credit_grant", creditGrant, 5_000, undefined],
      ]);
      expect(decision.marksFirstOfTrigger).toBe(true);
      expect(decision.supersededRecord).toBeUndefined();
    }
  });

  it("refuses a reward record that is not the replaced first's (a programmer error)", () => {
    expect(() =>
      decide(invoice("INV-EARLIER", "2026-03-05T10:00:00.000Z"), {
        supersededFirst: laterRecord({ payment: { kind: "invoice", id: "OTHER" } }),
      }),
    ).toThrow(/not the superseded first/);
  });

  it("takes a pending first-recharge commission back from its accrual, or from available once settled", () => {
    const firstRecharge = withRecurrence(zadarma, { kind: "first_payment" });
    const commission: RewardState = {
      ...laterReward,
      ruleId: firstRecharge.rewards[0]!.ruleId,
      programId: zadarma.programId,
      payoutAs: "commission",
      rateBps: 1_000,
      earnedMinor: 1_000,
    };
    const recharge: PaymentFacts = {
      ...invoice("R-EARLY", "2026-03-05T10:00:00.000Z"),
      trigger: "recharge.completed",
      payment: { kind: "recharge", id: "R-EARLY" },
      lines: [{ category: "recharge", amountMinor: 5_000 }],
    };
    const changes: Partial<RewardInput> = {
      program: firstRecharge,
      referral: {
        ...referral,
        programId: zadarma.programId,
        firstRechargeCompletedAt: "2026-03-10T10:00:00.000Z",
        firstRechargeId: "R-LATE",
      },
      supersededFirst: laterRecord({ payment: { kind: "recharge", id: "R-LATE" }, rewards: [commission] }),
    };
    const pending = decide(recharge, changes);
    expect(pending.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor])).toEqual([
      ["commission_accrual", "operator:commission_expense → referrer:commission_pending", 500],
      ["commission_clawback", "referrer:commission_pending → operator:commission_expense", 1_000],
    ]);
    expect(pending.outbound).toEqual([]);
    expect(pending.reversalAccrualDeltas).toEqual([
      {
        accountId: "referrer",
        programId: zadarma.programId,
        periodId: "2026-03-1",
        currency: "EUR",
        accruedMinor: -1_000,
        baseMinor: -10_000,
      },
    ]);

    const settled = decide(recharge, { ...changes, settledAccruals: settledAccrualsOf([commission], "EUR") });
    expect(settled.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor])).toEqual([
      ["commission_accrual", "operator:commission_expense → referrer:commission_pending", 500],
      ["commission_clawback", "referrer:commission_available → operator:commission_expense", 1_000],
    ]);
    expect(settled.reversalAccrualDeltas).toEqual([]);
  });
});

describe("a reward reversed in full", () => {
  it("is left alone by later refunds, which claw back nothing more from it", () => {
    const reversal = decideRewardReversal({
      record: laterRecord(),
      ruleIds: new Set(["invoice-credit"]),
      reason: "recurrence_window_moved",
      because: "outside the window",
      sourceEventId: "recurrence-window:invoice:INV-LATER:invoice-credit",
      sourceEventType: "recurrence.window_moved",
      firstTransferIndex: 0,
      postedAt: new Date("2026-03-14T10:00:00.000Z"),
    });
    expect(reversal.changed).toBe(true);
    expect(reversal.transfers.map((transfer) => [transfer.code, flow(transfer), transfer.amountMinor, transfer.reason])).toEqual([
      ["credit_clawback", creditClawback, 2_500, "recurrence_window_moved"],
    ]);
    expect(reversal.transfers[0]).toMatchObject({ reversesTransferId: laterReward.transferId, periodId: "2026-03-1" });
    const refund = decideClawbacks({
      record: reversal.record,
      reversal: { kind: "refund", amountMinor: 10_000, currency: "EUR", sourceEventId: "evt-refund", sourceEventType: "invoice.refunded" },
      postedAt: new Date("2026-03-15T10:00:00.000Z"),
    });
    expect(refund.transfers).toEqual([]);
    expect(refund.record.refundedMinor).toBe(10_000);
  });
});

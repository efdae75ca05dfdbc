import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shareOfMinor } from "../../shared/domain/money.ts";
import type { SettledAccruals } from "../../shared/domain/refunds.ts";
import { decideClawbacks, type Reversal } from "../../shared/domain/refunds.ts";
import type { PaymentRewardItem, RewardState } from "../../shared/schemas/ledger-items.ts";
import { transferSchema } from "../../shared/schemas/transfer-items.ts";
import { settledAccrualsOf } from "../support/billing-event-builders.ts";

const rewardTransferId = "tr_000000000000000000000001";

function reward(changes: Partial<RewardState> = {}): RewardState {
  return {
    transferId: rewardTransferId,
    ruleId: "rule",
    programId: "ex2-credit",
    referrerAccountId: "referrer",
    payoutAs: "account_credit",
    rateBps: 2_500,
    basisMinor: 9_999,
    earnedMinor: 2_500,
    periodId: "2026-03-1",
    clawedBackMinor: 0,
    basisClawedBackMinor: 0,
    ...changes,
  };
}

function record(rewards: RewardState[], totalMinor = 9_999): PaymentRewardItem {
  return {
    payment: { kind: "invoice", id: "inv-1" },
    refereeAccountId: "referee",
    currency: "EUR",
    totalMinor,
    refundedMinor: 0,
    rewards,
    sourceEventId: "evt-paid",
    paidAt: "2026-03-10T10:00:00.000Z",
    revision: 0,
  };
}

let sequence = 0;
function refund(amountMinor: number): Reversal {
  sequence += 1;
  return { kind: "refund", amountMinor, currency: "EUR", sourceEventId: `evt-refund-${sequence}`, sourceEventType: "invoice.refunded" };
}

/** Applies reversals one after another, as the store would, returning the total the clawback transfers took back. */
function applyAll(start: PaymentRewardItem, amounts: number[], settled?: SettledAccruals) {
  let current = start;
  let clawedBackMinor = 0;
  for (const amountMinor of amounts) {
    const decision = decideClawbacks({
      record: current,
      reversal: refund(amountMinor),
      postedAt: new Date("2026-03-20T00:00:00Z"),
      ...(settled ? { settledAccruals: settled } : {}),
    });
    for (const transfer of decision.transfers) {
      // Each clawback takes the credit back: from the referrer's credit_granted to the operator's credit_expense.
      expect(transfer).toMatchObject({
        code: "credit_clawback",
        debit: { holder: "referrer", kind: "credit_granted", currency: "EUR" },
        credit: { holder: "operator", kind: "credit_expense", currency: "EUR" },
        reversesTransferId: rewardTransferId,
      });
      clawedBackMinor += transfer.amountMinor;
    }
    current = decision.record;
  }
  return { clawedBackMinor, record: current };
}

describe("clawbacks", () => {
  it("claws back exactly what was earned when partial refunds add up to the invoice", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 12 }),
        (totalMinor, rateBps, weights) => {
          const earnedMinor = shareOfMinor(totalMinor, rateBps);
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
          // Split the total into positive parts (some may round to zero: drop them).
          const parts = weights.map((weight) => Math.floor((weight * totalMinor) / weightSum)).filter((part) => part > 0);
          const used = parts.reduce((sum, part) => sum + part, 0);
          if (used < totalMinor) parts.push(totalMinor - used);
          const { clawedBackMinor, record: after } = applyAll(record([reward({ earnedMinor, basisMinor: totalMinor })], totalMinor), parts);
          expect(clawedBackMinor).toBe(earnedMinor);
          expect(after.rewards[0]!.basisClawedBackMinor).toBe(totalMinor);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never claws back more than was earned, whatever is refunded", () => {
    const { clawedBackMinor, record: after } = applyAll(record([reward()]), [5_000, 5_000, 5_000]);
    expect(clawedBackMinor).toBe(2_500);
    expect(after.refundedMinor).toBe(15_000);
  });

  it("posts credit clawbacks as paid and tells the billing system", () => {
    const decision = decideClawbacks({ record: record([reward()]), reversal: refund(3_333), postedAt: new Date("2026-03-20T00:00:00Z") });
    expect(decision.transfers).toEqual([
      expect.objectContaining({
        code: "credit_clawback",
        debit: { holder: "referrer", kind: "credit_granted", currency: "EUR" },
        credit: { holder: "operator", kind: "credit_expense", currency: "EUR" },
        amountMinor: 833,
        reversesTransferId: rewardTransferId,
        periodId: "2026-03-1",
      }),
    ]);
    expect(transferSchema.parse(decision.transfers[0])).toEqual(decision.transfers[0]);
    expect(decision.outbound).toEqual([
      expect.objectContaining({
        type: "credit.clawed_back",
        entryId: decision.transfers[0]!.transferId,
        amountMinor: 833,
        reversesEntryId: rewardTransferId,
      }),
    ]);
    expect(decision.accrualDeltas).toEqual([]);
    expect(decision.record.revision).toBe(1);
  });

  it("takes a clawback of a pending commission from its period's accrual, and one of a settled commission from available", () => {
    const commission = reward({ payoutAs: "commission", programId: "zadarma-partner", earnedMinor: 1_000, basisMinor: 10_000 });
    const pending = decideClawbacks({ record: record([commission], 10_000), reversal: refund(2_500), postedAt: new Date() });
    expect(pending.transfers).toHaveLength(1);
    expect(pending.transfers[0]).toMatchObject({
      code: "commission_clawback",
      debit: { holder: "referrer", kind: "commission_pending", currency: "EUR" },
      credit: { holder: "operator", kind: "commission_expense", currency: "EUR" },
      amountMinor: 250,
      periodId: "2026-03-1",
    });
    expect(pending.accrualDeltas).toEqual([
      {
        accountId: "referrer",
        programId: "zadarma-partner",
        periodId: "2026-03-1",
        currency: "EUR",
        accruedMinor: -250,
        baseMinor: -2_500,
      },
    ]);
    expect(pending.outbound).toEqual([]);

    const settled = decideClawbacks({
      record: record([commission], 10_000),
      reversal: refund(2_500),
      postedAt: new Date(),
      settledAccruals: settledAccrualsOf([commission], "EUR"),
    });
    expect(settled.transfers).toHaveLength(1);
    expect(settled.transfers[0]).toMatchObject({
      code: "commission_clawback",
      debit: { holder: "referrer", kind: "commission_available", currency: "EUR" },
      credit: { holder: "operator", kind: "commission_expense", currency: "EUR" },
      amountMinor: 250,
      periodId: "2026-03-1",
    });
    expect(settled.accrualDeltas).toEqual([]);
  });

  it("refuses a reversal in another currency (a programmer error: the use case checks first)", () => {
    expect(() =>
      decideClawbacks({ record: record([reward()]), reversal: { ...refund(1), currency: "CZK" }, postedAt: new Date() }),
    ).toThrow(/CZK/);
  });
});

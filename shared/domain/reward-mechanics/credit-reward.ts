/**
 * Account credit (Ex2): granted from the operator's `credit_expense` to the referrer's `credit_granted`
 * and delivered at once: the billing system is told to add it (`credit.granted`) and, on a clawback, to
 * remove it (`credit.clawed_back`). No settlement: a clawback always takes from `credit_granted`.
 */
import type { RewardMechanic } from "./reward-mechanic.ts";

export const creditReward: RewardMechanic = {
  accruesUntilSettlement: false,
  earning: { code: "credit_grant", operatorKind: "credit_expense", holderKind: "credit_granted" },
  clawback: () => ({ code: "credit_clawback", operatorKind: "credit_expense", holderKind: "credit_granted" }),
  earnedMessage: ({ transfer, refereeAccountId, payment }) => ({
    type: "credit.granted",
    version: 1,
    entryId: transfer.transferId,
    accountId: transfer.credit.holder,
    programId: transfer.programId!,
    amountMinor: transfer.amountMinor,
    currency: transfer.currency,
    refereeAccountId,
    payment,
    sourceEventId: transfer.sourceEventId,
    grantedAt: transfer.postedAt,
  }),
  clawedBackMessage: ({ transfer, reward, record, reason }) => ({
    type: "credit.clawed_back",
    version: 1,
    entryId: transfer.transferId,
    reversesEntryId: reward.transferId,
    accountId: reward.referrerAccountId,
    programId: reward.programId,
    amountMinor: transfer.amountMinor,
    currency: transfer.currency,
    refereeAccountId: record.refereeAccountId,
    payment: record.payment,
    sourceEventId: transfer.sourceEventId,
    clawedBackAt: transfer.postedAt,
    reason,
  }),
};

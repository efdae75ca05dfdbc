/**
 * Refunds and chargebacks claw back what the payment earned, in proportion to the amount reversed.
 *
 * No rounding drift: the clawback is computed cumulatively. After a reversal, the total clawed back
 * from a reward must be `proportionalShareMinor(earned, refundedSoFar, paymentTotal)`; the transfer posts
 * the difference from what was clawed back before. A full refund therefore returns exactly what was
 * earned, however it was split. Reversals beyond the payment's total claw back nothing more.
 *
 * Where a clawback takes the money from: the ledger account that holds the reward now, back to the
 * operator's expense account it came from. Credits were delivered, so a `credit_clawback` takes from
 * `credit_granted` (and the billing system is told to remove the credit). A commission still pending
 * (its period not settled) is taken from `commission_pending`, in its own period, and its accrual
 * shrinks; after settlement a `commission_clawback` takes from `commission_available`, even when the
 * money was already paid out: that balance may go negative and later earnings recover it.
 *
 * A reward can also be reversed in full, not in proportion, when its payment no longer earns it (the
 * referee's first payment moved earlier: `decideRewardReversal`); it takes from the same account, and
 * refunds after that claw back nothing more from it.
 *
 * Pure: the caller passes the stored reward state and which accrual periods are settled.
 */
import type { PaymentRewardItem, RewardReversalReason, RewardState, TransferReason } from "../schemas/ledger-items.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import { assert } from "./assert.ts";
import { holderAccount, operatorAccount } from "./ledger/accounts.ts";
import { makeTransfer, type Transfer } from "./ledger/transfers.ts";
import { formatMoney, proportionalShareMinor } from "./money.ts";
import { mechanicOf } from "./reward-mechanics/mechanics.ts";
import { decideTopUpReversal, type SettledAccrual, type TopUpReversal } from "./settlement.ts";

/** The settled accruals a decision knows of (learnt after a write lost a race with settlement), by `accrualIdentity`. */
export type SettledAccruals = ReadonlyMap<string, SettledAccrual>;

export interface Reversal {
  readonly kind: "refund" | "chargeback";
  readonly amountMinor: number;
  readonly currency: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
}

/** A change to a pending period accrual, applied with ADD on condition it is not settled (a clawback's amounts are negative). */
export interface AccrualDelta {
  readonly accountId: string;
  readonly programId: string;
  readonly periodId: string;
  readonly currency: string;
  readonly accruedMinor: number;
  readonly baseMinor: number;
}

/**
 * Adds a reversal of `amountMinor` (earned) and `basisMinor` (its base) to the delta of the reward's
 * accrual item: one delta per item, since a transaction may touch an item once and two commission
 * rules of one payment add up.
 */
function takeFromAccrual(
  deltas: Map<string, AccrualDelta>,
  reward: RewardState,
  currency: string,
  amountMinor: number,
  basisMinor: number,
): void {
  if (amountMinor === 0 && basisMinor === 0) return;
  const identity = accrualIdentity(reward, currency);
  const previous = deltas.get(identity);
  deltas.set(identity, {
    accountId: reward.referrerAccountId,
    programId: reward.programId,
    periodId: reward.periodId,
    currency,
    accruedMinor: (previous?.accruedMinor ?? 0) - amountMinor,
    // The base is the payment itself, counted once even when two rules commission it.
    baseMinor: Math.min(previous?.baseMinor ?? 0, -basisMinor),
  });
}

export interface ClawbackDecision {
  /** The payment's reward record after this reversal (revision + 1). */
  readonly record: PaymentRewardItem;
  readonly transfers: readonly Transfer[];
  readonly accrualDeltas: readonly AccrualDelta[];
  /** Settled accruals whose tier top-up this reversal takes a share of back (their writes are conditioned on the figures read). */
  readonly topUpReversals: readonly TopUpReversal[];
  readonly outbound: readonly OutboundMessage[];
}

/** Whether the reward still waits in an open period accrual (its mechanic accrues until settlement, and its accrual is not settled). */
export function isPendingAccrual(reward: RewardState, currency: string, settledAccruals: SettledAccruals | undefined): boolean {
  return mechanicOf(reward.payoutAs).accruesUntilSettlement && !settledAccruals?.has(accrualIdentity(reward, currency));
}

/** The identity of a commission's accrual, to look it up in `settledAccruals`. */
export function accrualIdentity(reward: Pick<RewardState, "referrerAccountId" | "programId" | "periodId">, currency: string): string {
  return `${reward.referrerAccountId}\n${reward.programId}\n${reward.periodId}\n${currency}`;
}

/** Decides the clawback transfers of one refund or chargeback of a recorded payment. */
export function decideClawbacks(input: {
  readonly record: PaymentRewardItem;
  readonly reversal: Reversal;
  readonly postedAt: Date;
  /** The accruals that are already settled, by accrualIdentity. */
  readonly settledAccruals?: SettledAccruals;
}): ClawbackDecision {
  const { record, reversal } = input;
  assert(reversal.currency === record.currency, `a ${reversal.currency} reversal of a ${record.currency} payment`);
  assert(reversal.amountMinor > 0, "a reversal must be positive");
  const refundedMinor = record.refundedMinor + reversal.amountMinor;
  const cappedMinor = Math.min(refundedMinor, record.totalMinor);
  const transfers: Transfer[] = [];
  // One delta per accrual item (a transaction may touch an item once): two commission rules add up.
  const accrualDeltas = new Map<string, AccrualDelta>();
  const settledBases = new Map<string, number>();
  const outbound: OutboundMessage[] = [];
  const rewards = record.rewards.map((reward) => {
    if (record.totalMinor === 0 || reward.reversedBy) return reward;
    const clawedBackMinor = proportionalShareMinor(reward.earnedMinor, cappedMinor, record.totalMinor);
    const basisClawedBackMinor = proportionalShareMinor(reward.basisMinor, cappedMinor, record.totalMinor);
    const clawbackMinor = clawedBackMinor - reward.clawedBackMinor;
    const basisDeltaMinor = basisClawedBackMinor - reward.basisClawedBackMinor;
    assert(clawbackMinor >= 0 && basisDeltaMinor >= 0, "cumulative clawbacks never shrink");
    const pendingCommission = isPendingAccrual(reward, record.currency, input.settledAccruals);
    if (pendingCommission) takeFromAccrual(accrualDeltas, reward, record.currency, clawbackMinor, basisDeltaMinor);
    else addSettledBase(settledBases, reward, record.currency, basisDeltaMinor);
    if (clawbackMinor > 0) {
      const transfer = clawbackTransfer(
        { record, sourceEventId: reversal.sourceEventId, sourceEventType: reversal.sourceEventType, postedAt: input.postedAt },
        reward,
        transfers.length,
        clawbackMinor,
        pendingCommission,
        `${reversal.kind} of ${formatMoney({ amountMinor: reversal.amountMinor, currency: reversal.currency })} on ${record.payment.kind} ${record.payment.id} of referred account ${record.refereeAccountId}`,
      );
      transfers.push(transfer);
      const message = mechanicOf(reward.payoutAs).clawedBackMessage({ transfer, reward, record, reason: reversal.kind });
      if (message) outbound.push(message);
    }
    return { ...reward, clawedBackMinor, basisClawedBackMinor };
  });
  const topUpReversals = reverseTopUps(input.settledAccruals, settledBases, {
    sourceEventId: reversal.sourceEventId,
    sourceEventType: reversal.sourceEventType,
    firstIndex: transfers.length,
    postedAt: input.postedAt,
    memo: `${reversal.kind} on ${record.payment.kind} ${record.payment.id} of referred account ${record.refereeAccountId}: the tier top-up's share of the refunded base`,
  });
  transfers.push(...topUpReversals.flatMap((topUp) => (topUp.transfer ? [topUp.transfer] : [])));
  return {
    record: { ...record, refundedMinor, rewards, revision: record.revision + 1 },
    transfers,
    accrualDeltas: [...accrualDeltas.values()],
    topUpReversals,
    outbound,
  };
}

export interface RewardReversal {
  /** The payment's reward record as read. */
  readonly record: PaymentRewardItem;
  /** The rewards (by rule) the payment no longer earns. */
  readonly ruleIds: ReadonlySet<string>;
  readonly reason: RewardReversalReason;
  /** Why, in a sentence for people (the transfer's memo ends with it). */
  readonly because: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  /** The index of the first transfer in the effect (the effect may post other transfers before these). */
  readonly firstTransferIndex: number;
  readonly postedAt: Date;
  /** The accruals that are already settled, by accrualIdentity. */
  readonly settledAccruals?: SettledAccruals;
}

/**
 * Reverses in full what is left of the named rewards of a payment (what refunds have not clawed back
 * yet), from the account each is in now, and marks them reversed so that later refunds claw back nothing
 * more. `changed` is false when none of them was left to reverse (nothing to write).
 */
export function decideRewardReversal(input: RewardReversal): ClawbackDecision & { readonly changed: boolean } {
  const { record } = input;
  const transfers: Transfer[] = [];
  const accrualDeltas = new Map<string, AccrualDelta>();
  const settledBases = new Map<string, number>();
  const outbound: OutboundMessage[] = [];
  let changed = false;
  const rewards = record.rewards.map((reward) => {
    if (!input.ruleIds.has(reward.ruleId) || reward.reversedBy) return reward;
    changed = true;
    const reversedMinor = reward.earnedMinor - reward.clawedBackMinor;
    const basisReversedMinor = reward.basisMinor - reward.basisClawedBackMinor;
    assert(reversedMinor >= 0 && basisReversedMinor >= 0, "clawbacks never exceed the reward");
    const pendingCommission = isPendingAccrual(reward, record.currency, input.settledAccruals);
    if (pendingCommission) takeFromAccrual(accrualDeltas, reward, record.currency, reversedMinor, basisReversedMinor);
    else addSettledBase(settledBases, reward, record.currency, basisReversedMinor);
    if (reversedMinor > 0) {
      const transfer = clawbackTransfer(
        input,
        reward,
        input.firstTransferIndex + transfers.length,
        reversedMinor,
        pendingCommission,
        `${input.reason.replaceAll("_", " ")}: ${reward.ruleId} reward of ${record.payment.kind} ${record.payment.id} of referred account ${record.refereeAccountId} reversed, ${input.because}`,
        input.reason,
      );
      transfers.push(transfer);
      const message = mechanicOf(reward.payoutAs).clawedBackMessage({ transfer, reward, record, reason: input.reason });
      if (message) outbound.push(message);
    }
    return {
      ...reward,
      clawedBackMinor: reward.earnedMinor,
      basisClawedBackMinor: reward.basisMinor,
      reversedBy: { reason: input.reason, sourceEventId: input.sourceEventId },
    };
  });
  const topUpReversals = reverseTopUps(input.settledAccruals, settledBases, {
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    firstIndex: input.firstTransferIndex + transfers.length,
    postedAt: input.postedAt,
    memo: `${input.reason.replaceAll("_", " ")}: the tier top-up's share of ${record.payment.kind} ${record.payment.id} of referred account ${record.refereeAccountId}`,
  });
  transfers.push(...topUpReversals.flatMap((topUp) => (topUp.transfer ? [topUp.transfer] : [])));
  return {
    record: changed ? { ...record, rewards, revision: record.revision + 1 } : record,
    transfers,
    accrualDeltas: [...accrualDeltas.values()],
    topUpReversals,
    outbound,
    changed,
  };
}

/** Adds a settled commission's reversed base to its accrual's (the payment is the base once, even under two rules). */
function addSettledBase(bases: Map<string, number>, reward: RewardState, currency: string, basisMinor: number): void {
  if (!mechanicOf(reward.payoutAs).accruesUntilSettlement || basisMinor <= 0) return;
  const identity = accrualIdentity(reward, currency);
  bases.set(identity, Math.max(bases.get(identity) ?? 0, basisMinor));
}

/** One top-up reversal per settled accrual whose base this reversal reduces, numbered after the clawbacks. */
function reverseTopUps(
  settledAccruals: SettledAccruals | undefined,
  bases: ReadonlyMap<string, number>,
  source: { sourceEventId: string; sourceEventType: string; firstIndex: number; postedAt: Date; memo: string },
): TopUpReversal[] {
  const reversals: TopUpReversal[] = [];
  let index = source.firstIndex;
  for (const [identity, basisMinor] of bases) {
    const accrual = settledAccruals?.get(identity);
    assert(accrual, `accrual ${identity.replaceAll("\n", "/")} is settled but its figures were not read`);
    const reversal = decideTopUpReversal({ accrual, basisMinor, ...source, index });
    if (!reversal) continue;
    if (reversal.transfer) index += 1;
    reversals.push(reversal);
  }
  return reversals;
}

/**
 * The clawback as a transfer back to the operator's expense account the reward came from, from where
 * its mechanic says the reward is now: `credit_granted` for a credit, `commission_pending` while the
 * commission's accrual is not settled, `commission_available` after (which may go negative: its
 * balance rule allows `commission_clawback`).
 */
function clawbackTransfer(
  source: {
    readonly record: PaymentRewardItem;
    readonly sourceEventId: string;
    readonly sourceEventType: string;
    readonly postedAt: Date;
  },
  reward: RewardState,
  index: number,
  clawbackMinor: number,
  pendingCommission: boolean,
  memo: string,
  reason?: TransferReason,
): Transfer {
  const { record } = source;
  const legs = mechanicOf(reward.payoutAs).clawback(!pendingCommission);
  return makeTransfer({
    index,
    debit: holderAccount(reward.referrerAccountId, legs.holderKind, record.currency),
    credit: operatorAccount(legs.operatorKind, record.currency),
    amountMinor: clawbackMinor,
    code: legs.code,
    programId: reward.programId,
    sourceEventId: source.sourceEventId,
    sourceEventType: source.sourceEventType,
    periodId: reward.periodId,
    postedAt: source.postedAt.toISOString(),
    memo: memo.slice(0, 500),
    refereeAccountId: record.refereeAccountId,
    payment: record.payment,
    ruleId: reward.ruleId,
    rateBps: reward.rateBps,
    reversesTransferId: reward.transferId,
    ...(reason ? { reason } : {}),
  });
}

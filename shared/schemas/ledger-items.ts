/**
 * Shapes of the ledger's stored items besides transfers and ledger accounts (transfer-items.ts): what a
 * payment earned, period accruals, idempotency records, parked events and applied reversals. Stores
 * parse what they read with these schemas; the domain derives its types from them (docs/ledger.md).
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, amountMinorSchema, currencySchema, isoDateTimeSchema, programIdSchema, rateBpsSchema } from "./common.ts";
import { periodIdSchema, settlementRateReasonSchema } from "./periods.ts";

export { periodIdSchema, settlementRateReasonSchema };

import { outboundMessageSchema } from "./outbound-messages.ts";

/**
 * The kinds of movement a ledger line shows (GET /accounts/{id}/ledger `kind`, the grouping clients used
 * before transfers): every transfer code belongs to one (transfer-items `entryKindOfCode`).
 */
export const entryKinds = ["credit", "commission_accrued", "clawback", "settlement", "payout", "deposit", "adjustment"] as const;
export const entryKindSchema = z.enum(entryKinds);

/** A half-month settlement period: YYYY-MM-1 (1st-14th) or YYYY-MM-2 (15th-end), operator time zone. */

export const paymentKindSchema = z.enum(["invoice", "recharge"]);
/** The payment (paid invoice or completed recharge) a transfer earns from or claws back from. */
export const paymentReferenceSchema = z.object({ kind: paymentKindSchema, id: externalIdSchema });

/** What a deposit movement is about (ACTIVE 24): the billing system's top-up id, or the order paid from the deposit. */
export const depositReferenceSchema = z.object({ kind: z.enum(["top_up", "order"]), id: externalIdSchema });

/**
 * Why a transfer corrects an earlier one when it is not a refund or chargeback (the first payment moved
 * earlier: docs/ledger.md, "The first payment"):
 * - `first_payment_superseded`: reverses the reward of a payment taken as the first, when an earlier-paid one arrived;
 * - `replaces_later_first_payment`: the reward of that earlier-paid payment, the referee's real first;
 * - `recurrence_window_moved`: reverses a months-N reward that the earlier first put outside the window.
 */
export const rewardReversalReasons = ["first_payment_superseded", "recurrence_window_moved"] as const;
export const rewardReversalReasonSchema = z.enum(rewardReversalReasons);
export const transferReasons = [...rewardReversalReasons, "replaces_later_first_payment"] as const;
export const transferReasonSchema = z.enum(transferReasons);

/** One reward a payment earned (one per matching rule), and how much of it has been clawed back so far. */
export const rewardStateSchema = z.object({
  /** The transfer that posted the reward (a credit grant or a commission accrual): clawbacks name it. */
  transferId: z.string(),
  ruleId: z.string(),
  programId: programIdSchema,
  referrerAccountId: accountIdSchema,
  payoutAs: z.enum(["account_credit", "commission"]),
  rateBps: rateBpsSchema,
  basisMinor: amountMinorSchema,
  earnedMinor: amountMinorSchema,
  /** The period the reward was posted in (commissions: the accrual's period). */
  periodId: periodIdSchema,
  clawedBackMinor: amountMinorSchema,
  basisClawedBackMinor: amountMinorSchema,
  /** Set when the reward was reversed in full because the payment no longer earns it (the first payment moved); refunds then claw back nothing more. */
  reversedBy: z.object({ reason: rewardReversalReasonSchema, sourceEventId: z.string() }).optional(),
});

/** INVOICE#id or RECHARGE#id: what a referred customer's payment earned; refunds and chargebacks claw back from it. */
export const paymentRewardItemSchema = z.object({
  payment: paymentReferenceSchema,
  refereeAccountId: accountIdSchema,
  currency: currencySchema,
  /** The whole payment: refunds are proportional to it. */
  totalMinor: amountMinorSchema,
  /** Refunded and charged back so far (raw sum; clawbacks cap it at the total). */
  refundedMinor: z.number().int().min(0),
  rewards: z.array(rewardStateSchema),
  sourceEventId: z.string(),
  paidAt: isoDateTimeSchema,
  /** Optimistic concurrency: every reversal writes revision + 1 on condition of the revision it read. */
  revision: z.number().int().min(0),
});

/** ACCOUNT#id / ACCRUAL#program#period#currency: a referrer's commission accrued in one half-month period. */
export const periodAccrualItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  periodId: periodIdSchema,
  currency: currencySchema,
  /** Sum of the period's commission accruals less the clawbacks taken from them while pending. */
  accruedMinor: z.number().int(),
  /** Sum of the payments the commissions were computed on, net of refunds: settlement re-rates it by tier. */
  baseMinor: z.number().int(),
  /** The commission rule's rate the period accrued at (the last accrual's). */
  accrualRateBps: rateBpsSchema.optional(),
  /**
   * The accruals' rates as a count, a sum and a sum of squares (added, never read back by a writer): the period
   * accrued at one rate throughout exactly when count × sum of squares = sum² (shared/domain/settlement.ts
   * `uniformAccrualRateOf`). Absent on accruals written before they were kept.
   */
  accrualRateCount: z.number().int().min(0).optional(),
  accrualRateSum: z.number().int().min(0).optional(),
  accrualRateSquareSum: z.number().int().min(0).optional(),
  /**
   * Referred customers with a commissioned payment in the period (the tier basis), counted once each:
   * the referee's referral remembers the periods it was counted in (`commissionedPeriods`), so this item
   * holds a number, never a set that grows with the clientele.
   */
  activeCustomers: z.number().int().min(0).default(0),
  /** Commission accruals and pending clawbacks applied to the item: settlement commits on condition it is unchanged. */
  entryCount: z.number().int(),
  updatedAt: isoDateTimeSchema,
  /** Set once by settlement; afterwards no accrual or pending clawback may touch the item. */
  settledAt: isoDateTimeSchema.optional(),
  settledRateBps: rateBpsSchema.optional(),
  settledRateReason: settlementRateReasonSchema.optional(),
  /** The base settlement paid the rate on (`baseMinor` at settlement). */
  settledBaseMinor: z.number().int().min(0).optional(),
  /** What settlement added to the accrued amount at its rate (negative: a reduction), and the transfer that posted it. */
  topUpMinor: z.number().int().optional(),
  topUpTransferId: z.string().optional(),
  /** Base refunded after settlement, and the part of the top-up taken back for it (cumulative, exact at a full refund). */
  baseReversedAfterSettlementMinor: z.number().int().min(0).optional(),
  topUpReversedMinor: z.number().int().optional(),
});

/** EVENT#id: the idempotency record of a billing event, written in the same transaction as its effect; never expires. */
export const sourceEventItemSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  /** SHA-256 of the canonical JSON of { type, version, data }: a replay must match it. */
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/),
  outcome: z.string(),
  /** The transfers of the effect, in order (their ids derive from the event id and this index). */
  transferIds: z.array(z.string()),
  /**
   * The transactional outbox: messages to send after the commit, and again on a redelivery or by the
   * outbox relay until sent (while unsent the record is listed in gsi2 `OUTBOX#shard`, AP24).
   */
  outbound: z.array(outboundMessageSchema),
  outboundSentAt: isoDateTimeSchema.optional(),
  processedAt: isoDateTimeSchema,
});

/** INVOICE#id or RECHARGE#id / PARKED#eventId: a refund or chargeback that arrived before its payment. */
export const parkedEventItemSchema = z.object({
  eventId: z.string(),
  eventType: z.string(),
  payloadHash: z.string(),
  /** The validated message body, replayed when the payment arrives. */
  body: z.string(),
  parkedAt: isoDateTimeSchema,
});

/**
 * REFUND#id or CHARGEBACK#id: a reversal applied, keyed by the billing system's refundId/chargebackId
 * and written in the reversal's transaction. The same id again with the same payload is a duplicate
 * (whatever its event id); with another payload, `reversal_mismatch`.
 */
export const reversalItemSchema = z.object({
  reversalKind: z.enum(["refund", "chargeback"]),
  reversalId: externalIdSchema,
  /** The event that applied it. */
  eventId: z.string(),
  /** The payload hash of that event ({ type, version, data }: the event id is not part of it). */
  payloadHash: z.string().regex(/^[0-9a-f]{64}$/),
  payment: paymentReferenceSchema,
  appliedAt: isoDateTimeSchema,
});

/**
 * REWARD_WINDOW#referee / IN_WINDOW#kind#paidAt#id: a payment of the referee that earned under a months-N
 * rule, so that a first payment moving earlier finds the rewards its shorter window leaves outside.
 */
export const rewardInWindowItemSchema = z.object({
  refereeAccountId: accountIdSchema,
  payment: paymentReferenceSchema,
  paidAt: isoDateTimeSchema,
});

export type EntryKind = z.infer<typeof entryKindSchema>;
export type TransferReason = z.infer<typeof transferReasonSchema>;
export type RewardReversalReason = z.infer<typeof rewardReversalReasonSchema>;
export type PaymentKind = z.infer<typeof paymentKindSchema>;
export type PaymentReference = z.infer<typeof paymentReferenceSchema>;
export type RewardState = z.infer<typeof rewardStateSchema>;
export type PaymentRewardItem = z.infer<typeof paymentRewardItemSchema>;
export type PeriodAccrualItem = z.infer<typeof periodAccrualItemSchema>;
export type SettlementRateReason = z.infer<typeof settlementRateReasonSchema>;
export type SourceEventItem = z.infer<typeof sourceEventItemSchema>;
export type ParkedEventItem = z.infer<typeof parkedEventItemSchema>;
export type ReversalItem = z.infer<typeof reversalItemSchema>;
export type RewardInWindowItem = z.infer<typeof rewardInWindowItemSchema>;

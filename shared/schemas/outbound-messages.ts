/**
 * Messages this system sends to the operator's billing system on the outbound FIFO queue. Each is sent
 * with MessageGroupId = accountId (in order per account) and MessageDeduplicationId = entryId (the id of
 * the ledger transfer that granted or clawed back the credit); the billing system must also deduplicate
 * by `entryId`, because a message may be sent again after the
 * queue's five-minute deduplication window (a redelivered billing event, or the outbox relay, resending
 * an outbox whose send was not confirmed).
 */
import * as z from "zod";
import {
  accountIdSchema,
  amountMinorSchema,
  currencySchema,
  isoDateTimeSchema,
  programIdSchema,
  rateBpsSchema,
  signedAmountMinorSchema,
} from "./common.ts";
import { periodIdSchema, settlementRateReasonSchema } from "./periods.ts";

const paymentSchema = z
  .object({
    kind: z.enum(["invoice", "recharge"]).describe("What was paid."),
    id: z.string().describe("Its id in the billing system (invoiceId or rechargeId)."),
  })
  .describe("The referred payment it comes from: `{ kind: invoice | recharge, id }`.");
const entryIdSchema = z
  .string()
  .describe(
    "The id of the ledger transfer that moved the credit (tr_ and 24 hex digits; the name is kept from before transfers): deduplicate by it (the FIFO queue drops repeats only within 5 minutes).",
  );

/** Add `amountMinor` of account credit to `accountId` (Ex2: 25 % of a referred customer's paid invoice). */
export const creditGrantedSchema = z.object({
  type: z.literal("credit.granted").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  entryId: entryIdSchema,
  accountId: accountIdSchema.describe("The referrer: the account to credit."),
  programId: programIdSchema.describe("The program that granted it."),
  amountMinor: amountMinorSchema.min(1).describe("The credit to add."),
  currency: currencySchema,
  refereeAccountId: accountIdSchema.describe("The referred customer whose payment earned it."),
  payment: paymentSchema,
  sourceEventId: z.string().describe("The billing event that caused it."),
  grantedAt: isoDateTimeSchema.describe("When the ledger posted it."),
});

/**
 * Remove `amountMinor` (positive) of previously granted credit: the referred payment was refunded or
 * charged back, or it no longer earns the credit because an earlier-paid payment of the referee arrived
 * late (`reason`; absent on messages queued before the field existed).
 */
export const creditClawedBackSchema = z.object({
  type: z.literal("credit.clawed_back").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  entryId: entryIdSchema,
  reversesEntryId: z.string().describe("The `entryId` of the `credit.granted` this takes (part of) back."),
  accountId: accountIdSchema.describe("The referrer: the account to take the credit from."),
  programId: programIdSchema.describe("The program that granted the credit."),
  amountMinor: amountMinorSchema.min(1).describe("The credit to remove (positive)."),
  currency: currencySchema,
  refereeAccountId: accountIdSchema.describe("The referred customer whose payment it was granted for."),
  payment: paymentSchema,
  sourceEventId: z.string().describe("The refund, chargeback or earlier-paid payment that caused it, or `recurrence-window:…`."),
  clawedBackAt: isoDateTimeSchema.describe("When the ledger posted it."),
  reason: z.enum(["refund", "chargeback", "first_payment_superseded", "recurrence_window_moved"]).optional().meta({
    description: "Why it is taken back; the last two are explained in docs/ledger.md, 'The first payment'.",
    whenAbsent: "a refund or chargeback queued before the field existed",
  }),
});

/**
 * One partner's commission of one period settled (Zadarma), for the operator's statements: what
 * accrued, the rate the whole period was paid at and why, and what became available. Deduplicate by
 * `settlementId` (one per program, period, account and currency).
 */
export const commissionSettledSchema = z.object({
  type: z.literal("commission.settled").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  settlementId: z.string().describe("`settlement:<program>:<period>:<account>:<currency>`: deduplicate by it."),
  accountId: accountIdSchema.describe("The partner."),
  programId: programIdSchema.describe("The commission program."),
  periodId: periodIdSchema.describe("The half-month period settled: `YYYY-MM-1` (1st–14th) or `YYYY-MM-2` (15th–end)."),
  currency: currencySchema,
  accruedMinor: amountMinorSchema.describe("Commission accrued in the period at the rule's rate, net of pending clawbacks."),
  baseMinor: amountMinorSchema.describe("The commissioned payments of the period, net of refunds: what the rate applies to."),
  rateBps: rateBpsSchema.describe("The rate the whole period was paid at."),
  rateReason: settlementRateReasonSchema.describe(
    "Why that rate: `individual_rate` (with `setAt`), `tier` (with the step's `minActiveCustomers`) or `rule_rate`.",
  ),
  activeCustomers: z.number().int().min(0).describe("Referred customers with a commissioned payment in the period (the tier basis)."),
  topUpMinor: signedAmountMinorSchema.describe("Paid on top of what accrued at that rate (negative: a reduction)."),
  settledMinor: signedAmountMinorSchema.describe("What became available: accruedMinor + topUpMinor."),
  transferIds: z.array(z.string()).describe("The ledger transfers posted: the release and the top-up, when not zero."),
  settledAt: isoDateTimeSchema.describe("When the ledger posted it."),
});

export const outboundMessageSchema = z.discriminatedUnion("type", [creditGrantedSchema, creditClawedBackSchema, commissionSettledSchema]);

/** The messages the billing system applies to a customer's account credit. */
export function isCreditMessage(message: OutboundMessage): message is CreditGranted | CreditClawedBack {
  return message.type === "credit.granted" || message.type === "credit.clawed_back";
}

/** The FIFO deduplication id of a message (and the id receivers deduplicate by). */
export function messageIdOf(message: OutboundMessage): string {
  switch (message.type) {
    case "credit.granted":
    case "credit.clawed_back":
      return message.entryId;
    case "commission.settled":
      return message.settlementId;
  }
}

export type CreditGranted = z.infer<typeof creditGrantedSchema>;
export type CreditClawedBack = z.infer<typeof creditClawedBackSchema>;
export type CommissionSettledMessage = z.infer<typeof commissionSettledSchema>;
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/**
 * Messages this system sends to the operator's billing system on the outbound FIFO queue. Each is sent
 * with MessageGroupId = accountId (in order per account) and MessageDeduplicationId = entryId (the id of
 * the ledger transfer that granted or clawed back the credit); the billing system must also deduplicate
 * by `entryId`, because a message may be sent again after the
 * queue's five-minute deduplication window (a redelivered billing event, or the outbox relay, resending
 * an outbox whose send was not confirmed).
 */
import * as z from "zod";
import { accountIdSchema, amountMinorSchema, currencySchema, isoDateTimeSchema, programIdSchema } from "./common.ts";

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

export const outboundMessageSchema = z.discriminatedUnion("type", [creditGrantedSchema, creditClawedBackSchema]);

export type CreditGranted = z.infer<typeof creditGrantedSchema>;
export type CreditClawedBack = z.infer<typeof creditClawedBackSchema>;
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/**
 * Messages this system sends to the operator's billing system on the outbound FIFO queue. Each is sent
 * with MessageGroupId = accountId (in order per account) and MessageDeduplicationId = entryId; the
 * billing system must also deduplicate by `entryId`, because a message may be sent again after the
 * queue's five-minute deduplication window (a redelivered billing event whose send was not confirmed).
 */
import * as z from "zod";
import { accountIdSchema, amountMinorSchema, currencySchema, isoDateTimeSchema, programIdSchema } from "./common.ts";

const paymentSchema = z.object({ kind: z.enum(["invoice", "recharge"]), id: z.string() });

/** Add `amountMinor` of account credit to `accountId` (Ex2: 25 % of a referred customer's paid invoice). */
export const creditGrantedSchema = z.object({
  type: z.literal("credit.granted"),
  version: z.literal(1),
  entryId: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  amountMinor: amountMinorSchema.min(1),
  currency: currencySchema,
  refereeAccountId: accountIdSchema,
  payment: paymentSchema,
  sourceEventId: z.string(),
  grantedAt: isoDateTimeSchema,
});

/** Remove `amountMinor` (positive) of previously granted credit: the referred payment was refunded or charged back. */
export const creditClawedBackSchema = z.object({
  type: z.literal("credit.clawed_back"),
  version: z.literal(1),
  entryId: z.string(),
  reversesEntryId: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  amountMinor: amountMinorSchema.min(1),
  currency: currencySchema,
  refereeAccountId: accountIdSchema,
  payment: paymentSchema,
  sourceEventId: z.string(),
  clawedBackAt: isoDateTimeSchema,
});

export const outboundMessageSchema = z.discriminatedUnion("type", [creditGrantedSchema, creditClawedBackSchema]);

export type CreditGranted = z.infer<typeof creditGrantedSchema>;
export type CreditClawedBack = z.infer<typeof creditClawedBackSchema>;
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

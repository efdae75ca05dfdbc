/**
 * Shapes of the stored items that more than one part of the system reads. Stores parse what they read
 * with these schemas, so a malformed item is caught where it is read, not three calls later.
 */
import * as z from "zod";
import { accountIdSchema, isoDateTimeSchema, programIdSchema } from "./common.ts";

/** CODE#code / CODE: a referral code (link slug and invite code are the same code) and its counters. */
export const referralCodeItemSchema = z.object({
  code: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  status: z.enum(["active", "disabled"]),
  createdAt: isoDateTimeSchema,
  /** Counted clicks (paid traffic, bots, HEAD and 24-hour repeats excluded). */
  clickCount: z.number().int().min(0).default(0),
  /** Referrals attributed to this code. */
  signupCount: z.number().int().min(0).default(0),
  /** Referred accounts that have made a first payment (incremented by the billing-events consumer). */
  customerCount: z.number().int().min(0).default(0),
});

/** ACCOUNT#referee / REFERRAL: the one, permanent referral of a referee (first attribution wins). */
export const referralItemSchema = z.object({
  refereeAccountId: accountIdSchema,
  referrerAccountId: accountIdSchema,
  programId: programIdSchema,
  code: z.string(),
  /** How the referee arrived: a referral link click or an entered invite code. */
  source: z.enum(["link", "code"]),
  clickId: z.string().optional(),
  /** When the referral took effect: the sign-up, or the moment an invite code was entered after it. */
  attributedAt: isoDateTimeSchema,
  /**
   * Referrals by code: when the code was entered and accepted (the code's activation; its operator-local
   * day is the day the referral counts for the referrer's discount). Equal to `attributedAt`.
   */
  codeActivatedAt: isoDateTimeSchema.optional(),
  /** Referrals by code: the referee's promotion end from account.registered, when its profile had one (the referee discount starts there). */
  promoEndsAt: isoDateTimeSchema.optional(),
  /** A referral by code that replaced a referral by link (before any payment was counted on it): who the link had attributed the account to. */
  replacedLink: z
    .object({ referrerAccountId: accountIdSchema, programId: programIdSchema, code: z.string(), attributedAt: isoDateTimeSchema })
    .optional(),
  /** The operator marks fraud; a fraudulent referral earns nothing from then on. */
  status: z.enum(["active", "fraudulent"]),
  /** The paid-at time of the referee's first paid invoice or completed recharge (moved earlier when an earlier-paid one arrives late). */
  firstPaymentAt: isoDateTimeSchema.optional(),
  /**
   * The referee's first payment of each trigger, by payment time (earliest paid-at, then the smaller id
   * by code-unit order), whatever order the events arrived in: reward recurrence (first payment, N
   * months) counts from it. Set by the billing-events consumer; an earlier-paid payment arriving late
   * replaces it (docs/ledger.md, "The first payment").
   */
  firstInvoicePaidAt: isoDateTimeSchema.optional(),
  firstInvoiceId: z.string().optional(),
  firstRechargeCompletedAt: isoDateTimeSchema.optional(),
  firstRechargeId: z.string().optional(),
  /** When the operator marked the referral fraudulent (POST /referrals/{refereeAccountId}/fraud). */
  markedFraudulentAt: isoDateTimeSchema.optional(),
  /**
   * The newest period accruals (`program#period#currency`) this referee was counted in as an active
   * customer, at most `settlementLimits.commissionedPeriodsKept`: a commissioned payment in a period not listed
   * counts the referee once in that accrual's `activeCustomers` (shared/domain/settlement.ts).
   */
  commissionedPeriods: z.array(z.string()).optional(),
});

/** INVITE#recipientHash / INVITE: the last invite sent to a recipient (by anyone), for the 7 quiet days. Never the address. */
export const inviteRecipientItemSchema = z.object({
  recipientHash: z.string(),
  inviteId: z.string(),
  senderAccountId: accountIdSchema,
  programId: programIdSchema,
  channel: z.enum(["email", "sms"]),
  code: z.string(),
  locale: z.string(),
  invitedAt: isoDateTimeSchema,
  /** Set once the invite.requested message is on the outbound queue. */
  sentAt: isoDateTimeSchema.optional(),
});

export type InviteRecipientItem = z.infer<typeof inviteRecipientItemSchema>;
export type ReferralCodeItem = z.infer<typeof referralCodeItemSchema>;
export type ReferralItem = z.infer<typeof referralItemSchema>;

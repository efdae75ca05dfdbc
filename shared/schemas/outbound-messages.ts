/**
 * Messages this system sends to the operator's billing system on the outbound FIFO queue: credits
 * (Ex2), settlement statements and withdrawals (Zadarma payouts), discounts and bonuses (t2), partner-application decisions and level changes (ACTIVE 24). Each is sent with MessageGroupId =
 * accountId (in order per account) and MessageDeduplicationId = `messageIdOf` (the `entryId` of the
 * ledger transfer that moved the money, a statement's `settlementId`, or a discount change's `messageId`); receivers must also
 * deduplicate by it, because a message may be sent again after the queue's five-minute deduplication
 * window (a redelivered billing event, a repeated operator call, or the outbox relay resending an
 * outbox whose send was not confirmed).
 */
import * as z from "zod";
import {
  accountIdSchema,
  amountMinorSchema,
  currencySchema,
  isoDateTimeSchema,
  programIdSchema,
  rateBpsSchema,
  signedSumMinorSchema,
  sumMinorSchema,
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
  accruedMinor: sumMinorSchema.describe("Commission accrued in the period at the rule's rate, net of pending clawbacks."),
  baseMinor: sumMinorSchema.describe("The commissioned payments of the period, net of refunds: what the rate applies to."),
  rateBps: rateBpsSchema.describe("The rate the whole period was paid at."),
  rateReason: settlementRateReasonSchema.describe(
    "Why that rate: `individual_rate` (with `setAt`), `tier` (with the step's `minActiveCustomers`) or `rule_rate`.",
  ),
  activeCustomers: z.number().int().min(0).describe("Referred customers with a commissioned payment in the period (the tier basis)."),
  topUpMinor: signedSumMinorSchema.describe("Paid on top of what accrued at that rate (negative: a reduction)."),
  settledMinor: signedSumMinorSchema.describe("What became available: accruedMinor + topUpMinor."),
  transferIds: z.array(z.string()).describe("The ledger transfers posted: the release and the top-up, when not zero."),
  settledAt: isoDateTimeSchema.describe("When the ledger posted it."),
});

const withdrawalFields = {
  version: z.literal(1).describe("The message version."),
  withdrawalId: z.string().describe("The withdrawal (the id its requester chose): every message about it carries it."),
  accountId: accountIdSchema.describe("The partner the withdrawal pays out to."),
  programId: programIdSchema.describe("The program whose payout policy (threshold, contract) allowed it."),
  amountMinor: sumMinorSchema.min(1).describe("The amount withdrawn: the whole available commission when it was requested."),
  currency: currencySchema,
};

/**
 * A partner asked to withdraw its available commission (or the operator did on its behalf): the amount
 * is reserved in the ledger. Pay it out, then mark it paid (or failed) with the operator routes or the CLI.
 */
export const withdrawalRequestedSchema = z.object({
  type: z.literal("withdrawal.requested").describe("The message type."),
  ...withdrawalFields,
  entryId: z.string().describe("The id of the reserve transfer (withdrawal_reserve, tr_ and 24 hex digits): deduplicate by it."),
  requestedBy: z.enum(["account", "operator"]).describe("Who asked: the account itself, or the operator on its behalf."),
  contractDocumentReference: z.string().optional().meta({
    description: "The referral contract on file when it was requested.",
    whenAbsent: "the program requires no contract",
  }),
  requestedAt: isoDateTimeSchema.describe("When the ledger reserved it."),
});

/** The operator paid the withdrawal out: the reserved amount left the ledger to payout_clearing. */
export const withdrawalPaidSchema = z.object({
  type: z.literal("withdrawal.paid").describe("The message type."),
  ...withdrawalFields,
  entryId: z.string().describe("The id of the post transfer (withdrawal_post): deduplicate by it."),
  reservationEntryId: z.string().describe("The `entryId` of the `withdrawal.requested` it resolves."),
  payoutReference: z.string().describe("The operator's reference of the money transfer (bank or payment-provider id)."),
  paidAt: isoDateTimeSchema.describe("When the ledger posted it."),
});

/** The payout failed or was refused: the reserved amount is back in the partner's available commission. */
export const withdrawalFailedSchema = z.object({
  type: z.literal("withdrawal.failed").describe("The message type."),
  ...withdrawalFields,
  entryId: z.string().describe("The id of the void transfer (withdrawal_void): deduplicate by it."),
  reservationEntryId: z.string().describe("The `entryId` of the `withdrawal.requested` it resolves."),
  reason: z.string().describe("Why it failed, as the operator gave it (for people)."),
  failedAt: isoDateTimeSchema.describe("When the ledger voided the reservation."),
});

/**
 * An account asked to send its personal invite code to someone by e-mail or SMS (t2's "Invite"): the
 * operator's mailer writes and sends it in `locale`. The only place the recipient's address or number is
 * kept: the table holds a keyed hash of it. Deduplicate by `inviteId`.
 */
export const inviteRequestedSchema = z.object({
  type: z.literal("invite.requested").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  inviteId: z.string().describe("`inv_` and 24 hex digits: deduplicate by it (a retry after a failed send carries the same id)."),
  accountId: accountIdSchema.describe("The inviting account (the referrer the code belongs to)."),
  programId: programIdSchema.describe("The program whose invite code it is."),
  channel: z.enum(["email", "sms"]).describe("`email` or `sms`."),
  recipient: z.string().describe("The e-mail address as the account typed it, or the phone number in E.164."),
  code: z.string().describe("The account's personal invite code to put in the message."),
  locale: z.string().describe("A BCP 47 language tag for the message (default en)."),
  requestedAt: isoDateTimeSchema.describe("When the invite was requested."),
});

const discountReasonMessageSchema = z
  .object({
    code: z
      .enum(["promo_period_ended", "code_activated", "referral", "start_day_reached", "validity_passed"])
      .describe("Why: the promo period ended, the code was activated, a referral, the start day came, the validity passed."),
    refereeAccountId: accountIdSchema.optional().meta({
      description: "The referred client whose code registration caused it.",
      whenAbsent: "a change of the daily schedule",
    }),
    referralOn: z.iso.date().optional().meta({ description: "The referral's day (operator time zone).", whenAbsent: "not a referral" }),
    streakCount: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: "The referrer's streak count after this referral.", whenAbsent: "not a referrer's referral" }),
  })
  .describe("Why the discount changed: `{ code, refereeAccountId?, referralOn?, streakCount? }`.");

const discountFields = {
  version: z.literal(1).describe("The message version."),
  messageId: z
    .string()
    .describe(
      "The discount history entry (`<discountId>:<kind>[:<count>]`): deduplicate by it (the FIFO queue drops repeats only within 5 minutes).",
    ),
  discountId: z
    .string()
    .describe(
      "The discount: `referee:<program>:<account>` or `referrer:<program>:<account>:<streak>` (a referrer's streaks each have their own).",
    ),
  accountId: accountIdSchema.describe("The account the discount is for."),
  programId: programIdSchema.describe("The program that grants it."),
  role: z
    .enum(["referee", "referrer"])
    .describe("`referee`: the referred client's discount; `referrer`: the stacked discount for referring."),
  rateBps: rateBpsSchema.describe("The discount rate in force (basis points: 2000 is 20 %)."),
  startsOn: z.iso.date().describe("First day in force (operator time zone)."),
  endsOn: z.iso.date().describe("First day no longer in force: the discount covers startsOn ≤ day < endsOn."),
  excludedCategories: z.array(z.string()).describe("Invoice line categories it never applies to (t2: `sms_package`)."),
  reason: discountReasonMessageSchema,
};

/** A discount is in force from `startsOn` (a referee's after its promo period; a referrer's first referral of a streak). */
export const discountActivatedSchema = z.object({
  type: z.literal("discount.activated").describe("The message type."),
  ...discountFields,
  activatedAt: isoDateTimeSchema.describe("When the system decided it."),
});

/** A referrer's discount was raised (min(cap, previous + step)) and extended by a new referral while it was active. */
export const discountChangedSchema = z.object({
  type: z.literal("discount.changed").describe("The message type."),
  ...discountFields,
  previousRateBps: rateBpsSchema.describe("The rate before the change (equal to rateBps once the cap is reached)."),
  previousEndsOn: z.iso.date().describe("The end day before the change."),
  changedAt: isoDateTimeSchema.describe("When the system decided it."),
});

/** A discount is no longer in force from `endedOn` (its validity passed): a referrer's streak ends with it. */
export const discountEndedSchema = z.object({
  type: z.literal("discount.ended").describe("The message type."),
  ...discountFields,
  endedOn: z.iso.date().describe("First day it is no longer in force."),
  endedAt: isoDateTimeSchema.describe("When the system decided it."),
});

/** Give the referrer a package (t2: SMS) for reaching `atCount` referrals in a streak, once per streak. */
export const bonusGrantedSchema = z.object({
  type: z.literal("bonus.granted").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  messageId: z.string().describe("`<discountId>:bonus_granted:<atCount>`: deduplicate by it."),
  discountId: z.string().describe("The referrer's discount (streak) the bonus belongs to."),
  accountId: accountIdSchema.describe("The referrer: the account to give the package to."),
  programId: programIdSchema.describe("The program that grants it."),
  sku: z.string().describe("The billing system's product to give (t2: `sms-package-1200`, `sms-package-3200`)."),
  atCount: z.number().int().min(1).describe("The streak count that earned it."),
  reason: discountReasonMessageSchema,
  grantedAt: isoDateTimeSchema.describe("When the system decided it."),
});

const partnerApplicationFields = {
  version: z.literal(1).describe("The message version."),
  messageId: z.string().describe("`partner-application:<applicationId>:decision`: deduplicate by it (one decision per application)."),
  applicationId: z.string().describe("The application decided (`pa_` and 24 hex digits)."),
  accountId: accountIdSchema.describe("The account that applied: the one to write to."),
  programId: programIdSchema.describe("The partner program it applied to."),
  note: z.string().optional().meta({ description: "The operator's note, for people.", whenAbsent: "the operator gave none" }),
  decidedAt: isoDateTimeSchema.describe("When the decision was recorded."),
};

/** An application to a partner program was approved: the account is a partner of the program from `decidedAt` (tell it by e-mail). */
export const partnerApplicationApprovedSchema = z.object({
  type: z.literal("partner.application.approved").describe("The message type."),
  ...partnerApplicationFields,
  reasonCode: z
    .enum(["conditions_met", "operator_discretion", "auto_approved"])
    .describe("Why (docs/partners.md): `auto_approved` when the program approves every application."),
  decidedBy: z.enum(["operator", "auto"]).describe("The operator, or `auto` (the program's autoApprove)."),
});

/** An application to a partner program was rejected (tell the account by e-mail, with when it may apply again). */
export const partnerApplicationRejectedSchema = z.object({
  type: z.literal("partner.application.rejected").describe("The message type."),
  ...partnerApplicationFields,
  reasonCode: z
    .enum(["conditions_not_met", "incomplete_application", "registration_id_invalid", "duplicate_account", "not_a_business", "other"])
    .describe("Why (docs/partners.md, 'Reason codes')."),
  reapply: z
    .enum(["immediately", "from_date", "never"])
    .describe("When the account may apply again, by the program's setting: at once, from `reapplyFrom`, or never."),
  reapplyFrom: z.iso.date().optional().meta({
    description: "The first operator-local day it may apply again (YYYY-MM-DD).",
    whenAbsent: "`reapply` is `immediately` or `never`",
  }),
});

/**
 * A partner's level changed (moved up or down) from `effectiveOn` (docs/partners.md, "Levels"): tell the partner, and
 * price its orders from that day with the new rate (quotes do: POST /quotes).
 */
export const partnerLevelChangedSchema = z.object({
  type: z.literal("partner.level.changed").describe("The message type."),
  version: z.literal(1).describe("The message version."),
  messageId: z
    .string()
    .describe("`partner-level:<accountId>:<programId>:<verificationId>`: deduplicate by it (one message per verification)."),
  accountId: accountIdSchema.describe("The partner."),
  programId: programIdSchema.describe("The partner program."),
  direction: z.enum(["up", "down"]).describe("Up: a better level (a higher one in the program's list); down: a lower one, or none."),
  levelId: programIdSchema.nullable().describe("The level from `effectiveOn`; null: no level (no program discount)."),
  rateBps: rateBpsSchema.describe("Its discount on the lines the partner pays for."),
  previousLevelId: programIdSchema.nullable().describe("The level before; null: none."),
  previousRateBps: rateBpsSchema.describe("Its discount."),
  effectiveOn: z.iso.date().describe("The first operator-local day (YYYY-MM-DD) of the new level."),
  trigger: z.enum(["schedule", "operator"]).describe("The monthly verification, or the operator's on demand."),
  activeServicesAsPayer: z.number().int().min(0).describe("The measured figure: services active with the partner as their payer."),
  measuredAt: isoDateTimeSchema.describe("The instant the figure is for."),
  decidedAt: isoDateTimeSchema.describe("When the verification was recorded."),
});

export const outboundMessageSchema = z.discriminatedUnion("type", [
  creditGrantedSchema,
  creditClawedBackSchema,
  commissionSettledSchema,
  withdrawalRequestedSchema,
  withdrawalPaidSchema,
  withdrawalFailedSchema,
  inviteRequestedSchema,
  discountActivatedSchema,
  discountChangedSchema,
  discountEndedSchema,
  bonusGrantedSchema,
  partnerApplicationApprovedSchema,
  partnerApplicationRejectedSchema,
  partnerLevelChangedSchema,
]);

/** The messages the billing system applies to a customer's account credit. */
export function isCreditMessage(message: OutboundMessage): message is CreditGranted | CreditClawedBack {
  return message.type === "credit.granted" || message.type === "credit.clawed_back";
}

/** The FIFO deduplication id of a message (and the id receivers deduplicate by). */
export function messageIdOf(message: OutboundMessage): string {
  switch (message.type) {
    case "credit.granted":
    case "credit.clawed_back":
    case "withdrawal.requested":
    case "withdrawal.paid":
    case "withdrawal.failed":
      return message.entryId;
    case "commission.settled":
      return message.settlementId;
    case "invite.requested":
      return message.inviteId;
    case "discount.activated":
    case "discount.changed":
    case "discount.ended":
    case "bonus.granted":
    case "partner.application.approved":
    case "partner.application.rejected":
    case "partner.level.changed":
      return message.messageId;
  }
}

export type CreditGranted = z.infer<typeof creditGrantedSchema>;
export type CreditClawedBack = z.infer<typeof creditClawedBackSchema>;
export type CommissionSettledMessage = z.infer<typeof commissionSettledSchema>;
export type WithdrawalRequested = z.infer<typeof withdrawalRequestedSchema>;
export type WithdrawalPaid = z.infer<typeof withdrawalPaidSchema>;
export type WithdrawalFailed = z.infer<typeof withdrawalFailedSchema>;
export type InviteRequested = z.infer<typeof inviteRequestedSchema>;
export type DiscountActivated = z.infer<typeof discountActivatedSchema>;
export type DiscountChanged = z.infer<typeof discountChangedSchema>;
export type DiscountEnded = z.infer<typeof discountEndedSchema>;
export type BonusGranted = z.infer<typeof bonusGrantedSchema>;
export type PartnerApplicationApproved = z.infer<typeof partnerApplicationApprovedSchema>;
export type PartnerApplicationRejected = z.infer<typeof partnerApplicationRejectedSchema>;
export type PartnerLevelChanged = z.infer<typeof partnerLevelChangedSchema>;
export type DiscountMessage = DiscountActivated | DiscountChanged | DiscountEnded | BonusGranted;
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;

/**
 * The discounts' stored items (docs/data-model.md, "Discounts"): one current discount per account,
 * program and role, and an append-only history entry per change. The deciders in
 * shared/domain/discounts.ts produce them; stores parse what they read with these schemas.
 */
import * as z from "zod";
import { accountIdSchema, categorySchema, isoDateTimeSchema, localDateSchema, programIdSchema, rateBpsSchema } from "./common.ts";

/** Who holds a discount: the referred client (referee) or the client who referred it (referrer). */
export const discountRoles = ["referee", "referrer"] as const;
export const discountRoleSchema = z.enum(discountRoles);

/** scheduled: its start day has not come; active: in force from startsOn; ended: no longer in force (endedOn). */
export const discountStatusSchema = z.enum(["scheduled", "active", "ended"]);

/**
 * Why a change happened, in the words of the SPEC:
 * - `promo_period_ended`: the referee's discount starts after its promo period;
 * - `code_activated`: it starts on the day the code was entered (no promo period, or it was over);
 * - `referral`: a referred client registered the referrer's code (activated, raised and extended, bonus);
 * - `start_day_reached`: the daily schedule activated a scheduled discount;
 * - `validity_passed`: the discount's end day came (the daily schedule, or the referral that found it over).
 */
export const discountReasonCodeSchema = z.enum([
  "promo_period_ended",
  "code_activated",
  "referral",
  "start_day_reached",
  "validity_passed",
]);

export const discountReasonSchema = z.object({
  code: discountReasonCodeSchema,
  /** The referred client whose code registration caused it (reasons `referral`, `code_activated`, `promo_period_ended`). */
  refereeAccountId: accountIdSchema.optional(),
  /** The referral's day (operator time zone), for `referral`. */
  referralOn: localDateSchema.optional(),
  /** The streak's count after this referral, for `referral` (referrer discounts). */
  streakCount: z.number().int().min(1).optional(),
});

/** The streak behind a referrer's discount: order-independent facts of the referrals counted in it. */
export const discountStreakSchema = z.object({
  /** Referrals counted in this streak (each referee once). */
  count: z.number().int().min(1),
  /** The latest referral day of the streak: the end is this day plus the validity for `count`. */
  lastReferralOn: localDateSchema,
  /** The bonus counts already granted in this streak (`bonuses[].atCount`). */
  bonusesGranted: z.array(z.number().int().min(1)),
});

/** ACCOUNT#id / DISCOUNT#program#role: the account's current discount in a program and role (the latest streak for a referrer). */
export const discountItemSchema = z.object({
  discountId: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  role: discountRoleSchema,
  status: discountStatusSchema,
  rateBps: rateBpsSchema,
  /** First day in force (operator time zone). */
  startsOn: localDateSchema,
  /** First day no longer in force: the discount covers startsOn ≤ day < endsOn. */
  endsOn: localDateSchema,
  /** The day it ended (endsOn, or earlier for a referrer streak replaced at once), when status is ended. */
  endedOn: localDateSchema.optional(),
  excludedCategories: z.array(categorySchema),
  /** Referrer discounts: the streak's count, latest referral day and bonuses. */
  streak: discountStreakSchema.optional(),
  /** Referrer discounts: the streak's number (1 for the referrer's first), so each streak has its own discount id. */
  streakNumber: z.number().int().min(1).optional(),
  reason: discountReasonSchema,
  updatedAt: isoDateTimeSchema,
  /** Optimistic concurrency: every change writes revision + 1 on condition of the revision it read. */
  revision: z.number().int().min(0),
});

export const discountHistoryKindSchema = z.enum(["scheduled", "activated", "raised_and_extended", "ended", "bonus_granted"]);

/** ACCOUNT#id / DISCOUNT_HISTORY#at#entryId: one change of a discount, immutable. */
export const discountHistoryEntrySchema = z.object({
  /** Deterministic from the discount and the change (`<discountId>:<kind>[:<count>]`): also the message id of its outbound message. */
  entryId: z.string(),
  discountId: z.string(),
  accountId: accountIdSchema,
  programId: programIdSchema,
  role: discountRoleSchema,
  kind: discountHistoryKindSchema,
  /** When it was decided. */
  at: isoDateTimeSchema,
  /** The day it takes effect (operator time zone). */
  effectiveOn: localDateSchema,
  rateBps: rateBpsSchema,
  startsOn: localDateSchema,
  endsOn: localDateSchema,
  /** raised_and_extended: the rate and end before the change. */
  previousRateBps: rateBpsSchema.optional(),
  previousEndsOn: localDateSchema.optional(),
  /** bonus_granted: the package's sku and the streak count it was granted at. */
  sku: z.string().optional(),
  bonusAtCount: z.number().int().min(1).optional(),
  reason: discountReasonSchema,
});

export type DiscountRole = z.infer<typeof discountRoleSchema>;
export type DiscountStatus = z.infer<typeof discountStatusSchema>;
export type DiscountReason = z.infer<typeof discountReasonSchema>;
export type DiscountStreak = z.infer<typeof discountStreakSchema>;
export type DiscountItem = z.infer<typeof discountItemSchema>;
export type DiscountHistoryKind = z.infer<typeof discountHistoryKindSchema>;
export type DiscountHistoryEntry = z.infer<typeof discountHistoryEntrySchema>;

/**
 * GET /accounts/{accountId}/discounts (t2's discount tabs): the account's current discounts per program,
 * the program's table, and the discount history, paged. Listed in shared/schemas/api-routes.ts, from which
 * the OpenAPI document is generated. The discounts and history entries are the stored shapes
 * (shared/schemas/discount-items.ts) without their bookkeeping (revision).
 */
import * as z from "zod";
import { discountLimits, limits } from "../limits.ts";
import { accountIdSchema, categorySchema, pageQueryFields, programIdSchema, rateBpsSchema } from "./common.ts";
import { discountHistoryEntrySchema, discountItemSchema } from "./discount-items.ts";

export const discountListQuerySchema = z.object({
  programId: programIdSchema.optional().describe("Only this program: its discounts, its table and its history entries."),
  ...pageQueryFields("History entries", discountLimits.historyPageSizeMax, limits.pageSizeDefault),
});

export const currentDiscountSchema = discountItemSchema
  .omit({ revision: true })
  .describe(
    "A discount as it stands: `status` scheduled (its start day has not come), active, or ended (`endedOn`); in force on the days startsOn ≤ day < endsOn (operator time zone), on every invoice line except `excludedCategories`. A referrer's discount is its latest streak (`streakNumber`, `streak`: count, latest referral day, bonuses granted).",
  );

export const refereeDiscountRuleSchema = z.object({
  rateBps: rateBpsSchema.describe("The referred client's rate (t2: 2000, 20 %)."),
  months: z.number().int().min(1).describe("For this many months from the end of its promo period, or from the code's activation (t2: 3)."),
  excludedCategories: z.array(categorySchema),
});

export const streakTableRowSchema = z.object({
  count: z.number().int().min(1).describe("The streak's n-th referral."),
  rateBps: rateBpsSchema.describe("The rate it gives: min(cap, first + (n − 1) × step)."),
  validityMonths: z.number().int().min(1).describe("The discount then ends this many months after the streak's latest referral day."),
  bonus: z
    .object({ sku: z.string(), description: z.string() })
    .optional()
    .describe("The package granted once in the streak at this count (t2: 1,200 SMS at 3, 3,200 SMS at 5)."),
});

export const referrerDiscountTableSchema = z.object({
  rows: z.array(streakTableRowSchema).describe("One row per count while the rate, the validity or a bonus changes."),
  beyond: z
    .object({ fromCount: z.number().int().min(2), rateBps: rateBpsSchema, validityMonths: z.number().int().min(1) })
    .describe("What every later referral of a streak gives."),
  excludedCategories: z.array(categorySchema),
});

export const accountProgramDiscountsSchema = z.object({
  programId: programIdSchema,
  name: z.string().optional().describe("The program's name; absent when the configuration no longer has the program."),
  discounts: z
    .array(currentDiscountSchema)
    .describe("The account's current discount in this program, as referred client (`referee`) and as referrer: none, one or both."),
  refereeDiscount: refereeDiscountRuleSchema.optional().describe("What a client referred by code gets (absent: the program gives none)."),
  referrerTable: referrerDiscountTableSchema.optional().describe("The stacked referrer discount's table (absent: the program gives none)."),
});

export const discountHistoryItemSchema = discountHistoryEntrySchema.describe(
  "One change of a discount: `kind` scheduled, activated, raised_and_extended, ended or bonus_granted, with its `reason`; `at` when it was decided, `effectiveOn` the day it takes effect; `entryId` is the `messageId` of its outbound message (docs/events.md).",
);

export const discountListSchema = z.object({
  accountId: accountIdSchema,
  programs: z
    .array(accountProgramDiscountsSchema)
    .describe(
      "Every program that gives discounts (in the configuration's order), then any other program the account holds a discount in; with `programId`, that one only.",
    ),
  history: z
    .array(discountHistoryItemSchema)
    .describe("The account's discount history, newest first (by the time each change was decided), paged with `limit` and `cursor`."),
  nextCursor: z.string().optional().describe("Present when there may be more history."),
});

export type DiscountListQuery = z.infer<typeof discountListQuerySchema>;
export type DiscountList = z.infer<typeof discountListSchema>;
export type AccountProgramDiscounts = z.infer<typeof accountProgramDiscountsSchema>;

/**
 * Request and response shapes of POST /quotes (the operator prices a basket for an account on a day, with
 * the discounts in force: docs/discounts.md, "Quotes"). Listed in shared/schemas/api-routes.ts, from
 * which the OpenAPI document is generated. The bounds are discountLimits' (shared/limits.ts); every
 * product of a quantity and a unit amount is bounded too, so pricing never meets an amount it refuses.
 */
import * as z from "zod";
import { discountLimits, limits } from "../limits.ts";
import { externalIdSchema } from "./billing-events.ts";
import {
  accountIdSchema,
  amountMinorSchema,
  categorySchema,
  currencySchema,
  customerAccountIdSchema,
  localDateSchema,
  programIdSchema,
  rateBpsSchema,
  requestDaySchema,
} from "./common.ts";
import { discountReasonSchema, discountRoles } from "./discount-items.ts";

// ---------- POST /quotes: request ----------

export const quoteLineRequestSchema = z
  .strictObject({
    sku: z.string().min(1).max(64).describe("The billing system's product code."),
    category: categorySchema.describe("A program's discounts skip the categories it excludes (t2: `sms_package`)."),
    quantity: z.number().int().min(1).max(discountLimits.quoteQuantityMax).describe(`Units, 1-${discountLimits.quoteQuantityMax}.`),
    unitListPriceMinor: amountMinorSchema.describe("The list price of one unit, in minor units of `currency`."),
    currency: currencySchema,
    unitPurchaseCostMinor: amountMinorSchema
      .optional()
      .describe(
        "The operator's purchase cost of one unit, when it has one (ACTIVE 24): the line's final price is never below quantity × this (nor above its list price).",
      ),
    serviceId: externalIdSchema
      .optional()
      .describe(
        "The existing service the line renews or extends (a domain, a hosting plan): its payer and administrator are those its history records at the quote's date (`service.activated`, `service.payer_changed`), so a partner's level discount applies only while the partner is the service's payer (ACTIVE 24). Not with `payerAccountId` or `administratorAccountId`. A service with no recorded payer is priced for the quote's account.",
      ),
    payerAccountId: customerAccountIdSchema
      .optional()
      .describe(
        "The payer of a new service (default: the quote's `accountId`). The line gets the discounts of its payer, and of no one else: a partner's discount applies where it is the payer (ACTIVE 24).",
      ),
    administratorAccountId: customerAccountIdSchema
      .optional()
      .describe("The service's administrator (default: the quote's `accountId`). Recorded on the line; it earns the line no discount."),
  })
  .superRefine((line, context) => {
    if (line.serviceId !== undefined)
      for (const field of ["payerAccountId", "administratorAccountId"] as const)
        if (line[field] !== undefined)
          context.addIssue({ code: "custom", path: [field], message: "not with serviceId: the service's history names its payer" });
    // Amounts over the limit are refused at the edge: no line total the pricing could not hold exactly. (Zod runs
    // this after a field's own bound failed too: a unit amount already refused is not refused twice.)
    for (const field of ["unitListPriceMinor", "unitPurchaseCostMinor"] as const) {
      const unitMinor = line[field];
      if (unitMinor !== undefined && unitMinor <= limits.amountMinorMax && unitMinor * line.quantity > limits.amountMinorMax)
        context.addIssue({ code: "custom", path: [field], message: `quantity × ${field} must be at most ${limits.amountMinorMax}` });
    }
  });

export const quoteRequestSchema = z.strictObject({
  accountId: customerAccountIdSchema.describe("The account the basket is priced for: the payer of every line that names none."),
  date: requestDaySchema.describe(
    "The day to price on (operator time zone): the discounts the payer holds now that are in force that day (for today and the days ahead, what will apply; for a past day, not what applied then: a referrer's earlier, ended streak is not priced, and a partner's current level is priced also before its `since`, docs/discounts.md \"Quotes\"), and a service's payer at the end of that day (or now, for today or a later day).",
  ),
  lines: z
    .array(quoteLineRequestSchema)
    .min(1)
    .max(discountLimits.quoteLinesMax)
    .describe(`1-${discountLimits.quoteLinesMax} lines, in any currencies (totals are per currency).`),
});

// ---------- POST /quotes: response ----------

export const appliedDiscountSchema = z.object({
  discountId: z.string().describe("The discount's id; a partner level's is `partner-level:<accountId>:<programId>`."),
  programId: programIdSchema,
  role: z
    .enum([...discountRoles, "partner"])
    .describe(
      "Whose discount: the referred client's (referee), the referring client's (referrer), or the payer's partner level (partner, ACTIVE 24).",
    ),
  rateBps: rateBpsSchema,
  reason: z
    .union([
      discountReasonSchema,
      z.object({ code: z.literal("partner_level"), levelId: programIdSchema.describe("The partner's level.") }),
    ])
    .describe(
      "Why the discount has its rate (its last change: code activated, a referral with its streak count, ...; `partner_level` with the level for a partner's).",
    ),
  amountMinor: z
    .number()
    .int()
    .min(0)
    .describe("What this discount took off the line, after the discounts listed before it (multiplicative, largest rate first)."),
});

export const pricedLineSchema = z.object({
  sku: z.string(),
  category: categorySchema,
  quantity: z.number().int().min(1),
  currency: currencySchema,
  unitListPriceMinor: amountMinorSchema,
  unitPurchaseCostMinor: amountMinorSchema.optional(),
  serviceId: externalIdSchema.optional().describe("The service the line names, when it names one."),
  payerAccountId: accountIdSchema,
  administratorAccountId: accountIdSchema,
  payerSource: z
    .enum(["service_history", "line", "quote_account"])
    .describe(
      "Where the payer comes from: the service's history at the quote's date, the line's payerAccountId, or the quote's account (a line naming neither, or a service with no recorded payer).",
    ),
  listPriceMinor: amountMinorSchema.describe("quantity × unitListPriceMinor."),
  discounts: z
    .array(appliedDiscountSchema)
    .describe("The payer's discounts and partner levels in force on the day that cover the line's category."),
  discountedPriceMinor: amountMinorSchema.describe("The list price less every discount, rounded once (half away from zero)."),
  floorRaisedByMinor: amountMinorSchema
    .optional()
    .describe("Present when the purchase-cost floor raised the price: by how much (the final price is the floor)."),
  finalPriceMinor: amountMinorSchema.describe("What the line costs: the discounted price, never below the purchase-cost floor."),
});

export const quoteTotalSchema = z.object({
  currency: currencySchema,
  listPriceMinor: z.number().int().min(0),
  discountMinor: z.number().int().min(0).describe("listPriceMinor − finalPriceMinor: every discount less what the floors gave back."),
  finalPriceMinor: z.number().int().min(0),
});

export const quoteSchema = z.object({
  accountId: accountIdSchema,
  date: localDateSchema,
  lines: z.array(pricedLineSchema).describe("In the request's order."),
  totals: z
    .array(quoteTotalSchema)
    .describe("One per currency, in the order of first appearance: amounts in different currencies are never added."),
});

export type QuoteLineRequest = z.infer<typeof quoteLineRequestSchema>;
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;
export type Quote = z.infer<typeof quoteSchema>;

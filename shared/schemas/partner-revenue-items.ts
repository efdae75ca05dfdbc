/**
 * Shapes of a partner's paid revenue (docs/partners.md, "Levels"; AP81–AP83): what one invoice counted for its
 * payer (or the reversals that arrived before it), and one month's revenue of a payer in one currency. Stores
 * parse what they read with these; shared/domain/partner-revenue.ts decides them.
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, amountMinorSchema, currencySchema, isoDateTimeSchema } from "./common.ts";

const revisionSchema = z.number().int().min(0);

/** INVOICE#id / PARTNER_REVENUE, once the invoice has been paid by an approved partner: what it counts and what came off. */
export const recordedInvoiceRevenueSchema = z.object({
  state: z.literal("recorded"),
  invoiceId: externalIdSchema,
  payerAccountId: accountIdSchema,
  currency: currencySchema,
  paidMinor: amountMinorSchema,
  /** Refunds and chargebacks taken off, at most `paidMinor`. */
  reversedMinor: amountMinorSchema,
  /** The operator-local month (`YYYY-MM`) the invoice was paid in: its revenue counts there. */
  revenueMonth: z.string().regex(/^\d{4}-\d{2}$/),
  /** The invoice.paid event that counted it. */
  sourceEventId: z.string(),
  updatedAt: isoDateTimeSchema,
  /** Optimistic concurrency: every change writes revision + 1 on condition of the revision it read. */
  revision: revisionSchema,
});
export type RecordedInvoiceRevenue = z.infer<typeof recordedInvoiceRevenueSchema>;

/** INVOICE#id / PARTNER_REVENUE before the invoice arrived: the reversals held for it. Expires (TTL) after the booking-time horizon. */
export const awaitedInvoiceRevenueSchema = z.object({
  state: z.literal("awaited"),
  invoiceId: externalIdSchema,
  currency: currencySchema,
  reversedMinor: amountMinorSchema,
  updatedAt: isoDateTimeSchema,
  expiresAtEpochSeconds: z.number().int().min(0),
  revision: revisionSchema,
});

export const invoiceRevenueItemSchema = z.discriminatedUnion("state", [recordedInvoiceRevenueSchema, awaitedInvoiceRevenueSchema]);
export type InvoiceRevenueItem = z.infer<typeof invoiceRevenueItemSchema>;

/** ACCOUNT#payer / PAID_REVENUE#month#currency: one month's revenue of a payer (counted invoices and what came off them). */
export const paidRevenueMonthItemSchema = z.object({
  accountId: accountIdSchema,
  month: z.string().regex(/^\d{4}-\d{2}$/),
  currency: currencySchema,
  paidMinor: z.number().int(),
  reversedMinor: z.number().int(),
  invoiceCount: z.number().int().min(0),
});

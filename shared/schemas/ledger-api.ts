/**
 * Request and response shapes of the ledger routes: GET /accounts/{accountId}/ledger and
 * GET /accounts/{accountId}/balance (that account or the operator), and the operator's
 * POST /referrals/{refereeAccountId}/fraud. Handlers parse with these; shared/schemas/api-routes.ts
 * lists them for the OpenAPI document.
 */
import * as z from "zod";
import { limits } from "../limits.ts";
import { accountIdSchema, isoDateTimeSchema } from "./common.ts";
import { referralItemSchema } from "./items.ts";
import { balanceSchema, entryKindSchema, ledgerEntrySchema, periodIdSchema } from "./ledger-items.ts";

export const ledgerQuerySchema = z.object({
  kind: entryKindSchema.optional().describe("Only entries of this kind."),
  periodId: periodIdSchema
    .optional()
    .describe("Only entries of this half-month period (YYYY-MM-1: 1st-14th, YYYY-MM-2: 15th-end, operator time zone)."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(limits.pageSizeMax)
    .default(limits.pageSizeDefault)
    .describe(
      `Entries per page, 1-${limits.pageSizeMax} (default ${limits.pageSizeDefault}). With a kind filter a page may hold fewer: follow nextCursor until it is absent.`,
    ),
  cursor: z.string().min(1).max(2048).optional().describe("The nextCursor of the previous page (opaque)."),
});

export const ledgerPageSchema = z.object({
  accountId: accountIdSchema,
  entries: z.array(ledgerEntrySchema).describe("Newest first."),
  nextCursor: z.string().optional().describe("Present when there may be more entries."),
});

export const balancesResponseSchema = z.object({
  accountId: accountIdSchema,
  balances: z
    .array(balanceSchema)
    .describe(
      "One per currency the account has entries in (amounts in different currencies are never added). Each bucket equals the sum of the account's entries with that status.",
    ),
});

export const referralPathSchema = z.object({ refereeAccountId: accountIdSchema });

export const markFraudulentResponseSchema = z.object({
  referral: referralItemSchema,
  markedFraudulentAt: isoDateTimeSchema.describe("When the referral was first marked; marking again changes nothing."),
});

export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;
export type LedgerPageResponse = z.infer<typeof ledgerPageSchema>;
export type BalancesResponse = z.infer<typeof balancesResponseSchema>;

/**
 * Request and response shapes of the ledger routes: GET /accounts/{accountId}/ledger and
 * GET /accounts/{accountId}/balance (that account or the operator), and the operator's
 * POST /referrals/{refereeAccountId}/fraud. Handlers parse with these; shared/schemas/api-routes.ts
 * lists them for the OpenAPI document.
 */
import * as z from "zod";
import { limits } from "../limits.ts";
import {
  accountIdSchema,
  currencySchema,
  isoDateTimeSchema,
  programIdSchema,
  rateBpsSchema,
  signedSumMinorSchema,
  sumMinorSchema,
} from "./common.ts";
import { referralItemSchema } from "./items.ts";
import { depositReferenceSchema, entryKindSchema, paymentReferenceSchema, periodIdSchema, transferReasonSchema } from "./ledger-items.ts";
import { ledgerAccountKindSchema, ledgerAccountSchema, transferCodeSchema, transferIdSchema } from "./transfer-items.ts";

export const ledgerQuerySchema = z.object({
  kind: entryKindSchema
    .optional()
    .describe(
      "Only entries of this kind (credit, commission_accrued, clawback, settlement, payout, deposit, adjustment: each groups transfer codes).",
    ),
  code: transferCodeSchema.optional().describe("Only entries of transfers with this code (finer than kind)."),
  periodId: periodIdSchema
    .optional()
    .describe("Only entries of this half-month period (YYYY-MM-1: 1st-14th, YYYY-MM-2: 15th-end, operator time zone)."),
  currency: currencySchema
    .optional()
    .describe(
      "Only entries in this currency. Required for the operator's own accounts (GET /accounts/operator/ledger), listed one currency at a time.",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(limits.pageSizeMax)
    .default(limits.pageSizeDefault)
    .describe(
      `Transfers per page, 1-${limits.pageSizeMax} (default ${limits.pageSizeDefault}); a transfer between two of the account's own ledger accounts shows as two entries. With a kind or code filter a page may hold fewer: follow nextCursor until it is absent.`,
    ),
  cursor: z.string().min(1).max(2048).optional().describe("The nextCursor of the previous page (opaque)."),
});

/** One transfer's posting on one of the account's ledger accounts: what a statement line shows. */
export const ledgerEntrySchema = z.object({
  transferId: transferIdSchema.describe("The transfer (one movement between two ledger accounts); replaces entryId."),
  accountId: accountIdSchema.describe("The account whose ledger this is."),
  ledgerAccountKind: ledgerAccountKindSchema.describe(
    "Which of the account's ledger accounts the entry changes (commission_pending, commission_available, payout_reserved, credit_granted, deposit); replaces status (pending → commission_pending, available → commission_available, paid → credit_granted).",
  ),
  kind: entryKindSchema.describe(
    "What happened, grouped as before transfers: credit, commission_accrued, clawback, settlement, payout, deposit, adjustment.",
  ),
  code: transferCodeSchema.describe(
    "The transfer's code: what happened, exactly (credit_grant, commission_accrual, commission_clawback, credit_clawback, …).",
  ),
  amountMinor: signedSumMinorSchema.describe("The signed effect on that ledger account: positive raises its balance, negative lowers it."),
  currency: currencySchema,
  counterparty: ledgerAccountSchema.describe(
    "The other side of the transfer: where the money came from or went to (often the operator's expense account).",
  ),
  programId: programIdSchema.optional(),
  periodId: periodIdSchema.optional().describe("The half-month period the transfer belongs to."),
  sourceEventId: z.string().describe("The billing event (or derived event) whose effect posted it."),
  sourceEventType: z.string(),
  postedAt: isoDateTimeSchema,
  memo: z.string().describe("For people."),
  refereeAccountId: accountIdSchema.optional().describe("The referred customer whose payment it comes from."),
  payment: paymentReferenceSchema.optional().describe("The payment it earns from or claws back from."),
  depositReference: depositReferenceSchema
    .optional()
    .describe("A deposit movement's top-up (`top_up`, the billing system's id) or the order paid from the deposit (`order`)."),
  ruleId: z.string().optional(),
  rateBps: rateBpsSchema.optional().describe("The rate applied, in basis points."),
  basisMinor: sumMinorSchema.optional().describe("The amount the rate was applied to (a tier top-up's: the period's whole base)."),
  reversesTransferId: transferIdSchema
    .optional()
    .describe("A clawback names the transfer it reverses (in part or in full); replaces reversesEntryId."),
  reservationTransferId: transferIdSchema.optional().describe("A withdrawal's post or void names its reserve transfer."),
  reason: transferReasonSchema.optional().describe("Why it corrects an earlier transfer when it is not a refund or chargeback."),
});

export const ledgerPageSchema = z.object({
  accountId: accountIdSchema,
  entries: z.array(ledgerEntrySchema).describe("Newest first (by posting time, then transfer id)."),
  nextCursor: z.string().optional().describe("Present when there may be more entries."),
});

export const balanceQuerySchema = z.object({
  currency: currencySchema
    .optional()
    .describe("The operator's own accounts only (GET /accounts/operator/balance): the currency to read, required there."),
});

export const ledgerAccountBalanceSchema = z.object({
  kind: ledgerAccountKindSchema,
  balanceMinor: z.number().int().describe("On the account's normal side: what it holds (operator accounts: what they cost or hold)."),
  debitsMinor: z.number().int().min(0),
  creditsMinor: z.number().int().min(0),
  transferCount: z.number().int().min(0),
});

export const balanceSchema = z.object({
  currency: currencySchema,
  commissionPendingMinor: z
    .number()
    .int()
    .optional()
    .describe("Commission earned, waiting for the settlement of its period (customer accounts)."),
  commissionAvailableMinor: z
    .number()
    .int()
    .optional()
    .describe("Settled commission available to withdraw; may be negative after a clawback of paid-out commission (customer accounts)."),
  payoutReservedMinor: z.number().int().optional().describe("Set aside by requested withdrawals (customer accounts)."),
  creditGrantedMinor: z
    .number()
    .int()
    .optional()
    .describe("Account credit delivered to the billing system, net of clawbacks (customer accounts)."),
  depositMinor: z.number().int().optional().describe("A partner's prepaid deposit, never below zero (customer accounts)."),
  ledgerAccounts: z
    .array(ledgerAccountBalanceSchema)
    .describe("Every ledger account the holder has in this currency, each the sum of its transfers."),
});

export const balancesResponseSchema = z.object({
  accountId: accountIdSchema,
  balances: z
    .array(balanceSchema)
    .describe(
      "One per currency the account holds ledger accounts in, in currency order (amounts in different currencies are never added). The figures are absent for the operator's own accounts.",
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
export type BalanceQuery = z.infer<typeof balanceQuerySchema>;
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

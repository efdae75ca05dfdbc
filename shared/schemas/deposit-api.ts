/**
 * Request and response shapes of the deposit routes (ACTIVE 24's prepaid deposit): PUT
 * /accounts/{accountId}/deposit (the operator enables it), POST /accounts/{accountId}/deposit-debits
 * (an order paid from it), GET /accounts/{accountId}/deposit (balance and movements) and GET
 * /accounts/{accountId}/deposit/statements/{month}. Handlers parse with these; api-routes.ts lists them.
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, amountMinorSchema, currencySchema, earliestRequestDay, isoDateTimeSchema, pageQueryFields } from "./common.ts";
import { depositSettingsItemSchema } from "./deposit-items.ts";

export const depositPathSchema = z.object({ accountId: accountIdSchema });

export const enableDepositBodySchema = z.strictObject({
  requestReference: externalIdSchema.describe(
    "The partner's authorized request to have a deposit (the signed form, the ticket): recorded with it.",
  ),
  currency: currencySchema.describe("The deposit's one currency: top-ups and debits in another are refused."),
});

export const depositSettingsSchema = depositSettingsItemSchema.describe("The deposit as enabled: currency, the authorized request, when.");

export const enableDepositResponseSchema = z.object({
  created: z.boolean().describe("false when the deposit was enabled before (the same currency): nothing changed."),
  deposit: depositSettingsSchema,
});

export const depositDebitBodySchema = z.strictObject({
  orderId: externalIdSchema.describe("The order paid from the deposit: a debit is made once per order id, whatever is retried."),
  amountMinor: amountMinorSchema.min(1).describe("The order's amount, in minor units of the deposit's currency."),
  currency: currencySchema,
  description: z.string().trim().min(1).max(200).optional().describe("For people: shown on the movement and the statement."),
});

export const depositMovementSchema = z.object({
  transferId: z.string().describe("The ledger transfer of the movement."),
  kind: z.enum(["top_up", "order"]).describe("`top_up`: money paid in (deposit.topped_up); `order`: an order paid from the deposit."),
  reference: z.string().describe("The top-up id or the order id."),
  amountMinor: z.number().int().describe("The signed effect on the deposit: positive for a top-up, negative for an order."),
  postedAt: isoDateTimeSchema,
  memo: z.string(),
});

export const depositDebitResponseSchema = z.object({
  created: z.boolean().describe("false when this order was debited before (same amount and currency): nothing changed."),
  accountId: accountIdSchema,
  orderId: z.string(),
  amountMinor: z.number().int(),
  currency: currencySchema,
  transferId: z.string(),
  debitedAt: isoDateTimeSchema,
  balanceMinor: z.number().int().min(0).optional().describe("The deposit's balance right after this debit (absent for a repeated order)."),
});

export const depositQuerySchema = z.object({
  ...pageQueryFields("Movements"),
});

export const depositResponseSchema = z.object({
  accountId: accountIdSchema,
  deposit: depositSettingsSchema.optional().describe("Absent when the deposit is not enabled."),
  balanceMinor: z.number().int().min(0).describe("What the deposit holds now (0 when not enabled)."),
  movements: z.array(depositMovementSchema).describe("Newest first."),
  nextCursor: z.string().optional(),
});

export const depositStatementPathSchema = z.object({
  accountId: accountIdSchema,
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month, YYYY-MM")
    .refine((month) => month >= earliestRequestDay.slice(0, 7), `a month from ${earliestRequestDay.slice(0, 7)} on`)
    .describe("The calendar month, YYYY-MM, in the operator's time zone."),
});

export const depositStatementResponseSchema = z.object({
  accountId: accountIdSchema,
  currency: currencySchema,
  month: z.string(),
  timeZone: z.string(),
  from: isoDateTimeSchema.describe("The month's first instant (inclusive)."),
  to: isoDateTimeSchema.describe("The next month's first instant (exclusive)."),
  openingBalanceMinor: z.number().int(),
  toppedUpMinor: z.number().int().min(0),
  debitedMinor: z.number().int().min(0),
  closingBalanceMinor: z.number().int(),
  movements: z.array(depositMovementSchema).describe("The month's movements, oldest first: one document instead of one per order."),
});

export type EnableDepositBody = z.infer<typeof enableDepositBodySchema>;
export type DepositDebitBody = z.infer<typeof depositDebitBodySchema>;
export type DepositQuery = z.infer<typeof depositQuerySchema>;
export type DepositResponse = z.infer<typeof depositResponseSchema>;
export type DepositDebitResponse = z.infer<typeof depositDebitResponseSchema>;
export type DepositStatementResponse = z.infer<typeof depositStatementResponseSchema>;

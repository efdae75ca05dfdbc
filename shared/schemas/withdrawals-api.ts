/**
 * Request and response shapes of the withdrawal and contract routes: POST /accounts/{accountId}/withdrawals
 * (that account or the operator), the operator's GET /withdrawals, GET /withdrawals/{withdrawalId},
 * POST /withdrawals/{withdrawalId}/paid and /failed, PUT /accounts/{accountId}/contracts/{programId} and
 * its /revocation. Handlers parse with these; shared/schemas/api-routes.ts lists them for OpenAPI.
 */
import * as z from "zod";
import { accountIdSchema, currencySchema, localDateSchema, pageQueryFields, programIdSchema } from "./common.ts";
import {
  contractItemSchema,
  documentReferenceSchema,
  failureReasonSchema,
  payoutReferenceSchema,
  withdrawalIdSchema,
  withdrawalItemSchema,
  withdrawalStatusSchema,
} from "./withdrawal-items.ts";

export const withdrawalRequestBodySchema = z.strictObject({
  withdrawalId: withdrawalIdSchema,
  programId: programIdSchema.describe("The program whose payout policy applies (its threshold in the currency, its contract rule)."),
  currency: currencySchema.describe("The currency to withdraw in: the whole available commission in it is withdrawn."),
});

export const withdrawalSchema = withdrawalItemSchema.describe(
  "A withdrawal: `requested` (the amount is reserved in payout_reserved), then `paid` (posted to the operator's payout_clearing) or `failed` (the amount is back in commission_available), once.",
);

export const withdrawalResponseSchema = z.object({ withdrawal: withdrawalSchema });

export const withdrawalOutcomeResponseSchema = z.object({
  withdrawal: withdrawalSchema,
  changed: z.boolean().describe("false when the same outcome (same reference or reason) had been recorded before: nothing changed."),
});

export const withdrawalPathSchema = z.object({ withdrawalId: withdrawalIdSchema });

export const markWithdrawalPaidBodySchema = z.strictObject({
  payoutReference: payoutReferenceSchema.describe(
    "The operator's reference of the money transfer (bank transfer id, payment-provider payout id): sent on withdrawal.paid.",
  ),
});

export const markWithdrawalFailedBodySchema = z.strictObject({
  reason: failureReasonSchema.describe("Why the payout failed or was refused, for people: sent on withdrawal.failed."),
});

export const withdrawalListQuerySchema = z.object({
  status: withdrawalStatusSchema.default("requested").describe("Only withdrawals in this status (default requested: the ones to pay)."),
  ...pageQueryFields("Withdrawals"),
});

export const withdrawalPageSchema = z.object({
  status: withdrawalStatusSchema,
  withdrawals: z
    .array(withdrawalSchema)
    .describe(
      "Oldest request first. Read from an index: a withdrawal whose status changed a moment ago may still be listed under its old one.",
    ),
  nextCursor: z.string().optional().describe("Present when there may be more."),
});

export const contractPathSchema = z.object({ accountId: accountIdSchema, programId: programIdSchema });

export const recordContractBodySchema = z.strictObject({
  documentReference: documentReferenceSchema.describe("Where the signed contract is filed: a document number or archive path."),
  signedOn: localDateSchema.describe("The date it was signed (YYYY-MM-DD, the operator's calendar): not after today."),
});

export const revokeContractBodySchema = z.strictObject({
  revokedOn: localDateSchema.describe("The date the contract ended (YYYY-MM-DD): not after today, not before it was signed."),
  reason: z.string().trim().min(1).max(500).optional().describe("Why, for people."),
});

export const contractResponseSchema = z.object({
  contract: contractItemSchema,
  changed: z.boolean().describe("false when the same contract (or the same revocation) was already on file: nothing changed."),
});

export type WithdrawalRequestBody = z.infer<typeof withdrawalRequestBodySchema>;
export type WithdrawalListQuery = z.infer<typeof withdrawalListQuerySchema>;
export type WithdrawalPageResponse = z.infer<typeof withdrawalPageSchema>;

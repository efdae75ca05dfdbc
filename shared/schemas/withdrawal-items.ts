/**
 * Shapes of the stored items of withdrawals (docs/ledger.md, "Withdrawals"): the referral contract an
 * account has on file per program, the withdrawal itself (the business object around a two-phase
 * transfer), and the slot that keeps one withdrawal open per account, program and currency. Stores
 * parse what they read with these; the domain derives its types from them.
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, currencySchema, isoDateTimeSchema, localDateSchema, programIdSchema, sumMinorSchema } from "./common.ts";
import { transferIdSchema } from "./transfer-items.ts";

/** A withdrawal's id, chosen by the client that requests it (its idempotency key): unique across all accounts. */
export const withdrawalIdSchema = externalIdSchema.describe(
  "The withdrawal's id, chosen by the client (a UUID, or the payout request's id in the operator's portal): 1–128 characters of A-Z a-z 0-9 . _ : @ -, unique across all accounts. Sending the same request again returns the same withdrawal.",
);

/** What the operator's back office knows of a payout's money transfer (a bank reference, a payment-provider id). */
export const payoutReferenceSchema = z.string().trim().min(1).max(200);
export const failureReasonSchema = z.string().trim().min(1).max(500);
export const documentReferenceSchema = z.string().trim().min(1).max(200);

/** ACCOUNT#id / CONTRACT#program: the referral contract an account has on file in a program (the current state; one item per account and program). */
export const contractItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  documentReference: documentReferenceSchema.describe("Where the signed contract is filed (document number, archive path)."),
  signedOn: localDateSchema.describe("The date the contract was signed (YYYY-MM-DD)."),
  status: z
    .enum(["active", "revoked"])
    .describe("active: on file; revoked: no longer valid, withdrawals are refused until one is recorded again."),
  recordedAt: isoDateTimeSchema.describe("When the operator recorded this contract."),
  revokedOn: localDateSchema.optional().describe("The date the contract ended (YYYY-MM-DD), once revoked."),
  revokedAt: isoDateTimeSchema.optional().describe("When the operator recorded the revocation."),
  revocationReason: z.string().max(500).optional().describe("Why it was revoked, for people."),
});

export const withdrawalStatuses = ["requested", "paid", "failed"] as const;
export const withdrawalStatusSchema = z.enum(withdrawalStatuses);

/**
 * WITHDRAWAL#id / WITHDRAWAL: a withdrawal of the whole available commission of an account in one
 * currency, under one program's payout policy. `requested` holds the amount in payout_reserved (the
 * reservation); `paid` posted it to the operator's payout_clearing; `failed` voided it back to
 * commission_available. It changes status once, on condition it is still requested.
 */
export const withdrawalItemSchema = z.object({
  withdrawalId: withdrawalIdSchema,
  accountId: accountIdSchema,
  programId: programIdSchema,
  currency: currencySchema,
  amountMinor: sumMinorSchema.min(1).describe("The amount reserved: the whole available commission when it was requested."),
  status: withdrawalStatusSchema,
  requestedAt: isoDateTimeSchema,
  requestedBy: z.enum(["account", "operator"]).describe("Who asked: the account itself, or the operator on its behalf."),
  /** The reserve transfer (withdrawal_reserve), which is also the reservation's id. */
  reservationTransferId: transferIdSchema,
  /** The contract on file when it was requested, where the program requires one. */
  contractDocumentReference: documentReferenceSchema.optional(),
  /** The post (paid) or void (failed) transfer, once resolved. */
  resolvedByTransferId: transferIdSchema.optional(),
  paidAt: isoDateTimeSchema.optional(),
  payoutReference: payoutReferenceSchema.optional(),
  failedAt: isoDateTimeSchema.optional(),
  failureReason: failureReasonSchema.optional(),
});

/** ACCOUNT#id / WITHDRAWAL_SLOT#program#currency: which withdrawal is open, if any (at most one per account, program and currency). */
export const withdrawalSlotItemSchema = z.object({
  accountId: accountIdSchema,
  programId: programIdSchema,
  currency: currencySchema,
  openWithdrawalId: withdrawalIdSchema.optional(),
  openedAt: isoDateTimeSchema.optional(),
  lastClosedWithdrawalId: withdrawalIdSchema.optional(),
  updatedAt: isoDateTimeSchema,
});

export type ContractItem = z.infer<typeof contractItemSchema>;
export type WithdrawalStatus = z.infer<typeof withdrawalStatusSchema>;
export type WithdrawalItem = z.infer<typeof withdrawalItemSchema>;
export type WithdrawalSlotItem = z.infer<typeof withdrawalSlotItemSchema>;

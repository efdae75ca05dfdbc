/**
 * Shapes of the double-entry ledger's stored items (docs/ledger.md, "Accounts and transfers"):
 * ledger accounts, transfers and the state of two-phase transfers. Stores parse what they read with
 * these schemas; the domain (shared/domain/ledger/) derives its types from them.
 */
import * as z from "zod";
import { operatorHolder } from "../http-routes.ts";
import { accountIdSchema, currencySchema, isoDateTimeSchema, programIdSchema, rateBpsSchema, sumMinorSchema } from "./common.ts";
import { depositReferenceSchema, type EntryKind, paymentReferenceSchema, periodIdSchema, transferReasonSchema } from "./ledger-items.ts";

/** Ledger account kinds held by a customer account (a referrer or a partner). */
export const holderAccountKinds = [
  /** Commission earned, waiting for the settlement of its half-month period. */
  "commission_pending",
  /** Settled commission the referrer may withdraw; may go negative after a clawback of paid-out commission. */
  "commission_available",
  /** Commission set aside by a requested withdrawal until it is paid or fails. */
  "payout_reserved",
  /** Account credit delivered to the billing system (Ex2). */
  "credit_granted",
  /** A partner's prepaid deposit (ACTIVE 24); never below zero. */
  "deposit",
] as const;

/** Ledger account kinds held by the operator: where the money on the customer side comes from and goes to. */
export const operatorAccountKinds = [
  /** What commissions cost the operator. */
  "commission_expense",
  /** What account credit costs the operator. */
  "credit_expense",
  /** Money paid out to partners, leaving the ledger. */
  "payout_clearing",
  /** Money partners paid into their deposits, and what deposit orders consumed. */
  "deposit_funding",
] as const;

export const ledgerAccountKinds = [...holderAccountKinds, ...operatorAccountKinds] as const;
export const ledgerAccountKindSchema = z.enum(ledgerAccountKinds);

/** The operator as a holder: never a customer account id (holderAccount refuses it). */
export { operatorHolder };

/** A ledger account: (holder, kind, currency). The holder is a customer account id, or `operator` for the operator kinds. */
export const ledgerAccountSchema = z.object({
  holder: z.union([z.literal(operatorHolder), accountIdSchema]),
  kind: ledgerAccountKindSchema,
  currency: currencySchema,
});

/** What happened: the closed list of transfer codes. */
export const transferCodes = [
  "commission_accrual",
  "settlement_release",
  "tier_top_up",
  "commission_clawback",
  "credit_grant",
  "credit_clawback",
  "withdrawal_reserve",
  "withdrawal_post",
  "withdrawal_void",
  "deposit_top_up",
  "deposit_debit",
  "adjustment",
] as const;
export const transferCodeSchema = z.enum(transferCodes);

/** The ledger line kind (ledger-items `entryKinds`) each code is shown and filtered as. */
export const entryKindOfCode = {
  commission_accrual: "commission_accrued",
  settlement_release: "settlement",
  tier_top_up: "settlement",
  commission_clawback: "clawback",
  credit_grant: "credit",
  credit_clawback: "clawback",
  withdrawal_reserve: "payout",
  withdrawal_post: "payout",
  withdrawal_void: "payout",
  deposit_top_up: "deposit",
  deposit_debit: "deposit",
  adjustment: "adjustment",
} as const satisfies Record<(typeof transferCodes)[number], EntryKind>;

export const transferIdSchema = z.string().regex(/^tr_[0-9a-f]{24}$/);

/** One movement of money: from the debit account to the credit account, same currency, positive amount. Immutable. */
export const transferSchema = z.object({
  transferId: transferIdSchema,
  debit: ledgerAccountSchema,
  credit: ledgerAccountSchema,
  amountMinor: sumMinorSchema.min(1),
  currency: currencySchema,
  code: transferCodeSchema,
  sourceEventId: z.string().min(1).max(200),
  sourceEventType: z.string().min(1).max(64),
  postedAt: isoDateTimeSchema,
  memo: z.string().max(500),
  programId: programIdSchema.optional(),
  periodId: periodIdSchema.optional(),
  ruleId: z.string().max(64).optional(),
  rateBps: rateBpsSchema.optional(),
  /** The amount the rate was applied to (a tier top-up's: the period's whole base, a sum of payments). */
  basisMinor: sumMinorSchema.optional(),
  payment: paymentReferenceSchema.optional(),
  /** A deposit top-up or debit names the top-up or the order (deposit_top_up, deposit_debit). */
  depositReference: depositReferenceSchema.optional(),
  refereeAccountId: accountIdSchema.optional(),
  /** A clawback or void names the transfer it reverses (in part or in full). */
  reversesTransferId: transferIdSchema.optional(),
  /** A post or void names the reservation (first phase) it resolves. */
  reservationTransferId: transferIdSchema.optional(),
  /** Why it corrects an earlier transfer when it is not a refund or chargeback (the first payment moved: docs/ledger.md). */
  reason: transferReasonSchema.optional(),
});

/** ACCOUNT#holder / LEDGER_ACCOUNT#kind#currency, or an operator account's shard: sums of the transfers posted to it. */
export const ledgerAccountItemSchema = z.object({
  holder: z.string(),
  kind: ledgerAccountKindSchema,
  currency: currencySchema,
  /** Operator accounts only: which of the account's write shards this item is. */
  shard: z.number().int().min(0).optional(),
  debitsMinor: z.number().int().min(0),
  creditsMinor: z.number().int().min(0),
  /** On the account's normal side: credits − debits for holder kinds, debits − credits for operator kinds. */
  balanceMinor: z.number().int(),
  transferCount: z.number().int().min(0),
  updatedAt: isoDateTimeSchema,
});

export const reservationStatuses = ["reserved", "posted", "voided"] as const;

/** ACCOUNT#holder / RESERVATION#transferId: the state of a two-phase transfer (its first phase is the reserve transfer). */
export const reservationItemSchema = z.object({
  reservationTransferId: transferIdSchema,
  /** The reserve transfer: from the account the money came from to the account holding it meanwhile. */
  from: ledgerAccountSchema,
  held: ledgerAccountSchema,
  amountMinor: sumMinorSchema.min(1),
  currency: currencySchema,
  status: z.enum(reservationStatuses),
  reservedAt: isoDateTimeSchema,
  /** The post or void transfer, once resolved. */
  resolvedByTransferId: transferIdSchema.optional(),
  resolvedAt: isoDateTimeSchema.optional(),
});

export type HolderAccountKind = (typeof holderAccountKinds)[number];
export type OperatorAccountKind = (typeof operatorAccountKinds)[number];
export type LedgerAccountKind = z.infer<typeof ledgerAccountKindSchema>;
export type LedgerAccount = z.infer<typeof ledgerAccountSchema>;
export type TransferCode = z.infer<typeof transferCodeSchema>;
export type Transfer = z.infer<typeof transferSchema>;
export type LedgerAccountItem = z.infer<typeof ledgerAccountItemSchema>;
export type ReservationStatus = (typeof reservationStatuses)[number];
export type ReservationItem = z.infer<typeof reservationItemSchema>;

/**
 * A partner's prepaid deposit (ACTIVE 24): its settings item, and the record of each top-up by its
 * business id. The money itself is the `deposit` ledger account (docs/ledger.md, "Deposits").
 */
import * as z from "zod";
import { externalIdSchema } from "./billing-events.ts";
import { accountIdSchema, currencySchema, isoDateTimeSchema } from "./common.ts";

/** ACCOUNT#id / DEPOSIT: written once, when the operator enables the deposit on the partner's authorized request. */
export const depositSettingsItemSchema = z.object({
  accountId: accountIdSchema,
  currency: currencySchema,
  /** The authorized request's reference (the signed form, the ticket): why the deposit exists. */
  requestReference: externalIdSchema,
  enabledAt: isoDateTimeSchema,
});

/** EVENT#deposit-top-up:<topUpId> / DEPOSIT_TOP_UP: a top-up is credited once, whatever event id it came under. */
export const depositTopUpItemSchema = z.object({
  topUpId: externalIdSchema,
  accountId: accountIdSchema,
  eventId: z.string().min(1),
  payloadHash: z.string().min(1),
  transferId: z.string().min(1),
});

export type DepositSettingsItem = z.infer<typeof depositSettingsItemSchema>;
export type DepositTopUpItem = z.infer<typeof depositTopUpItemSchema>;
